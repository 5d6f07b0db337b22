// Runs the checks over a snapshot, then applies suppressions and ignore globs; findings sorted.
#pragma once
#include <functional>
#include <set>
#include <string>
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
  // With a snapshot that deferred records (engine/snapshot_builder.h): loads those among the given
  // folders and files, or all (nullptr). Called before the checks start.
  LoadRecords load;
  // When given, receives the findings inline suppressions hid (after the ignore globs, sorted).
  std::vector<HiddenFinding>* suppressed = nullptr;
};

std::vector<Finding> lint(const Snapshot& snap, const Config& cfg, LintOptions opts);

}  // namespace opslint
