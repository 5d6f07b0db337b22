// Baselines: the fingerprints of findings accepted when opslint was adopted, hidden from later runs.
#pragma once
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.h"
#include "util/result.h"

namespace opslint {

struct Baseline {
  std::set<std::string> fingerprints;
  std::string label;  // the file it was read from, as named to the user
};

// Parses and validates (schemas/baseline.schema.json) a baseline file's text; errors name
// `label`, with line:col for JSON syntax errors.
Result<Baseline> parse_baseline(std::string_view text, const std::string& label);

// Whether a finding belongs in a baseline: OPS500 says how this run saw history, not what the
// repository holds, so it is never recorded (nor hidden).
bool baselinable(const Finding& f);

// The baseline file for these findings: one entry per fingerprint, sorted by file, rule and
// fingerprint, no timestamp, so an unchanged repository gives a byte-identical file.
std::string baseline_json(const std::vector<Finding>& findings);
Baseline baseline_of(const std::vector<Finding>& findings);

// Removes the findings the baseline holds, moving them to `hidden` when given; returns how many.
size_t apply_baseline(std::vector<Finding>& findings, const Baseline& baseline,
                      std::vector<HiddenFinding>* hidden = nullptr);

}  // namespace opslint
