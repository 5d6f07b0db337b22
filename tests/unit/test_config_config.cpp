// .opslint.yaml: hostile YAML, out-of-range numbers, bytes that are not text, paths that leave the
// repository. Each is an error at the file:line:col where it stands, quickly.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <chrono>
#include <string>

#include "config/config.h"

using namespace opslint;

namespace {

std::string error_of(const std::string& text) {
  const auto started = std::chrono::steady_clock::now();
  const Result<Config> c = parse_config(text, ".opslint.yaml");
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
  return c ? std::string() : c.error();
}

}  // namespace

TEST_CASE("config: a recursive alias is an error where the alias stands") {
  CHECK(error_of("x: &a [*a]\n") ==
        ".opslint.yaml:1:8: the alias '*a' refers to a node that contains it (a recursive alias)");
  CHECK(error_of("owners: &a [\"@x\", *a]\n") ==
        ".opslint.yaml:1:19: the alias '*a' refers to a node that contains it (a recursive alias)");
  CHECK(error_of("rules: &a {OPS301: *a}\n") ==
        ".opslint.yaml:1:20: the alias '*a' refers to a node that contains it (a recursive alias)");
}

TEST_CASE("config: nested aliases are bounded (billion laughs)") {
  std::string yaml = "a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    const char prev = static_cast<char>(c - 1);
    yaml += fmt::format("{0}: &{0} [*{1},*{1},*{1},*{1},*{1},*{1},*{1},*{1},*{1}]\n", c, prev);
  }
  CHECK(error_of(yaml) ==
        ".opslint.yaml:6:8: the configuration expands to more than 100000 nodes (aliases counted each time they are "
        "used)");
  // Aliases in moderation are still YAML.
  CHECK(error_of("owners: &o [\"@a\", \"@b\"]\nreviews:\n  weekly:\n    participants: *o\n") == "");
}

TEST_CASE("config: one document, text only") {
  CHECK(error_of("a: 1\n---\nb: 2\n") ==
        ".opslint.yaml:2:1: a second YAML document (after '---'); the configuration is one document");
  CHECK(error_of(std::string("owners: [\"@a\"]\n\0\n", 17)) ==
        ".opslint.yaml:2:1: the configuration holds a NUL byte; save it as UTF-8 text");
  CHECK(error_of("owners: [\"@a\xff\"]\n") ==
        ".opslint.yaml:1:13: the configuration is not valid UTF-8 (byte 0xFF); save it as UTF-8");
}

TEST_CASE("config: numbers out of range name their key or their place") {
  CHECK(error_of("publish_within_hours: 2147483648\n") ==
        ".opslint.yaml:1:23: 'publish_within_hours': 2147483648 is more than the maximum 8784");
  CHECK(error_of("reviews: {weekly: {timebox: 1e400}}\n") == ".opslint.yaml:1:29: the number 1e400 is out of range");
  CHECK(error_of("amend_window_days: 99999999999999999999999\n") ==
        ".opslint.yaml:1:20: the integer 99999999999999999999999 is out of range");
}

TEST_CASE("config: publish_warning_hours, 6 by default, bounded like publish_within_hours") {
  CHECK(default_config().publish_warning_hours == 6);
  const Result<Config> c = parse_config("publish_warning_hours: 2\n", ".opslint.yaml");
  REQUIRE(c);
  CHECK(c->publish_warning_hours == 2);
  CHECK(error_of("publish_warning_hours: 9000\n") ==
        ".opslint.yaml:1:24: 'publish_warning_hours': 9000 is more than the maximum 8784");
  CHECK(error_of("publish_warning_hours: -1\n").find("'publish_warning_hours'") != std::string::npos);
}

TEST_CASE("config: configured paths stay inside the repository") {
  CHECK(error_of("backlog: {path: ../../etc/passwd}\n") ==
        ".opslint.yaml:1:17: 'backlog.path': '../../etc/passwd' leaves the repository ('..')");
  CHECK(error_of("backlog:\n  archive: docs/../../x.md\n") ==
        ".opslint.yaml:2:12: 'backlog.archive': 'docs/../../x.md' leaves the repository ('..')");
  CHECK(error_of("reviews: {monthly: {path: ops/../../m}}\n") ==
        ".opslint.yaml:1:27: 'reviews.monthly.path': 'ops/../../m' leaves the repository ('..')");
  CHECK(error_of("risk_register: {path: .git/hooks/x.md}\n") ==
        ".opslint.yaml:1:23: 'risk_register.path': '.git/hooks/x.md' is inside the .git folder");
  CHECK(error_of("backlog: {path: docs/ops..md}\n") == "");  // ".." inside a name is fine
}

TEST_CASE("config: invalid UTF-8 is refused before any message can quote it (found by fuzz_config)") {
  // A value the schema rejects, quoted in the message as JSON, once ended the process
  // (nlohmann::json's dump() throws on invalid UTF-8).
  CHECK(error_of("cadence:\n  start: 20\xC0" "7-11-09\n") ==
        ".opslint.yaml:2:12: the configuration is not valid UTF-8 (byte 0xC0); save it as UTF-8");
  const auto c = parse_config("\xEF\xBB\xBFowners: [\"@dana\", \"@ren\xC3\xA9\"]\n", ".opslint.yaml");
  REQUIRE(c);  // UTF-8 text and a BOM are read
  CHECK(c->owners.size() == 2);
}
