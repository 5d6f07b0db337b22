// Keeps a large value alive until the process ends, so that it is never freed.
#pragma once
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace opslint {

// A parsed ten-year repository is ~1,400 documents in hundreds of thousands of small allocations;
// freeing them one by one costs ~10 ms of the run's end, and the OS takes the pages back anyway.
// What is kept stays reachable from a static list, so leak checkers do not report it. Only for
// values a command builds once (a snapshot, a history view), never in a loop.
template <typename T>
T& keep_until_exit(T&& value) {
  static std::mutex mu;
  static auto* kept = new std::vector<std::unique_ptr<T>>;  // never destroyed: no freeing walk at exit
  auto owned = std::make_unique<T>(std::forward<T>(value));
  T& ref = *owned;
  std::lock_guard lock(mu);
  kept->push_back(std::move(owned));
  return ref;
}

}  // namespace opslint
