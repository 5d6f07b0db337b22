// The parse cache's binary form of a ParsedFile: varints and length-prefixed strings, every field in
// declaration order, every count checked against the bytes left before anything is allocated.
#include "engine/parse_codec.h"

#include <utility>

#include "markdown/document.h"

namespace opslint {

// Drift guards: a field added to a model struct must be encoded here (or the cache silently drops
// it). The size alone misses a bool that lands in padding, so the field count is checked too: the
// most initializers the aggregate takes. Not in the unnamed namespace: clang warns of a function
// with internal linkage that is never defined, and AnyField's conversion only ever appears in
// requires-expressions.
namespace drift_guard {
struct AnyField {
  template <class T>
  operator T&() const&&;
};
template <class T, size_t... I>
constexpr bool takes(std::index_sequence<I...>) {
  return requires { T{(void(I), AnyField{})...}; };
}
template <class T, size_t N = 0>
constexpr size_t field_count() {
  if constexpr (takes<T>(std::make_index_sequence<N + 1>{}))
    return field_count<T, N + 1>();
  else
    return N;
}
template <class T>
constexpr bool shape(size_t size, size_t fields) {
  return sizeof(T) == size && field_count<T>() == fields;
}
}  // namespace drift_guard

namespace {

using drift_guard::shape;

// x86-64, libstdc++.
static_assert(shape<Pos>(8, 2), "a field was added to Pos: encode it and update this guard");
static_assert(shape<Link>(72, 3), "a field was added to Link: encode it and update this guard");
static_assert(shape<ListItem>(72, 6), "a field was added to ListItem: encode it and update this guard");
static_assert(shape<Table::Row>(56, 3), "a field was added to Table::Row: encode it and update this guard");
static_assert(shape<Table>(56, 3), "a field was added to Table: encode it and update this guard");
static_assert(shape<Section>(136, 7), "a field was added to Section: encode it and update this guard");
static_assert(shape<FrontMatterValue>(72, 4), "a field was added to FrontMatterValue: encode it and update this guard");
static_assert(shape<FrontMatter>(104, 4), "a field was added to FrontMatter: encode it and update this guard");
static_assert(shape<Suppression>(80, 6), "a field was added to Suppression: encode it and update this guard");
static_assert(shape<Document>(240, 6), "a field was added to Document: encode it and update this guard");
static_assert(shape<Action>(392, 18), "a field was added to Action: encode it and update this guard");
static_assert(shape<Entry>(152, 5), "a field was added to Entry: encode it and update this guard");
static_assert(shape<UnreadableFile>(72, 3), "a field was added to UnreadableFile: encode it and update this guard");
static_assert(shape<FormIssue>(136, 5), "a field was added to FormIssue: encode it and update this guard");
static_assert(shape<ParsedFile>(424, 6), "a field was added to ParsedFile: encode it and update this guard");

// The fewest bytes each item takes (a varint or an empty string is one byte), for Reader::vcount.
constexpr size_t kMinString = 1, kMinVector = 1, kMinLink = 4, kMinItem = 6, kMinRow = 4, kMinTable = 4,
                 kMinSection = 8, kMinField = 6, kMinSuppression = 7, kMinAction = 17, kMinEntry = 6,
                 kMinEntryField = 4, kMinIssue = 6;

// Enums are stored as one byte; these are their value counts.
constexpr uint8_t kValueTypes = 3, kSuppressionKinds = 4, kActionStatuses = 5;

// The path the records' files repeat: the document's, else the unreadable file's.
const std::string& path_of(const ParsedFile& p, const std::string& none) {
  return p.doc ? p.doc->path : p.unreadable ? p.unreadable->path : none;
}

// ---- writing ----

// Most strings (item texts, cells, field values) are copied from the document's text: they are
// stored as a reference into it when found near their position's line, so the encoding is not
// several times the Markdown. A string's header is its length times two, plus one for a
// reference, which the text's offset follows.
class Enc {
 public:
  Enc(Writer& out, std::string_view text) : w(out), text_(text) {
    for (size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1)) lines_.push_back(i + 1);
  }
  Writer& w;

