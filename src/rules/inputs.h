// Digests of what the memoised checks read, for the check memo (engine/check_memo.h): a check's
// findings are reused only when the digest of its inputs is unchanged. Each digest mirrors the
// reads of its check in rules/<family>.cpp — a check that starts reading something new must add it
// here; tests/e2e/memo.sh compares memoised runs with fresh ones after many kinds of edits.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "rules/registry.h"

namespace opslint {

class Writer;

// Digests of a snapshot's records, for memo keys: from the parse cache's digests of the files
// (FileKeys) when it has them, else the records themselves.
// `ids_only`: of the records' IDs alone (checks that read only those).
void digest_actions(Writer& w, const PeriodFolder& f, bool ids_only = false);  // f.action_items
void digest_entries(Writer& w, const Snapshot& s, const std::string& path, const std::vector<Entry>& list,
                    bool ids_only = false);
void digest_front_matter(Writer& w, const Document& d, const FileKeys* keys);  // keys: d's, or nullptr

// The whole family's inputs (actions, repeated, backlog); nullopt for families not memoised whole.
std::optional<uint64_t> family_inputs(const LintContext& ctx, std::string_view family);
// The minutes check per folder: nullopt when the snapshot has no content ids for its files.
std::optional<uint64_t> minutes_folder_inputs(const PeriodFolder& f, uint64_t shared);
// check_links for one document: nullopt when the snapshot has no content id for it.
std::optional<uint64_t> links_document_inputs(const LintContext& ctx, const Document& d, uint64_t shared);
// What the per-folder minutes digests and the per-document links digests share (computed once a
// run): the config, the day, the existing link targets.
uint64_t document_shared_inputs(const LintContext& ctx);

}  // namespace opslint
