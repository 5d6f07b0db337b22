// The rule catalogue (generated from rules/<ID>.yaml at build time) and the table of checks.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "model/finding.h"
#include "model/ops.h"

namespace opslint {

struct RuleInfo {
  std::string id;
  std::string name;
  Severity severity = Severity::Error;
  bool history = false;
  std::string summary;
  std::string why;
  std::string example;
  std::string fix;
  std::string config;
};

// Every rule, sorted by ID: a table tools/rulegen.cpp writes from rules/*.yaml when building
// (build/generated/rule_catalogue.cpp), so no YAML is parsed at run time.
const std::vector<RuleInfo>& all_rules();
const RuleInfo* find_rule(std::string_view id);
Severity effective_severity(const Config& cfg, const RuleInfo& rule);

// What a check sees: the snapshot, the config, "now", and where to put findings.
struct LintContext {
  const Snapshot& snap;
  const Config& cfg;
  Instant now;
  Day today;  // the local date of `now` in the configured time zone
  std::vector<Finding> findings;

  void report(std::string_view rule, std::string file, Pos pos, std::string message, std::string period = {},
              std::string subject = {});
};

using Check = void (*)(LintContext&);

// The static checks, in the order they run. The history checks (rules/history.h) also need a
// HistoryView; cli/lint_command runs them and passes their findings to lint() as extras.
struct CheckEntry {
  const char* family;
  Check run;
};
const std::vector<CheckEntry>& static_checks();

}  // namespace opslint