  // The strings that follow are looked for from the start of `p`'s line.
  void at(const Pos& p) {
    from_ = p.line >= 2 && static_cast<size_t>(p.line) - 2 < lines_.size() ? lines_[p.line - 2] : 0;
  }

  void text(std::string_view s) {
    constexpr size_t kWindow = 256;  // how far past the line start a string is looked for
    if (s.size() >= 4) {
      const size_t at = text_.substr(from_, s.size() + kWindow).find(s);
      if (at != std::string_view::npos) {
        w.uvar(static_cast<uint32_t>(s.size() * 2 + 1));
        w.uvar(static_cast<uint32_t>(from_ + at));
        return;
      }
    }
    w.uvar(static_cast<uint32_t>(s.size() * 2));
    w.bytes().append(s);
  }

 private:
  std::string_view text_;
  std::vector<size_t> lines_;  // where line 2, 3, ... start
  size_t from_ = 0;
};

// ints exactly: a negative one takes five bytes, but lines and columns are small and positive.
void put_int(Writer& w, int v) { w.uvar(static_cast<uint32_t>(v)); }

void put_pos(Enc& e, const Pos& p) {
  put_int(e.w, p.line);
  put_int(e.w, p.column);
}

template <class T, class Put>
void put_vec(Enc& e, const std::vector<T>& v, Put put) {
  e.w.uvar(static_cast<uint32_t>(v.size()));
  for (const T& x : v) put(e, x);
}

void put_text(Enc& e, const std::string& s) { e.text(s); }

void put_texts(Enc& e, const std::vector<std::string>& v) { put_vec(e, v, put_text); }

// A string that mostly repeats `prev` (a record's file and period): 0 for "the same", else length + 1.
void put_repeat(Writer& w, const std::string& s, const std::string& prev) {
  if (s == prev) return w.uvar(0);
  w.uvar(static_cast<uint32_t>(s.size() + 1));
  w.bytes().append(s);
}

void put_link(Enc& e, const Link& l) {
  e.at(l.pos);
  put_text(e, l.url);
  put_text(e, l.text);
  put_pos(e, l.pos);
}

void put_links(Enc& e, const std::vector<Link>& v) { put_vec(e, v, put_link); }

void put_item(Enc& e, const ListItem& i) {
  e.at(i.pos);
  put_text(e, i.text);
  put_pos(e, i.pos);
  e.w.u8(static_cast<uint8_t>(i.task | i.checked << 1));
  put_int(e.w, i.depth);
  put_links(e, i.links);
}

void put_row(Enc& e, const Table::Row& r) {
  e.at(r.pos);
  put_texts(e, r.cells);
  put_vec(e, r.links, put_links);
  put_pos(e, r.pos);
}

void put_table(Enc& e, const Table& t) {
  e.at(t.pos);
  put_texts(e, t.header);
  put_vec(e, t.rows, put_row);
  put_pos(e, t.pos);
}

void put_section(Enc& e, const Section& s) {
  e.at(s.pos);
  put_text(e, s.title);
  put_text(e, s.normalized);
  put_int(e.w, s.level);
  put_pos(e, s.pos);
  put_vec(e, s.items, put_item);
  put_vec(e, s.tables, put_table);
  e.w.u8(s.has_text);
}

void put_front_matter(Enc& e, const FrontMatter& f) {
  e.w.u8(static_cast<uint8_t>(f.present | f.error.has_value() << 1));
  if (f.error) put_text(e, *f.error);
  put_pos(e, f.error_pos);
  e.w.uvar(static_cast<uint32_t>(f.fields.size()));
  for (const auto& [key, v] : f.fields) {
    e.at(v.pos);
    put_text(e, key);
    e.w.u8(static_cast<uint8_t>(v.type));
    put_text(e, v.scalar);
    put_texts(e, v.sequence);
    put_pos(e, v.pos);
  }
}

void put_suppression(Enc& e, const Suppression& s) {
  e.at(s.pos);
  e.w.u8(static_cast<uint8_t>(s.kind));
  put_texts(e, s.rules);
  put_pos(e, s.pos);
  put_int(e.w, s.first_line);
  put_int(e.w, s.last_line);
  put_text(e, s.reason);
}

// The text first: the strings after it refer into it.
void put_document(Enc& e, const Document& d) {
  put_front_matter(e, d.front_matter);
  put_vec(e, d.sections, put_section);
  put_links(e, d.links);
  put_vec(e, d.suppressions, put_suppression);
}

void put_action(Enc& e, const Action& a, const std::string& file, const std::string& period) {
  e.at(a.pos);
  put_repeat(e.w, a.file, file);
  put_pos(e, a.pos);
  put_repeat(e.w, a.period, period);
  put_text(e, a.id);
  e.w.u8(static_cast<uint8_t>(a.id_explicit | a.task_form << 1 | a.checked << 2 | a.has_backlog_column << 3));
  for (const std::string* s : {&a.text, &a.owner, &a.due, &a.verification, &a.backlog, &a.status, &a.evidence})
    put_text(e, *s);
  e.w.u8(static_cast<uint8_t>(a.resolved_status));
  put_texts(e, a.backlog_ids);
  put_links(e, a.links);
}

// An action's file and period repeat the previous action's (the first's, the document's path).
void put_actions(Enc& e, const std::vector<Action>& v, const std::string& path) {
  e.w.uvar(static_cast<uint32_t>(v.size()));
  const std::string empty;
  const std::string *file = &path, *period = &empty;
  for (const Action& a : v) {
    put_action(e, a, *file, *period);
    file = &a.file;
    period = &a.period;
  }
}

void put_entry(Enc& e, const Entry& en, const std::string& file) {
  e.at(en.pos);
  put_repeat(e.w, en.file, file);
  put_pos(e, en.pos);
  put_text(e, en.id);
  put_text(e, en.title);
  e.w.uvar(static_cast<uint32_t>(en.fields.size()));
  for (const auto& [key, value] : en.fields) {
    e.at(value.second);
    put_text(e, key);
    put_text(e, value.first);
    put_pos(e, value.second);
  }
}

void put_entries(Enc& e, const std::vector<Entry>& v, const std::string& path) {
  e.w.uvar(static_cast<uint32_t>(v.size()));
  const std::string* file = &path;
  for (const Entry& en : v) {
    put_entry(e, en, *file);
    file = &en.file;
  }
}

// Plain: the head holds them too, and it decodes without the document's text.
void put_issues(Writer& w, const std::vector<FormIssue>& v) {
  w.uvar(static_cast<uint32_t>(v.size()));
  for (const FormIssue& i : v) {
    w.vstr(i.rule);
    w.vstr(i.file);
    put_int(w, i.pos.line);
    put_int(w, i.pos.column);
    w.vstr(i.message);
    w.vstr(i.period);
  }
}

// ---- reading: the first failure poisons the reader, so the loops below run out on empty reads ----

// The reader, and the document's text that strings may refer into.
struct Dec {
  Reader r;
  std::string_view text;

