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

namespace opslint {

namespace {

constexpr char kMagic[16] = {'o', 'p', 's', 'l', 'i', 'n', 't', '-', 'p', 'a', 'r', 's', 'e', 'd', '\n', '\0'};
constexpr uint32_t kFormat = 1;
constexpr size_t kMaxPacks = 8;  // more than this many packs: the next flush compacts them

// A pack mapped read-only for the rest of the run (entries are views into it): no copy, and only the
// pages touched are read. nullopt when it cannot be mapped or is not a pack for `fingerprint`.
std::optional<std::string_view> map_pack(const std::string& path, uint64_t fingerprint) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::optional<std::string_view> out;
  struct stat st {};
  char head[sizeof kMagic + 12];
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && static_cast<size_t>(st.st_size) >= sizeof head + 12 &&
      ::pread(fd, head, sizeof head, 0) == static_cast<ssize_t>(sizeof head)) {
    Reader r(std::string_view(head + sizeof kMagic, 12));
    const bool ours = std::memcmp(head, kMagic, sizeof kMagic) == 0 && r.u32() == kFormat && r.u64() == fingerprint;
    if (ours) {
      void* p = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
      if (p != MAP_FAILED) out = std::string_view(static_cast<const char*>(p), static_cast<size_t>(st.st_size));
    }
  }
  ::close(fd);
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
    auto all = map_pack(e.path().string(), fingerprint_);
    if (!all) {
      foreign_.push_back(e.path().string());
      continue;
    }
    maps_.push_back(*all);
    const std::string_view body = all->substr(0, all->size() - 8);
    Reader sum(all->substr(body.size()));
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

ParseCache::~ParseCache() {
  for (std::string_view m : maps_) ::munmap(const_cast<char*>(m.data()), m.size());
}

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
