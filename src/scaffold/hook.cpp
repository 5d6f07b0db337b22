// install-hook: create, update or refuse, atomically.
#include "scaffold/hook.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "util/fs.h"
#include "util/result.h"

namespace opslint {

HookOutcome install_hook(const std::string& path, const std::string& shown, std::string_view script, bool dry_run) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const bool present = fs::exists(fs::symlink_status(path, ec));
  if (present) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    const std::string current = buf.str();
    if (current.find(kHookMarker) == std::string::npos)
      throw Fatal{fmt::format(
          "{} already exists and was not written by opslint; it was left untouched. To run both, add this line "
          "to that hook (before any final `exec` or `exit`):\n    opslint lint --staged || exit 1",
          shown)};
    const auto mode = fs::status(path, ec).permissions() & fs::perms::mask;
    if (current == script && mode == static_cast<fs::perms>(0755)) return HookOutcome::Unchanged;
    if (fs::is_symlink(fs::symlink_status(path, ec)))
      throw Fatal{fmt::format("{} is a symbolic link; opslint does not replace it", shown)};
  }
  if (dry_run) return present ? HookOutcome::Updated : HookOutcome::Installed;
  fs::create_directories(fs::path(path).parent_path(), ec);
  if (ec) throw Fatal{fmt::format("cannot create {}: {}", fs::path(path).parent_path().string(), ec.message())};
  // A new hook is linked into place (never replacing one that appears meanwhile); our own is renamed over.
  if (auto err = write_atomic(path, script, present, 0755)) throw Fatal{*err};
  return present ? HookOutcome::Updated : HookOutcome::Installed;
}

}  // namespace opslint
