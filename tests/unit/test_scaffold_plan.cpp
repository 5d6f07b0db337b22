// Scaffolding plans: meeting dates, agenda time boxes, carried-over actions, and that a freshly
// scaffolded period has no error-severity findings.
#include <doctest/doctest.h>

#include "engine/lint.h"
#include "engine/snapshot_builder.h"
#include "git/source.h"
#include "scaffold/plan.h"

using namespace opslint;

namespace {

Period P(Kind k, const char* name) { return *Period::parse(k, name); }
std::string meeting(Kind k, const char* period, const char* day) {
  return format_day(scheduled_meeting_day(P(k, period), *weekday_from_name(day)));
}

const char* kOldActions =
    "| ID | Action | Owner | Due | Verification | Backlog | Status |\n"
    "|----|--------|-------|-----|--------------|---------|--------|\n"
    "| A1 | Done already | @sam | 2026-11-20 | v | IB-1 | done |\n"
    "| A2 | Rotate the payments DB secret | @li | 2026-11-28 | v | IB-2 | open |\n"
    "| A3 | Write the runbook | | | v | IB-3 | in-progress |\n"
    "| A4 | Drop me | @li | 2026-11-28 | v | IB-4 | dropped |\n";

// Lints the planned files (plus `extra`) as an ops repo and returns the error findings.
std::vector<Finding> errors_after(const Config& cfg, const std::vector<PlannedFile>& files,
                                  std::map<std::string, std::string> extra, const char* now) {
  for (const auto& f : files) extra[f.path] = f.text;
  const Snapshot snap = build_snapshot(MemorySource(extra), cfg);
  LintOptions opts;
  opts.now = *parse_timestamp(now, cfg.timezone);
  auto all = lint(snap, cfg, opts);
  std::erase_if(all, [](const Finding& f) { return f.severity != Severity::Error; });
  return all;
}

std::string describe(const std::vector<Finding>& fs) {
  std::string out;
  for (const auto& f : fs) out += f.file + ":" + std::to_string(f.pos.line) + ": " + f.message + " [" + f.rule + "]\n";
  return out;
}

}  // namespace

TEST_CASE("weekly meetings fall on the configured weekday of the ISO week, across year boundaries") {
  CHECK(meeting(Kind::Weekly, "2026-48", "tuesday") == "2026-11-24");
  CHECK(meeting(Kind::Weekly, "2026-53", "tuesday") == "2026-12-29");
  CHECK(meeting(Kind::Weekly, "2026-53", "sunday") == "2027-01-03");
  CHECK(meeting(Kind::Weekly, "2025-01", "monday") == "2024-12-30");
  CHECK(meeting(Kind::Weekly, "2020-53", "friday") == "2021-01-01");
  CHECK_FALSE(weekday_from_name("tuesdai"));
}

TEST_CASE("monthly and quarterly meetings fall on the last such weekday inside the period") {
  CHECK(meeting(Kind::Monthly, "2026-11", "tuesday") == "2026-11-24");
  CHECK(meeting(Kind::Monthly, "2026-12", "tuesday") == "2026-12-29");
  CHECK(meeting(Kind::Monthly, "2028-02", "tuesday") == "2028-02-29");
  CHECK(meeting(Kind::Quarterly, "2026-Q4", "friday") == "2026-12-25");
  CHECK(meeting(Kind::Quarterly, "2027-Q1", "wednesday") == "2027-03-31");
}

