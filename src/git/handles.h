// RAII owners for libgit2 handles, and the one object that owns libgit2's global state.
#pragma once
#include <git2.h>

#include <memory>
#include <string>

#include "util/deleter.h"

namespace opslint {

template <typename T, void (*Free)(T*)>
using GitDeleter = Deleter<T, Free>;

using Repository = std::unique_ptr<git_repository, GitDeleter<git_repository, git_repository_free>>;
using Index = std::unique_ptr<git_index, GitDeleter<git_index, git_index_free>>;
using Tree = std::unique_ptr<git_tree, GitDeleter<git_tree, git_tree_free>>;
using TreeEntry = std::unique_ptr<git_tree_entry, GitDeleter<git_tree_entry, git_tree_entry_free>>;
using Commit = std::unique_ptr<git_commit, GitDeleter<git_commit, git_commit_free>>;
using Object = std::unique_ptr<git_object, GitDeleter<git_object, git_object_free>>;
using GitBlob = std::unique_ptr<git_blob, GitDeleter<git_blob, git_blob_free>>;
using RevWalk = std::unique_ptr<git_revwalk, GitDeleter<git_revwalk, git_revwalk_free>>;
using GitConfig = std::unique_ptr<git_config, GitDeleter<git_config, git_config_free>>;

// libgit2's global state (git/libgit2_init.cpp: initialised without the system CA bundle).
class LibGit2 {
 public:
  LibGit2();
  ~LibGit2() { git_libgit2_shutdown(); }
  // Whether initialising skipped parsing the CA bundle (the executable exports the stand-in).
  static bool skipped_ca_bundle();
  LibGit2(const LibGit2&) = delete;
  LibGit2& operator=(const LibGit2&) = delete;
};

// The 40-digit hex form of an object id.
inline std::string oid_hex(const git_oid& id) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &id);
  return buf;
}

// libgit2's message for the last error on this thread.
inline std::string git_last_message() {
  const git_error* e = git_error_last();
  return e && e->message ? e->message : "unknown libgit2 error";
}

}  // namespace opslint
