// A compact binary form of one file's ParsedFile, for the parse cache: every field, bounds-checked.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include "engine/parsed_file.h"
#include "util/binary_io.h"

namespace opslint {

// The encoding's version: a cache keys its entries by it, so a change here never reads old bytes.
// 2: the parse cache's entries carry a head (encode_head); 3: and the form issues (OPS312).
constexpr uint32_t kParseCodecVersion = 3;

// Appends `p` to `w`.
void encode_parsed(Writer& w, const ParsedFile& p);

// The ParsedFile that `bytes` hold, exactly; nullopt on any damage (short input, trailing bytes,
// an unknown enum value or flag, a count the rest could not hold), never a crash or a huge
// allocation.
std::optional<ParsedFile> decode_parsed(std::string_view bytes);

// What every run reads of every file, even when the check memo answers the checks that read the
// rest (engine/snapshot_builder.h, deferred records): the front matter, the suppressions and the
// link targets, the form issues, and whether the document has an Actions section. Plain encodings, so the head
// decodes without the document's text.
void encode_head(Writer& w, const ParsedFile& p);
// Fills `p`'s document (which it creates, with `path`) with the head's fields, and its link
// targets; false on any damage. Only for a ParsedFile with a document.
bool decode_head(std::string_view bytes, const std::string& path, ParsedFile& p, bool& actions_section);
// Whether a document has an Actions section (OPS103 asks of minutes).
bool has_actions_section(const Document& d);

// A record's plain encoding, for digests (rules/inputs.h): the same record encodes the same
// wherever it sits (encode_parsed refers into the document's text and repeats neighbours).
void encode(Writer& w, const Action& a);
void encode(Writer& w, const Entry& e);
void encode(Writer& w, const FrontMatter& f);

}  // namespace opslint
