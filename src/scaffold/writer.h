// Writing scaffolded files: never overwrite, never half-write.
#pragma once
#include <string>
#include <vector>

#include "scaffold/plan.h"

namespace opslint {

// Writes every file or none. Refuses (Fatal) when any target already exists, and, should one
// appear meanwhile (a concurrent run), removes what this call wrote and the folders it made.
// Each file appears whole: written to a temporary file beside it, then linked into place.
void write_new_files(const std::string& root, const std::vector<PlannedFile>& files);

// Writes one file unless something exists at its path. Returns false when it was already there.
bool write_if_missing(const std::string& root, const PlannedFile& file);

// "==> path <==" and the text of each file, for --dry-run.
std::string dry_run_listing(const std::vector<PlannedFile>& files);

// True when anything (a file, a folder, a dangling symlink) is at root/path.
bool path_taken(const std::string& root, const std::string& path);

}  // namespace opslint
