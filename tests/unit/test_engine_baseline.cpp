// Baselines: the file's round trip, its errors, and fingerprints that survive moved lines.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "config/config.h"
#include "engine/baseline.h"
#include "engine/lint.h"
#include "engine/snapshot_builder.h"
#include "git/source.h"
#include "util/dates.h"

namespace opslint {
namespace {

Finding finding(std::string rule, std::string file, int line, std::string message, std::string subject = {}) {
  return Finding{std::move(rule), Severity::Error, std::move(file), {line, 1}, std::move(message), {}, std::move(subject)};
}

const char* const kMinutes = R"(---
review: weekly
date: 2026-11-24
chair: "@dana"
participants: ["@dana", "@sam"]
---
# Weekly Ops Review 2026-48

## Actions
See [actions](actions.md).
)";

std::vector<Finding> lint_actions(const std::string& actions) {
  MemorySource src({
      {"ops/operations/weekly/2026-48/minutes.md", kMinutes},
      {"ops/operations/weekly/2026-48/actions.md", actions},
  });
  const Config cfg = default_config();
  LintOptions opts;
  opts.now = *parse_timestamp("2026-11-26T12:00:00Z", "UTC");
  return lint(build_snapshot(src, cfg), cfg, std::move(opts));
}

}  // namespace

TEST_CASE("baseline file: written sorted and deduplicated, read back, OPS500 left out") {
  const std::vector<Finding> fs = {
      finding("OPS301", "b.md", 9, "action A1 has no owner"),
      finding("OPS301", "b.md", 12, "action A1 has no owner"),  // same fingerprint: one entry
      finding("OPS102", "a/minutes.md", 0, "missing"),
      finding("OPS500", ".", 0, "history not checked", "history"),
  };
  const std::string text = baseline_json(fs);
  CHECK(text.find("OPS500") == std::string::npos);
  CHECK(text.find("\"a/minutes.md\"") < text.find("\"b.md\""));
  CHECK(text.find("timestamp") == std::string::npos);
  auto b = parse_baseline(text, "base.json");
  REQUIRE(b);
  CHECK(b->fingerprints == baseline_of(fs).fingerprints);
  CHECK(b->fingerprints.size() == 2);

  std::vector<Finding> later = fs;
  later.push_back(finding("OPS303", "b.md", 4, "action A2 has no verification step"));
  CHECK(apply_baseline(later, *b) == 3);
  REQUIRE(later.size() == 2);
  CHECK(later[0].rule == "OPS500");  // never hidden
  CHECK(later[1].rule == "OPS303");
}

TEST_CASE("baseline file errors say where") {
  auto e = parse_baseline("{\"version\": 1,\n  \"fingerprints\": [}\n", "b.json");
  REQUIRE_FALSE(e);
  CHECK(e.error() == "b.json:2:20: not valid JSON: syntax error while parsing value - unexpected '}'; expected '[', '{', or a literal");

  e = parse_baseline("{\"version\": 2, \"tool\": {\"name\": \"opslint\"}, \"fingerprints\": []}", "b.json");
  REQUIRE_FALSE(e);
  CHECK(e.error().starts_with("b.json: not an opslint baseline: [version]: "));

  e = parse_baseline("{\"version\": 1, \"tool\": {\"name\": \"opslint\"}, \"fingerprints\": [{\"rule\": \"OPS301\"}]}",
                     "b.json");
  REQUIRE_FALSE(e);
  CHECK(e.error().starts_with("b.json: not an opslint baseline: [fingerprints][0]: "));

  e = parse_baseline("[]", "b.json");
  REQUIRE_FALSE(e);
  CHECK(e.error().starts_with("b.json: not an opslint baseline: "));

  CHECK(parse_baseline("{\"version\": 1, \"tool\": {\"name\": \"opslint\"}, \"fingerprints\": []}", "b.json"));

  // A number JSON cannot hold is no syntax error, and once ended the process (found by fuzz_baseline).
  e = parse_baseline("3e443", "b.json");
  REQUIRE_FALSE(e);
  CHECK(e.error() == "b.json: not valid JSON: number overflow parsing '3e443'");
  CHECK_FALSE(parse_baseline("{\"version\": 1e999}", "b.json"));
}

TEST_CASE("fingerprints survive moved lines, so a baseline keeps matching") {
  const std::string table =
      "| ID | Action | Owner | Due | Verification | Backlog | Status |\n"
      "|----|--------|-------|-----|--------------|---------|--------|\n"
      "| A1 | Raise the alert | | 2026-12-01 | alert fires | IB-42 | open |\n";
  const auto before = lint_actions("# Actions 2026-48\n\n" + table);
  const auto after = lint_actions("# Actions 2026-48\n\nCarried over: none.\n\nAlso none.\n\n" + table);
  auto owner = [](const std::vector<Finding>& fs) {
    for (const auto& f : fs)
      if (f.rule == "OPS301") return f;
    FAIL("no OPS301 finding");
    return Finding{};
  };
  CHECK(owner(after).pos.line == owner(before).pos.line + 4);
  CHECK(fingerprint(owner(after)) == fingerprint(owner(before)));

  auto b = parse_baseline(baseline_json(before), "b.json");
  REQUIRE(b);
  auto now = after;
  const size_t total = now.size();
  CHECK(apply_baseline(now, *b) == total);  // the same findings, moved: all hidden
}

}  // namespace opslint
