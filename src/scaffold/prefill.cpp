// Monthly and quarterly minutes pre-filled from the data: the evidence the reviews expect
// (metrics and their trend, open actions, the risk register) without copying numbers by hand.
#include "scaffold/prefill.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "report/format.h"
#include "report/metrics.h"
#include "rules/checks.h"
#include "scaffold/plan.h"

namespace opslint {

namespace {

Period previous(const Period& p) { return Period::containing(p.kind, p.first_day() - date::days{1}); }

// The part of a period measured by `today`: from its first day to today, or all of it when over.
ReportWindow measured(const Period& p, Day today) {
  return {p.first_day(), std::clamp(today, p.first_day(), p.last_day())};
}

std::string field_or(const Entry& e, const char* name, const char* fallback) {
  const std::string* v = e.field(name);
  return v && !v->empty() ? *v : fallback;
}

}  // namespace

std::string render_health(const Snapshot& snap, const HealthInputs& in, const Config& cfg, const Period& p, Day today) {
  const Period prev = previous(p);
  const ReportWindow now_w = measured(p, today), prev_w = measured(prev, today);
  const Report cur = build_report(snap, in.history, in.history_reason, cfg, now_w, in.now);
  const Report old = build_report(snap, in.history, in.history_reason, cfg, prev_w, in.now);
  std::vector<std::vector<std::string>> g{{"Metric", prev.name(), p.name(), "Change"}};
  for (const MetricDef& m : metric_defs()) {
    if (!m.series) {
      g.push_back({std::string(m.label), "", format_metric(cur.totals, m), ""});
      continue;
    }
    g.push_back({std::string(m.label), format_metric(old.totals, m), format_metric(cur.totals, m),
                 format_change(old.totals, cur.totals, m)});
  }
  std::string out = fmt::format(
      "<!-- `opslint report` for {} ({} to {}) and {}, computed when this file was scaffolded "
      "({}); definitions in opslint's README. -->\n",
      p.name(), format_day(now_w.since), format_day(now_w.until), prev.name(), format_day(today));
  if (!cur.history)
    out += fmt::format("History unavailable ({}): metrics that need it are unknown.\n\n", cur.history_reason);
  return out + markdown_table(g);
}

std::string render_open_actions(const Snapshot& snap, const Period& p, Day meeting) {
  std::vector<std::pair<std::optional<Day>, const Action*>> open;
  for (const PeriodFolder& f : snap.folders) {
    if (!f.period || f.period->first_day() > p.last_day()) continue;
    for (const Action& a : f.action_items)
      if (!is_closed(a.resolved_status)) open.emplace_back(parse_day(a.due), &a);
  }
  // Soonest due first (overdue ones lead); without a valid due date, last.
  std::stable_sort(open.begin(), open.end(), [](const auto& a, const auto& b) {
    if (a.first.has_value() != b.first.has_value()) return a.first.has_value();
    if (a.first != b.first) return a.first < b.first;
    return a.second->ref() < b.second->ref();
  });
  if (open.empty()) return "No open actions.";
  size_t overdue = 0;
  for (const auto& [due, a] : open) overdue += due && *due < meeting ? 1 : 0;
  std::string out =
      fmt::format("{} open, {} overdue at the meeting ({}):\n\n", open.size(), overdue, format_day(meeting));
  for (const auto& [due, a] : open) out += action_bullet(*a, meeting) + "\n";
  out.pop_back();
  return out;
}

std::string render_risk_snapshot(const Snapshot& snap, const Config& cfg, const Period& p, Day today) {
  if (!snap.risks_present) return fmt::format("No risk register at {}.", cfg.risk_path);
  const std::string link =
      std::filesystem::path(cfg.risk_path).lexically_relative(period_folder(cfg, p)).generic_string();
  std::string out = fmt::format("From [the risk register]({}) on {}.\n\n", link, format_day(today));
  if (snap.risks.empty()) return out + "No risks recorded.";
  std::vector<std::vector<std::string>> g{{"Risk", "Owner", "Likelihood", "Impact", "Status", "Reviewed"}};
  for (const Entry& r : snap.risks) {
    std::string reviewed = field_or(r, "reviewed", "never");
    if (is_stale_risk(r, today, cfg.risk_stale_days)) reviewed += " (stale)";
    g.push_back({r.id + " " + r.title, field_or(r, "owner", "-"), field_or(r, "likelihood", "-"),
                 field_or(r, "impact", "-"), field_or(r, "status", "-"), reviewed});
  }
  out += markdown_table(g);
  out.pop_back();
  return out;
}

void add_prefill_vars(TemplateVars& vars, const Snapshot& snap, const HealthInputs& in, const Config& cfg,
                      const Period& p, Day today, Day meeting) {
  std::string health = render_health(snap, in, cfg, p, today);
  if (!health.empty() && health.back() == '\n') health.pop_back();
  vars["health"] = health;
  vars["open_actions"] = render_open_actions(snap, p, meeting);
  vars["risk_snapshot"] = render_risk_snapshot(snap, cfg, p, today);
}

}  // namespace opslint
