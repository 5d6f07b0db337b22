// OPS601 broken-repo-link: relative links must point at files in the linted snapshot.
#include <fmt/format.h>

#include "markdown/ops_parse.h"
#include "rules/checks.h"

namespace opslint {

void check_links_in(LintContext& ctx, const Document& doc) {
  const std::string& path = doc.path;
  {
    for (const Link& l : doc.links) {
      if (l.url.empty() || l.url.front() == '#' || is_absolute_url(l.url)) continue;
      const auto target = resolve_link(path, l.url);
      if (!target)
        ctx.report("OPS601", path, l.pos, fmt::format("link '{}' points outside the repository", l.url), {}, l.url);
      else if (!ctx.snap.existing_targets.count(*target))
        ctx.report("OPS601", path, l.pos, fmt::format("link '{}' points to {}, which does not exist", l.url, *target),
                   {}, l.url);
    }
  }
}

void check_links(LintContext& ctx) {
  for (const auto& [path, doc] : ctx.snap.documents) check_links_in(ctx, doc);
}

}  // namespace opslint
