// ChangeScope over a path set (--range) and over the index against HEAD (--staged).
#include "git/change_scope.h"

#include "git/handles.h"

namespace opslint {

namespace {

bool below(const std::string& path, const std::string& folder) {
  return path.size() > folder.size() && path.starts_with(folder) && path[folder.size()] == '/';
}

// The blobs below `tree` (paths relative to the repository: `prefix` + the tree's own), symlinks
// and submodules left out as the sources leave them out.
int collect_ids(const char* root, const git_tree_entry* entry, void* payload) {
  if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB || git_tree_entry_filemode(entry) == GIT_FILEMODE_LINK) return 0;
  auto* out = static_cast<std::pair<std::string, std::map<std::string, git_oid>>*>(payload);
  out->second.emplace(out->first + root + git_tree_entry_name(entry), *git_tree_entry_id(entry));
  return 0;
}

}  // namespace

bool PathSetScope::touches_folder(const std::string& folder) const {
  auto it = paths_.lower_bound(folder + "/");
  return it != paths_.end() && below(*it, folder);
}

StagedScope::StagedScope(git_repository* repo, const GitSource& index) : index_(index) {
  git_object* obj = nullptr;
  if (git_revparse_single(&obj, repo, "HEAD^{tree}") == 0) head_ = reinterpret_cast<git_tree*>(obj);
}

StagedScope::~StagedScope() { git_tree_free(head_); }

bool StagedScope::touches(const std::string& path) const {
  if (!head_) return true;
  const std::optional<std::string> staged = index_.content_id(path);
  git_tree_entry* raw = nullptr;
  if (git_tree_entry_bypath(&raw, head_, path.c_str()) < 0) return staged.has_value();
  TreeEntry entry(raw);
  if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) return staged.has_value();
  return !staged || staged->compare(0, GIT_OID_RAWSZ, reinterpret_cast<const char*>(git_tree_entry_id(entry.get())->id),
                                    GIT_OID_RAWSZ) != 0;
}

bool StagedScope::touches_folder(const std::string& folder) const {
  if (!head_) return true;
  if (auto it = folders_.find(folder); it != folders_.end()) return it->second;
  // HEAD's blobs below the folder against the index's.
  std::pair<std::string, std::map<std::string, git_oid>> head{folder + "/", {}};
  git_tree_entry* raw = nullptr;
  if (git_tree_entry_bypath(&raw, head_, folder.c_str()) == 0) {
    TreeEntry entry(raw);
    git_object* obj = nullptr;
    if (git_tree_entry_type(entry.get()) == GIT_OBJECT_TREE &&
        git_tree_entry_to_object(&obj, git_tree_owner(head_), entry.get()) == 0) {
      Tree sub(reinterpret_cast<git_tree*>(obj));
      git_tree_walk(sub.get(), GIT_TREEWALK_PRE, collect_ids, &head);
    }
  }
  bool touched = false;
  const std::vector<std::string> staged = index_.list(folder);
  if (staged.size() != head.second.size()) touched = true;
  for (size_t i = 0; i < staged.size() && !touched; ++i) {
    auto it = head.second.find(staged[i]);
    const auto id = index_.content_id(staged[i]);
    touched = it == head.second.end() || !id ||
              id->compare(0, GIT_OID_RAWSZ, reinterpret_cast<const char*>(it->second.id), GIT_OID_RAWSZ) != 0;
  }
  return folders_[folder] = touched;
}

}  // namespace opslint
