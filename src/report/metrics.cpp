// The report's metrics over the window and its weeks and months (definitions: README, "Cadence health").
#include "report/metrics.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/history_dates.h"
#include "rules/checks.h"
#include "rules/history.h"
#include "util/text.h"

namespace opslint {

namespace {

using U = MetricUnit;

// One action with the days the metrics compare.
struct ActionRow {
  const Action* a;
  Day opened;              // the meeting day (else the period's first day)
  std::optional<Day> due;  // valid due date
  bool closed;             // now (the snapshot)
  bool close_known;        // when it closed is known (history), or it is not closed
  std::optional<Day> closed_on;
  bool on_time = false;  // done, on or before the due date of the closing version
};

struct Review {
  Day end;  // the period's last day
  enum { Held, Skipped, Missed } state;
};

struct Publication {
  Day meeting;
  std::optional<double> hours;  // nullopt: not known (no history, shallow boundary)
};

struct BacklogRow {
  std::optional<Day> opened, closed;
  bool opened_known, closed_known;  // a field or the history said
  bool open;                        // now
};

struct Inputs {
  std::vector<ActionRow> actions;
  std::vector<Review> reviews;
  std::vector<Publication> publications;
  std::vector<std::pair<Day, RepeatedAction>> repeated;  // opened day of each repeated action's newest occurrence
  std::vector<BacklogRow> backlog;
  bool history = false;
  Day today{};
};

bool within(Day d, Day a, Day b) { return d >= a && d <= b; }

std::optional<Day> field_day(const Entry& e, const char* name) {
  const std::string* v = e.field(name);
  return v ? parse_day(*v) : std::nullopt;
}

bool closed_entry(const Entry& e) {
  const std::string* s = e.field("status");
  return s && (text::iequals(*s, "done") || text::iequals(*s, "wont-do"));
}

Inputs gather(const Snapshot& snap, const HistoryView* view, const Config& cfg, Instant now) {
  Inputs in;
  in.history = view != nullptr;
  in.today = local_day(now, cfg.timezone);
  const HistoryDates dates = view ? history_dates(*view) : HistoryDates{};
  std::map<const Action*, Day> opened_of;
  for (const PeriodFolder& f : snap.folders) {
    if (!f.period) continue;
    const Day opened = meeting_day(f).value_or(f.period->first_day());
    if (f.has_minutes)
      in.reviews.push_back({f.period->last_day(), Review::Held});
    else if (f.has_skipped)
      in.reviews.push_back({f.period->last_day(), Review::Skipped});
    if (f.minutes) {
      if (const auto end = meeting_end(f, *f.minutes, cfg)) {
        Publication p{local_day(*end, cfg.timezone), std::nullopt};
        auto it = dates.published.find(f.path + "/minutes.md");
        if (it != dates.published.end())
          p.hours = std::max(0.0, std::chrono::duration<double>(it->second - *end).count() / 3600.0);
        in.publications.push_back(p);
      }
    }
    for (const Action& a : f.action_items) {
      ActionRow r{&a, opened, parse_written_day(a.due), is_closed(a.resolved_status), true, std::nullopt, false};
      if (r.closed) {
        auto it = dates.action_closed.find({a.file, a.id});
        r.close_known = view && it != dates.action_closed.end();
        if (r.close_known) {
          r.closed_on = local_day(it->second.at, cfg.timezone);
          const auto due = parse_written_day(it->second.due);
          r.on_time = it->second.done && due && *r.closed_on <= *due;
        }
      }
      opened_of[&a] = opened;
      in.actions.push_back(r);
    }
  }
  for (Kind k : kAllKinds)
    for (const Period& p : missing_periods(snap, cfg, now, k)) in.reviews.push_back({p.last_day(), Review::Missed});
  for (RepeatedAction& r : repeated_actions(snap)) in.repeated.emplace_back(opened_of.at(r.action), std::move(r));
  for (const auto* list : {&snap.backlog, &snap.archive})
    for (const Entry& e : *list) {
      BacklogRow b{field_day(e, "opened"), std::nullopt, true, true, !closed_entry(e)};
      if (!b.opened) {
        auto it = dates.backlog_opened.find(e.id);
        b.opened_known = view != nullptr;
        if (it != dates.backlog_opened.end()) b.opened = local_day(it->second, cfg.timezone);
      }
      if (!b.open) {
        b.closed = field_day(e, "closed");
        if (!b.closed) {
          auto it = dates.backlog_closed.find(e.id);
          b.closed_known = view != nullptr;
          if (it != dates.backlog_closed.end()) b.closed = local_day(it->second, cfg.timezone);
        }
      }
      in.backlog.push_back(b);
    }
  return in;
}

std::optional<double> ratio(int num, int den) {
  if (den == 0) return std::nullopt;
  return static_cast<double>(num) / den;
}

// The metrics of the days [first, last]. `as_of`: the day open and overdue actions are counted.
void measure(const Inputs& in, ReportPeriod& p, Day as_of) {
  Values& v = p.values;
  const Day first = p.first, last = p.last;
  int held = 0, skipped = 0, missed = 0;
  for (const Review& r : in.reviews)
    if (within(r.end, first, last)) ++(r.state == Review::Held ? held : r.state == Review::Skipped ? skipped : missed);
  v["held_reviews"] = held;
  v["skipped_reviews"] = skipped;
  v["missed_reviews"] = missed;

  int opened = 0, due = 0, due_closed = 0, closed = 0, on_time = 0, open = 0, overdue = 0;
  bool close_known = true, as_of_known = true;
  for (const ActionRow& r : in.actions) {
    if (within(r.opened, first, last)) ++opened;
    if (r.due && within(*r.due, first, last)) {
      ++due;
      if (r.closed) ++due_closed;
    }
    if (r.closed && !r.close_known) close_known = false;
    if (r.closed_on && within(*r.closed_on, first, last)) {
      ++closed;
      if (r.on_time) ++on_time;
    }
    if (r.opened > as_of) continue;
    // Open at the end of as_of: not closed, or closed later than that day.
    bool still_open = !r.closed;
    if (r.closed && as_of < in.today) {
      if (!r.close_known) as_of_known = false;
      still_open = r.closed_on && *r.closed_on > as_of;
    }
    if (!still_open) continue;
    ++open;
    if (r.due && *r.due < as_of) ++overdue;
  }
  v["actions_opened"] = opened;
  v["actions_due"] = due;
  v["actions_closed"] = closed;
  v["actions_closed_on_time"] = on_time;
  v["action_closure_rate"] = ratio(due_closed, due);
  v["actions_closed_on_time_rate"] = ratio(on_time, closed);
  v["open_actions"] = open;
  v["overdue_actions"] = overdue;
  if (!close_known || !in.history)
    for (const char* k : {"actions_closed", "actions_closed_on_time", "actions_closed_on_time_rate"})
      p.unknown.insert(k);
  if (!as_of_known)
    for (const char* k : {"open_actions", "overdue_actions"}) p.unknown.insert(k);

  std::vector<double> hours;
  bool latency_known = true;
  for (const Publication& pub : in.publications) {
    if (!within(pub.meeting, first, last)) continue;
    if (pub.hours)
      hours.push_back(*pub.hours);
    else if (!in.history)
      latency_known = false;
  }
  v["publication_latency_median_hours"] = median(hours);
  v["publication_latency_p90_hours"] = percentile(hours, 0.9);
  v["publication_latency_max_hours"] =
      hours.empty() ? std::nullopt : std::optional<double>(*std::max_element(hours.begin(), hours.end()));
  if (!latency_known)
    for (const char* k :
         {"publication_latency_median_hours", "publication_latency_p90_hours", "publication_latency_max_hours"})
      p.unknown.insert(k);

  v["repeated_actions"] = static_cast<double>(std::count_if(
      in.repeated.begin(), in.repeated.end(), [&](const auto& x) { return within(x.first, first, last); }));

  int b_opened = 0, b_closed = 0;
  bool b_opened_known = true, b_closed_known = true;
  for (const BacklogRow& b : in.backlog) {
    b_opened_known = b_opened_known && b.opened_known;
    b_closed_known = b_closed_known && b.closed_known;
    if (b.opened && within(*b.opened, first, last)) ++b_opened;
    if (b.closed && within(*b.closed, first, last)) ++b_closed;
  }
  v["backlog_opened"] = b_opened;
  v["backlog_closed"] = b_closed;
  if (!b_opened_known) p.unknown.insert("backlog_opened");
  if (!b_closed_known) p.unknown.insert("backlog_closed");
}

// The weeks or months that meet the window, clipped to it.
std::vector<ReportPeriod> periods_of(Kind kind, const ReportWindow& w) {
  std::vector<ReportPeriod> out;
  for (Period p = Period::containing(kind, w.since); p.first_day() <= w.until; p = p.next())
    out.push_back({p.name(), std::max(p.first_day(), w.since), std::min(p.last_day(), w.until), {}, {}});
  return out;
}

}  // namespace

const std::vector<MetricDef>& metric_defs() {
  static const std::vector<MetricDef> defs = {
      {"held_reviews", "Reviews held", U::Count, false, true},
      {"skipped_reviews", "Reviews skipped (documented)", U::Count, false, true},
      {"missed_reviews", "Reviews missed", U::Count, false, true},
      {"actions_opened", "Actions opened", U::Count, false, true},
      {"actions_due", "Actions due", U::Count, false, true},
      {"actions_closed", "Actions closed", U::Count, true, true},
      {"actions_closed_on_time", "Actions closed on time", U::Count, true, true},
      {"action_closure_rate", "Closure rate (due actions closed)", U::Rate, false, true},
      {"actions_closed_on_time_rate", "Closed on time rate", U::Rate, true, true},
      {"open_actions", "Open actions (end of period)", U::Count, true, true},
      {"overdue_actions", "Overdue actions (end of period)", U::Count, true, true},
      {"publication_latency_median_hours", "Publication latency median (h)", U::Hours, true, true},
      {"publication_latency_p90_hours", "Publication latency p90 (h)", U::Hours, true, true},
      {"publication_latency_max_hours", "Publication latency max (h)", U::Hours, true, true},
      {"repeated_actions", "Repeated actions", U::Count, false, true},
      {"backlog_opened", "Backlog entries opened", U::Count, true, true},
      {"backlog_closed", "Backlog entries closed", U::Count, true, true},
      {"open_backlog", "Backlog entries open", U::Count, false, false},
      {"backlog_median_age_days", "Open backlog median age (days)", U::Days, true, false},
      {"open_risks", "Risks open", U::Count, false, false},
      {"stale_risks", "Risks stale", U::Count, false, false},
  };
  return defs;
}

const MetricDef* find_metric(std::string_view key) {
  for (const MetricDef& d : metric_defs())
    if (d.key == key) return &d;
  return nullptr;
}

Result<ReportWindow> report_window(const std::optional<std::string>& since, const std::optional<std::string>& until,
                                   Day today) {
  ReportWindow w;
  auto day = [](const std::string& flag, const std::string& s) -> Result<Day> {
    if (auto d = parse_day(s)) return *d;
    return Error{fmt::format("{} '{}' is not a date (YYYY-MM-DD)", flag, s)};
  };
  constexpr date::days kSpan{27};  // 28 days, both ends included
  if (until) {
    auto u = day("--until", *until);
    if (!u) return Error{u.error()};
    w.until = *u;
  } else {
    w.until = today;
  }
  if (since) {
    auto s = day("--since", *since);
    if (!s) return Error{s.error()};
    w.since = *s;
    if (!until) w.until = std::max(today, w.since);
  } else {
    w.since = w.until - kSpan;
  }
  if (w.since > w.until)
    return Error{fmt::format("--since {} is after --until {}", format_day(w.since), format_day(w.until))};
  // Bounded so that a typo in a year cannot ask for thousands of years of weekly columns.
  if ((w.until - w.since).count() > 36600)
    return Error{"the window is longer than a hundred years; narrow --since/--until"};
  return w;
}

std::optional<double> percentile(std::vector<double> v, double p) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  const auto rank = static_cast<size_t>(std::ceil(p * static_cast<double>(v.size())));
  return v[std::clamp<size_t>(rank, 1, v.size()) - 1];
}

