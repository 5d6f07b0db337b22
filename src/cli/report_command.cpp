// `opslint report`: cadence health over a window, from the working tree and its git history;
// `--check` turns the configured locks into the exit code.
#include <fmt/format.h>

#include <cstdio>

#include "cli/invocation.h"
#include "engine/snapshot_builder.h"
#include "git/history.h"
#include "git/source.h"
#include "report/format.h"
#include "report/metrics.h"
#include "util/escape.h"

namespace opslint {

int run_report(const Invocation& inv) {
  Workspace ws = open_workspace(inv);
  const Instant now = resolve_now(inv, ws.config);
  const auto window = report_window(inv.since, inv.until, local_day(now, ws.config.timezone));
  if (!window) throw Fatal{window.error()};
  if (ws.location.bare) throw Fatal{"a bare repository has no working tree to report on"};
  WorktreeSource source(ws.location.root);
  const Snapshot snap = build_snapshot(source, ws.config);
  std::string why;
  const auto history = worktree_history(ws.location.repo.get(), snap, now, ws.config, why);
  const Report report = build_report(snap, history ? &*history : nullptr, why, ws.config, *window, now);

  std::string out;
  if (inv.format == "json")
    out = report_json(report);
  else if (inv.format == "markdown")
    out = report_markdown(report);
  else if (inv.format == "html")
    out = report_html(report);
  else
    out = report_text(report);
  emit(inv, out);
  if (!inv.check) return 0;
  const auto failed = failed_locks(report);
  for (const auto& f : failed) std::fprintf(stderr, "opslint: %s\n", escape::printable(f).c_str());
  return failed.empty() ? 0 : 1;
}

}  // namespace opslint
