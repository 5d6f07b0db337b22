// All-or-nothing creation of scaffolded files through util/fs write_atomic (link, never replace).
#include "scaffold/writer.h"

#include <fmt/format.h>

#include <filesystem>

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

void undo(const std::vector<fs::path>& written, const std::vector<fs::path>& made) {
  std::error_code ec;
  for (auto it = written.rbegin(); it != written.rend(); ++it) fs::remove(*it, ec);
  // Only empty folders go: a concurrent run may already have put its files in one.
  for (auto it = made.rbegin(); it != made.rend(); ++it) fs::remove(*it, ec);
}

std::string display(const std::string& root, const fs::path& p) {
  const auto rel = p.lexically_relative(root);
  return rel.empty() || rel.string().starts_with("..") ? p.string() : rel.generic_string();
}

}  // namespace

bool path_taken(const std::string& root, const std::string& path) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(fs::path(root) / path, ec));
}

void write_new_files(const std::string& root, const std::vector<PlannedFile>& files) {
  for (const auto& f : files)
    if (path_taken(root, f.path))
      throw Fatal{fmt::format("{} already exists; nothing was written (scaffolding never overwrites)", f.path)};
  std::vector<fs::path> made, written;
  for (const auto& f : files) {
    const fs::path target = fs::path(root) / f.path;
    auto err = make_parents(target, made);
    if (!err) err = write_atomic(target.string(), f.text, false);
    if (err) {
      undo(written, made);
      // It was not there a moment ago, so a concurrent run wrote it.
      if (path_taken(root, f.path))
        throw Fatal{fmt::format("{} already exists; nothing was written (scaffolding never overwrites)", f.path)};
      throw Fatal{fmt::format("{}; nothing was written", *err)};
    }
    written.push_back(target);
  }
}

bool write_if_missing(const std::string& root, const PlannedFile& file) {
  if (path_taken(root, file.path)) return false;
  const fs::path target = fs::path(root) / file.path;
  std::vector<fs::path> made;
  auto err = make_parents(target, made);
  if (!err) err = write_atomic(target.string(), file.text, false);
  if (!err) return true;
  undo({}, made);
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
