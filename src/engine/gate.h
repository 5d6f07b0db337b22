// Which findings decide a change-scoped gate (the hook, the pull-request check): those the change
// causes. The rest are counted, not shown, so that a gate never blocks work it did not cause.
#pragma once
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "model/finding.h"

namespace opslint {

class ChangeScope;

// Rules whose finding in one file can be caused by a change to another: an action's backlog
// reference (the backlog), a backlog entry's source (a period), a missing backlog, a link's target.
bool cross_file_rule(std::string_view rule);

struct GateInput {
  const ChangeScope& scope;
  // The history rules were limited to the change (a range's commits, the staged version).
  // The fingerprints of the base's static findings, computed only when a cross-file finding in an
  // untouched file must be judged (it blocks only when the base did not have it).
  std::function<std::set<std::string>()> base_fingerprints;
  // Whether the change edits what every finding depends on (.opslint.yaml): then all count.
  bool touches_everything = false;
};

// Splits `findings` in place: what the change caused stays, the rest is removed; returns how many
// were removed.
//   (a) findings in files the change adds, modifies or deletes, and period findings whose period
//       folder it touches (a period's files are one record);
//   (b) history findings (the caller limited the history rules to the change) and OPS500;
//   (c) cross-file findings in untouched files that the base does not have.
size_t keep_what_the_change_caused(std::vector<Finding>& findings, const GateInput& in);

}  // namespace opslint
