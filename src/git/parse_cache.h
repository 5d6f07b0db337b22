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

// Packs of (key → head, body) in one folder: an entry's head is what every run reads (small), its
// body what a run may read (the encoded parse result). A pack holds an index of keys and heads, then
// the bodies: a run reads the index and touches only the bodies it decodes. Every pack is written
// whole and atomically under a fresh name and never changed, so concurrent runs are safe; its index
// is checksummed (a damaged or foreign pack is skipped: its files are parsed again) and so is each
// body (a damaged body is found when it is read: intact()), never trusted.
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
  // An entry, borrowed from the cache (valid while it lives).
  struct Entry {
    std::string_view head;
    std::string_view body;
    uint64_t body_sum = 0;  // the body's checksum when written
  };
  // Thread-safe; the index's checksum was verified, the body's is not yet (intact()).
  std::optional<Entry> find(std::string_view key);
  // Whether an entry's body is as it was written.
  static bool intact(const Entry& e);
  // A new entry, written by flush(). Thread-safe.
  void add(std::string key, std::string head, std::string body);
  // Best effort: writes the new entries as a pack (a read-only repository simply is not cached).
  // With many packs, writes the entries this run used as one pack and removes the packs it read.
  void flush();
  size_t hits() const { return hits_; }
  size_t added() const { return fresh_.size(); }

 private:
  struct Fresh {
    std::string key, head, body;
  };
  std::string dir_;
  uint64_t fingerprint_;
  std::vector<MappedFile> maps_;        // the packs read (entries are views into them)
  std::vector<std::string> pack_files_;  // and their names
  std::vector<std::string> foreign_;     // packs of another fingerprint (another build or config), or damaged
  std::unordered_map<std::string_view, Entry> entries_;
  std::vector<Fresh> fresh_;
  std::vector<std::string_view> used_;  // keys found, for compaction
  std::mutex mutex_;
  size_t hits_ = 0;
};

// Where it lives: <common git dir>/opslint/parse-v1/.
std::string parse_cache_dir(git_repository* repo);
// The check memo (engine/check_memo.h) of one kind of source: <common git dir>/opslint/checks-v1/<kind>.
std::string check_memo_file(git_repository* repo, const std::string& kind);

}  // namespace opslint
