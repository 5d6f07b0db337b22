// Markdown text → Document, through cmark-gfm with the table, tasklist and autolink extensions.
#include "markdown/document.h"

#include <cmark-gfm-core-extensions.h>
#include <re2/re2.h>

#include <cctype>
#include <cstring>
#include <mutex>

#include "markdown/cmark_arena.h"
#include "markdown/cmark_handles.h"
#include "markdown/front_matter.h"
#include "util/text.h"

namespace opslint {

std::string normalize_heading(std::string_view heading) {
  static const RE2 numbering(R"(^\s*(?:\d+(?:\.\d+)*[.)]?|[A-Za-z][.)])\s+)");
  static const RE2 trailer(R"(\s*\([^()]*\)\s*$)");
  std::string s = text::fold_space(heading);
  // `s` is trimmed, so each pattern can only match when its first (last) character is there:
  // the regexes are skipped for the many headings that cannot match them.
  if (s.size() > 1 && (std::isdigit(static_cast<unsigned char>(s[0])) || s[1] == '.' || s[1] == ')'))
    RE2::Replace(&s, numbering, "");
  if (s.ends_with(')')) RE2::Replace(&s, trailer, "");
  std::string out;
  for (char c : s) {
    if (c == '&')
      out += " and ";
    else
      out += c;
  }
  out = text::lower(text::fold_space(out));
  while (!out.empty() && (out.back() == ':' || out.back() == '.')) out.pop_back();
  return out;
}

namespace {

void ensure_extensions() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

Pos start_of(cmark_node* n) { return {cmark_node_get_start_line(n), cmark_node_get_start_column(n)}; }

bool type_is(cmark_node* n, const char* name) { return std::strcmp(cmark_node_get_type_string(n), name) == 0; }

// Plain text of an inline subtree (links read as their text), plus the links inside it.
std::string inline_text(cmark_node* root, std::vector<Link>* links) {
  std::string out;
  CmarkIter it(cmark_iter_new(root));
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
    cmark_node* n = cmark_iter_get_node(it.get());
    if (n == root) continue;
    const auto t = cmark_node_get_type(n);
    if (ev == CMARK_EVENT_ENTER) {
      if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
        if (const char* lit = cmark_node_get_literal(n)) out += lit;
      } else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
        out += ' ';
      } else if ((t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) && links) {
        const char* url = cmark_node_get_url(n);
        links->push_back({url ? url : "", "", start_of(n)});
      } else if (t == CMARK_NODE_PARAGRAPH && !out.empty()) {
        out += ' ';
      }
    }
  }
  return text::fold_space(out);
}

// Front matter sits between a first line "---" and the next "---" or "..." line. It is blanked out
// (newlines kept) before Markdown parsing, so cmark's line numbers stay those of the file.
void take_front_matter(std::string& text, FrontMatter& fm) {
  auto line_end = [&](size_t from) {
    size_t e = text.find('\n', from);
    return e == std::string::npos ? text.size() : e;
  };
  auto line_at = [&](size_t from) {
    std::string_view l(text.data() + from, line_end(from) - from);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    return l;
  };
  if (line_at(0) != "---") return;
  fm.present = true;
  size_t pos = line_end(0) + 1;
  size_t close = std::string::npos;
  while (pos < text.size()) {
    const auto l = line_at(pos);
    if (l == "---" || l == "...") {
      close = pos;
      break;
    }
    pos = line_end(pos) + 1;
  }
  if (close == std::string::npos) {
    fm.error = "front matter opened with '---' on line 1 is never closed";
    fm.error_pos = {1, 1};
    return;
  }
  const size_t body_start = line_end(0) + 1;
  parse_front_matter_yaml(std::string_view(text).substr(body_start, close - body_start), fm);
  const size_t end = line_end(close);
  for (size_t i = 0; i < end; ++i)
    if (text[i] != '\n') text[i] = ' ';
}

