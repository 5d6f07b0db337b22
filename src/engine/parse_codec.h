// A compact binary form of a file's parse result, for the parse cache: written once, read by every
// later run over the same blob. Decoding never trusts the bytes (bounds-checked, enums validated).
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include "engine/parsed_file.h"
#include "util/binary_io.h"

namespace opslint {

// Changes whenever the encoding does (cache keys include it, with the binary's build id).
constexpr uint32_t kParseCodecVersion = 1;

void encode_parsed(Writer& w, const ParsedFile& p);
// nullopt on any damage: short input, trailing bytes, bad enum or flag values, absurd counts.
std::optional<ParsedFile> decode_parsed(std::string_view bytes);

// The records' encodings, also digested by the check memo's keys (rules/inputs.h).
void encode(Writer& w, const Action& a);
void encode(Writer& w, const Entry& e);
void encode(Writer& w, const FrontMatter& fm);

}  // namespace opslint
