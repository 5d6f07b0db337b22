// Files compiled into the binary (rule metadata, schemas, templates, the hook script).
#pragma once
#include <optional>
#include <string_view>
#include <vector>

namespace opslint {

struct Resource {
  std::string_view path;  // relative to the source tree, e.g. "rules/OPS301.yaml"
  std::string_view bytes;
};

const std::vector<Resource>& resources();

inline std::optional<std::string_view> find_resource(std::string_view path) {
  for (const auto& r : resources())
    if (r.path == path) return r.bytes;
  return std::nullopt;
}

}  // namespace opslint
