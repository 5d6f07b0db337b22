// Documents → ops records: actions, backlog entries, risks, link targets.
#include "markdown/ops_parse.h"

#include <re2/re2.h>

#include <optional>

#include "markdown/document.h"
#include "util/regex_cache.h"
#include "util/text.h"

namespace opslint {

namespace {

enum class Col { Id, Text, Owner, Due, Verification, Backlog, Status, Evidence, None };

Col column_for(std::string_view header) {
  const std::string h = text::lower(text::fold_space(header));
  if (h == "id") return Col::Id;
  if (h == "action") return Col::Text;
  if (h == "owner") return Col::Owner;
  if (h == "due" || h == "due date") return Col::Due;
  if (h == "verification" || h == "verify" || h == "verification step") return Col::Verification;
  if (h == "backlog") return Col::Backlog;
  if (h == "status") return Col::Status;
  if (h == "evidence") return Col::Evidence;
  return Col::None;
}

std::string* field_slot(Action& a, std::string_view key) {
  const std::string k = text::lower(key);
  if (k == "owner") return &a.owner;
  if (k == "due") return &a.due;
  if (k == "verify" || k == "verification") return &a.verification;
  if (k == "backlog") return &a.backlog;
  if (k == "status") return &a.status;
  if (k == "evidence") return &a.evidence;
  return nullptr;
}

void resolve(Action& a, const std::string& prefix) {
  if (auto st = action_status_from(a.status))
    a.resolved_status = *st;
  else if (!a.status.empty())
    a.resolved_status = ActionStatus::Unknown;
  else
    a.resolved_status = a.task_form && a.checked ? ActionStatus::Done : ActionStatus::Open;
  a.backlog_ids = find_ids(a.backlog, a.links, prefix);
}

// "Key: value" where `key_colon` matches the key and its colon at the start of `s`: (key, value),
// both trimmed. Only the match's extent is asked of RE2 (its DFA alone), not submatches, which
// would cost a second, slower pass per line.
std::optional<std::pair<std::string_view, std::string_view>> prefix_field(std::string_view s, const RE2& key_colon) {
  re2::StringPiece m;
  if (!key_colon.Match(re2::StringPiece(s.data(), s.size()), 0, s.size(), RE2::ANCHOR_START, &m, 1)) return std::nullopt;
  const size_t colon = m.size() - 1;  // every key pattern ends with the colon
  return std::pair{text::trim(s.substr(0, colon)), text::trim(s.substr(colon + 1))};
}

}  // namespace

std::optional<ActionStatus> action_status_from(std::string_view s) {
  const std::string v = text::lower(text::fold_space(s));
  if (v == "open" || v == "todo") return ActionStatus::Open;
  if (v == "in-progress" || v == "in progress") return ActionStatus::InProgress;
  if (v == "done" || v == "closed") return ActionStatus::Done;
  if (v == "dropped") return ActionStatus::Dropped;
  return std::nullopt;
}

void parse_task_text(std::string_view input, Action& a) {
  // Only the A<n> form (SPEC 2.2): "S3 bucket …", "P95 alert …" or "INC-4821 follow-up …" are action text.
  static const RE2 id_re(R"(^(A[0-9]+)[:.]?\s+)");
  static const RE2 key_re(R"((?i)\b(owner|due|verification|verify|backlog|status|evidence)\s*:)");
  // Matched as a prefix: the value is the rest of the piece, trimmed (pieces hold no newline).
  static const RE2 piece_re(R"((?i)\s*(owner|due|verification|verify|backlog|status|evidence)\s*:)");
  static const RE2 comma_key_re(R"((?i),\s*(?:owner|due|verification|verify|backlog|status|evidence)\s*:)");
  std::string s = text::fold_space(input);
  std::string id;
  re2::StringPiece sp(s);
  if (RE2::Consume(&sp, id_re, &id)) {
    a.id = id;
    a.id_explicit = true;
    s = std::string(sp.data(), sp.size());
  }
  // Fields start after " — " / " -- " or at the first known key, whichever comes first.
  size_t start = std::string::npos, fields_at = std::string::npos;
  for (std::string_view sep : {" \xE2\x80\x94 ", " -- ", " \xE2\x80\x93 "}) {
    const size_t p = s.find(sep);
    if (p != std::string::npos && p < start) {
      start = p;
      fields_at = p + sep.size();
    }
  }
  re2::StringPiece key_match;
  if (key_re.Match(s, 0, s.size(), RE2::UNANCHORED, &key_match, 1)) {
    const size_t p = static_cast<size_t>(key_match.data() - s.data());
    if (p < start) start = fields_at = p;
  }
  if (start == std::string::npos) {
    a.text = s;
    return;
  }
  a.text = std::string(text::trim(s.substr(0, start)));
  std::string* last = nullptr;
  for (std::string_view seg : text::split(std::string_view(s).substr(fields_at), ';')) {
    // Inside a segment, a comma starts a new field only when a known key follows it.
    std::vector<std::string_view> pieces;
    size_t from = 0;
    re2::StringPiece m;
    while (comma_key_re.Match(seg, from, seg.size(), RE2::UNANCHORED, &m, 1)) {
      const size_t at = static_cast<size_t>(m.data() - seg.data());
      pieces.push_back(seg.substr(from, at - from));
      from = at + 1;
    }
    pieces.push_back(seg.substr(from));
    for (std::string_view piece : pieces) {
      if (auto kv = prefix_field(piece, piece_re)) {
        last = field_slot(a, kv->first);
        if (last && last->empty()) *last = std::string(kv->second);
      } else if (!text::trim(piece).empty()) {
        std::string& target = last ? *last : a.text;
        target += (target.empty() ? "" : "; ") + std::string(text::trim(piece));
      }
    }
  }
}

std::vector<Action> parse_actions(const Document& doc, const std::string& period, bool whole_file,
                                  const std::string& backlog_prefix) {
  std::vector<Action> out;
  int position = 0;
  auto add = [&](Action a) {
    ++position;
    if (a.id.empty()) a.id = "A" + std::to_string(position);
    a.file = doc.path;
    a.period = period;
    resolve(a, backlog_prefix);
    out.push_back(std::move(a));
  };
  for (const Section& sec : doc.sections) {
    if (!whole_file && !is_actions_heading(sec.normalized)) continue;
    for (const Table& t : sec.tables) {
      std::vector<Col> cols;
      bool has_action = false, has_backlog = false;
      for (const auto& h : t.header) {
        cols.push_back(column_for(h));
        has_action = has_action || cols.back() == Col::Text;
        has_backlog = has_backlog || cols.back() == Col::Backlog;
      }
      if (!has_action) continue;
      for (const auto& row : t.rows) {
        Action a;
        a.pos = row.pos;
        a.has_backlog_column = has_backlog;
        bool any = false;
        for (size_t i = 0; i < cols.size() && i < row.cells.size(); ++i) {
          const std::string& v = row.cells[i];
          any = any || !v.empty();
          switch (cols[i]) {
            case Col::Id:
              a.id = v;
              a.id_explicit = !v.empty();
              break;
            case Col::Text: a.text = v; break;
            case Col::Owner: a.owner = v; break;
            case Col::Due: a.due = v; break;
            case Col::Verification: a.verification = v; break;
            case Col::Backlog:
              a.backlog = v;
              a.links.insert(a.links.end(), row.links[i].begin(), row.links[i].end());
              break;
            case Col::Status: a.status = v; break;
            case Col::Evidence:
              a.evidence = v;
              if (v.empty() && !row.links[i].empty()) a.evidence = row.links[i].front().url;
              break;
            case Col::None: break;
          }
        }
        if (any) add(std::move(a));
      }
    }
    for (const ListItem& item : sec.items) {
      if (!item.task) continue;
      Action a;
      a.pos = item.pos;
      a.task_form = true;
      a.checked = item.checked;
      a.links = item.links;
      parse_task_text(item.text, a);
      add(std::move(a));
    }
  }
  return out;
}

std::vector<std::string> find_ids(std::string_view text, const std::vector<Link>& links, const std::string& prefix) {
  const RE2& re = cached_regex("(?i)(?:^|[^A-Za-z0-9])(" + RE2::QuoteMeta(prefix) + "[0-9]+)\\b");
  std::vector<std::string> out;
  auto scan = [&](std::string_view s) {
    re2::StringPiece in(s.data(), s.size());
    std::string id;
    while (RE2::FindAndConsume(&in, re, &id)) out.push_back(prefix + id.substr(prefix.size()));
  };
  scan(text);
  if (out.empty())
    for (const auto& l : links) {
      const size_t hash = l.url.find('#');
      scan(l.text);
      if (hash != std::string::npos) scan(std::string_view(l.url).substr(hash + 1));
    }
  return out;
}

std::vector<Entry> parse_entries(const Document& doc, const std::string& prefix) {
  // Matched as a prefix: the title is the rest of the heading (folded: no newline in it).
  const RE2& head = cached_regex("(" + RE2::QuoteMeta(prefix) + "[0-9]+)\\b[\\s:.\\-\xE2\x80\x94]*");
  // Matched as a prefix, so RE2 only reads the key; the value is the rest of the item, trimmed
  // (item text is folded: it holds no newline).
  static const RE2 field_re(R"(([A-Za-z][A-Za-z /_-]*?)\s*:)");
  std::vector<Entry> out;
  for (const Section& sec : doc.sections) {
    if (sec.level != 2) continue;
    Entry e;
    re2::StringPiece m[2];
    if (!head.Match(sec.title, 0, sec.title.size(), RE2::ANCHOR_START, m, 2)) continue;
    e.id = std::string(m[1].data(), m[1].size());
    e.title = sec.title.substr(m[0].size());
    e.file = doc.path;
    e.pos = sec.pos;
    for (const ListItem& item : sec.items) {
      if (item.depth != 0) continue;
      if (auto kv = prefix_field(item.text, field_re))
        e.fields.emplace(text::lower(text::fold_space(kv->first)), std::make_pair(std::string(kv->second), item.pos));
    }
    out.push_back(std::move(e));
  }
  return out;
}

bool is_absolute_url(std::string_view url) {
  static const RE2 scheme(R"(^[A-Za-z][A-Za-z0-9+.\-]*:.*)");
  return RE2::FullMatch(url, scheme) || url.starts_with("//");
}

std::optional<std::string> resolve_link(std::string_view doc_path, std::string_view url) {
  if (url.empty() || url.front() == '#' || is_absolute_url(url)) return std::nullopt;
  url = url.substr(0, url.find_first_of("#?"));
  if (url.empty()) return std::nullopt;
  std::string decoded;
  for (size_t i = 0; i < url.size(); ++i) {
    if (url[i] == '%' && i + 2 < url.size() && std::isxdigit(static_cast<unsigned char>(url[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(url[i + 2]))) {
      decoded += static_cast<char>(std::stoi(std::string(url.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      decoded += url[i];
    }
  }
  std::vector<std::string> parts;
  if (decoded.front() != '/') {
    const size_t slash = doc_path.rfind('/');
    if (slash != std::string_view::npos)
      for (auto p : text::split(doc_path.substr(0, slash), '/')) parts.emplace_back(p);
  }
  for (auto p : text::split(decoded, '/')) {
    if (p.empty() || p == ".") continue;
    if (p == "..") {
      if (parts.empty()) return std::nullopt;
      parts.pop_back();
    } else {
      parts.emplace_back(p);
    }
  }
  if (parts.empty()) return std::nullopt;
  return text::join(parts, "/");
}

}  // namespace opslint
