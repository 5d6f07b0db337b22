// Safe file writes: temporary + rename for files, in place for devices and FIFOs, never through a link.
#include "util/fs.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

namespace opslint {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kTempMark = ".opslint-";
constexpr size_t kTempSuffix = 6;  // mkstemp's XXXXXX

// ".NAME.opslint-XXXXXX", NAME not empty.
bool is_temporary_name(std::string_view name) {
  const size_t tail = kTempMark.size() + kTempSuffix;
  if (name.size() < 2 + tail || name[0] != '.') return false;
  if (name.substr(name.size() - tail, kTempMark.size()) != kTempMark) return false;
  return std::all_of(name.end() - kTempSuffix, name.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

std::string os_error(const std::string& what) { return what + ": " + std::strerror(errno); }

// A temporary file beside its target, locked (flock) while it lives so that
// remove_stale_temporaries() leaves it alone; unlinked on destruction unless it was renamed away.
class Temporary {
 public:
  Temporary() = default;
  Temporary(const Temporary&) = delete;
  Temporary& operator=(const Temporary&) = delete;
  ~Temporary() {
    if (!path_.empty() && !renamed_) ::unlink(path_.c_str());
    if (fd_ >= 0) ::close(fd_);
  }

  std::optional<std::string> create(const fs::path& dir, const std::string& name) {
    // A cleaner may lock and remove the file between mkstemp and our flock; then its link count
    // is 0 once we hold the lock, and we try again with a new name.
    for (int attempt = 0; attempt < 8; ++attempt) {
      std::string tmpl = (dir / ("." + name + std::string(kTempMark) + "XXXXXX")).string();
      const int fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
      if (fd < 0) return os_error("cannot create a temporary file in " + dir.string());
      struct stat st {};
      if (::flock(fd, LOCK_EX) == 0 && ::fstat(fd, &st) == 0 && st.st_nlink > 0) {
        fd_ = fd;
        path_ = std::move(tmpl);
        return std::nullopt;
      }
      ::close(fd);
    }
    return "cannot create a temporary file in " + dir.string() + ": removed by another process each time";
  }
  int fd() const { return fd_; }
  const std::string& path() const { return path_; }
  void renamed() { renamed_ = true; }

 private:
  int fd_ = -1;
  std::string path_;
  bool renamed_ = false;
};

bool written_in_place(mode_t m) { return S_ISCHR(m) || S_ISBLK(m) || S_ISFIFO(m); }

// A device or FIFO: opened and written, never created, truncated or replaced.
std::optional<std::string> write_in_place(const std::string& path, std::string_view data) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return os_error("cannot open " + path);
  std::optional<std::string> err;
  if (!write_all(fd, data)) err = os_error("cannot write to " + path);
  if (::close(fd) != 0 && !err) err = os_error("cannot write to " + path);
  return err;
}

// What is at `path` decides how it is written: nullopt to go through a temporary, else the
// outcome (in-place write or refusal) as `done`.
bool decided_by_target(const std::string& path, std::string_view data, bool replace, std::optional<std::string>& done) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return false;
    done = os_error("cannot write " + path);
    return true;
  }
  if (!replace) {
    done = path + " already exists; not overwriting it";
  } else if (S_ISLNK(st.st_mode)) {
    struct stat to {};
    if (::stat(path.c_str(), &to) == 0 && written_in_place(to.st_mode))
      done = write_in_place(path, data);
    else
      done = path + " is a symbolic link; opslint neither replaces it nor writes through it";
  } else if (written_in_place(st.st_mode)) {
    done = write_in_place(path, data);
  } else if (S_ISDIR(st.st_mode)) {
    done = path + " is a folder";
  } else if (!S_ISREG(st.st_mode)) {
    done = path + " is not a regular file, a device or a FIFO; not writing to it";
  } else {
    return false;
  }
  return true;
}

std::optional<std::string> write_file(const std::string& path, std::string_view data, bool replace, unsigned mode,
                                      bool durable, const std::string& inside) {
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (!inside.empty())
    if (auto err = escapes_root(inside, dir.string())) return *err + "; refusing to write through it";
  if (std::optional<std::string> done; decided_by_target(path, data, replace, done)) return done;
  remove_stale_temporaries(dir.string());
  Temporary tmp;
  if (auto err = tmp.create(dir, target.filename().string())) return err;
  if (!write_all(tmp.fd(), data)) return os_error("cannot write " + tmp.path());
  ::fchmod(tmp.fd(), static_cast<mode_t>(mode));
  if (durable && ::fsync(tmp.fd()) != 0) return os_error("cannot write " + tmp.path());
  // The temporary stays open and locked until it is in place (see remove_stale_temporaries).
  if (replace) {
    if (::rename(tmp.path().c_str(), path.c_str()) != 0) return os_error("cannot rename to " + path);
    tmp.renamed();
    return std::nullopt;
  }
  if (::link(tmp.path().c_str(), path.c_str()) != 0) {
    if (errno == EEXIST) return path + " already exists; not overwriting it";
    return os_error("cannot create " + path);
  }
  return std::nullopt;  // ~Temporary unlinks the temporary name
}

}  // namespace

bool write_all(int fd, std::string_view data) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

int remove_stale_temporaries(const std::string& dir) {
  std::error_code ec;
  int removed = 0;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!is_temporary_name(it->path().filename().string())) continue;
    const std::string p = it->path().string();
    const int fd = ::open(p.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) continue;
    struct stat held {};
    struct stat named {};
    // Unlocked: its writer is gone. Still the same file under that name: not renamed meanwhile.
    if (::fstat(fd, &held) == 0 && S_ISREG(held.st_mode) && ::flock(fd, LOCK_EX | LOCK_NB) == 0 &&
        ::lstat(p.c_str(), &named) == 0 && named.st_ino == held.st_ino && named.st_dev == held.st_dev &&
        ::unlink(p.c_str()) == 0)
      ++removed;
    ::close(fd);
  }
  return removed;
}

std::optional<std::string> escapes_root(const std::string& root, const std::string& path) {
  std::error_code ec;
  const fs::path real_root = fs::weakly_canonical(fs::absolute(root, ec), ec);
  const fs::path base = fs::absolute(root, ec).lexically_normal();
  const fs::path rel = fs::absolute(path, ec).lexically_normal().lexically_relative(base);
  auto inside = [&](const fs::path& p) {
    const fs::path real = fs::weakly_canonical(p, ec);
    return std::mismatch(real_root.begin(), real_root.end(), real.begin(), real.end()).first == real_root.end();
  };
  if (rel.empty() || *rel.begin() == "..") return path + " is outside " + root;
  fs::path cur = base, shown;
  for (const auto& part : rel) {
    if (part == ".") continue;
    cur /= part;
    shown /= part;
    const auto st = fs::symlink_status(cur, ec);
    if (!fs::exists(st)) break;
    if (fs::is_symlink(st) && !inside(cur))
      return shown.generic_string() + " is a symbolic link to " + fs::read_symlink(cur, ec).string() +
             ", outside the repository";
  }
  return std::nullopt;
}

std::optional<std::string> write_atomic(const std::string& path, std::string_view data, bool replace, unsigned mode,
                                        const std::string& inside) {
  return write_file(path, data, replace, mode, true, inside);
}

std::optional<std::string> write_cache_atomic(const std::string& path, std::string_view data, bool replace) {
  return write_file(path, data, replace, 0644, false, {});
}

}  // namespace opslint
