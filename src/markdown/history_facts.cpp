// Facts of one version of a watched file, for the history rules.
#include "markdown/history_facts.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

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

// CommonMark block state that hides headings and bullets: fenced code, multi-line HTML comments.
struct Blocks {
  char fence = 0;
  size_t fence_len = 0;
  bool in_comment = false;

  // True when the line (`rest` after `indent` spaces) is hidden, or opens or closes a hidden block.
  bool hidden(std::string_view line, size_t indent, std::string_view rest) {
    if (fence) {
      size_t n = 0;
      while (n < rest.size() && rest[n] == fence) ++n;
      if (indent <= 3 && n >= fence_len && text::trim(rest.substr(n)).empty()) fence = 0;
      return true;
    }
    if (in_comment) {
      if (line.find("-->") != std::string_view::npos) in_comment = false;
      return true;
    }
    if (indent > 3 || rest.empty()) return false;
    if ((rest[0] == '`' || rest[0] == '~') && rest.starts_with(rest[0] == '`' ? "```" : "~~~")) {
      fence = rest[0];
      fence_len = 0;
      while (fence_len < rest.size() && rest[fence_len] == fence) ++fence_len;
      return true;
    }
    if (rest[0] == '<' && rest.starts_with("<!--")) {
      if (rest.find("-->", 4) == std::string_view::npos) in_comment = true;
      return true;
    }
    return false;
  }
};

// Calls f(line, indent, rest, offset) for each line (without its "\r\n") until f returns false.
template <typename F>
void for_each_line(std::string_view text, F&& f) {
  size_t pos = 0;
  while (pos < text.size()) {
    const char* nl = static_cast<const char*>(std::memchr(text.data() + pos, '\n', text.size() - pos));
    const size_t end = nl ? static_cast<size_t>(nl - text.data()) : text.size();
    std::string_view l = text.substr(pos, end - pos);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    size_t indent = 0;
    while (indent < l.size() && indent < 4 && l[indent] == ' ') ++indent;
    if (!f(l, indent, l.substr(indent), pos)) return;
    pos = end + 1;
  }
}

bool is_h2(size_t indent, std::string_view rest) {
  return indent <= 3 && rest.size() >= 2 && rest[0] == '#' && rest[1] == '#' &&
         (rest.size() == 2 || rest[2] == ' ' || rest[2] == '\t');
}

// The ID of a level-2 heading ("## IB-1 Title ##"), empty when it is not an entry.
std::string_view title_id(std::string_view rest, std::string_view prefix) {
  std::string_view title = rest.substr(2);
  size_t end = title.size();
  while (end > 0 && title[end - 1] == '#') --end;
  if (end == 0 || title[end - 1] == ' ' || title[end - 1] == '\t') title = title.substr(0, end);
  return heading_id(text::trim(title), prefix);
}

// The names parse_entries reads as Status and Verification (ops_parse.cpp: entry_key).
bool is_status_key(std::string_view key) { return text::iequals(key, "status") || text::iequals(key, "state"); }
bool is_verification_key(std::string_view key) {
  for (std::string_view k : {"verification", "verify", "verification step", "done when", "acceptance"})
    if (text::iequals(text::fold_space(key), k)) return true;
  return false;
}
bool is_field_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '*'; }

// Whether a line (after its indentation) is in a form only the full parser reads: an entry
// heading below level 2 or with a bracketed ID (### IB-42, ## [IB-42]), or a table row.
bool new_form_line(std::string_view rest, std::string_view prefix) {
  if (rest[0] == '|') return true;
  size_t n = 0;
  while (n < rest.size() && rest[n] == '#') ++n;
  if (n < 2 || n > 6 || n == rest.size() || (rest[n] != ' ' && rest[n] != '\t')) return false;
  std::string_view title = text::trim(rest.substr(n));
  if (title.starts_with('[')) return title.substr(1).starts_with(prefix);
  return n > 2 && !heading_id(title, prefix).empty();
}

