// `opslint lint`: build the snapshot, run the checks, format, choose the exit code.
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>

#include "cli/invocation.h"
#include "engine/lint.h"
#include "engine/snapshot_builder.h"
#include "git/source.h"
#include "output/format.h"
#include "rules/registry.h"

namespace opslint {

namespace {

// PATH arguments, made repo-relative, narrow which findings are reported.
std::vector<std::string> repo_relative(const std::vector<std::string>& paths, const std::string& root) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const auto& p : paths) {
    std::error_code ec;
    const fs::path abs = fs::weakly_canonical(fs::absolute(p, ec), ec);
    const fs::path rel = abs.lexically_relative(fs::weakly_canonical(root, ec));
    const std::string r = rel.generic_string();
    if (r.empty() || r.starts_with("..")) throw Fatal{fmt::format("path '{}' is outside the repository {}", p, root)};
    out.push_back(r == "." ? "" : r);
  }
  return out;
}

bool under(const std::string& file, const std::vector<std::string>& prefixes) {
  if (prefixes.empty()) return true;
  for (const auto& p : prefixes)
    if (p.empty() || file == p || (file.starts_with(p) && file[p.size()] == '/')) return true;
  return false;
}

}  // namespace

int run_lint(const Invocation& inv) {
  const auto fail_level = inv.fail_level == "never" ? std::nullopt : severity_from_name(inv.fail_level);
  Workspace ws = open_workspace(inv);
  const Instant now = resolve_now(inv, ws.config);
  const auto narrow = repo_relative(inv.paths, ws.location.root);
  if (ws.location.bare) throw Fatal{"a bare repository has no working tree to lint"};

  WorktreeSource source(ws.location.root);
  const Snapshot snap = build_snapshot(source, ws.config);

  LintOptions opts;
  opts.now = now;
  // History rules (OPS501–OPS505) are not built yet: say so rather than claim a clean pass.
  const std::string why = inv.no_history        ? "--no-history was given"
                          : !ws.location.repo   ? "not a git repository"
                                                : "history rules are not available in this build";
  const Severity sev500 = inv.strict_history ? Severity::Error : Severity::Info;
  if (const RuleInfo* r = find_rule("OPS500"); r && effective_severity(ws.config, *r) != Severity::Off)
    opts.extra.push_back(Finding{"OPS500", inv.strict_history ? sev500 : effective_severity(ws.config, *r), ".", {0, 0},
                                 fmt::format("history rules OPS501-OPS505 were not checked: {}", why), {}, "history"});
  auto findings = lint(snap, ws.config, std::move(opts));
  std::erase_if(findings, [&](const Finding& f) { return !under(f.file, narrow) && f.rule != "OPS500"; });

  RunInfo run{snap.source, snap.file_count, !inv.no_color && !inv.output && inv.format == "text" && isatty(1)};
  std::string out;
  if (inv.format == "json")
    out = format_json(findings, run);
  else
    out = format_text(findings, run);
  if (!(inv.quiet && inv.format == "text" && !inv.output)) emit(inv, out);

  if (!fail_level) return 0;
  for (const auto& f : findings)
    if (f.severity >= *fail_level) return 1;
  return 0;
}

}  // namespace opslint
