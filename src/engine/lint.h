// Runs the checks over a snapshot, then applies suppressions and ignore globs; findings sorted.
#pragma once
#include <vector>

#include "config/config.h"
#include "model/ops.h"

namespace opslint {

class CheckMemo;

struct LintOptions {
  Instant now;
  bool history_checked = false;  // whether history rules ran (unused suppressions of them are then real)
  std::vector<Finding> extra;    // findings from elsewhere (history rules), subject to suppressions too
  CheckMemo* memo = nullptr;     // findings of earlier runs, reused for checks whose inputs are unchanged
};

std::vector<Finding> lint(const Snapshot& snap, const Config& cfg, LintOptions opts);

}  // namespace opslint
