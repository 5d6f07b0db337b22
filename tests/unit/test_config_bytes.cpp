// .opslint.yaml's bytes: what parse_config makes of a file that is not UTF-8 (found by fuzz_config).
#include <doctest/doctest.h>

#include <string>

#include "config/config.h"

namespace opslint {
namespace {

TEST_CASE("config: a file that is not valid UTF-8 is an error at its first bad byte") {
  // A value the schema rejects, quoted in the message as JSON, once ended the process
  // (nlohmann::json's dump() throws on invalid UTF-8).
  const std::string text =
      "cadence:\n  start: 20\xC0"
      "7-11-09\n";
  const auto c = parse_config(text, ".opslint.yaml");
  REQUIRE_FALSE(c);
  CHECK(c.error() == ".opslint.yaml:2:12: the file is not valid UTF-8 (byte 0xC0)");
  CHECK_FALSE(parse_config("owners: [\"@d\xFF\"]\n", "x.yaml"));
}

TEST_CASE("config: UTF-8 text and a BOM are read") {
  const auto c = parse_config("\xEF\xBB\xBFowners: [\"@dana\", \"@ren\xC3\xA9\"]\n", ".opslint.yaml");
  REQUIRE(c);
  CHECK(c->owners.size() == 2);
}

}  // namespace
}  // namespace opslint