TEST_CASE("--date: the meeting day inside the period, refused outside it") {
  const Config cfg = default_config();
  CHECK(format_day(*meeting_day(cfg, P(Kind::Weekly, "2026-48"), std::nullopt)) == "2026-11-24");
  CHECK(format_day(*meeting_day(cfg, P(Kind::Weekly, "2026-48"), "2026-11-26")) == "2026-11-26");
  CHECK(format_day(*meeting_day(cfg, P(Kind::Weekly, "2026-48"), "2026-11-23")) == "2026-11-23");
  CHECK(format_day(*meeting_day(cfg, P(Kind::Weekly, "2026-48"), "2026-11-29")) == "2026-11-29");
  CHECK(meeting_day(cfg, P(Kind::Weekly, "2026-48"), "2026-11-30").error() ==
        "--date 2026-11-30 is outside the weekly 2026-48 period (2026-11-23 to 2026-11-29); nothing was written");
  CHECK(meeting_day(cfg, P(Kind::Quarterly, "2026-Q4"), "2026-13-01").error() ==
        "--date '2026-13-01' is not a calendar date: expected YYYY-MM-DD");
  CHECK(format_day(*meeting_day(cfg, P(Kind::Quarterly, "2026-Q4"), "2026-10-01")) == "2026-10-01");
}

TEST_CASE("the scaffolded meeting's publication deadline: warned about once passed") {
  const Config cfg = default_config();  // UTC, tuesday 15:00, 45 min, 24 hours
  const Period w = P(Kind::Weekly, "2026-48");
  const Day tue = *parse_day("2026-11-24");
  CHECK_FALSE(deadline_warning(cfg, w, tue, *parse_timestamp("2026-11-25T15:45:00Z", "UTC")));
  CHECK(deadline_warning(cfg, w, tue, *parse_timestamp("2026-11-25T15:46:00Z", "UTC")) ==
        "the weekly 2026-48 meeting (2026-11-24 15:00 UTC, 45 min) was due for publication by 2026-11-25 15:45 UTC; "
        "commit the minutes now, or pass --date if the meeting was on another day");
  CHECK_FALSE(deadline_warning(cfg, w, *parse_day("2026-11-26"), *parse_timestamp("2026-11-25T15:46:00Z", "UTC")));
  Config notime = cfg;
  notime.reviews[Kind::Weekly].time = "soon";
  CHECK(deadline_warning(notime, w, tue, *parse_timestamp("2026-11-26T00:00:01Z", "UTC")) ==
        "the weekly 2026-48 meeting (2026-11-24) was due for publication by 2026-11-26 00:00 UTC; commit the minutes "
        "now, or pass --date if the meeting was on another day");
}

TEST_CASE("agenda time boxes: the contract's split for the default agenda, else an even share") {
  const Config cfg = default_config();
  CHECK(section_minutes(Kind::Weekly, cfg.review(Kind::Weekly).sections, 45) == std::vector<int>{10, 10, 10, 5, 10});
  CHECK(section_minutes(Kind::Weekly, cfg.review(Kind::Weekly).sections, 50) == std::vector<int>{10, 10, 10, 10, 10});
  CHECK(section_minutes(Kind::Weekly, {"A", "B", "C", "D"}, 45) == std::vector<int>{12, 11, 11, 11});
  CHECK(section_minutes(Kind::Quarterly, cfg.review(Kind::Quarterly).sections, 90) ==
        std::vector<int>{15, 15, 20, 25, 15});

  ReviewConfig custom = cfg.review(Kind::Weekly);
  custom.sections = {"Incidents", "Risks (top 5)", "Actions"};
  custom.timebox = 30;
  CHECK(render_agenda(Kind::Weekly, custom) ==
        "## 1. Incidents (10 min)\n"
        "\n## Risks (top 5)\n<!-- time box: 10 min -->\n"
        "\n## 3. Actions (10 min)\nSee [actions](actions.md).");
}