// One entry's Status and Verification from its section (heading line first).
EntryFact parse_span(std::string_view span, std::string_view id) {
  EntryFact e{std::string(id), {}, {}};
  Blocks blocks;
  bool first = true, have_status = false, have_verification = false, in_list = false;
  std::string* value = nullptr;  // what a continuation line extends
  for_each_line(span, [&](std::string_view l, size_t indent, std::string_view rest, size_t) {
    if (first) {
      first = false;
      return true;
    }
    if (blocks.hidden(l, indent, rest) || text::trim(rest).empty() || (indent <= 3 && rest[0] == '#')) {
      value = nullptr;  // other heading levels do not end an entry, but end a paragraph
      in_list = false;
      return true;
    }
    const bool bullet = indent <= 1 && (rest[0] == '-' || rest[0] == '*' || rest[0] == '+') &&
                        (rest.size() == 1 || rest[1] == ' ' || rest[1] == '\t');
    // A "Field: value" line outside a list (the list's lines continue it until a blank line).
    const bool field_line = !bullet && !in_list && indent <= 3 && !value && is_field_start(rest[0]);
    if (bullet || field_line) {
      value = nullptr;
      in_list = in_list || bullet;
      const std::string_view item = text::trim(bullet ? rest.substr(1) : rest);
      const size_t colon = item.find(':');
      if (colon == std::string_view::npos) return true;
      const std::string_view key = strip_marks(item.substr(0, colon));
      std::string_view v = item.substr(colon + 1);
      while (!v.empty() && (v.front() == '*' || v.front() == '_')) v.remove_prefix(1);
      v = text::trim(v);
      if (!have_status && is_status_key(key)) {
        have_status = true;
        e.status.assign(v);
        value = &e.status;
      } else if (!have_verification && is_verification_key(key)) {
        have_verification = true;
        e.verification.assign(v);
        value = &e.verification;
      }
      return true;
    }
    const std::string_view t = text::trim(rest);
    if ((t[0] == '-' || t[0] == '*' || t[0] == '+') && (t.size() == 1 || t[1] == ' ' || t[1] == '\t')) {
      value = nullptr;  // a nested list item: neither a field nor part of one
      return true;
    }
    if (value) {  // a continuation line of the item's paragraph
      value->push_back(' ');
      value->append(text::trim(l));
    }
    return true;
  });
  for (char& c : e.status)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  const std::string_view v = e.verification;
  bool folded = true;
  for (size_t i = 0; i < v.size() && folded; ++i)
    if (v[i] == '\t' || v[i] == '\n' || v[i] == '\r' || (v[i] == ' ' && i + 1 < v.size() && v[i + 1] == ' '))
      folded = false;
  if (!folded) e.verification = text::fold_space(v);
  return e;
}

}  // namespace

void EntrySpans::start() {
  ++generation_;
  odd_.clear();
  duplicates_ = false;
}

size_t EntrySpans::scan(std::string_view text, size_t from, std::vector<EntrySpan>& out,
                        const std::function<bool(size_t)>& stop) {
  Blocks blocks;
  size_t open = std::string_view::npos;  // start of the current entry's section
  std::string_view open_id;
  auto close = [&](size_t end) {
    if (open != std::string_view::npos) out.push_back({open_id, text.substr(open, end - open), open, -1});
    open = std::string_view::npos;
  };
  size_t stopped = std::string_view::npos;
  for_each_line(text.substr(from), [&](std::string_view l, size_t indent, std::string_view rest, size_t rel) {
    if (blocks.hidden(l, indent, rest)) return true;
    if (!new_forms_ && indent <= 3 && !rest.empty() && (rest[0] == '#' || rest[0] == '|') &&
        new_form_line(rest, prefix_))
      new_forms_ = true;
    if (!is_h2(indent, rest)) return true;
    const size_t pos = from + rel;
    close(pos);
    if (stop && stop(pos)) {
      stopped = pos;
      return false;
    }
    const std::string_view id = title_id(rest, prefix_);
    if (!id.empty() && first_time(id)) {
      open = pos;
      open_id = id;
    }
    return true;
  });
  if (stopped == std::string_view::npos) close(text.size());
  return stopped;
}

std::vector<EntrySpan> EntrySpans::find(std::string_view text) {
  std::vector<EntrySpan> out;
  start();
  scan(text, 0, out, nullptr);
  return out;
}

bool EntrySpans::first_time(std::string_view id) {
  // Canonical numbers use a stamp table (no hashing); anything else a set.
  const std::string_view digits = id.substr(prefix_.size());
  bool first = false;
  if (digits.size() <= 7 && digits[0] != '0') {
    size_t n = 0;
    for (char c : digits) n = n * 10 + static_cast<size_t>(c - '0');
    if (n >= stamps_.size()) stamps_.resize(n + 1024, 0);
    first = stamps_[n] != generation_;
    stamps_[n] = generation_;
  } else {
    first = odd_.insert(std::string(id)).second;
  }
  duplicates_ = duplicates_ || !first;
  return first;
}

namespace {

size_t common_prefix(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  size_t i = 0;
  constexpr size_t kBlock = 4096;  // memcmp is vectorised; find the differing block, then the byte
  while (i + kBlock <= n && std::memcmp(a.data() + i, b.data() + i, kBlock) == 0) i += kBlock;
  while (i < n && a[i] == b[i]) ++i;
  return i;
}

// Common suffix of a and b, at most `limit` bytes.
size_t common_suffix(std::string_view a, std::string_view b, size_t limit) {
  size_t i = 0;
  constexpr size_t kBlock = 4096;
  while (i + kBlock <= limit &&
         std::memcmp(a.data() + a.size() - i - kBlock, b.data() + b.size() - i - kBlock, kBlock) == 0)
    i += kBlock;
  while (i < limit && a[a.size() - 1 - i] == b[b.size() - 1 - i]) ++i;
  return i;
}

// A section of the previous text, found again at `start` in `text`: its views must point into
// `text`, which outlives the previous one.
EntrySpan moved(const EntrySpan& s, std::string_view text, size_t start, int prev) {
  const size_t id_at = static_cast<size_t>(s.id.data() - s.bytes.data());
  return {text.substr(start + id_at, s.id.size()), text.substr(start, s.bytes.size()), start, prev};
}

}  // namespace

