// `opslint baseline`: record today's fingerprints so that `lint` reports only new findings.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>

#include "cli/invocation.h"
#include "cli/lint_run.h"
#include "engine/baseline.h"

namespace opslint {

int run_baseline(const Invocation& inv) {
  const Workspace ws = open_workspace(inv);
  Invocation target = inv;
  if (!target.output) target.output = ws.location.root + "/" + ws.config.baseline_path;
  const std::string label = inv.output ? *inv.output : ws.config.baseline_path;
  // A file that is not a baseline (a mistyped --output) is never overwritten. Only a regular file
  // is read: a FIFO would wait for a writer, and a link or device is not replaced (util/fs.h).
  std::error_code ec;
  const auto old = std::filesystem::is_regular_file(std::filesystem::symlink_status(*target.output, ec))
                       ? load_baseline(*target.output, "; not overwriting it")
                       : std::nullopt;
  const auto [findings, run] = lint_repo(target, ws);
  const Baseline now = baseline_of(findings);
  emit(target, baseline_json(findings));

  std::string line = fmt::format("opslint: baseline {}: recorded {} fingerprint{}", label, now.fingerprints.size(),
                                 now.fingerprints.size() == 1 ? "" : "s");
  if (old) {
    size_t added = 0, pruned = 0;
    for (const auto& fp : now.fingerprints) added += old->fingerprints.count(fp) ? 0 : 1;
    for (const auto& fp : old->fingerprints) pruned += now.fingerprints.count(fp) ? 0 : 1;
    line += fmt::format(" ({} added, {} stale pruned)", added, pruned);
  }
  if (!inv.quiet) std::printf("%s\n", line.c_str());
  return 0;
}

}  // namespace opslint
