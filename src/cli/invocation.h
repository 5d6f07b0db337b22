// Parsed command line: global options plus the arguments of every command.
#pragma once
#include <functional>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "git/repo.h"

namespace opslint {

struct Invocation {
  // Global options.
  std::optional<std::string> repo;
  std::optional<std::string> config;
  bool no_color = false;
  bool quiet = false;

  // lint
  std::vector<std::string> paths;
  std::string format = "text";
  std::optional<std::string> output;
  std::string fail_level = "error";
  std::optional<std::string> now;
  bool no_history = false;
  bool strict_history = false;
  bool staged = false;
  std::optional<std::string> rev;
  std::optional<std::string> range;
  bool all = false;                     // --staged, --range: every finding counts, not only the change's
  std::optional<std::string> baseline;  // lint --baseline FILE
  bool no_baseline = false;             // lint --no-baseline: not even the repository's
  std::optional<std::string> sarif_category;  // lint --sarif-category NAME

  // report (also uses format, output, now)
  std::optional<std::string> since, until;
  bool check = false;

  // explain
  std::string rule_id;

  // new-week, new-month, new-quarter, skip, init, install-hook (also use `now`)
  std::optional<std::string> week, month, quarter;
  std::optional<std::string> meeting_date;  // new-*: --date, the day the meeting was held
  std::string rationale, recovery;
  bool dry_run = false;
};

// What every command that reads the ops repo needs, resolved once.
struct Workspace {
  RepoLocation location;
  Config config;
};

// The repository (located first) and the configuration. `with_repo`, when given, runs between
// the two with the repository's location: work that needs no configuration overlaps the start-up
// thread's reading of the time zone database and the configuration (main.cpp).
Workspace open_workspace(const Invocation& inv, const std::function<void(const RepoLocation&)>& with_repo = {});
// A task that reads the configuration open_workspace() will likely want (--config, else
// .opslint.yaml in --repo or the current folder) ahead, on the start-up thread while libgit2
// initialises; open_workspace() takes its result when the guess was right, else reads itself.
std::packaged_task<void()> read_config_ahead(const Invocation& inv);
Instant resolve_now(const Invocation& inv, const Config& cfg);
// Writes to --output (util/fs write_atomic: a file atomically, a device or FIFO in place, never
// through a symbolic link to a file), or to stdout when there is none or it is `-`.
void emit(const Invocation& inv, const std::string& text);

int run_lint(const Invocation& inv);
int run_rules(const Invocation& inv);
int run_explain(const Invocation& inv);
int run_new_week(const Invocation& inv);
int run_new_month(const Invocation& inv);
int run_new_quarter(const Invocation& inv);
int run_skip(const Invocation& inv);
int run_init(const Invocation& inv);
int run_install_hook(const Invocation& inv);
int run_baseline(const Invocation& inv);
int run_report(const Invocation& inv);

}  // namespace opslint
