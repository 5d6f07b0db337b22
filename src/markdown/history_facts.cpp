// Facts of one version of a watched file, for the history rules.
#include "markdown/history_facts.h"

#include <cstring>
#include <unordered_set>

#include "markdown/document.h"
#include "markdown/ops_parse.h"
#include "util/text.h"

namespace opslint {

namespace {

bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// "IB-42 Title" → "IB-42" when the heading starts with the prefix, digits and a word boundary.
std::string_view heading_id(std::string_view title, std::string_view prefix) {
  if (!title.starts_with(prefix)) return {};
  size_t i = prefix.size();
  while (i < title.size() && title[i] >= '0' && title[i] <= '9') ++i;
  if (i == prefix.size()) return {};
  if (i < title.size() && is_word(title[i])) return {};
  return title.substr(0, i);
}

// Markup around a field name ("**Status:** done", "`Verification`: …") as cmark would strip it.
std::string_view strip_marks(std::string_view s) {
  while (!s.empty() && (s.front() == '*' || s.front() == '_' || s.front() == '`')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == '*' || s.back() == '_' || s.back() == '`')) s.remove_suffix(1);
  return text::trim(s);
}

struct Scanner {
  std::string_view prefix;
  std::vector<EntryFact> out;
  std::unordered_set<std::string> seen;
  bool in_entry = false;  // reading the bullets of out.back()
  bool have_status = false, have_verification = false;
  enum class Value { None, Status, Verification } value = Value::None;  // what a continuation line extends
  char fence = 0;
  size_t fence_len = 0;
  bool in_comment = false;

  void field(std::string_view item) {
    value = Value::None;
    if (!in_entry) return;
    const size_t colon = item.find(':');
    if (colon == std::string_view::npos) return;
    const std::string key = text::lower(text::fold_space(strip_marks(item.substr(0, colon))));
    std::string_view v = item.substr(colon + 1);
    while (!v.empty() && (v.front() == '*' || v.front() == '_')) v.remove_prefix(1);
    if (key == "status" && !have_status) {
      have_status = true;
      out.back().status = text::lower(text::trim(v));
      value = Value::Status;
    } else if (key == "verification" && !have_verification) {
      have_verification = true;
      out.back().verification = std::string(text::trim(v));
      value = Value::Verification;
    }
  }

  void heading(std::string_view title) {
    value = Value::None;
    in_entry = false;
    // Closing sequence: "## IB-1 Title ##".
    size_t end = title.size();
    while (end > 0 && title[end - 1] == '#') --end;
    if (end == 0 || title[end - 1] == ' ' || title[end - 1] == '\t') title = title.substr(0, end);
    title = text::trim(title);
    const std::string_view id = heading_id(title, prefix);
    if (id.empty() || !seen.insert(std::string(id)).second) return;
    out.push_back(EntryFact{std::string(id), {}, {}});
    in_entry = true;
    have_status = have_verification = false;
  }

  void line(std::string_view l) {
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    size_t indent = 0;
    while (indent < l.size() && indent < 4 && l[indent] == ' ') ++indent;
    std::string_view rest = l.substr(indent);
    if (fence) {
      size_t n = 0;
      while (n < rest.size() && rest[n] == fence) ++n;
      if (indent <= 3 && n >= fence_len && text::trim(rest.substr(n)).empty()) fence = 0;
      return;
    }
    if (in_comment) {
      if (l.find("-->") != std::string_view::npos) in_comment = false;
      return;
    }
    if (text::trim(l).empty()) {
      value = Value::None;
      return;
    }
    if (indent <= 3) {
      if (rest.starts_with("```") || rest.starts_with("~~~")) {
        fence = rest[0];
        fence_len = 0;
        while (fence_len < rest.size() && rest[fence_len] == fence) ++fence_len;
        value = Value::None;
        return;
      }
      if (rest.starts_with("<!--")) {
        if (rest.find("-->", 4) == std::string_view::npos) in_comment = true;
        value = Value::None;
        return;
      }
      if (rest.starts_with("##") && (rest.size() == 2 || rest[2] == ' ' || rest[2] == '\t')) {
        heading(rest.substr(2));
        return;
      }
      if (rest.starts_with("#")) {  // other heading levels do not end an entry
        value = Value::None;
        return;
      }
    }
    if (indent <= 1 && !rest.empty() && (rest[0] == '-' || rest[0] == '*' || rest[0] == '+') &&
        (rest.size() == 1 || rest[1] == ' ' || rest[1] == '\t')) {
      field(text::trim(rest.substr(1)));
      return;
    }
    // A continuation line of the current item's paragraph.
    if (value != Value::None) {
      std::string& v = value == Value::Status ? out.back().status : out.back().verification;
      v.push_back(' ');
      v.append(value == Value::Status ? text::lower(text::trim(l)) : std::string(text::trim(l)));
    }
  }
};

}  // namespace

std::string fold_text(std::string_view s) { return text::lower(text::fold_space(s)); }

std::vector<EntryFact> scan_entries(std::string_view text, std::string_view prefix) {
  Scanner sc;
  sc.prefix = prefix;
  sc.out.reserve(text.size() / 256);
  size_t pos = 0;
  while (pos < text.size()) {
    const char* nl = static_cast<const char*>(std::memchr(text.data() + pos, '\n', text.size() - pos));
    const size_t end = nl ? static_cast<size_t>(nl - text.data()) : text.size();
    sc.line(text.substr(pos, end - pos));
    pos = end + 1;
  }
  for (EntryFact& e : sc.out) e.verification = text::fold_space(e.verification);
  return std::move(sc.out);
}

FileVersion period_file_facts(const std::string& path, std::string_view text, const std::string& period,
                              bool whole_file, const std::string& backlog_prefix) {
  FileVersion v;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (text.find('\0') != std::string_view::npos || text::invalid_utf8_offset(text) != std::string_view::npos) {
    v.readable = false;
    return v;
  }
  const Document doc = parse_document(path, text);
  for (const Action& a : parse_actions(doc, period, whole_file, backlog_prefix))
    v.actions.push_back(ActionFact{a.id, a.id_explicit, a.text, text::fold_space(a.verification),
                                   is_closed(a.resolved_status)});
  if (!whole_file) {
    // The record is everything but the Actions sections, whose statuses move on after the meeting.
    std::vector<std::pair<int, int>> skip;  // [first, last) line ranges
    for (size_t i = 0; i < doc.sections.size(); ++i) {
      const Section& s = doc.sections[i];
      if (s.level != 2 || !s.normalized.starts_with("actions")) continue;
      const int last = i + 1 < doc.sections.size() ? doc.sections[i + 1].pos.line : 1 << 30;
      skip.emplace_back(s.pos.line, last);
    }
    uint64_t h = fnv1a("");
    int line = 1;
    size_t pos = 0;
    while (pos <= text.size()) {
      size_t end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      bool skipped = false;
      for (const auto& [first, last] : skip) skipped = skipped || (line >= first && line < last);
      if (!skipped) h = fnv1a(text.substr(pos, end - pos + (end < text.size() ? 1 : 0)), h);
      pos = end + 1;
      ++line;
    }
    v.record_hash = h;
  }
  return v;
}

}  // namespace opslint
