// Scaffolding plans: placeholders from config, calendar and snapshot, rendered into files.
#include "scaffold/plan.h"

#include <date/iso_week.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

#include "markdown/document.h"
#include "util/text.h"

namespace opslint {

namespace {

struct KnownSection {
  const char* name;
  int minutes;       // share of the default time box
  const char* hint;  // shown as an HTML comment; must not look like evidence (no real incident IDs, no links)
};

// The contract's default agendas (SPEC §2.1), with the split of their time boxes.
const std::vector<KnownSection>& known_sections(Kind k) {
  static const std::vector<KnownSection> weekly = {
      {"SLO & reliability signals", 10,
       "SLO attainment and error-budget burn against the 7- and 28-day baselines; notable incidents."},
      {"Cost deltas", 10, "Spend against forecast and the largest movers since last week."},
      {"Security events", 10, "New findings and security incidents, each with severity and owner."},
      {"Autonomy actions", 5, "What automation (auto-scaling, auto-remediation) did, and whether it stayed in policy."},
      {"Actions & owners", 10, nullptr},
  };
  static const std::vector<KnownSection> monthly = {
      {"SLA/SLO trends and exceptions", 10, "Month-over-month attainment; every exception with its incident ID."},
      {"Budget burn vs forecast", 10, "Burn as a share of forecast and what drives any gap."},
      {"Near-miss and incident postmortem synthesis", 10, "Patterns across this month's postmortems and near-misses."},
      {"Control effectiveness review", 10, "Which controls caught problems and which missed them."},
      {"Prioritized improvement backlog updates", 10, "Backlog entries promoted, re-prioritized or closed."},
      {"Control tuning decisions", 10,
       "One item per decision, each with its rationale (OPS701), e.g.\n"
       "     - Lower the disk alert threshold to 80% — rationale: two near-misses started at 85%."},
  };
  static const std::vector<KnownSection> quarterly = {
      {"What improved", 15, "Measured improvements this quarter, with their evidence."},
      {"What regressed", 15, "Measured regressions this quarter, with their evidence."},
      {"Tuning decisions", 20, "Thresholds, policies and processes changed this quarter, and why."},
      {"Commitments for next quarter", 25,
       "One item per commitment, each with its success measure (OPS702), e.g.\n"
       "     - Cut search p95 by 20% — measure: p95 under 300 ms for 28 days."},
      {"Regression locks", 15,
       "One item per result that must not regress (OPS703), e.g.\n"
       "     - Action closure rate stays at or above 0.8."},
  };
  switch (k) {
    case Kind::Weekly:
      return weekly;
    case Kind::Monthly:
      return monthly;
    case Kind::Quarterly:
      return quarterly;
  }
  return weekly;
}

const KnownSection* find_known(Kind k, const std::string& section) {
  const std::string n = normalize_heading(section);
  for (const auto& s : known_sections(k))
    if (normalize_heading(s.name) == n) return &s;
  return nullptr;
}

std::string_view review_name(Kind k) {
  switch (k) {
    case Kind::Weekly:
      return "Weekly Ops Review";
    case Kind::Monthly:
      return "Monthly Risk Review";
    case Kind::Quarterly:
      return "Quarterly Optimization Review";
  }
  return "";
}

std::string yaml_quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string capitalized(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string render(const std::string& root, const std::vector<std::string>& candidates, const TemplateVars& vars) {
  const Template t = load_template(root, candidates);
  auto out = render_template(t, vars);
  if (!out) throw Fatal{out.error() + "; nothing was written"};
  return *out;
}

}  // namespace

std::optional<date::weekday> weekday_from_name(std::string_view name) {
  static constexpr std::array<std::string_view, 7> names = {"sunday",   "monday", "tuesday", "wednesday",
                                                            "thursday", "friday", "saturday"};
  for (unsigned i = 0; i < names.size(); ++i)
    if (text::iequals(names[i], name)) return date::weekday{i};
  return std::nullopt;
}

Day scheduled_meeting_day(const Period& p, date::weekday day) {
  if (p.kind == Kind::Weekly)
    return Day{iso_week::year{p.year} / iso_week::weeknum{static_cast<unsigned>(p.index)} / iso_week::weekday{day}};
  const date::year_month_day last{p.last_day()};
  return Day{last.year() / last.month() / date::weekday_last{day}};
}

std::vector<int> section_minutes(Kind kind, const std::vector<std::string>& sections, int timebox) {
  std::vector<int> out;
  int sum = 0;
  for (const auto& s : sections) {
    const KnownSection* k = find_known(kind, s);
    if (!k) break;
    out.push_back(k->minutes);
    sum += k->minutes;
  }
  if (out.size() == sections.size() && sum == timebox) return out;
  out.clear();
  const int n = static_cast<int>(sections.size());
  for (int i = 0; i < n; ++i) out.push_back(timebox / n + (i < timebox % n ? 1 : 0));
  return out;
}

std::string render_agenda(Kind kind, const ReviewConfig& review) {
  const auto minutes = section_minutes(kind, review.sections, review.timebox);
  std::string out;
  for (size_t i = 0; i < review.sections.size(); ++i) {
    const std::string& name = review.sections[i];
    std::string heading = fmt::format("## {}. {} ({} min)", i + 1, name, minutes[i]);
    std::string body;
    // A section name that ends in its own parenthetical would lose it to the numbering and the
    // time box when headings are matched (OPS203); such a heading is written as configured.
    if (normalize_heading(heading.substr(3)) != normalize_heading(name)) {
      heading = "## " + name;
      body = fmt::format("<!-- time box: {} min -->\n", minutes[i]);
    }
    const std::string n = normalize_heading(name);
    if (is_actions_heading(n))
      body += "See [actions](actions.md).\n";
    else if (const KnownSection* k = find_known(kind, name); k && k->hint)
      body += fmt::format("<!-- {} -->\n", k->hint);
    out += fmt::format("{}{}\n{}", out.empty() ? "" : "\n", heading, body);
  }
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

std::string render_carried_over(const Snapshot& snap, const Period& target, Day meeting) {
  std::vector<std::pair<Period, const Action*>> open;
  for (const auto& f : snap.folders) {
    if (f.kind != target.kind || !f.period || !(*f.period < target)) continue;
    for (const auto& a : f.action_items)
      if (!is_closed(a.resolved_status)) open.emplace_back(*f.period, &a);
  }
  std::stable_sort(open.begin(), open.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    if (a.second->file != b.second->file) return a.second->file > b.second->file;  // actions.md before minutes.md
    return a.second->pos.line < b.second->pos.line;
  });
  if (open.empty()) return fmt::format("No open actions from earlier {} reviews.", kind_name(target.kind));
  std::string out;
  for (const auto& [period, a] : open) out += action_bullet(*a, meeting) + "\n";
  out.pop_back();
  return out;
}

std::string action_bullet(const Action& a, Day meeting) {
  std::vector<std::string> details;
  details.push_back(a.owner.empty() ? "no owner" : a.owner);
  details.push_back(a.due.empty() ? "no due date" : "due " + a.due);
  if (!a.status.empty() && !text::iequals(a.status, "open")) details.push_back(a.status);
  const auto due = parse_day(a.due);
  return fmt::format("- {}{}{} — {}{}", a.ref(), a.text.empty() ? "" : " ", a.text, text::join(details, ", "),
                     due && *due < meeting ? " (overdue)" : "");
}

Result<Day> meeting_day(const Config& cfg, const Period& p, const std::optional<std::string>& given) {
  if (!given) return scheduled_meeting_day(p, weekday_from_name(cfg.review(p.kind).day).value_or(date::Tuesday));
  const auto day = parse_day(*given);
  if (!day) return Error{fmt::format("--date '{}' is not a calendar date: expected YYYY-MM-DD", *given)};
  if (*day < p.first_day() || *day > p.last_day())
    return Error{fmt::format("--date {} is outside the {} {} period ({} to {}); nothing was written", *given,
                             kind_name(p.kind), p.name(), format_day(p.first_day()), format_day(p.last_day()))};
  return *day;
}

std::optional<std::string> deadline_warning(const Config& cfg, const Period& p, Day meeting, Instant now) {
  const ReviewConfig& r = cfg.review(p.kind);
  // As OPS501 reads the minutes: without a valid time, the meeting ends with its day.
  const auto start = parse_hhmm(r.time);
  const auto end = start ? local_to_instant(meeting, *start + r.timebox, cfg.timezone)
                         : local_to_instant(meeting + date::days{1}, 0, cfg.timezone);
  if (!end) return std::nullopt;
  const Instant deadline = *end + std::chrono::hours(cfg.publish_within_hours);
  if (now <= deadline) return std::nullopt;
  const std::string held =
      start ? fmt::format("{}, {} min", format_local(*end - std::chrono::minutes(r.timebox), cfg.timezone), r.timebox)
            : format_day(meeting);
  return fmt::format(
      "the {} {} meeting ({}) was due for publication by {}; commit the minutes now, or pass --date if the "
      "meeting was on another day",
      kind_name(p.kind), p.name(), held, format_local(deadline, cfg.timezone));
}

TemplateVars period_vars(const Config& cfg, const Period& p, Day today, const Snapshot& snap,
                         std::optional<Day> given) {
  const ReviewConfig& r = cfg.review(p.kind);
  const Day meeting = given ? *given : *meeting_day(cfg, p, std::nullopt);
  const std::string kind(kind_name(p.kind));
  auto note = [&](const char* field, const char* what) {
    return fmt::format("  # placeholder: set reviews.{}.{} in .opslint.yaml, or write the {} here", kind, field, what);
  };

  TemplateVars v;
  v["period"] = p.name();
  v["kind"] = kind;
  v["review_name"] = std::string(review_name(p.kind));
  v["date"] = format_day(meeting);
  v["weekday"] = capitalized(text::lower(r.day));
  v["time"] = r.time;
  v["timezone"] = cfg.timezone;
  v["duration"] = std::to_string(r.timebox);
  v["period_start"] = format_day(p.first_day());
  v["period_end"] = format_day(p.last_day());
  v["today"] = format_day(today);
  v["backlog_prefix"] = cfg.backlog_prefix;
  v["backlog_path"] = cfg.backlog_path;
  v["risk_path"] = cfg.risk_path;
  // Without a chair or participants in config, a handle that parses ("@chair") keeps the minutes
  // free of errors; the comment says what to fill in.
  if (!r.chair.empty())
    v["chair"] = yaml_quote(r.chair);
  else
    v["chair"] = yaml_quote("@chair") + note("chair", "handle");
  std::vector<std::string> people;
  for (const auto& h : r.participants) people.push_back(yaml_quote(h));
  if (people.empty() && !r.chair.empty()) people.push_back(yaml_quote(r.chair));
  if (people.empty())
    v["participants"] = "[" + yaml_quote("@chair") + "]" + note("participants", "handles");
  else
    v["participants"] = "[" + text::join(people, ", ") + "]";
  v["agenda"] = render_agenda(p.kind, r);
  v["carried_over"] = render_carried_over(snap, p, meeting);
  return v;
}

std::string period_folder(const Config& cfg, const Period& p) { return cfg.review(p.kind).path + "/" + p.name(); }

std::vector<PlannedFile> plan_period(const std::string& root, const Config& cfg, const Period& p, Day today,
                                     const Snapshot& snap, const HealthInputs* health, std::optional<Day> meeting) {
  TemplateVars vars = period_vars(cfg, p, today, snap, meeting);
  if (p.kind != Kind::Weekly)
    add_prefill_vars(vars, snap, health ? *health : HealthInputs{nullptr, "history not read", Instant{today}}, cfg, p,
                     today, *parse_day(vars.at("date")));
  const std::string kind(kind_name(p.kind));
  const std::string dir = period_folder(cfg, p);
  return {{dir + "/minutes.md", render(root, {kind + "/minutes.md"}, vars)},
          {dir + "/actions.md", render(root, {kind + "/actions.md"}, vars)}};
}

std::vector<PlannedFile> plan_skip(const std::string& root, const Config& cfg, const Period& p, Day today,
                                   const Snapshot& snap, const std::string& rationale, const std::string& recovery) {
  TemplateVars vars = period_vars(cfg, p, today, snap);
  vars["rationale"] = std::string(text::trim(rationale));
  vars["recovery"] = std::string(text::trim(recovery));
  const std::string kind(kind_name(p.kind));
  return {{period_folder(cfg, p) + "/SKIPPED.md", render(root, {kind + "/SKIPPED.md", "SKIPPED.md"}, vars)}};
}

std::vector<PlannedFile> plan_init(const std::string& root, const Config& cfg, const std::string& config_path,
                                   Day today) {
  TemplateVars vars;
  vars["today"] = format_day(today);
  vars["backlog_prefix"] = cfg.backlog_prefix;
  vars["backlog_path"] = cfg.backlog_path;
  vars["risk_path"] = cfg.risk_path;
  return {{config_path, render(root, {"opslint.yaml"}, vars)},
          {cfg.backlog_path, render(root, {"IMPROVEMENT_BACKLOG.md"}, vars)},
          {cfg.risk_path, render(root, {"RISK_REGISTER.md"}, vars)}};
}

}  // namespace opslint
