// The history cache's format 4: round trips, lazy accessors, and that damage of any kind is refused.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "git/history_cache.h"
#include "git/history_data.h"
#include "util/binary_io.h"

using namespace opslint;

namespace {

git_oid oid_of(char c) {
  git_oid id{};
  std::memset(id.id, c, GIT_OID_RAWSZ);
  return id;
}

const std::string M47 = "ops/w/2026-47/minutes.md", A47 = "ops/w/2026-47/actions.md", M46 = "ops/w/2026-46/minutes.md";
const std::string kBacklog = "docs/BACKLOG.md";
constexpr uint64_t kFp = 0x1234;

FileVersion version(size_t commit, bool present, uint64_t record, std::vector<ActionFact> actions = {}) {
  FileVersion f;
  f.commit = commit;
  f.present = present;
  f.record_hash = record;
  f.actions = std::move(actions);
  return f;
}

Chain make_chain() {
  Chain c;
  c.tip = oid_of('\x11');
  const char* authors[] = {"dana", "li", "dana"};
  for (int i = 0; i < 3; ++i) {
    const git_oid id = oid_of(static_cast<char>(0x20 + i));
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, &id);
    c.view.commits.push_back(HistoryCommit{hex, std::string(hex).substr(0, 7), authors[i],
                                           Instant{std::chrono::seconds{1700000000 + i * 3600}}, false, false});
    c.ids.push_back(id);
    c.emails.push_back(std::string(authors[i]) + "@old.example.com");
  }
  c.view.files[M46] = {version(0, true, 7), version(2, false, 0)};
  c.view.files[M47] = {version(0, true, 1), version(2, true, 2)};
  c.view.files[A47] = {version(1, true, 0, {ActionFact{"A1", true, "Rotate the key", "key rotated", true, true,
                                                       "2026-11-20"}})};
  c.view.backlog.push_back({0, true, {{"IB-1", std::nullopt, EntryFact{"IB-1", "open", "it works"}}}});
  c.view.backlog.push_back({2, true, {{"IB-1", EntryFact{"IB-1", "open", "it works"}, EntryFact{"IB-1", "done", "x"}}}});
  c.tip_blobs[M47] = oid_of('\x31');
  c.tip_blobs[A47] = oid_of('\x32');
  c.tip_blobs[kBacklog] = oid_of('\x33');
  return c;
}

bool same_versions(const std::vector<FileVersion>& a, const std::vector<FileVersion>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].commit != b[i].commit || a[i].present != b[i].present || a[i].readable != b[i].readable ||
        a[i].record_hash != b[i].record_hash || a[i].actions.size() != b[i].actions.size())
      return false;
    for (size_t j = 0; j < a[i].actions.size(); ++j) {
      const ActionFact &x = a[i].actions[j], &y = b[i].actions[j];
      if (x.id != y.id || x.id_explicit != y.id_explicit || x.text != y.text || x.verification != y.verification ||
          x.closed != y.closed || x.done != y.done || x.due != y.due)
        return false;
    }
  }
  return true;
}

bool same_lists(const std::vector<ListVersion>& a, const std::vector<ListVersion>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].commit != b[i].commit || a[i].present != b[i].present || a[i].changes.size() != b[i].changes.size())
      return false;
    for (size_t j = 0; j < a[i].changes.size(); ++j)
      if (a[i].changes[j].id != b[i].changes[j].id || a[i].changes[j].before != b[i].changes[j].before ||
          a[i].changes[j].after != b[i].changes[j].after)
        return false;
  }
  return true;
}

void check_same_chain(const Chain& got, const Chain& want) {
  REQUIRE(got.view.commits.size() == want.view.commits.size());
  for (size_t i = 0; i < want.view.commits.size(); ++i) {
    CHECK(got.view.commits[i].id == want.view.commits[i].id);
    CHECK(got.view.commits[i].short_id == want.view.commits[i].short_id);
    CHECK(got.view.commits[i].author == want.view.commits[i].author);
    CHECK(got.view.commits[i].time == want.view.commits[i].time);
    CHECK(got.emails[i] == want.emails[i]);
    CHECK(git_oid_equal(&got.ids[i], &want.ids[i]));
  }
  REQUIRE(got.view.files.size() == want.view.files.size());
  for (const auto& [path, versions] : want.view.files) {
    REQUIRE(got.view.files.count(path) == 1);
    CHECK(same_versions(got.view.files.at(path), versions));
  }
  CHECK(same_lists(got.view.backlog, want.view.backlog));
  CHECK(same_lists(got.view.archive, want.view.archive));
  REQUIRE(got.tip_blobs.size() == want.tip_blobs.size());
  for (const auto& [path, id] : want.tip_blobs) CHECK(git_oid_equal(&got.tip_blobs.at(path), &id));
}

