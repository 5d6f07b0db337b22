// Actions in both forms, backlog entries, link resolution.
#include <doctest/doctest.h>

#include "markdown/document.h"
#include "markdown/ops_parse.h"

using namespace opslint;

TEST_CASE("task-list actions: ';' and ',' separated fields after a dash") {
  const auto d = parse_document("w/actions.md",
                                "- [ ] A2 Rotate the payments DB secret — owner: @li; due: 2026-11-28; verify: vault "
                                "audit log shows rotation; backlog: IB-43\n"
                                "- [x] A3 Re-enable canary analysis — owner: @sam, due: 2026-11-20, verify: canary "
                                "blocks a bad deploy, backlog: IB-44, evidence: https://ci.example.com/runs/9913\n"
                                "- [x] Untitled fix owner: @a, verification: one, two and three; status: open\n");
  const auto acts = parse_actions(d, "2026-48", true, "IB-");
  REQUIRE(acts.size() == 3);
  CHECK(acts[0].id == "A2");
  CHECK(acts[0].id_explicit);
  CHECK(acts[0].text == "Rotate the payments DB secret");
  CHECK(acts[0].owner == "@li");
  CHECK(acts[0].due == "2026-11-28");
  CHECK(acts[0].verification == "vault audit log shows rotation");
  CHECK(acts[0].backlog_ids == std::vector<std::string>{"IB-43"});
  CHECK(acts[0].resolved_status == ActionStatus::Open);
  CHECK(acts[0].ref() == "2026-48/A2");
  CHECK(acts[1].resolved_status == ActionStatus::Done);
  CHECK(acts[1].evidence == "https://ci.example.com/runs/9913");
  CHECK(acts[1].verification == "canary blocks a bad deploy");
  // No ID: numbered by position; a comma not followed by a key stays in the value; status wins over [x].
  CHECK(acts[2].id == "A3");
  CHECK_FALSE(acts[2].id_explicit);
  CHECK(acts[2].text == "Untitled fix");
  CHECK(acts[2].verification == "one, two and three");
  CHECK(acts[2].resolved_status == ActionStatus::Open);
}

TEST_CASE("table actions: aliases, links in the backlog cell, empty rows skipped") {
  const auto d = parse_document(
      "w/actions.md",
      "| ID | Action | Owner | Due date | Verification step | Backlog | Status | Notes |\n"
      "|----|--------|-------|-----|----|----|----|----|\n"
      "| A1 | Raise alert | @sam | 2026-12-01 | Chaos test | [entry](../../docs/b.md#ib-42) | In Progress | x |\n"
      "| | | | | | | | |\n"
      "| | Second | | | | | | |\n");
  const auto acts = parse_actions(d, "2026-48", true, "IB-");
  REQUIRE(acts.size() == 2);
  CHECK(acts[0].due == "2026-12-01");
  CHECK(acts[0].verification == "Chaos test");
  CHECK(acts[0].backlog_ids == std::vector<std::string>{"IB-42"});
  CHECK(acts[0].resolved_status == ActionStatus::InProgress);
  CHECK(acts[0].pos.line == 3);
  CHECK(acts[1].id == "A2");
  CHECK(acts[1].owner.empty());
}

TEST_CASE("minutes declare actions only in Actions sections") {
  const auto d = parse_document("w/minutes.md",
                                "## Carried over\n- [ ] A9 old thing — owner: @a\n"
                                "## 5. Actions & owners (10 min)\n- [ ] A1 new thing — owner: @b\n");
  const auto acts = parse_actions(d, "2026-48", false, "IB-");
  REQUIRE(acts.size() == 1);
  CHECK(acts[0].id == "A1");
}

TEST_CASE("backlog entries and their fields") {
  const auto d = parse_document("b.md",
                                "# Backlog\n\n## IB-42 Raise checkout p95 alert threshold\n- Status: open\n- **Owner:** "
                                "@sam\n- Source: 2026-48/A1\n\n## Not an entry\n- Status: x\n\n## IB-7: Short\n");
  const auto es = parse_entries(d, "IB-");
  REQUIRE(es.size() == 2);
  CHECK(es[0].id == "IB-42");
  CHECK(es[0].title == "Raise checkout p95 alert threshold");
  CHECK(*es[0].field("owner") == "@sam");
  CHECK(es[0].field_pos("source").line == 6);
  CHECK(es[1].id == "IB-7");
  CHECK(es[1].title == "Short");
}

TEST_CASE("relative links resolve inside the repository") {
  CHECK(resolve_link("ops/w/2026-48/minutes.md", "actions.md") == "ops/w/2026-48/actions.md");
  CHECK(resolve_link("ops/w/2026-48/minutes.md", "../../../docs/x%20y.md#frag") == "docs/x y.md");
  CHECK(resolve_link("ops/w/2026-48/minutes.md", "/docs/a.md") == "docs/a.md");
  CHECK_FALSE(resolve_link("a.md", "../../etc/passwd"));
  CHECK_FALSE(resolve_link("a.md", "https://example.com/a.md"));
  CHECK_FALSE(resolve_link("a.md", "mailto:x@example.com"));
  CHECK_FALSE(resolve_link("a.md", "#section"));
}

TEST_CASE("only A<n> is read as a task-list ID; other leading tokens stay in the text") {
  const auto d = parse_document("w/actions.md",
                                "- [ ] S3 bucket policy review — owner: @a\n"
                                "- [ ] P95 alert tuning — owner: @b\n"
                                "- [ ] A12 Real ID — owner: @c\n");
  const auto acts = parse_actions(d, "2026-48", true, "IB-");
  REQUIRE(acts.size() == 3);
  CHECK(acts[0].text == "S3 bucket policy review");
  CHECK_FALSE(acts[0].id_explicit);
  CHECK(acts[1].text == "P95 alert tuning");
  CHECK(acts[2].id == "A12");
  CHECK(acts[2].id_explicit);
}
