// The scaffolding commands: new-week, new-month, new-quarter, skip, init, install-hook.
#include <fmt/format.h>
#include <re2/re2.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/invocation.h"
#include "engine/snapshot_builder.h"
#include "git/history.h"
#include "git/hooks.h"
#include "git/source.h"
#include "scaffold/hook.h"
#include "scaffold/plan.h"
#include "scaffold/writer.h"
#include "util/escape.h"
#include "util/resources.h"
#include "util/std_streams.h"
#include "util/text.h"

namespace opslint {

namespace {

namespace fs = std::filesystem;

void say(const Invocation& inv, const std::string& line) {
  if (!inv.quiet) std::printf("%s\n", escape::printable(line).c_str());  // paths come from the config
}

void print(const std::string& text) { write_stdout(text); }

const char* option_of(Kind k) {
  switch (k) {
    case Kind::Weekly:
      return "--week";
    case Kind::Monthly:
      return "--month";
    case Kind::Quarterly:
      return "--quarter";
  }
  return "";
}

// The period named on the command line, validated strictly, or the one holding today.
Period target_period(Kind kind, const std::optional<std::string>& arg, Day today) {
  if (!arg) return Period::containing(kind, today);
  if (auto p = Period::parse(kind, *arg)) return *p;
  int year = 0, week = 0;
  if (kind == Kind::Weekly && RE2::FullMatch(*arg, R"((\d{4})-(\d{2}))", &year, &week) && year >= 1900 &&
      week > iso_weeks_in_year(year))
    throw Fatal{fmt::format("--week '{}': ISO year {} has {} weeks", *arg, year, iso_weeks_in_year(year))};
  const char* form = kind == Kind::Weekly    ? "YYYY-WW, an ISO week such as 2026-48"
                     : kind == Kind::Monthly ? "YYYY-MM, such as 2026-11"
                                             : "YYYY-QN, such as 2026-Q4";
  throw Fatal{fmt::format("{} '{}' is not a valid period: expected {}", option_of(kind), *arg, form)};
}

// Review roots come from the team's config; they must stay inside the repository.
void check_inside(const std::string& rel) {
  const fs::path p(rel);
  for (const auto& part : p)
    if (part == "..") throw Fatal{fmt::format("path '{}' leaves the repository; refusing to write there", rel)};
  if (p.is_absolute()) throw Fatal{fmt::format("path '{}' is absolute; expected a path inside the repository", rel)};
}

struct PeriodRun {
  Workspace ws;
  Period period;
  Day today;
  Snapshot snap;
};

PeriodRun prepare(const Invocation& inv, Kind kind, const std::optional<std::string>& arg) {
  Workspace ws = open_workspace(inv);
  if (ws.location.bare) throw Fatal{"a bare repository has no working tree to scaffold into"};
  const Day today = local_day(resolve_now(inv, ws.config), ws.config.timezone);
  const Period p = target_period(kind, arg, today);
  check_inside(period_folder(ws.config, p));
  Snapshot snap = build_snapshot(WorktreeSource(ws.location.root), ws.config);
  return {std::move(ws), p, today, std::move(snap)};
}

// The other record of a period (a review is either held or skipped, OPS105): checked now, and
// again by write_new_files() under the period's lock, so a concurrent run cannot slip in between.
Conflict other_record(const std::string& path, const std::string& why) {
  return {path, fmt::format("{} exists: {}; nothing was written", path, why)};
}

void refuse_if_taken(const std::string& root, const Conflict& c) {
  if (path_taken(root, c.path)) throw Fatal{c.message};
}

int write_or_show(const Invocation& inv, const std::string& root, const std::vector<PlannedFile>& files,
                  const Conflict& conflict) {
  if (inv.dry_run) {
    for (const auto& f : files)
      if (path_taken(root, f.path))
        throw Fatal{fmt::format("{} already exists; nothing would be written (scaffolding never overwrites)", f.path)};
    print(dry_run_listing(files));
    return 0;
  }
  write_new_files(root, files, {conflict});
  for (const auto& f : files) say(inv, "created " + f.path);
  return 0;
}

int run_new_period(const Invocation& inv, Kind kind, const std::optional<std::string>& arg) {
  PeriodRun run = prepare(inv, kind, arg);
  const std::string& root = run.ws.location.root;
  const std::string dir = period_folder(run.ws.config, run.period);
  const Result<Day> held = meeting_day(run.ws.config, run.period, inv.meeting_date);
  if (!held) throw Fatal{held.error()};
  const Day meeting = *held;
  // A review is either held or skipped (OPS105).
  const Conflict skipped = other_record(
      dir + "/SKIPPED.md", fmt::format("{} {} was recorded as skipped", kind_name(kind), run.period.name()));
  refuse_if_taken(root, skipped);
  // Monthly and quarterly minutes carry the period's metrics, which read the history.
  HealthInputs health;
  health.now = resolve_now(inv, run.ws.config);
  std::optional<HistoryView> history;
  if (kind != Kind::Weekly) {
    history = worktree_history(run.ws.location.repo.get(), run.snap, health.now, run.ws.config, health.history_reason);
    if (history) health.history = &*history;
  }
  const int rc = write_or_show(
      inv, root, plan_period(root, run.ws.config, run.period, run.today, run.snap, &health, meeting), skipped);
  // Said once the files are written (or shown): a refusal is the only message.
  if (auto late = deadline_warning(run.ws.config, run.period, meeting, health.now))
    std::fprintf(stderr, "opslint: warning: %s\n", escape::printable(*late).c_str());
  return rc;
}

std::string shown(const std::string& root, const fs::path& p) {
  const fs::path rel = p.lexically_normal().lexically_relative(root);
  return rel.empty() || rel.string().starts_with("..") ? p.string() : rel.generic_string();
}

}  // namespace

int run_new_week(const Invocation& inv) { return run_new_period(inv, Kind::Weekly, inv.week); }
int run_new_month(const Invocation& inv) { return run_new_period(inv, Kind::Monthly, inv.month); }
int run_new_quarter(const Invocation& inv) { return run_new_period(inv, Kind::Quarterly, inv.quarter); }

int run_skip(const Invocation& inv) {
  const int given = !!inv.week + !!inv.month + !!inv.quarter;
  if (given != 1) throw Fatal{"skip needs exactly one of --week, --month or --quarter"};
  if (text::trim(inv.rationale).empty()) throw Fatal{"--rationale is empty: say why the review did not happen"};
  if (text::trim(inv.recovery).empty())
    throw Fatal{"--recovery is empty: say how the signals will be reviewed and when the next review is"};
  const Kind kind = inv.week ? Kind::Weekly : inv.month ? Kind::Monthly : Kind::Quarterly;
  PeriodRun run = prepare(inv, kind, inv.week ? inv.week : inv.month ? inv.month : inv.quarter);
  const std::string& root = run.ws.location.root;
  const std::string dir = period_folder(run.ws.config, run.period);
  const Conflict held = other_record(
      dir + "/minutes.md",
      fmt::format("{} {} was held; a review is either held or skipped", kind_name(kind), run.period.name()));
  refuse_if_taken(root, held);
  return write_or_show(
      inv, root, plan_skip(root, run.ws.config, run.period, run.today, run.snap, inv.rationale, inv.recovery), held);
}

int run_init(const Invocation& inv) {
  const RepoLocation loc = locate_repo(inv.repo);
  if (loc.bare) throw Fatal{"a bare repository has no working tree to initialise"};
  const std::string& root = loc.root;
  // init writes the config rather than requiring it, so an absent --config file is fine here.
  const fs::path config_path = inv.config ? fs::absolute(*inv.config) : fs::path(root) / ".opslint.yaml";
  const std::string config_shown = shown(root, config_path);
  Config cfg = default_config();
  std::error_code ec;
  if (fs::exists(config_path, ec)) {
    std::ifstream in(config_path, std::ios::binary);
    if (!in) throw Fatal{fmt::format("cannot read config file '{}'", config_shown)};
    std::stringstream buf;
    buf << in.rdbuf();
    auto parsed = parse_config(buf.str(), config_shown);
    if (!parsed) throw Fatal{parsed.error()};
    cfg = std::move(*parsed);
  }
  check_inside(cfg.backlog_path);
  check_inside(cfg.risk_path);
  const Day today = local_day(resolve_now(inv, cfg), cfg.timezone);
  auto files = plan_init(root, cfg, config_shown, today);
  std::vector<PlannedFile> missing;
  for (auto& f : files) {
    if (path_taken(root, f.path))
      say(inv, fmt::format("kept {} (already exists; init never changes existing files)", f.path));
    else
      missing.push_back(std::move(f));
  }
  if (inv.dry_run) {
    print(dry_run_listing(missing));
    return 0;
  }
  for (const auto& f : missing) {
    if (write_if_missing(root, f))
      say(inv, "created " + f.path);
    else
      say(inv, fmt::format("kept {} (already exists; init never changes existing files)", f.path));
  }
  return 0;
}

int run_install_hook(const Invocation& inv) {
  const RepoLocation loc = locate_repo(inv.repo);
  if (!loc.repo) throw Fatal{fmt::format("{} is not a git repository; run `git init` first", loc.root)};
  if (loc.bare) throw Fatal{"a bare repository runs no pre-commit hooks"};
  const std::string path = (fs::path(hooks_dir(loc)) / "pre-commit").string();
  const auto script = find_resource("hooks/pre-commit");
  if (!script) throw Fatal{"internal error: the hook script is not built in"};
  const std::string where = shown(loc.root, path);
  const HookOutcome outcome = install_hook(path, where, *script, inv.dry_run);
  if (outcome == HookOutcome::Unchanged)
    say(inv, fmt::format("{} is opslint's hook and up to date; nothing to do", where));
  else if (inv.dry_run)
    print(dry_run_listing({{where, std::string(*script)}}));
  else if (outcome == HookOutcome::Installed)
    say(inv, fmt::format("installed {}: each commit now runs `opslint lint --staged`", where));
  else
    say(inv, fmt::format("updated {} (opslint's hook) to this version", where));
  return 0;
}

}  // namespace opslint
