// What a scaffolding command writes: the files of a new period, a skip record, or the init
// skeletons, rendered from templates. Pure except for reading template overrides from the repo.
#pragma once
#include <date/date.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "model/ops.h"
#include "model/period.h"
#include "scaffold/prefill.h"
#include "scaffold/template.h"
#include "util/result.h"

namespace opslint {

struct PlannedFile {
  std::string path;  // repo-relative, '/'-separated
  std::string text;
};

std::optional<date::weekday> weekday_from_name(std::string_view name);  // "tuesday"

// The day a period's review is scheduled: weekly, that weekday of the ISO week; monthly and
// quarterly, the last such weekday inside the period (month-end / quarter-end numbers are in).
Day scheduled_meeting_day(const Period& p, date::weekday day);

// Minutes per agenda section: the contract's split for the default agenda and time box
// (weekly 10/10/10/5/10), otherwise the time box shared evenly, the remainder to the first ones.
std::vector<int> section_minutes(Kind kind, const std::vector<std::string>& sections, int timebox);

// "## 1. SLO & reliability signals (10 min)" per configured section, with a hint for the known ones.
std::string render_agenda(Kind kind, const ReviewConfig& review);

// Bullets for the open actions of earlier periods of the same kind, oldest first:
// "- 2026-47/A2 Rotate the payments DB secret — @li, due 2026-11-28 (overdue)" (overdue: due
// before the meeting). A sentence saying there are none when there are none.
std::string render_carried_over(const Snapshot& snap, const Period& target, Day meeting);

// "- 2026-47/A2 Rotate the payments DB secret — @li, due 2026-11-28 (overdue)": an action as a plain
// bullet (not a task item, so it is not declared again); overdue when due before `meeting`.
std::string action_bullet(const Action& a, Day meeting);

// The day of a period's meeting: `given` (new-* --date, which must lie inside the period: else an
// error naming the period), else the scheduled day of the configured weekday.
Result<Day> meeting_day(const Config& cfg, const Period& p, const std::optional<std::string>& given);

// OPS501's deadline for a scaffolded meeting on `meeting` (its configured time and time box in
// cadence.timezone, plus publish_within_hours): when `now` is past it, the warning that says so.
std::optional<std::string> deadline_warning(const Config& cfg, const Period& p, Day meeting, Instant now);

// The placeholders of the period commands (new-*, skip); `meeting`: the day the minutes are dated.
TemplateVars period_vars(const Config& cfg, const Period& p, Day today, const Snapshot& snap,
                         std::optional<Day> meeting = std::nullopt);

// minutes.md and actions.md of a new period, dated `meeting` (default: the scheduled day).
// Monthly and quarterly minutes are pre-filled from `health` (scaffold/prefill.h) when given.
std::vector<PlannedFile> plan_period(const std::string& root, const Config& cfg, const Period& p, Day today,
                                     const Snapshot& snap, const HealthInputs* health = nullptr,
                                     std::optional<Day> meeting = std::nullopt);
// SKIPPED.md of a period that did not happen.
std::vector<PlannedFile> plan_skip(const std::string& root, const Config& cfg, const Period& p, Day today,
                                   const Snapshot& snap, const std::string& rationale, const std::string& recovery);
// .opslint.yaml (at config_path), the backlog and the risk register.
std::vector<PlannedFile> plan_init(const std::string& root, const Config& cfg, const std::string& config_path,
                                   Day today);

// The folder of a period under its review root.
std::string period_folder(const Config& cfg, const Period& p);

}  // namespace opslint
