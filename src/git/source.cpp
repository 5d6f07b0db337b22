// Sources that need no git: memory (tests) and the plain working tree.
#include "git/source.h"

#include <filesystem>

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
    // Everything that stands where a file could is listed, so that a period file that is a FIFO,
    // a link out of the repository or a folder named like one is refused by read() (OPS001)
    // rather than taken for missing; links to folders are not walked into.
    if (it->is_directory(ec)) {
      if (it->is_symlink(ec) || it->path().extension() != ".md") continue;
      it.disable_recursion_pending();
    }
    out.push_back(it->path().generic_string().substr(strip));
  }
  return out;
}

std::optional<Blob> WorktreeSource::read(const std::string& path, uint64_t limit) const {
  FileRead r = folder_.read(path, limit);
  Blob b;
  b.size = r.size;
  switch (r.status) {
    case FileRead::Status::Missing: return std::nullopt;
    case FileRead::Status::Read: b.bytes = std::move(r.bytes); break;
    case FileRead::Status::TooLarge: b.truncated = true; break;
    case FileRead::Status::Refused: b.refused = std::move(r.reason); break;
  }
  return b;
}

bool WorktreeSource::exists(const std::string& path) const {
  std::error_code ec;
  return fs::exists(fs::path(root_) / path, ec);
}

}  // namespace opslint
