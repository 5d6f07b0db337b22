// What parsing one file yields, before the snapshot is assembled: a pure function of the file's
// path, role and bytes (and the parse-relevant config), so it can be cached by blob id.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/ops.h"

namespace opslint {

// What a file is read as; the records are parsed in the worker too, so only assembly is serial.
enum class Role : uint8_t { Period, Backlog, Archive, Risks };

struct ParsedFile {
  std::optional<Document> doc;              // nullopt: unreadable (or missing)
  std::optional<UnreadableFile> unreadable;
  std::vector<Action> actions;              // Role::Period
  std::vector<Entry> entries;               // the other roles
  std::vector<std::string> link_targets;    // resolved relative link targets, in link order
  std::vector<FormIssue> issues;            // content that could not be read as records
  bool operator==(const ParsedFile&) const = default;
};

}  // namespace opslint
