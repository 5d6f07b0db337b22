// Snapshots from git itself, through libgit2: the index or a commit's tree.
#include "git/git_source.h"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>

#include "git/handles.h"
#include "git/shallow.h"
#include "util/result.h"

namespace opslint {

namespace {

int collect_blob(const char* root, const git_tree_entry* entry, void* payload) {
  if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) return 0;
  // Symlinks (mode 120000) are link targets, not files to lint; submodules are commits.
  if (git_tree_entry_filemode(entry) == GIT_FILEMODE_LINK) return 0;
  auto* files = static_cast<std::map<std::string, git_oid>*>(payload);
  files->emplace(std::string(root) + git_tree_entry_name(entry), *git_tree_entry_id(entry));
  return 0;
}

Commit resolve_commit(git_repository* repo, const std::string& rev) {
  git_object* raw = nullptr;
  git_error_clear();
  if (git_revparse_single(&raw, repo, rev.c_str()) < 0) {
    // libgit2 sets no message for some forms it cannot resolve (@{-1} without a branch switch).
    const git_error* e = git_error_last();
    throw Fatal{fmt::format("unknown revision '{}': {}", rev,
                            e && e->message ? e->message : "no commit, branch, tag or reflog entry by that name")};
  }
  Object obj(raw);
  git_object* peeled = nullptr;
  if (git_object_peel(&peeled, obj.get(), GIT_OBJECT_COMMIT) < 0)
    throw Fatal{fmt::format("revision '{}' does not name a commit", rev)};
  return Commit(reinterpret_cast<git_commit*>(peeled));
}

}  // namespace

std::unique_ptr<GitSource> GitSource::from_index(git_repository* repo) {
  std::unique_ptr<GitSource> src(new GitSource(repo, "index"));
  git_index* raw = nullptr;
  const char* env = std::getenv("GIT_INDEX_FILE");
  int rc = 0;
  if (env && *env) {
    // Opened by path: libgit2 1.5's GIT_REPOSITORY_OPEN_FROM_ENV misbehaves when GIT_WORK_TREE is set.
    const std::string path = std::filesystem::absolute(env).string();
    if (!std::filesystem::is_regular_file(path))
      throw Fatal{fmt::format("GIT_INDEX_FILE names '{}', which does not exist", path)};
    rc = git_index_open(&raw, path.c_str());
  } else {
    rc = git_repository_index(&raw, repo);
  }
  if (rc < 0) throw Fatal{fmt::format("cannot read the git index: {}", git_last_message())};
  Index index(raw);
  const size_t n = git_index_entrycount(index.get());
  for (size_t i = 0; i < n; ++i) {
    const git_index_entry* e = git_index_get_byindex(index.get(), i);
    if (!e || git_index_entry_stage(e) != 0) continue;  // unmerged entries: the merge is not done
    if ((e->mode & 0170000) == 0120000 || (e->mode & 0170000) == 0160000) continue;  // symlink, submodule
    src->files_.emplace(e->path, e->id);
  }
  return src;
}

std::unique_ptr<GitSource> GitSource::from_revision(git_repository* repo, const std::string& rev) {
  Commit commit = resolve_commit(repo, rev);
  std::unique_ptr<GitSource> src(new GitSource(repo, oid_hex(*git_commit_id(commit.get()))));
  src->commit_ = *git_commit_id(commit.get());
  src->has_commit_ = true;
  git_tree* raw = nullptr;
  if (git_commit_tree(&raw, commit.get()) < 0)
    throw Fatal{fmt::format("cannot read the tree of '{}': {}", rev, git_last_message())};
  Tree tree(raw);
  if (git_tree_walk(tree.get(), GIT_TREEWALK_PRE, collect_blob, &src->files_) < 0)
    throw Fatal{fmt::format("cannot walk the tree of '{}': {}", rev, git_last_message())};
  return src;
}

std::optional<Blob> GitSource::read(const std::string& path, uint64_t limit) const {
  auto it = files_.find(path);
  if (it == files_.end()) return std::nullopt;
  std::lock_guard lock(odb_mutex_);
  git_odb* odb = nullptr;
  if (git_repository_odb(&odb, repo_) < 0) return std::nullopt;
  std::unique_ptr<git_odb, GitDeleter<git_odb, git_odb_free>> odb_owner(odb);
  size_t size = 0;
  git_object_t type{};
  Blob b;
  if (git_odb_read_header(&size, &type, odb, &it->second) < 0) return std::nullopt;
  b.size = size;
  if (b.size > limit) {
    b.truncated = true;
    return b;
  }
  git_blob* raw = nullptr;
  if (git_blob_lookup(&raw, repo_, &it->second) < 0) return std::nullopt;
  GitBlob blob(raw);
  b.bytes.assign(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                 static_cast<size_t>(git_blob_rawsize(blob.get())));
  return b;
}

std::optional<std::string> GitSource::content_id(const std::string& path) const {
  auto it = files_.find(path);
  if (it == files_.end()) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(it->second.id), GIT_OID_RAWSZ);
}

std::set<std::string> GitSource::changed_since(const GitSource& other) const {
  std::set<std::string> out;
  for (const auto& [path, id] : files_) {
    auto it = other.files_.find(path);
    if (it == other.files_.end() || !git_oid_equal(&it->second, &id)) out.insert(path);
  }
  for (const auto& [path, id] : other.files_)
    if (!files_.count(path)) out.insert(path);
  return out;
}

RangeSources range_sources(git_repository* repo, const std::string& range) {
  const size_t dots = range.find("..");
  if (dots == std::string::npos || range.find("...") != std::string::npos)
    throw Fatal{fmt::format("--range '{}' must have the form BASE..HEAD", range)};
  const std::string base_rev = range.substr(0, dots);
  if (base_rev.empty() && dots + 2 == range.size())
    throw Fatal{fmt::format("--range '{}' names no revision: give BASE..HEAD (HEAD may be left out)", range)};
  const std::string head_rev = range.substr(dots + 2).empty() ? "HEAD" : range.substr(dots + 2);
  const Commit base = resolve_commit(repo, base_rev.empty() ? "HEAD" : base_rev);
  const Commit head = resolve_commit(repo, head_rev);
  const std::optional<git_oid> common = merge_base(repo, *git_commit_id(base.get()), *git_commit_id(head.get()));
  if (!common)
    throw Fatal{fmt::format(
        "no merge base between '{}' and '{}' (a shallow clone?): fetch the base branch, or check out with full "
        "history (actions/checkout: fetch-depth: 0)",
        base_rev, head_rev)};
  return {GitSource::from_revision(repo, oid_hex(*common)), GitSource::from_revision(repo, head_rev)};
}

}  // namespace opslint
