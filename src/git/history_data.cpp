// The history decoded on demand: a folder whose checks the memo answers costs nothing here.
#include "git/history_data.h"

#include <algorithm>

#include "git/handles.h"
#include "util/binary_io.h"

namespace opslint {

ChainHistory::ChainHistory(std::shared_ptr<const ChainStore> store, std::vector<std::string> names,
                           size_t first_reported, bool range, std::set<std::string> on_base)
    : store_(std::move(store)),
      names_(std::move(names)),
      first_reported_(first_reported),
      range_(range),
      on_base_(std::move(on_base)) {
  names_.resize(store_->authors().size());
}

void ChainHistory::add_uncommitted(HistoryCommit commit, std::map<std::string, FileVersion> files,
                                   std::optional<ListVersion> backlog, std::optional<ListVersion> archive) {
  const size_t index = store_->commits();
  extra_ = std::move(commit);
  extra_files_ = std::move(files);
  for (auto& [path, fv] : extra_files_) fv.commit = index;
  extra_lists_[0] = std::move(backlog);
  extra_lists_[1] = std::move(archive);
  for (auto& l : extra_lists_)
    if (l) l->commit = index;
}

HistoryCommit ChainHistory::commit(size_t i) const {
  if (i >= store_->commits()) return *extra_;
  HistoryCommit c;
  c.id = oid_hex(store_->id(i));
  c.short_id = c.id.substr(0, 7);
  c.author = names_[store_->author(i)];
  c.time = store_->time(i);
  c.boundary = store_->boundary(i);
  return c;
}

Instant ChainHistory::time(size_t i) const { return i >= store_->commits() ? extra_->time : store_->time(i); }

std::vector<std::string> ChainHistory::paths() const {
  std::vector<std::string> out;
  out.reserve(store_->paths() + extra_files_.size());
  for (size_t k = 0; k < store_->paths(); ++k) out.emplace_back(store_->path(k));
  for (const auto& [path, fv] : extra_files_)
    if (!store_->find(path)) out.push_back(path);
  return out;
}

const std::vector<FileVersion>* ChainHistory::versions(const std::string& path) const {
  std::lock_guard lock(files_m_);
  auto it = decoded_.find(path);
  if (it == decoded_.end()) {
    std::vector<FileVersion> v;
    if (auto k = store_->find(path)) v = store_->versions(*k);
    if (auto e = extra_files_.find(path); e != extra_files_.end()) v.push_back(e->second);
    it = decoded_.emplace(path, std::move(v)).first;
  }
  return it->second.empty() ? nullptr : &it->second;
}

std::vector<std::string> ChainHistory::changed_in(size_t i) const {
  std::vector<std::string> out;
  if (i >= store_->commits()) {
    for (const auto& [path, fv] : extra_files_) out.push_back(path);
    return out;
  }
  for (uint32_t k : store_->changed(i)) out.emplace_back(store_->path(k));
  return out;
}

const std::vector<ListVersion>& ChainHistory::list(int which) const {
  std::lock_guard lock(lists_m_);
  auto& l = lists_[which];
  if (!l) {
    l = which == 0 ? store_->backlog() : store_->archive();
    if (extra_lists_[which]) l->push_back(*extra_lists_[which]);
  }
  return *l;
}

std::vector<size_t> ChainHistory::uncommitted() const {
  if (!extra_) return {};
  return {store_->commits()};
}

std::vector<const ListVersion*> ChainHistory::uncommitted_lists(bool archive) const {
  const auto& l = extra_lists_[archive ? 1 : 0];
  if (!l) return {};
  return {&*l};
}

uint64_t ChainHistory::committed_digest() const {
  Writer w;
  w.u64(store_->digest());
  for (const std::string& name : names_) w.str(name);  // .mailmap's say, per author
  return checksum(w.bytes());
}

HistoryView ChainHistory::view() const {
  HistoryView v;
  v.complete = complete();
  v.incomplete_reason = incomplete_reason();
  v.first_reported = first_reported_;
  v.range = range_;
  v.on_base = on_base_;
  v.commits.reserve(commit_count());
  for (size_t i = 0; i < commit_count(); ++i) v.commits.push_back(commit(i));
  for (const std::string& path : paths())
    if (const auto* versions = this->versions(path)) v.files.emplace(path, *versions);
  v.backlog = backlog();
  v.archive = archive();
  return v;
}

}  // namespace opslint
