// Front matter through libyaml: field by field and position by position what yaml-cpp (the reader
// before it, kept in front_matter_reference.h) produced, plus the documented differences.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "front_matter_reference.h"
#include "markdown/document.h"
#include "markdown/front_matter.h"

using namespace opslint;

namespace {

FrontMatter libyaml(std::string_view yaml) {
  FrontMatter fm;
  parse_front_matter_yaml(yaml, fm);
  return fm;
}

FrontMatter yaml_cpp(std::string_view yaml) {
  FrontMatter fm;
  test::yaml_cpp_front_matter(yaml, fm);
  return fm;
}

// Everything but the error text, which is each library's own wording.
void check_same(const std::string& yaml) {
  CAPTURE(yaml);
  const FrontMatter got = libyaml(yaml), want = yaml_cpp(yaml);
  REQUIRE(got.error.has_value() == want.error.has_value());
  if (want.error) {
    CHECK(got.error_pos.line == want.error_pos.line);
    CHECK(got.error_pos.column == want.error_pos.column);
    if (*want.error == "front matter must be a mapping of keys to values") CHECK(*got.error == *want.error);
  }
  REQUIRE(got.fields.size() == want.fields.size());
  for (const auto& field : want.fields) {
    const std::string& key = field.first;  // not a structured binding: CAPTURE's lambda takes it (clang 14)
    const FrontMatterValue& w = field.second;
    CAPTURE(key);
    REQUIRE(got.fields.count(key) == 1);
    const FrontMatterValue& g = got.fields.at(key);
    CHECK(static_cast<int>(g.type) == static_cast<int>(w.type));
    CHECK(g.scalar == w.scalar);
    CHECK(g.sequence == w.sequence);
    CHECK(g.pos.line == w.pos.line);
    CHECK(g.pos.column == w.pos.column);
  }
}

}  // namespace

TEST_CASE("front matter: libyaml reads what yaml-cpp read, positions included") {
  const std::vector<std::string> inputs = {
      // what minutes carry
      "review: weekly\ndate: 2026-11-24\ntime: \"15:00\"\ntimezone: Europe/Berlin\nchair: \"@dana\"\n"
      "participants: [\"@dana\", \"@sam\"]\nduration: 45\n",
      // quoting and block scalars
      "a: \"x\"\nb: 'y'\nc: \"multi\n  line\"\nd: 'it''s'\ne: \"\\u00e9\\t\"\n",
      "a: |\n  one\n  two\nb: >\n  folded\n  text\n\nc: |-\n  keep\ne: 1\n", "a: one\n  two\n  three\nb: x\n",
      // sequences: flow and block, empty, with a nested item, with a null item (Other)
      "p: [a, \"b\", 'c']\nq: []\nr: [a, [b]]\ns: [a, {b: c}]\nt: [a, ~]\nu: [a, null, \"null\"]\nw: [ a , b ,]\n",
      "a:\n  - x\n  - y\nb:\n- z\nc:\n  -\n  - q\nd:\n  - [x]\ne:\n    - x\n  # c\nf: 1\n",
      // nulls: nothing, ~, null spellings, quoted and tagged ones are text; the position of an
      // empty value is the next key's (or the end's)
      "a:\nb: ~\nc: null\nd: Null\ne: NULL\nf: \"null\"\ng: '~'\nh: !!str null\nj:\n",
      "a:   \n\nb:\n  \nc: 1\nd:\n# c\n", "b: 1\na:", "a:", "? a\n: 1\n? b\nc: 3\n", "  a: 1\n  b:\n  c: 2\n",
      // nested mappings and non-scalar or null keys; duplicate keys (the last wins)
      "a:\n  b: 1\n  c: 2\nd: x\ne: {x: 1}\n", "[a]: 1\n{b: 1}: 2\n? - x\n: 3\n~: 4\nnull: 5\n\"null\": 6\n",
      "a: 1\nb: 2\na: 3\n",
      // anchors and aliases: an alias reads as its anchor's node, at the anchor's position
      "a: &x foo\nb: *x\nc: &s [p, q]\nd: *s\ne: &m {k: v}\nf: *m\ng: &n\nh: *n\ni: [*x, bar]\n",
      "a: &k name\n*k : 2\n", "a: {x: &q 1}\nb: *q\n", "a: &x 1\nb: &x 2\nc: *x\n", "&k a: 1\nb: *k\n",
      // tags, tabs, comments, non-ASCII (columns count bytes), CRLF
      "a: !foo bar\nb: !!int 3\nc: !\nd: ! x\n", "a:\tx\nb: \ty\nc: x\t# c\nd: \"t\tq\"\n",
      "a: 1 # c\nb: # c\nc: [x, # y\n  z]\n", "título: café\nb: ü\nc: [\"é\", ü]\né:\nf: x\n",
      "a: 1\r\nb: [x, y]\r\nc:\r\n  - z\r\nd:\r\ne: \"q\"\r\nf: |\r\n  x\r\n  y\r\n",
      // no fields, and roots that are not mappings
      "", "\n\n", "# only\n# comments\n", "~\n", "just text\n", "- a\n- b\n", "[a, b]\n", "{a: 1, b: [x]}\n",
      // syntax errors: same position (the text is libyaml's)
      "review: weekly\ndate: [2026\n", "a: b: c\n", "a: 1\n b: 2\n", "a: [1, 2\nb: 3\n", "a: @x\n", "a: {b: 1\n",
      "a: \"x\" y\n", "a: *nope\n", "key: value\n  bad: indent\n", "a: 1\n- b\n", "x: " + std::string(200, '[') + "\n"};
  for (const auto& yaml : inputs) check_same(yaml);
}