// Changes bytes of an encoded chain and gives it a valid checksum again: what a reader must refuse
// on its own terms, not only by the checksum.
std::string forged(std::string bytes, size_t at, std::string_view with) {
  bytes.replace(at, with.size(), with);
  const std::string_view body(bytes.data(), bytes.size() - 8);
  Writer w;
  w.u64(checksum(body));
  bytes.replace(bytes.size() - 8, 8, w.bytes());
  return bytes;
}

}  // namespace

TEST_CASE("history cache: a chain round-trips through format 4, in memory and on disk") {
  const Chain c = make_chain();
  const std::string bytes = ChainStore::encode(c, kFp);
  auto s = ChainStore::from_bytes(bytes, c.tip, kFp);
  REQUIRE(s);
  Chain back = s->chain();
  back.tip = c.tip;
  check_same_chain(back, c);
  CHECK(s->complete());
  CHECK(s->authors().size() == 2);  // dana's two commits share one pair
  CHECK(s->author(0) == s->author(2));
  CHECK(s->paths() == 3);
  REQUIRE(s->find(M47));
  CHECK_FALSE(s->find("ops/w/2026-48/minutes.md"));
  CHECK(s->last_present(*s->find(M47)));
  CHECK_FALSE(s->last_present(*s->find(M46)));
  const auto changed = s->changed(2);
  REQUIRE(changed.size() == 2);
  CHECK(s->path(changed[0]) == M46);
  CHECK(s->path(changed[1]) == M47);
  CHECK(s->changed(1).size() == 1);
  const auto backlog_blob = s->tip_blob(kBacklog);
  REQUIRE(backlog_blob);
  CHECK(git_oid_equal(&*backlog_blob, &c.tip_blobs.at(kBacklog)));
  CHECK_FALSE(s->tip_blob(M46));

  // Moving a store keeps its views valid (small in-memory buffers move their bytes).
  ChainStore moved = std::move(*s);
  CHECK(same_versions(moved.versions(*moved.find(A47)), c.view.files.at(A47)));

  const auto dir = std::filesystem::temp_directory_path() / "opslint-history-cache-test";
  std::filesystem::remove_all(dir);
  const std::string file = chain_cache_file(dir.string(), c.tip, kFp);
  write_chain(file, c, kFp);
  auto opened = ChainStore::open(file, c.tip, kFp);
  REQUIRE(opened);
  CHECK(opened->bytes() == bytes);
  auto read = read_chain(file, c.tip, kFp);
  REQUIRE(read);
  check_same_chain(*read, c);
  CHECK_FALSE(ChainStore::open(file, oid_of('\x12'), kFp));  // another tip
  CHECK_FALSE(ChainStore::open(file, c.tip, kFp + 1));        // another configuration
  std::filesystem::remove_all(dir);
}

TEST_CASE("history cache: damaged, truncated, forged and older files are refused") {
  const Chain c = make_chain();
  const std::string bytes = ChainStore::encode(c, kFp);
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string damaged = bytes;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x40);
    CHECK_FALSE(ChainStore::from_bytes(damaged, c.tip, kFp));
  }
  for (size_t n = 0; n < bytes.size(); ++n) CHECK_FALSE(ChainStore::from_bytes(bytes.substr(0, n), c.tip, kFp));
  CHECK_FALSE(ChainStore::from_bytes(bytes + "x", c.tip, kFp));
  // Format 3 (the whole file decoded at once) is rebuilt, not misread.
  CHECK_FALSE(ChainStore::from_bytes(forged(bytes, 16, std::string("\x03\0\0\0", 4)), c.tip, kFp));
  // With a valid checksum, structure is still checked: an author index out of range (the first
  // commit record starts after the header: magic, format, tip, fingerprint, complete, reason,
  // commit count and the commits section's length).
  const size_t first_commit = 16 + 4 + GIT_OID_RAWSZ + 8 + 1 + 4 + 4 + 8;
  CHECK(ChainStore::from_bytes(forged(bytes, first_commit + GIT_OID_RAWSZ + 8, std::string("\0\0\0\0", 4)),
                               c.tip, kFp));
  CHECK_FALSE(ChainStore::from_bytes(forged(bytes, first_commit + GIT_OID_RAWSZ + 8, std::string("\x09\0\0\0", 4)),
                                     c.tip, kFp));
  // A section length past the end.
  CHECK_FALSE(ChainStore::from_bytes(forged(bytes, first_commit - 8, std::string("\xff\xff\0\0\0\0\0\0", 8)), c.tip,
                                     kFp));
}

