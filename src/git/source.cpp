// Sources that need no git: memory (tests) and the plain working tree.
#include "git/source.h"

#include <filesystem>
#include <fstream>

namespace opslint {

namespace fs = std::filesystem;

std::vector<std::string> MemorySource::list(const std::string& dir) const {
  std::vector<std::string> out;
  const std::string prefix = dir + "/";
  for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.starts_with(prefix); ++it)
    out.push_back(it->first);
  return out;
}

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

bool MemorySource::exists(const std::string& path) const {
  if (files_.count(path)) return true;
  auto it = files_.lower_bound(path + "/");
  return it != files_.end() && it->first.starts_with(path + "/");
}

std::vector<std::string> WorktreeSource::list(const std::string& dir) const {
  std::vector<std::string> out;
  std::error_code ec;
  const fs::path base = fs::path(root_) / dir;
  if (!fs::is_directory(base, ec)) return out;
  for (fs::recursive_directory_iterator it(base, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    if (it->path().filename() == ".git") {
      it.disable_recursion_pending();
      continue;
    }
    // Symlinks are not followed: in git they are blobs holding a target, not files to lint.
    if (it->is_symlink(ec) || !it->is_regular_file(ec)) continue;
    out.push_back(fs::relative(it->path(), root_, ec).generic_string());
  }
  return out;
}

std::optional<Blob> WorktreeSource::read(const std::string& path, uint64_t limit) const {
  const fs::path p = fs::path(root_) / path;
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) return std::nullopt;
  Blob b;
  b.size = fs::file_size(p, ec);
  if (ec) return std::nullopt;
  if (b.size > limit) {
    b.truncated = true;
    return b;
  }
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  b.bytes.resize(b.size);
  in.read(b.bytes.data(), static_cast<std::streamsize>(b.size));
  b.bytes.resize(static_cast<size_t>(in.gcount()));
  return b;
}

bool WorktreeSource::exists(const std::string& path) const {
  std::error_code ec;
  return fs::exists(fs::path(root_) / path, ec);
}

}  // namespace opslint
