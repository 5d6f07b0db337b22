// `lint --format sarif|github|junit`: exact escaping, caps, locations (SPEC §5.1).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "output/format.h"

namespace opslint {
namespace {

Finding finding(std::string rule, Severity sev, std::string file, int line, int col, std::string message) {
  return Finding{std::move(rule), sev, std::move(file), {line, col}, std::move(message), {}, {}};
}

std::vector<Finding> repeated(size_t n, Severity sev, const std::string& rule) {
  std::vector<Finding> out;
  for (size_t i = 1; i <= n; ++i)
    out.push_back(finding(rule, sev, "a.md", static_cast<int>(i), 1, "m" + std::to_string(i)));
  return out;
}

size_t lines_starting(const std::string& text, const std::string& prefix) {
  size_t n = 0;
  for (size_t at = 0; at < text.size();) {
    const size_t end = text.find('\n', at);
    if (text.compare(at, prefix.size(), prefix) == 0) ++n;
    if (end == std::string::npos) break;
    at = end + 1;
  }
  return n;
}

}  // namespace

TEST_CASE("github: the toolkit's escaping, levels, and no line or col for line 0") {
  const std::vector<Finding> fs = {
      finding("OPS301", Severity::Error, "ops/a,b:c%d.md", 5, 1, "100% done\r\nnext: line, too"),
      finding("OPS102", Severity::Error, "ops/w/minutes.md", 0, 0, "missing"),
      finding("OPS204", Severity::Warning, "m.md", 7, 0, "no column"),
      finding("OPS206", Severity::Info, "m.md", 8, 11, "long"),
  };
  CHECK(format_github(fs, RunInfo{"worktree", 3, true}) ==
        "::error file=ops/a%2Cb%3Ac%25d.md,line=5,col=1,title=OPS301 action-owner-missing::100%25 done%0D%0Anext: line, too\n"
        "::error file=ops/w/minutes.md,title=OPS102 minutes-missing::missing\n"
        "::warning file=m.md,line=7,title=OPS204 pre-read-incomplete::no column\n"
        "::notice file=m.md,line=8,col=11,title=OPS206 timebox-exceeded::long\n"
        "ops/a,b:c%d.md:5:1: error: 100% done\\x0d\\x0anext: line, too [OPS301 action-owner-missing]\n"
        "ops/w/minutes.md:0:0: error: missing [OPS102 minutes-missing]\n"
        "m.md:7:0: warning: no column [OPS204 pre-read-incomplete]\n"
        "m.md:8:11: info: long [OPS206 timebox-exceeded]\n"
        "opslint: 2 errors, 1 warning, 1 info in 3 files\n");  // the text report, never coloured
}

TEST_CASE("github: at most 10 annotations per level, then one notice counting the rest") {
  SUBCASE("10 of each level fit exactly") {
    auto fs = repeated(10, Severity::Error, "OPS301");
    for (auto& f : repeated(10, Severity::Info, "OPS206")) fs.push_back(f);
    const std::string out = format_github(fs, RunInfo{"worktree", 1, false});
    CHECK(lines_starting(out, "::error ") == 10);
    CHECK(lines_starting(out, "::notice ") == 10);
    CHECK(lines_starting(out, "::notice::") == 0);
  }
  SUBCASE("errors overflow; the closing notice takes the tenth notice's place") {
    auto fs = repeated(13, Severity::Error, "OPS301");
    for (auto& f : repeated(10, Severity::Info, "OPS206")) fs.push_back(f);
    const std::string out = format_github(fs, RunInfo{"worktree", 1, false});
    CHECK(lines_starting(out, "::error ") == 10);
    CHECK(lines_starting(out, "::notice ") == 9);
    CHECK(out.find("::notice::4 more findings not annotated (GitHub shows at most 10 per level); see the report below\n") !=
          std::string::npos);
    CHECK(out.find("line=10,") != std::string::npos);  // the first ten, in report order
    CHECK(out.find("::error file=a.md,line=11,") == std::string::npos);
    CHECK(lines_starting(out, "a.md:") == 23);  // the full report follows
  }
  SUBCASE("one warning too many") {
    const std::string out = format_github(repeated(11, Severity::Warning, "OPS204"), RunInfo{"worktree", 1, false});
    CHECK(lines_starting(out, "::warning ") == 10);
    CHECK(out.find("::notice::1 more finding not annotated") != std::string::npos);
  }
}

TEST_CASE("junit: testcases for passing files, failures per finding, XML escaping") {
  RunInfo run{"worktree", 2, false};
  run.paths = {"a.md", "b & <c>.md"};
  const std::vector<Finding> fs = {
      finding("OPS301", Severity::Error, "b & <c>.md", 5, 1, "say \"hi\" & 'bye'\n<now>\x01\x1f\t"),
      finding("OPS500", Severity::Info, ".", 0, 0, "not checked"),
      finding("OPS102", Severity::Error, "x/minutes.md", 0, 0, "bad \xff byte"),
  };
  CHECK(format_junit(fs, run) ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites name=\"opslint\" tests=\"4\" failures=\"3\" errors=\"0\">\n"
        "  <testsuite name=\"opslint\" tests=\"4\" failures=\"3\" errors=\"0\" skipped=\"0\">\n"
        "    <testcase classname=\"opslint\" name=\".\">\n"
        "      <failure message=\"not checked\" type=\"OPS500\">.:0:0: info: not checked [OPS500 history-incomplete]</failure>\n"
        "    </testcase>\n"
        "    <testcase classname=\"opslint\" name=\"a.md\"/>\n"
        "    <testcase classname=\"opslint\" name=\"b &amp; &lt;c&gt;.md\">\n"
        "      <failure message=\"say &quot;hi&quot; &amp; 'bye'&#10;&lt;now&gt;\xEF\xBF\xBD\xEF\xBF\xBD&#9;\" type=\"OPS301\">"
        "b &amp; &lt;c&gt;.md:5:1: error: say \"hi\" &amp; 'bye'\n&lt;now&gt;\xEF\xBF\xBD\xEF\xBF\xBD\t "
        "[OPS301 action-owner-missing]</failure>\n"
        "    </testcase>\n"
        "    <testcase classname=\"opslint\" name=\"x/minutes.md\">\n"
        "      <failure message=\"bad \xEF\xBF\xBD byte\" type=\"OPS102\">x/minutes.md:0:0: error: bad \xEF\xBF\xBD byte "
        "[OPS102 minutes-missing]</failure>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n");
}

TEST_CASE("junit: no findings is a suite of passing testcases") {
  RunInfo run{"worktree", 1, false};
  run.paths = {"a.md"};
  CHECK(format_junit({}, run) ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites name=\"opslint\" tests=\"1\" failures=\"0\" errors=\"0\">\n"
        "  <testsuite name=\"opslint\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n"
        "    <testcase classname=\"opslint\" name=\"a.md\"/>\n"
        "  </testsuite>\n"
        "</testsuites>\n");
}

TEST_CASE("sarif: one run, rules that fired, results with locations and fingerprints") {
  std::vector<Finding> fs = {
      finding("OPS301", Severity::Error, "ops/w 1/ä.md", 5, 1, "no owner"),
      finding("OPS102", Severity::Error, "ops/w/minutes.md", 0, 0, "missing"),
      finding("OPS206", Severity::Info, "m.md", 8, 0, "long"),
      finding("OPS301", Severity::Warning, "b.md", 2, 3, "severity changed by config"),
  };
  fs[0].period = "2026-48";
  const auto doc = nlohmann::json::parse(format_sarif(fs, RunInfo{"0123456789abcdef0123456789abcdef01234567", 2, false}));
  CHECK(doc["version"] == "2.1.0");
  REQUIRE(doc["runs"].size() == 1);
  const auto& run = doc["runs"][0];
  CHECK_FALSE(run.contains("automationDetails"));  // only with --sarif-category
  const auto& rules = run["tool"]["driver"]["rules"];
  REQUIRE(rules.size() == 3);
  CHECK(rules[0]["id"] == "OPS102");
  CHECK(rules[1]["id"] == "OPS206");
  CHECK(rules[2]["id"] == "OPS301");
  CHECK(rules[2]["name"] == "action-owner-missing");
  CHECK(rules[2]["shortDescription"]["text"] == "An action has no owner.");
  CHECK(rules[2]["defaultConfiguration"]["level"] == "error");
  CHECK(rules[1]["defaultConfiguration"]["level"] == "note");
  CHECK(rules[2]["help"]["markdown"].get<std::string>().find("opslint explain OPS301") != std::string::npos);

  const auto& results = run["results"];
  REQUIRE(results.size() == 4);
  CHECK(results[0]["ruleIndex"] == 2);
  CHECK(results[0]["level"] == "error");
  CHECK(results[0]["properties"]["period"] == "2026-48");
  const auto& loc = results[0]["locations"][0]["physicalLocation"];
  CHECK(loc["artifactLocation"]["uri"] == "ops/w%201/%C3%A4.md");
  CHECK(loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
  CHECK(loc["region"] == nlohmann::json{{"startLine", 5}, {"startColumn", 1}});
  CHECK(results[0]["partialFingerprints"]["opslintFingerprint/v1"] == fingerprint(fs[0]));
  CHECK_FALSE(results[1]["locations"][0]["physicalLocation"].contains("region"));  // line 0
  CHECK(results[2]["level"] == "note");
  CHECK(results[2]["locations"][0]["physicalLocation"]["region"] == nlohmann::json{{"startLine", 8}});
  CHECK(results[3]["level"] == "warning");  // the severity in effect, not the rule's default
  CHECK(results[3]["ruleIndex"] == 2);
}

TEST_CASE("sarif: no findings is a valid empty run") {
  const auto doc = nlohmann::json::parse(format_sarif({}, RunInfo{"index", 0, false}));
  CHECK(doc["runs"][0]["results"].empty());
  CHECK(doc["runs"][0]["tool"]["driver"]["rules"].empty());
  CHECK_FALSE(doc["runs"][0].contains("automationDetails"));
}

TEST_CASE("sarif: hidden findings are suppressed results; a category is automationDetails") {
  RunInfo run{"worktree", 2, false};
  run.category = "ops";
  run.hidden = {{finding("OPS206", Severity::Info, "a.md", 8, 0, "long"), HiddenFinding::By::Source, "ran long"},
                {finding("OPS102", Severity::Error, "b.md", 0, 0, "missing"), HiddenFinding::By::Source, ""},
                {finding("OPS301", Severity::Error, "c.md", 5, 1, "no owner"), HiddenFinding::By::Baseline,
                 "in the baseline b.json"}};
  const std::vector<Finding> shown = {finding("OPS301", Severity::Error, "b.md", 2, 1, "no owner")};
  const auto doc = nlohmann::json::parse(format_sarif(shown, run));
  const auto& r = doc["runs"][0];
  CHECK(r["automationDetails"] == nlohmann::json{{"id", "ops/"}});
  REQUIRE(r["results"].size() == 4);  // in finding order: a.md, b.md:0, b.md:2, c.md
  CHECK(r["results"][0]["suppressions"] == nlohmann::json::parse(R"([{"kind": "inSource", "justification": "ran long"}])"));
  CHECK(r["results"][1]["suppressions"] == nlohmann::json::parse(R"([{"kind": "inSource"}])"));
  CHECK_FALSE(r["results"][2].contains("suppressions"));
  CHECK(r["results"][3]["suppressions"] ==
        nlohmann::json::parse(R"([{"kind": "external", "justification": "in the baseline b.json"}])"));
  CHECK(r["tool"]["driver"]["rules"].size() == 3);
}

}  // namespace opslint