// The new version's sections: those wholly inside the common prefix are the previous version's;
// the scan restarts after them and stops at the first heading inside the common suffix that began
// a section before, whose sections are the previous version's again (shifted). Only the edited
// middle is read line by line.
std::vector<EntrySpan> EntryVersions::spans_of(std::string_view text) {
  const std::string_view old = prev_text_;
  std::vector<EntrySpan> out;
  out.reserve(prev_.size() + 16);
  finder_.start();
  const size_t p = common_prefix(old, text);
  size_t line = text.substr(0, p).rfind('\n');
  line = line == std::string_view::npos ? 0 : line + 1;  // the changed line starts here
  size_t from = 0;
  for (size_t i = 0; i < prev_.size(); ++i) {
    const EntrySpan& s = prev_[i];
    if (s.start + s.bytes.size() >= line) break;  // reaches the changed line (or the next heading is on it)
    finder_.first_time(s.id);
    out.push_back(moved(s, text, s.start, static_cast<int>(i)));
    from = s.start + s.bytes.size();
  }
  // Rescanning from the end of the last reused section, a heading in normal block state.
  const size_t rest = std::min(old.size(), text.size()) - std::min(p, std::min(old.size(), text.size()));
  const size_t suffix = prev_duplicates_ ? 0 : common_suffix(old, text, rest);
  const long shift = static_cast<long>(old.size()) - static_cast<long>(text.size());
  size_t join = SIZE_MAX;  // index into prev_ where the suffix takes over
  auto stop = [&](size_t pos) {
    if (suffix == 0 || pos < text.size() - suffix) return false;
    const size_t at = static_cast<size_t>(static_cast<long>(pos) + shift);
    auto it =
        std::lower_bound(prev_.begin(), prev_.end(), at, [](const EntrySpan& s, size_t v) { return s.start < v; });
    if (it == prev_.end() || it->start != at) return false;
    join = static_cast<size_t>(it - prev_.begin());
    return true;
  };
  finder_.scan(text, from, out, stop);
  if (join != SIZE_MAX)
    for (size_t i = join; i < prev_.size(); ++i) {
      const EntrySpan& s = prev_[i];
      if (!finder_.first_time(s.id)) continue;  // an earlier entry now has this ID
      out.push_back(moved(s, text, static_cast<size_t>(static_cast<long>(s.start) - shift), static_cast<int>(i)));
    }
  return out;
}

std::vector<EntryChange> EntryVersions::next(std::string_view text) {
  if (!full_) {
    std::vector<EntrySpan> spans = spans_of(text);
    if (!finder_.new_forms()) return next_scanned(text, std::move(spans));
    full_ = true;  // from this version on, the full parser reads every version
  }
  std::unordered_map<std::string, EntryFact> now;
  for (EntryFact& f : full_entry_facts(text, prefix_)) {
    std::string id = f.id;
    now.emplace(std::move(id), std::move(f));
  }
  std::vector<EntryChange> changes;
  for (auto& [id, fact] : now) {
    auto it = facts_.find(id);
    if (it == facts_.end())
      changes.push_back({id, std::nullopt, fact});
    else if (!(it->second == fact))
      changes.push_back({id, it->second, fact});
  }
  for (const auto& [id, fact] : facts_)
    if (!now.count(id)) changes.push_back({id, fact, std::nullopt});
  std::sort(changes.begin(), changes.end(), [](const EntryChange& a, const EntryChange& b) { return a.id < b.id; });
  facts_ = std::move(now);
  return changes;
}