TEST_CASE("front matter: syntax errors carry libyaml's problem and where its context began") {
  const auto flow = libyaml("review: weekly\ndate: [2026\n");
  REQUIRE(flow.error);
  CHECK(*flow.error == "did not find expected ',' or ']' (while parsing a flow sequence started at line 3, column 7)");
  CHECK(flow.error_pos.line == 4);
  CHECK(flow.error_pos.column == 1);
  CHECK(flow.fields.empty());
  const auto token = libyaml("a: 1\nb: @x\n");
  CHECK(*token.error == "found character that cannot start any token");
  CHECK(token.error_pos.line == 3);
  CHECK(token.error_pos.column == 4);
  CHECK(*libyaml("a: *nope\n").error == "the referenced anchor 'nope' is not defined");
  CHECK(*libyaml("- a\n").error == "front matter must be a mapping of keys to values");
}

// Where yaml-cpp 0.7 strayed from the YAML spec, libyaml's reading is kept (README, "Front matter").
TEST_CASE("front matter: where yaml-cpp was wrong, libyaml is followed") {
  const auto unclosed = libyaml("a: 1\nchair: \"@dana\n");  // yaml-cpp read "@dana " here
  REQUIRE(unclosed.error);
  CHECK(unclosed.error_pos.line == 4);
  CHECK(libyaml("d: >+\n  x\n\ne: 1\n").fields.at("d").scalar == "x\n\n");  // yaml-cpp dropped the kept line
  CHECK(libyaml("a: x\x01y\n").error);                                      // control characters
  // A flow sequence continued at column 1: yaml-cpp cut it there and read the rest as a key.
  const auto wrapped = libyaml("chair: \"@dana\"\nparticipants: [\"@dana\", \"@li\",\n\"@sam\"]\nduration: 30\n");
  CHECK_FALSE(wrapped.error);
  CHECK(wrapped.fields.size() == 3);
  CHECK(wrapped.fields.at("participants").sequence == std::vector<std::string>{"@dana", "@li", "@sam"});
  // A missing space after the colon: yaml-cpp read the key `chair:"@dana"` with no value.
  const auto no_space = libyaml("review: weekly\nchair:\"@dana\"\n");
  REQUIRE(no_space.error);
  CHECK(no_space.error_pos.line == 4);
  CHECK(libyaml("{a: 1} b\n").error);  // text after a root flow mapping
}

TEST_CASE("front matter: deep nesting is an error, quickly") {
  const auto deep = libyaml("x: " + std::string(100000, '[') + "\n");
  REQUIRE(deep.error);
  CHECK(*deep.error == "collections nested more than 1000 levels deep");
  CHECK(deep.error_pos.line == 2);
  CHECK(deep.error_pos.column == 1003);  // the root mapping is the first level
  const auto ok = libyaml("x: " + std::string(999, '[') + std::string(999, ']') + "\ny: 1\n");
  CHECK_FALSE(ok.error);
  CHECK(ok.fields.at("y").scalar == "1");
}

TEST_CASE("front matter: aliases cost what they stand for, within a bound") {
  // A 1,000-item list used 1,000 times: a million values, refused at once, where it crosses.
  std::string yaml = "l: &l [";
  for (int i = 0; i < 1000; ++i) yaml += (i ? ",x" : "x");
  yaml += "]\n";
  for (int i = 0; i < 1000; ++i) yaml += "k" + std::to_string(i) + ": *l\n";
  const auto big = libyaml(yaml);
  REQUIRE(big.error);
  CHECK(*big.error == "aliases expand to more than 100000 values; write the values out instead");
  CHECK(big.error_pos.line == 3 + 99);  // the YAML starts on line 2; the 100th alias (1,001 each) crosses
  // Nested lists are read as Other, but their aliases still count ("billion laughs").
  const auto laughs = libyaml("a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                              "c: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n");
  CHECK_FALSE(laughs.error);
  // A few aliases are fine and read as their anchors.
  const auto few = libyaml("a: &a [x, y]\nb: *a\n");
  REQUIRE_FALSE(few.error);
  CHECK(few.fields.at("b").sequence == std::vector<std::string>{"x", "y"});
  // A self-reference is an undefined anchor in this reader: the node is not complete yet.
  const auto self = libyaml("x: &a [*a]\n");
  REQUIRE(self.error);
  CHECK(*self.error == "the referenced anchor 'a' is not defined");
}

TEST_CASE("front matter: BOM and CRLF around the YAML read like LF") {
  const auto lf = parse_document("m.md", "---\ndate: 2026-11-24\nparticipants:\n  - \"@a\"\nchair:\n---\n# T\n");
  const auto crlf = parse_document(
      "m.md", "\xEF\xBB\xBF---\r\ndate: 2026-11-24\r\nparticipants:\r\n  - \"@a\"\r\nchair:\r\n---\r\n# T\r\n");
  for (const auto* d : {&lf, &crlf}) {
    REQUIRE(d->front_matter.present);
    CHECK_FALSE(d->front_matter.error);
    CHECK(d->front_matter.fields.at("date").scalar == "2026-11-24");
    CHECK(d->front_matter.fields.at("date").pos.line == 2);
    CHECK(d->front_matter.fields.at("date").pos.column == 7);
    CHECK(d->front_matter.fields.at("participants").sequence == std::vector<std::string>{"@a"});
    CHECK(d->front_matter.fields.at("participants").pos.line == 4);
    CHECK(d->front_matter.fields.at("participants").pos.column == 3);
    CHECK(d->front_matter.fields.at("chair").type == FrontMatterValue::Type::Scalar);
    CHECK(d->front_matter.fields.at("chair").scalar.empty());
    CHECK(d->front_matter.fields.at("chair").pos.line == 6);  // the closing line: yaml-cpp's end
    CHECK(d->front_matter.fields.at("chair").pos.column == 1);
  }
}
