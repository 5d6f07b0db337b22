// File reads that say why they fail, and stay inside their root folder.
#include "util/file_read.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <string>

namespace opslint {
namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

constexpr int kReadFlags = O_RDONLY | O_CLOEXEC | O_NONBLOCK;  // a FIFO must not wait for a writer

const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "is a folder, not a file";
  if (S_ISFIFO(mode)) return "is a FIFO (named pipe), not a regular file";
  if (S_ISSOCK(mode)) return "is a socket, not a regular file";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "is a device, not a regular file";
  return "is not a regular file";
}

std::string os_reason(int err) {
  if (err == ELOOP) return "is a symbolic link that leads in a loop; not followed";
  return std::string("cannot be read: ") + std::strerror(err);
}

// The rest of a read once the file is open: its kind, its size against `limit`, its bytes.
FileRead read_open(int fd, uint64_t limit) {
  FileRead r;
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    r.status = FileRead::Status::Refused;
    r.reason = os_reason(errno);
    return r;
  }
  if (!S_ISREG(st.st_mode)) {
    r.status = FileRead::Status::Refused;
    r.reason = kind_of(st.st_mode);
    return r;
  }
  r.size = static_cast<uint64_t>(st.st_size);
  if (r.size > limit) {
    r.status = FileRead::Status::TooLarge;
    return r;
  }
  r.bytes.resize(r.size);
  size_t done = 0;
  while (done < r.bytes.size()) {
    const ssize_t n = ::read(fd, r.bytes.data() + done, r.bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      r.status = FileRead::Status::Refused;
      r.reason = os_reason(errno);
      r.bytes.clear();
      return r;
    }
    if (n == 0) break;  // the file shrank while being read
    done += static_cast<size_t>(n);
  }
  r.bytes.resize(done);
  r.status = FileRead::Status::Read;
  return r;
}

FileRead refused(std::string reason) {
  FileRead r;
  r.status = FileRead::Status::Refused;
  r.reason = std::move(reason);
  return r;
}

bool is_link(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode);
}

}  // namespace

FileRead read_file(const std::string& path, uint64_t limit) {
  const Fd fd(::open(path.c_str(), kReadFlags));
  if (fd.get() < 0) {
    const int err = errno;
    if (err == ENOENT || err == ENOTDIR) return is_link(path) ? refused("is a symbolic link to nothing") : FileRead{};
    return refused(os_reason(err));
  }
  return read_open(fd.get(), limit);
}

RootFolder::RootFolder(std::string root) : root_(std::move(root)) {
  fd_ = ::open(root_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
}

RootFolder::~RootFolder() {
  if (fd_ >= 0) ::close(fd_);
}

// A descriptor of `rel`, or -1 with errno set (and `refused` saying why, when it is a link out).
int RootFolder::open_beneath(const std::string& rel, std::string& refused_why) const {
  if (fd_ >= 0) {
    open_how how{};
    how.flags = kReadFlags;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
    const long fd = ::syscall(SYS_openat2, fd_, rel.c_str(), &how, sizeof how);
    if (fd >= 0) return static_cast<int>(fd);
    // EXDEV: a link leads out, or is absolute (perhaps back inside); ENOSYS/EPERM: no openat2
    // here (an old kernel, a seccomp filter). Both are decided by the real path below.
    if (errno != EXDEV && errno != ENOSYS && errno != EPERM) return -1;
  }
  const std::string full = root_ + "/" + rel;
  char real[PATH_MAX];
  char real_root[PATH_MAX];
  if (!::realpath(full.c_str(), real)) return -1;
  if (!::realpath(root_.c_str(), real_root)) return -1;
  const std::string inside(real_root);
  const std::string target(real);
  if (target != inside && !target.starts_with(inside == "/" ? inside : inside + "/")) {
    refused_why = "is a symbolic link that leads outside the repository (to " + target + "); not followed";
    errno = EXDEV;
    return -1;
  }
  return ::open(real, kReadFlags);
}

FileRead RootFolder::read(const std::string& rel, uint64_t limit) const {
  std::string why;
  const Fd fd(open_beneath(rel, why));
  if (fd.get() < 0) {
    const int err = errno;
    if (!why.empty()) return refused(std::move(why));
    if (err == ENOENT || err == ENOTDIR)
      return is_link(root_ + "/" + rel) ? refused("is a symbolic link to nothing") : FileRead{};
    return refused(os_reason(err));
  }
  return read_open(fd.get(), limit);
}

}  // namespace opslint
