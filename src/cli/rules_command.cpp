// `opslint rules` and `opslint explain ID`: the catalogue, with the severity in effect.
#include <fmt/format.h>

#include <filesystem>

#include "cli/invocation.h"
#include "rules/registry.h"
#include "util/text.h"

namespace opslint {

namespace {
Config config_for_listing(const Invocation& inv) { return open_workspace(inv).config; }
}  // namespace

int run_rules(const Invocation& inv) {
  const Config cfg = config_for_listing(inv);
  std::string out;
  for (const auto& r : all_rules())
    out += r.history
               ? fmt::format("{}  {:<36} {:<8} (history)\n", r.id, r.name, severity_name(effective_severity(cfg, r)))
               : fmt::format("{}  {:<36} {}\n", r.id, r.name, severity_name(effective_severity(cfg, r)));
  emit(inv, out);
  return 0;
}

int run_explain(const Invocation& inv) {
  const std::string id = text::lower(inv.rule_id);
  const RuleInfo* r = nullptr;
  for (const auto& rule : all_rules())
    if (text::lower(rule.id) == id || rule.name == id) r = &rule;
  if (!r) throw Fatal{fmt::format("unknown rule '{}'; `opslint rules` lists them", inv.rule_id)};
  const Config cfg = config_for_listing(inv);
  auto indent = [](const std::string& s) {
    std::string out;
    for (auto line : text::split(text::trim(s), '\n')) out += "    " + std::string(line) + "\n";
    return out;
  };
  std::string out = fmt::format("{} {} ({}; in effect: {})\n\n{}\n\nWhy:\n{}\nExample that fires:\n{}\nFix:\n{}",
                                r->id, r->name, severity_name(r->severity), severity_name(effective_severity(cfg, *r)),
                                r->summary, indent(r->why), indent(r->example), indent(r->fix));
  if (!r->config.empty() && text::trim(r->config) != "none") out += "\nConfiguration:\n" + indent(r->config);
  emit(inv, out);
  return 0;
}

}  // namespace opslint
