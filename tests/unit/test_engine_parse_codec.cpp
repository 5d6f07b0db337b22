// The parse cache's codec: exact round trips of real parses, and damaged bytes never trusted.
#include <doctest/doctest.h>

#include <climits>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/config.h"
#include "engine/parse_codec.h"
#include "engine/snapshot_builder.h"

using namespace opslint;

namespace {

std::string encode(const ParsedFile& p) {
  Writer w;
  encode_parsed(w, p);
  return std::move(w.bytes());
}

ParsedFile parse(const std::string& path, Role role, const std::string& text, const std::string& period = "2026-48") {
  Blob blob;
  blob.size = text.size();
  blob.bytes = text;
  return parse_file(path, role, period, blob, default_config());
}

std::string encode_head_of(const ParsedFile& p) {
  Writer w;
  encode_head(w, p);
  return std::move(w.bytes());
}

// Decoding the encoding gives back exactly `p`, and its head the fields a deferred file keeps;
// returns the encoding.
std::string round_trip(const ParsedFile& p) {
  const std::string bytes = encode(p);
  const auto back = decode_parsed(bytes);
  REQUIRE(back);
  CHECK(*back == p);
  if (p.doc) {
    ParsedFile head;
    bool actions_section = false;
    REQUIRE(decode_head(encode_head_of(p), p.doc->path, head, actions_section));
    REQUIRE(head.doc);
    CHECK(head.doc->path == p.doc->path);
    CHECK(head.doc->front_matter == p.doc->front_matter);
    CHECK(head.doc->suppressions == p.doc->suppressions);
    CHECK(head.link_targets == p.link_targets);
    CHECK(head.issues == p.issues);  // the forms check reads them of deferred files too
    CHECK(actions_section == has_actions_section(*p.doc));
    CHECK(head.doc->sections.empty());
    CHECK(head.actions.empty());
  }
  return bytes;
}

// The first byte where two encodings differ: where the field that tells them apart is stored.
size_t first_difference(const std::string& a, const std::string& b) {
  size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  REQUIRE(i < a.size());
  return i;
}

const char* const kMinutes =
    "\xEF\xBB\xBF---\r\n"
    "review: weekly\r\n"
    "date: 2026-11-24\r\n"
    "participants: [\"@a\", \"@b\"]\r\n"
    "extra:\r\n"
    "  nested: {k: v}\r\n"
    "---\r\n"
    "# Weekly review 2026-48\r\n"
    "<!-- opslint-disable-file OPS205 -->\r\n"
    "\r\n"
    "## 1. SLO & reliability signals\r\n"
    "<!-- opslint-disable-next-line OPS301 -- vendor owns this -->\r\n"
    "Checkout p95 [dashboard](https://grafana.example/d/1) and [notes](../2026-47/minutes.md).\r\n"
    "<!-- opslint-disable OPS307 OPS205 -->\r\n"
    "| Signal | Value | Link |\r\n"
    "|---|---|---|\r\n"
    "| p95 `a\\|b` | 310 ms | [run](https://ci.example/9) and [b](../../docs/b.md#ib-4) |\r\n"
    "| errors | 0.1% | |\r\n"
    "<!-- opslint-enable -->\r\n"
    "x <!-- opslint-disable-line OPS101 -->\r\n"
    "\r\n"
    "## Actions\r\n"
    "- [ ] A1 Raise alert — owner: @a; due: 2026-12-01; verify: chaos test; backlog: IB-42\r\n"
    "- [x] A2 Rotate secret — owner: @b, status: done, evidence: https://ci.example/1\r\n"
    "  - nested note with [link](https://x.example)\r\n"
    "    - deeper\r\n"
    "- plain item\r\n";

}  // namespace

