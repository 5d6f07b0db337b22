// The committed history of one tip (what the walk derives), and its on-disk cache.
#pragma once
#include <git2.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/history.h"

namespace opslint {

// What the first-parent walk derives for one tip commit. Depends only on the tip and the watched
// paths (never on "now", the range or uncommitted files), so it can be cached under the tip's id.
struct Chain {
  git_oid tip{};
  HistoryView view;                          // complete; commits[i].author is the raw author name (before .mailmap)
  std::vector<git_oid> ids;                  // per view commit
  std::vector<std::string> emails;           // per view commit, raw (for .mailmap)
  std::map<std::string, git_oid> tip_blobs;  // every watched file in the tip's tree
};

// The cache file for `tip` under `dir`; `fingerprint` identifies the watched paths and the facts' format.
std::string chain_cache_file(const std::string& dir, const git_oid& tip, uint64_t fingerprint);
// nullopt when the file is missing, damaged or written for another tip, configuration or format.
std::optional<Chain> read_chain(const std::string& file, const git_oid& tip, uint64_t fingerprint);
// Best effort (a read-only repository simply is not cached); atomic, so concurrent runs are safe.
void write_chain(const std::string& file, const Chain& chain, uint64_t fingerprint);
// Keeps the `keep` most recently written cache files in `dir`.
void prune_chain_cache(const std::string& dir, size_t keep);

}  // namespace opslint
