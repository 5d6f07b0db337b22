// Monthly and quarterly minutes pre-filled from the data: metrics with the previous period and the
// change, open and overdue actions, the risk register snapshot; still free of error findings.
#include <doctest/doctest.h>

#include "engine/lint.h"
#include "history_story.h"
#include "report/format.h"
#include "scaffold/plan.h"
#include "scaffold/prefill.h"

namespace opslint {
namespace {

const std::string& W = kStoryWeekly;
const std::string& kRisks = kStoryRisks;

std::string weekly(const std::string& date, const std::string& actions) {
  return "---\nreview: weekly\ndate: " + date +
         "\ntime: \"15:00\"\nchair: \"@dana\"\nparticipants: [\"@dana\"]\n---\n# Weekly\n\n## Actions\n" + actions;
}

// A weekly review in September (Q3) and two in November (Q4), one action closed in between.
Story story() {
  Story s(default_config());
  s.commit("2026-09-15T18:00:00Z",
           {{W + "2026-38/minutes.md",
             weekly("2026-09-15", "- [ ] A1 Old task — owner: @li; due: 2026-09-20; verify: v; backlog: IB-1\n")},
            {kRisks,
             "# Risks\n\n## R-1 Disk | full\n- Owner: @li\n- Likelihood: 2\n- Impact: 3\n- Status: open\n"
             "- Reviewed: 2026-11-20\n\n## R-2 Net\n- Owner: @sam\n- Likelihood: 1\n- Impact: 2\n"
             "- Status: open\n"}});
  s.commit("2026-11-10T18:00:00Z",
           {{W + "2026-46/minutes.md",
             weekly("2026-11-10", "- [ ] A1 New task — owner: @sam; due: 2026-12-20; verify: v; backlog: IB-1\n")}});
  s.commit(
      "2026-11-17T18:00:00Z",
      {{W + "2026-47/minutes.md", weekly("2026-11-17",
                                         "- [x] A1 Done task — owner: @sam; due: 2026-11-20; verify: v; backlog: IB-1; "
                                         "evidence: https://x.example/1\n")}});
  return s;
}

}  // namespace

TEST_CASE("prefill: quarter-over-quarter metrics with the change") {
  Story s = story();
  const Config cfg = default_config();
  const Snapshot snap = build_snapshot(MemorySource(s.files()), cfg);
  const HealthInputs in{&s.view(), "", at("2026-12-01T09:00:00Z")};
  const std::string t =
      render_health(snap, in, cfg, *Period::parse(Kind::Quarterly, "2026-Q4"), *parse_day("2026-12-01"));
  CHECK(t.find("| Metric | 2026-Q3 | 2026-Q4 | Change |\n") != std::string::npos);
  CHECK(t.find("| Reviews held | 1 | 2 | +1 |\n") != std::string::npos);
  CHECK(t.find("| Actions opened | 1 | 2 | +1 |\n") != std::string::npos);
  CHECK(t.find("| Reviews missed | 1 | 7 | +6 |\n") != std::string::npos);  // weeks 39 (Q3); 40-45 and 48 (Q4)
  CHECK(t.find("| Closure rate (due actions closed) | 0.00 | 1.00 | +1.00 |\n") != std::string::npos);
  CHECK(t.find("| Publication latency max (h) | 2.2 | 2.2 | 0.0 |\n") != std::string::npos);
  CHECK(t.find("History unavailable") == std::string::npos);
  const std::string without = render_health(snap, HealthInputs{nullptr, "not a git repository", in.now}, cfg,
                                            *Period::parse(Kind::Quarterly, "2026-Q4"), *parse_day("2026-12-01"));
  CHECK(without.find("History unavailable (not a git repository)") != std::string::npos);
  CHECK(without.find("| Actions closed | unknown | unknown |  |\n") != std::string::npos);
}

TEST_CASE("prefill: open actions, overdue first; the risk snapshot links the register") {
  Story s = story();
  const Config cfg = default_config();
  const Snapshot snap = build_snapshot(MemorySource(s.files()), cfg);
  const Period q4 = *Period::parse(Kind::Quarterly, "2026-Q4");
  CHECK(render_open_actions(snap, q4, *parse_day("2026-12-29")) ==
        "2 open, 2 overdue at the meeting (2026-12-29):\n\n"
        "- 2026-38/A1 Old task — @li, due 2026-09-20 (overdue)\n"
        "- 2026-46/A1 New task — @sam, due 2026-12-20 (overdue)");
  CHECK(render_open_actions(snap, *Period::parse(Kind::Quarterly, "2026-Q3"), *parse_day("2026-09-29")) ==
        "1 open, 1 overdue at the meeting (2026-09-29):\n\n- 2026-38/A1 Old task — @li, due 2026-09-20 (overdue)");
  const std::string risks = render_risk_snapshot(snap, cfg, q4, *parse_day("2026-12-01"));
  CHECK(risks.starts_with("From [the risk register](../../../../docs/operations/RISK_REGISTER.md) on 2026-12-01.\n"));
  CHECK(risks.find("| R-1 Disk \\| full | @li | 2 | 3 | open | 2026-11-20 |\n") != std::string::npos);
  CHECK(risks.find("| R-2 Net | @sam | 1 | 2 | open | never (stale) |") != std::string::npos);
  CHECK(render_risk_snapshot(build_snapshot(MemorySource({}), cfg), cfg, q4, *parse_day("2026-12-01")) ==
        "No risk register at docs/operations/RISK_REGISTER.md.");
}

TEST_CASE("prefill: change signs and rounding") {
  const MetricDef& rate = *find_metric("action_closure_rate");
  ReportPeriod a, b;
  a.values["action_closure_rate"] = 0.8;
  b.values["action_closure_rate"] = 0.5;
  CHECK(format_change(a, b, rate) == "-0.30");
  CHECK(format_change(b, a, rate) == "+0.30");
  b.values["action_closure_rate"] = 0.801;
  CHECK(format_change(a, b, rate) == "0.00");
  b.unknown.insert("action_closure_rate");
  CHECK(format_change(a, b, rate) == "");
  b.unknown.clear();
  b.values["action_closure_rate"] = std::nullopt;
  CHECK(format_change(a, b, rate) == "");
}

TEST_CASE("prefill: scaffolded monthly and quarterly minutes hold it and lint without errors or OPS205") {
  Story s = story();
  const Config cfg = default_config();
  const Snapshot snap = build_snapshot(MemorySource(s.files()), cfg);
  const HealthInputs in{&s.view(), "", at("2026-12-01T09:00:00Z")};
  for (const char* q : {"2026-12", "2026-Q4"}) {
    const Period p = *Period::parse(q[5] == 'Q' ? Kind::Quarterly : Kind::Monthly, q);
    const auto files = plan_period("/nonexistent/opslint-unit", cfg, p, *parse_day("2026-12-01"), snap, &in);
    const std::string& minutes = files[0].text;
    CHECK(minutes.find("## Cadence health\n") != std::string::npos);
    CHECK(minutes.find("## Open and overdue actions\n") != std::string::npos);
    CHECK(minutes.find("## Risk register snapshot\nFrom [the risk register](") != std::string::npos);
    std::map<std::string, std::string> all = s.files();
    for (const auto& f : files) all[f.path] = f.text;
    const Snapshot after = build_snapshot(MemorySource(all), cfg);
    LintOptions opts;
    opts.now = at("2026-12-01T09:00:00Z");
    for (const Finding& f : lint(after, cfg, opts)) {
      if (f.file != files[0].path && f.file != files[1].path) continue;
      INFO(f.file << ":" << f.pos.line << ": " << f.message << " [" << f.rule << "]");
      CHECK(f.severity != Severity::Error);
      CHECK(f.rule != "OPS205");
      CHECK(f.rule != "OPS301");  // the bullets do not declare actions again
    }
  }
}

}  // namespace opslint
