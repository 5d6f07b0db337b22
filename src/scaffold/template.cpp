// Template lookup (ops repo override, else embedded) and {{placeholder}} rendering.
#include "scaffold/template.h"

#include <fmt/format.h>

#include "util/file_read.h"
#include "util/resources.h"
#include "util/text.h"

namespace opslint {

namespace {

constexpr uint64_t kMaxTemplateBytes = 1 << 20;

bool is_name(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

std::string known_names(const TemplateVars& vars) {
  std::vector<std::string> names;
  for (const auto& [k, v] : vars) names.push_back(k);
  return text::join(names, ", ");
}

}  // namespace

Result<std::string> render_template(const Template& t, const TemplateVars& vars) {
  std::string out;
  out.reserve(t.text.size() * 2);
  const std::string_view s = t.text;
  size_t pos = 0;
  int line = 1;
  while (pos < s.size()) {
    const size_t open = s.find("{{", pos);
    const size_t stop = open == std::string_view::npos ? s.size() : open;
    for (size_t i = pos; i < stop; ++i) line += s[i] == '\n';
    out.append(s.substr(pos, stop - pos));
    if (open == std::string_view::npos) break;
    // A placeholder never spans lines, so a stray "{{" is reported where it stands.
    const size_t eol = s.find('\n', open);
    const size_t close = s.find("}}", open + 2);
    if (close == std::string_view::npos || (eol != std::string_view::npos && close > eol))
      return Error{fmt::format("{}:{}: unclosed placeholder '{{{{' (placeholders are {{{{name}}}})", t.name, line)};
    const std::string_view raw = s.substr(open, close + 2 - open);
    const std::string_view name = text::trim(s.substr(open + 2, close - open - 2));
    const auto it = is_name(name) ? vars.find(std::string(name)) : vars.end();
    if (it == vars.end())
      return Error{fmt::format("{}:{}: unknown placeholder {}; known: {}", t.name, line, raw, known_names(vars))};
    out += it->second;
    pos = close + 2;
  }
  return out;
}

Template load_template(const std::string& root, const std::vector<std::string>& candidates) {
  const RootFolder repo(root);
  for (const auto& c : candidates) {
    const std::string rel = ".opslint/templates/" + c;
    const FileRead r = repo.read(rel, kMaxTemplateBytes);
    switch (r.status) {
      case FileRead::Status::Missing: continue;
      case FileRead::Status::Read:
        if (r.bytes.find('\0') != std::string::npos || text::invalid_utf8_offset(r.bytes) != std::string::npos)
          throw Fatal{fmt::format("template {} is not UTF-8 text (it holds a NUL or an invalid byte)", rel)};
        return Template{rel, r.bytes};
      case FileRead::Status::TooLarge:
        throw Fatal{fmt::format("template {} is larger than {} bytes", rel, kMaxTemplateBytes)};
      case FileRead::Status::Refused: throw Fatal{fmt::format("template {} {}", rel, r.reason)};
    }
  }
  const std::string builtin = "templates/" + candidates.back();
  const auto bytes = find_resource(builtin);
  if (!bytes) throw Fatal{fmt::format("internal error: no built-in template {}", builtin)};
  return Template{builtin + " (built in)", std::string(*bytes)};
}

}  // namespace opslint