TEST_CASE("carried-over actions: open ones of earlier periods of the same kind, oldest first") {
  const Config cfg = default_config();
  const Snapshot snap = build_snapshot(
      MemorySource({{"ops/operations/weekly/2026-47/actions.md", kOldActions},
                    {"ops/operations/weekly/2026-46/minutes.md",
                     "## Actions\n- [ ] Old one — owner: @dana; due: 2026-12-10; verify: v; backlog: IB-5\n"},
                    {"ops/operations/weekly/2026-49/actions.md", kOldActions},
                    {"ops/operations/monthly/2026-10/actions.md", kOldActions}}),
      cfg);
  CHECK(render_carried_over(snap, P(Kind::Weekly, "2026-48"), *parse_day("2026-11-24")) ==
        "- 2026-46/A1 Old one — @dana, due 2026-12-10\n"
        "- 2026-47/A2 Rotate the payments DB secret — @li, due 2026-11-28\n"
        "- 2026-47/A3 Write the runbook — no owner, no due date, in-progress");
  const std::string later = render_carried_over(snap, P(Kind::Weekly, "2026-49"), *parse_day("2026-12-01"));
  CHECK(later.find("- 2026-47/A2 Rotate the payments DB secret — @li, due 2026-11-28 (overdue)\n") !=
        std::string::npos);
  CHECK(render_carried_over(snap, P(Kind::Quarterly, "2026-Q4"), *parse_day("2026-12-29")) ==
        "No open actions from earlier quarterly reviews.");
}

TEST_CASE("a freshly scaffolded period has no error-severity findings") {
  Config cfg = default_config();
  const std::map<std::string, std::string> history = {{"ops/operations/weekly/2026-47/actions.md", kOldActions}};
  const Snapshot snap = build_snapshot(MemorySource(history), cfg);
  const Day today = *parse_day("2026-11-23");
  const char* root = "/nonexistent/opslint-unit";  // no overrides: the built-in templates

  for (const auto& [kind, name] : {std::pair{Kind::Weekly, "2026-48"}, std::pair{Kind::Monthly, "2026-11"},
                                   std::pair{Kind::Quarterly, "2026-Q4"}}) {
    const auto files = plan_period(root, cfg, P(kind, name), today, snap);
    REQUIRE(files.size() == 2);
    CHECK(files[0].path == period_folder(cfg, P(kind, name)) + "/minutes.md");
    const auto errs = errors_after(cfg, files, {}, "2026-11-23T09:00:00Z");
    INFO(describe(errs));
    CHECK(errs.empty());
  }

  // A team's own agenda, chair and participants, a time box and a roster.
  cfg.reviews[Kind::Weekly].sections = {"Incidents & near misses", "Risks (top 5)", "Actions"};
  cfg.reviews[Kind::Weekly].chair = "@dana";
  cfg.reviews[Kind::Weekly].participants = {"@dana", "@sam"};
  cfg.reviews[Kind::Weekly].required_participants = {"@dana"};
  cfg.owners = {"@dana", "@sam"};
  const auto files = plan_period(root, cfg, P(Kind::Weekly, "2026-53"), today, snap);
  CHECK(files[0].text.find("date: 2026-12-29\n") != std::string::npos);
  CHECK(files[0].text.find("chair: \"@dana\"\nparticipants: [\"@dana\", \"@sam\"]\n") != std::string::npos);
  CHECK(errors_after(cfg, files, {}, "2026-12-28T09:00:00Z").empty());

  const auto skip = plan_skip(root, cfg, P(Kind::Weekly, "2026-52"), today, snap, "Holiday; no quorum.",
                              "Signals reviewed asynchronously on 2026-12-23.");
  REQUIRE(skip.size() == 1);
  CHECK(skip[0].path == "ops/operations/weekly/2026-52/SKIPPED.md");
  CHECK(errors_after(cfg, skip, {}, "2026-12-28T09:00:00Z").empty());
}

TEST_CASE("init skeletons lint clean") {
  const Config cfg = default_config();
  const auto files = plan_init("/nonexistent/opslint-unit", cfg, ".opslint.yaml", *parse_day("2026-11-24"));
  REQUIRE(files.size() == 3);
  CHECK(files[0].text.starts_with("# yaml-language-server: $schema="));
  CHECK(parse_config(files[0].text, ".opslint.yaml"));
  std::map<std::string, std::string> repo;
  for (const auto& f : files) repo[f.path] = f.text;
  const Snapshot snap = build_snapshot(MemorySource(repo), cfg);
  CHECK(snap.backlog_present);
  CHECK(snap.backlog.empty());
  CHECK(snap.risks.empty());
}