std::optional<double> median(std::vector<double> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

Report build_report(const Snapshot& snap, const HistoryView* history, const std::string& history_reason,
                    const Config& cfg, const ReportWindow& window, Instant now) {
  Report r;
  r.window = window;
  r.now = now;
  r.history = history != nullptr;
  r.history_reason = history ? "" : history_reason;
  const Inputs in = gather(snap, history, cfg, now);
  r.as_of = std::min(window.until, in.today);

  r.totals = {"window", window.since, window.until, {}, {}};
  measure(in, r.totals, r.as_of);
  r.weeks = periods_of(Kind::Weekly, window);
  r.months = periods_of(Kind::Monthly, window);
  for (auto* series : {&r.weeks, &r.months})
    for (ReportPeriod& p : *series) measure(in, p, std::min(p.last, in.today));

  // Window totals only: the state of the backlog and the risks now.
  Values& t = r.totals.values;
  std::vector<double> ages;
  int open_backlog = 0;
  bool ages_known = true;
  for (const BacklogRow& b : in.backlog) {
    if (!b.open) continue;
    ++open_backlog;
    if (b.opened)
      ages.push_back(static_cast<double>((in.today - *b.opened).count()));
    else if (!b.opened_known)
      ages_known = false;
  }
  t["open_backlog"] = open_backlog;
  t["backlog_median_age_days"] = median(ages);
  if (!ages_known) r.totals.unknown.insert("backlog_median_age_days");
  int open_risks = 0, stale = 0;
  for (const Entry& e : snap.risks) {
    open_risks += is_open_risk(e) ? 1 : 0;
    stale += is_stale_risk(e, in.today, cfg.risk_stale_days) ? 1 : 0;
  }
  t["open_risks"] = open_risks;
  t["stale_risks"] = stale;

  for (const ActionRow& a : in.actions) {
    if (a.opened > r.as_of) continue;
    const bool open = !a.closed || (r.as_of < in.today && a.closed_on && *a.closed_on > r.as_of);
    if (!open) continue;
    OwnerLoad& o = r.owners[a.a->owner.empty() ? "(no owner)" : a.a->owner];
    ++o.open;
    if (a.due && *a.due < r.as_of) ++o.overdue;
  }
  for (const auto& [opened, x] : in.repeated)
    if (within(opened, window.since, window.until)) r.repeated.emplace_back(x.action->ref(), x.earlier);
  r.locks = evaluate_locks(r, cfg);
  return r;
}

std::vector<LockResult> evaluate_locks(const Report& r, const Config& cfg) {
  std::vector<LockResult> out;
  for (const auto& [metric, bound] : cfg.locks) {
    LockResult l{metric, std::nullopt, r.totals.unknown.count(metric) > 0, bound, true};
    if (auto it = r.totals.values.find(metric); it != r.totals.values.end()) l.value = it->second;
    if (l.unknown)
      l.ok = false;  // a lock that cannot be checked must not pass silently
    else if (l.value)
      l.ok = !(bound.min && *l.value < *bound.min) && !(bound.max && *l.value > *bound.max);
    out.push_back(l);
  }
  return out;
}

}  // namespace opslint
