// An exclusive lock on a folder, held for a scope: flock(2) on the folder itself, so no lock file
// is left behind, and the kernel releases it when the holder dies (even by SIGKILL).
#pragma once
#include <optional>
#include <string>

namespace opslint {

class DirLock {
 public:
  // Waits for the lock on the existing folder `dir`; an error message when it cannot be taken.
  static std::optional<std::string> acquire(const std::string& dir, DirLock& out);
  DirLock() = default;
  DirLock(const DirLock&) = delete;
  DirLock& operator=(const DirLock&) = delete;
  ~DirLock();

 private:
  int fd_ = -1;
};

}  // namespace opslint
