// Documents → ops records: actions, backlog entries, risks, link targets.
#include "markdown/ops_parse.h"

#include <re2/re2.h>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

#include "markdown/document.h"
#include "util/regex_cache.h"
#include "util/text.h"

namespace opslint {

namespace {

enum class Col { Id, Text, Owner, Due, Verification, Backlog, Status, Evidence, None };

// The one vocabulary of action fields: table columns, task-list keys, sub-bullets and
// "Key: value" lines all read through it (SPEC §2.2).
Col column_for(std::string_view header) {
  const std::string h = text::lower(text::fold_space(header));
  if (h == "id" || h == "#") return Col::Id;
  if (h == "action" || h == "action item" || h == "task" || h == "item" || h == "what") return Col::Text;
  if (h == "owner" || h == "owners" || h == "assignee" || h == "who" || h == "dri") return Col::Owner;
  if (h == "due" || h == "due date" || h == "when" || h == "deadline" || h == "target date") return Col::Due;
  if (h == "verification" || h == "verify" || h == "verification step" || h == "done when" || h == "acceptance")
    return Col::Verification;
  if (h == "backlog" || h == "backlog item" || h == "ticket" || h == "issue") return Col::Backlog;
  if (h == "status" || h == "state") return Col::Status;
  if (h == "evidence" || h == "proof") return Col::Evidence;
  return Col::None;
}

std::string* field_slot(Action& a, std::string_view key) {
  switch (column_for(key)) {
    case Col::Owner: return &a.owner;
    case Col::Due: return &a.due;
    case Col::Verification: return &a.verification;
    case Col::Backlog: return &a.backlog;
    case Col::Status: return &a.status;
    case Col::Evidence: return &a.evidence;
    default: return nullptr;
  }
}

// The field keys of task-list text, as a regex alternation (longest first).
#define OPSLINT_FIELD_KEYS                                                                                   \
  "owners|owner|assignee|dri|who|due date|due|deadline|target date|when|verification step|verification|" \
  "verify|done when|acceptance|backlog item|backlog|ticket|issue|status|state|evidence|proof"

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
  std::string v = text::lower(text::fold_space(s));
  for (char& c : v)
    if (c == '_') c = '-';
  if (v == "open" || v == "todo" || v == "to do" || v == "not started" || v == "new") return ActionStatus::Open;
  if (v == "in-progress" || v == "in progress" || v == "wip" || v == "doing" || v == "started" || v == "ongoing")
    return ActionStatus::InProgress;
  if (v == "done" || v == "closed" || v == "complete" || v == "completed" || v == "finished" || v == "\xE2\x9C\x85")
    return ActionStatus::Done;
  if (v == "dropped" || v == "cancelled" || v == "canceled" || v == "won't do" || v == "wont do" ||
      v == "won\xE2\x80\x99t do" || v == "wont-do" || v == "won't-do")
    return ActionStatus::Dropped;
  return std::nullopt;
}

namespace {

void split_task_text(std::string_view input, Action& a) {
  // Only the A<n> form (SPEC 2.2): "S3 bucket …", "P95 alert …" or "INC-4821 follow-up …" are action text.
  static const RE2 id_re(R"(^(A[0-9]+)[:.]?\s+)");
  static const RE2 key_re("(?i)\\b(" OPSLINT_FIELD_KEYS ")\\s*:");
  // Matched as a prefix: the value is the rest of the piece, trimmed (pieces hold no newline).
  static const RE2 piece_re("(?i)\\s*(" OPSLINT_FIELD_KEYS ")\\s*:");
  static const RE2 comma_key_re("(?i),\\s*(?:" OPSLINT_FIELD_KEYS ")\\s*:");
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

// Dates as written after "due" or "by" without a colon: the unambiguous forms, and the ambiguous or
// relative ones that OPS306 then rejects with the ISO form to write.
#define OPSLINT_MONTH "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?"
const char* const kLooseDate =
    "\\d{4}-\\d{1,2}-\\d{1,2}|\\d{4}/\\d{1,2}/\\d{1,2}|\\d{1,2}/\\d{1,2}/\\d{2,4}|\\d{1,2}\\s+" OPSLINT_MONTH
    ",?\\s+\\d{4}|" OPSLINT_MONTH "\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|next\\s+[a-z]+|tomorrow|today|"
    "end\\s+of\\s+(?:the\\s+)?[a-z]+";

void infer_fields(Action& a) {
  static const RE2 due_re(std::string("(?i)(?:^|\\s)(?:due|by)\\s+(") + kLooseDate + ")(?:$|[\\s,.;)])");
  static const RE2 mention_re(R"((?:^|[\s(,])(@[A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9_]|@[A-Za-z0-9]))");
  if (a.due.empty()) {
    re2::StringPiece m[2];
    if (due_re.Match(a.text, 0, a.text.size(), RE2::UNANCHORED, m, 2)) {
      a.due = std::string(m[1].data(), m[1].size());
      const size_t from = static_cast<size_t>(m[0].data() - a.text.data());
      const size_t to = static_cast<size_t>(m[1].data() - a.text.data()) + m[1].size();
      a.text = text::fold_space(a.text.substr(0, from) + " " + a.text.substr(to));
    }
  }
  if (a.owner.empty()) {
    re2::StringPiece m[2];
    if (mention_re.Match(a.text, 0, a.text.size(), RE2::UNANCHORED, m, 2)) {
      a.owner = std::string(m[1].data(), m[1].size());
      // A mention that ends the text names the owner, and is no part of what is to be done.
      if (m[1].data() + m[1].size() == a.text.data() + a.text.size())
        a.text = std::string(text::trim(a.text.substr(0, static_cast<size_t>(m[1].data() - a.text.data()))));
    }
  }
}

}  // namespace

void parse_task_text(std::string_view input, Action& a) {
  split_task_text(input, a);
  infer_fields(a);
}

namespace {

// The forms an actions section may hold, for the finding that says none was read (OPS312).
constexpr std::string_view kActionForms =
    "accepted forms: a table with an Action (Task, Item, What) column; one list item per action "
    "(`- [ ] A1 Rotate the DB secret — owner: @li; due: 2026-12-01; verify: audit log shows it; backlog: IB-43`, "
    "with or without a checkbox, bulleted or numbered, fields inline or as sub-bullets); or one `### A1 Title` "
    "heading per action followed by `Owner: …` lines; write `None` when there are no actions";

// A statement that there are no actions ("None", "No new actions this week.").
bool states_no_actions(std::string_view line) {
  static const RE2 none_re(
      R"((?i)^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:_|\*)*(?:none|nothing|n/a|no\s+(?:new\s+|open\s+|further\s+)?(?:actions?|action\s+items?|follow-?ups?|next\s+steps)|no\s+actions?\s+this\b)\b)");
  return RE2::PartialMatch(re2::StringPiece(line.data(), line.size()), none_re);
}

struct SectionLines {
  std::vector<std::string_view> lines;  // lines[i] is line i + 1, without its line ending
  explicit SectionLines(std::string_view text) {
    for (std::string_view l : text::split(text, '\n')) {
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      lines.push_back(l);
    }
  }
  std::string_view at(int line) const {
    return line >= 1 && static_cast<size_t>(line) <= lines.size() ? lines[static_cast<size_t>(line) - 1] : "";
  }
};

// A "### A1 Title" heading line (level 3 to 6): its text.
std::optional<std::string_view> sub_heading(std::string_view l) {
  size_t n = 0;
  while (n < l.size() && n < 4 && l[n] == ' ') ++n;
  if (n == 4) return std::nullopt;
  size_t hashes = 0;
  while (n + hashes < l.size() && l[n + hashes] == '#') ++hashes;
  if (hashes < 3 || hashes > 6) return std::nullopt;
  if (n + hashes < l.size() && l[n + hashes] != ' ' && l[n + hashes] != '\t') return std::nullopt;
  std::string_view t = text::trim(l.substr(n + hashes));
  while (!t.empty() && t.back() == '#') t.remove_suffix(1);
  return text::trim(t);
}

// A "Key: value" line outside any list, table or quote, whose key is an action field.
std::optional<std::pair<std::string_view, std::string_view>> field_line(std::string_view l) {
  static const RE2 key_re(R"((?:\*\*)?([A-Za-z][A-Za-z /_-]*?)(?:\*\*)?\s*:(?:\*\*)?)");
  const std::string_view t = text::trim(l);
  if (t.empty() || t.front() == '-' || t.front() == '*' || t.front() == '+' || t.front() == '|' || t.front() == '>')
    if (!(t.starts_with("**") && t.size() > 2 && std::isalpha(static_cast<unsigned char>(t[2])))) return std::nullopt;
  re2::StringPiece m[2];
  if (!key_re.Match(re2::StringPiece(t.data(), t.size()), 0, t.size(), RE2::ANCHOR_START, m, 2)) return std::nullopt;
  const std::string_view key(m[1].data(), m[1].size());
  if (column_for(key) == Col::None || column_for(key) == Col::Text || column_for(key) == Col::Id) return std::nullopt;
  return std::pair{key, text::trim(t.substr(m[0].size()))};
}

std::string column_names(const std::vector<std::string>& header) {
  std::vector<std::string> quoted;
  for (const auto& h : header) quoted.push_back("'" + h + "'");
  return text::join(quoted, ", ");
}

}  // namespace

std::vector<Action> parse_actions(const Document& doc, const std::string& period, bool whole_file,
                                  const std::string& backlog_prefix, std::vector<FormIssue>* issues) {
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
  auto issue = [&](Pos pos, std::string message) {
    if (issues) issues->push_back(FormIssue{"OPS312", doc.path, pos, std::move(message), period});
  };
  std::optional<SectionLines> raw;  // read only when a section needs its lines
  // Content that could not be read, for the one finding of a file (whole_file) or section.
  Pos unread{0, 0};
  // An action table with no rows yet (a scaffolded list) is read: an empty list, not unreadable.
  bool unread_counts = false, table_issue = false, no_actions_stated = false, empty_table = false;
  const size_t before_file = out.size();
  for (size_t si = 0; si < doc.sections.size(); ++si) {
    const Section& sec = doc.sections[si];
    if (!whole_file && !is_actions_heading(sec.normalized)) continue;
    const bool content = sec.has_text || !sec.items.empty() || !sec.tables.empty();
    if (!content) continue;
    if (!raw) raw.emplace(doc.text);
    const int first = sec.level == 2 ? sec.pos.line + 1 : 1;
    const int last = si + 1 < doc.sections.size() ? doc.sections[si + 1].pos.line - 1
                                                    : static_cast<int>(raw->lines.size());
    // Sub-headings split the section into regions; the text before the first is region 0.
    struct Region {
      int line = 0;  // the heading's line; 0 for the text before the first
      std::string_view title;
    };
    std::vector<Region> regions{{first - 1, {}}};
    bool fenced = false, in_comment = false, front = whole_file && sec.level == 0 && raw->at(1) == "---";
    int first_content = 0;
    for (int l = first; l <= last; ++l) {
      const std::string_view line = raw->at(l);
      const std::string_view t = text::trim(line);
      if (front) {
        if (l > 1 && (t == "---" || t == "...")) front = false;
        continue;
      }
      if (in_comment) {
        in_comment = t.find("-->") == std::string_view::npos;
        continue;
      }
      if (!fenced && t.starts_with("<!--")) in_comment = t.find("-->", 4) == std::string_view::npos;
      if (t.starts_with("```") || t.starts_with("~~~")) fenced = !fenced;
      if (fenced) {
        if (!first_content) first_content = l;
        continue;
      }
      if (auto h = sub_heading(line)) {
        regions.push_back({l, *h});
        continue;
      }
      if (!first_content && !t.empty() && !t.starts_with("<!--") && !t.starts_with("# ")) first_content = l;
    }
    const size_t before = out.size();
    bool section_empty_table = false;
    for (size_t ri = 0; ri < regions.size(); ++ri) {
      const Region& r = regions[ri];
      const int end = ri + 1 < regions.size() ? regions[ri + 1].line : last + 1;
      auto inside = [&](Pos p) { return p.line > r.line && p.line < end; };
      const size_t region_before = out.size();
      for (const Table& t : sec.tables) {
        if (!inside(t.pos)) continue;
        std::vector<Col> cols;
        bool has_action = false, has_backlog = false;
        for (const auto& h : t.header) {
          cols.push_back(column_for(h));
          has_action = has_action || cols.back() == Col::Text;
          has_backlog = has_backlog || cols.back() == Col::Backlog;
        }
        if (!has_action) {
          table_issue = true;
          issue(t.pos, fmt::format("the table in an actions section has columns {}, none of them an action column: "
                                   "expected Action (or Action item, Task, Item, What), with Owner (Owners, Assignee, "
                                   "Who, DRI), Due (Due date, When, Deadline, Target date), Verification (Verify, "
                                   "Verification step, Done when, Acceptance), Backlog (Backlog item, Ticket, Issue), "
                                   "Status (State), Evidence (Proof)",
                                   column_names(t.header)));
          continue;
        }
        section_empty_table = section_empty_table || t.rows.empty();
        empty_table = empty_table || t.rows.empty();
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
      // List items: a top-level item (or any task item) is an action; a nested "Key: value" item
      // is a field of the action above it. Under a sub-heading, a top-level "Key: value" item is
      // a field of the heading's action.
      Action heading_fields;
      std::optional<Action> open;
      int open_depth = 0;
      auto flush = [&] {
        if (open) {
          infer_fields(*open);
          add(std::move(*open));
        }
        open.reset();
      };
      for (const ListItem& item : sec.items) {
        if (!inside(item.pos)) continue;
        std::optional<std::pair<std::string_view, std::string_view>> kv;
        static const RE2 item_key(R"(([A-Za-z][A-Za-z /_-]*?)\s*:)");
        if (!item.task) kv = prefix_field(item.text, item_key);
        std::string* slot = nullptr;
        if (kv && open && item.depth > open_depth) slot = field_slot(*open, kv->first);
        if (slot) {
          if (slot->empty()) *slot = std::string(kv->second);
          if (slot == &open->backlog) open->links.insert(open->links.end(), item.links.begin(), item.links.end());
          continue;
        }
        if (!item.task && item.depth > 0) continue;  // a note under an action
        if (kv && r.line >= first && !open && item.depth == 0) {
          if (std::string* hs = field_slot(heading_fields, kv->first)) {
            if (hs->empty()) *hs = std::string(kv->second);
            if (hs == &heading_fields.backlog)
              heading_fields.links.insert(heading_fields.links.end(), item.links.begin(), item.links.end());
            continue;
          }
        }
        flush();
        Action a;
        a.pos = item.pos;
        a.task_form = item.task;
        a.checked = item.checked;
        a.links = item.links;
        split_task_text(item.text, a);
        open = std::move(a);
        open_depth = item.depth;
      }
      flush();
      // A sub-heading whose region holds no action of its own is an action: "### A1 Title", then
      // field bullets (above) or "Key: value" lines.
      if (r.line >= first && out.size() == region_before) {
        Action a = std::move(heading_fields);
        a.pos = {r.line, 1};
        split_task_text(r.title, a);
        for (int l = r.line + 1; l < end; ++l)
          if (auto kv = field_line(raw->at(l)))
            if (std::string* slot = field_slot(a, kv->first); slot && slot->empty()) *slot = std::string(kv->second);
        infer_fields(a);
        add(std::move(a));
      }
    }
    if (out.size() > before || section_empty_table) continue;
    if (first_content && states_no_actions(raw->at(first_content))) {
      no_actions_stated = true;
      continue;
    }
    // The minutes' "See [actions](actions.md)": the list is kept beside them.
    bool points_to_list = false;
    for (const Link& l : doc.links)
      if (l.pos.line >= first && l.pos.line <= last) {
        const std::string_view u = std::string_view(l.url).substr(0, l.url.find_first_of("#?"));
        points_to_list = points_to_list || u == "actions.md" || u.ends_with("/actions.md");
      }
    if (points_to_list) continue;
    if (!unread_counts && first_content) {
      unread = {first_content, 1};
      unread_counts = true;
      if (!whole_file && !table_issue)
        issue(unread, fmt::format("the actions section '{}' holds content but no action could be read from it; {}",
                                  sec.title, kActionForms));
      if (!whole_file) unread_counts = false;
    }
  }
  if (whole_file && out.size() == before_file && unread_counts && !table_issue && !no_actions_stated && !empty_table)
    issue(unread, fmt::format("actions.md holds content but no action could be read from it; {}", kActionForms));
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

namespace {

// Calls f(line, l, t) for each line of `all` outside fenced code and HTML comments, numbered
// from 1: `l` without its line ending, `t` trimmed (empty for a blank line).
template <class F>
void for_each_visible_line(std::string_view all, F&& f) {
  int line = 0;
  bool fenced = false, in_comment = false;
  for (size_t at = 0; at < all.size();) {
    size_t nl = all.find('\n', at);
    if (nl == std::string_view::npos) nl = all.size();
    std::string_view l = all.substr(at, nl - at);
    at = nl + 1;
    ++line;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    const std::string_view t = text::trim(l);
    if (!t.empty()) {
      if (in_comment) {
        in_comment = t.find("-->") == std::string_view::npos;
        continue;
      }
      if (t.starts_with("```") || t.starts_with("~~~")) {
        fenced = !fenced;
        continue;
      }
      if (fenced) continue;
      if (t.starts_with("<!--")) {
        in_comment = t.find("-->", 4) == std::string_view::npos;
        continue;
      }
    } else if (fenced || in_comment) {
      continue;
    }
    f(line, l, t);
  }
}

// Content of the backlog or the risk register that looks like entries but is not read as them: a
// level-1 heading that starts with an ID, a table row that starts with an ID in a table without an
// ID column, and a file with field lines (Status: …) but no entry at all.
void entry_form_issues(const Document& doc, const std::string& prefix, std::string_view rule,
                       const std::vector<Entry>& entries, std::vector<FormIssue>& issues) {
  const std::string form = fmt::format(
      "an entry is a heading of level 2 to 6 that starts with its ID (## {0}1 Title, or ### {0}1 Title under "
      "## Open), then '- Field: value' bullets or 'Field: value' lines, or a row of a table with an ID column",
      prefix);
  const RE2& id_heading = cached_regex("^ {0,3}(#{1,6})[ \\t]+(\\[?" + RE2::QuoteMeta(prefix) + "[0-9]+\\b.*)$");
  const RE2& id_row = cached_regex("^\\s*\\|\\s*\\[?" + RE2::QuoteMeta(prefix) + "[0-9]+\\b");
  // A field line, as entries hold them: what makes content look like entries.
  static const RE2 field_like(R"((?i)^\s*(?:[-*+]\s+)?(?:\*\*)?(?:status|owner|source|verification|likelihood|impact)(?:\*\*)?\s*:)");
  std::set<int> read;
  for (const Entry& e : entries) read.insert(e.pos.line);
  bool any_content = false;
  Pos first_content{0, 0};
  // The backlog is a third of a repository's bytes and parsed on one thread: each line costs a
  // look at its first character, and a regex only for the few that can be what is looked for.
  for_each_visible_line(doc.text, [&](int line, std::string_view l, std::string_view t) {
    if (t.empty()) return;
    const char c = t.front();
    std::string hashes, title;
    if (c == '#' && !read.count(line) &&
        RE2::FullMatch(re2::StringPiece(l.data(), l.size()), id_heading, &hashes, &title)) {
      issues.push_back(FormIssue{std::string(rule), doc.path, {line, 1},
                                 fmt::format("heading '{} {}' looks like an entry but is not read: {}", hashes, title,
                                             form),
                                 {}});
      return;
    }
    if (c == '|' && !read.count(line) && RE2::PartialMatch(re2::StringPiece(l.data(), l.size()), id_row)) {
      issues.push_back(FormIssue{std::string(rule), doc.path, {line, 1},
                                 fmt::format("a table row that starts with an ID is not read as an entry: {}", form),
                                 {}});
      return;
    }
    if (!any_content && entries.empty() && RE2::PartialMatch(re2::StringPiece(l.data(), l.size()), field_like)) {
      any_content = true;
      first_content = {line, 1};
    }
  });
  if (entries.empty() && issues.empty() && any_content)
    issues.push_back(FormIssue{std::string(rule), doc.path, first_content,
                               fmt::format("the file holds fields but no entry could be read from it: {}", form),
                               {}});
}

}  // namespace

namespace {

// An entry field's name, lower-cased, with the action vocabulary's synonyms (Who, State, Done
// when, …) read as the names the rules ask for.
std::string entry_key(std::string_view key) {
  std::string k = text::lower(text::fold_space(key));
  for (std::string_view known : {"status", "owner", "source", "verification", "evidence", "due", "opened", "closed"})
    if (k == known) return k;  // the usual names, at once
  switch (column_for(k)) {
    case Col::Owner: return "owner";
    case Col::Due: return "due";
    case Col::Verification: return "verification";
    case Col::Status: return "status";
    case Col::Evidence: return "evidence";
    default: return k;
  }
}

// "[IB-42] Title" → "IB-42 Title": a bracketed ID reads as the ID.
std::string unbracket(std::string_view title, const std::string& prefix) {
  std::string_view t = text::trim(title);
  if (!t.starts_with("[" + prefix)) return std::string(t);
  const size_t close = t.find(']');
  if (close == std::string_view::npos) return std::string(t);
  return std::string(t.substr(1, close - 1)) + " " + std::string(text::trim(t.substr(close + 1)));
}

}  // namespace

std::vector<Entry> parse_entries(const Document& doc, const std::string& prefix, std::vector<FormIssue>* issues,
                                 std::string_view rule) {
  // Matched as a prefix: the title is the rest of the heading (folded: no newline in it).
  const RE2& head = cached_regex("(" + RE2::QuoteMeta(prefix) + "[0-9]+)\\b[\\s:.\\-\xE2\x80\x94]*");
  const RE2& id_cell = cached_regex("\\[?(" + RE2::QuoteMeta(prefix) + "[0-9]+)\\]?");
  // Matched as a prefix, so RE2 only reads the key; the value is the rest of the item, trimmed
  // (item text is folded: it holds no newline).
  static const RE2 field_re(R"(([A-Za-z][A-Za-z /_-]*?)\s*:)");
  static const RE2 line_field_re(R"((?:\*\*)?([A-Za-z][A-Za-z /_-]*?)(?:\*\*)?\s*:(?:\*\*)?)");
  // Every heading (level 1 to 6) and every "Key: value" line outside lists, tables, code and
  // comments, in one pass; only lines that start with '#' or a letter are looked at twice.
  struct Heading {
    int line, level;
    std::string_view title;
  };
  struct FieldLine {
    int line;
    std::string_view key, value;
  };
  std::vector<Heading> headings;
  std::vector<FieldLine> field_lines;
  {
    bool in_list = false;
    for_each_visible_line(doc.text, [&](int line, std::string_view l, std::string_view t) {
      if (t.empty()) {
        in_list = false;
        return;
      }
      const char c = t.front();
      const size_t indent = static_cast<size_t>(t.data() - l.data());
      if (c == '#' && indent <= 3) {
        size_t n = 0;
        while (n < t.size() && t[n] == '#') ++n;
        if (n <= 6 && (n == t.size() || t[n] == ' ' || t[n] == '\t')) {
          std::string_view title = text::trim(t.substr(n));
          while (!title.empty() && title.back() == '#') title.remove_suffix(1);
          headings.push_back({line, static_cast<int>(n), text::trim(title)});
          in_list = false;
          return;
        }
      }
      if (c == '-' || c == '+' || (c == '*' && !t.starts_with("**")) || (c >= '0' && c <= '9')) {
        in_list = true;  // a list item; the lines after it continue it (lazily) until a blank line
        return;
      }
      if (in_list || c == '|' || c == '>' || !(std::isalpha(static_cast<unsigned char>(c)) || c == '*')) return;
      re2::StringPiece m[2];
      if (line_field_re.Match(re2::StringPiece(t.data(), t.size()), 0, t.size(), RE2::ANCHOR_START, m, 2))
        field_lines.push_back({line, std::string_view(m[1].data(), m[1].size()), text::trim(t.substr(m[0].size()))});
    });
  }
  std::vector<Entry> out;
  // Heading entries: "## IB-42 Title", "## [IB-42] Title", "### IB-42 Title" under any grouping
  // heading; the fields are the top-level "Key: value" items and lines up to the next heading.
  const int last_line = static_cast<int>(std::count(doc.text.begin(), doc.text.end(), '\n')) + 1;
  std::vector<const ListItem*> items;  // the top-level items, in line order
  for (const Section& sec : doc.sections)
    for (const ListItem& item : sec.items)
      if (item.depth == 0) items.push_back(&item);
  size_t next_item = 0, next_field = 0;
  for (size_t h = 0; h < headings.size(); ++h) {
    const Heading& hd = headings[h];
    if (hd.level < 2) continue;
    const std::string title = unbracket(hd.title, prefix);
    re2::StringPiece m[2];
    if (!head.Match(title, 0, title.size(), RE2::ANCHOR_START, m, 2)) continue;
    const int end = h + 1 < headings.size() ? headings[h + 1].line : last_line + 1;
    Entry e;
    e.id = std::string(m[1].data(), m[1].size());
    e.title = title.substr(m[0].size());
    e.file = doc.path;
    e.pos = {hd.line, 1};
    // Items and field lines are in line order, as the headings are: each is read once.
    while (next_item < items.size() && items[next_item]->pos.line <= hd.line) ++next_item;
    for (; next_item < items.size() && items[next_item]->pos.line < end; ++next_item) {
      const ListItem& item = *items[next_item];
      if (auto kv = prefix_field(item.text, field_re))
        e.fields.emplace(entry_key(kv->first), std::make_pair(std::string(kv->second), item.pos));
    }
    while (next_field < field_lines.size() && field_lines[next_field].line <= hd.line) ++next_field;
    for (; next_field < field_lines.size() && field_lines[next_field].line < end; ++next_field) {
      const FieldLine& f = field_lines[next_field];
      e.fields.emplace(entry_key(f.key), std::make_pair(std::string(f.value), Pos{f.line, 1}));
    }
    out.push_back(std::move(e));
  }
  const size_t heading_entries = out.size();
  // Table entries: a table with an ID column; each row whose ID cell holds an ID is an entry.
  for (const Section& sec : doc.sections)
    for (const Table& t : sec.tables) {
      size_t id_col = SIZE_MAX, title_col = SIZE_MAX;
      for (size_t i = 0; i < t.header.size(); ++i) {
        const std::string h = text::lower(text::fold_space(t.header[i]));
        if (column_for(h) == Col::Id && id_col == SIZE_MAX) id_col = i;
        if ((h == "title" || column_for(h) == Col::Text) && title_col == SIZE_MAX) title_col = i;
      }
      if (id_col == SIZE_MAX) continue;
      for (const auto& row : t.rows) {
        std::string id;
        if (id_col >= row.cells.size() || !RE2::FullMatch(row.cells[id_col], id_cell, &id)) continue;
        Entry e;
        e.id = id;
        e.title = title_col < row.cells.size() ? row.cells[title_col] : "";
        e.file = doc.path;
        e.pos = row.pos;
        for (size_t i = 0; i < t.header.size() && i < row.cells.size(); ++i) {
          if (i == id_col || i == title_col || row.cells[i].empty()) continue;
          std::string v = row.cells[i];
          if (entry_key(t.header[i]) == "evidence" && !row.links[i].empty() && v.empty()) v = row.links[i].front().url;
          e.fields.emplace(entry_key(t.header[i]), std::make_pair(std::move(v), row.pos));
        }
        out.push_back(std::move(e));
      }
    }
  // Heading entries come in line order; table entries are merged in by line when there are any.
  if (out.size() > heading_entries)
    std::stable_sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.pos.line < b.pos.line; });
  if (issues) entry_form_issues(doc, prefix, rule, out, *issues);
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