TEST_CASE("parse codec: a rich minutes file round-trips exactly") {
  const ParsedFile p = parse("ops/operations/weekly/2026-48/minutes.md", Role::Period, kMinutes);
  // The parse exercises what the codec must carry.
  REQUIRE(p.doc);
  const Document& d = *p.doc;
  CHECK(d.front_matter.present);
  CHECK(d.front_matter.fields.at("date").type == FrontMatterValue::Type::Scalar);
  CHECK(d.front_matter.fields.at("participants").type == FrontMatterValue::Type::Sequence);
  CHECK(d.front_matter.fields.at("extra").type == FrontMatterValue::Type::Other);
  std::set<SuppressionKind> kinds;
  for (const Suppression& s : d.suppressions) kinds.insert(s.kind);
  CHECK(kinds.size() == 4);
  REQUIRE(d.sections.size() == 3);
  REQUIRE(d.sections[1].tables.size() == 1);
  CHECK(d.sections[1].tables[0].rows[0].cells[0] == "p95 a|b");
  CHECK(d.sections[1].tables[0].rows[0].links[2].size() == 2);
  bool nested = false, task = false, checked = false;
  for (const ListItem& i : d.sections[2].items) {
    nested |= i.depth == 2;
    task |= i.task;
    checked |= i.checked;
  }
  CHECK(nested);
  CHECK(task);
  CHECK(checked);
  CHECK(p.actions.size() == 3);  // "- plain item" is an action too (#16): an Actions section's list
  CHECK(p.link_targets.size() >= 2);
  round_trip(p);
}

TEST_CASE("parse codec: actions in both forms, backlog and risk entries round-trip") {
  const ParsedFile acts = parse("ops/operations/weekly/2026-48/actions.md", Role::Period,
                                "# Actions\n\n"
                                "| ID | Action | Owner | Due | Verification | Backlog | Status |\n"
                                "|---|---|---|---|---|---|---|\n"
                                "| A1 | Raise alert | @sam | 2026-12-01 | Chaos test | [e](../../docs/b.md#ib-42) | In "
                                "Progress |\n"
                                "| | Second | | | | | |\n\n"
                                "| ID | Action | Owner |\n|---|---|---|\n| A3 | No backlog column | @a |\n\n"
                                "- [ ] A4 Task form — owner: @li; due: 2026-11-28; backlog: IB-43\n"
                                "- [x] Untitled fix owner: @a, status: weird\n");
  REQUIRE(acts.actions.size() == 5);
  CHECK_FALSE(acts.actions[0].task_form);
  CHECK_FALSE(acts.actions[2].has_backlog_column);
  CHECK(acts.actions[3].task_form);
  CHECK(acts.actions[4].resolved_status == ActionStatus::Unknown);
  round_trip(acts);

  const char* entries =
      "# Register\n\n## IB-42 Raise checkout alert\n- Owner: @sam\n- Status: open\n- Source: "
      "[w](../../ops/operations/weekly/2026-48/minutes.md)\n\n## IB-7 Short\n- Owner: @a\n";
  const ParsedFile backlog = parse("docs/operations/IMPROVEMENT_BACKLOG.md", Role::Backlog, entries, "");
  REQUIRE(backlog.entries.size() == 2);
  CHECK(backlog.entries[0].fields.size() == 3);
  round_trip(backlog);
  const ParsedFile risks = parse("docs/operations/RISK_REGISTER.md", Role::Risks,
                                 "# Risks\n\n## R-1 Vendor outage\n- Owner: @b\n- Likelihood: high\n- Impact: low\n",
                                 "");
  REQUIRE(risks.entries.size() == 1);
  CHECK(risks.entries[0].fields.size() == 3);
  round_trip(risks);
}

TEST_CASE("parse codec: YAML errors, unreadable and empty files round-trip") {
  const ParsedFile yaml = parse("ops/operations/weekly/2026-48/minutes.md", Role::Period,
                                "---\nreview: weekly\ndate: [2026\n---\n# T\n");
  REQUIRE(yaml.doc);
  CHECK(yaml.doc->front_matter.error);
  round_trip(yaml);

  for (const std::string& text : {std::string("# T\n\0x\n", 6), std::string("# T\n\xC3(\n"), std::string()}) {
    const ParsedFile p = parse("ops/operations/weekly/2026-48/minutes.md", Role::Period, text);
    CHECK(p.doc.has_value() == text.empty());
    CHECK(p.unreadable.has_value() == !text.empty());
    round_trip(p);
  }
  Blob big;
  big.size = 5 * 1024 * 1024;
  big.truncated = true;
  const ParsedFile over = parse_file("docs/operations/RISK_REGISTER.md", Role::Risks, "", big, default_config());
  REQUIRE(over.unreadable);
  round_trip(over);
  round_trip(ParsedFile{});
}

