// OPS312, OPS408, OPS412: content the parser found but could not read as records (ParsedFile::issues), reported
// where it was found. The issues are part of every file's parse-cache head, so this check reads
// no deferred record.
#include "rules/checks.h"

namespace opslint {

void check_forms(LintContext& ctx) {
  for (const FormIssue& i : ctx.snap.form_issues)
    ctx.report(i.rule, i.file, i.pos, i.message, i.period, "form/" + std::to_string(i.pos.line));
}

}  // namespace opslint
