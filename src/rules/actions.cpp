// OPS301–OPS310: every action has an owner, a due date, a verification step and a backlog entry.
#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
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

// A value that stands for a missing one (SPEC §2.2): the placeholder as written, else nullopt.
std::optional<std::string> placeholder(std::string_view value, const std::vector<std::string>& extra) {
  static const RE2 empty_link(R"(^\[[^\]]*\]\(\s*\)$|^\[\s*\]\([^)]*\)$)");
  const std::string v = text::lower(text::fold_space(value));
  for (std::string_view p : {"tbd", "tba", "todo", "?", "??", "-", "--", "\xE2\x80\x94", "n/a", "na", "none", "@owner",
                             "@chair", "tk", "xxx"})
    if (v == p) return std::string(text::trim(value));
  if (RE2::FullMatch(v, empty_link)) return std::string(text::trim(value));
  for (const auto& p : extra)
    if (v == text::lower(text::fold_space(p))) return std::string(text::trim(value));
  return std::nullopt;
}

// The state word closest to an unknown status, for OPS313's did-you-mean; "" when none is close.
std::string closest_status(std::string_view status) {
  static constexpr std::string_view kWords[] = {"open", "in-progress", "done", "dropped", "todo", "wip", "doing",
                                                 "complete", "completed", "closed", "finished", "cancelled"};
  const std::string v = text::lower(text::fold_space(status));
  std::string_view best = "open";
  size_t best_d = SIZE_MAX;
  for (std::string_view w : kWords)
    if (const size_t d = text::edit_distance(v, w); d < best_d) {
      best_d = d;
      best = w;
    }
  if (best_d > std::max<size_t>(2, v.size() / 3)) return {};
  if (best == "todo") return "open";
  if (best == "wip" || best == "doing") return "in-progress";
  if (best == "complete" || best == "completed" || best == "closed" || best == "finished") return "done";
  if (best == "cancelled") return "dropped";
  return std::string(best);
}

void check_one(LintContext& ctx, const PeriodFolder& f, const Action& a, const std::set<std::string>& known,
               bool entries_known, std::optional<Day> meeting) {
  auto say = [&](std::string_view rule, const std::string& msg) {
    ctx.report(rule, a.file, a.pos, fmt::format("action {} {}", a.id, msg), f.name, a.ref());
  };
  // A placeholder is a missing value, said so: "has no owner (placeholder 'TBD')".
  const auto& extra = ctx.cfg.placeholders;
  auto absent = [&](const std::string& v) { return v.empty() || placeholder(v, extra); };
  auto why = [&](const std::string& v) {
    return v.empty() ? std::string() : fmt::format(" (placeholder '{}')", *placeholder(v, extra));
  };
  if (absent(a.owner)) say("OPS301", "has no owner" + why(a.owner));
  if (absent(a.due)) say("OPS302", "has no due date" + why(a.due));
  if (absent(a.verification)) say("OPS303", "has no verification step" + why(a.verification));
  if (a.resolved_status == ActionStatus::Unknown) {
    const std::string near = closest_status(a.status);
    say("OPS313", fmt::format("has status '{}', which is none of open, in-progress, done, dropped (or their synonyms){}",
                              a.status, near.empty() ? "" : fmt::format("; did you mean '{}'?", near)));
  }
  if ((a.backlog.empty() && a.backlog_ids.empty()) || (placeholder(a.backlog, extra) && a.backlog_ids.empty())) {
    say("OPS304", "has no backlog reference" + why(a.backlog));
  } else if (entries_known) {
    if (a.backlog_ids.empty())
      say("OPS305", fmt::format("backlog reference '{}' names no {} entry", a.backlog, ctx.cfg.backlog_prefix));
    for (const auto& id : a.backlog_ids)
      if (!known.count(id)) say("OPS305", fmt::format("references {}, which is in neither the backlog nor its archive", id));
  }
  if (!absent(a.due)) {
    const auto due = parse_written_day(a.due);
    if (!due) {
      say("OPS306", "due date " + written_day_problem(a.due, meeting ? *meeting : ctx.today));
    } else if (meeting && *due < *meeting && !is_closed(a.resolved_status)) {
      say("OPS306", fmt::format("is due {}, before the meeting on {}", a.due, format_day(*meeting)));
    } else if (!is_closed(a.resolved_status) && *due < ctx.today) {
      say("OPS307", fmt::format("is overdue: due {}, status {}{}", a.due, a.status.empty() ? "open" : a.status,
                                a.owner.empty() ? "" : ", owner " + a.owner));
    }
  }
  if (!ctx.cfg.owners.empty() && !absent(a.owner))
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
