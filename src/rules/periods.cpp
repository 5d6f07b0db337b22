// OPS101–OPS105: period folders, the files each must hold, and cadence gaps.
#include <fmt/format.h>

#include <set>

#include "markdown/document.h"
#include "rules/checks.h"
#include "util/text.h"

namespace opslint {

namespace {

std::string_view expected_form(Kind k) {
  switch (k) {
    case Kind::Weekly: return "YYYY-WW, an ISO week that exists";
    case Kind::Monthly: return "YYYY-MM";
    case Kind::Quarterly: return "YYYY-QN";
  }
  return "";
}

bool section_with_text(const Document& d, std::string_view normalized) {
  for (const auto& s : d.sections)
    if (s.normalized == normalized && s.has_text) return true;
  return false;
}

void check_skip_record(LintContext& ctx, const PeriodFolder& f) {
  const std::string file = f.path + "/SKIPPED.md";
  if (f.has_minutes)
    ctx.report("OPS105", file, {1, 1},
               fmt::format("{} has both SKIPPED.md and minutes.md: a review is either held or skipped", f.name), f.name,
               "both");
  if (!f.skipped) return;
  if (!section_with_text(*f.skipped, "rationale"))
    ctx.report("OPS105", file, {1, 1}, "skipped review has no '## Rationale' section with text", f.name, "rationale");
  if (!section_with_text(*f.skipped, "recovery plan"))
    ctx.report("OPS105", file, {1, 1}, "skipped review has no '## Recovery plan' section with text", f.name,
               "recovery");
}

void check_gaps(LintContext& ctx, Kind kind) {
  const std::string& root = ctx.cfg.review(kind).path;
  for (const Period& p : missing_periods(ctx.snap, ctx.cfg, ctx.now, kind))
    ctx.report("OPS104", root + "/" + p.name() + "/minutes.md", {0, 0},
               fmt::format("{} review {} ({} to {}) is missing: no minutes and no SKIPPED.md", kind_name(kind),
                           p.name(), format_day(p.first_day()), format_day(p.last_day())),
               p.name(), p.name());
}

}  // namespace

void check_periods(LintContext& ctx) {
  for (const auto& f : ctx.snap.folders) {
    if (!f.period) {
      ctx.report("OPS101", f.path, {0, 0},
                 fmt::format("'{}' is not a valid {} period folder name (expected {})", f.name, kind_name(f.kind),
                             expected_form(f.kind)),
                 {}, f.path);
      continue;
    }
    if (!f.has_minutes && !f.has_skipped)
      ctx.report("OPS102", f.path + "/minutes.md", {0, 0},
                 fmt::format("{} review {} has neither minutes.md nor SKIPPED.md", kind_name(f.kind), f.name), f.name);
    if (f.has_skipped) check_skip_record(ctx, f);
    if (f.has_minutes && !f.has_actions && !f.actions_section && f.minutes)
      ctx.report("OPS103", f.path + "/actions.md", {0, 0},
                 fmt::format("{} review {} has no actions.md and its minutes have no Actions section",
                             kind_name(f.kind), f.name),
                 f.name);
  }
  for (Kind k : kAllKinds) check_gaps(ctx, k);
}

// A period is due once it has ended and publish_within_hours have passed (SPEC §4).
bool is_due(const Config& cfg, Instant now, const Period& p) {
  auto end = local_to_instant(p.last_day() + date::days{1}, 0, cfg.timezone);
  return end && now >= *end + std::chrono::hours{cfg.publish_within_hours};
}

std::vector<Period> missing_periods(const Snapshot& snap, const Config& cfg, Instant now, Kind kind) {
  std::set<std::string> present;
  std::optional<Period> earliest;
  for (const auto& f : snap.folders) {
    if (f.kind != kind || !f.period) continue;
    present.insert(f.name);
    if (!earliest || *f.period < *earliest) earliest = f.period;
  }
  std::optional<Period> p;
  if (cfg.cadence_start) {
    p = Period::containing(kind, *cfg.cadence_start);
    if (p->first_day() < *cfg.cadence_start) p = p->next();
  } else {
    p = earliest;
  }
  std::vector<Period> out;
  // Bounded so that a start date far in the past cannot run away.
  for (int guard = 0; p && guard < 100000 && is_due(cfg, now, *p); ++guard, p = p->next())
    if (!present.count(p->name())) out.push_back(*p);
  return out;
}

std::optional<Day> meeting_day(const PeriodFolder& f) {
  if (!f.minutes) return std::nullopt;
  auto it = f.minutes->front_matter.fields.find("date");
  if (it == f.minutes->front_matter.fields.end()) return std::nullopt;
  return parse_day(it->second.scalar);
}

}  // namespace opslint
