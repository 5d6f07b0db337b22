// Cadence health (SPEC §7): the report's metrics, pure functions of the snapshot, the history view
// (when there is one), the window and the config. Formatting lives in report/format.h.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "model/history.h"
#include "model/ops.h"
#include "util/result.h"

namespace opslint {

// The report's window: calendar days in cadence.timezone, both inclusive.
struct ReportWindow {
  Day since{};
  Day until{};
};

// Default window: the 28 days that end today (today included); either bound alone moves the other.
Result<ReportWindow> report_window(const std::optional<std::string>& since, const std::optional<std::string>& until,
                                   Day today);

enum class MetricUnit { Count, Rate, Hours, Days };

struct MetricDef {
  std::string_view key;    // JSON name, lock name
  std::string_view label;  // table row
  MetricUnit unit;
  bool history;  // needs the git history (for open/overdue: for days before today)
  bool series;   // also computed per week and per month (else window total only)
};

// Every metric, in the order tables show them.
const std::vector<MetricDef>& metric_defs();
const MetricDef* find_metric(std::string_view key);

// A metric's value: nullopt when there is nothing to measure (a rate over no actions).
using Values = std::map<std::string, std::optional<double>, std::less<>>;

struct ReportPeriod {
  std::string name;     // "2026-48", "2026-11"; "window" for the totals
  Day first{}, last{};  // clipped to the window
  Values values;
  std::set<std::string, std::less<>> unknown;  // keys whose value needs history the report does not have
};

struct OwnerLoad {
  int open = 0;
  int overdue = 0;
};

struct LockResult {
  std::string metric;
  std::optional<double> value;  // nullopt: no data
  bool unknown = false;         // history-based and the history is unavailable
  Lock bound;
  bool ok = true;
};

struct Report {
  ReportWindow window;
  Instant now{};
  Day as_of{};                 // the day open/overdue counts are taken: min(until, today)
  bool history = false;        // history-based metrics are known
  std::string history_reason;  // why not
  ReportPeriod totals;
  std::vector<ReportPeriod> weeks, months;
  std::map<std::string, OwnerLoad> owners;  // open / overdue actions by owner at as_of ("(no owner)")
  std::vector<std::pair<std::string, std::vector<std::string>>> repeated;  // newest ref → earlier refs
  std::vector<LockResult> locks;
};

// `history`: nullptr when there is none or it is incomplete (`history_reason` says why).
Report build_report(const Snapshot& snap, const HistoryView* history, const std::string& history_reason,
                    const Config& cfg, const ReportWindow& window, Instant now);

// Evaluates cfg.locks against the window totals (in lock-name order); unknown values fail.
std::vector<LockResult> evaluate_locks(const Report& r, const Config& cfg);

// Nearest-rank percentile of unsorted values (p in (0, 1]); the median averages the middle two.
std::optional<double> percentile(std::vector<double> v, double p);
std::optional<double> median(std::vector<double> v);

}  // namespace opslint
