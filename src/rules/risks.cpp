// OPS410 risk-field-missing, OPS411 risk-stale: the risk register is complete and reviewed.
#include <fmt/format.h>
#include <re2/re2.h>

#include "rules/checks.h"
#include "util/text.h"

namespace opslint {

bool is_open_risk(const Entry& risk) {
  const std::string* status = risk.field("status");
  return !(status && text::iequals(*status, "closed"));
}

bool is_stale_risk(const Entry& risk, Day today, int stale_days) {
  if (!is_open_risk(risk)) return false;
  const std::string* reviewed = risk.field("reviewed");
  const auto day = reviewed ? parse_day(*reviewed) : std::nullopt;
  return !day || (today - *day).count() > stale_days;
}

void check_risks(LintContext& ctx) {
  static const RE2 level(R"((?i)[1-5]|low|medium|high|critical)");
  static const RE2 status_re(R"((?i)open|mitigating|accepted|closed)");
  for (const Entry& r : ctx.snap.risks) {
    auto missing = [&](const char* name) {
      const std::string* v = r.field(name);
      if (v && !v->empty()) return false;
      ctx.report("OPS410", r.file, r.pos, fmt::format("{} has no {} field", r.id, name), {}, r.id + "/" + name);
      return true;
    };
    missing("owner");
    for (const char* name : {"likelihood", "impact"})
      if (!missing(name) && !RE2::FullMatch(*r.field(name), level))
        ctx.report("OPS410", r.file, r.field_pos(name),
                   fmt::format("{} has {} '{}'; expected 1-5 or low, medium, high, critical", r.id, name, *r.field(name)),
                   {}, r.id + "/" + name);
    if (!missing("status") && !RE2::FullMatch(*r.field("status"), status_re))
      ctx.report("OPS410", r.file, r.field_pos("status"),
                 fmt::format("{} has status '{}'; expected open, mitigating, accepted or closed", r.id, *r.field("status")),
                 {}, r.id + "/status");
    if (!is_open_risk(r)) continue;
    const std::string* reviewed = r.field("reviewed");
    const auto day = reviewed ? parse_day(*reviewed) : std::nullopt;
    if (reviewed && !day) {
      ctx.report("OPS410", r.file, r.field_pos("reviewed"),
                 fmt::format("{} has Reviewed '{}'; expected a date YYYY-MM-DD", r.id, *reviewed), {}, r.id + "/reviewed");
    } else if (!day) {
      ctx.report("OPS411", r.file, r.pos, fmt::format("{} has never been reviewed (no Reviewed date)", r.id), {}, r.id);
    } else if (const auto age = (ctx.today - *day).count(); age > ctx.cfg.risk_stale_days) {
      ctx.report("OPS411", r.file, r.field_pos("reviewed"),
                 fmt::format("{} was last reviewed {} days ago ({}), over the {}-day limit", r.id, age, *reviewed,
                             ctx.cfg.risk_stale_days),
                 {}, r.id);
    }
  }
}

}  // namespace opslint
