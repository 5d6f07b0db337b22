// Merge bases that stop at a shallow clone's boundary, as git's do.
#include "git/shallow.h"

#include <filesystem>
#include <fstream>
#include <unordered_set>
#include <vector>

#include "git/handles.h"

namespace opslint {

namespace {

// Every commit reachable from `starts` (the starts included when `self`), parents of boundary
// commits and commits missing from the object database not followed.
std::unordered_set<std::string> reachable(git_repository* repo, const std::vector<git_oid>& starts,
                                          const std::set<std::string>& shallow, bool self) {
  std::unordered_set<std::string> seen;
  std::vector<git_oid> todo;
  auto parents = [&](const git_oid& id) {
    if (shallow.count(oid_hex(id))) return;
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repo, &id) < 0) return;
    const Commit c(raw);
    for (unsigned i = 0; i < git_commit_parentcount(c.get()); ++i)
      if (const git_oid* p = git_commit_parent_id(c.get(), i)) todo.push_back(*p);
  };
  for (const git_oid& s : starts) {
    if (self)
      todo.push_back(s);
    else
      parents(s);
  }
  while (!todo.empty()) {
    const git_oid id = todo.back();
    todo.pop_back();
    if (!seen.insert(oid_hex(id)).second) continue;
    parents(id);
  }
  git_error_clear();  // a missing commit is where the history this clone has ends
  return seen;
}

git_time_t commit_time(git_repository* repo, const git_oid& id) {
  git_commit* raw = nullptr;
  if (git_commit_lookup(&raw, repo, &id) < 0) return 0;
  const Commit c(raw);
  return git_commit_time(c.get());
}

}  // namespace

std::set<std::string> shallow_commits(git_repository* repo) {
  std::set<std::string> out;
  std::ifstream in(std::filesystem::path(git_repository_commondir(repo)) / "shallow");
  for (std::string line; std::getline(in, line);)
    if (line.size() >= GIT_OID_HEXSZ) out.insert(line.substr(0, GIT_OID_HEXSZ));
  return out;
}

std::unordered_set<std::string> reachable_from(git_repository* repo, const git_oid& from,
                                               const std::set<std::string>& shallow) {
  return reachable(repo, {from}, shallow, true);
}

std::optional<git_oid> merge_base(git_repository* repo, const git_oid& one, const git_oid& two) {
  const std::set<std::string> shallow = shallow_commits(repo);
  git_oid out;
  if (shallow.empty()) {
    if (git_merge_base(&out, repo, &one, &two) < 0) return std::nullopt;
    return out;
  }
  const auto a = reachable(repo, {one}, shallow, true);
  const auto b = reachable(repo, {two}, shallow, true);
  std::vector<git_oid> common;
  for (const std::string& id : a)
    if (b.count(id) && git_oid_fromstr(&out, id.c_str()) == 0) common.push_back(out);
  // The best common ancestors are those no other common ancestor reaches.
  const auto below = reachable(repo, common, shallow, false);
  std::optional<git_oid> best;
  git_time_t best_time = 0;
  for (const git_oid& c : common) {
    if (below.count(oid_hex(c))) continue;
    const git_time_t t = commit_time(repo, c);
    if (!best || t > best_time || (t == best_time && git_oid_cmp(&c, &*best) < 0)) {
      best = c;
      best_time = t;
    }
  }
  return best;
}

}  // namespace opslint
