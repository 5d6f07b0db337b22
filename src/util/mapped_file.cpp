// mmap(2), with MAP_POPULATE for a file read whole, unmapped on destruction.
#include "util/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace opslint {

std::optional<MappedFile> MappedFile::open(const std::string& path, bool whole) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::optional<MappedFile> out;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    void* p = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE | (whole ? MAP_POPULATE : 0), fd,
                     0);
    if (p != MAP_FAILED) out = MappedFile(std::string_view(static_cast<const char*>(p), static_cast<size_t>(st.st_size)));
  }
  ::close(fd);
  return out;
}

std::string MappedFile::head(const std::string& path, size_t n) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  std::string out(n, '\0');
  const ssize_t got = ::pread(fd, out.data(), n, 0);
  ::close(fd);
  if (got != static_cast<ssize_t>(n)) return {};
  return out;
}

MappedFile& MappedFile::operator=(MappedFile&& o) noexcept {
  if (this != &o) {
    if (!data_.empty()) ::munmap(const_cast<char*>(data_.data()), data_.size());
    data_ = o.data_;
    o.data_ = {};
  }
  return *this;
}

MappedFile::~MappedFile() {
  if (!data_.empty()) ::munmap(const_cast<char*>(data_.data()), data_.size());
}

}  // namespace opslint
