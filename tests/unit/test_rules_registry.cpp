// rules/registry: the generated rule catalogue agrees with rules/*.yaml as embedded in the binary.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <map>

#include "rules/registry.h"
#include "util/resources.h"

using namespace opslint;

namespace {

// rules/<ID>.yaml read at run time with yaml-cpp, as the catalogue was built before
// tools/rulegen.cpp generated it: the reference the generated table must equal.
std::map<std::string, RuleInfo> rules_from_yaml() {
  std::map<std::string, RuleInfo> out;
  for (const auto& res : resources()) {
    if (!res.path.starts_with("rules/") || !res.path.ends_with(".yaml")) continue;
    const YAML::Node n = YAML::Load(std::string(res.bytes));
    RuleInfo r;
    r.id = n["id"].as<std::string>();
    r.name = n["name"].as<std::string>();
    r.severity = severity_from_name(n["severity"].as<std::string>()).value_or(Severity::Off);
    r.history = n["history"] && n["history"].as<bool>();
    auto str = [&](const char* key) { return n[key] ? n[key].as<std::string>() : std::string(); };
    r.summary = str("summary");
    r.why = str("why");
    r.example = str("example");
    r.fix = str("fix");
    r.config = str("config");
    CHECK_MESSAGE(res.path == "rules/" + r.id + ".yaml", res.path);
    out.emplace(r.id, std::move(r));
  }
  return out;
}

}  // namespace

TEST_CASE("the generated rule catalogue equals rules/*.yaml") {
  const auto expected = rules_from_yaml();
  const auto& rules = all_rules();
  REQUIRE(expected.size() >= 40);
  REQUIRE(rules.size() == expected.size());
  for (size_t i = 0; i < rules.size(); ++i) {
    const RuleInfo& r = rules[i];
    CAPTURE(r.id);
    if (i > 0) CHECK(rules[i - 1].id < r.id);  // find_rule() bisects
    auto it = expected.find(r.id);
    REQUIRE(it != expected.end());
    const RuleInfo& e = it->second;
    CHECK(r.name == e.name);
    CHECK(r.severity == e.severity);
    CHECK(r.history == e.history);
    CHECK(r.summary == e.summary);
    CHECK(r.why == e.why);
    CHECK(r.example == e.example);
    CHECK(r.fix == e.fix);
    CHECK(r.config == e.config);
  }
}

TEST_CASE("find_rule looks rules up by ID") {
  const RuleInfo* r = find_rule("OPS301");
  REQUIRE(r != nullptr);
  CHECK(r->name == "action-owner-missing");
  CHECK(r->severity == Severity::Error);
  CHECK(find_rule("OPS500")->history);
  CHECK(find_rule("OPS999") == nullptr);
  CHECK(find_rule("") == nullptr);
  for (const auto& rule : all_rules()) CHECK(find_rule(rule.id) == &rule);
}
