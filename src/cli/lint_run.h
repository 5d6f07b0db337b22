// One lint run over the repository, shared by `lint` and `baseline`.
#pragma once
#include <string>
#include <vector>

#include "cli/invocation.h"
#include "engine/baseline.h"
#include "model/finding.h"
#include "output/format.h"

namespace opslint {

struct LintRun {
  std::vector<Finding> findings;  // sorted, suppressions applied, narrowed to PATHs and --range
  RunInfo run;
};

// Reads the source the invocation names (working tree, --staged, --rev, --range), runs the static
// and history checks, and narrows the findings.
LintRun lint_repo(const Invocation& inv, const Workspace& ws);

// The baseline file at `path` (for `lint --baseline`); missing, unreadable or malformed is Fatal.
Baseline read_baseline(const std::string& path);

}  // namespace opslint
