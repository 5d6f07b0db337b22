// The static checks; each reads the snapshot only (never git or the disk).
#pragma once
#include "rules/registry.h"

namespace opslint {

void check_files(LintContext& ctx);             // OPS001, OPS002
void check_periods(LintContext& ctx);           // OPS101–OPS105
void check_minutes(LintContext& ctx);           // OPS201–OPS207, OPS701–OPS703
void check_minutes_folder(LintContext& ctx, const PeriodFolder& f);  // check_minutes for one folder
void check_actions(LintContext& ctx);           // OPS301–OPS310
void check_repeated_actions(LintContext& ctx);  // OPS311
void check_forms(LintContext& ctx);             // OPS312, OPS408, OPS412
void check_backlog(LintContext& ctx);           // OPS401–OPS407
void check_risks(LintContext& ctx);             // OPS410, OPS411
void check_links(LintContext& ctx);             // OPS601
void check_links_in(LintContext& ctx, const Document& doc);  // check_links for one document

// Shared by checks: the minutes' meeting date when present and valid.
std::optional<Day> meeting_day(const PeriodFolder& f);
// SPEC §4: the period has ended and publish_within_hours have passed.
bool is_due(const Config& cfg, Instant now, const Period& p);
// The due periods of a kind with no folder (OPS104), oldest first; also the report's missed reviews.
std::vector<Period> missing_periods(const Snapshot& snap, const Config& cfg, Instant now, Kind kind);
// OPS311: the newest occurrence of each action repeated in kRepeatPeriods periods within 12 weeks,
// with the references of the earlier occurrences, oldest first; also the report's repeated actions.
struct RepeatedAction {
  const Action* action;
  std::vector<std::string> earlier;  // refs
};
std::vector<RepeatedAction> repeated_actions(const Snapshot& snap);
// OPS411 and the report: a risk that is not closed and has no valid Reviewed date within stale_days of today.
bool is_stale_risk(const Entry& risk, Day today, int stale_days);
bool is_open_risk(const Entry& risk);
// Held review: minutes exist (a skipped review has only SKIPPED.md).
inline bool is_held(const PeriodFolder& f) { return f.has_minutes; }

}  // namespace opslint
