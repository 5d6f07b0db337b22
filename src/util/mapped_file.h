// A file mapped read-only (cache files of several megabytes): no copy. A file read whole has its
// pages mapped in one go (MAP_POPULATE) rather than faulted in one at a time, which costs more than
// reading them; a file read in part (an index, then what it points at) only the pages touched.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace opslint {

class MappedFile {
 public:
  // nullopt when the file is missing, not a regular file, empty or cannot be mapped.
  static std::optional<MappedFile> open(const std::string& path, bool whole = true);
  // The first `n` bytes without mapping the file (a header check); empty when shorter.
  static std::string head(const std::string& path, size_t n);
  MappedFile(MappedFile&& o) noexcept : data_(o.data_) { o.data_ = {}; }
  MappedFile& operator=(MappedFile&& o) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();
  std::string_view bytes() const { return data_; }

 private:
  explicit MappedFile(std::string_view data) : data_(data) {}
  std::string_view data_;
};

}  // namespace opslint
