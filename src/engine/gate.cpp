// keep_what_the_change_caused(): the change-scoped gates' decision (README, "How the gates decide").
#include "engine/gate.h"

#include <optional>

#include "git/change_scope.h"
#include "rules/registry.h"

namespace opslint {

bool cross_file_rule(std::string_view rule) {
  return rule == "OPS305" || rule == "OPS405" || rule == "OPS407" || rule == "OPS601";
}

namespace {

bool touched(const Finding& f, const ChangeScope& scope) {
  if (scope.touches(f.file) || scope.touches_folder(f.file)) return true;
  const size_t slash = f.file.rfind('/');
  if (f.period.empty() || slash == std::string::npos) return false;
  const std::string folder = f.file.substr(0, slash);
  return folder.ends_with("/" + f.period) && scope.touches_folder(folder);
}

}  // namespace

size_t keep_what_the_change_caused(std::vector<Finding>& findings, const GateInput& in) {
  if (in.touches_everything) return 0;
  std::optional<std::set<std::string>> base;
  const size_t before = findings.size();
  std::erase_if(findings, [&](const Finding& f) {
    if (f.rule == "OPS500") return false;
    if (const RuleInfo* r = find_rule(f.rule); r && r->history) return false;
    if (touched(f, in.scope)) return false;
    if (!cross_file_rule(f.rule)) return true;
    if (!base) base = in.base_fingerprints();
    return base->count(fingerprint(f)) > 0;
  });
  return before - findings.size();
}

}  // namespace opslint
