// The history cache: one binary file per tip commit, in sections, checksummed, validated on every read.
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
constexpr uint32_t kFormat = 4;  // 2: actions carry done and due; 3: the word-wise checksum; 4: sections, read lazily
constexpr size_t kCommitBytes = GIT_OID_RAWSZ + 8 + 4 + 1;  // id, time, author, boundary

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
    w.u8(v.readable ? 1 : 0);
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
    v.readable = r.flag();
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

void put_versions(Writer& w, const std::vector<FileVersion>& versions) {
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

bool get_versions(Reader& r, std::vector<FileVersion>& versions, size_t commits) {
  versions.resize(r.count(18));
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
    if (!r.ok() || f.commit >= commits) return false;
  }
  return r.done();
}

// A section: its length, then its bytes.
void put_section(Writer& w, Writer& section) {
  w.u64(section.bytes().size());
  w.bytes().append(section.bytes());
}

}  // namespace

std::string chain_cache_file(const std::string& dir, const git_oid& tip, uint64_t fingerprint) {
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, &tip);
  return fmt::format("{}/{}-{:016x}", dir, hex, fingerprint);
}

std::string ChainStore::encode(const Chain& c, uint64_t fingerprint) {
  const HistoryView& v = c.view;
  Writer w = framed_writer(kMagic, kFormat);
  w.oid(c.tip);
  w.u64(fingerprint);
  w.u8(v.complete ? 1 : 0);
  w.str(v.incomplete_reason);
  w.u32(static_cast<uint32_t>(v.commits.size()));
  // The authors, each distinct pair once; the commits as fixed-size records.
  std::map<std::pair<std::string_view, std::string_view>, uint32_t> author_ids;
  Writer authors, commits;
  std::vector<std::pair<std::string_view, std::string_view>> pairs;
  for (size_t i = 0; i < v.commits.size(); ++i) {
    const auto key = std::make_pair(std::string_view(v.commits[i].author), std::string_view(c.emails[i]));
    auto [it, added] = author_ids.emplace(key, static_cast<uint32_t>(pairs.size()));
    if (added) pairs.push_back(key);
    commits.oid(c.ids[i]);
    commits.u64(static_cast<uint64_t>(v.commits[i].time.time_since_epoch().count()));
    commits.u32(it->second);
    commits.u8(v.commits[i].boundary ? 1 : 0);
  }
  authors.u32(static_cast<uint32_t>(pairs.size()));
  for (const auto& [name, email] : pairs) {
    authors.str(name);
    authors.str(email);
  }
  // Each period file's versions, a byte range of the files section, and what each commit changed.
  Writer index, files;
  std::vector<std::vector<uint32_t>> changed(v.commits.size());
  index.u32(static_cast<uint32_t>(v.files.size()));
  uint32_t k = 0;
  for (const auto& [path, versions] : v.files) {
    const size_t start = files.bytes().size();
    put_versions(files, versions);
    index.str(path);
    index.u8(!versions.empty() && versions.back().present ? 1 : 0);
    index.u32(static_cast<uint32_t>(start));
    index.u32(static_cast<uint32_t>(files.bytes().size() - start));
    for (const FileVersion& f : versions)
      if (f.commit < changed.size() && (changed[f.commit].empty() || changed[f.commit].back() != k))
        changed[f.commit].push_back(k);
    ++k;
  }
  Writer changes;
  uint32_t at = 0;
  for (const auto& paths : changed) {
    changes.u32(at);
    at += static_cast<uint32_t>(paths.size());
  }
  changes.u32(at);
  for (const auto& paths : changed)
    for (uint32_t p : paths) changes.u32(p);
  Writer backlog, archive, tips;
  put_list(backlog, v.backlog);
  put_list(archive, v.archive);
  tips.u32(static_cast<uint32_t>(c.tip_blobs.size()));
  for (const auto& [path, id] : c.tip_blobs) {
    tips.str(path);
    tips.oid(id);
  }
  for (Writer* s : {&commits, &authors, &index, &changes, &files, &backlog, &archive, &tips}) put_section(w, *s);
  seal_frame(w);
  return std::move(w.bytes());
}

void write_chain_bytes(const std::string& file, std::string_view bytes) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(file).parent_path(), ec);
  if (!ec) (void)write_cache_atomic(file, std::string(bytes), true);
}

void write_chain(const std::string& file, const Chain& c, uint64_t fingerprint) {
  write_chain_bytes(file, ChainStore::encode(c, fingerprint));
}

