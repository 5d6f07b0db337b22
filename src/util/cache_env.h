// Whether the caches under the git dir are used: OPSLINT_NO_CACHE=1 turns them off (a debugging aid,
// and how the tests compare cached runs with fresh ones).
#pragma once
#include <cstdlib>

namespace opslint {

inline bool caches_enabled() {
  const char* v = std::getenv("OPSLINT_NO_CACHE");
  return !(v && *v && *v != '0');
}

}  // namespace opslint
