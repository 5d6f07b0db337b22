// Creation of scaffolded files: period folders all-or-nothing under a lock, single files linked into place.
#include "scaffold/writer.h"

#include <fmt/format.h>

#include <filesystem>

#include "scaffold/staging.h"
#include "util/dir_lock.h"
#include "util/fs.h"
#include "util/result.h"

namespace opslint {

namespace fs = std::filesystem;

namespace {

// Creates the missing folders above `file`, recording those this call made (outermost first).
std::optional<std::string> make_parents(const fs::path& file, std::vector<fs::path>& made) {
  std::vector<fs::path> missing;
  std::error_code ec;
  for (fs::path p = file.parent_path(); !p.empty() && !fs::exists(fs::symlink_status(p, ec)); p = p.parent_path()) {
    missing.push_back(p);
    if (p == p.parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (fs::create_directory(*it, ec)) made.push_back(*it);
    if (ec) return fmt::format("cannot create folder {}: {}", it->string(), ec.message());
  }
  return std::nullopt;
}

// Removes the folders this call made; only empty ones go: a concurrent run may have used one.
void remove_made(const std::vector<fs::path>& made) {
  std::error_code ec;
  for (auto it = made.rbegin(); it != made.rend(); ++it) fs::remove(*it, ec);
}

std::string display(const std::string& root, const fs::path& p) {
  const auto rel = p.lexically_relative(root);
  return rel.empty() || rel.string().starts_with("..") ? p.string() : rel.generic_string();
}

// A link on the way out of the repository, as a refusal: "`what`P is a symbolic link ...`tail`".
void refuse_escape(const std::string& root, const fs::path& path, const std::string& what = {},
                   const std::string& tail = "; nothing was written") {
  if (auto err = escapes_root(root, path.string()))
    throw Fatal{fmt::format("{}{}; refusing to write through it{}", what, *err, tail)};
}

void refuse_taken(const std::string& root, const std::vector<PlannedFile>& files,
                  const std::vector<Conflict>& conflicts) {
  for (const auto& c : conflicts)
    if (path_taken(root, c.path)) throw Fatal{c.message};
  for (const auto& f : files)
    if (path_taken(root, f.path))
      throw Fatal{fmt::format("{} already exists; nothing was written (scaffolding never overwrites)", f.path)};
}

}  // namespace

bool path_taken(const std::string& root, const std::string& path) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(fs::path(root) / path, ec));
}

void write_new_files(const std::string& root, const std::vector<PlannedFile>& files,
                     const std::vector<Conflict>& conflicts) {
  if (files.empty()) return;
  const fs::path rel_folder = fs::path(files.front().path).parent_path();
  FolderFiles named;
  for (const auto& f : files) {
    if (fs::path(f.path).parent_path() != rel_folder)
      throw Fatal{fmt::format("internal error: {} is not in {}", f.path, rel_folder.generic_string())};
    named.emplace_back(fs::path(f.path).filename().string(), f.text);
  }
  const fs::path folder = fs::path(root) / rel_folder;
  refuse_taken(root, files, conflicts);
  refuse_escape(root, folder);
  std::vector<fs::path> made;
  if (auto err = make_parents(folder, made)) {
    remove_made(made);
    throw Fatal{fmt::format("{}; nothing was written", *err)};
  }
  // From here to the end the period is ours: the other run waits, then finds our files.
  DirLock lock;
  auto err = DirLock::acquire(folder.parent_path().string(), lock);
  if (!err) {
    recover_staging(folder.parent_path());
    try {
      refuse_taken(root, files, conflicts);
      refuse_escape(root, folder);
    } catch (const Fatal&) {
      remove_made(made);
      throw;
    }
    err = commit_staged(folder, named);
  }
  if (err) {
    remove_made(made);
    throw Fatal{fmt::format("{}; nothing was written", *err)};
  }
}

bool write_if_missing(const std::string& root, const PlannedFile& file) {
  if (path_taken(root, file.path)) return false;
  const fs::path target = fs::path(root) / file.path;
  const bool in_repo = fs::path(file.path).is_relative();
  if (in_repo) refuse_escape(root, target.parent_path(), fmt::format("cannot write {}: ", file.path), "");
  std::vector<fs::path> made;
  auto err = make_parents(target, made);
  if (!err) err = write_atomic(target.string(), file.text, false, 0644, in_repo ? root : std::string());
  if (!err) return true;
  remove_made(made);
  if (path_taken(root, file.path)) return false;  // appeared meanwhile: someone else wrote it
  throw Fatal{fmt::format("cannot write {}: {}", display(root, target), *err)};
}

std::string dry_run_listing(const std::vector<PlannedFile>& files) {
  std::string out;
  for (const auto& f : files) {
    out += fmt::format("==> {} <==\n{}", f.path, f.text);
    if (!f.text.empty() && f.text.back() != '\n') out += '\n';
    out += '\n';
  }
  return out;
}

}  // namespace opslint
