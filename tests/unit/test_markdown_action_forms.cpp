// Every action form README's "Action forms" and `explain OPS312` show parses to the one documented
// action (#16): A1 "Rotate the DB secret", @li, 2026-12-01, "audit log shows the rotation", IB-43.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "markdown/document.h"
#include "markdown/ops_parse.h"
#include "rules/registry.h"
#include "util/text.h"

using namespace opslint;

namespace {

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Parses `text` as `path` (actions.md: the whole file; minutes: its actions sections) and checks
// that it holds exactly the documented action, and no form issue.
void check_documented(const std::string& path, const std::string& text) {
  CAPTURE(path);
  CAPTURE(text);
  const Document d = parse_document(path, text);
  std::vector<FormIssue> issues;
  const auto acts = parse_actions(d, "2026-48", path.ends_with("actions.md"), "IB-", &issues);
  CHECK(issues.empty());
  REQUIRE(acts.size() == 1);
  const Action& a = acts[0];
  CHECK(a.id == "A1");
  CHECK(a.id_explicit);
  CHECK(a.text == "Rotate the DB secret");
  CHECK(a.owner == "@li");
  CHECK(a.due == "2026-12-01");
  CHECK(a.verification == "audit log shows the rotation");
  CHECK(a.backlog_ids == std::vector<std::string>{"IB-43"});
  CHECK(a.resolved_status == ActionStatus::Open);
}

}  // namespace

TEST_CASE("action forms: every README example parses to the documented action") {
  const std::string readme = read_text(std::filesystem::path(OPSLINT_SOURCE_DIR) / "README.md");
  const size_t from = readme.find("\n### Action forms\n");
  REQUIRE(from != std::string::npos);
  const size_t to = readme.find("\n### Decisions where the contract is silent\n", from + 1);
  const std::string part = readme.substr(from, to - from);
  int examples = 0;
  for (size_t at = part.find("```markdown\n"); at != std::string::npos; at = part.find("```markdown\n", at)) {
    at += 12;
    const size_t end = part.find("```\n", at);
    REQUIRE(end != std::string::npos);
    check_documented("w/actions.md", "# Actions 2026-48\n\n" + part.substr(at, end - at));
    ++examples;
    at = end;
  }
  CHECK(examples == 6);
}

TEST_CASE("action forms: every form `explain OPS312` shows as a fix parses to the documented action") {
  const RuleInfo* r = find_rule("OPS312");
  REQUIRE(r);
  int blocks = 0;
  std::string path, body;
  auto flush = [&] {
    if (path.empty()) return;
    check_documented(path, body);
    ++blocks;
  };
  for (std::string_view line : text::split(r->fix, '\n')) {
    if (line.starts_with("==> ") && line.ends_with(" <==")) {
      flush();
      path = std::string(line.substr(4, line.size() - 8));
      body.clear();
    } else {
      body += std::string(line) + "\n";
    }
  }
  flush();
  CHECK(blocks == 6);
}

TEST_CASE("action forms: unreadable content is an issue, a statement of none is not") {
  auto issues_of = [](const std::string& path, const std::string& text) {
    const Document d = parse_document(path, text);
    std::vector<FormIssue> issues;
    const auto acts = parse_actions(d, "2026-48", path.ends_with("actions.md"), "IB-", &issues);
    CHECK(acts.empty());
    return issues;
  };
  CHECK(issues_of("w/minutes.md", "## Actions\nSam will look into it.\n").size() == 1);
  CHECK(issues_of("w/minutes.md", "## Follow-ups\nNone.\n").empty());
  CHECK(issues_of("w/minutes.md", "## Actions\nNo new actions this week.\n").empty());
  CHECK(issues_of("w/minutes.md", "## 5. Actions & owners (10 min)\nSee [actions](actions.md).\n").empty());
  CHECK(issues_of("w/actions.md", "# Actions\n\n| ID | Action | Owner |\n|---|---|---|\n").empty());
  const auto table = issues_of("w/actions.md", "# Actions\n\n| Thing | Person |\n|---|---|\n| x | @a |\n");
  REQUIRE(table.size() == 1);
  CHECK(table[0].message.find("'Thing', 'Person'") != std::string::npos);
  CHECK(table[0].rule == "OPS312");
}