  std::string_view view() {
    const uint32_t n = r.uvar();
    if (!(n & 1)) return r.take(n >> 1);
    const uint32_t at = r.uvar(), size = n >> 1;
    if (at > text.size() || size > text.size() - at) {
      r.fail();
      return {};
    }
    return text.substr(at, size);
  }
};

int get_int(Reader& r) { return static_cast<int>(r.uvar()); }

Pos get_pos(Dec& d) {
  Pos p;
  p.line = get_int(d.r);
  p.column = get_int(d.r);
  return p;
}

void get_text(Dec& d, std::string& s) { s.assign(d.view()); }

template <class T, class Get>
void get_vec(Dec& d, std::vector<T>& v, size_t min_bytes, Get get) {
  v.resize(d.r.vcount(min_bytes));
  for (T& x : v) get(d, x);
}

void get_texts(Dec& d, std::vector<std::string>& v) { get_vec(d, v, kMinString, get_text); }

void get_repeat(Reader& r, std::string& s, const std::string& prev) {
  const uint32_t n = r.uvar();
  if (n == 0) {
    s = prev;
    return;
  }
  s.assign(r.take(n - 1));
}

void get_link(Dec& d, Link& l) {
  get_text(d, l.url);
  get_text(d, l.text);
  l.pos = get_pos(d);
}

void get_links(Dec& d, std::vector<Link>& v) { get_vec(d, v, kMinLink, get_link); }

void get_item(Dec& d, ListItem& i) {
  get_text(d, i.text);
  i.pos = get_pos(d);
  const uint8_t b = d.r.bits(2);
  i.task = b & 1;
  i.checked = b & 2;
  i.depth = get_int(d.r);
  get_links(d, i.links);
}

void get_row(Dec& d, Table::Row& row) {
  get_texts(d, row.cells);
  get_vec(d, row.links, kMinVector, get_links);
  row.pos = get_pos(d);
}

void get_table(Dec& d, Table& t) {
  get_texts(d, t.header);
  get_vec(d, t.rows, kMinRow, get_row);
  t.pos = get_pos(d);
}

void get_section(Dec& d, Section& s) {
  get_text(d, s.title);
  get_text(d, s.normalized);
  s.level = get_int(d.r);
  s.pos = get_pos(d);
  get_vec(d, s.items, kMinItem, get_item);
  get_vec(d, s.tables, kMinTable, get_table);
  s.has_text = d.r.flag();
}

// Map keys come sorted and distinct, so each goes at the end of the map; anything else is damage.
template <class Map>
typename Map::mapped_type* next_key(Dec& d, Map& m) {
  const std::string_view key = d.view();
  if (!m.empty() && !(m.rbegin()->first < key)) {
    d.r.fail();
    return nullptr;
  }
  return &m.emplace_hint(m.end(), key, typename Map::mapped_type{})->second;
}

void get_front_matter(Dec& d, FrontMatter& f) {
  const uint8_t b = d.r.bits(2);
  f.present = b & 1;
  if (b & 2) get_text(d, f.error.emplace());
  f.error_pos = get_pos(d);
  for (uint32_t n = d.r.vcount(kMinField); n > 0 && d.r.ok(); --n) {
    FrontMatterValue* v = next_key(d, f.fields);
    const uint8_t type = d.r.u8();
    if (!v || type >= kValueTypes) return d.r.fail();
    v->type = static_cast<FrontMatterValue::Type>(type);
    get_text(d, v->scalar);
    get_texts(d, v->sequence);
    v->pos = get_pos(d);
  }
}

void get_suppression(Dec& d, Suppression& s) {
  const uint8_t kind = d.r.u8();
  if (kind >= kSuppressionKinds) return d.r.fail();
  s.kind = static_cast<SuppressionKind>(kind);
  get_texts(d, s.rules);
  s.pos = get_pos(d);
  s.first_line = get_int(d.r);
  s.last_line = get_int(d.r);
  get_text(d, s.reason);
}

void get_document(Dec& d, Document& doc) {
  get_front_matter(d, doc.front_matter);
  get_vec(d, doc.sections, kMinSection, get_section);
  get_links(d, doc.links);
  get_vec(d, doc.suppressions, kMinSuppression, get_suppression);
}

void get_actions(Dec& d, std::vector<Action>& v, const std::string& path) {
  v.resize(d.r.vcount(kMinAction));
  const std::string empty;
  const std::string *file = &path, *period = &empty;
  for (Action& a : v) {
    get_repeat(d.r, a.file, *file);
    a.pos = get_pos(d);
    get_repeat(d.r, a.period, *period);
    get_text(d, a.id);
    const uint8_t b = d.r.bits(4);
    a.id_explicit = b & 1;
    a.task_form = b & 2;
    a.checked = b & 4;
    a.has_backlog_column = b & 8;
    for (std::string* s : {&a.text, &a.owner, &a.due, &a.verification, &a.backlog, &a.status, &a.evidence})
      get_text(d, *s);
    const uint8_t status = d.r.u8();
    if (status >= kActionStatuses) return d.r.fail();
    a.resolved_status = static_cast<ActionStatus>(status);
    get_texts(d, a.backlog_ids);
    get_links(d, a.links);
    file = &a.file;
    period = &a.period;
  }
}

void get_issues(Reader& r, std::vector<FormIssue>& v) {
  v.resize(r.vcount(kMinIssue));
  for (FormIssue& i : v) {
    i.rule.assign(r.vview());
    i.file.assign(r.vview());
    i.pos.line = get_int(r);
    i.pos.column = get_int(r);
    i.message.assign(r.vview());
    i.period.assign(r.vview());
  }
}

void get_entries(Dec& d, std::vector<Entry>& v, const std::string& path) {
  v.resize(d.r.vcount(kMinEntry));
  const std::string* file = &path;
  for (Entry& e : v) {
    get_repeat(d.r, e.file, *file);
    e.pos = get_pos(d);
    get_text(d, e.id);
    get_text(d, e.title);
    for (uint32_t n = d.r.vcount(kMinEntryField); n > 0 && d.r.ok(); --n) {
      auto* value = next_key(d, e.fields);
      if (!value) return;
      get_text(d, value->first);
      value->second = get_pos(d);
    }
    file = &e.file;
  }
}

}  // namespace

