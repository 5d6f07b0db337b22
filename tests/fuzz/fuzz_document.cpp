// libFuzzer target for the Markdown → Document → actions/entries parsers (build with OPSLINT_FUZZ=ON, clang).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "markdown/document.h"
#include "markdown/ops_parse.h"
#include "util/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // The snapshot only hands valid UTF-8 without NUL bytes to the parser; mirror that contract.
  if (text.find('\0') != std::string_view::npos || opslint::text::invalid_utf8_offset(text) != std::string_view::npos)
    return 0;
  const auto doc = opslint::parse_document("ops/operations/weekly/2026-48/minutes.md", text);
  (void)opslint::parse_actions(doc, "2026-48", true, "IB-");
  (void)opslint::parse_entries(doc, "IB-");
  for (const auto& l : doc.links) (void)opslint::resolve_link(doc.path, l.url);
  return 0;
}
