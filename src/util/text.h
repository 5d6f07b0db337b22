// String helpers that know nothing of opslint.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace opslint::text {

std::string_view trim(std::string_view s);
std::string lower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
bool starts_with_ci(std::string_view s, std::string_view prefix);
std::vector<std::string_view> split(std::string_view s, char sep);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
// Folds runs of white space to one space and trims.
std::string fold_space(std::string_view s);
// The length of the valid UTF-8 sequence at byte i (its code point in cp), or 0 when invalid.
size_t utf8_sequence(std::string_view s, size_t i, char32_t& cp);
// Byte offset of the first invalid UTF-8 sequence, or npos when valid.
size_t invalid_utf8_offset(std::string_view s);
// 1-based line and column (in characters, counting a tab as one) of a byte offset.
std::pair<int, int> line_col(std::string_view s, size_t offset);
// Lower-cased words of letters only (digits and punctuation dropped), for similarity checks.
std::vector<std::string> letter_words(std::string_view s);
// Levenshtein distance, for did-you-mean suggestions.
size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace opslint::text