void take_suppressions(std::string_view text, std::vector<Suppression>& out) {
  static const RE2 re(
      R"(<!--\s*opslint-(disable-next-line|disable-line|disable-file|disable|enable)\b((?:\s+[A-Za-z0-9][A-Za-z0-9_-]*)*)\s*(?:--\s*(.*?))?\s*-->)");
  int line = 0;
  std::vector<size_t> open_blocks;
  for (std::string_view l : text::split(text, '\n')) {
    ++line;
    if (l.find("opslint-") == std::string_view::npos) continue;
    re2::StringPiece input(l.data(), l.size());
    std::string kind, ids, reason;
    while (RE2::FindAndConsume(&input, re, &kind, &ids, &reason)) {
      Suppression s;
      s.pos = {line, static_cast<int>(l.find("<!--")) + 1};
      const std::string folded = text::fold_space(ids);  // split() views into it: keep it alive
      for (auto id : text::split(folded, ' '))
        if (!id.empty()) s.rules.emplace_back(id);
      s.reason = reason;
      if (kind == "enable") {
        // Ends the open blocks it names (all of them when it names none).
        for (size_t i : open_blocks) {
          auto& b = out[i];
          if (b.last_line != 0) continue;
          bool names = s.rules.empty();
          for (const auto& r : s.rules)
            for (const auto& br : b.rules) names = names || r == br;
          if (names || b.rules.empty()) b.last_line = line;
        }
        continue;
      }
      if (kind == "disable-next-line") {
        s.kind = SuppressionKind::NextLine;
        s.first_line = s.last_line = line + 1;
      } else if (kind == "disable-line") {
        s.kind = SuppressionKind::Line;
        s.first_line = s.last_line = line;
      } else if (kind == "disable-file") {
        s.kind = SuppressionKind::File;
        s.first_line = 0;
        s.last_line = 1 << 30;
      } else {
        s.kind = SuppressionKind::Block;
        s.first_line = line;
        s.last_line = 0;  // set by the matching enable, else end of file
        open_blocks.push_back(out.size());
      }
      out.push_back(std::move(s));
    }
  }
  for (size_t i : open_blocks)
    if (out[i].last_line == 0) out[i].last_line = 1 << 30;
}

}  // namespace

Document parse_document(std::string path, std::string_view input) {
  ensure_extensions();
  Document doc;
  doc.path = std::move(path);
  if (input.substr(0, 3) == "\xEF\xBB\xBF") input.remove_prefix(3);
  doc.text = std::string(input);
  std::string body = doc.text;
  take_front_matter(body, doc.front_matter);
  take_suppressions(doc.text, doc.suppressions);

  // The parser, the tree and the iterator live in the arena and go with it: no freeing walk.
  CmarkArenaScope arena;
  cmark_parser* parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, arena.mem());
  // Only what the formats use: bare URLs are found by pattern (has_evidence), not by autolink.
  for (const char* ext : {"table", "tasklist"})
    if (auto* e = cmark_find_syntax_extension(ext)) cmark_parser_attach_syntax_extension(parser, e);
  cmark_parser_feed(parser, body.data(), body.size());
  cmark_node* root = cmark_parser_finish(parser);

  doc.sections.push_back(Section{});  // the text before the first level-2 heading
  cmark_iter* it = cmark_iter_new(root);
  cmark_event_type ev;
  int list_depth = 0;
  int heading_depth = 0;
  Table* table = nullptr;
  while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
    cmark_node* n = cmark_iter_get_node(it);
    const auto t = cmark_node_get_type(n);
    Section& sec = doc.sections.back();
    if (t == CMARK_NODE_LIST) {
      list_depth += ev == CMARK_EVENT_ENTER ? 1 : -1;
      continue;
    }
    if (t == CMARK_NODE_HEADING) {
      heading_depth += ev == CMARK_EVENT_ENTER ? 1 : -1;
      if (ev == CMARK_EVENT_ENTER && cmark_node_get_heading_level(n) == 2 &&
          cmark_node_get_type(cmark_node_parent(n)) == CMARK_NODE_DOCUMENT) {
        Section s;
        s.level = 2;
        s.pos = start_of(n);
        s.title = inline_text(n, nullptr);
        s.normalized = normalize_heading(s.title);
        doc.sections.push_back(std::move(s));
      }
      continue;
    }
    if (ev != CMARK_EVENT_ENTER) {
      if (type_is(n, "table")) table = nullptr;
      continue;
    }
    if ((t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE || t == CMARK_NODE_CODE_BLOCK) && heading_depth == 0) {
      const char* lit = cmark_node_get_literal(n);
      if (lit && !text::trim(lit).empty()) sec.has_text = true;
    }
    if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
      const char* url = cmark_node_get_url(n);
      doc.links.push_back({url ? url : "", inline_text(n, nullptr), start_of(n)});
    } else if (t == CMARK_NODE_ITEM) {
      ListItem item;
      item.pos = start_of(n);
      item.depth = list_depth - 1;
      item.task = type_is(n, "tasklist");
      item.checked = item.task && cmark_gfm_extensions_get_tasklist_item_checked(n);
      cmark_node* first = cmark_node_first_child(n);
      if (first && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH) item.text = inline_text(first, &item.links);
      sec.items.push_back(std::move(item));
    } else if (type_is(n, "table")) {
      sec.tables.push_back(Table{});
      table = &sec.tables.back();
      table->pos = start_of(n);
    } else if ((type_is(n, "table_row") || type_is(n, "table_header")) && table) {
      Table::Row row;
      row.pos = start_of(n);
      for (cmark_node* c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
        row.links.emplace_back();
        row.cells.push_back(inline_text(c, &row.links.back()));
      }
      if (table->header.empty() && table->rows.empty())
        table->header = std::move(row.cells);
      else
        table->rows.push_back(std::move(row));
    }
  }
  return doc;
}

}  // namespace opslint
