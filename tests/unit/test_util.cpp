// util/: globs, UTF-8 validation, word sets.
#include <doctest/doctest.h>

#include "util/glob.h"
#include "util/text.h"

using namespace opslint;

TEST_CASE("globs") {
  CHECK(Glob("ops/operations/weekly/2019-*/**").matches("ops/operations/weekly/2019-05/minutes.md"));
  CHECK_FALSE(Glob("ops/operations/weekly/2019-*/**").matches("ops/operations/weekly/2020-05/minutes.md"));
  CHECK(Glob("**/minutes.md").matches("minutes.md"));
  CHECK(Glob("**/minutes.md").matches("a/b/minutes.md"));
  CHECK_FALSE(Glob("*.md").matches("a/b.md"));
  CHECK(Glob("a?c.md").matches("abc.md"));
  CHECK(Glob("docs/(x).md").matches("docs/(x).md"));
}

TEST_CASE("UTF-8 validation finds the first bad byte") {
  CHECK(text::invalid_utf8_offset("plain ascii") == std::string_view::npos);
  CHECK(text::invalid_utf8_offset("caf\xC3\xA9 \xE2\x80\x94") == std::string_view::npos);
  CHECK(text::invalid_utf8_offset("ab\xFFz") == 2);
  CHECK(text::invalid_utf8_offset("ab\xC0\xAF") == 2);      // overlong
  CHECK(text::invalid_utf8_offset("ab\xED\xA0\x80") == 2);  // surrogate
  CHECK(text::invalid_utf8_offset("ab\xE2\x80") == 2);      // truncated
  CHECK(text::line_col("a\nb\xC3\xA9x", 5) == std::pair{2, 3});
}

TEST_CASE("letter words drop numbers and punctuation") {
  CHECK(text::letter_words("Raise p95 alert to 800 ms!") ==
        std::vector<std::string>{"raise", "p", "alert", "to", "ms"});
}