ChainStore::ChainStore(ChainStore&& o) noexcept { *this = std::move(o); }

ChainStore& ChainStore::operator=(ChainStore&& o) noexcept {
  if (this == &o) return *this;
  // The views point into the mapping or into own_; a moved std::string may move its bytes (SSO),
  // so everything is re-parsed from the moved bytes rather than copied.
  const bool owned = !o.map_;
  map_ = std::move(o.map_);
  own_ = std::move(o.own_);
  const std::string_view old = o.bytes_;
  bytes_ = owned ? std::string_view(own_) : map_->bytes();
  auto rebase = [&](std::string_view s) {
    return s.data() ? std::string_view(bytes_.data() + (s.data() - old.data()), s.size()) : s;
  };
  complete_ = o.complete_;
  reason_ = std::move(o.reason_);
  ncommits_ = o.ncommits_;
  commits_ = rebase(o.commits_);
  changes_ = rebase(o.changes_);
  backlog_ = rebase(o.backlog_);
  archive_ = rebase(o.archive_);
  authors_ = std::move(o.authors_);
  paths_ = std::move(o.paths_);
  for (Path& p : paths_) {
    p.path = rebase(p.path);
    p.versions = rebase(p.versions);
  }
  tips_ = std::move(o.tips_);
  for (auto& t : tips_) t.first = rebase(t.first);
  digest_ = o.digest_;
  return *this;
}

ChainStore::~ChainStore() = default;

std::optional<ChainStore> ChainStore::open(const std::string& file, const git_oid& tip, uint64_t fingerprint) {
  ChainStore s;
  s.map_ = MappedFile::open(file);
  if (!s.map_) return std::nullopt;
  s.bytes_ = s.map_->bytes();
  if (!s.parse(tip, fingerprint)) return std::nullopt;
  return s;
}

std::optional<ChainStore> ChainStore::from_bytes(std::string bytes, const git_oid& tip, uint64_t fingerprint) {
  ChainStore s;
  s.own_ = std::move(bytes);
  s.bytes_ = s.own_;
  if (!s.parse(tip, fingerprint)) return std::nullopt;
  return s;
}

bool ChainStore::parse(const git_oid& tip, uint64_t fingerprint) {
  auto framed = open_frame(bytes_, kMagic, kFormat);
  if (!framed) return false;
  Reader& r = *framed;
  const git_oid id = r.oid();
  if (!r.ok() || !git_oid_equal(&id, &tip) || r.u64() != fingerprint) return false;
  complete_ = r.flag();
  reason_ = r.str();
  ncommits_ = r.u32();
  std::string_view sections[8];
  for (std::string_view& s : sections) {
    const uint64_t n = r.u64();
    if (!r.ok() || n > bytes_.size()) return false;
    s = r.take(static_cast<size_t>(n));
  }
  if (!r.done()) return false;
  commits_ = sections[0];
  changes_ = sections[3];
  backlog_ = sections[5];
  archive_ = sections[6];
  if (commits_.size() != ncommits_ * kCommitBytes) return false;
  digest_ = checksum(commits_) * 1099511628211ull ^ checksum(sections[1]);

  Reader a(sections[1]);
  authors_.resize(a.count(8));
  for (auto& [name, email] : authors_) {
    name = a.str();
    email = a.str();
  }
  if (!a.done()) return false;
  for (size_t i = 0; i < ncommits_; ++i)
    if (author(i) >= authors_.size()) return false;

  Reader p(sections[2]);
  const std::string_view files = sections[4];
  paths_.resize(p.count(13));
  for (Path& e : paths_) {
    e.path = p.view();
    e.last_present = p.flag();
    const uint32_t start = p.u32(), len = p.u32();
    if (!p.ok() || static_cast<uint64_t>(start) + len > files.size()) return false;
    e.versions = files.substr(start, len);
  }
  if (!p.done()) return false;
  for (size_t k = 1; k < paths_.size(); ++k)
    if (!(paths_[k - 1].path < paths_[k].path)) return false;

  // What each commit changed: offsets (ncommits + 1, ascending), then the path indexes.
  const size_t table = (ncommits_ + 1) * 4;
  if (changes_.size() < table) return false;
  const uint32_t total = static_cast<uint32_t>(load_le(changes_.data() + ncommits_ * 4, 4));
  if (changes_.size() != table + static_cast<uint64_t>(total) * 4) return false;
  for (size_t i = 0; i < ncommits_; ++i)
    if (load_le(changes_.data() + i * 4, 4) > load_le(changes_.data() + (i + 1) * 4, 4)) return false;
  for (size_t j = 0; j < total; ++j)
    if (load_le(changes_.data() + table + j * 4, 4) >= paths_.size()) return false;

  Reader t(sections[7]);
  tips_.resize(t.count(4 + GIT_OID_RAWSZ));
  for (auto& [path, blob] : tips_) {
    path = t.view();
    blob = t.oid();
  }
  if (!t.done()) return false;
  for (size_t k = 1; k < tips_.size(); ++k)
    if (!(tips_[k - 1].first < tips_[k].first)) return false;
  return true;
}

