// The report → text (a terminal table), Markdown (to paste into minutes), JSON
// (schemas/report.schema.json) and a self-contained HTML page with SVG trend charts.
#pragma once
#include <string>
#include <vector>

#include "report/metrics.h"

namespace opslint {

// A column or axis label: weeks in ISO notation ("2026-W48"; "2026-11" alone would read as November).
std::string period_label(const ReportPeriod& p, bool week);

// A metric's cell: "unknown", "-" (nothing to measure), or the value in its unit.
std::string format_metric(const ReportPeriod& p, const MetricDef& m);

// The metric table: one row per metric, columns window, weeks, months (headers in row 0).
std::vector<std::vector<std::string>> metric_grid(const Report& r);

// A GFM table (row 0 the header; the first column left-aligned, the others right-aligned).
std::string markdown_table(const std::vector<std::vector<std::string>>& grid);
// "+2", "-0.15", "0": b - a in the metric's unit; empty when either is unknown or absent.
std::string format_change(const ReportPeriod& a, const ReportPeriod& b, const MetricDef& m);

std::string report_text(const Report& r);
std::string report_markdown(const Report& r);
std::string report_json(const Report& r);
std::string report_html(const Report& r);

// "lock action_closure_rate: 0.67 is below min 0.8" for each failed lock.
std::vector<std::string> failed_locks(const Report& r);

}  // namespace opslint
