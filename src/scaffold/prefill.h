// Pre-filled evidence for monthly and quarterly minutes: the period's cadence-health metrics (with
// the previous period's and the change), the open and overdue actions, a risk register snapshot.
#pragma once
#include <string>

#include "config/config.h"
#include "model/history.h"
#include "model/ops.h"
#include "model/period.h"
#include "scaffold/template.h"

namespace opslint {

// What the metrics are computed from. `history` may be null (`history_reason` says why).
struct HealthInputs {
  const HistoryView* history = nullptr;
  std::string history_reason = "history not read";
  Instant now{};
};

// Markdown table: metric | previous period | this period | change. The period is measured from its
// first day to today (or its last day, when it is over).
std::string render_health(const Snapshot& snap, const HealthInputs& in, const Config& cfg, const Period& p, Day today);
// Bullets for every open action of any review held by the period's end, overdue first-due first.
std::string render_open_actions(const Snapshot& snap, const Period& p, Day meeting);
// A table of the risks, with a link to the register (evidence, OPS205) when it exists.
std::string render_risk_snapshot(const Snapshot& snap, const Config& cfg, const Period& p, Day today);

// Sets the placeholders health, open_actions and risk_snapshot.
void add_prefill_vars(TemplateVars& vars, const Snapshot& snap, const HealthInputs& in, const Config& cfg,
                      const Period& p, Day today, Day meeting);

}  // namespace opslint
