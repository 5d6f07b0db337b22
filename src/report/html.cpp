// The report as one self-contained HTML page: inline CSS and SVG charts drawn here, no script,
// no fonts, nothing fetched, so it opens offline and can be attached to the minutes.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/format.h"
#include "util/escape.h"
#include "util/text.h"

namespace opslint {

namespace {

std::string esc(std::string_view s) { return escape::html(s); }

struct Series {
  const char* key;   // metric
  const char* name;  // legend
  const char* color;
};

struct Chart {
  const char* id;  // chart-<id>-weeks / -months
  const char* title;
  std::vector<Series> series;
  bool rate = false;  // y axis 0..1
};

const std::vector<Chart>& charts() {
  static const std::vector<Chart> c = {
      {"closure-rate", "Closure rate (due actions closed)", {{"action_closure_rate", "closure rate", "#2b6cb0"}}, true},
      {"overdue", "Overdue actions (end of period)", {{"overdue_actions", "overdue", "#c53030"}}},
      {"latency",
       "Publication latency (hours)",
       {{"publication_latency_median_hours", "median", "#2f855a"},
        {"publication_latency_p90_hours", "p90", "#d69e2e"},
        {"publication_latency_max_hours", "max", "#c53030"}}},
      {"reviews",
       "Reviews held / missed",
       {{"held_reviews", "held", "#2f855a"}, {"missed_reviews", "missed", "#c53030"}}},
  };
  return c;
}

std::optional<double> value(const ReportPeriod& p, const char* key) {
  if (p.unknown.count(key)) return std::nullopt;
  auto it = p.values.find(key);
  return it == p.values.end() ? std::nullopt : it->second;
}

// A line chart: one polyline per series (broken where a value is unknown or absent), a dot with a
// tooltip per value, the period names along the bottom.
std::string svg_chart(const Chart& c, const std::vector<ReportPeriod>& periods, const char* span) {
  constexpr double W = 560, H = 220, L = 44, R = 30, T = 14, B = 34;  // R: room for the last label
  double top = c.rate ? 1.0 : 0.0;
  for (const Series& s : c.series)
    for (const auto& p : periods)
      if (auto v = value(p, s.key)) top = std::max(top, *v);
  if (!c.rate) top = top <= 0 ? 1 : std::ceil(top * 1.1);
  const size_t n = periods.size();
  const bool weekly = span == std::string_view("weeks");
  auto x = [&](size_t i) {
    return n <= 1 ? L + (W - L - R) / 2 : L + (W - L - R) * static_cast<double>(i) / static_cast<double>(n - 1);
  };
  auto y = [&](double v) { return T + (H - T - B) * (1 - v / top); };
  std::string out = fmt::format(
      R"(<svg id="chart-{}-{}" class="chart" role="img" viewBox="0 0 {} {}" width="{}" height="{}" xmlns="http://www.w3.org/2000/svg"><title>{} per {}</title>)",
      c.id, span, W, H, W, H, esc(c.title), weekly ? "week" : "month");
  for (int g = 0; g <= 2; ++g) {
    const double v = top * g / 2;
    out += fmt::format(
        R"(<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" class="grid"/><text x="{}" y="{:.1f}" class="axis" text-anchor="end">{}</text>)",
        L, W - R, y(v), y(v), L - 6, y(v) + 4, c.rate ? fmt::format("{:.1f}", v) : fmt::format("{:g}", v));
  }
  for (size_t i = 0; i < n; ++i) {
    out += fmt::format(R"(<text x="{:.1f}" y="{}" class="axis" text-anchor="middle">{}</text>)", x(i), H - B + 16,
                       esc(period_label(periods[i], weekly)));
    bool unknown = false;
    for (const Series& s : c.series) unknown = unknown || periods[i].unknown.count(s.key);
    if (unknown)
      out += fmt::format(R"(<text x="{:.1f}" y="{}" class="unknown" text-anchor="middle">unknown</text>)", x(i),
                         H - B + 28);
  }
  for (const Series& s : c.series) {
    out += fmt::format(R"(<g class="series" data-series="{}" stroke="{}" fill="{}">)", s.key, s.color, s.color);
    std::string points;
    auto flush = [&] {
      if (!points.empty()) out += fmt::format(R"(<polyline fill="none" stroke-width="2" points="{}"/>)", points);
      points.clear();
    };
    for (size_t i = 0; i < n; ++i) {
      const auto v = value(periods[i], s.key);
      if (!v) {
        flush();
        continue;
      }
      points += fmt::format("{}{:.1f},{:.1f}", points.empty() ? "" : " ", x(i), y(*v));
    }
    flush();
    for (size_t i = 0; i < n; ++i)
      if (const auto v = value(periods[i], s.key))
        out +=
            fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="3.5" data-value="{}"><title>{} {}: {}</title></circle>)",
                        x(i), y(*v), *v, esc(period_label(periods[i], weekly)), s.name,
                        c.rate ? fmt::format("{:.2f}", *v) : fmt::format("{:g}", std::round(*v * 10) / 10));
    out += "</g>";
  }
  out += "</svg>";
  return out;
}

