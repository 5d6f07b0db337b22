// The history cache: one binary file per tip commit, checksummed, validated on every read.
#include "git/history_cache.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "util/binary_io.h"
#include "util/fs.h"
#include "util/mapped_file.h"

namespace opslint {

namespace {

constexpr char kMagic[16] = {'o', 'p', 's', 'l', 'i', 'n', 't', '-', 'h', 'i', 's', 't', 'o', 'r', 'y', '\n'};
constexpr uint32_t kFormat = 3;  // 2: actions carry done and due; 3: the word-wise checksum

void put_entry(Writer& w, const std::optional<EntryFact>& e) {
  w.u8(e ? 1 : 0);
  if (!e) return;
  w.str(e->status);
  w.str(e->verification);
}

std::optional<EntryFact> get_entry(Reader& r, const std::string& id) {
  if (!r.flag()) return std::nullopt;
  EntryFact e{id, r.str(), r.str()};
  return e;
}

void put_list(Writer& w, const std::vector<ListVersion>& list) {
  w.u32(static_cast<uint32_t>(list.size()));
  for (const ListVersion& v : list) {
    w.u32(static_cast<uint32_t>(v.commit));
    w.u8(v.present ? 1 : 0);
    w.u32(static_cast<uint32_t>(v.changes.size()));
    for (const EntryChange& c : v.changes) {
      w.str(c.id);
      put_entry(w, c.before);
      put_entry(w, c.after);
    }
  }
}

bool get_list(Reader& r, std::vector<ListVersion>& list, size_t commits) {
  const uint32_t n = r.count(9);
  list.resize(n);
  for (ListVersion& v : list) {
    v.commit = r.u32();
    v.present = r.flag();
    v.changes.resize(r.count(6));
    for (EntryChange& c : v.changes) {
      c.id = r.str();
      c.before = get_entry(r, c.id);
      c.after = get_entry(r, c.id);
    }
    if (!r.ok() || v.commit >= commits) return false;
  }
  return r.ok();
}

}  // namespace

std::string chain_cache_file(const std::string& dir, const git_oid& tip, uint64_t fingerprint) {
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, &tip);
  return fmt::format("{}/{}-{:016x}", dir, hex, fingerprint);
}

void write_chain(const std::string& file, const Chain& c, uint64_t fingerprint) {
  Writer w;
  w.bytes().append(kMagic, sizeof kMagic);
  w.u32(kFormat);
  w.oid(c.tip);
  w.u64(fingerprint);
  const HistoryView& v = c.view;
  w.u32(static_cast<uint32_t>(v.commits.size()));
  for (size_t i = 0; i < v.commits.size(); ++i) {
    w.oid(c.ids[i]);
    w.u64(static_cast<uint64_t>(v.commits[i].time.time_since_epoch().count()));
    w.str(v.commits[i].author);
    w.str(c.emails[i]);
  }
  w.u32(static_cast<uint32_t>(v.files.size()));
  for (const auto& [path, versions] : v.files) {
    w.str(path);
    w.u32(static_cast<uint32_t>(versions.size()));
    for (const FileVersion& f : versions) {
      w.u32(static_cast<uint32_t>(f.commit));
      w.u8(f.present ? 1 : 0);
      w.u8(f.readable ? 1 : 0);
      w.u64(f.record_hash);
      w.u32(static_cast<uint32_t>(f.actions.size()));
      for (const ActionFact& a : f.actions) {
        w.str(a.id);
        w.u8(a.id_explicit ? 1 : 0);
        w.str(a.text);
        w.str(a.verification);
        w.u8(a.closed ? 1 : 0);
        w.u8(a.done ? 1 : 0);
        w.str(a.due);
      }
    }
  }
  put_list(w, v.backlog);
  put_list(w, v.archive);
  w.u32(static_cast<uint32_t>(c.tip_blobs.size()));
  for (const auto& [path, id] : c.tip_blobs) {
    w.str(path);
    w.oid(id);
  }
  w.u64(checksum(w.bytes()));
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(file).parent_path(), ec);
  if (!ec) (void)write_atomic(file, w.bytes(), true);
}

std::optional<Chain> read_chain(const std::string& file, const git_oid& tip, uint64_t fingerprint) {
  const auto mapped = MappedFile::open(file);
  if (!mapped) return std::nullopt;
  const std::string_view bytes = mapped->bytes();
  if (bytes.size() < sizeof kMagic + 8 || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) return std::nullopt;
  const std::string_view body(bytes.data(), bytes.size() - 8);
  Reader sum(bytes.substr(body.size()));
  if (sum.u64() != checksum(body)) return std::nullopt;

  Reader r(body.substr(sizeof kMagic));
  if (r.u32() != kFormat) return std::nullopt;
  Chain c;
  c.tip = r.oid();
  if (!r.ok() || !git_oid_equal(&c.tip, &tip) || r.u64() != fingerprint) return std::nullopt;
  HistoryView& v = c.view;
  const uint32_t ncommits = r.count(GIT_OID_RAWSZ + 16);
  v.commits.resize(ncommits);
  c.ids.resize(ncommits);
  c.emails.resize(ncommits);
  for (uint32_t i = 0; i < ncommits && r.ok(); ++i) {
    c.ids[i] = r.oid();
    v.commits[i].time = Instant{std::chrono::seconds{static_cast<int64_t>(r.u64())}};
    v.commits[i].author = r.str();
    c.emails[i] = r.str();
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, &c.ids[i]);
    v.commits[i].id = hex;
    v.commits[i].short_id = v.commits[i].id.substr(0, 7);
  }
  const uint32_t nfiles = r.count(8);
  for (uint32_t i = 0; i < nfiles && r.ok(); ++i) {
    std::string path = r.str();
    std::vector<FileVersion> versions(r.count(18));
    for (FileVersion& f : versions) {
      f.commit = r.u32();
      f.present = r.flag();
      f.readable = r.flag();
      f.record_hash = r.u64();
      f.actions.resize(r.count(19));
      for (ActionFact& a : f.actions) {
        a.id = r.str();
        a.id_explicit = r.flag();
        a.text = r.str();
        a.verification = r.str();
        a.closed = r.flag();
        a.done = r.flag();
        a.due = r.str();
      }
      if (f.commit >= ncommits) r.fail();
    }
    v.files.emplace(std::move(path), std::move(versions));
  }
  if (!get_list(r, v.backlog, ncommits) || !get_list(r, v.archive, ncommits)) return std::nullopt;
  const uint32_t nblobs = r.count(4 + GIT_OID_RAWSZ);
  for (uint32_t i = 0; i < nblobs && r.ok(); ++i) {
    std::string path = r.str();
    c.tip_blobs.emplace(std::move(path), r.oid());
  }
  if (!r.done()) return std::nullopt;
  return c;
}

void prune_chain_cache(const std::string& dir, size_t keep) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<std::pair<fs::file_time_type, fs::path>> files;
  const auto stale = fs::file_time_type::clock::now() - std::chrono::hours(1);
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::error_code e2;
    const auto t = e.last_write_time(e2);
    if (e2 || !e.is_regular_file(e2)) continue;
    if (e.path().filename().string().starts_with(".")) {  // another run's temporary file, or a crashed one's
      if (t < stale) fs::remove(e.path(), e2);
      continue;
    }
    files.emplace_back(t, e.path());
  }
  if (files.size() <= keep) return;
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t i = keep; i < files.size(); ++i) fs::remove(files[i].second, ec);
}

}  // namespace opslint
