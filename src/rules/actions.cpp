// OPS301–OPS310: every action has an owner, a due date, a verification step and a backlog entry.
#include <fmt/format.h>
#include <re2/re2.h>

#include <map>
#include <set>

#include "rules/checks.h"
#include "util/text.h"

namespace opslint {

namespace {

std::set<std::string> backlog_ids(const Snapshot& s) {
  std::set<std::string> ids;
  for (const auto* list : {&s.backlog, &s.archive})
    for (const auto& e : *list) ids.insert(e.id);
  return ids;
}

std::vector<std::string> owner_handles(std::string_view owner) {
  std::vector<std::string> out;
  static const RE2 sep(R"([,;/&]|\s+and\s+)");
  std::string s(owner);
  RE2::GlobalReplace(&s, sep, " ");
  const std::string folded = text::fold_space(s);  // split() views into it: keep it alive
  for (auto w : text::split(folded, ' '))
    if (!w.empty()) out.emplace_back(w);
  return out;
}

void check_one(LintContext& ctx, const PeriodFolder& f, const Action& a, const std::set<std::string>& known,
               bool entries_known, std::optional<Day> meeting) {
  auto say = [&](std::string_view rule, const std::string& msg) {
    ctx.report(rule, a.file, a.pos, fmt::format("action {} {}", a.id, msg), f.name, a.ref());
  };
  if (a.owner.empty()) say("OPS301", "has no owner");
  if (a.due.empty()) say("OPS302", "has no due date");
  if (a.verification.empty()) say("OPS303", "has no verification step");
  if (a.backlog.empty() && a.backlog_ids.empty()) {
    say("OPS304", "has no backlog reference");
  } else if (entries_known) {
    if (a.backlog_ids.empty())
      say("OPS305", fmt::format("backlog reference '{}' names no {} entry", a.backlog, ctx.cfg.backlog_prefix));
    for (const auto& id : a.backlog_ids)
      if (!known.count(id)) say("OPS305", fmt::format("references {}, which is in neither the backlog nor its archive", id));
  }
  if (!a.due.empty()) {
    const auto due = parse_day(a.due);
    if (!due) {
      say("OPS306", fmt::format("due date '{}' is not a calendar date (YYYY-MM-DD)", a.due));
    } else if (meeting && *due < *meeting && !is_closed(a.resolved_status)) {
      say("OPS306", fmt::format("is due {}, before the meeting on {}", a.due, format_day(*meeting)));
    } else if (!is_closed(a.resolved_status) && *due < ctx.today) {
      say("OPS307", fmt::format("is overdue: due {}, status {}{}", a.due, a.status.empty() ? "open" : a.status,
                                a.owner.empty() ? "" : ", owner " + a.owner));
    }
  }
  if (!ctx.cfg.owners.empty())
    for (const auto& h : owner_handles(a.owner))
      if (std::find(ctx.cfg.owners.begin(), ctx.cfg.owners.end(), h) == ctx.cfg.owners.end())
        say("OPS309", fmt::format("owner {} is not in the configured owners", h));
  if (a.resolved_status == ActionStatus::Done && a.evidence.empty()) say("OPS310", "is done but has no evidence");
}

}  // namespace

void check_actions(LintContext& ctx) {
  const auto known = backlog_ids(ctx.snap);
  // An unreadable backlog or archive (OPS001) hides its entries: then no reference can be called unknown.
  const bool entries_known = ctx.snap.documents.count(ctx.cfg.backlog_path) > 0 &&
                             (!ctx.snap.archive_present || ctx.snap.documents.count(ctx.cfg.backlog_archive) > 0);
  bool references_backlog = false;
  for (const auto& f : ctx.snap.folders) {
    if (!f.period) continue;
    const auto meeting = meeting_day(f);
    // Only explicit IDs can clash: positional IDs are per file, so two files both have an "A1".
    std::map<std::string, const Action*> seen;
    for (const auto& a : f.action_items) {
      check_one(ctx, f, a, known, entries_known, meeting);
      references_backlog = references_backlog || !a.backlog.empty() || !a.backlog_ids.empty();
      if (!a.id_explicit) continue;
      auto [it, fresh] = seen.emplace(a.id, &a);
      if (!fresh)
        ctx.report("OPS308", a.file, a.pos,
                   fmt::format("action ID {} is used twice in {} (first at {}:{})", a.id, f.name, it->second->file,
                               it->second->pos.line),
                   f.name, a.ref() + "#dup");
    }
  }
  if (references_backlog && !ctx.snap.backlog_present)
    ctx.report("OPS407", ctx.cfg.backlog_path, {0, 0},
               "the improvement backlog is missing, but actions reference backlog entries", {}, "backlog");
}

}  // namespace opslint
