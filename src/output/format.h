// Findings → text, JSON, SARIF, GitHub workflow commands, JUnit XML (SPEC §5.1). Formatting happens
// at the edge, nowhere else.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/finding.h"

namespace opslint {

struct RunInfo {
  // A constructor, not an aggregate: callers that give the first three need not list the rest.
  RunInfo(std::string source_ = {}, size_t files_ = 0, bool color_ = false)
      : source(std::move(source_)), files(files_), color(color_) {}

  std::string source;  // worktree | index | commit id
  size_t files = 0;
  bool color = false;
  std::optional<size_t> baselined;  // with a baseline: how many findings it hid
  std::vector<HiddenFinding> hidden;  // what suppressions and the baseline hid (only SARIF shows them)
  std::optional<std::string> category;  // SARIF automationDetails.id is "<category>/"
  // A change-scoped gate (--staged, --range): how many findings lie outside the change (not shown,
  // not counted), and the command that shows them.
  size_t outside_change = 0;
  std::string outside_command;
  std::vector<std::string> paths;   // the files linted, sorted (JUnit has a testcase for each)
};

std::string format_text(const std::vector<Finding>& findings, const RunInfo& run);
std::string format_json(const std::vector<Finding>& findings, const RunInfo& run);
// The other formats, a file each under src/output/.
std::string format_sarif(const std::vector<Finding>& findings, const RunInfo& run);
std::string format_github(const std::vector<Finding>& findings, const RunInfo& run);
std::string format_junit(const std::vector<Finding>& findings, const RunInfo& run);

// Shared by the formats: the rule's kebab-case name ("" for an unknown ID).
std::string_view rule_name(const std::string& id);

}  // namespace opslint
