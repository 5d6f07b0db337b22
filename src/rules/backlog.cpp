// OPS401–OPS406: the improvement backlog is complete, unique, consistent and traceable.
#include <fmt/format.h>
#include <re2/re2.h>

#include <map>
#include <set>

#include "rules/checks.h"
#include "util/text.h"

namespace opslint {

namespace {

const std::set<std::string> kStatuses = {"open", "in-progress", "blocked", "done", "wont-do"};

void check_sources(LintContext& ctx, const Entry& e, const std::map<std::string, std::set<std::string>>& periods,
                   const std::set<std::string>& unread) {
  const std::string* source = e.field("source");
  if (!source) return;
  static const RE2 ref(R"((?:^|[^0-9A-Za-z])(\d{4}-(?:\d{2}|Q\d))(?:/([A-Za-z][A-Za-z0-9-]*))?)");
  re2::StringPiece in(*source);
  std::string period, action;
  while (RE2::FindAndConsume(&in, ref, &period, &action)) {
    auto it = periods.find(period);
    if (it == periods.end())
      ctx.report("OPS405", e.file, e.field_pos("source"),
                 fmt::format("{} Source names period {}, which has no review folder", e.id, period), {},
                 e.id + "/" + period);
    else if (!action.empty() && !it->second.count(action) && !unread.count(period))
      ctx.report("OPS405", e.file, e.field_pos("source"),
                 fmt::format("{} Source names action {}/{}, which does not exist", e.id, period, action), {},
                 e.id + "/" + period + "/" + action);
  }
}

}  // namespace

void check_backlog(LintContext& ctx) {
  // Period names of every kind (2026-11 may be a week or a month) → the action IDs they hold.
  std::map<std::string, std::set<std::string>> periods;
  // Periods whose minutes or actions.md could not be read (OPS001): their action IDs are unknown.
  std::set<std::string> unread;
  for (const auto& f : ctx.snap.folders)
    if (f.period) {
      auto& ids = periods[f.name];
      for (const auto& a : f.action_items) ids.insert(a.id);
      if ((f.has_minutes && !f.minutes) || (f.has_actions && !f.actions)) unread.insert(f.name);
    }
  std::map<std::string, const Entry*> seen;
  for (const auto* list : {&ctx.snap.backlog, &ctx.snap.archive}) {
    const bool archived = list == &ctx.snap.archive;
    for (const Entry& e : *list) {
      auto [it, fresh] = seen.emplace(e.id, &e);
      if (!fresh)
        ctx.report("OPS402", e.file, e.pos,
                   fmt::format("{} is defined twice (first at {}:{})", e.id, it->second->file, it->second->pos.line), {},
                   e.id + "#dup");
      if (archived) continue;  // retired entries are kept as they were
      for (const char* name : {"status", "owner", "source", "verification"}) {
        const std::string* v = e.field(name);
        if (!v || v->empty())
          ctx.report("OPS401", e.file, e.pos, fmt::format("{} has no {} field", e.id, name), {}, e.id + "/" + name);
      }
      const std::string* status = e.field("status");
      const std::string st = status ? text::lower(*status) : "";
      if (status && !status->empty() && !kStatuses.count(st))
        ctx.report("OPS403", e.file, e.field_pos("status"),
                   fmt::format("{} has Status '{}'; expected open, in-progress, blocked, done or wont-do", e.id, *status),
                   {}, e.id);
      const std::string* evidence = e.field("evidence");
      if (st == "done" && (!evidence || evidence->empty()))
        ctx.report("OPS404", e.file, e.field_pos("status"), fmt::format("{} is done but has no Evidence", e.id), {}, e.id);
      check_sources(ctx, e, periods, unread);
      if (const std::string* due = e.field("due"); due && st != "done" && st != "wont-do") {
        if (auto d = parse_day(*due); d && *d < ctx.today)
          ctx.report("OPS406", e.file, e.field_pos("due"),
                     fmt::format("{} is overdue: due {}, status {}", e.id, *due, st.empty() ? "unknown" : st), {}, e.id);
      }
    }
  }
}

}  // namespace opslint
