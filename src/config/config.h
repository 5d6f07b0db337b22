// .opslint.yaml: defaults, loading, and validation against schemas/opslint.schema.json.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/finding.h"
#include "model/period.h"
#include "util/result.h"

namespace opslint {

struct ReviewConfig {
  std::string path;
  std::string day = "tuesday";  // meeting weekday, for scaffolding
  std::string time = "15:00";
  std::string chair;
  std::vector<std::string> participants;
  std::vector<std::string> sections;  // required agenda sections
  int timebox = 45;                   // minutes
  std::vector<std::string> required_participants;
};

struct Lock {
  std::optional<double> min;
  std::optional<double> max;
};

struct Config {
  std::string file;  // where it was read from, "" for defaults
  uint64_t digest = 0;  // of the file's name and text (0 for defaults): cached results depend on it
  std::optional<Day> cadence_start;
  std::string timezone = "UTC";
  int publish_within_hours = 24;
  int publish_warning_hours = 6;  // OPS501 warns this long before an unpublished --range's deadline
  int amend_window_days = 7;
  std::map<Kind, ReviewConfig> reviews;
  std::string backlog_path = "docs/operations/IMPROVEMENT_BACKLOG.md";
  std::string backlog_prefix = "IB-";
  std::string backlog_archive = "docs/operations/BACKLOG_ARCHIVE.md";  // read when present
  std::string risk_path = "docs/operations/RISK_REGISTER.md";
  int risk_stale_days = 35;
  std::vector<std::string> owners;
  std::vector<std::string> placeholders;  // forms.placeholders: more values that mean "missing"
  std::string incident_pattern = "INC-[0-9]+";
  long long max_file_bytes = 4LL * 1024 * 1024;
  std::map<std::string, Severity> rule_severity;
  std::vector<std::string> ignore;
  std::map<std::string, Lock> locks;
  // The baseline `lint` applies when the file is present, and `baseline` writes (repo-relative).
  std::string baseline_path = ".opslint-baseline.json";

  const ReviewConfig& review(Kind k) const { return reviews.at(k); }
};

Config default_config();
// Parses and validates YAML text; errors read "FILE:LINE:COL: message".
// Compiles the schema .opslint.yaml is checked against, ahead of parse_config (which otherwise
// does it on first use): lets a start-up thread do it while libgit2 initialises.
void prepare_config_schema();

Result<Config> parse_config(const std::string& text, const std::string& file);

}  // namespace opslint
