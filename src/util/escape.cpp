// One sanitiser for every human-readable output; the formats differ only in what they add to it.
#include "util/escape.h"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <utility>

#include "util/text.h"

namespace opslint::escape {

namespace {

// Code points that reorder or hide text on a terminal or in a browser (Trojan Source).
bool is_bidi(char32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029;
}

// s with each character that `subs` names replaced by its replacement.
std::string substitute(std::string_view s, std::initializer_list<std::pair<char, std::string_view>> subs) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    auto it = std::find_if(subs.begin(), subs.end(), [c](const auto& p) { return p.first == c; });
    if (it == subs.end())
      out += c;
    else
      out += it->second;
  }
  return out;
}

}  // namespace

std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  char32_t cp = 0;
  for (size_t i = 0; i < s.size();) {
    const size_t len = text::utf8_sequence(s, i, cp);
    if (len == 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(s[i]));
      ++i;
      continue;
    }
    if (cp < 0x20 || cp == 0x7F)
      out += fmt::format("\\x{:02x}", static_cast<unsigned>(cp));
    else if ((cp >= 0x80 && cp <= 0x9F) || is_bidi(cp))
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(cp));
    else
      out.append(s.data() + i, len);
    i += len;
  }
  return out;
}

std::string markdown(std::string_view s) {
  return substitute(printable(s), {{'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"}, {'|', "\\|"}, {'`', "\\`"}});
}

std::string html(std::string_view s) {
  return substitute(printable(s), {{'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"}, {'"', "&quot;"}});
}

std::string workflow_data(std::string_view s) {
  // GitHub turns %0A back into a line break inside the annotation, where it cannot start a command.
  return printable(substitute(s, {{'%', "%25"}, {'\r', "%0D"}, {'\n', "%0A"}}));
}

std::string workflow_property(std::string_view s) { return substitute(workflow_data(s), {{':', "%3A"}, {',', "%2C"}}); }

}  // namespace opslint::escape
