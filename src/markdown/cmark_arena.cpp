// A per-thread bump allocator for cmark-gfm: a document's whole tree is released at once.
#include "markdown/cmark_arena.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

namespace opslint {

namespace {

constexpr size_t kAlign = 16;               // malloc's alignment on x86-64 and arm64
constexpr size_t kHeader = kAlign;          // each allocation's size, for realloc
constexpr size_t kBlock = 64 * 1024;        // under glibc's mmap threshold: blocks are reused
constexpr size_t kBig = kBlock / 4;         // larger requests get a block of their own

struct FreeDeleter {
  void operator()(void* p) const noexcept { std::free(p); }
};
using Block = std::unique_ptr<std::byte, FreeDeleter>;

struct Arena {
  std::vector<Block> blocks;  // blocks[0] is kept across documents
  std::vector<Block> big;
  std::byte* cur = nullptr;
  size_t left = 0;

  std::byte* fresh(size_t size) {
    auto* p = static_cast<std::byte*>(std::malloc(size));
    if (!p) std::abort();  // what cmark's own allocator does when memory runs out
    return p;
  }
  void* alloc(size_t n) {
    const size_t need = kHeader + (n + kAlign - 1) / kAlign * kAlign;
    std::byte* p = nullptr;
    if (need > kBig) {
      big.emplace_back(fresh(need));
      p = big.back().get();
    } else {
      if (need > left) {
        blocks.emplace_back(fresh(kBlock));
        cur = blocks.back().get();
        left = kBlock;
      }
      p = cur;
      cur += need;
      left -= need;
    }
    std::memcpy(p, &n, sizeof n);
    return p + kHeader;
  }
  static size_t size_of(void* p) {
    size_t n = 0;
    std::memcpy(&n, static_cast<std::byte*>(p) - kHeader, sizeof n);
    return n;
  }
  void reset() {
    big.clear();
    if (blocks.size() > 1) blocks.erase(blocks.begin() + 1, blocks.end());
    cur = blocks.empty() ? nullptr : blocks.front().get();
    left = blocks.empty() ? 0 : kBlock;
  }
};

thread_local Arena arena;
thread_local bool active = false;

void* arena_calloc(size_t count, size_t size) {
  if (size != 0 && count > SIZE_MAX / size) std::abort();
  void* p = arena.alloc(count * size);
  std::memset(p, 0, count * size);
  return p;
}

void* arena_realloc(void* p, size_t n) {
  if (!p) return arena.alloc(n);
  const size_t old = Arena::size_of(p);
  if (n <= old) return p;
  void* q = arena.alloc(n);
  std::memcpy(q, p, old);
  return q;
}

void arena_free(void*) {}

cmark_mem arena_mem = {arena_calloc, arena_realloc, arena_free};

}  // namespace

CmarkArenaScope::CmarkArenaScope() {
  if (active) std::abort();  // nested scopes would release each other's memory
  active = true;
}

CmarkArenaScope::~CmarkArenaScope() {
  arena.reset();
  active = false;
}

cmark_mem* CmarkArenaScope::mem() { return &arena_mem; }

}  // namespace opslint