TEST_CASE("parse codec: every Markdown fixture round-trips") {
  namespace fs = std::filesystem;
  size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(OPSLINT_SOURCE_DIR) / "fixtures")) {
    if (!e.is_regular_file() || e.path().extension() != ".md") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const std::string name = e.path().filename().string();
    const Role role = name == "IMPROVEMENT_BACKLOG.md" ? Role::Backlog
                      : name == "BACKLOG_ARCHIVE.md"   ? Role::Archive
                      : name == "RISK_REGISTER.md"     ? Role::Risks
                                                       : Role::Period;
    const std::string rel = fs::relative(e.path(), OPSLINT_SOURCE_DIR).generic_string();
    CAPTURE(rel);
    round_trip(parse(rel, role, text.str(), e.path().parent_path().filename().string()));
    ++files;
  }
  CHECK(files > 150);
}

TEST_CASE("parse codec: hand-built edge values round-trip (empty items, extreme ints, records of other files)") {
  ParsedFile p;
  Document& d = p.doc.emplace();
  d.front_matter.error = "";
  d.front_matter.error_pos = {INT_MAX, INT_MIN};
  d.front_matter.fields["a"];
  d.front_matter.fields[""].sequence = {"", "x"};
  Section s;
  s.level = -1;
  s.items.resize(2);
  s.items[1].depth = INT_MIN;
  s.items[1].task = true;
  s.tables.resize(1);
  s.tables[0].rows.resize(2);
  s.tables[0].rows[1].links.resize(3);
  d.sections = {Section{}, s};
  d.links.resize(1);
  d.suppressions.resize(1);
  d.suppressions[0].kind = SuppressionKind::File;
  d.suppressions[0].last_line = -7;
  p.unreadable = UnreadableFile{"u.md", "odd", {-1, 0}};
  p.actions.resize(3);
  p.actions[1].file = "other.md";
  p.actions[1].period = "2026-49";
  p.actions[1].resolved_status = ActionStatus::Unknown;
  p.actions[2].file = "other.md";
  p.entries.resize(2);
  p.entries[1].file = "e.md";
  p.entries[1].fields["x"] = {"", {0, -3}};
  p.link_targets = {"", "t"};
  round_trip(p);
  // The smallest items, last in the input: the counts' minimum sizes do not overestimate.
  ParsedFile last;
  last.link_targets.resize(5);
  round_trip(last);
  last.entries.resize(3);
  round_trip(last);
  last.actions.resize(3);
  round_trip(last);
}

TEST_CASE("parse codec: every truncation, and a trailing byte, decodes to nullopt") {
  const std::string bytes = encode(parse("ops/operations/weekly/2026-48/minutes.md", Role::Period, kMinutes));
  for (size_t n = 0; n < bytes.size(); ++n) {
    CAPTURE(n);
    CHECK_FALSE(decode_parsed(std::string_view(bytes).substr(0, n)));
  }
  CHECK_FALSE(decode_parsed(bytes + '\0'));
}

TEST_CASE("parse codec: every truncation of a head, and a trailing byte, is damage") {
  const ParsedFile p = parse("ops/operations/weekly/2026-48/minutes.md", Role::Period, kMinutes);
  REQUIRE(p.doc);
  CHECK_FALSE(p.doc->front_matter.fields.empty());
  CHECK_FALSE(p.doc->suppressions.empty());
  CHECK_FALSE(p.link_targets.empty());
  const std::string head = encode_head_of(p);
  bool actions_section = false;
  for (size_t n = 0; n < head.size(); ++n) {
    CAPTURE(n);
    ParsedFile out;
    CHECK_FALSE(decode_head(std::string_view(head).substr(0, n), p.doc->path, out, actions_section));
  }
  ParsedFile out;
  CHECK_FALSE(decode_head(head + '\0', p.doc->path, out, actions_section));
}

