// Compiles each distinct pattern once per process; RE2 objects are thread-safe to share.
#pragma once
#include <re2/re2.h>

#include <string>

namespace opslint {

// The compiled pattern; check ok() for user-supplied patterns. Never freed (process lifetime).
const RE2& cached_regex(const std::string& pattern);

}  // namespace opslint
