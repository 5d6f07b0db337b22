// The parse result's binary form: every field of every record, in declaration order.
#include "engine/parse_codec.h"

namespace opslint {

// A field added to a record must be encoded too: these sizes fail the build until it is.
static_assert(sizeof(Pos) == 8, "a field was added to Pos: encode it and update this size");
static_assert(sizeof(Link) == 72, "a field was added to Link: encode it and update this size");
static_assert(sizeof(ListItem) == 72, "a field was added to ListItem: encode it and update this size");
static_assert(sizeof(Table) == 56, "a field was added to Table: encode it and update this size");
static_assert(sizeof(Table::Row) == 56, "a field was added to Table::Row: encode it and update this size");
static_assert(sizeof(Section) == 136, "a field was added to Section: encode it and update this size");
static_assert(sizeof(FrontMatterValue) == 72, "a field was added to FrontMatterValue: encode it and update this size");
static_assert(sizeof(FrontMatter) == 104, "a field was added to FrontMatter: encode it and update this size");
static_assert(sizeof(Suppression) == 80, "a field was added to Suppression: encode it and update this size");
static_assert(sizeof(Document) == 240, "a field was added to Document: encode it and update this size");
static_assert(sizeof(Action) == 392, "a field was added to Action: encode it and update this size");
static_assert(sizeof(Entry) == 152, "a field was added to Entry: encode it and update this size");
static_assert(sizeof(UnreadableFile) == 72, "a field was added to UnreadableFile: encode it and update this size");
static_assert(sizeof(ParsedFile) == 400, "a field was added to ParsedFile: encode it and update this size");

namespace {

void put(Writer& w, const std::string& s) { w.str(s); }
void put(Writer& w, int v) { w.u32(static_cast<uint32_t>(v)); }
void put(Writer& w, bool v) { w.u8(v ? 1 : 0); }
void put(Writer& w, const Pos& p) {
  put(w, p.line);
  put(w, p.column);
}
void put(Writer& w, const Link& l);
void put(Writer& w, const ListItem& i);
void put(Writer& w, const Table::Row& r);
void put(Writer& w, const Table& t);
void put(Writer& w, const Section& s);
void put(Writer& w, const FrontMatterValue& v);
void put(Writer& w, const Suppression& s);
void put(Writer& w, const Action& a);
void put(Writer& w, const Entry& e);
template <typename T>
void put(Writer& w, const std::vector<T>& v) {
  w.u32(static_cast<uint32_t>(v.size()));
  for (const T& x : v) put(w, x);
}
void put(Writer& w, const Link& l) {
  put(w, l.url);
  put(w, l.text);
  put(w, l.pos);
}
void put(Writer& w, const ListItem& i) {
  put(w, i.text);
  put(w, i.pos);
  put(w, i.task);
  put(w, i.checked);
  put(w, i.depth);
  put(w, i.links);
}
void put(Writer& w, const Table::Row& r) {
  put(w, r.cells);
  put(w, r.links);
  put(w, r.pos);
}
void put(Writer& w, const Table& t) {
  put(w, t.header);
  put(w, t.rows);
  put(w, t.pos);
}
void put(Writer& w, const Section& s) {
  put(w, s.title);
  put(w, s.normalized);
  put(w, s.level);
  put(w, s.pos);
  put(w, s.items);
  put(w, s.tables);
  put(w, s.has_text);
}
void put(Writer& w, const FrontMatterValue& v) {
  w.u8(static_cast<uint8_t>(v.type));
  put(w, v.scalar);
  put(w, v.sequence);
  put(w, v.pos);
}
void put(Writer& w, const Suppression& s) {
  w.u8(static_cast<uint8_t>(s.kind));
  put(w, s.rules);
  put(w, s.pos);
  put(w, s.first_line);
  put(w, s.last_line);
  put(w, s.reason);
}
void put(Writer& w, const FrontMatter& fm) { encode(w, fm); }
void put(Writer& w, const Document& d) {
  put(w, d.path);
  put(w, d.front_matter);
  put(w, d.sections);
  put(w, d.links);
  put(w, d.suppressions);
  put(w, d.text);
}
void put(Writer& w, const Action& a) { encode(w, a); }
void put(Writer& w, const Entry& e) { encode(w, e); }
void put(Writer& w, const UnreadableFile& u) {
  put(w, u.path);
  put(w, u.reason);
  put(w, u.pos);
}
template <typename T>
void put(Writer& w, const std::optional<T>& v) {
  put(w, v.has_value());
  if (v) put(w, *v);
}

// Decoding: each get() leaves the reader poisoned on damage; callers check once at the end.
void get(Reader& r, std::string& s) { s = r.str(); }
void get(Reader& r, int& v) { v = static_cast<int>(r.u32()); }
void get(Reader& r, bool& v) { v = r.flag(); }
void get(Reader& r, Pos& p) {
  get(r, p.line);
  get(r, p.column);
}
template <typename E>
void get_enum(Reader& r, E& e, E last) {
  const uint8_t v = r.u8();
  if (v > static_cast<uint8_t>(last)) r.fail();
  e = static_cast<E>(v);
}
void get(Reader& r, Link& l);
void get(Reader& r, ListItem& i);
void get(Reader& r, Table::Row& row);
void get(Reader& r, Table& t);
void get(Reader& r, Section& s);
void get(Reader& r, FrontMatterValue& v);
void get(Reader& r, Suppression& s);
void get(Reader& r, Action& a);
void get(Reader& r, Entry& e);
template <typename T>
void get(Reader& r, std::vector<T>& v);
template <typename T>
void get(Reader& r, std::vector<T>& v) {
  v.resize(r.count(4));  // every item takes at least four bytes
  for (T& x : v) {
    if (!r.ok()) break;
    get(r, x);
  }
}
void get(Reader& r, Link& l) {
  get(r, l.url);
  get(r, l.text);
  get(r, l.pos);
}
void get(Reader& r, ListItem& i) {
  get(r, i.text);
  get(r, i.pos);
  get(r, i.task);
  get(r, i.checked);
  get(r, i.depth);
  get(r, i.links);
}
void get(Reader& r, Table::Row& row) {
  get(r, row.cells);
  get(r, row.links);
  get(r, row.pos);
}
void get(Reader& r, Table& t) {
  get(r, t.header);
  get(r, t.rows);
  get(r, t.pos);
}
void get(Reader& r, Section& s) {
  get(r, s.title);
  get(r, s.normalized);
  get(r, s.level);
  get(r, s.pos);
  get(r, s.items);
  get(r, s.tables);
  get(r, s.has_text);
}
void get(Reader& r, FrontMatterValue& v) {
  get_enum(r, v.type, FrontMatterValue::Type::Other);
  get(r, v.scalar);
  get(r, v.sequence);
  get(r, v.pos);
}
void get(Reader& r, Suppression& s) {
  get_enum(r, s.kind, SuppressionKind::File);
  get(r, s.rules);
  get(r, s.pos);
  get(r, s.first_line);
  get(r, s.last_line);
  get(r, s.reason);
}
void get(Reader& r, FrontMatter& fm) {
  get(r, fm.present);
  if (r.flag()) fm.error = r.str();
  get(r, fm.error_pos);
  const uint32_t n = r.count(4);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    std::string key = r.str();
    get(r, fm.fields[std::move(key)]);
  }
}
void get(Reader& r, Document& d) {
  get(r, d.path);
  get(r, d.front_matter);
  get(r, d.sections);
  get(r, d.links);
  get(r, d.suppressions);
  get(r, d.text);
}
void get(Reader& r, Action& a) {
  get(r, a.file);
  get(r, a.pos);
  get(r, a.period);
  get(r, a.id);
  get(r, a.id_explicit);
  get(r, a.text);
  for (std::string* s : {&a.owner, &a.due, &a.verification, &a.backlog, &a.status, &a.evidence}) get(r, *s);
  get(r, a.task_form);
  get(r, a.checked);
  get(r, a.has_backlog_column);
  get_enum(r, a.resolved_status, ActionStatus::Unknown);
  get(r, a.backlog_ids);
  get(r, a.links);
}
void get(Reader& r, Entry& e) {
  get(r, e.file);
  get(r, e.pos);
  get(r, e.id);
  get(r, e.title);
  const uint32_t n = r.count(4);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    std::string key = r.str();
    auto& [value, pos] = e.fields[std::move(key)];
    get(r, value);
    get(r, pos);
  }
}
void get(Reader& r, UnreadableFile& u) {
  get(r, u.path);
  get(r, u.reason);
  get(r, u.pos);
}
template <typename T>
void get(Reader& r, std::optional<T>& v) {
  if (!r.flag()) return;
  get(r, v.emplace());
}

}  // namespace

