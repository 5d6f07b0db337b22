// Bounds what reading .opslint.yaml through yaml-cpp's node tree can cost: its walks (the duplicate
// key check, the JSON conversion, the lookups) follow every alias, so a self-referencing alias
// (`x: &a [*a]`) never ends and nested aliases ("billion laughs") grow exponentially.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include <yaml-cpp/mark.h>

namespace opslint {

// The most nodes a walk of the document may visit, aliases expanded (each counted again).
inline constexpr uint64_t kMaxConfigNodes = 100'000;

struct YamlProblem {
  YAML::Mark mark;
  std::string message;
};

// Parses `text` once with yaml-cpp's event parser: a recursive alias, aliases that expand past
// kMaxConfigNodes, or a second document is a problem at its position; a syntax error is left to
// the loader, which reports it the same way.
std::optional<YamlProblem> yaml_guard(const std::string& text);

}  // namespace opslint