// Plain encodings (no references into a text, nothing repeated from a neighbour): the same record
// encodes the same wherever it sits, as digests need.
void encode(Writer& w, const Action& a) {
  Enc e(w, {});
  const std::string none;
  put_action(e, a, none, none);
}

void encode(Writer& w, const Entry& en) {
  Enc e(w, {});
  put_entry(e, en, {});
}

void encode(Writer& w, const FrontMatter& f) {
  Enc e(w, {});
  put_front_matter(e, f);
}

void encode_parsed(Writer& w, const ParsedFile& p) {
  w.u8(static_cast<uint8_t>(p.doc.has_value() | p.unreadable.has_value() << 1));
  Enc e(w, p.doc ? std::string_view(p.doc->text) : std::string_view());
  if (p.doc) {
    w.vstr(p.doc->path);
    w.vstr(p.doc->text);
    put_document(e, *p.doc);
  }
  if (p.unreadable) {
    w.vstr(p.unreadable->path);
    w.vstr(p.unreadable->reason);
    put_pos(e, p.unreadable->pos);
  }
  const std::string none;
  const std::string& path = path_of(p, none);
  put_actions(e, p.actions, path);
  put_entries(e, p.entries, path);
  w.uvar(static_cast<uint32_t>(p.link_targets.size()));
  for (const std::string& t : p.link_targets) w.vstr(t);
  put_issues(w, p.issues);
}

