// Snapshots from git itself: the index (as a pre-commit hook sees it) or a commit's tree.
#pragma once
#include <git2.h>

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "git/source.h"

namespace opslint {

// Files are (path → blob id), read lazily from the object database.
class GitSource final : public Source {
 public:
  // The blobs staged in the index; $GIT_INDEX_FILE when set (git's temporary index for
  // `git commit -a` / `git commit <paths>`). The index is only read, never written or locked.
  static std::unique_ptr<GitSource> from_index(git_repository* repo);
  // The tree of the commit `rev` names (sha, branch, tag, HEAD~3). Throws Fatal when unknown.
  static std::unique_ptr<GitSource> from_revision(git_repository* repo, const std::string& rev);

  std::string label() const override { return label_; }
  std::vector<std::string> list(const std::string& dir) const override { return paths_under(files_, dir); }
  std::optional<Blob> read(const std::string& path, uint64_t limit) const override;
  bool exists(const std::string& path) const override { return file_or_folder_in(files_, path); }
  std::optional<std::string> content_id(const std::string& path) const override;
  const git_oid* commit_id() const { return has_commit_ ? &commit_ : nullptr; }
  // Paths whose blob differs from (or is missing in) `other`, in either direction.
  std::set<std::string> changed_since(const GitSource& other) const;

 private:
  GitSource(git_repository* repo, std::string label) : repo_(repo), label_(std::move(label)) {}
  git_repository* repo_;  // borrowed
  std::string label_;
  std::map<std::string, git_oid> files_;
  git_oid commit_{};
  bool has_commit_ = false;
  mutable std::mutex odb_mutex_;
};

// The merge base of BASE and HEAD in "BASE..HEAD", as a GitSource for BASE's side and HEAD's.
struct RangeSources {
  std::unique_ptr<GitSource> base;
  std::unique_ptr<GitSource> head;
};
RangeSources range_sources(git_repository* repo, const std::string& range);

}  // namespace opslint
