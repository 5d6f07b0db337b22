// A small stable hash for cache keys and digests.
#pragma once
#include <cstdint>
#include <string_view>

namespace opslint {

// FNV-1a, 64 bits: stable across runs and platforms (it is stored in the history cache).
inline uint64_t fnv1a(std::string_view s, uint64_t h = 14695981039346656037ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace opslint
