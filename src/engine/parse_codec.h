// A compact binary form of one file's ParsedFile, for the parse cache: every field, bounds-checked.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include "engine/parsed_file.h"
#include "util/binary_io.h"

namespace opslint {

// The encoding's version: a cache keys its entries by it, so a change here never reads old bytes.
constexpr uint32_t kParseCodecVersion = 1;

// Appends `p` to `w`.
void encode_parsed(Writer& w, const ParsedFile& p);

// The ParsedFile that `bytes` hold, exactly; nullopt on any damage (short input, trailing bytes,
// an unknown enum value or flag, a count the rest could not hold), never a crash or a huge
// allocation.
std::optional<ParsedFile> decode_parsed(std::string_view bytes);

// A record's plain encoding, for digests (rules/inputs.h): the same record encodes the same
// wherever it sits (encode_parsed refers into the document's text and repeats neighbours).
void encode(Writer& w, const Action& a);
void encode(Writer& w, const Entry& e);
void encode(Writer& w, const FrontMatter& f);

}  // namespace opslint
