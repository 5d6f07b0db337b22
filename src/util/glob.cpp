// Shell-style globs compiled to RE2.
#include "util/glob.h"

#include <re2/re2.h>

namespace opslint {

namespace {
std::string to_regex(std::string_view g) {
  std::string re;
  for (size_t i = 0; i < g.size(); ++i) {
    const char c = g[i];
    if (c == '*' && i + 1 < g.size() && g[i + 1] == '*') {
      const bool slash = i + 2 < g.size() && g[i + 2] == '/';
      re += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c == '*') {
      re += "[^/]*";
    } else if (c == '?') {
      re += "[^/]";
    } else {
      re += RE2::QuoteMeta(std::string_view(&g[i], 1));
    }
  }
  return re;
}
}  // namespace

Glob::Glob(std::string_view pattern) : pattern_(pattern), re_(std::make_unique<re2::RE2>(to_regex(pattern))) {}
Glob::~Glob() = default;
Glob::Glob(Glob&&) noexcept = default;
Glob& Glob::operator=(Glob&&) noexcept = default;

bool Glob::matches(std::string_view path) const { return RE2::FullMatch(path, *re_); }

}  // namespace opslint
