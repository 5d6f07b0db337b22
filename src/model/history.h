// What the history rules read: the linted branch's first-parent history of the watched files
// (period minutes and action lists, the backlog and its archive), as plain data.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/dates.h"
#include "util/hash.h"

namespace opslint {

// A commit on the first-parent chain that changed a watched file, or the uncommitted change
// (the staged blobs, or the working tree) when it differs from the tip.
struct HistoryCommit {
  std::string id;        // full hex id; empty for the uncommitted change
  std::string short_id;  // abbreviated id; for the uncommitted change "the staged change" or "the working tree"
  std::string author;    // name after .mailmap
  Instant time{};        // committer time ("now" for the uncommitted change)
  bool uncommitted = false;
  bool boundary = false;  // a shallow clone's oldest commit: what it holds may be older
};

// One action in one version of a period file.
struct ActionFact {
  std::string id;
  bool id_explicit = false;
  std::string text;
  std::string verification;
  bool closed = false;  // done or dropped
  bool done = false;    // done (closed, not dropped): the report's "closed on time" needs the difference
  std::string due;      // the raw due value (YYYY-MM-DD when valid)
};

// A version of a period file (minutes.md or actions.md): its state after `commit` changed it.
struct FileVersion {
  size_t commit = 0;                // index into HistoryView::commits
  bool present = true;              // false: the commit deleted the file
  bool readable = true;             // false: not UTF-8, NUL bytes or over limits.max_file_bytes; facts unknown
  std::vector<ActionFact> actions;  // actions.md: all; minutes.md: those of its Actions sections
  uint64_t record_hash = 0;         // minutes.md: the text outside its Actions sections (FNV-1a)
};

// A backlog entry as the history rules compare it.
struct EntryFact {
  std::string id;
  std::string status;        // lower-cased
  std::string verification;  // white space folded
  bool closed() const { return status == "done" || status == "wont-do"; }
  bool operator==(const EntryFact&) const = default;
};

// An entry whose presence, status or verification differs from the file's previous version.
struct EntryChange {
  std::string id;
  std::optional<EntryFact> before;  // nullopt: added
  std::optional<EntryFact> after;   // nullopt: removed
};

// A version of the backlog or the archive, as the changes from its previous version (the first
// version adds every entry), so that thousands of versions of a large file stay small.
struct ListVersion {
  size_t commit = 0;
  bool present = true;
  std::vector<EntryChange> changes;
};

struct HistoryView {
  bool complete = true;
  std::string incomplete_reason;       // why not: "shallow clone: history before 1a2b3c4 is missing"
  std::vector<HistoryCommit> commits;  // oldest first
  // History findings are reported only for commits at or after this index (--range: the range's commits).
  size_t first_reported = 0;
  std::map<std::string, std::vector<FileVersion>> files;  // period files by repo-relative path, oldest first
  std::vector<ListVersion> backlog;
  std::vector<ListVersion> archive;
};

}  // namespace opslint
