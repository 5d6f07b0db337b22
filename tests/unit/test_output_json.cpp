// `lint --format json` output validates against schemas/findings.schema.json (SPEC §5.1).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "config/config.h"
#include "engine/lint.h"
#include "engine/snapshot_builder.h"
#include "git/source.h"
#include "output/format.h"
#include "util/dates.h"
#include "util/json_schema.h"
#include "util/resources.h"

namespace opslint {
namespace {

const valijson::Schema& findings_schema() {
  REQUIRE_MESSAGE(find_resource("schemas/findings.schema.json").has_value(),
                  "schemas/findings.schema.json is not embedded (re-run cmake)");
  return embedded_schema("schemas/findings.schema.json");
}

// Validates; on failure returns the errors as text so the test output says why.
std::string schema_errors(const nlohmann::json& doc) {
  return describe_errors(opslint::schema_errors(findings_schema(), doc));
}

const char* const kMinutes = R"(---
review: weekly
date: 2026-11-24
chair: "@dana"
participants: ["@dana", "@sam"]
duration: 45
---
# Weekly Ops Review 2026-48

## Pre-read checklist
- [ ] SLO dashboards updated

## 1. SLO & reliability signals (10 min)
Fine.

## 5. Actions & owners (10 min)
See [actions](actions.md) and [the runbook](../../../../docs/missing-runbook.md).
)";

const char* const kActions = R"(# Actions 2026-48

| ID | Action | Owner | Due | Verification | Backlog | Status | Evidence |
|----|--------|-------|-----|--------------|---------|--------|----------|
| A1 | Raise checkout p95 alert | | 2026-12-01 | Chaos test fires the alert | IB-42 | open | |
| A2 | Rotate secrets | @sam | | | IB-99 | open | |
)";

const char* const kBacklog = R"(# Improvement backlog

## IB-42 Raise checkout p95 alert threshold
- Status: open
- Owner: @sam
- Source: 2026-48/A1
- Verification: Chaos test fires the alert in staging
)";

struct Linted {
  std::vector<Finding> findings;
  RunInfo run;
};

Linted lint_memory_repo() {
  MemorySource src({
      {"ops/operations/weekly/2026-48/minutes.md", kMinutes},
      {"ops/operations/weekly/2026-48/actions.md", kActions},
      {"ops/operations/weekly/2026-99/notes.md", "# not a period\n"},
      {"docs/operations/IMPROVEMENT_BACKLOG.md", kBacklog},
      {"docs/operations/RISK_REGISTER.md", "# Risk register\n"},
  });
  const Config cfg = default_config();
  const Snapshot snap = build_snapshot(src, cfg);
  LintOptions opts;
  opts.now = *parse_timestamp("2026-11-26T12:00:00Z", "UTC");
  // A finding with no period and line 0, like the CLI's OPS500.
  opts.extra.push_back(Finding{"OPS500", Severity::Info, ".", {0, 0}, "history rules were not checked", {}, "history"});
  Linted out;
  out.findings = lint(snap, cfg, std::move(opts));
  out.run = RunInfo{snap.source, snap.file_count, false};
  return out;
}

}  // namespace

TEST_CASE("format_json output validates against schemas/findings.schema.json") {
  const Linted l = lint_memory_repo();
  REQUIRE(l.findings.size() >= 4);

  const std::string text = format_json(l.findings, l.run);
  const nlohmann::json doc = nlohmann::json::parse(text);
  CHECK_MESSAGE(schema_errors(doc).empty(), schema_errors(doc));

  // The document really is the rich case the schema has to cover.
  CHECK(doc["source"] == "worktree");
  CHECK(doc["findings"].size() == l.findings.size());
  std::set<std::string> severities, rules;
  bool with_period = false, without_period = false;
  for (const auto& f : doc["findings"]) {
    severities.insert(f["severity"].get<std::string>());
    rules.insert(f["rule"].get<std::string>());
    (f.contains("period") ? with_period : without_period) = true;
  }
  CHECK(severities.count("error") == 1);
  CHECK(severities.count("info") == 1);
  CHECK(rules.count("OPS301") == 1);  // A1 has no owner
  CHECK(rules.count("OPS500") == 1);
  CHECK(with_period);
  CHECK(without_period);
  const auto& s = doc["summary"];
  CHECK(s["error"].get<size_t>() + s["warning"].get<size_t>() + s["info"].get<size_t>() == l.findings.size());
  CHECK(s["files"].get<size_t>() == l.run.files);

  // A commit ID is a valid source too; no findings is a valid document.
  CHECK(schema_errors(
            nlohmann::json::parse(format_json({}, RunInfo{"0123456789abcdef0123456789abcdef01234567", 0, false})))
            .empty());
}

TEST_CASE("findings schema rejects documents that break the contract") {
  const Linted l = lint_memory_repo();
  const nlohmann::json good = nlohmann::json::parse(format_json(l.findings, l.run));
  REQUIRE(schema_errors(good).empty());

  auto broken = [&](auto&& change) {
    nlohmann::json d = good;
    change(d);
    return !schema_errors(d).empty();
  };
  CHECK(broken([](nlohmann::json& d) { d["findings"][0]["line"] = "5"; }));  // wrong type
  CHECK(broken([](nlohmann::json& d) { d["summary"]["error"] = -1; }));
  CHECK(broken([](nlohmann::json& d) { d["findings"][0]["severity"] = "fatal"; }));
  CHECK(broken([](nlohmann::json& d) { d["findings"][0]["severity"] = "off"; }));
  CHECK(broken([](nlohmann::json& d) { d["findings"][0]["rule"] = "OPS31"; }));
  CHECK(broken([](nlohmann::json& d) { d["findings"][0]["extra"] = true; }));
  CHECK(broken([](nlohmann::json& d) { d["findings"][0].erase("fingerprint"); }));
  CHECK(broken([](nlohmann::json& d) { d["findings"][0]["period"] = nullptr; }));
  CHECK(broken([](nlohmann::json& d) { d.erase("summary"); }));
  CHECK(broken([](nlohmann::json& d) { d["version"] = 2; }));
  CHECK(broken([](nlohmann::json& d) { d["tool"]["name"] = "other"; }));
  CHECK(broken([](nlohmann::json& d) { d["source"] = "HEAD"; }));
  CHECK(broken([](nlohmann::json& d) { d["unexpected"] = 1; }));
}

}  // namespace opslint
