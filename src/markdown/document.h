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

}  // namespace opslint