TEST_CASE("history cache: ChainHistory decodes on demand and adds the uncommitted version") {
  const Chain c = make_chain();
  auto store = std::make_shared<const ChainStore>(*ChainStore::from_bytes(ChainStore::encode(c, kFp), c.tip, kFp));
  ChainHistory h(store, {"Dana Fischer", "Li"}, 1);
  CHECK(h.commit_count() == 3);
  CHECK(h.first_reported() == 1);
  CHECK(h.commit(0).author == "Dana Fischer");
  CHECK(h.commit(1).author == "Li");
  CHECK(h.commit(2).id == c.view.commits[2].id);
  CHECK(h.commit(2).short_id == c.view.commits[2].short_id);
  CHECK(h.time(1) == c.view.commits[1].time);
  CHECK(h.uncommitted().empty());
  CHECK(h.uncommitted_lists(false).empty());
  const uint64_t digest = h.committed_digest();
  CHECK(ChainHistory(store, {"Dana Fischer", "Li"}, 0).committed_digest() == digest);
  CHECK(ChainHistory(store, {"Dana F.", "Li"}, 0).committed_digest() != digest);  // .mailmap changed

  HistoryCommit staged;
  staged.short_id = "the staged change";
  staged.uncommitted = true;
  staged.time = Instant{std::chrono::seconds{1800000000}};
  std::map<std::string, FileVersion> files;
  files[M47] = version(0, true, 3);
  files["ops/w/2026-49/minutes.md"] = version(0, true, 4);
  h.add_uncommitted(staged, files, ListVersion{0, true, {{"IB-2", std::nullopt, EntryFact{"IB-2", "open", "v"}}}},
                    std::nullopt);
  CHECK(h.commit_count() == 4);
  CHECK(h.uncommitted() == std::vector<size_t>{3});
  CHECK(h.commit(3).short_id == "the staged change");
  CHECK(h.time(3) == staged.time);
  const auto changed = h.changed_in(3);
  CHECK(changed == std::vector<std::string>{M47, "ops/w/2026-49/minutes.md"});
  CHECK(h.changed_in(2) == std::vector<std::string>{M46, M47});
  auto paths = h.paths();
  std::sort(paths.begin(), paths.end());
  CHECK(paths == std::vector<std::string>{M46, A47, M47, "ops/w/2026-49/minutes.md"});
  const auto* m47 = h.versions(M47);
  REQUIRE(m47);
  REQUIRE(m47->size() == 3);
  CHECK(m47->back().commit == 3);
  CHECK(m47->back().record_hash == 3);
  CHECK(h.versions(M47) == m47);  // decoded once, stable
  CHECK_FALSE(h.versions("ops/w/2026-50/minutes.md"));
  REQUIRE(h.uncommitted_lists(false).size() == 1);
  CHECK(h.uncommitted_lists(false)[0]->commit == 3);
  CHECK(h.uncommitted_lists(true).empty());
  REQUIRE(h.backlog().size() == 3);
  CHECK(h.backlog().back().changes[0].id == "IB-2");
  CHECK(h.archive().empty());

  const HistoryView v = h.view();
  CHECK(v.first_reported == 1);
  REQUIRE(v.commits.size() == 4);
  CHECK(v.commits[3].uncommitted);
  CHECK(v.commits[1].author == "Li");
  CHECK(v.files.size() == 4);
  CHECK(same_versions(v.files.at(A47), c.view.files.at(A47)));
  CHECK(v.backlog.size() == 3);
}
