// flock(2) on a folder's descriptor.
#include "util/dir_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace opslint {

std::optional<std::string> DirLock::acquire(const std::string& dir, DirLock& out) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return "cannot open folder " + dir + ": " + std::strerror(errno);
  int rc = 0;
  while ((rc = ::flock(fd, LOCK_EX)) != 0 && errno == EINTR) {
  }
  if (rc != 0) {
    const std::string msg = "cannot lock folder " + dir + ": " + std::strerror(errno);
    ::close(fd);
    return msg;
  }
  if (out.fd_ >= 0) ::close(out.fd_);
  out.fd_ = fd;
  return std::nullopt;
}

DirLock::~DirLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace opslint