std::vector<EntryChange> EntryVersions::next_scanned(std::string_view text, std::vector<EntrySpan> spans) {
  std::vector<EntryChange> changes;
  // Where each ID was in the previous version: by position first (entries rarely move), else by hash.
  std::unordered_map<std::string_view, size_t> where;
  bool indexed = false;
  std::vector<bool> kept(prev_.size(), false);
  size_t hint = 0;
  for (EntrySpan& s : spans) {
    if (s.prev >= 0) {  // reused: the same bytes, so the same facts
      kept[static_cast<size_t>(s.prev)] = true;
      hint = static_cast<size_t>(s.prev) + 1;
      continue;
    }
    size_t at = SIZE_MAX;
    if (hint < prev_.size() && prev_[hint].id == s.id) {
      at = hint;
    } else {
      if (!indexed) {
        where.reserve(prev_.size());
        for (size_t i = 0; i < prev_.size(); ++i) where.emplace(prev_[i].id, i);
        indexed = true;
      }
      if (auto it = where.find(s.id); it != where.end()) at = it->second;
    }
    if (at != SIZE_MAX) {
      kept[at] = true;
      hint = at + 1;
      if (prev_[at].bytes == s.bytes) continue;  // the same text has the same facts
    }
    EntryFact fact = parse_span(s.bytes, s.id);
    auto it = facts_.find(fact.id);
    if (it == facts_.end()) {
      changes.push_back({fact.id, std::nullopt, fact});
      facts_.emplace(fact.id, std::move(fact));
    } else if (!(it->second == fact)) {
      changes.push_back({fact.id, it->second, fact});
      it->second = std::move(fact);
    }
  }
  for (size_t i = 0; i < prev_.size(); ++i) {
    if (kept[i]) continue;
    auto it = facts_.find(std::string(prev_[i].id));
    if (it == facts_.end()) continue;
    changes.push_back({it->first, it->second, std::nullopt});
    facts_.erase(it);
  }
  for (EntrySpan& s : spans) s.prev = -1;
  prev_ = std::move(spans);
  prev_text_ = text;
  prev_duplicates_ = finder_.duplicates();
  return changes;
}

std::vector<EntryFact> scan_entries(std::string_view text, std::string_view prefix) {
  EntrySpans finder{std::string(prefix)};
  std::vector<EntryFact> out;
  const std::vector<EntrySpan> spans = finder.find(text);
  if (finder.new_forms()) return full_entry_facts(text, std::string(prefix));
  for (const EntrySpan& s : spans) out.push_back(parse_span(s.bytes, s.id));
  return out;
}

std::vector<EntryFact> full_entry_facts(std::string_view text, const std::string& prefix) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<EntryFact> out;
  if (text.find('\0') != std::string_view::npos || text::invalid_utf8_offset(text) != std::string_view::npos) return out;
  const Document doc = parse_document("backlog", text);
  std::unordered_set<std::string> seen;
  for (const Entry& e : parse_entries(doc, prefix)) {
    if (!seen.insert(e.id).second) continue;  // the first entry of an ID wins, as in the scanner
    const std::string* status = e.field("status");
    const std::string* verification = e.field("verification");
    out.push_back({e.id, status ? text::lower(*status) : std::string(),
                   verification ? text::fold_space(*verification) : std::string()});
  }
  return out;
}

std::string fold_text(std::string_view s) { return text::lower(text::fold_space(s)); }

FileVersion document_facts(const Document& doc, const std::vector<const Action*>& actions, bool whole_file) {
  FileVersion v;
  for (const Action* a : actions)
    v.actions.push_back(
        ActionFact{a->id, a->id_explicit, a->text, text::fold_space(a->verification), is_closed(a->resolved_status),
                   a->resolved_status == ActionStatus::Done, a->due});
  if (whole_file) return v;
  // The record is everything but the Actions sections, whose statuses move on after the meeting.
  // Line endings are left out, so a checkout with CRLF holds the same record as the blob.
  std::vector<std::pair<int, int>> skip;  // [first, last) line ranges
  for (size_t i = 0; i < doc.sections.size(); ++i) {
    const Section& s = doc.sections[i];
    if (s.level != 2 || !is_actions_heading(s.normalized)) continue;
    skip.emplace_back(s.pos.line, i + 1 < doc.sections.size() ? doc.sections[i + 1].pos.line : 1 << 30);
  }
  uint64_t h = fnv1a("");
  int line = 1;
  for_each_line(doc.text, [&](std::string_view l, size_t, std::string_view, size_t) {
    bool skipped = false;
    for (const auto& [first, last] : skip) skipped = skipped || (line >= first && line < last);
    if (!skipped) h = fnv1a("\n", fnv1a(l, h));
    ++line;
    return true;
  });
  v.record_hash = h;
  return v;
}

FileVersion period_file_facts(const std::string& path, std::string_view text, const std::string& period,
                              bool whole_file, const std::string& backlog_prefix) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (text.find('\0') != std::string_view::npos || text::invalid_utf8_offset(text) != std::string_view::npos) {
    FileVersion v;
    v.readable = false;
    return v;
  }
  const Document doc = parse_document(path, text);
  const std::vector<Action> actions = parse_actions(doc, period, whole_file, backlog_prefix);
  std::vector<const Action*> ptrs;
  ptrs.reserve(actions.size());
  for (const Action& a : actions) ptrs.push_back(&a);
  return document_facts(doc, ptrs, whole_file);
}

}  // namespace opslint
