// One version of a watched file → the facts the history rules compare between versions.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "model/history.h"

namespace opslint {

// Backlog entries (level-2 headings "<prefix><n> …" with "- Field: value" bullets): ID, status and
// verification. A line scanner, not cmark: the backlog is rewritten thousands of times over a
// repository's life and every version is read. It follows CommonMark where entries can hide
// (fenced code, multi-line HTML comments, indented headings); the first entry of an ID wins.
std::vector<EntryFact> scan_entries(std::string_view text, std::string_view prefix);

// Actions of one version of a period file (through cmark: these files are small). `whole_file` for
// actions.md; minutes.md contributes its Actions sections and a hash of the rest (record_hash).
// Text that is not UTF-8 or holds NUL bytes gives a version with readable = false.
FileVersion period_file_facts(const std::string& path, std::string_view text, const std::string& period,
                              bool whole_file, const std::string& backlog_prefix);

// The history rules' notion of "the same text": white space folded, lower-cased.
std::string fold_text(std::string_view s);

}  // namespace opslint
