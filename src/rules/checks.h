// The static checks; each reads the snapshot only (never git or the disk).
#pragma once
#include "rules/registry.h"

namespace opslint {

void check_files(LintContext& ctx);             // OPS001, OPS002
void check_periods(LintContext& ctx);           // OPS101–OPS105
void check_minutes(LintContext& ctx);           // OPS201–OPS207, OPS701–OPS703
void check_actions(LintContext& ctx);           // OPS301–OPS310
void check_repeated_actions(LintContext& ctx);  // OPS311
void check_backlog(LintContext& ctx);           // OPS401–OPS407
void check_risks(LintContext& ctx);             // OPS410, OPS411
void check_links(LintContext& ctx);             // OPS601

// Shared by checks: the minutes' meeting date when present and valid.
std::optional<Day> meeting_day(const PeriodFolder& f);
// Held review: minutes exist (a skipped review has only SKIPPED.md).
inline bool is_held(const PeriodFolder& f) { return f.has_minutes; }

}  // namespace opslint
