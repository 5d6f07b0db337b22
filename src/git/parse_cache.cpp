// The parse cache's packs: magic, format, fingerprint, (key, encoding) pairs, checksum.
#include "git/parse_cache.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <random>

#include "util/binary_io.h"
#include "util/fs.h"
#include "util/mapped_file.h"

namespace opslint {

namespace {

constexpr char kMagic[16] = {'o', 'p', 's', 'l', 'i', 'n', 't', '-', 'p', 'a', 'r', 's', 'e', 'd', '\n', '\0'};
constexpr uint32_t kFormat = 1;
constexpr size_t kMaxPacks = 8;  // more than this many packs: the next flush compacts them

// The pack at `path`, mapped, when it was written for `fingerprint` (checked before mapping it).
std::optional<MappedFile> map_pack(const std::string& path, uint64_t fingerprint) {
  const std::string head = MappedFile::head(path, sizeof kMagic + 12);
  if (head.empty() || head.compare(0, sizeof kMagic, kMagic, sizeof kMagic) != 0) return std::nullopt;
  Reader r(std::string_view(head).substr(sizeof kMagic));
  if (r.u32() != kFormat || r.u64() != fingerprint) return std::nullopt;
  auto m = MappedFile::open(path);
  if (!m || m->bytes().size() < sizeof kMagic + 24) return std::nullopt;
  return m;
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
    if (!mapped) {
      foreign_.push_back(e.path().string());
      continue;
    }
    const std::string_view all = maps_.emplace_back(std::move(*mapped)).bytes();
    const std::string_view body = all.substr(0, all.size() - 8);
    Reader sum(all.substr(body.size()));
    if (sum.u64() != checksum(body)) {  // damaged: its files are parsed again, and it is compacted away
      foreign_.push_back(e.path().string());
      continue;
    }
    Reader r(body.substr(sizeof kMagic + 12));
    const uint32_t n = r.count(8);
    std::vector<std::pair<std::string_view, std::string_view>> got;
    got.reserve(n);
    for (uint32_t i = 0; i < n && r.ok(); ++i) {
      const std::string_view k = r.view();
      got.emplace_back(k, r.view());
    }
    if (!r.done()) {
      foreign_.push_back(e.path().string());
      continue;
    }
    pack_files_.push_back(e.path().string());
    entries_.reserve(entries_.size() + got.size());
    for (const auto& [k, v] : got) entries_.emplace(k, v);
  }
}

ParseCache::~ParseCache() = default;

std::string ParseCache::key(std::string_view content_id, uint8_t role, std::string_view path) {
  std::string k(content_id);
  k += static_cast<char>(role);
  k += path;
  return k;
}

std::optional<std::string_view> ParseCache::find(std::string_view key) {
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  std::lock_guard lock(mutex_);
  ++hits_;
  used_.push_back(it->first);
  return it->second;
}

void ParseCache::add(std::string key, std::string encoded) {
  std::lock_guard lock(mutex_);
  fresh_.emplace_back(std::move(key), std::move(encoded));
}

void ParseCache::flush() {
  if (fresh_.empty()) return;
  const bool compact = pack_files_.size() + foreign_.size() + 1 > kMaxPacks;
  std::sort(used_.begin(), used_.end());
  used_.erase(std::unique(used_.begin(), used_.end()), used_.end());
  Writer w;
  w.bytes().append(kMagic, sizeof kMagic);
  w.u32(kFormat);
  w.u64(fingerprint_);
  w.u32(static_cast<uint32_t>(fresh_.size() + (compact ? used_.size() : 0)));
  for (const auto& [k, v] : fresh_) {
    w.str(k);
    w.str(v);
  }
  if (compact)
    for (const std::string_view k : used_) {
      w.str(k);
      w.str(entries_.at(k));
    }
  w.u64(checksum(w.bytes()));
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec || write_atomic(dir_ + "/" + pack_name(), w.bytes(), false)) return;
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
