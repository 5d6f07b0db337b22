// The facts history rules compare: the backlog line scanner against cmark, and its incremental form.
#include <doctest/doctest.h>

#include <algorithm>
#include <deque>
#include <map>
#include <random>
#include <regex>

#include "markdown/document.h"
#include "markdown/history_facts.h"
#include "markdown/ops_parse.h"

using namespace opslint;

namespace {

const char* kTricky = R"(# Improvement backlog

Intro text with a bullet:
- Status: not an entry field

## IB-1 First entry ##
- **Status:** Done
- Owner: @dana
- Verification: dashboards show
  the new alert firing
- Evidence: https://example.com/1

### Notes on IB-1
- Verification: a nested heading does not end the entry

## IB-2: Second entry
* Status: open
+ Verification: `curl` returns 200

```
## IB-9 inside a fenced code block is not an entry
- Status: open
```

   ## IB-3 Indented heading
- Status: wont-do
- Verification: none needed

<!--
## IB-8 commented out
- Status: open
-->

## IB-2 Duplicate: the first one counts
- Status: done

## Notes
- Status: belongs to no entry

## IB-4
- Status: in-progress
  - Verification: nested, so not a field of IB-4
- Verification:   spaced    out  
)";

std::map<std::string, EntryFact> by_id(const std::vector<EntryFact>& v) {
  std::map<std::string, EntryFact> out;
  for (const auto& e : v) out.emplace(e.id, e);
  return out;
}

// The changes between two states, as the history needs them.
std::map<std::string, std::pair<std::optional<EntryFact>, std::optional<EntryFact>>> diff(
    const std::vector<EntryFact>& a, const std::vector<EntryFact>& b) {
  std::map<std::string, std::pair<std::optional<EntryFact>, std::optional<EntryFact>>> out;
  const auto x = by_id(a), y = by_id(b);
  for (const auto& [id, e] : x)
    if (!y.count(id) || !(y.at(id) == e)) out[id] = {e, y.count(id) ? std::optional(y.at(id)) : std::nullopt};
  for (const auto& [id, e] : y)
    if (!x.count(id)) out[id] = {std::nullopt, e};
  return out;
}

}  // namespace

TEST_CASE("backlog scanner: finds the entries cmark finds") {
  const auto facts = scan_entries(kTricky, "IB-");
  const Document doc = parse_document("b.md", kTricky);
  std::vector<std::string> cmark_ids;
  for (const Entry& e : parse_entries(doc, "IB-"))
    if (std::find(cmark_ids.begin(), cmark_ids.end(), e.id) == cmark_ids.end()) cmark_ids.push_back(e.id);
  std::vector<std::string> ids;
  for (const auto& f : facts) ids.push_back(f.id);
  CHECK(ids == cmark_ids);
  CHECK(ids == std::vector<std::string>{"IB-1", "IB-2", "IB-3", "IB-4"});
}

TEST_CASE("backlog scanner: status and verification as the rules compare them") {
  const auto m = by_id(scan_entries(kTricky, "IB-"));
  CHECK(m.at("IB-1").status == "done");
  CHECK(m.at("IB-1").closed());
  CHECK(m.at("IB-1").verification == "dashboards show the new alert firing");
  CHECK(m.at("IB-2").status == "open");  // the first IB-2 counts
  CHECK(m.at("IB-2").verification == "`curl` returns 200");
  CHECK(m.at("IB-3").status == "wont-do");
  CHECK(m.at("IB-4").status == "in-progress");
  CHECK(m.at("IB-4").verification == "spaced out");
  // The same entry in CRLF form has the same facts.
  std::string crlf;
  for (char c : std::string(kTricky)) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  CHECK(scan_entries(crlf, "IB-") == scan_entries(kTricky, "IB-"));
}

