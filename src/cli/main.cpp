// opslint's entry point: the command table, CLI11 parsing, and the one place errors become exit 2.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <thread>

#include "cli/invocation.h"
#include "config/config.h"
#include "git/handles.h"
#include "util/dates.h"
#include "util/escape.h"
#include "util/std_streams.h"
#include "util/text.h"
#include "util/trace.h"

namespace opslint {
namespace {

struct CommandSpec {
  const char* name;
  const char* help;
  void (*options)(CLI::App&, Invocation&);
  int (*run)(const Invocation&);
};

void lint_options(CLI::App& app, Invocation& inv) {
  app.add_option("paths", inv.paths, "Only report findings in these files or folders");
  app.add_option("--format", inv.format,
                 "Output format: text, json, sarif (SARIF 2.1.0 for code scanning), github (workflow command "
                 "annotations, then text), junit (JUnit XML)")
      ->check(CLI::IsMember({"text", "json", "sarif", "github", "junit"}));
  app.add_option("--output", inv.output, "Write the report to FILE (atomically) instead of stdout");
  app.add_option("--fail-level", inv.fail_level, "Exit 1 when a finding is at or above this severity")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}));
  app.add_option("--now", inv.now, "Fix 'now' (ISO 8601 date or date-time); default $OPSLINT_NOW, else the clock");
  app.add_flag("--no-history", inv.no_history, "Skip the history rules (reports OPS500)");
  app.add_flag("--strict-history", inv.strict_history, "Make incomplete history (OPS500) an error");
  auto* staged = app.add_flag("--staged", inv.staged, "Lint the blobs staged in the git index (as a pre-commit hook)");
  auto* rev = app.add_option("--rev", inv.rev, "Lint the tree of a commit (sha, branch, tag, HEAD~3)");
  auto* range = app.add_option("--range", inv.range, "BASE..HEAD: lint HEAD's tree, report files changed since the merge base");
  app.add_flag("--all", inv.all,
               "With --staged or --range: every finding counts (and is shown), not only those the change causes");
  auto* baseline = app.add_option("--baseline", inv.baseline,
                                  "Report only findings whose fingerprints are not in this baseline file (default: "
                                  "the repository's .opslint-baseline.json or `baseline:`, when present)");
  auto* no_baseline = app.add_flag("--no-baseline", inv.no_baseline, "Apply no baseline, not even the repository's");
  app.add_option("--sarif-category", inv.sarif_category,
                 "With --format sarif: the run's automationDetails.id is NAME/ (code scanning's category)")
      ->check([](const std::string& name) { return name.empty() ? std::string("the category is empty") : std::string(); });
  staged->excludes(rev)->excludes(range);
  rev->excludes(staged)->excludes(range);
  range->excludes(staged)->excludes(rev);
  baseline->excludes(no_baseline);
  no_baseline->excludes(baseline);
}

void no_options(CLI::App&, Invocation&) {}

void explain_options(CLI::App& app, Invocation& inv) {
  app.add_option("id", inv.rule_id, "Rule ID (OPS301) or name (action-owner-missing)")->required();
}

void scaffold_options(CLI::App& app, Invocation& inv) {
  app.add_option("--now", inv.now, "Fix 'now' (ISO 8601 date or date-time); default $OPSLINT_NOW, else the clock");
  app.add_flag("--dry-run", inv.dry_run, "Print every file that would be written; write nothing");
}

void new_period_options(CLI::App& app, Invocation& inv) {
  app.add_option("--date", inv.meeting_date,
                 "The day the meeting was held, YYYY-MM-DD inside the period (default: the configured weekday)");
  scaffold_options(app, inv);
}

void new_week_options(CLI::App& app, Invocation& inv) {
  app.add_option("--week", inv.week, "ISO week YYYY-WW (default: the week of now)");
  new_period_options(app, inv);
}

void new_month_options(CLI::App& app, Invocation& inv) {
  app.add_option("--month", inv.month, "Month YYYY-MM (default: the month of now)");
  new_period_options(app, inv);
}

void new_quarter_options(CLI::App& app, Invocation& inv) {
  app.add_option("--quarter", inv.quarter, "Quarter YYYY-QN (default: the quarter of now)");
  new_period_options(app, inv);
}

void skip_options(CLI::App& app, Invocation& inv) {
  auto* week = app.add_option("--week", inv.week, "The skipped weekly review, YYYY-WW");
  auto* month = app.add_option("--month", inv.month, "The skipped monthly review, YYYY-MM");
  auto* quarter = app.add_option("--quarter", inv.quarter, "The skipped quarterly review, YYYY-QN");
  week->excludes(month)->excludes(quarter);
  month->excludes(quarter);
  app.add_option("--rationale", inv.rationale, "Why the review did not happen")->required();
  app.add_option("--recovery", inv.recovery, "How the signals get reviewed instead, and when")->required();
  scaffold_options(app, inv);
}

void dry_run_option(CLI::App& app, Invocation& inv) {
  app.add_flag("--dry-run", inv.dry_run, "Print every file that would be written; write nothing");
}

void init_options(CLI::App& app, Invocation& inv) { scaffold_options(app, inv); }

