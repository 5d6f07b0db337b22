// The output sanitiser (util/escape) and the formats that print through it: no control, bidi
// override or invalid byte from data reaches a terminal, a Markdown table or a workflow command.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "output/format.h"
#include "report/format.h"
#include "util/escape.h"

namespace opslint {
namespace {

Finding finding(std::string file, std::string message) {
  return Finding{"OPS301", Severity::Error, std::move(file), {5, 1}, std::move(message), {}, {}};
}

}  // namespace

TEST_CASE("escape: printable shows controls, bidi controls and invalid UTF-8 escaped") {
  CHECK(escape::printable("plain caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80") ==
        "plain caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80");
  CHECK(escape::printable("a\x1b[31mred\x07\x08") == "a\\x1b[31mred\\x07\\x08");
  CHECK(escape::printable("one\ntwo\r\tthree\x7f") == "one\\x0atwo\\x0d\\x09three\\x7f");
  CHECK(escape::printable(std::string("nul\0x", 5)) == "nul\\x00x");
  CHECK(escape::printable("c1 \xC2\x85 \xC2\x9B") == "c1 \\u0085 \\u009b");  // NEL, CSI
  CHECK(escape::printable("\xE2\x80\xAE" "evil\xE2\x81\xA6" "x\xE2\x81\xA9\xE2\x80\x8F") ==
        "\\u202eevil\\u2066x\\u2069\\u200f");
  CHECK(escape::printable("bad \xff byte \xC3") == "bad \\xff byte \\xc3");
  CHECK(escape::printable("\xC0\xAF") == "\\xc0\\xaf");  // overlong '/'
}

TEST_CASE("escape: markdown cells hold no tag, entity, pipe or code span from data") {
  CHECK(escape::markdown("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
  CHECK(escape::markdown("a | b & `c`") == "a \\| b &amp; \\`c\\`");
  CHECK(escape::markdown("x\ny\x1b") == "x\\x0ay\\x1b");
  CHECK(markdown_table({{"Owner", "Open"}, {"<b>|x", "1"}}) == "| Owner | Open |\n|---|---:|\n| &lt;b&gt;\\|x | 1 |\n");
}

TEST_CASE("escape: html escapes markup and shows controls") {
  CHECK(escape::html("<a href=\"x\">&</a>\x1b\xE2\x80\xAE") == "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;\\x1b\\u202e");
}

TEST_CASE("escape: workflow commands follow @actions/core, then printable") {
  CHECK(escape::workflow_data("100% done\r\nnext\x1b]8;;") == "100%25 done%0D%0Anext\\x1b]8;;");
  CHECK(escape::workflow_property("a,b:c%d\n\xE2\x80\xAE") == "a%2Cb%3Ac%25d%0A\\u202e");
}

TEST_CASE("escape: a newline in a path or message cannot forge a finding line") {
  const std::vector<Finding> fs = {finding("ops/x\nops/y.md:1:1: error: forged", "owner \x1b[2J\xE2\x80\xAEgnp.exe")};
  const std::string text = format_text(fs, RunInfo{"worktree", 1, false});
  CHECK(text ==
        "ops/x\\x0aops/y.md:1:1: error: forged:5:1: error: owner \\x1b[2J\\u202egnp.exe [OPS301 action-owner-missing]\n"
        "opslint: 1 error, 0 warnings, 0 info in 1 file\n");
  const std::string gh = format_github(fs, RunInfo{"worktree", 1, false});
  CHECK(gh.find("::error file=ops/x%0Aops/y.md%3A1%3A1%3A error%3A forged,line=5,col=1,title=OPS301 "
                "action-owner-missing::owner \\x1b[2J\\u202egnp.exe\n") == 0);
  CHECK(gh.find('\x1b') == std::string::npos);
}

}  // namespace opslint