void encode(Writer& w, const FrontMatter& fm) {
  put(w, fm.present);
  put(w, fm.error.has_value());
  if (fm.error) put(w, *fm.error);
  put(w, fm.error_pos);
  w.u32(static_cast<uint32_t>(fm.fields.size()));
  for (const auto& [key, value] : fm.fields) {
    put(w, key);
    put(w, value);
  }
}

void encode(Writer& w, const Action& a) {
  put(w, a.file);
  put(w, a.pos);
  put(w, a.period);
  put(w, a.id);
  put(w, a.id_explicit);
  put(w, a.text);
  for (const std::string* s : {&a.owner, &a.due, &a.verification, &a.backlog, &a.status, &a.evidence}) put(w, *s);
  put(w, a.task_form);
  put(w, a.checked);
  put(w, a.has_backlog_column);
  w.u8(static_cast<uint8_t>(a.resolved_status));
  put(w, a.backlog_ids);
  put(w, a.links);
}

void encode(Writer& w, const Entry& e) {
  put(w, e.file);
  put(w, e.pos);
  put(w, e.id);
  put(w, e.title);
  w.u32(static_cast<uint32_t>(e.fields.size()));
  for (const auto& [key, value] : e.fields) {
    put(w, key);
    put(w, value.first);
    put(w, value.second);
  }
}

void encode_parsed(Writer& w, const ParsedFile& p) {
  put(w, p.doc);
  put(w, p.unreadable);
  put(w, p.actions);
  put(w, p.entries);
  put(w, p.link_targets);
}

std::optional<ParsedFile> decode_parsed(std::string_view bytes) {
  Reader r(bytes);
  ParsedFile p;
  get(r, p.doc);
  get(r, p.unreadable);
  get(r, p.actions);
  get(r, p.entries);
  get(r, p.link_targets);
  if (!r.done()) return std::nullopt;
  return p;
}

}  // namespace opslint