git_oid ChainStore::id(size_t i) const {
  git_oid id{};
  std::memcpy(id.id, commits_.data() + i * kCommitBytes, GIT_OID_RAWSZ);
  return id;
}

Instant ChainStore::time(size_t i) const {
  const auto t = static_cast<int64_t>(load_le(commits_.data() + i * kCommitBytes + GIT_OID_RAWSZ, 8));
  return Instant{std::chrono::seconds{t}};
}

uint32_t ChainStore::author(size_t i) const {
  return static_cast<uint32_t>(load_le(commits_.data() + i * kCommitBytes + GIT_OID_RAWSZ + 8, 4));
}

bool ChainStore::boundary(size_t i) const { return commits_[i * kCommitBytes + GIT_OID_RAWSZ + 12] != 0; }

std::optional<size_t> ChainStore::find(std::string_view path) const {
  auto it = std::lower_bound(paths_.begin(), paths_.end(), path,
                             [](const Path& p, std::string_view x) { return p.path < x; });
  if (it == paths_.end() || it->path != path) return std::nullopt;
  return static_cast<size_t>(it - paths_.begin());
}

std::vector<FileVersion> ChainStore::versions(size_t k) const {
  std::vector<FileVersion> out;
  Reader r(paths_[k].versions);
  if (!get_versions(r, out, ncommits_)) out.clear();  // cannot happen in a checksummed file of ours
  return out;
}

std::vector<uint32_t> ChainStore::changed(size_t i) const {
  const size_t table = (ncommits_ + 1) * 4;
  const auto from = load_le(changes_.data() + i * 4, 4), to = load_le(changes_.data() + (i + 1) * 4, 4);
  std::vector<uint32_t> out;
  for (auto j = from; j < to; ++j) out.push_back(static_cast<uint32_t>(load_le(changes_.data() + table + j * 4, 4)));
  return out;
}

std::vector<ListVersion> ChainStore::list(std::string_view bytes) const {
  std::vector<ListVersion> out;
  Reader r(bytes);
  if (!get_list(r, out, ncommits_) || !r.done()) out.clear();  // cannot happen in a checksummed file of ours
  return out;
}

std::optional<git_oid> ChainStore::tip_blob(std::string_view path) const {
  auto it = std::lower_bound(tips_.begin(), tips_.end(), path,
                             [](const auto& t, std::string_view x) { return t.first < x; });
  if (it == tips_.end() || it->first != path) return std::nullopt;
  return it->second;
}

Chain ChainStore::chain() const {
  Chain c;
  c.tip = {};
  HistoryView& v = c.view;
  v.complete = complete_;
  v.incomplete_reason = reason_;
  v.commits.resize(ncommits_);
  c.ids.resize(ncommits_);
  c.emails.resize(ncommits_);
  for (size_t i = 0; i < ncommits_; ++i) {
    c.ids[i] = id(i);
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, &c.ids[i]);
    HistoryCommit& hc = v.commits[i];
    hc.id = hex;
    hc.short_id = hc.id.substr(0, 7);
    hc.author = authors_[author(i)].first;
    hc.time = time(i);
    hc.boundary = boundary(i);
    c.emails[i] = authors_[author(i)].second;
  }
  for (size_t k = 0; k < paths_.size(); ++k) v.files.emplace(std::string(paths_[k].path), versions(k));
  v.backlog = backlog();
  v.archive = archive();
  for (const auto& [path, blob] : tips_) c.tip_blobs.emplace(std::string(path), blob);
  return c;
}

std::optional<Chain> read_chain(const std::string& file, const git_oid& tip, uint64_t fingerprint) {
  auto s = ChainStore::open(file, tip, fingerprint);
  if (!s) return std::nullopt;
  Chain c = s->chain();
  c.tip = tip;
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
