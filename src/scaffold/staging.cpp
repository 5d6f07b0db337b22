// All-or-nothing through a staging folder `.NAME.opslint-stage-XXXXXX` beside the period folder NAME.
//
// Every file is first written whole into the staging folder (util/fs write_atomic). Then:
// - the period folder does not exist (the usual case): the staging folder is renamed to it, one
//   rename(2), so the files appear together or not at all, whenever the run is killed;
// - it exists (made by hand, holding other files): each file is hard-linked from the staging
//   folder into it, the first planned file (minutes.md) last; once all are linked a `.committed`
//   mark is made in the staging folder, which is then removed. A run killed before the mark
//   leaves its staging folder behind, and recover_staging() in the next scaffolding run under
//   that parent unlinks from the period folder exactly the files that are hard links to the
//   staged ones (same inode: never a file someone else wrote), then removes the staging folder.
// Either way nothing is left half-written: minutes.md never appears without its actions.md for
// longer than it takes the next run to start.
#include "scaffold/staging.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

#include "util/fs.h"

namespace opslint {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kStageMark = ".opslint-stage-";
constexpr const char* kCommitted = ".committed";

// Removes the staging folder when it goes out of scope, unless it was renamed into place.
struct StageGuard {
  fs::path dir;
  ~StageGuard() {
    std::error_code ec;
    if (!dir.empty()) fs::remove_all(dir, ec);
  }
};

std::optional<std::string> make_stage(const fs::path& folder, fs::path& out) {
  static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::random_device rd;
  for (int attempt = 0; attempt < 16; ++attempt) {
    std::string suffix;
    for (int i = 0; i < 6; ++i) suffix += kChars[rd() % (sizeof kChars - 1)];
    const fs::path p = folder.parent_path() / ("." + folder.filename().string() + std::string(kStageMark) + suffix);
    if (::mkdir(p.c_str(), 0777) == 0) {
      out = p;
      return std::nullopt;
    }
    if (errno != EEXIST) break;
  }
  return "cannot create a staging folder in " + folder.parent_path().string() + ": " + std::strerror(errno);
}

bool same_file(const fs::path& a, const fs::path& b) {
  struct stat sa {};
  struct stat sb {};
  return ::lstat(a.c_str(), &sa) == 0 && ::lstat(b.c_str(), &sb) == 0 && sa.st_ino == sb.st_ino &&
         sa.st_dev == sb.st_dev;
}

// Unlinks from `folder` the files that are the staged ones (hard links made by commit_staged).
void unlink_staged(const fs::path& stage, const fs::path& folder) {
  std::error_code ec;
  for (fs::directory_iterator it(stage, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path placed = folder / it->path().filename();
    if (same_file(it->path(), placed)) ::unlink(placed.c_str());
  }
}

// "NAME" of ".NAME.opslint-stage-XXXXXX", or empty.
std::string staged_folder_name(const std::string& entry) {
  const size_t mark = entry.rfind(kStageMark);
  if (entry.size() < 2 || entry[0] != '.' || mark == std::string::npos || mark < 2 ||
      entry.size() != mark + kStageMark.size() + 6)
    return {};
  return entry.substr(1, mark - 1);
}

}  // namespace

std::optional<std::string> commit_staged(const fs::path& folder, const FolderFiles& files) {
  StageGuard stage;
  if (auto err = make_stage(folder, stage.dir)) return err;
  for (const auto& [name, text] : files)
    if (auto err = write_atomic((stage.dir / name).string(), text, false)) return err;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(folder, ec))) {
    if (::rename(stage.dir.c_str(), folder.c_str()) == 0) {
      stage.dir.clear();
      return std::nullopt;
    }
    if (errno != EEXIST && errno != ENOTEMPTY) return "cannot create " + folder.string() + ": " + std::strerror(errno);
  }
  for (auto it = files.rbegin(); it != files.rend(); ++it) {
    const fs::path target = folder / it->first;
    if (::link((stage.dir / it->first).c_str(), target.c_str()) != 0) {
      const std::string err = errno == EEXIST ? target.string() + " already exists"
                                              : "cannot create " + target.string() + ": " + std::strerror(errno);
      unlink_staged(stage.dir, folder);
      return err;
    }
  }
  const int mark = ::open((stage.dir / kCommitted).c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (mark >= 0) ::close(mark);
  return std::nullopt;
}

void recover_staging(const fs::path& parent) {
  std::error_code ec;
  for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = staged_folder_name(it->path().filename().string());
    std::error_code ec2;
    if (name.empty() || !fs::is_directory(fs::symlink_status(it->path(), ec2))) continue;
    const fs::path folder = parent / name;
    if (!fs::exists(it->path() / kCommitted, ec2)) {
      unlink_staged(it->path(), folder);
      ::rmdir(folder.c_str());  // only when empty: a folder made by the killed run
    }
    fs::remove_all(it->path(), ec2);
  }
}

}  // namespace opslint
