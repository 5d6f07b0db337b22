// Finding the ops repo: --repo DIR, else the repository GIT_DIR / GIT_WORK_TREE name, else the work
// tree of the git repository holding the current directory, else the current directory.
#pragma once
#include <optional>
#include <string>

#include "git/handles.h"

namespace opslint {

struct RepoLocation {
  std::string root;         // absolute work tree root (or the git dir of a bare repository)
  Repository repo;          // null when not a git repository
  bool bare = false;
};

// Throws Fatal for repositories git refuses to open (another user's, not in safe.directory), with
// git's remedy in the message, and for a GIT_DIR or GIT_WORK_TREE that names no repository.
RepoLocation locate_repo(const std::optional<std::string>& dir);

}  // namespace opslint
