// Reading a file for linting: its bytes, or exactly why not (missing, too large, refused), never
// through a symbolic link that leads out of the folder it is read below.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

namespace opslint {

struct FileRead {
  enum class Status { Read, Missing, TooLarge, Refused } status = Status::Missing;
  uint64_t size = 0;   // Read, TooLarge
  std::string bytes;   // Read
  std::string reason;  // Refused: "is a FIFO (named pipe), not a regular file", ...
};

// Reads `path` (any path: an explicit --config). Never waits on a FIFO; anything but a regular
// file is refused with its kind.
FileRead read_file(const std::string& path, uint64_t limit);

// Files below one root folder (the repository's working tree). A symbolic link is followed while
// it stays below the root (openat2's RESOLVE_BENEATH, or realpath where the kernel refuses
// openat2); one that leads out, or to nothing, is refused.
class RootFolder {
 public:
  explicit RootFolder(std::string root);
  ~RootFolder();
  RootFolder(const RootFolder&) = delete;
  RootFolder& operator=(const RootFolder&) = delete;

  // `rel` is '/'-separated, relative to the root.
  FileRead read(const std::string& rel, uint64_t limit) const;
  const std::string& path() const { return root_; }

 private:
  int open_beneath(const std::string& rel, std::string& refused) const;
  std::string root_;
  int fd_ = -1;  // O_PATH descriptor of the root, -1 when it could not be opened
};

}  // namespace opslint
