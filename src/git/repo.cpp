// Finding the ops repo through libgit2, as git finds it: GIT_DIR and GIT_WORK_TREE, then a search
// upward; a repository git would refuse (another user's, not in safe.directory) is an error.
#include "git/repo.h"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>

#include "git/ownership.h"
#include "util/result.h"

namespace opslint {

namespace fs = std::filesystem;

namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string without_slash(std::string p) {
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  return p;
}

// Opens the repository the environment names: GIT_DIR (else a search from the current folder) and
// GIT_WORK_TREE, which libgit2 1.5's GIT_REPOSITORY_OPEN_FROM_ENV refuses, so it is set here.
int open_from_env(git_repository** out) {
  const std::string work_tree = env("GIT_WORK_TREE");
  if (work_tree.empty()) return git_repository_open_ext(out, nullptr, GIT_REPOSITORY_OPEN_FROM_ENV, nullptr);
  std::string gitdir = env("GIT_DIR");
  if (gitdir.empty()) {
    git_buf found{};
    const int rc = git_repository_discover(&found, ".", 0, nullptr);
    if (rc == 0) gitdir = found.ptr;
    git_buf_dispose(&found);
    if (rc < 0) return rc;
  }
  const int rc = git_repository_open_ext(out, gitdir.c_str(),
                                         GIT_REPOSITORY_OPEN_NO_SEARCH | GIT_REPOSITORY_OPEN_NO_DOTGIT, nullptr);
  if (rc < 0) return rc;
  std::error_code ec;
  const std::string wanted = without_slash(fs::weakly_canonical(fs::absolute(work_tree, ec), ec).string());
  const char* current = git_repository_workdir(*out);
  // libgit2 1.5 leaks the path it was given when it is the work tree already: set it only when not.
  if (current && without_slash(fs::weakly_canonical(current, ec).string()) == wanted) return 0;
  return git_repository_set_workdir(*out, wanted.c_str(), 0);
}

}  // namespace

RepoLocation locate_repo(const std::optional<std::string>& dir) {
  std::error_code ec;
  const fs::path start = dir ? fs::absolute(*dir, ec) : fs::current_path(ec);
  if (dir && !fs::is_directory(start, ec)) throw Fatal{fmt::format("--repo '{}' is not a directory", *dir)};
  // git checks ownership only for a repository it found, not for one GIT_DIR names.
  const bool named = !dir && !env("GIT_DIR").empty();
  RepoLocation loc;
  git_repository* raw = nullptr;
  // --repo names the root itself; without it, the environment, else a search upward like git's.
  const int rc =
      dir ? git_repository_open_ext(&raw, start.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) : open_from_env(&raw);
  Repository repo(raw);
  if (rc < 0 && (named || !env("GIT_WORK_TREE").empty()) && !dir)
    throw Fatal{fmt::format("cannot open the repository that GIT_DIR/GIT_WORK_TREE name ('{}', '{}'): {}",
                            env("GIT_DIR"), env("GIT_WORK_TREE"), git_last_message())};
  if (rc < 0) {
    loc.root = without_slash(start.lexically_normal().string());
    return loc;
  }
  loc.bare = git_repository_is_bare(repo.get());
  const char* wd = git_repository_workdir(repo.get());
  const std::string gitdir = git_repository_path(repo.get());
  loc.root = without_slash(wd ? wd : gitdir);
  if (!named)
    if (auto refusal = ownership_refusal(loc.root, gitdir)) throw Fatal{*refusal};
  loc.repo = std::move(repo);
  return loc;
}

}  // namespace opslint