TEST_CASE("backlog versions: incremental changes equal the difference of full scans") {
  std::mt19937 rng(7);
  std::vector<std::string> entries;
  for (int i = 1; i <= 40; ++i)
    entries.push_back("## IB-" + std::to_string(i) + " Entry " + std::to_string(i) +
                      "\n- Status: open\n- Owner: @dana\n- Verification: check " + std::to_string(i) + "\n\n");
  auto render = [&] {
    std::string t = "# Backlog\n\n";
    for (const auto& e : entries) t += e;
    return t;
  };
  EntryVersions versions("IB-");
  std::deque<std::string> keep;  // stable addresses
  std::vector<EntryFact> prev;
  for (int round = 0; round < 2000; ++round) {
    const size_t i = rng() % entries.size();
    switch (rng() % 9) {
      case 6:
        entries.insert(entries.begin() + static_cast<long>(i), "```\n## IB-" + std::to_string(i) + " fenced\n```\n\n");
        break;
      case 7:
        entries.insert(entries.begin() + static_cast<long>(i), entries[(i + 3) % entries.size()]);
        break;  // a duplicate ID
      case 8:
        entries.insert(entries.begin() + static_cast<long>(i), "<!--\n## IB-" + std::to_string(i) + " hidden\n");
        entries.push_back("-->\n");
        break;
      case 0:
        entries.erase(entries.begin() + static_cast<long>(i));
        break;
      case 1:
        entries.insert(entries.begin() + static_cast<long>(i),
                       "## IB-" + std::to_string(100 + round) + " New\n- Status: open\n\n");
        break;
      case 2:
        entries[i] = std::regex_replace(entries[i], std::regex("Status: open"), "Status: done");
        break;
      case 3:
        entries[i] = std::regex_replace(entries[i], std::regex("check"), "verify");
        break;
      case 4:
        std::swap(entries[i], entries[(i + 1) % entries.size()]);
        break;
      default:
        entries[i] += "Some note.\n\n";
        break;
    }
    if (entries.empty()) entries.push_back("## IB-1 Back\n- Status: open\n\n");
    keep.push_back(render());
    // Only the previous text must stay valid: scribble over the one before it, so that a view
    // kept into it would read garbage.
    if (keep.size() >= 3) keep[keep.size() - 3].assign(keep[keep.size() - 3].size(), '#');
    const auto changes = versions.next(keep.back());
    const auto now = scan_entries(keep.back(), "IB-");
    const auto expected = diff(prev, now);
    std::map<std::string, std::pair<std::optional<EntryFact>, std::optional<EntryFact>>> got;
    for (const auto& c : changes) got[c.id] = {c.before, c.after};
    REQUIRE(got == expected);
    prev = now;
  }
}

TEST_CASE("period facts: minutes' record ignores the Actions sections and line endings") {
  const std::string a =
      "---\nreview: weekly\n---\n# W\n\n## Notes\nText.\n\n## 5. Actions & owners\n- [ ] A1 Do it — owner: @a; verify: "
      "x\n";
  std::string b = a;
  b.replace(b.find("- [ ]"), 5, "- [x]");
  const auto fa = period_file_facts("w/2026-48/minutes.md", a, "2026-48", false, "IB-");
  const auto fb = period_file_facts("w/2026-48/minutes.md", b, "2026-48", false, "IB-");
  CHECK(fa.record_hash == fb.record_hash);
  REQUIRE(fa.actions.size() == 1);
  CHECK_FALSE(fa.actions[0].closed);
  CHECK(fb.actions[0].closed);
  std::string c = a;
  c.replace(c.find("Text."), 5, "Text, edited.");
  CHECK(period_file_facts("w/2026-48/minutes.md", c, "2026-48", false, "IB-").record_hash != fa.record_hash);
  std::string crlf;
  for (char ch : a) {
    if (ch == '\n') crlf += '\r';
    crlf += ch;
  }
  CHECK(period_file_facts("w/2026-48/minutes.md", crlf, "2026-48", false, "IB-").record_hash == fa.record_hash);
  CHECK_FALSE(period_file_facts("w/2026-48/actions.md", std::string("a\0b", 3), "2026-48", true, "IB-").readable);
}

TEST_CASE("backlog versions in the forms only the full parser reads: grouped ### entries, [ID] headings, tables (#16)") {
  EntryVersions v("IB-");
  auto c1 = v.next("# Backlog\n\n## IB-1 Alert\n- Status: open\n- Verification: a\n\n## IB-2 Other\nStatus: open\n");
  REQUIRE(c1.size() == 2);
  CHECK(c1[1].after->status == "open");  // a "Field: value" line without a bullet
  // Regrouped under ## Open / ## Done: IB-1 closed with a new verification step.
  auto c2 = v.next("# Backlog\n\n## Open\n\n### IB-2 Other\n- Status: open\n\n## Done\n\n### IB-1 Alert\n- State: done\n"
                   "- Verification: b\n");
  REQUIRE(c2.size() == 1);
  CHECK(c2[0].id == "IB-1");
  CHECK(c2[0].before->status == "open");
  CHECK(c2[0].after->status == "done");
  CHECK(c2[0].after->verification == "b");
  // A table: IB-1 gone, IB-2 still there.
  auto c3 = v.next("# Backlog\n\n| ID | Title | Status |\n|---|---|---|\n| IB-2 | Other | open |\n");
  REQUIRE(c3.size() == 1);
  CHECK(c3[0].id == "IB-1");
  CHECK(!c3[0].after);
  const auto facts = scan_entries("## [IB-7] Bracketed\n- Status: wont-do\n", "IB-");
  REQUIRE(facts.size() == 1);
  CHECK(facts[0].id == "IB-7");
  CHECK(facts[0].status == "wont-do");
}
