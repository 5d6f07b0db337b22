// The committed history of one tip (what the walk derives), and its on-disk cache, read lazily.
#pragma once
#include <git2.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/history.h"
#include "util/mapped_file.h"

namespace opslint {

// What the first-parent walk derives for one tip commit. Depends only on the tip and the watched
// paths (never on "now", the range or uncommitted files), so it can be cached under the tip's id.
struct Chain {
  git_oid tip{};
  HistoryView view;                          // complete; commits[i].author is the raw author name (before .mailmap)
  std::vector<git_oid> ids;                  // per view commit
  std::vector<std::string> emails;           // per view commit, raw (for .mailmap)
  std::map<std::string, git_oid> tip_blobs;  // every watched file in the tip's tree
};

// A chain in the cache's format, decoded a section at a time: the commits are fixed-size records,
// each period file's versions a byte range, so a warm run decodes only what its checks ask for.
// The whole file is checksummed when it is opened: nothing in a damaged file is ever read.
class ChainStore {
 public:
  // nullopt when the file is missing, damaged or written for another tip, configuration or format.
  static std::optional<ChainStore> open(const std::string& file, const git_oid& tip, uint64_t fingerprint);
  // A chain's serialisation (encode()), held in memory: a walked chain is read like a cached one.
  static std::optional<ChainStore> from_bytes(std::string bytes, const git_oid& tip, uint64_t fingerprint);
  static std::string encode(const Chain& chain, uint64_t fingerprint);

  ChainStore(ChainStore&&) noexcept;
  ChainStore& operator=(ChainStore&&) noexcept;
  ~ChainStore();

  std::string_view bytes() const { return bytes_; }
  bool complete() const { return complete_; }
  const std::string& incomplete_reason() const { return reason_; }

  size_t commits() const { return ncommits_; }
  git_oid id(size_t i) const;
  Instant time(size_t i) const;
  uint32_t author(size_t i) const;  // index into authors()
  bool boundary(size_t i) const;
  // The distinct raw (name, email) pairs: .mailmap is resolved once per pair, not per commit.
  const std::vector<std::pair<std::string, std::string>>& authors() const { return authors_; }
  // Covers the commits and their raw authors (the tip and the configuration are the file's key).
  uint64_t digest() const { return digest_; }

  // The period files with versions, sorted.
  size_t paths() const { return paths_.size(); }
  std::string_view path(size_t k) const { return paths_[k].path; }
  std::optional<size_t> find(std::string_view path) const;
  bool last_present(size_t k) const { return paths_[k].last_present; }
  std::vector<FileVersion> versions(size_t k) const;
  // The period files (indexes into path()) that commit `i` changed.
  std::vector<uint32_t> changed(size_t i) const;
  std::vector<ListVersion> backlog() const { return list(backlog_); }
  std::vector<ListVersion> archive() const { return list(archive_); }
  // The blob of a watched file (period file, backlog or archive) in the tip's tree.
  std::optional<git_oid> tip_blob(std::string_view path) const;

  // Everything, decoded (a cached ancestor that a walk extends).
  Chain chain() const;

 private:
  struct Path {
    std::string_view path;
    std::string_view versions;  // the encoded versions
    bool last_present = false;
  };
  ChainStore() = default;
  bool parse(const git_oid& tip, uint64_t fingerprint);
  std::vector<ListVersion> list(std::string_view bytes) const;

  std::optional<MappedFile> map_;
  std::string own_;
  std::string_view bytes_;
  bool complete_ = true;
  std::string reason_;
  size_t ncommits_ = 0;
  std::string_view commits_, changes_, backlog_, archive_;
  std::vector<std::pair<std::string, std::string>> authors_;
  std::vector<Path> paths_;
  std::vector<std::pair<std::string_view, git_oid>> tips_;  // sorted by path
  uint64_t digest_ = 0;
};

// The cache file for `tip` under `dir`; `fingerprint` identifies the watched paths and the facts' format.
std::string chain_cache_file(const std::string& dir, const git_oid& tip, uint64_t fingerprint);
// nullopt when the file is missing, damaged or written for another tip, configuration or format.
std::optional<Chain> read_chain(const std::string& file, const git_oid& tip, uint64_t fingerprint);
// Best effort (a read-only repository simply is not cached); atomic, so concurrent runs are safe.
void write_chain(const std::string& file, const Chain& chain, uint64_t fingerprint);
// Writes encoded bytes (ChainStore::bytes()) the same way.
void write_chain_bytes(const std::string& file, std::string_view bytes);
// Keeps the `keep` most recently written cache files in `dir`.
void prune_chain_cache(const std::string& dir, size_t keep);

}  // namespace opslint
