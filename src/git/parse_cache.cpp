// The parse cache's packs: a header (magic, format, fingerprint, entry count, index size), the
// index ((key, head, body offset, size and checksum) per entry) and its checksum, then the bodies.
#include "git/parse_cache.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fmt/format.h>
#include <random>

#include "util/binary_io.h"
#include "util/fs.h"
#include "util/mapped_file.h"

namespace opslint {

namespace {

constexpr char kMagic[16] = {'o', 'p', 's', 'l', 'i', 'n', 't', '-', 'p', 'a', 'r', 's', 'e', 'd', '\n', '\0'};
constexpr uint32_t kFormat = 2;  // 2: an index of keys and heads before the bodies, each body checksummed
constexpr size_t kHeader = sizeof kMagic + 4 + 8 + 4 + 8;
constexpr size_t kMinIndexEntry = 1 + 1 + 8 + 4 + 8;
constexpr size_t kMaxPacks = 8;  // more than this many packs: the next flush compacts them

// The pack at `path`, mapped (its pages are read when touched), when it was written for
// `fingerprint` (checked before mapping it).
std::optional<MappedFile> map_pack(const std::string& path, uint64_t fingerprint) {
  const std::string head = MappedFile::head(path, sizeof kMagic + 12);
  if (head.empty() || head.compare(0, sizeof kMagic, kMagic, sizeof kMagic) != 0) return std::nullopt;
  Reader r(std::string_view(head).substr(sizeof kMagic));
  if (r.u32() != kFormat || r.u64() != fingerprint) return std::nullopt;
  auto m = MappedFile::open(path, false);
  if (!m || m->bytes().size() < kHeader + 8) return std::nullopt;
  return m;
}

// A pack's entries, by key; nullopt when its index is damaged or names bytes the pack lacks.
std::optional<std::vector<std::pair<std::string_view, ParseCache::Entry>>> read_index(std::string_view all) {
  Reader h(all.substr(sizeof kMagic + 12, kHeader - sizeof kMagic - 12));
  const uint32_t count = h.u32();
  const uint64_t size = h.u64();
  if (!h.done() || size > all.size() - kHeader - 8) return std::nullopt;
  Reader sum(all.substr(kHeader + size, 8));
  if (sum.u64() != checksum(all.substr(0, kHeader + size))) return std::nullopt;
  const std::string_view data = all.substr(kHeader + size + 8);
  Reader r(all.substr(kHeader, size));
  std::vector<std::pair<std::string_view, ParseCache::Entry>> out;
  out.reserve(std::min<uint64_t>(count, size / kMinIndexEntry));
  for (uint32_t i = 0; i < count && r.ok(); ++i) {
    const std::string_view key = r.vview();
    ParseCache::Entry e;
    e.head = r.vview();
    const uint64_t at = r.u64();
    const uint32_t n = r.u32();
    e.body_sum = r.u64();
    if (at > data.size() || n > data.size() - at) return std::nullopt;
    e.body = data.substr(at, n);
    out.emplace_back(key, e);
  }
  if (!r.done()) return std::nullopt;
  return out;
}

// A fresh, unique pack name: concurrent writers never pick the same one.
std::string pack_name() {
  std::random_device rd;
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return fmt::format("{:016x}-{}-{:08x}.pack", std::chrono::duration_cast<std::chrono::microseconds>(now).count(),
                     ::getpid(), rd());
}

}  // namespace

ParseCache::ParseCache(std::string dir, uint64_t fingerprint) : dir_(std::move(dir)), fingerprint_(fingerprint) {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir_, ec)) {
    const std::string name = e.path().filename().string();
    if (name.starts_with(".") || !name.ends_with(".pack")) continue;
    auto mapped = map_pack(e.path().string(), fingerprint_);
    auto index = mapped ? read_index(mapped->bytes()) : std::nullopt;
    if (!index) {  // another build's or config's, or damaged: its files are parsed again, and it is compacted away
      foreign_.push_back(e.path().string());
      continue;
    }
    maps_.push_back(std::move(*mapped));
    pack_files_.push_back(e.path().string());
    entries_.reserve(entries_.size() + index->size());
    for (const auto& [k, v] : *index) entries_.emplace(k, v);
  }
}

ParseCache::~ParseCache() = default;

std::string ParseCache::key(std::string_view content_id, uint8_t role, std::string_view path) {
  std::string k(content_id);
  k += static_cast<char>(role);
  k += path;
  return k;
}

std::optional<ParseCache::Entry> ParseCache::find(std::string_view key) {
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  std::lock_guard lock(mutex_);
  ++hits_;
  used_.push_back(it->first);
  return it->second;
}

bool ParseCache::intact(const Entry& e) { return checksum(e.body) == e.body_sum; }

void ParseCache::add(std::string key, std::string head, std::string body) {
  std::lock_guard lock(mutex_);
  fresh_.push_back({std::move(key), std::move(head), std::move(body)});
}

void ParseCache::flush() {
  if (fresh_.empty()) return;
  const bool compact = pack_files_.size() + foreign_.size() + 1 > kMaxPacks;
  std::sort(used_.begin(), used_.end());
  used_.erase(std::unique(used_.begin(), used_.end()), used_.end());
  Writer index;
  std::string data;
  auto put = [&](std::string_view key, std::string_view head, std::string_view body, uint64_t sum) {
    index.vstr(key);
    index.vstr(head);
    index.u64(data.size());
    index.u32(static_cast<uint32_t>(body.size()));
    index.u64(sum);
    data.append(body);
  };
  for (const Fresh& f : fresh_) put(f.key, f.head, f.body, checksum(f.body));
  if (compact)
    for (const std::string_view k : used_) {
      const Entry& e = entries_.at(k);
      put(k, e.head, e.body, e.body_sum);  // a damaged body keeps the sum that shows it
    }
  Writer w;
  w.bytes().append(kMagic, sizeof kMagic);
  w.u32(kFormat);
  w.u64(fingerprint_);
  w.u32(static_cast<uint32_t>(fresh_.size() + (compact ? used_.size() : 0)));
  w.u64(index.bytes().size());
  w.bytes().append(index.bytes());
  w.u64(checksum(w.bytes()));
  w.bytes().append(data);
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec || write_cache_atomic(dir_ + "/" + pack_name(), w.bytes(), false)) return;
  if (!compact) return;
  for (const auto* files : {&pack_files_, &foreign_})
    for (const auto& f : *files) std::filesystem::remove(f, ec);
  // A crashed run's temporary file.
  const auto stale = std::filesystem::file_time_type::clock::now() - std::chrono::hours(1);
  for (const auto& e : std::filesystem::directory_iterator(dir_, ec)) {
    std::error_code e2;
    if (e.path().filename().string().starts_with(".") && e.last_write_time(e2) < stale && !e2)
      std::filesystem::remove(e.path(), e2);
  }
}

std::string parse_cache_dir(git_repository* repo) {
  return (std::filesystem::path(git_repository_commondir(repo)) / "opslint" / "parse-v1").string();
}

std::string check_memo_file(git_repository* repo, const std::string& kind) {
  return (std::filesystem::path(git_repository_commondir(repo)) / "opslint" / "checks-v1" / kind).string();
}

}  // namespace opslint
