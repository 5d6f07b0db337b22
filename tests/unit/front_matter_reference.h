// The front matter reader opslint used before libyaml (yaml-cpp's node tree), kept as the
// reference the libyaml reader is compared with, field by field and position by position.
#pragma once
#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

#include "model/ops.h"

namespace opslint::test {

inline void yaml_cpp_front_matter(std::string_view text, FrontMatter& fm) {
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    if (root.IsNull()) return;
    if (!root.IsMap()) {
      fm.error = "front matter must be a mapping of keys to values";
      fm.error_pos = {root.Mark().line + 2, root.Mark().column + 1};
      return;
    }
    for (const auto& kv : root) {
      if (!kv.first.IsScalar()) continue;
      FrontMatterValue v;
      const auto mark = kv.second.Mark();
      v.pos = {mark.line >= 0 ? mark.line + 2 : kv.first.Mark().line + 2,
               mark.line >= 0 ? mark.column + 1 : kv.first.Mark().column + 1};
      if (kv.second.IsScalar()) {
        v.type = FrontMatterValue::Type::Scalar;
        v.scalar = kv.second.Scalar();
      } else if (kv.second.IsSequence()) {
        v.type = FrontMatterValue::Type::Sequence;
        for (const auto& e : kv.second) {
          if (!e.IsScalar()) {
            v.type = FrontMatterValue::Type::Other;
            break;
          }
          v.sequence.push_back(e.Scalar());
        }
      } else if (kv.second.IsNull()) {
        v.type = FrontMatterValue::Type::Scalar;  // "key:" with nothing after it
      }
      fm.fields[kv.first.Scalar()] = std::move(v);
    }
  } catch (const YAML::Exception& e) {
    fm.error = e.msg;
    fm.error_pos = {e.mark.line >= 0 ? e.mark.line + 2 : 1, e.mark.column >= 0 ? e.mark.column + 1 : 1};
    fm.fields.clear();
  }
}

}  // namespace opslint::test
