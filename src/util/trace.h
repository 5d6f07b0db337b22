// Phase timings on stderr when OPSLINT_TRACE is set: where a run spends its wall time (bench/),
// with the page faults taken so far (on a small VM each costs a few microseconds).
#pragma once
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <sys/resource.h>

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
  if (!enabled()) return;
  rusage use{};
  getrusage(RUSAGE_SELF, &use);
  std::fprintf(stderr, "opslint: trace: %8.1f ms  %s (%ld page faults)\n", elapsed_ms(), phase, use.ru_minflt + use.ru_majflt);
}

// A line of detail after a phase ("parse cache: 1351 reused, 1 parsed").
inline void note(const std::string& what) {
  if (enabled()) std::fprintf(stderr, "opslint: trace:             %s\n", what.c_str());
}

}  // namespace opslint::trace
