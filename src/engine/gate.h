// Which findings decide a change-scoped gate (the hook, the pull-request check): those the change
// causes. The rest are counted, not shown, so that a gate never blocks work it did not cause.
#pragma once
#include <functional>
#include <optional>
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

// Whether a finding counts for a change-scoped gate:
//   (a) it is in a file the change adds, modifies or deletes, or it is a period finding whose
//       period folder the change touches (a period's files are one record);
//   (b) it is a history finding (the caller limited the history rules to the change) or OPS500;
//   (c) it is a cross-file finding in an untouched file that the base does not have.
class Gate {
 public:
  explicit Gate(GateInput in) : in_(std::move(in)) {}
  bool counts(const Finding& f);
  // Removes from `findings` what does not count; returns how many it removed.
  size_t keep_what_counts(std::vector<Finding>& findings);

 private:
  GateInput in_;
  std::optional<std::set<std::string>> base_;
};

}  // namespace opslint
