// Parse results by blob id, kept under the git dir, so that a run over the index or a commit parses
// only the blobs it has not seen before (a pre-commit hook: the staged ones).
#pragma once
#include <git2.h>

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "util/mapped_file.h"

namespace opslint {

// Packs of (key → encoded parse result) in one folder. Every pack is written whole and atomically
// under a fresh name, never changed, checksummed and read whole: concurrent runs are safe, and a
// damaged or foreign pack is skipped (its entries are parsed again), never trusted.
class ParseCache {
 public:
  // Reads the packs in `dir` written for `fingerprint` (which covers the code and the config that
  // parsing depends on); others are left for pruning.
  ParseCache(std::string dir, uint64_t fingerprint);
  ~ParseCache();
  ParseCache(const ParseCache&) = delete;
  ParseCache& operator=(const ParseCache&) = delete;
  // The key of content (a blob id) read in a role at a path (the same bytes parse differently elsewhere).
  static std::string key(std::string_view content_id, uint8_t role, std::string_view path);
  // The stored encoding, borrowed from the cache (valid while it lives). Thread-safe.
  std::optional<std::string_view> find(std::string_view key);
  // A new entry, written by flush(). Thread-safe.
  void add(std::string key, std::string encoded);
  // Best effort: writes the new entries as a pack (a read-only repository simply is not cached).
  // With many packs, writes the entries this run used as one pack and removes the packs it read.
  void flush();
  size_t hits() const { return hits_; }
  size_t added() const { return fresh_.size(); }

 private:
  std::string dir_;
  uint64_t fingerprint_;
  std::vector<MappedFile> maps_;        // the packs read (entries are views into them)
  std::vector<std::string> pack_files_;  // and their names
  std::vector<std::string> foreign_;     // packs of another fingerprint (another build or config), or damaged
  std::unordered_map<std::string_view, std::string_view> entries_;
  std::vector<std::pair<std::string, std::string>> fresh_;
  std::vector<std::string_view> used_;  // keys found, for compaction
  std::mutex mutex_;
  size_t hits_ = 0;
};

// Where it lives: <common git dir>/opslint/parse-v1/.
std::string parse_cache_dir(git_repository* repo);
// The check memo (engine/check_memo.h) of one kind of source: <common git dir>/opslint/checks-v1/<kind>.
std::string check_memo_file(git_repository* repo, const std::string& kind);

}  // namespace opslint
