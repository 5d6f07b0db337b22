// One lint run over the repository, shared by `lint` and `baseline`.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/invocation.h"
#include "engine/baseline.h"
#include "git/git_source.h"
#include "git/source.h"
#include "model/finding.h"
#include "output/format.h"

namespace opslint {

struct LintRun {
  std::vector<Finding> findings;  // sorted, suppressions applied, narrowed to PATHs and to the change
  RunInfo run;
};

// Reads the source the invocation names (working tree, --staged, --rev, --range), runs the static
// and history checks, and narrows the findings: to PATHs, and with --staged or --range (unless
// --all) to what the change caused (engine/gate.h; the rest is counted in run.outside_change).
// `index`: the index `--staged` reads, when open_index_early() opened it.
LintRun lint_repo(const Invocation& inv, const Workspace& ws, std::unique_ptr<GitSource> index = nullptr);

// For `--staged` in a repository with an index: the index, read while the start-up thread still
// reads the configuration (open_workspace's `with_repo`); otherwise nothing, and lint_repo()
// reports what is wrong.
std::unique_ptr<GitSource> open_index_early(const Invocation& inv, const RepoLocation& location);

// The baseline file at `path`, or nullopt when there is none; unreadable or malformed is Fatal
// (`why_fatal` ends the message).
std::optional<Baseline> load_baseline(const std::string& path, std::string_view why_fatal);
// The baseline file at `path` (for `lint --baseline`); missing, unreadable or malformed is Fatal.
Baseline read_baseline(const std::string& path);
// The baseline `lint` applies: --baseline FILE; none with --no-baseline; else the repository's
// (`baseline:` in the configuration, default .opslint-baseline.json) when present, read from the
// working tree whatever the source. Unreadable or malformed is Fatal.
std::optional<Baseline> lint_baseline(const Invocation& inv, const Workspace& ws);

}  // namespace opslint