std::string legend(const Chart& c) {
  std::string out = "<p class=\"legend\">";
  for (const Series& s : c.series)
    out += fmt::format(R"(<span><i style="background:{}"></i>{}</span>)", s.color, esc(s.name));
  return out + "</p>";
}

std::string html_table(const std::vector<std::vector<std::string>>& g, const char* id) {
  std::string out = fmt::format(R"(<table id="{}"><thead><tr>)", id);
  for (const auto& h : g[0]) out += "<th>" + esc(h) + "</th>";
  out += "</tr></thead><tbody>";
  for (size_t r = 1; r < g.size(); ++r) {
    out += "<tr>";
    for (size_t i = 0; i < g[r].size(); ++i)
      out += (i == 0                 ? "<th scope=\"row\">"
              : g[r][i] == "unknown" ? "<td class=\"unknown\">"
                                     : "<td>") +
             esc(g[r][i]) + (i == 0 ? "</th>" : "</td>");
    out += "</tr>";
  }
  return out + "</tbody></table>";
}

constexpr const char* kStyle = R"(
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1a202c;max-width:1200px}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}
.note{background:#fffbea;border-left:4px solid #d69e2e;padding:.5rem 1rem}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:1rem}
figure{margin:0;border:1px solid #e2e8f0;border-radius:6px;padding:.5rem}
figcaption{font-weight:600;margin-bottom:.25rem}
.grid{stroke:#e2e8f0}.axis{font-size:11px;fill:#4a5568}.unknown{font-size:10px;fill:#a0aec0;color:#a0aec0}
.legend span{margin-right:1rem;font-size:.85rem}.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}
table{border-collapse:collapse;font-size:.85rem}th,td{border:1px solid #e2e8f0;padding:.25rem .5rem}td{text-align:right}
thead th{background:#f7fafc}tbody th{text-align:left;font-weight:normal}
.fail{color:#c53030;font-weight:600}
)";

}  // namespace

std::string report_html(const Report& r) {
  const std::string title =
      fmt::format("Cadence health {} to {}", format_day(r.window.since), format_day(r.window.until));
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
      "content=\"width=device-width\"><title>{}</title><style>{}</style></head><body>\n<h1>{}</h1>\n",
      esc(title), kStyle, esc(title));
  out += fmt::format("<p>Open and overdue actions as of {}. Generated by opslint {} at {}.</p>\n", format_day(r.as_of),
                     OPSLINT_VERSION, format_instant(r.now));
  if (!r.history)
    out += fmt::format(
        "<p class=\"note\" id=\"history-note\">History unavailable ({}): metrics that need it are shown as "
        "unknown.</p>\n",
        esc(r.history_reason));
  for (const auto& [span, periods, heading] :
       {std::tuple{"weeks", &r.weeks, "Week over week"}, std::tuple{"months", &r.months, "Month over month"}}) {
    out += fmt::format("<h2>{}</h2>\n<div class=\"charts\">\n", heading);
    for (const Chart& c : charts())
      out += fmt::format("<figure><figcaption>{}</figcaption>{}{}</figure>\n", esc(c.title),
                         svg_chart(c, *periods, span), legend(c));
    out += "</div>\n";
  }
  out += "<h2>Metrics</h2>\n" + html_table(metric_grid(r), "metrics") + "\n";
  out += fmt::format("<h2>Open and overdue actions by owner ({})</h2>\n", format_day(r.as_of));
  std::vector<std::vector<std::string>> owners{{"Owner", "Open", "Overdue"}};
  for (const auto& [owner, load] : r.owners)
    owners.push_back({owner, std::to_string(load.open), std::to_string(load.overdue)});
  out += owners.size() == 1 ? "<p>None.</p>\n" : html_table(owners, "owners") + "\n";
  out += "<h2>Repeated actions</h2>\n";
  if (r.repeated.empty())
    out += "<p>None.</p>\n";
  else {
    out += "<ul id=\"repeated\">";
    for (const auto& [ref, earlier] : r.repeated)
      out += "<li>" + esc(ref) + " repeats " + esc(text::join(earlier, ", ")) + "</li>";
    out += "</ul>\n";
  }
  if (!r.locks.empty()) {
    out += "<h2>Regression locks</h2>\n<ul id=\"locks\">";
    for (const std::string& f : failed_locks(r)) out += "<li class=\"fail\">" + esc(f) + "</li>";
    for (const LockResult& l : r.locks)
      if (l.ok) out += "<li>lock " + esc(l.metric) + " ok</li>";
    out += "</ul>\n";
  }
  return out + "</body></html>\n";
}

}  // namespace opslint
