// What the libFuzzer targets share: the input as text, and cache files made to pass their checksum.
#pragma once
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "util/binary_io.h"

namespace opslint::fuzz {

inline std::string_view text_of(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Rewrites the checksum that ends a framed cache file (util/binary_io.h, open_frame) to match:
// a mutated file would almost never pass it, and the decoders behind it are what is fuzzed.
inline void seal(std::string& bytes) {
  if (bytes.size() < 28) return;
  bytes.resize(bytes.size() - 8);
  Writer w;
  w.u64(checksum(bytes));
  bytes += w.bytes();
}

// The u64 at `at`, when the input holds one: the fingerprint a cache file was written for, so the
// decoder does not stop at "written for another build".
inline uint64_t u64_at(std::string_view bytes, size_t at) {
  return bytes.size() >= at + 8 ? load_le(bytes.data() + at, 8) : 0;
}

// A private scratch folder under $TMPDIR for targets whose decoder reads a file; removed when the
// fuzzer exits normally (a crash leaves it for a look).
inline const std::string& scratch_dir() {
  // Never freed: the exit handler runs after static strings are destroyed.
  static const std::string& dir = *[] {
    const char* tmp = std::getenv("TMPDIR");
    auto* d = new std::string(std::string(tmp && *tmp ? tmp : "/tmp") + "/opslint-fuzz-XXXXXX");
    if (!::mkdtemp(d->data())) std::abort();
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(scratch_dir(), ec);
    });
    return d;
  }();
  return dir;
}

// Writes `bytes` to `path`, replacing it.
inline void write_file(const std::string& path, std::string_view bytes) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) std::abort();
  if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) std::abort();
  std::fclose(f);
}

}  // namespace opslint::fuzz
