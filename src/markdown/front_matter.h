// The YAML between a minutes file's "---" lines → FrontMatter fields, with file positions.
#pragma once
#include <string_view>

#include "model/ops.h"

namespace opslint {

// `yaml` is the text after the opening "---" line (file line 2 onwards) up to the closing line;
// valid UTF-8 without a BOM. Sets fm.fields, or fm.error / fm.error_pos on a YAML syntax error or
// a root that is not a mapping. Positions are the file's (line 1-based, column in bytes, 1-based).
void parse_front_matter_yaml(std::string_view yaml, FrontMatter& fm);

}  // namespace opslint
