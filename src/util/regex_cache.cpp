// Compiles each distinct pattern once per process.
#include "util/regex_cache.h"

#include <map>
#include <memory>
#include <mutex>

namespace opslint {

const RE2& cached_regex(const std::string& pattern) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<RE2>> cache;
  std::lock_guard lock(mu);
  auto& slot = cache[pattern];
  if (!slot) slot = std::make_unique<RE2>(pattern, RE2::Quiet);
  return *slot;
}

}  // namespace opslint
