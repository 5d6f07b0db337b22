// Whether git would open a repository it found: its folders owned by the current user, or the
// work tree listed in safe.directory (git's rule since 2.35.2, decided here because libgit2 1.5
// neither honours `safe.directory = *` nor reports a refusal when no safe.directory is set).
#pragma once
#include <optional>
#include <string>

namespace opslint {

// nullopt when git would open the repository at `root` (the work tree, or the git dir of a bare
// repository) whose git dir is `gitdir`; else the message for the refusal, with git's remedy.
std::optional<std::string> ownership_refusal(const std::string& root, const std::string& gitdir);

}  // namespace opslint
