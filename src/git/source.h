// Where a snapshot's files come from: the working tree, the git index, a commit, or memory (tests).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "util/file_read.h"

namespace opslint {

struct Blob {
  uint64_t size = 0;
  std::string bytes;  // empty when size exceeded the read limit
  bool truncated = false;
  std::string refused;  // set when the file is there but cannot be read: why (a FIFO, a link out, ...)
};

class Source {
 public:
  virtual ~Source() = default;
  // "worktree", "index" or the commit's full hex id.
  virtual std::string label() const = 0;
  // Files (repo-relative, '/'-separated) anywhere below `dir`.
  virtual std::vector<std::string> list(const std::string& dir) const = 0;
  // nullopt when the file does not exist; bytes are left out when the file exceeds `limit`, and
  // `refused` says why when something stands there that cannot be read.
  virtual std::optional<Blob> read(const std::string& path, uint64_t limit) const = 0;
  // A file or folder exists at `path`.
  virtual bool exists(const std::string& path) const = 0;
  // An id that changes whenever the file's bytes do (git's blob id), without reading the file; nullopt
  // when the source has none. Parse results are cached under it.
  virtual std::optional<std::string> content_id(const std::string& /*path*/) const { return std::nullopt; }
};

// list() and exists() for sources that hold a sorted map keyed by path.
template <typename Map>
std::vector<std::string> paths_under(const Map& files, const std::string& dir) {
  std::vector<std::string> out;
  const std::string prefix = dir + "/";
  for (auto it = files.lower_bound(prefix); it != files.end() && it->first.starts_with(prefix); ++it)
    out.push_back(it->first);
  return out;
}

template <typename Map>
bool file_or_folder_in(const Map& files, const std::string& path) {
  if (files.count(path)) return true;
  auto it = files.lower_bound(path + "/");
  return it != files.end() && it->first.starts_with(path + "/");
}

class MemorySource final : public Source {
 public:
  explicit MemorySource(std::map<std::string, std::string> files, std::string label = "worktree")
      : files_(std::move(files)), label_(std::move(label)) {}
  std::string label() const override { return label_; }
  std::vector<std::string> list(const std::string& dir) const override { return paths_under(files_, dir); }
  std::optional<Blob> read(const std::string& path, uint64_t limit) const override;
  bool exists(const std::string& path) const override { return file_or_folder_in(files_, path); }

 private:
  std::map<std::string, std::string> files_;
  std::string label_;
};

class WorktreeSource final : public Source {
 public:
  explicit WorktreeSource(std::string root) : root_(std::move(root)), folder_(root_) {}
  std::string label() const override { return "worktree"; }
  std::vector<std::string> list(const std::string& dir) const override;
  std::optional<Blob> read(const std::string& path, uint64_t limit) const override;
  bool exists(const std::string& path) const override;

 private:
  std::string root_;
  RootFolder folder_;
};

}  // namespace opslint
