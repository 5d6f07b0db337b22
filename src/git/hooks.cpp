// Finding the hooks folder through libgit2 (config snapshot, common dir).
#include "git/hooks.h"

#include <fmt/format.h>

#include <filesystem>

#include "util/result.h"

namespace opslint {

std::string hooks_dir(const RepoLocation& loc) {
  namespace fs = std::filesystem;
  if (!loc.repo) throw Fatal{fmt::format("{} is not a git repository; run `git init` first", loc.root)};
  git_config* raw = nullptr;
  if (git_repository_config_snapshot(&raw, loc.repo.get()) < 0)
    throw Fatal{"cannot read the git configuration: " + git_last_message()};
  const GitConfig cfg(raw);
  git_buf buf = GIT_BUF_INIT;
  const int rc = git_config_get_path(&buf, cfg.get(), "core.hooksPath");
  if (rc < 0 && rc != GIT_ENOTFOUND) throw Fatal{"cannot read core.hooksPath: " + git_last_message()};
  std::string configured = rc == 0 && buf.ptr ? std::string(buf.ptr, buf.size) : std::string();
  git_buf_dispose(&buf);
  if (!configured.empty()) {
    fs::path p(configured);
    if (p.is_relative()) p = fs::path(loc.root) / p;
    return p.lexically_normal().string();
  }
  return (fs::path(git_repository_commondir(loc.repo.get())) / "hooks").lexically_normal().string();
}

}  // namespace opslint
