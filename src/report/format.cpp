// The report as text, Markdown and JSON: the same grid of cells, laid out three ways.
#include "report/format.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "util/escape.h"
#include "util/text.h"

namespace opslint {

namespace {

std::string number(double v, MetricUnit unit) {
  switch (unit) {
    case MetricUnit::Count:
      return fmt::format("{}", static_cast<long long>(std::llround(v)));
    case MetricUnit::Rate:
      return fmt::format("{:.2f}", v);
    case MetricUnit::Hours:
    case MetricUnit::Days:
      return fmt::format("{:.1f}", v);
  }
  return "";
}

// Display width in characters (UTF-8 continuation bytes do not count), for aligned columns.
size_t width_of(std::string_view s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string bound_text(const Lock& l) {
  std::vector<std::string> parts;
  if (l.min) parts.push_back(fmt::format("min {}", *l.min));
  if (l.max) parts.push_back(fmt::format("max {}", *l.max));
  return text::join(parts, ", ");
}

std::string lock_value(const LockResult& l) {
  if (l.unknown) return "unknown";
  if (!l.value) return "no data";
  const MetricDef* m = find_metric(l.metric);
  return number(*l.value, m ? m->unit : MetricUnit::Rate);
}

std::string header(const Report& r) {
  std::string h =
      fmt::format("Cadence health {} to {} ({} days), open and overdue as of {}", format_day(r.window.since),
                  format_day(r.window.until), (r.window.until - r.window.since).count() + 1, format_day(r.as_of));
  return h;
}

std::string history_note(const Report& r) {
  if (r.history) return {};
  return fmt::format("History unavailable ({}): metrics that need it are shown as unknown.", r.history_reason);
}

// Rows of the smaller tables: owners, repeated actions, locks.
std::vector<std::vector<std::string>> owner_grid(const Report& r) {
  std::vector<std::vector<std::string>> g{{"Owner", "Open", "Overdue"}};
  for (const auto& [owner, load] : r.owners)
    g.push_back({owner, std::to_string(load.open), std::to_string(load.overdue)});
  return g;
}

std::vector<std::vector<std::string>> lock_grid(const Report& r) {
  std::vector<std::vector<std::string>> g{{"Lock", "Value", "Bound", "Result"}};
  for (const LockResult& l : r.locks)
    g.push_back({l.metric, lock_value(l), bound_text(l.bound), l.ok ? "ok" : "FAILED"});
  return g;
}

std::string text_table(const std::vector<std::vector<std::string>>& data) {
  std::vector<std::vector<std::string>> g;
  for (const auto& row : data) {
    g.emplace_back();
    for (const auto& cell : row) g.back().push_back(escape::printable(cell));
  }
  std::vector<size_t> width;
  for (const auto& row : g)
    for (size_t i = 0; i < row.size(); ++i) {
      if (width.size() <= i) width.push_back(0);
      width[i] = std::max(width[i], width_of(row[i]));
    }
  std::string out;
  for (const auto& row : g) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      const size_t pad = width[i] - width_of(row[i]);
      // The first column reads left to right; numbers line up on the right.
      if (i == 0)
        line += row[i] + std::string(pad, ' ');
      else
        line += "  " + std::string(pad, ' ') + row[i];
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

}  // namespace

std::string markdown_table(const std::vector<std::vector<std::string>>& g) {
  std::string out;
  for (size_t r = 0; r < g.size(); ++r) {
    std::vector<std::string> cells;
    for (const auto& c : g[r]) cells.push_back(escape::markdown(c));
    out += "| " + text::join(cells, " | ") + " |\n";
    if (r == 0) {
      std::vector<std::string> rule{"---"};
      for (size_t i = 1; i < g[r].size(); ++i) rule.push_back("---:");
      out += "|" + text::join(rule, "|") + "|\n";
    }
  }
  return out;
}

namespace {

nlohmann::json values_json(const ReportPeriod& p, bool series_only) {
  nlohmann::json v = nlohmann::json::object();
  for (const MetricDef& m : metric_defs()) {
    if (series_only && !m.series) continue;
    auto it = p.values.find(m.key);
    const std::string key(m.key);
    if (p.unknown.count(m.key) || it == p.values.end() || !it->second)
      v[key] = nullptr;
    else if (m.unit == MetricUnit::Count)
      v[key] = std::llround(*it->second);
    else
      v[key] = *it->second;
  }
  return v;
}

nlohmann::json period_json(const ReportPeriod& p, bool series) {
  nlohmann::json j = {{"period", p.name},
                      {"first", format_day(p.first)},
                      {"last", format_day(p.last)},
                      {"metrics", values_json(p, series)},
                      {"unknown", nlohmann::json::array()}};
  for (const auto& k : p.unknown) j["unknown"].push_back(k);
  return j;
}

}  // namespace

std::string period_label(const ReportPeriod& p, bool week) {
  return week ? p.name.substr(0, 5) + "W" + p.name.substr(5) : p.name;
}

std::string format_metric(const ReportPeriod& p, const MetricDef& m) {
  if (p.unknown.count(m.key)) return "unknown";
  auto it = p.values.find(m.key);
  if (it == p.values.end() || !it->second) return "-";
  return number(*it->second, m.unit);
}

std::string format_change(const ReportPeriod& a, const ReportPeriod& b, const MetricDef& m) {
  if (a.unknown.count(m.key) || b.unknown.count(m.key)) return "";
  auto x = a.values.find(m.key), y = b.values.find(m.key);
  if (x == a.values.end() || y == b.values.end() || !x->second || !y->second) return "";
  const double d = *y->second - *x->second;
  const std::string n = number(std::abs(d), m.unit);
  if (n.find_first_not_of("0.") == std::string::npos) return n;  // rounds to zero: no sign
  return (d < 0 ? "-" : "+") + n;
}

std::vector<std::vector<std::string>> metric_grid(const Report& r) {
  std::vector<std::vector<std::string>> g;
  std::vector<std::string> head{"Metric", "Window"};
  for (const auto& w : r.weeks) head.push_back(period_label(w, true));
  for (const auto& m : r.months) head.push_back(m.name);
  g.push_back(head);
  for (const MetricDef& m : metric_defs()) {
    std::vector<std::string> row{std::string(m.label), format_metric(r.totals, m)};
    for (const auto* series : {&r.weeks, &r.months})
      for (const auto& p : *series) row.push_back(m.series ? format_metric(p, m) : "");
    g.push_back(row);
  }
  return g;
}

std::vector<std::string> failed_locks(const Report& r) {
  std::vector<std::string> out;
  for (const LockResult& l : r.locks)
    if (!l.ok)
      out.push_back(fmt::format("lock {} failed: {} (bound: {})", l.metric, lock_value(l), bound_text(l.bound)));
  return out;
}

std::string report_text(const Report& r) {
  std::string out = header(r) + "\n";
  if (!r.history) out += escape::printable(history_note(r)) + "\n";
  out += "\n" + text_table(metric_grid(r));
  out += fmt::format("\nOpen and overdue actions by owner ({}):\n", format_day(r.as_of));
  out += r.owners.empty() ? "none\n" : text_table(owner_grid(r));
  out += "\nRepeated actions (OPS311):\n";
  if (r.repeated.empty()) out += "none\n";
  for (const auto& [ref, earlier] : r.repeated)
    out += fmt::format("{} repeats {}\n", escape::printable(ref), escape::printable(text::join(earlier, ", ")));
  if (!r.locks.empty()) out += "\nLocks:\n" + text_table(lock_grid(r));
  return out;
}

std::string report_markdown(const Report& r) {
  std::string out = "## " + header(r) + "\n\n";
  if (!r.history) out += "> " + escape::markdown(history_note(r)) + "\n\n";
  out += markdown_table(metric_grid(r));
  out += fmt::format("\n### Open and overdue actions by owner ({})\n\n", format_day(r.as_of));
  out += r.owners.empty() ? "None.\n" : markdown_table(owner_grid(r));
  out += "\n### Repeated actions\n\n";
  if (r.repeated.empty()) out += "None.\n";
  for (const auto& [ref, earlier] : r.repeated)
    out += fmt::format("- {} repeats {}\n", escape::markdown(ref), escape::markdown(text::join(earlier, ", ")));
  if (!r.locks.empty()) out += "\n### Regression locks\n\n" + markdown_table(lock_grid(r));
  return out;
}

std::string report_json(const Report& r) {
  nlohmann::json j;
  j["version"] = 1;
  j["tool"] = {{"name", "opslint"}, {"version", OPSLINT_VERSION}};
  j["window"] = {{"since", format_day(r.window.since)},
                 {"until", format_day(r.window.until)},
                 {"as_of", format_day(r.as_of)},
                 {"now", format_instant(r.now)}};
  j["history"] = {{"available", r.history}};
  if (!r.history) j["history"]["reason"] = r.history_reason;
  j["totals"] = period_json(r.totals, false);
  j["weeks"] = nlohmann::json::array();
  for (const auto& p : r.weeks) j["weeks"].push_back(period_json(p, true));
  j["months"] = nlohmann::json::array();
  for (const auto& p : r.months) j["months"].push_back(period_json(p, true));
  j["owners"] = nlohmann::json::array();
  for (const auto& [owner, load] : r.owners)
    j["owners"].push_back({{"owner", owner}, {"open", load.open}, {"overdue", load.overdue}});
  j["repeated"] = nlohmann::json::array();
  for (const auto& [ref, earlier] : r.repeated) j["repeated"].push_back({{"action", ref}, {"earlier", earlier}});
  j["locks"] = nlohmann::json::array();
  for (const LockResult& l : r.locks) {
    nlohmann::json lj = {{"metric", l.metric}, {"unknown", l.unknown}, {"ok", l.ok}};
    lj["value"] = l.value && !l.unknown ? nlohmann::json(*l.value) : nlohmann::json(nullptr);
    if (l.bound.min) lj["min"] = *l.bound.min;
    if (l.bound.max) lj["max"] = *l.bound.max;
    j["locks"].push_back(lj);
  }
  return j.dump(2) + "\n";
}

}  // namespace opslint
