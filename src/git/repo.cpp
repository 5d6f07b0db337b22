// Finding the ops repo through libgit2.
#include "git/repo.h"

#include <fmt/format.h>

#include <filesystem>

#include "util/result.h"

namespace opslint {

namespace fs = std::filesystem;

RepoLocation locate_repo(const std::optional<std::string>& dir) {
  std::error_code ec;
  const fs::path start = dir ? fs::absolute(*dir, ec) : fs::current_path(ec);
  if (dir && !fs::is_directory(start, ec)) throw Fatal{fmt::format("--repo '{}' is not a directory", *dir)};
  RepoLocation loc;
  git_repository* raw = nullptr;
  // --repo names the root itself; without it, search upward from the current folder like git does.
  const int rc = git_repository_open_ext(&raw, start.c_str(), dir ? GIT_REPOSITORY_OPEN_NO_SEARCH : 0, nullptr);
  if (rc == GIT_EOWNER)
    throw Fatal{fmt::format("git refuses to open '{}': it is owned by another user. If you trust it, run: git config "
                            "--global --add safe.directory {}",
                            start.string(), start.string())};
  if (rc < 0) {
    loc.root = start.lexically_normal().string();
    while (loc.root.size() > 1 && loc.root.back() == '/') loc.root.pop_back();
    return loc;
  }
  loc.repo.reset(raw);
  loc.bare = git_repository_is_bare(raw);
  const char* wd = git_repository_workdir(raw);
  loc.root = wd ? wd : git_repository_path(raw);
  while (loc.root.size() > 1 && loc.root.back() == '/') loc.root.pop_back();
  return loc;
}

}  // namespace opslint
