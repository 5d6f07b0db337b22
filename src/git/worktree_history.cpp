// The history of HEAD plus the working tree, or why there is none: what `report` and the
// scaffolding's metrics read.
#include "git/history.h"

namespace opslint {

std::optional<HistoryView> worktree_history(git_repository* repo, const Snapshot& snap, Instant now, const Config& cfg,
                                            std::string& why) {
  if (!repo) {
    why = "not a git repository";
    return std::nullopt;
  }
  if (git_repository_head_unborn(repo) == 1) {
    why = "unborn HEAD: no commits yet";
    return std::nullopt;
  }
  HistoryRequest req;
  req.repo = repo;
  req.uncommitted = Uncommitted::Worktree;
  req.snapshot = &snap;
  req.now = now;
  HistoryView view = load_history(req, cfg);
  if (!view.complete) {
    why = view.incomplete_reason;
    return std::nullopt;
  }
  return view;
}

}  // namespace opslint
