// safe.directory as git reads it: from the system, XDG and global files only (never the
// repository's own config), honouring GIT_CONFIG_NOSYSTEM and GIT_CONFIG_GLOBAL like git does.
#include "git/ownership.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

#include "git/handles.h"

namespace opslint {

namespace {

using ConfigIterator = std::unique_ptr<git_config_iterator, GitDeleter<git_config_iterator, git_config_iterator_free>>;

// The user git compares owners with: root acting through sudo is the user who ran sudo.
uid_t acting_uid() {
  const uid_t uid = geteuid();
  if (uid != 0) return uid;
  const char* sudo = std::getenv("SUDO_UID");
  if (!sudo || !*sudo) return uid;
  char* end = nullptr;
  const unsigned long v = std::strtoul(sudo, &end, 10);
  return end && *end == '\0' ? static_cast<uid_t>(v) : uid;
}

bool owned_by_me(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) != 0 || st.st_uid == acting_uid();
}

std::vector<std::string> protected_config_files() {
  std::vector<std::string> files;
  git_buf buf{};
  auto take = [&](int rc) {
    if (rc == 0 && buf.ptr) files.emplace_back(buf.ptr);
    git_buf_dispose(&buf);
  };
  const char* nosystem = std::getenv("GIT_CONFIG_NOSYSTEM");
  if (!nosystem || !*nosystem || std::string(nosystem) == "0" || std::string(nosystem) == "false")
    take(git_config_find_system(&buf));
  take(git_config_find_xdg(&buf));
  if (const char* global = std::getenv("GIT_CONFIG_GLOBAL"); global && *global)
    files.emplace_back(global);
  else
    take(git_config_find_global(&buf));
  return files;
}

std::string normal(const std::string& path) {
  std::error_code ec;
  std::string p = std::filesystem::weakly_canonical(path, ec).string();
  if (ec) p = path;
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  return p;
}

// One safe.directory value: "*", the path itself, or "DIR/*" for everything below DIR.
bool matches(const std::string& value, const std::string& path) {
  if (value == "*") return true;
  std::string v = value;
  if (v.starts_with("~/"))
    if (const char* home = std::getenv("HOME")) v = std::string(home) + v.substr(1);
  if (v.size() > 2 && v.ends_with("/*")) return path.starts_with(normal(v.substr(0, v.size() - 2)) + "/");
  return normal(v) == path;
}

bool listed_safe(const std::string& path) {
  bool safe = false;
  for (const std::string& file : protected_config_files()) {
    git_config* raw = nullptr;
    if (git_config_open_ondisk(&raw, file.c_str()) < 0) continue;
    GitConfig cfg(raw);
    git_config_iterator* it_raw = nullptr;
    if (git_config_multivar_iterator_new(&it_raw, cfg.get(), "safe.directory", nullptr) < 0) continue;
    ConfigIterator it(it_raw);
    git_config_entry* e = nullptr;
    // In file order, later files after earlier ones; an empty value clears the list so far.
    while (git_config_next(&e, it.get()) == 0) safe = *e->value == '\0' ? false : safe || matches(e->value, path);
  }
  git_error_clear();
  return safe;
}

}  // namespace

std::optional<std::string> ownership_refusal(const std::string& root, const std::string& gitdir) {
  if (owned_by_me(root) && owned_by_me(gitdir)) return std::nullopt;
  const std::string path = normal(root);
  if (listed_safe(path)) return std::nullopt;
  return fmt::format(
      "detected dubious ownership in repository at '{}': it is owned by another user, and git refuses to work in it. "
      "If you trust it, run: git config --global --add safe.directory {}",
      path, path);
}

}  // namespace opslint
