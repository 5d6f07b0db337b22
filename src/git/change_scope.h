// What a change touches, for the gates that judge a change rather than the repository: the
// pre-commit hook (`lint --staged`: the index against HEAD) and the pull-request check
// (`lint --range BASE..HEAD`: HEAD's tree against the merge base).
#pragma once
#include <git2.h>

#include <map>
#include <memory>
#include <set>
#include <string>

#include "git/git_source.h"

namespace opslint {

class ChangeScope {
 public:
  virtual ~ChangeScope() = default;
  // The change adds, modifies or deletes the file at `path`.
  virtual bool touches(const std::string& path) const = 0;
  // The change adds, modifies or deletes a file below `folder`.
  virtual bool touches_folder(const std::string& folder) const = 0;
};

// A change given as the set of paths it touches (--range: the two sides' differing blobs).
class PathSetScope final : public ChangeScope {
 public:
  explicit PathSetScope(std::set<std::string> paths) : paths_(std::move(paths)) {}
  bool touches(const std::string& path) const override { return paths_.count(path) > 0; }
  bool touches_folder(const std::string& folder) const override;

 private:
  std::set<std::string> paths_;
};

// The staged change: the index against HEAD's tree, looked up path by path as findings ask (a
// commit touches a few files, and walking HEAD's whole tree would cost a tenth of a hook's run).
// With an unborn HEAD (the first commit) everything is touched.
class StagedScope final : public ChangeScope {
 public:
  StagedScope(git_repository* repo, const GitSource& index);
  ~StagedScope() override;
  StagedScope(const StagedScope&) = delete;
  StagedScope& operator=(const StagedScope&) = delete;
  bool touches(const std::string& path) const override;
  bool touches_folder(const std::string& folder) const override;

 private:
  const GitSource& index_;
  git_tree* head_ = nullptr;  // nullptr: unborn HEAD
  mutable std::map<std::string, bool> folders_;
};

}  // namespace opslint
