// Safe file writes, the one way opslint writes a file: a reader sees the old file or the new one
// whole, a device or FIFO is written in place, a symbolic link is never replaced.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace opslint {

// Writes `data` to `path`, by what is there now:
// - nothing, or a regular file (replace=true): through a temporary file `.NAME.opslint-XXXXXX`
//   in the same folder, renamed (replace=true) or linked (replace=false: link(2) refuses an
//   existing file, so concurrent writers cannot clobber each other) into place. The temporary
//   is removed on every return; one left by a killed run is removed by the next write into
//   that folder (see remove_stale_temporaries).
// - a character or block device or a FIFO (also through a symbolic link), replace=true: opened
//   and written in place, never replaced (`--output /dev/full` fails with ENOSPC, a FIFO's
//   reader gets the bytes). Opening a FIFO waits for its reader, as a shell redirection does.
// - a symbolic link to anything else, a folder or a socket: refused.
// - with replace=false anything at all: refused ("already exists").
// `inside`, when not empty, is a folder the target's folder must resolve into: a symbolic link
// among the folders above `path` that leads out of `inside` is refused (nothing is created).
// The file gets permission bits `mode` before it appears (0755 for a hook script).
// Returns an error message, or nullopt on success.
std::optional<std::string> write_atomic(const std::string& path, std::string_view data, bool replace,
                                        unsigned mode = 0644, const std::string& inside = {});
// The same for a cache file, without waiting for the disk (fsync(2)): a cache file that a crash
// loses or tears fails its checksum and is rebuilt, while a pre-commit hook that writes its caches
// on every run cannot afford the wait.
std::optional<std::string> write_cache_atomic(const std::string& path, std::string_view data, bool replace);

// Removes the temporaries (`.NAME.opslint-XXXXXX` regular files) in `dir` that no live writer
// holds. A writer holds an exclusive flock(2) on its temporary from creating it until it is in
// place; the kernel drops it when the writer dies, even by SIGKILL, so an unlocked temporary is
// one a dead run left. No clock is involved. Returns how many were removed.
int remove_stale_temporaries(const std::string& dir);

// nullopt when every existing folder on the way from `root` to `path` (a path under root) resolves
// inside `root`; else "P is a symbolic link to T, outside the repository" naming the first link
// that leaves it (P as given under root).
std::optional<std::string> escapes_root(const std::string& root, const std::string& path);

// Writes the whole of `data` to an open descriptor, retrying short writes and EINTR; false with
// errno set on failure.
bool write_all(int fd, std::string_view data);

}  // namespace opslint
