// OPS001 unreadable-file, OPS002 front-matter-syntax.
#include <fmt/format.h>

#include "rules/checks.h"

namespace opslint {

void check_files(LintContext& ctx) {
  for (const auto& u : ctx.snap.unreadable) ctx.report("OPS001", u.path, u.pos, u.reason + "; not linted", {}, u.path);
  for (const auto& [path, doc] : ctx.snap.documents)
    if (doc.front_matter.error)
      ctx.report("OPS002", path, doc.front_matter.error_pos,
                 fmt::format("front matter is not valid YAML: {}", *doc.front_matter.error), {}, path);
}

}  // namespace opslint
