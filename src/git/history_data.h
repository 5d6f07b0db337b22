// The history as the lint command reads it: the committed chain (a cache file or a walked chain,
// in the cache's format) decoded piece by piece as the rules ask, plus the uncommitted version.
#pragma once
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "git/history_cache.h"
#include "model/history.h"

namespace opslint {

class ChainHistory : public HistoryData {
 public:
  // `names`: per store.authors() pair, the name after .mailmap.
  // `range`: the commits from `first_reported` on are a --range's, and `on_base` the period files
  // its base holds (HistoryData::range(), on_base()).
  ChainHistory(std::shared_ptr<const ChainStore> store, std::vector<std::string> names, size_t first_reported,
               bool range = false, std::set<std::string> on_base = {});

  // The uncommitted change, as one more commit: its period files' versions and the lists' versions.
  void add_uncommitted(HistoryCommit commit, std::map<std::string, FileVersion> files,
                       std::optional<ListVersion> backlog, std::optional<ListVersion> archive);

  bool complete() const override { return store_->complete(); }
  const std::string& incomplete_reason() const override { return store_->incomplete_reason(); }
  size_t first_reported() const override { return first_reported_; }
  bool range() const override { return range_; }
  bool on_base(const std::string& path) const override { return on_base_.count(path) > 0; }
  size_t commit_count() const override { return store_->commits() + (extra_ ? 1 : 0); }
  HistoryCommit commit(size_t i) const override;
  Instant time(size_t i) const override;
  std::vector<std::string> paths() const override;
  const std::vector<FileVersion>* versions(const std::string& path) const override;
  std::vector<std::string> changed_in(size_t i) const override;
  const std::vector<ListVersion>& backlog() const override { return list(0); }
  const std::vector<ListVersion>& archive() const override { return list(1); }
  std::vector<size_t> uncommitted() const override;
  std::vector<const ListVersion*> uncommitted_lists(bool archive) const override;
  uint64_t committed_digest() const override;

  // Everything, decoded: what the report reads.
  HistoryView view() const;

 private:
  const std::vector<ListVersion>& list(int which) const;

  std::shared_ptr<const ChainStore> store_;
  std::vector<std::string> names_;
  size_t first_reported_ = 0;
  bool range_ = false;
  std::set<std::string> on_base_;
  std::optional<HistoryCommit> extra_;             // the uncommitted change
  std::map<std::string, FileVersion> extra_files_;  // its period files' versions
  std::optional<ListVersion> extra_lists_[2];      // its backlog's and archive's versions
  // What is decoded on demand; the backlog's check and the folders' run on different threads.
  mutable std::mutex files_m_, lists_m_;
  mutable std::map<std::string, std::vector<FileVersion>> decoded_;
  mutable std::optional<std::vector<ListVersion>> lists_[2];
};

}  // namespace opslint
