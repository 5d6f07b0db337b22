// Where git looks for hooks: core.hooksPath, else the hooks folder of the common git dir.
#pragma once
#include <string>

#include "git/repo.h"

namespace opslint {

// Absolute path of the hooks folder git uses for this repository (it may not exist yet).
// A relative core.hooksPath is relative to the work tree root, as git runs hooks from there; a
// linked worktree shares the main repository's hooks. Throws Fatal outside a git repository.
std::string hooks_dir(const RepoLocation& loc);

}  // namespace opslint
