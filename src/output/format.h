// Findings → text or JSON (SPEC §5.1). Formatting happens at the edge, nowhere else.
#pragma once
#include <string>
#include <vector>

#include "model/finding.h"

namespace opslint {

struct RunInfo {
  std::string source;  // worktree | index | commit id
  size_t files = 0;
  bool color = false;
};

std::string format_text(const std::vector<Finding>& findings, const RunInfo& run);
std::string format_json(const std::vector<Finding>& findings, const RunInfo& run);

}  // namespace opslint
