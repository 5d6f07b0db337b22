// Documents → ops records: actions (table and task-list forms) and "## ID title" entries.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/ops.h"

namespace opslint {

// Actions declared in `doc` (SPEC §2.2): in the whole file when `whole_file`, else only in the
// sections is_actions_heading() accepts. Every table with an action column, every top-level list
// item (and every task item), every sub-heading ("### A1 Title") whose part of the section holds
// no action of its own. With `issues`, content that cannot be read as actions is reported there
// (OPS312), unless it states there are none or points to actions.md.
std::vector<Action> parse_actions(const Document& doc, const std::string& period, bool whole_file,
                                  const std::string& backlog_prefix, std::vector<FormIssue>* issues = nullptr);

// Parses one task-list item's text (after the checkbox) into an action's fields.
void parse_task_text(std::string_view text, Action& a);

// Level-2 entries whose heading starts with `prefix` followed by digits (IB-42, R-7). With
// `issues`, content that looks like entries but is not read as them is reported there as `rule`.
std::vector<Entry> parse_entries(const Document& doc, const std::string& prefix,
                                 std::vector<FormIssue>* issues = nullptr, std::string_view rule = {});

// IDs like IB-42 in text, or in the fragments of links (#ib-42), normalised to the prefix's case.
std::vector<std::string> find_ids(std::string_view text, const std::vector<Link>& links, const std::string& prefix);

// Repo-relative path a relative link points to; nullopt for absolute URLs, pure fragments, and
// links that escape the repository.
std::optional<std::string> resolve_link(std::string_view doc_path, std::string_view url);
bool is_absolute_url(std::string_view url);

}  // namespace opslint
