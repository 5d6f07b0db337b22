// Putting a period folder's files in place all-or-nothing, even when the run is killed.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace opslint {

// (file name, text) of the files of one folder.
using FolderFiles = std::vector<std::pair<std::string, std::string>>;

// Writes `files` into `folder` (whose parent exists) all-or-nothing; an error message when it
// could not, and then nothing was added. The caller holds the DirLock of folder's parent and has
// called recover_staging() under it.
std::optional<std::string> commit_staged(const std::filesystem::path& folder, const FolderFiles& files);

// Rolls back what a killed commit_staged() left in `parent`: any staging folder there belongs to
// a dead run, since a live one holds the parent's lock.
void recover_staging(const std::filesystem::path& parent);

}  // namespace opslint
