// The history view, read with libgit2: the first-parent chain of the linted revision, compared
// commit by commit through the tree ids of the watched paths, cached under the git dir.
#pragma once
#include <git2.h>

#include <memory>
#include <optional>
#include <string>

#include "config/config.h"
#include "model/history.h"
#include "model/ops.h"

namespace opslint {

// What the linted files are when they are not a commit: they become the newest version.
enum class Uncommitted { None, Staged, Worktree };

struct HistoryRequest {
  git_repository* repo = nullptr;  // borrowed
  std::optional<git_oid> tip;      // the linted commit; nullopt: HEAD (which must be born)
  // --range: the merge base; only commits on the tip's first-parent chain that it cannot reach are reported.
  std::optional<git_oid> range_base;
  Uncommitted uncommitted = Uncommitted::None;
  // The hook's gate (`lint --staged`): only the uncommitted version is reported, as if it were a
  // range of its own on top of the tip.
  bool only_uncommitted = false;
  const Snapshot* snapshot = nullptr;  // the linted files, parsed: the uncommitted version's facts
  Instant now{};                       // the time of the uncommitted change
  bool use_cache = true;
};

// Reads the history. Never throws for what a repository can be (shallow, partial, damaged cache):
// such history comes back with complete = false and the reason.
HistoryView load_history(const HistoryRequest& req, const Config& cfg);

// load_history() in two halves, so that reading the committed history (the cache file, or the walk)
// overlaps building the snapshot: the constructor starts it on another thread (req.snapshot is not
// read), finish() takes the built snapshot and adds what needs it. Destroying an unfinished load
// waits for the reading; nothing is written to the cache before finish().
class HistoryLoad {
 public:
  HistoryLoad(const HistoryRequest& req, const Config& cfg);
  ~HistoryLoad();
  HistoryLoad(const HistoryLoad&) = delete;
  HistoryLoad& operator=(const HistoryLoad&) = delete;
  // The history, decoded piece by piece as the rules ask for it.
  // `load`: loads the snapshot's deferred records that the uncommitted version is read from.
  std::unique_ptr<HistoryData> finish(const Snapshot& snapshot, const LoadRecords& load = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The history of HEAD with the working tree (`snap`) as its newest version, for the report and the
// scaffolding's metrics; nullopt with the reason when there is none or it is incomplete (an
// incomplete history would give wrong dates).
std::optional<HistoryView> worktree_history(git_repository* repo, const Snapshot& snap, Instant now, const Config& cfg,
                                            std::string& why);

// Where the cache lives: <common git dir>/opslint/history-v1/.
std::string history_cache_dir(git_repository* repo);

}  // namespace opslint
