// The report's metrics over a small scripted history (no git), its window, locks and JSON schema.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "history_story.h"
#include "report/format.h"
#include "report/metrics.h"
#include "util/json_schema.h"
#include "util/resources.h"

namespace opslint {
namespace {

const std::string& W = kStoryWeekly;
const std::string& kRisks = kStoryRisks;

std::string weekly(const std::string& date, const std::string& actions) {
  return "---\nreview: weekly\ndate: " + date +
         "\ntime: \"15:00\"\nduration: 45\nchair: \"@dana\"\nparticipants: [\"@dana\"]\n---\n# Weekly\n\n## "
         "Notes\nText.\n"
         "\n## Actions\n" +
         actions;
}

std::string action(const std::string& id, const std::string& box, const std::string& owner, const std::string& due,
                   const std::string& extra = "") {
  return "- [" + box + "] " + id + " Task " + id + " — owner: " + owner + "; due: " + due +
         "; verify: it works; backlog: IB-1" + extra + "\n";
}

std::string backlog(const std::string& entries) { return "# Backlog\n\n" + entries; }
std::string entry(int n, const std::string& status, const std::string& extra = "") {
  return "## IB-" + std::to_string(n) + " Entry\n- Status: " + status +
         "\n- Owner: @dana\n- Source: 2026-45\n- Verification: it works\n" + extra + "\n";
}

const std::string kRiskText =
    "# Risks\n\n## R-1 Disk\n- Owner: @li\n- Likelihood: 2\n- Impact: 3\n- Status: open\n- Reviewed: 2026-10-01\n\n"
    "## R-2 Old\n- Owner: @li\n- Likelihood: 2\n- Impact: 3\n- Status: closed\n- Reviewed: 2026-01-01\n";

// Week 45 held (two actions, one closed on time, one late), 46 skipped, 47 missing, 48 held
// late (one action overdue, one not yet due); IB-1 opened by its field and closed by history,
// IB-2 opened by history.
Story story() {
  Story s(default_config());
  const std::string a45 = W + "2026-45/minutes.md";
  s.commit(
      "2026-11-03T18:00:00Z",
      {{a45, weekly("2026-11-03", action("A1", " ", "@li", "2026-11-10") + action("A2", " ", "@sam", "2026-11-12"))},
       {kStoryBacklog, backlog(entry(1, "open", "- Opened: 2026-11-03\n"))},
       {kRisks, kRiskText}});
  s.commit("2026-11-09T10:00:00Z",
           {{a45, weekly("2026-11-03", action("A1", "x", "@li", "2026-11-10", "; evidence: https://x.example/1") +
                                           action("A2", " ", "@sam", "2026-11-12"))}});
  s.commit("2026-11-14T10:00:00Z",
           {{a45, weekly("2026-11-03", action("A1", "x", "@li", "2026-11-10", "; evidence: https://x.example/1") +
                                           action("A2", "x", "@sam", "2026-11-12", "; evidence: https://x.example/2"))},
            {kStoryBacklog, backlog(entry(1, "done", "- Opened: 2026-11-03\n- Evidence: https://x.example/3\n"))}});
  s.commit("2026-11-14T12:00:00Z",
           {{W + "2026-46/SKIPPED.md",
             "---\nreview: weekly\ndate: 2026-11-10\n---\n## Rationale\nHoliday.\n\n## Recovery plan\nAsync.\n"}});
  s.commit("2026-11-26T15:45:00Z",
           {{W + "2026-48/minutes.md",
             weekly("2026-11-24", action("A1", " ", "@li", "2026-11-27") + action("A2", " ", "@dana", "2026-12-05"))},
            {kStoryBacklog,
             backlog(entry(1, "done", "- Opened: 2026-11-03\n- Evidence: https://x.example/3\n") + entry(2, "open"))}});
  return s;
}

const Instant kNow = at("2026-11-30T12:00:00Z");
const ReportWindow kWindow{*parse_day("2026-11-02"), *parse_day("2026-11-29")};

Report report(Story& s, bool with_history, const Config& cfg = default_config()) {
  static std::list<Snapshot> snaps;  // the report points into its snapshot
  snaps.push_back(build_snapshot(MemorySource(s.files()), cfg));
  return build_report(snaps.back(), with_history ? &s.view() : nullptr, "not a git repository", cfg, kWindow, kNow);
}

std::string cell(const ReportPeriod& p, std::string_view key) { return format_metric(p, *find_metric(key)); }

std::map<std::string, std::string> cells(const ReportPeriod& p) {
  std::map<std::string, std::string> out;
  for (const MetricDef& m : metric_defs()) out[std::string(m.key)] = format_metric(p, m);
  return out;
}

}  // namespace

TEST_CASE("report: window totals from the snapshot and the history") {
  Story s = story();
  const Report r = report(s, true);
  CHECK(r.history);
  CHECK(format_day(r.as_of) == "2026-11-29");
  const std::map<std::string, std::string> expected = {
      {"held_reviews", "2"},
      {"skipped_reviews", "1"},
      {"missed_reviews", "1"},
      {"actions_opened", "4"},
      {"actions_due", "3"},
      {"actions_closed", "2"},
      {"actions_closed_on_time", "1"},
      {"action_closure_rate", "0.67"},
      {"actions_closed_on_time_rate", "0.50"},
      {"open_actions", "2"},
      {"overdue_actions", "1"},
      {"publication_latency_median_hours", "25.1"},
      {"publication_latency_p90_hours", "48.0"},
      {"publication_latency_max_hours", "48.0"},
      {"repeated_actions", "0"},
      {"backlog_opened", "2"},
      {"backlog_closed", "1"},
      {"open_backlog", "1"},
      {"backlog_median_age_days", "4.0"},
      {"open_risks", "1"},
      {"stale_risks", "1"},
  };
  CHECK(cells(r.totals) == expected);
  REQUIRE(r.owners.size() == 2);
  CHECK(r.owners.at("@li").open == 1);
  CHECK(r.owners.at("@li").overdue == 1);
  CHECK(r.owners.at("@dana").open == 1);
  CHECK(r.owners.at("@dana").overdue == 0);
}

TEST_CASE("report: weekly and monthly series") {
  Story s = story();
  const Report r = report(s, true);
  REQUIRE(r.weeks.size() == 4);
  CHECK(r.weeks[0].name == "2026-45");
  CHECK(r.weeks[3].name == "2026-48");
  REQUIRE(r.months.size() == 1);
  CHECK(r.months[0].name == "2026-11");
  CHECK(format_day(r.months[0].first) == "2026-11-02");  // clipped to the window
  auto row = [&](std::string_view key) {
    std::vector<std::string> out;
    for (const auto& w : r.weeks) out.push_back(cell(w, key));
    return out;
  };
  using V = std::vector<std::string>;
  CHECK(row("held_reviews") == V{"1", "0", "0", "1"});
  CHECK(row("skipped_reviews") == V{"0", "1", "0", "0"});
  CHECK(row("missed_reviews") == V{"0", "0", "1", "0"});
  CHECK(row("actions_closed") == V{"0", "2", "0", "0"});
  CHECK(row("actions_closed_on_time") == V{"0", "1", "0", "0"});
  CHECK(row("action_closure_rate") == V{"-", "1.00", "-", "0.00"});
  CHECK(row("actions_closed_on_time_rate") == V{"-", "0.50", "-", "-"});
  CHECK(row("open_actions") == V{"2", "0", "0", "2"});
  CHECK(row("overdue_actions") == V{"0", "0", "0", "1"});
  CHECK(row("publication_latency_p90_hours") == V{"2.2", "-", "-", "48.0"});
  CHECK(row("backlog_opened") == V{"1", "0", "0", "1"});
  CHECK(row("backlog_closed") == V{"0", "1", "0", "0"});
  CHECK(cell(r.months[0], "held_reviews") == "2");
}

TEST_CASE("report: without history, history-based metrics are unknown, not zero") {
  Story s = story();
  const Report r = report(s, false);
  CHECK_FALSE(r.history);
  CHECK(r.history_reason == "not a git repository");
  for (const char* k :
       {"actions_closed", "actions_closed_on_time", "actions_closed_on_time_rate", "publication_latency_p90_hours",
        "backlog_opened", "backlog_closed", "backlog_median_age_days", "open_actions", "overdue_actions"})
    CHECK_MESSAGE(cell(r.totals, k) == "unknown", k);
  CHECK(cell(r.totals, "action_closure_rate") == "0.67");
  CHECK(cell(r.totals, "missed_reviews") == "1");
  CHECK(cell(r.totals, "open_backlog") == "1");
  // The week that ends after today needs no history for what is open now.
  ReportWindow current{*parse_day("2026-11-30"), *parse_day("2026-11-30")};
  const Snapshot snap = build_snapshot(MemorySource(s.files()), default_config());
  const Report now = build_report(snap, nullptr, "x", default_config(), current, kNow);
  CHECK(cell(now.totals, "open_actions") == "2");
  CHECK(cell(now.totals, "overdue_actions") == "1");
}

TEST_CASE("report: locks pass, fail, and fail when unknown") {
  Story s = story();
  Config cfg = default_config();
  cfg.locks["action_closure_rate"] = {0.8, std::nullopt};
  cfg.locks["missed_reviews"] = {std::nullopt, 0.0};
  cfg.locks["stale_risks"] = {std::nullopt, 1.0};
  cfg.locks["actions_closed_on_time_rate"] = {0.5, std::nullopt};
  const Report with = report(s, true, cfg);
  CHECK(failed_locks(with) == std::vector<std::string>{"lock action_closure_rate failed: 0.67 (bound: min 0.8)",
                                                       "lock missed_reviews failed: 1 (bound: max 0)"});
  const Report without = report(s, false, cfg);
  CHECK(failed_locks(without) ==
        std::vector<std::string>{"lock action_closure_rate failed: 0.67 (bound: min 0.8)",
                                 "lock actions_closed_on_time_rate failed: unknown (bound: min 0.5)",
                                 "lock missed_reviews failed: 1 (bound: max 0)"});
}

TEST_CASE("report: window from --since / --until") {
  const Day today = *parse_day("2026-11-30");
  auto w = report_window(std::nullopt, std::nullopt, today);
  REQUIRE(w);
  CHECK(format_day(w->since) == "2026-11-03");
  CHECK(format_day(w->until) == "2026-11-30");
  w = report_window(std::nullopt, std::string("2026-10-31"), today);
  CHECK(format_day(w->since) == "2026-10-04");
  w = report_window(std::string("2026-11-20"), std::nullopt, today);
  CHECK(format_day(w->until) == "2026-11-30");
  CHECK(report_window(std::string("2026-12-01"), std::string("2026-11-01"), today).error() ==
        "--since 2026-12-01 is after --until 2026-11-01");
  CHECK(report_window(std::string("1026-01-01"), std::nullopt, today).error() ==
        "the window is longer than a hundred years; narrow --since/--until");
  CHECK(report_window(std::string("2016-11-01"), std::nullopt, today));  // ten years of history is fine
  CHECK(report_window(std::string("2026-02-30"), std::nullopt, today).error() ==
        "--since '2026-02-30' is not a date (YYYY-MM-DD)");
}

TEST_CASE("report: median and nearest-rank percentile") {
  CHECK_FALSE(median({}).has_value());
  CHECK(*median({3, 1, 2}) == 2);
  CHECK(*median({4, 1, 2, 3}) == 2.5);
  CHECK(*percentile({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.9) == 9);
  CHECK(*percentile({5}, 0.9) == 5);
  CHECK(*percentile({1, 2}, 0.9) == 2);
}

TEST_CASE("report: JSON validates against schemas/report.schema.json, with and without history") {
  const auto text = find_resource("schemas/report.schema.json");
  REQUIRE_MESSAGE(text.has_value(), "schemas/report.schema.json is not embedded (re-run cmake)");
  const valijson::Schema& schema = embedded_schema("schemas/report.schema.json");
  Story s = story();
  Config cfg = default_config();
  cfg.locks["action_closure_rate"] = {0.8, std::nullopt};
  for (bool history : {true, false}) {
    const auto doc = nlohmann::json::parse(report_json(report(s, history, cfg)));
    const std::string errors = describe_errors(schema_errors(schema, doc));
    CHECK_MESSAGE(errors.empty(), errors);
    CHECK(doc["history"]["available"] == history);
    CHECK(doc["totals"]["metrics"]["missed_reviews"] == 1);
    CHECK(doc["totals"]["metrics"]["actions_closed"] == (history ? nlohmann::json(2) : nlohmann::json(nullptr)));
  }
  // The schema is not a rubber stamp: a metric of the wrong type is rejected.
  auto bad = nlohmann::json::parse(report_json(report(s, true)));
  bad["totals"]["metrics"]["missed_reviews"] = "one";
  CHECK_FALSE(schema_errors(schema, bad).empty());
}

TEST_CASE("report: HTML is self-contained and holds every chart") {
  Story s = story();
  const std::string html = report_html(report(s, true));
  for (const char* id :
       {"chart-closure-rate-weeks", "chart-overdue-weeks", "chart-latency-weeks", "chart-reviews-weeks",
        "chart-closure-rate-months", "chart-overdue-months", "chart-latency-months", "chart-reviews-months"})
    CHECK_MESSAGE(html.find(std::string("id=\"") + id + "\"") != std::string::npos, id);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("src=") == std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
  CHECK(html.find("url(") == std::string::npos);
}

}  // namespace opslint

namespace opslint {

TEST_CASE("report: repeated actions are OPS311's, counted where the newest occurrence was opened") {
  Story s(default_config());
  std::map<std::string, std::optional<std::string>> files;
  for (const auto& [week, date] : std::vector<std::pair<std::string, std::string>>{
           {"2026-44", "2026-10-27"}, {"2026-46", "2026-11-10"}, {"2026-48", "2026-11-24"}})
    files[W + week + "/minutes.md"] = weekly(
        date, "- [ ] A1 Restart the flaky payments worker — owner: @li; due: 2026-12-20; verify: ok; backlog: IB-1\n");
  s.commit("2026-11-25T10:00:00Z", files);
  const Report r = report(s, true);
  CHECK(cell(r.totals, "repeated_actions") == "1");
  CHECK(cell(r.weeks[3], "repeated_actions") == "1");
  CHECK(cell(r.weeks[1], "repeated_actions") == "0");
  REQUIRE(r.repeated.size() == 1);
  CHECK(r.repeated[0].first == "2026-48/A1");
  CHECK(r.repeated[0].second == std::vector<std::string>{"2026-44/A1", "2026-46/A1"});
  CHECK(report_text(r).find("2026-48/A1 repeats 2026-44/A1, 2026-46/A1\n") != std::string::npos);
}

}  // namespace opslint