bool has_actions_section(const Document& d) {
  for (const auto& s : d.sections)
    if (is_actions_heading(s.normalized)) return true;
  return false;
}

void encode_head(Writer& w, const ParsedFile& p) {
  Enc e(w, {});
  w.u8(has_actions_section(*p.doc) ? 1 : 0);
  put_front_matter(e, p.doc->front_matter);
  put_vec(e, p.doc->suppressions, put_suppression);
  w.uvar(static_cast<uint32_t>(p.link_targets.size()));
  for (const std::string& t : p.link_targets) w.vstr(t);
  put_issues(w, p.issues);
}

bool decode_head(std::string_view bytes, const std::string& path, ParsedFile& p, bool& actions_section) {
  Dec d{Reader(bytes), {}};
  actions_section = d.r.flag();
  Document& doc = p.doc.emplace();
  doc.path = path;
  get_front_matter(d, doc.front_matter);
  get_vec(d, doc.suppressions, kMinSuppression, get_suppression);
  p.link_targets.resize(d.r.vcount(kMinString));
  for (std::string& t : p.link_targets) t.assign(d.r.vview());
  get_issues(d.r, p.issues);
  return d.r.done();
}

std::optional<ParsedFile> decode_parsed(std::string_view bytes) {
  ParsedFile p;
  Dec d{Reader(bytes), {}};
  Reader& r = d.r;
  const uint8_t present = r.bits(2);
  if (present & 1) {
    Document& doc = p.doc.emplace();
    doc.path.assign(r.vview());
    doc.text.assign(r.vview());
    d.text = doc.text;
    get_document(d, doc);
  }
  if (present & 2) {
    UnreadableFile& u = p.unreadable.emplace();
    u.path.assign(r.vview());
    u.reason.assign(r.vview());
    u.pos = get_pos(d);
  }
  const std::string none;
  const std::string& path = path_of(p, none);
  get_actions(d, p.actions, path);
  get_entries(d, p.entries, path);
  p.link_targets.resize(r.vcount(kMinString));
  for (std::string& t : p.link_targets) t.assign(r.vview());
  get_issues(r, p.issues);
  if (!r.done()) return std::nullopt;
  return p;
}

}  // namespace opslint
