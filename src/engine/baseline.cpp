// Baselines: reading, writing and applying the accepted fingerprints.
#include "engine/baseline.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <tuple>

#include "util/json_schema.h"
#include "util/text.h"

namespace opslint {

Result<Baseline> parse_baseline(std::string_view text, const std::string& label) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is 1-based: the byte at which parsing failed.
    const auto [line, col] = text::line_col(text, e.byte > 0 ? e.byte - 1 : 0);
    std::string what = e.what();
    if (const size_t at = what.find("syntax error"); at != std::string::npos) what = what.substr(at);
    return Error{fmt::format("{}:{}:{}: not valid JSON: {}", label, line, col, what)};
  } catch (const nlohmann::json::exception& e) {
    // Not a syntax error but a value JSON cannot hold (a number out of range, "1e999"): no
    // position is known.
    std::string what = e.what();
    if (const size_t at = what.find("] "); at != std::string::npos) what = what.substr(at + 2);
    return Error{fmt::format("{}: not valid JSON: {}", label, what)};
  }
  if (const auto errors = schema_errors(embedded_schema("schemas/baseline.schema.json"), doc); !errors.empty()) {
    const SchemaError& best = deepest_error(errors);
    std::string where;
    for (size_t i = 1; i < best.context.size(); ++i) where += best.context[i];
    return Error{fmt::format("{}: not an opslint baseline: {}{}", label, where.empty() ? "" : where + ": ",
                             best.description)};
  }
  Baseline b;
  b.label = label;
  for (const auto& entry : doc["fingerprints"]) b.fingerprints.insert(entry["fingerprint"].get<std::string>());
  return b;
}

bool baselinable(const Finding& f) { return f.rule != "OPS500"; }

Baseline baseline_of(const std::vector<Finding>& findings) {
  Baseline b;
  for (const auto& f : findings)
    if (baselinable(f)) b.fingerprints.insert(fingerprint(f));
  return b;
}

std::string baseline_json(const std::vector<Finding>& findings) {
  // Two findings with one fingerprint (same rule, file and subject) are one entry.
  std::map<std::string, const Finding*> by_fingerprint;
  for (const auto& f : findings)
    if (baselinable(f)) by_fingerprint.emplace(fingerprint(f), &f);
  std::vector<std::pair<std::string, const Finding*>> entries(by_fingerprint.begin(), by_fingerprint.end());
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return std::tie(a.second->file, a.second->rule, a.first) < std::tie(b.second->file, b.second->rule, b.first);
  });
  nlohmann::ordered_json j;
  j["version"] = 1;
  j["tool"] = {{"name", "opslint"}, {"version", OPSLINT_VERSION}};
  auto arr = nlohmann::ordered_json::array();
  for (const auto& [fp, f] : entries) arr.push_back({{"fingerprint", fp}, {"rule", f->rule}, {"file", f->file}});
  j["fingerprints"] = std::move(arr);
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

size_t apply_baseline(std::vector<Finding>& findings, const Baseline& baseline, std::vector<HiddenFinding>* hidden) {
  std::vector<Finding> kept;
  const size_t before = findings.size();
  for (Finding& f : findings) {
    if (!baselinable(f) || !baseline.fingerprints.count(fingerprint(f)))
      kept.push_back(std::move(f));
    else if (hidden)
      hidden->push_back({std::move(f), HiddenFinding::By::Baseline, "in the baseline " + baseline.label});
  }
  findings = std::move(kept);
  return before - findings.size();
}

}  // namespace opslint
