// A per-thread bump allocator for cmark-gfm: a document's whole tree is released at once.
#pragma once
#include <cmark-gfm.h>

namespace opslint {

// While alive, cmark allocations through mem() come from the calling thread's arena; on
// destruction they are all released together (cmark's free is a no-op), so a tree parsed with
// mem() needs no cmark_node_free / cmark_parser_free walk. cmark's own allocation calls were a
// fifth of a static lint's instructions. One scope per thread at a time; not to be nested.
class CmarkArenaScope {
 public:
  CmarkArenaScope();
  ~CmarkArenaScope();
  CmarkArenaScope(const CmarkArenaScope&) = delete;
  CmarkArenaScope& operator=(const CmarkArenaScope&) = delete;
  cmark_mem* mem();
};

}  // namespace opslint
