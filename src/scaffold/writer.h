// Writing scaffolded files: never overwrite, never half-write.
#pragma once
#include <string>
#include <vector>

#include "scaffold/plan.h"

namespace opslint {

// A file whose presence forbids a scaffold: when `path` (repo-relative) exists, `message` is the error.
struct Conflict {
  std::string path;
  std::string message;
};

// Writes the files of one period folder, every file or none (scaffold/staging.h), under an
// exclusive lock on the folder's parent, so two runs for one period (new-week and skip) are
// serialised and the second sees the first's files. Refuses (Fatal, nothing written) when a
// target or a conflict's path exists, checked again under the lock, or when a folder on the way
// is a symbolic link leading out of `root`.
void write_new_files(const std::string& root, const std::vector<PlannedFile>& files,
                     const std::vector<Conflict>& conflicts = {});

// Writes one file unless something exists at its path. Returns false when it was already there.
// A path inside `root` is refused (Fatal) when a folder on its way is a link leading out of it.
bool write_if_missing(const std::string& root, const PlannedFile& file);

// "==> path <==" and the text of each file, for --dry-run.
std::string dry_run_listing(const std::vector<PlannedFile>& files);

// True when anything (a file, a folder, a dangling symlink) is at root/path.
bool path_taken(const std::string& root, const std::string& path);

}  // namespace opslint
