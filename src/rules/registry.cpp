// Rule look-up and the table of checks: adding a rule is one YAML file (all_rules() is generated from
// rules/*.yaml at build time by tools/rulegen.cpp) and, for a new family, one row here.
#include "rules/registry.h"

#include <algorithm>

#include "rules/checks.h"

namespace opslint {

const std::vector<CheckEntry>& static_checks() {
  static const std::vector<CheckEntry> table = {
      {"files", check_files},     {"periods", check_periods}, {"minutes", check_minutes},
      {"actions", check_actions}, {"repeated", check_repeated_actions}, {"backlog", check_backlog},
      {"risks", check_risks},     {"links", check_links},     {"forms", check_forms},
  };
  return table;
}

const RuleInfo* find_rule(std::string_view id) {
  const auto& rules = all_rules();
  auto it = std::lower_bound(rules.begin(), rules.end(), id, [](const RuleInfo& r, std::string_view v) { return r.id < v; });
  return it != rules.end() && it->id == id ? &*it : nullptr;
}

Severity effective_severity(const Config& cfg, const RuleInfo& rule) {
  auto it = cfg.rule_severity.find(rule.id);
  return it == cfg.rule_severity.end() ? rule.severity : it->second;
}

void LintContext::report(std::string_view rule, std::string file, Pos pos, std::string message, std::string period,
                         std::string subject) {
  const RuleInfo* info = find_rule(rule);
  if (!info) return;
  const Severity sev = effective_severity(cfg, *info);
  if (sev == Severity::Off) return;
  findings.push_back(Finding{info->id, sev, std::move(file), pos, std::move(message), std::move(period), std::move(subject)});
}

}  // namespace opslint
