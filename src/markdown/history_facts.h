// One version of a watched file → the facts the history rules compare between versions.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "model/history.h"
#include "model/ops.h"

namespace opslint {

// Backlog entries (level-2 headings "<prefix><n> …" with "- Field: value" bullets): ID, status and
// verification. A line scanner, not cmark: the backlog is rewritten thousands of times over a
// repository's life and every version is read. It follows CommonMark where entries can hide
// (fenced code, multi-line HTML comments, indented headings); the first entry of an ID wins.
// Versions with entries in the forms only the full parser reads (### entries, [IB-42] headings,
// tables) are read by it (full_entry_facts), as are all later versions of the same file.
std::vector<EntryFact> scan_entries(std::string_view text, std::string_view prefix);
// The facts parse_entries() gives (the first entry of each ID): for versions in any form.
std::vector<EntryFact> full_entry_facts(std::string_view text, const std::string& prefix);

// An entry's section: from its level-2 heading line to the next level-2 heading.
struct EntrySpan {
  std::string_view id;
  std::string_view bytes;
  size_t start = 0;  // offset of the heading line
  int prev = -1;     // EntryVersions: index of the previous version's identical section, or -1
};

// Finds the entries' sections (the first of each ID), reusing its tables between texts.
class EntrySpans {
 public:
  explicit EntrySpans(std::string prefix) : prefix_(std::move(prefix)) {}
  std::vector<EntrySpan> find(std::string_view text);

  // The pieces EntryVersions builds on. start() begins a text (no ID seen yet); scan() reads from
  // `from` (a line start outside code blocks and comments), appends sections to `out`, and stops
  // before the first level-2 heading at which `stop` returns true, returning its offset (npos
  // when it read to the end).
  void start();
  size_t scan(std::string_view text, size_t from, std::vector<EntrySpan>& out, const std::function<bool(size_t)>& stop);
  bool first_time(std::string_view id);  // false for a later entry with an ID already seen
  bool duplicates() const { return duplicates_; }
  // Whether any text scanned so far holds a form only the full parser reads (never reset).
  bool new_forms() const { return new_forms_; }

 private:
  std::string prefix_;
  std::vector<uint32_t> stamps_;  // by ID number: the generation that saw it
  uint32_t generation_ = 0;
  std::unordered_set<std::string> odd_;  // IDs that are not canonical numbers
  bool duplicates_ = false;
  bool new_forms_ = false;
};

// Successive versions of one backlog file → the changes between them. Only the text between the
// common prefix and suffix of two versions is read line by line, and only entries whose text
// changed are parsed again: thousands of versions of a large backlog cost little more than
// reading them. Each `text` must stay alive until the next call returns.
class EntryVersions {
 public:
  explicit EntryVersions(std::string prefix) : finder_(prefix), prefix_(std::move(prefix)) {}
  std::vector<EntryChange> next(std::string_view text);

 private:
  std::vector<EntrySpan> spans_of(std::string_view text);
  std::vector<EntryChange> next_scanned(std::string_view text, std::vector<EntrySpan> spans);
  EntrySpans finder_;
  std::string prefix_;
  bool full_ = false;  // a version held a form the scanner does not read: the full parser reads on
  std::string_view prev_text_;
  std::vector<EntrySpan> prev_;
  bool prev_duplicates_ = false;
  std::unordered_map<std::string, EntryFact> facts_;
};

// Actions of one version of a period file (through cmark: these files are small). `whole_file` for
// actions.md; minutes.md contributes its Actions sections and a hash of the rest (record_hash).
// Text that is not UTF-8 or holds NUL bytes gives a version with readable = false.
FileVersion period_file_facts(const std::string& path, std::string_view text, const std::string& period,
                              bool whole_file, const std::string& backlog_prefix);

// The same facts from a document already parsed and its actions (the snapshot's own).
FileVersion document_facts(const Document& doc, const std::vector<const Action*>& actions, bool whole_file);

// The history rules' notion of "the same text": white space folded, lower-cased.
std::string fold_text(std::string_view s);

}  // namespace opslint
