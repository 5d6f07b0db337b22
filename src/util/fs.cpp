// Atomic file writes through a temporary file in the same folder.
#include "util/fs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

namespace opslint {

namespace {

std::optional<std::string> write_through_temporary(const std::string& path, std::string_view data, bool replace,
                                                   unsigned mode, bool durable) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string tmpl = (dir / ("." + target.filename().string() + ".opslint-XXXXXX")).string();
  const int fd = mkstemp(tmpl.data());
  if (fd < 0) return "cannot create a temporary file in " + dir.string() + ": " + std::strerror(errno);
  auto fail = [&](const std::string& what) {
    const std::string msg = what + ": " + std::strerror(errno);
    ::unlink(tmpl.c_str());
    return msg;
  };
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return fail("cannot write " + tmpl);
    }
    done += static_cast<size_t>(n);
  }
  ::fchmod(fd, static_cast<mode_t>(mode));
  if ((durable && ::fsync(fd) != 0) || ::close(fd) != 0) return fail("cannot write " + tmpl);
  if (replace) {
    if (::rename(tmpl.c_str(), path.c_str()) != 0) return fail("cannot rename to " + path);
    return std::nullopt;
  }
  if (::link(tmpl.c_str(), path.c_str()) != 0) {
    const bool exists = errno == EEXIST;
    std::string msg = fail("cannot create " + path);
    if (exists) msg = path + " already exists; not overwriting it";
    return msg;
  }
  ::unlink(tmpl.c_str());
  return std::nullopt;
}

}  // namespace

std::optional<std::string> write_atomic(const std::string& path, std::string_view data, bool replace, unsigned mode) {
  return write_through_temporary(path, data, replace, mode, true);
}

std::optional<std::string> write_cache_atomic(const std::string& path, std::string_view data, bool replace) {
  return write_through_temporary(path, data, replace, 0644, false);
}

}  // namespace opslint
