// The rule catalogue and the table of checks: adding a rule is one YAML file and one row here.
#include "rules/registry.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "rules/checks.h"
#include "util/resources.h"

namespace opslint {

const std::vector<CheckEntry>& static_checks() {
  static const std::vector<CheckEntry> table = {
      {"files", check_files},     {"periods", check_periods}, {"minutes", check_minutes},
      {"actions", check_actions}, {"repeated", check_repeated_actions}, {"backlog", check_backlog},
      {"risks", check_risks},     {"links", check_links},
  };
  return table;
}

const std::vector<RuleInfo>& all_rules() {
  static const std::vector<RuleInfo> rules = [] {
    std::vector<RuleInfo> out;
    for (const auto& res : resources()) {
      if (!res.path.starts_with("rules/") || !res.path.ends_with(".yaml")) continue;
      const YAML::Node n = YAML::Load(std::string(res.bytes));
      RuleInfo r;
      r.id = n["id"].as<std::string>();
      r.name = n["name"].as<std::string>();
      r.severity = severity_from_name(n["severity"].as<std::string>()).value_or(Severity::Error);
      r.history = n["history"] && n["history"].as<bool>();
      auto str = [&](const char* key) { return n[key] ? n[key].as<std::string>() : std::string(); };
      r.summary = str("summary");
      r.why = str("why");
      r.example = str("example");
      r.fix = str("fix");
      r.config = str("config");
      out.push_back(std::move(r));
    }
    std::sort(out.begin(), out.end(), [](const RuleInfo& a, const RuleInfo& b) { return a.id < b.id; });
    return out;
  }();
  return rules;
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
