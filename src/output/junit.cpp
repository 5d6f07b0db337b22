// Findings → JUnit XML: a testcase per linted file, a failure per finding.
#include <fmt/format.h>

#include <map>

#include "output/format.h"

namespace opslint {

namespace {

// Decodes one UTF-8 sequence at s[i] (advancing i); invalid bytes decode as U+FFFD, one byte each.
char32_t next_code_point(std::string_view s, size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? b : b & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c >> 6) != 0x2) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  i += len;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// XML 1.0's Char production; anything else cannot appear in a document, even as a reference.
bool xml_char(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

// Escapes for element text or (attribute=true) a double-quoted attribute, where white space other
// than a space would be normalised away unless written as a reference. Characters XML 1.0 forbids
// become U+FFFD.
std::string xml_escape(std::string_view s, bool attribute) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const char32_t c = next_code_point(s, i);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += attribute ? "&quot;" : "\""; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\r': out += "&#13;"; break;
      default: append_utf8(out, xml_char(c) ? c : 0xFFFD);
    }
  }
  return out;
}

}  // namespace

std::string format_junit(const std::vector<Finding>& findings, const RunInfo& run) {
  // Every linted file is a testcase; a finding about any other path (a file that should exist,
  // "." for the repository as a whole) gets a testcase of its own.
  std::map<std::string, std::vector<const Finding*>> cases;
  for (const auto& p : run.paths) cases[p];
  for (const auto& f : findings) cases[f.file].push_back(&f);
  size_t failing = 0;
  for (const auto& [file, fs] : cases) failing += fs.empty() ? 0 : 1;

  std::string body;
  for (const auto& [file, fs] : cases) {
    const std::string name = xml_escape(file, true);
    if (fs.empty()) {
      body += fmt::format("    <testcase classname=\"opslint\" name=\"{}\"/>\n", name);
      continue;
    }
    body += fmt::format("    <testcase classname=\"opslint\" name=\"{}\">\n", name);
    for (const Finding* f : fs)
      body += fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n", xml_escape(f->message, true),
                          xml_escape(f->rule, true),
                          xml_escape(fmt::format("{}:{}:{}: {}: {} [{} {}]", f->file, f->pos.line, f->pos.column,
                                                 severity_name(f->severity), f->message, f->rule, rule_name(f->rule)),
                                     false));
    body += "    </testcase>\n";
  }
  const std::string counts = fmt::format("tests=\"{}\" failures=\"{}\" errors=\"0\"", cases.size(), failing);
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuites name=\"opslint\" {0}>\n"
      "  <testsuite name=\"opslint\" {0} skipped=\"0\">\n"
      "{1}"
      "  </testsuite>\n"
      "</testsuites>\n",
      counts, body);
}

}  // namespace opslint
