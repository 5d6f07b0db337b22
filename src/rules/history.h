// The history rules OPS500–OPS505: pure functions of the snapshot, the history view and the config.
#pragma once
#include <optional>
#include <string>

#include "model/history.h"
#include "rules/registry.h"

namespace opslint {

class CheckMemo;

// OPS501–OPS505 over `view` (whose newest version is the linted snapshot); findings through ctx.report().
// With a memo, a folder (or the backlog) whose history inputs are unchanged reuses earlier findings.
// With deferred records in the snapshot, `load` loads those the units the memo cannot answer read.
void check_history(LintContext& ctx, const HistoryData& view, CheckMemo* memo = nullptr, const LoadRecords& load = {});
void check_history(LintContext& ctx, const HistoryView& view, CheckMemo* memo = nullptr);

// SPEC §4: when a meeting ends (date + time + duration in its zone; without time, the end of the
// date); nullopt without a valid date. OPS501 and the report's publication latency.
std::optional<Instant> meeting_end(const PeriodFolder& f, const Document& minutes, const Config& cfg);

// OPS501 for minutes committed on time but not published yet (a --range's, not merged): past
// `deadline` an error, within publish_warning_hours before it a warning, else nothing.
struct DeadlineFinding {
  std::string message;
  bool warning = false;
};
std::optional<DeadlineFinding> deadline_finding(Instant now, Instant deadline, const Config& cfg);

// OPS500 history-incomplete. `checked`: the history rules ran on what history there is (a shallow
// clone); otherwise they did not run at all. Error under --strict-history; nullopt when turned off.
std::optional<Finding> history_incomplete(const Config& cfg, const std::string& reason, bool checked, bool strict);

}  // namespace opslint
