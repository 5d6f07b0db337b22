// Sources that need no git: memory (tests) and the plain working tree.
#include "git/source.h"

#include <filesystem>
#include <cerrno>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace opslint {

namespace fs = std::filesystem;

std::optional<Blob> MemorySource::read(const std::string& path, uint64_t limit) const {
  auto it = files_.find(path);
  if (it == files_.end()) return std::nullopt;
  Blob b;
  b.size = it->second.size();
  if (b.size > limit)
    b.truncated = true;
  else
    b.bytes = it->second;
  return b;
}

std::vector<std::string> WorktreeSource::list(const std::string& dir) const {
  std::vector<std::string> out;
  std::error_code ec;
  const fs::path base = fs::path(root_) / dir;
  // Paths are made relative by prefix: fs::relative would canonicalise (readlink) every file.
  const size_t strip = fs::path(root_).generic_string().size() + (root_.ends_with('/') ? 0 : 1);
  if (!fs::is_directory(base, ec)) return out;
  for (fs::recursive_directory_iterator it(base, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    if (it->path().filename() == ".git") {
      it.disable_recursion_pending();
      continue;
    }
    // Symlinks are not followed: in git they are blobs holding a target, not files to lint.
    if (it->is_symlink(ec) || !it->is_regular_file(ec)) continue;
    out.push_back(it->path().generic_string().substr(strip));
  }
  return out;
}

std::optional<Blob> WorktreeSource::read(const std::string& path, uint64_t limit) const {
  const fs::path p = fs::path(root_) / path;
  // One open and one fstat per file. O_NONBLOCK: opening a FIFO must not wait for a writer (it is
  // then refused as not a regular file); it changes nothing for regular files.
  const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return std::nullopt;
  struct FdCloser {
    int fd;
    ~FdCloser() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  Blob b;
  b.size = static_cast<uint64_t>(st.st_size);
  if (b.size > limit) {
    b.truncated = true;
    return b;
  }
  b.bytes.resize(b.size);
  size_t done = 0;
  while (done < b.bytes.size()) {
    const ssize_t n = ::read(fd, b.bytes.data() + done, b.bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  b.bytes.resize(done);
  return b;
}

bool WorktreeSource::exists(const std::string& path) const {
  std::error_code ec;
  return fs::exists(fs::path(root_) / path, ec);
}

}  // namespace opslint
