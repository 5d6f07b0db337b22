// Phase timings on stderr when OPSLINT_TRACE is set: where a run spends its wall time (bench/).
#pragma once
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace opslint::trace {

inline bool enabled() {
  static const bool on = [] {
    const char* v = std::getenv("OPSLINT_TRACE");
    return v && *v && *v != '0';
  }();
  return on;
}

// Milliseconds since the first call (the start of the run, near enough).
inline double elapsed_ms() {
  using clock = std::chrono::steady_clock;
  static const clock::time_point start = clock::now();
  return std::chrono::duration<double, std::milli>(clock::now() - start).count();
}

inline void mark(const char* phase) {
  if (enabled()) std::fprintf(stderr, "opslint: trace: %8.1f ms  %s\n", elapsed_ms(), phase);
}

// A line of detail after a phase ("parse cache: 1351 reused, 1 parsed").
inline void note(const std::string& what) {
  if (enabled()) std::fprintf(stderr, "opslint: trace:             %s\n", what.c_str());
}

}  // namespace opslint::trace
