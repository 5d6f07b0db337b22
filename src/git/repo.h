// Finding the ops repo: --repo DIR, else the work tree of the git repository holding the current
// directory, else the current directory.
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

// Throws Fatal for repositories git refuses to open (wrong owner), with the fix in the message.
RepoLocation locate_repo(const std::optional<std::string>& dir);

}  // namespace opslint
