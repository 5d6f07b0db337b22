// Installing opslint's pre-commit hook without ever replacing someone else's.
#pragma once
#include <string>
#include <string_view>

namespace opslint {

// The line that marks a hook script as opslint's (hooks/pre-commit carries it).
inline constexpr std::string_view kHookMarker = "# opslint-managed-hook";

enum class HookOutcome { Installed, Updated, Unchanged };

// Writes `script` (mode 0755) at `path`, creating its folder. An existing file carrying the marker
// is opslint's and is brought up to date; any other file is left untouched and Fatal says how to
// run both. With dry_run nothing is written.
// `shown` is the path as messages name it.
HookOutcome install_hook(const std::string& path, const std::string& shown, std::string_view script, bool dry_run);

}  // namespace opslint
