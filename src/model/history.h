// What the history rules read: the linted branch's first-parent history of the watched files
// (period minutes and action lists, the backlog and its archive), as plain data.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
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
  bool readable = true;  // false: over limits.max_file_bytes, not read; no changes (the next version's are from the last read)
};

struct HistoryView {
  bool complete = true;
  std::string incomplete_reason;       // why not: "shallow clone: history before 1a2b3c4 is missing"
  std::vector<HistoryCommit> commits;  // oldest first
  // History findings are reported only for commits at or after this index (--range: the range's commits).
  size_t first_reported = 0;
  // --range: the commits from first_reported on are not on the range's base, so what they add is
  // not published yet (publication is reaching the first-parent line of the checked branch).
  bool range = false;
  // --range: the period files that the base's tree holds (published there, whatever the range does).
  std::set<std::string> on_base;
  std::map<std::string, std::vector<FileVersion>> files;  // period files by repo-relative path, oldest first
  std::vector<ListVersion> backlog;
  std::vector<ListVersion> archive;
};

// What the history rules read, asked for piece by piece, so that a view read from the cache decodes
// only the folders whose checks run. Safe to call from several threads at once.
class HistoryData {
 public:
  virtual ~HistoryData() = default;
  virtual bool complete() const = 0;
  virtual const std::string& incomplete_reason() const = 0;
  virtual size_t first_reported() const = 0;
  // Whether the commits from first_reported() on are a --range's, not yet on its base.
  virtual bool range() const = 0;
  // --range: whether the base holds the period file at `path` (a merge of the base into the
  // range's branch brings it in as a range commit, but it is published already).
  virtual bool on_base(const std::string& path) const = 0;
  virtual size_t commit_count() const = 0;
  virtual HistoryCommit commit(size_t i) const = 0;
  virtual Instant time(size_t i) const { return commit(i).time; }
  // Every period file that has versions (any order).
  virtual std::vector<std::string> paths() const = 0;
  // One file's versions (a reference that stays valid); nullptr when it has none.
  virtual const std::vector<FileVersion>* versions(const std::string& path) const = 0;
  // The period files that commit `i` changed.
  virtual std::vector<std::string> changed_in(size_t i) const = 0;
  virtual const std::vector<ListVersion>& backlog() const = 0;
  virtual const std::vector<ListVersion>& archive() const = 0;
  // The uncommitted commits' indexes (at most one in practice).
  virtual std::vector<size_t> uncommitted() const = 0;
  // The backlog's (or archive's) versions of those commits, in order.
  virtual std::vector<const ListVersion*> uncommitted_lists(bool archive) const = 0;
  // A digest of the committed commits (ids, authors as shown, times, boundaries).
  virtual uint64_t committed_digest() const = 0;
};

// A HistoryView, already in memory, as HistoryData.
class ViewData : public HistoryData {
 public:
  explicit ViewData(const HistoryView& v) : v_(v) {}
  bool complete() const override { return v_.complete; }
  const std::string& incomplete_reason() const override { return v_.incomplete_reason; }
  size_t first_reported() const override { return v_.first_reported; }
  bool range() const override { return v_.range; }
  bool on_base(const std::string& path) const override { return v_.on_base.count(path) > 0; }
  size_t commit_count() const override { return v_.commits.size(); }
  HistoryCommit commit(size_t i) const override { return v_.commits[i]; }
  Instant time(size_t i) const override { return v_.commits[i].time; }
  std::vector<std::string> paths() const override;
  const std::vector<FileVersion>* versions(const std::string& path) const override;
  std::vector<std::string> changed_in(size_t i) const override;
  const std::vector<ListVersion>& backlog() const override { return v_.backlog; }
  const std::vector<ListVersion>& archive() const override { return v_.archive; }
  std::vector<size_t> uncommitted() const override;
  std::vector<const ListVersion*> uncommitted_lists(bool archive) const override;
  uint64_t committed_digest() const override;

 private:
  const HistoryView& v_;
};

}  // namespace opslint
