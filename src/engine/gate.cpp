// Gate: the change-scoped gates' decision (README, "How the gates decide").
#include "engine/gate.h"

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

bool Gate::counts(const Finding& f) {
  if (in_.touches_everything || f.rule == "OPS500") return true;
  if (const RuleInfo* r = find_rule(f.rule); r && r->history) return true;
  if (touched(f, in_.scope)) return true;
  if (!cross_file_rule(f.rule)) return false;
  if (!base_) base_ = in_.base_fingerprints();
  return base_->count(fingerprint(f)) == 0;
}

size_t Gate::keep_what_counts(std::vector<Finding>& findings) {
  return std::erase_if(findings, [&](const Finding& f) { return !counts(f); });
}

}  // namespace opslint