TEST_CASE("parse codec: flipped bytes decode to nullopt or to a file that round-trips, never crash") {
  const std::string bytes =
      encode(parse("ops/operations/weekly/2026-48/minutes.md", Role::Period,
                   "---\ndate: 2026-11-24\nlist: [a]\n---\n## Actions\n<!-- opslint-disable-next-line OPS1 -->\n"
                   "- [ ] A1 x — owner: @a; backlog: IB-1 [l](b.md)\n\n| a | b |\n|---|---|\n| [c](d.md) | e |\n"));
  size_t rejected = 0;
  for (size_t i = 0; i < bytes.size(); ++i)
    for (const int mask : {0x01, 0x80, 0xFF}) {
      std::string damaged = bytes;
      damaged[i] = static_cast<char>(damaged[i] ^ mask);
      const auto p = decode_parsed(damaged);
      if (!p) {
        ++rejected;
        continue;
      }
      CAPTURE(i);
      const auto again = decode_parsed(encode(*p));
      REQUIRE(again);
      CHECK(*again == *p);
    }
  CHECK(rejected > bytes.size() / 4);  // most flips land in string bytes, which stay valid
}

TEST_CASE("parse codec: absurd counts, unknown enum values and flags are damage") {
  const auto splice = [](const std::string& bytes, size_t at, std::string_view with) {
    std::string out = bytes;
    out.replace(at, 1, with);
    return out;
  };
  const std::string huge = "\xFF\xFF\xFF\xFF\x0F";  // 0xFFFFFFFF as a varint
  const ParsedFile base = parse("ops/operations/weekly/2026-48/minutes.md", Role::Period, kMinutes);
  const std::string bytes = encode(base);
  // One more item in each vector: the first differing byte is its count.
  for (int which = 0; which < 5; ++which) {
    ParsedFile more = base;
    switch (which) {
      case 0: more.doc->sections.emplace_back(); break;
      case 1: more.doc->sections[2].items.emplace_back(); break;
      case 2: more.actions.emplace_back(); break;
      case 3: more.entries.emplace_back(); break;
      case 4: more.link_targets.emplace_back(); break;
    }
    CAPTURE(which);
    const size_t at = first_difference(bytes, encode(more));
    CHECK_FALSE(decode_parsed(splice(bytes, at, huge)));
    CHECK_FALSE(decode_parsed(splice(bytes, at, "\x80\x80\x80\x80\x80\x01")));  // a six-byte varint
    const char overlong[] = {static_cast<char>(bytes[at] | 0x80), '\0'};     // the same count, in two bytes
    CHECK_FALSE(decode_parsed(splice(bytes, at, std::string_view(overlong, 2))));
  }
  // Enum values one past the last, and a flag byte with an unknown bit.
  for (int which = 0; which < 4; ++which) {
    ParsedFile other = base;
    char bad = 0;
    switch (which) {
      case 0:
        other.doc->suppressions[0].kind = SuppressionKind::Line;
        bad = 4;
        break;
      case 1:
        other.actions[0].resolved_status = ActionStatus::Dropped;
        bad = 5;
        break;
      case 2:
        other.doc->front_matter.fields.begin()->second.type = FrontMatterValue::Type::Sequence;
        bad = 3;
        break;
      case 3:
        other.doc->sections[2].items[0].task = !other.doc->sections[2].items[0].task;
        bad = 4;
        break;
    }
    CAPTURE(which);
    const size_t at = first_difference(bytes, encode(other));
    std::string damaged = bytes;
    damaged[at] = bad;
    CHECK_FALSE(decode_parsed(damaged));
  }
}

TEST_CASE("parse codec: form issues (OPS312, OPS408) round-trip, in the body and in the head") {
  const ParsedFile minutes =
      parse("ops/operations/weekly/2026-48/minutes.md", Role::Period,
            "## Actions\nSam will look into it.\n\n## Follow-ups\n| Thing | Person |\n|---|---|\n| x | @a |\n");
  REQUIRE(minutes.issues.size() == 2);
  CHECK(minutes.issues[0].rule == "OPS312");
  CHECK(minutes.issues[0].period == "2026-48");
  round_trip(minutes);
  const ParsedFile backlog =
      parse("docs/operations/IMPROVEMENT_BACKLOG.md", Role::Backlog, "# B\n\n# IB-1 Level one\n- Status: open\n");
  REQUIRE(backlog.issues.size() == 1);
  CHECK(backlog.issues[0].rule == "OPS408");
  round_trip(backlog);
}
