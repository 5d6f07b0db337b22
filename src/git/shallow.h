// A shallow clone's boundary commits, and the merge base computed as git computes it there: the
// boundary commits have no parents. libgit2 1.5 knows no shallow clones: its merge-base walk goes
// on into the missing parents, fails, and leaks its queue on that path.
#pragma once
#include <git2.h>

#include <optional>
#include <set>
#include <string>
#include <unordered_set>

namespace opslint {

// The hex ids listed in <common git dir>/shallow; empty for a complete clone.
std::set<std::string> shallow_commits(git_repository* repo);

// Every commit reachable from `from`, itself included, in the history this clone has (parents of
// `shallow` commits and commits missing from the object database are not followed).
std::unordered_set<std::string> reachable_from(git_repository* repo, const git_oid& from,
                                               const std::set<std::string>& shallow);

// The merge base of two commits (the newest best common ancestor); nullopt when there is none in
// the history this clone has.
std::optional<git_oid> merge_base(git_repository* repo, const git_oid& one, const git_oid& two);

}  // namespace opslint
