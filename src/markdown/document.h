// Markdown text → Document: front matter, level-2 sections, list items, tables, links, suppressions.
#pragma once
#include <string>
#include <string_view>

#include "model/ops.h"

namespace opslint {

// `text` must be valid UTF-8 without NUL bytes (the snapshot checks that first).
Document parse_document(std::string path, std::string_view text);

// Case-insensitive; leading numbering ("1.", "2)") and a trailing "(10 min)" dropped, "&" read as
// "and", white space folded.
std::string normalize_heading(std::string_view heading);

// A minutes section that declares actions ("## 5. Actions & owners (10 min)", "## Actions",
// "## Action items", "## Follow-ups", "## Next steps"), SPEC §2.2.
inline bool is_actions_heading(std::string_view normalized) {
  for (std::string_view p : {"actions", "action items", "follow-ups", "follow ups", "followups", "next steps"})
    if (normalized.starts_with(p)) return true;
  return false;
}

}  // namespace opslint
