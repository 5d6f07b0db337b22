// Atomic file writes: a reader sees the old file, or the new one whole, never half of it.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace opslint {

// Writes through a temporary file in the same folder. With replace=false an existing file is
// never touched (link(2) refuses), so concurrent writers cannot clobber each other.
// The file gets permission bits `mode` before it appears (0755 for a hook script).
// Returns an error message, or nullopt on success.
std::optional<std::string> write_atomic(const std::string& path, std::string_view data, bool replace,
                                        unsigned mode = 0644);
// The same for a cache file, without waiting for the disk (fsync(2)): a cache file that a crash
// loses or tears fails its checksum and is rebuilt, while a pre-commit hook that writes its caches
// on every run cannot afford the wait.
std::optional<std::string> write_cache_atomic(const std::string& path, std::string_view data, bool replace);

}  // namespace opslint
