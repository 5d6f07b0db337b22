// Escaping text from data for the place it is printed: a terminal, a Markdown table, HTML, a
// GitHub workflow command. Every formatter that writes data for people to read goes through here.
#pragma once
#include <string>
#include <string_view>

namespace opslint::escape {

// Safe on a terminal: C0 and C1 controls and DEL as \x1b or \u0085, bidirectional overrides,
// isolates and marks (and U+2028/U+2029) as \u202e, each byte of invalid UTF-8 as \xff. A newline
// in data is \x0a: only a formatter's own newlines end lines.
std::string printable(std::string_view s);
// printable(), then safe in a GFM table cell or list item: & < > as HTML entities (no tag or
// entity from data), | and ` escaped with a backslash.
std::string markdown(std::string_view s);
// Safe in HTML text and attribute values: & < > " as entities, controls as printable() shows them.
std::string html(std::string_view s);
// A GitHub workflow command's message (@actions/core escapeData: % CR LF), then printable().
std::string workflow_data(std::string_view s);
// A workflow command's property value (escapeProperty): also : and , which separate properties.
std::string workflow_property(std::string_view s);

}  // namespace opslint::escape
