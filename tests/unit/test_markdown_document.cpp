// Markdown → Document: front matter, sections, items, tables, links, suppressions, hostile input.
#include <doctest/doctest.h>

#include "markdown/document.h"

using namespace opslint;

TEST_CASE("headings normalise forgivingly") {
  CHECK(normalize_heading("1. SLO & reliability signals (10 min)") == "slo and reliability signals");
  CHECK(normalize_heading("5)   Actions  &  Owners") == "actions and owners");
  CHECK(normalize_heading("SLO and Reliability Signals") == "slo and reliability signals");
  CHECK(normalize_heading("SLA/SLO trends and exceptions") == "sla/slo trends and exceptions");
  CHECK(normalize_heading("Evidence:") == "evidence");
}

TEST_CASE("front matter keeps file line numbers") {
  const auto d = parse_document("m.md",
                                "---\nreview: weekly\ndate: 2026-11-24\nparticipants: [\"@a\", \"@b\"]\n---\n# T\n\n## "
                                "Cost deltas\ntext\n");
  REQUIRE(d.front_matter.present);
  CHECK_FALSE(d.front_matter.error);
  CHECK(d.front_matter.fields.at("date").scalar == "2026-11-24");
  CHECK(d.front_matter.fields.at("date").pos.line == 3);
  CHECK(d.front_matter.fields.at("participants").sequence.size() == 2);
  REQUIRE(d.sections.size() == 2);
  CHECK(d.sections[1].normalized == "cost deltas");
  CHECK(d.sections[1].pos.line == 8);
  CHECK(d.sections[1].has_text);
}

TEST_CASE("front matter syntax errors carry their line") {
  const auto d = parse_document("m.md", "---\nreview: weekly\ndate: [2026\n---\n");
  REQUIRE(d.front_matter.error);
  CHECK(d.front_matter.error_pos.line >= 3);
  const auto open = parse_document("m.md", "---\nreview: weekly\n");
  CHECK(open.front_matter.error);
}

TEST_CASE("CRLF and a BOM parse like LF") {
  const auto lf = parse_document("a.md", "---\ndate: 2026-11-24\n---\n## Actions\n- [ ] A1 x — owner: @a\n");
  const auto crlf =
      parse_document("a.md", "\xEF\xBB\xBF---\r\ndate: 2026-11-24\r\n---\r\n## Actions\r\n- [ ] A1 x — owner: @a\r\n");
  CHECK(crlf.front_matter.fields.at("date").scalar == "2026-11-24");
  REQUIRE(crlf.sections.size() == lf.sections.size());
  CHECK(crlf.sections[1].items.at(0).text == lf.sections[1].items.at(0).text);
  CHECK(crlf.sections[1].items.at(0).pos.line == 5);
}

TEST_CASE("tables: escaped pipes, links and markup inside cells") {
  const auto d = parse_document(
      "a.md", "| ID | Action |\n|---|---|\n| A1 | Fix **the** `a\\|b` [link](https://x.example/#ib-4) |\n");
  REQUIRE(d.sections[0].tables.size() == 1);
  const auto& t = d.sections[0].tables[0];
  CHECK(t.header == std::vector<std::string>{"ID", "Action"});
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0].cells[1] == "Fix the a|b link");
  CHECK(t.rows[0].links[1].at(0).url == "https://x.example/#ib-4");
  CHECK(t.rows[0].pos.line == 3);
}

TEST_CASE("task items, wrapped text and nesting depth") {
  const auto d = parse_document("a.md", "- [x] done item\n  wrapped here\n- [ ] open\n  - plain nested\n");
  const auto& items = d.sections[0].items;
  REQUIRE(items.size() == 3);
  CHECK(items[0].task);
  CHECK(items[0].checked);
  CHECK(items[0].text == "done item wrapped here");
  CHECK_FALSE(items[1].checked);
  CHECK(items[2].depth == 1);
  CHECK_FALSE(items[2].task);
}

TEST_CASE("suppression comments") {
  const auto d = parse_document("a.md",
                                "<!-- opslint-disable-file OPS205 -->\n"
                                "<!-- opslint-disable-next-line OPS301 -- vendor owns this -->\n"
                                "line\n"
                                "<!-- opslint-disable OPS307 OPS205 -->\nx\n<!-- opslint-enable -->\n");
  REQUIRE(d.suppressions.size() == 3);
  CHECK(d.suppressions[0].kind == SuppressionKind::File);
  CHECK(d.suppressions[1].kind == SuppressionKind::NextLine);
  CHECK(d.suppressions[1].first_line == 3);
  CHECK(d.suppressions[1].reason == "vendor owns this");
  CHECK(d.suppressions[2].rules == std::vector<std::string>{"OPS307", "OPS205"});
  CHECK(d.suppressions[2].first_line == 4);
  CHECK(d.suppressions[2].last_line == 6);
}

TEST_CASE("pathological nesting parses without recursion blowing the stack") {
  std::string deep_quote(100000, '>');
  deep_quote += " x\n";
  std::string deep_list;
  for (int i = 0; i < 5000; ++i) deep_list += std::string(static_cast<size_t>(i) * 2, ' ') + "- x\n";
  std::string brackets(200000, '[');
  for (const auto* text : {&deep_quote, &deep_list, &brackets}) {
    const auto d = parse_document("p.md", *text);
    CHECK(d.sections.size() == 1);
  }
}
