// The parsed ops repo: periods, minutes, actions, backlog, risks. Plain data built once per run.
#pragma once
#include <functional>
#include <map>
#include <unordered_map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/finding.h"
#include "model/period.h"

namespace opslint {

struct Link {
  std::string url;
  std::string text;
  Pos pos;
  bool operator==(const Link&) const = default;
};

struct ListItem {
  std::string text;  // inline content of the item's first paragraph, markup stripped
  Pos pos;
  bool task = false;
  bool checked = false;
  int depth = 0;  // 0 for a top-level list item
  std::vector<Link> links;
  bool operator==(const ListItem&) const = default;
};

struct Table {
  std::vector<std::string> header;
  struct Row {
    std::vector<std::string> cells;
    std::vector<std::vector<Link>> links;  // per cell
    Pos pos;
    bool operator==(const Row&) const = default;
  };
  std::vector<Row> rows;
  Pos pos;
  bool operator==(const Table&) const = default;
};

struct Section {
  std::string title;       // as written
  std::string normalized;  // see normalize_heading()
  int level = 0;           // 0 for the text before the first level-2 heading
  Pos pos;
  std::vector<ListItem> items;
  std::vector<Table> tables;
  bool has_text = false;  // holds any non-blank content
  bool operator==(const Section&) const = default;
};

struct FrontMatterValue {
  enum class Type { Scalar, Sequence, Other } type = Type::Other;
  std::string scalar;
  std::vector<std::string> sequence;
  Pos pos;
  bool operator==(const FrontMatterValue&) const = default;
};

struct FrontMatter {
  bool present = false;
  std::optional<std::string> error;  // YAML syntax error
  Pos error_pos;
  std::map<std::string, FrontMatterValue> fields;
  bool operator==(const FrontMatter&) const = default;
};

enum class SuppressionKind { Block, NextLine, Line, File };

struct Suppression {
  SuppressionKind kind = SuppressionKind::Block;
  std::vector<std::string> rules;  // empty: all rules
  Pos pos;
  int first_line = 0;  // lines it covers (inclusive)
  int last_line = 0;
  std::string reason;
  bool operator==(const Suppression&) const = default;
};

// A Markdown file, parsed once: the generic structure every interpreter reads.
struct Document {
  std::string path;
  FrontMatter front_matter;
  std::vector<Section> sections;
  std::vector<Link> links;
  std::vector<Suppression> suppressions;
  std::string text;  // the source text (with the BOM removed), for evidence patterns
  bool operator==(const Document&) const = default;
};

enum class ActionStatus { Open, InProgress, Done, Dropped, Unknown };
std::optional<ActionStatus> action_status_from(std::string_view s);
inline bool is_closed(ActionStatus s) { return s == ActionStatus::Done || s == ActionStatus::Dropped; }

struct Action {
  std::string file;
  Pos pos;
  std::string period;  // period name
  std::string id;
  bool id_explicit = false;
  std::string text;
  std::string owner, due, verification, backlog, status, evidence;  // raw values, trimmed
  bool task_form = false;
  bool checked = false;
  bool has_backlog_column = true;  // table form: whether the table has the column at all
  ActionStatus resolved_status = ActionStatus::Open;
  std::vector<std::string> backlog_ids;  // IDs found in the backlog value or its links
  std::vector<Link> links;
  std::string ref() const { return period + "/" + id; }
  bool operator==(const Action&) const = default;
};

// Content of an actions section (or the backlog, or the risk register) that looks like records but
// cannot be read as them: a finding of its own (OPS312), never silence.
struct FormIssue {
  std::string rule;
  std::string file;
  Pos pos;
  std::string message;
  std::string period;  // the period folder's name, for a period file
  bool operator==(const FormIssue&) const = default;
};

// A parsed file's content id (git blob id) and digests of its records: a change to a file that
// leaves its actions alone keeps their digest, and checks that read only actions are not re-run.
struct FileKeys {
  std::string content_id;
  uint64_t actions = 0, entries = 0, front_matter = 0;
  uint64_t action_ids = 0, entry_ids = 0;  // of the IDs alone (checks that read only those)
};

struct PeriodFolder {
  Kind kind = Kind::Weekly;
  std::string name;  // folder name as found
  std::string path;  // repo-relative folder path
  std::optional<Period> period;  // nullopt when the name is not a valid period
  const Document* minutes = nullptr;
  const Document* actions = nullptr;
  const Document* skipped = nullptr;
  bool has_minutes = false;  // the file exists (even when unreadable)
  bool has_actions = false;
  bool has_skipped = false;
  std::vector<Action> action_items;  // from actions.md and the minutes' Actions sections
  bool actions_section = false;      // the minutes have an Actions section (known while they are deferred)
  // The parse cache's digests of the three files (Snapshot::file_keys), when it has them.
  const FileKeys* minutes_keys = nullptr;
  const FileKeys* actions_keys = nullptr;
  const FileKeys* skipped_keys = nullptr;
};

// A level-2 heading entry with "Field: value" bullets: backlog entries and risks.
struct Entry {
  std::string file;
  Pos pos;
  std::string id;
  std::string title;
  std::map<std::string, std::pair<std::string, Pos>> fields;  // lower-cased name -> value, position
  bool operator==(const Entry&) const = default;
  const std::string* field(const std::string& name) const {
    auto it = fields.find(name);
    return it == fields.end() ? nullptr : &it->second.first;
  }
  Pos field_pos(const std::string& name) const {
    auto it = fields.find(name);
    return it == fields.end() ? pos : it->second.second;
  }
};

struct UnreadableFile {
  std::string path;
  std::string reason;
  Pos pos;
  bool operator==(const UnreadableFile&) const = default;
};

// A file whose records were left encoded (engine/snapshot_builder.h: load_deferred): until they
// are loaded its Document holds only its path, front matter and suppressions, and its actions or
// entries are not in the snapshot.
struct DeferredFile {
  uint8_t role = 0;              // engine/parsed_file.h's Role
  std::string_view encoded;      // the parse cache's encoding, borrowed (the cache outlives the run)
  uint64_t sum = 0;              // its checksum when written (checked before it is decoded)
  bool actions_section = false;  // the document has an Actions section
};

// Everything the rules may read. Built once per run from the working tree, the index or a commit;
// tests build one from strings.
struct Snapshot {
  std::string source = "worktree";            // "worktree", "index" or a commit id
  std::map<std::string, Document> documents;  // every parsed Markdown file, by path
  std::vector<UnreadableFile> unreadable;
  std::vector<PeriodFolder> folders;
  std::vector<std::string> stray_files;  // files directly under a review root (not in a period folder)
  bool backlog_present = false;
  std::vector<Entry> backlog;
  bool archive_present = false;
  std::vector<Entry> archive;
  bool risks_present = false;
  std::vector<Entry> risks;
  std::vector<FormIssue> form_issues;  // of every parsed file, deferred or not
  std::set<std::string> existing_targets;  // relative link targets (resolved) that exist
  size_t file_count = 0;                   // files read
  // What the caches know of each parsed file, when the source identifies content (git blobs).
  std::unordered_map<std::string, FileKeys> file_keys;
  // The digests the parse cache gave a file: nullptr when it has none (no cache, or not parsed).
  const FileKeys* keys(const std::string& path) const {
    auto it = file_keys.find(path);
    return it == file_keys.end() ? nullptr : &it->second;
  }
  // Files read only in part (see DeferredFile), by path; empty unless the builder was asked to defer.
  std::map<std::string, DeferredFile> deferred;
};

// Loads a snapshot's deferred records among the given folders and files, or all (nullptr): what
// a check that is about to run reads (engine/snapshot_builder.h's load_deferred, bound to the run).
using LoadRecords = std::function<void(const std::set<std::string>*)>;

}  // namespace opslint
