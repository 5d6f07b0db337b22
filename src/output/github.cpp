// Findings → GitHub Actions workflow commands (annotations), then the text report.
#include <fmt/format.h>

#include "output/format.h"
#include "util/escape.h"

namespace opslint {

namespace {

// GitHub shows at most this many annotations of each level per step and drops the rest.
constexpr size_t kCap = 10;

std::string_view command(Severity s) {
  return s == Severity::Error ? "error" : s == Severity::Warning ? "warning" : "notice";
}

}  // namespace

std::string format_github(const std::vector<Finding>& findings, const RunInfo& run) {
  size_t count[4] = {0, 0, 0, 0};  // by Severity
  for (const auto& f : findings) ++count[static_cast<int>(f.severity)];
  size_t cap[4] = {0, kCap, kCap, kCap};
  auto dropped = [&] {
    size_t n = 0;
    for (int l = 0; l < 4; ++l) n += count[l] > cap[l] ? count[l] - cap[l] : 0;
    return n;
  };
  // The closing "N more" notice counts against the notice cap too: leave it a place.
  if (dropped() > 0) cap[static_cast<int>(Severity::Info)] = kCap - 1;
  const size_t over = dropped();

  std::string out;
  size_t shown[4] = {0, 0, 0, 0};
  for (const auto& f : findings) {
    const auto level = static_cast<int>(f.severity);
    if (shown[level] == cap[level]) continue;
    ++shown[level];
    std::string props = "file=" + escape::workflow_property(f.file);
    if (f.pos.line > 0) {
      props += fmt::format(",line={}", f.pos.line);
      if (f.pos.column > 0) props += fmt::format(",col={}", f.pos.column);
    }
    props += ",title=" + escape::workflow_property(fmt::format("{} {}", f.rule, rule_name(f.rule)));
    out += fmt::format("::{} {}::{}\n", command(f.severity), props, escape::workflow_data(f.message));
  }
  if (over > 0)
    out += fmt::format(
        "::notice::{} more finding{} not annotated (GitHub shows at most {} per level); see the report below\n", over,
        over == 1 ? "" : "s", kCap);
  RunInfo plain = run;
  plain.color = false;
  return out + format_text(findings, plain);
}

}  // namespace opslint