void baseline_options(CLI::App& app, Invocation& inv) {
  app.add_option("--output", inv.output,
                 "The baseline file (default: `baseline:` in .opslint.yaml, else .opslint-baseline.json at the root)");
  app.add_option("--now", inv.now, "Fix 'now' (ISO 8601 date or date-time); default $OPSLINT_NOW, else the clock");
}

void report_options(CLI::App& app, Invocation& inv) {
  app.add_option("--since", inv.since, "First day of the window, YYYY-MM-DD (default: 27 days before --until)");
  app.add_option("--until", inv.until, "Last day of the window, YYYY-MM-DD (default: today)");
  app.add_option("--format", inv.format, "Output format")->check(CLI::IsMember({"text", "markdown", "json", "html"}));
  app.add_option("--output", inv.output, "Write the report to FILE (atomically) instead of stdout");
  app.add_option("--now", inv.now, "Fix 'now' (ISO 8601 date or date-time); default $OPSLINT_NOW, else the clock");
  app.add_flag("--check", inv.check, "Exit 1 when a lock in the config's `locks` fails");
}

const CommandSpec kCommands[] = {
    {"lint", "Check the ops repo against the cadence rules", lint_options, run_lint},
    {"rules", "List the rules: ID, name, severity in effect", no_options, run_rules},
    {"explain", "Print a rule's documentation", explain_options, run_explain},
    {"new-week", "Scaffold a weekly review folder (default: the current ISO week)", new_week_options, run_new_week},
    {"new-month", "Scaffold a monthly review folder", new_month_options, run_new_month},
    {"new-quarter", "Scaffold a quarterly review folder", new_quarter_options, run_new_quarter},
    {"skip", "Record a review that did not happen (SKIPPED.md)", skip_options, run_skip},
    {"init", "Write .opslint.yaml, backlog and risk register skeletons (only those missing)", init_options, run_init},
    {"install-hook", "Install the git pre-commit hook that runs `opslint lint --staged`", dry_run_option,
     run_install_hook},
    {"baseline", "Record today's findings (working tree) so `lint` reports only new ones", baseline_options,
     run_baseline},
    {"report", "Cadence health over a window: reviews, actions, latency, backlog, risks; --check enforces locks",
     report_options, run_report},
};

void fail(const std::string& message) { std::fprintf(stderr, "opslint: error: %s\n", message.c_str()); }

int main_impl(int argc, char** argv) {
  CLI::App app{"opslint: a Git-native linter and scaffolder for operations repositories", "opslint"};
  app.set_version_flag("--version", fmt::format("opslint {}", OPSLINT_VERSION));
  app.require_subcommand(1);
  Invocation inv;
  app.add_option("--repo", inv.repo, "The ops repository (default: the git work tree holding the current folder)");
  app.add_option("--config", inv.config, "Configuration file (default: .opslint.yaml at the repository root)");
  app.add_flag("--no-color", inv.no_color, "Never colour the output");
  app.add_flag("--quiet", inv.quiet, "Print nothing on success; text findings are not printed");
  app.fallthrough();
  std::vector<std::pair<CLI::App*, const CommandSpec*>> subs;
  for (const auto& c : kCommands) {
    CLI::App* sub = app.add_subcommand(c.name, c.help);
    c.options(*sub, inv);
    subs.emplace_back(sub, &c);
  }
  // A mistyped command gets a suggestion instead of CLI11's generic complaint.
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.starts_with("-")) {
      if ((arg == "--repo" || arg == "--config") && i + 1 < argc) ++i;
      continue;
    }
    bool known = false;
    std::string best;
    size_t best_d = 3;
    for (const auto& c : kCommands) {
      known = known || arg == c.name;
      if (const size_t d = text::edit_distance(arg, c.name); d < best_d) {
        best_d = d;
        best = c.name;
      }
    }
    if (!known) {
      fail(fmt::format("unknown command '{}'{}", escape::printable(arg),
                       best.empty() ? "; see opslint --help" : "; did you mean '" + best + "'?"));
      return 2;
    }
    break;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    fail(e.what());
    return 2;
  }
  // Start-up costs side by side: while libgit2 initialises (git/libgit2_init.cpp), a second
  // thread reads the time zone database (~3 ms) and compiles the config schema, in the order a
  // lint needs them, then reads the configuration file (the rule catalogue is a table generated at
  // build time).
  std::jthread start_up([read_config = read_config_ahead(inv)]() mutable {
    prepare_time_zones();
    prepare_config_schema();
    read_config();
  });
  LibGit2 git;
  if (LibGit2::skipped_ca_bundle()) trace::note("libgit2 initialised without parsing the CA bundle");
  for (const auto& [sub, spec] : subs)
    if (sub->parsed()) return spec->run(inv);
  return 2;
}

}  // namespace
}  // namespace opslint

int main(int argc, char** argv) {
  int rc = 2;
  try {
    opslint::trace::mark("main");
    rc = opslint::main_impl(argc, argv);
    opslint::trace::mark("done");
  } catch (const opslint::Fatal& e) {
    opslint::fail(opslint::escape::printable(e.message));
  } catch (const std::exception& e) {
    opslint::fail(std::string("internal error: ") + e.what());
  }
  // Output that did not arrive is an error, whatever the command's result (`report > /dev/full`).
  if (auto err = opslint::std_streams_error()) {
    opslint::fail(*err);
    return 2;
  }
  return rc;
}
