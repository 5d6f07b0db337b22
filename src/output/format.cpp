// Findings → text or JSON; the names every format shares.
#include "output/format.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "rules/registry.h"
#include "util/escape.h"

namespace opslint {

namespace {

struct Counts {
  size_t error = 0, warning = 0, info = 0;
};

Counts count(const std::vector<Finding>& findings) {
  Counts c;
  for (const auto& f : findings) {
    if (f.severity == Severity::Error) ++c.error;
    if (f.severity == Severity::Warning) ++c.warning;
    if (f.severity == Severity::Info) ++c.info;
  }
  return c;
}

std::string plural(size_t n, std::string_view word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

}  // namespace

std::string_view rule_name(const std::string& id) {
  const RuleInfo* r = find_rule(id);
  return r ? std::string_view(r->name) : std::string_view();
}

std::string format_text(const std::vector<Finding>& findings, const RunInfo& run) {
  std::string out;
  for (const auto& f : findings) {
    std::string sev(severity_name(f.severity));
    if (run.color) {
      const char* code = f.severity == Severity::Error ? "31" : f.severity == Severity::Warning ? "33" : "36";
      sev = fmt::format("\x1b[1;{}m{}\x1b[0m", code, sev);
    }
    out += fmt::format("{}:{}:{}: {}: {} [{} {}]\n", escape::printable(f.file), f.pos.line, f.pos.column, sev,
                       escape::printable(f.message), escape::printable(f.rule), rule_name(f.rule));
  }
  const Counts c = count(findings);
  const std::string hidden = run.baselined ? fmt::format("; {} hidden by the baseline", *run.baselined) : "";
  if (findings.empty())
    out += fmt::format("opslint: no findings in {}{}\n", plural(run.files, "file"), hidden);
  else
    out += fmt::format("opslint: {}, {}, {} in {}{}\n", plural(c.error, "error"), plural(c.warning, "warning"),
                       fmt::format("{} info", c.info), plural(run.files, "file"), hidden);
  if (run.outside_change)
    out += fmt::format("opslint: {} outside this change, not counted; `{}` shows them\n",
                       plural(run.outside_change, "finding"), escape::printable(run.outside_command));
  return out;
}

std::string format_json(const std::vector<Finding>& findings, const RunInfo& run) {
  nlohmann::ordered_json j;
  j["version"] = 1;
  j["tool"] = {{"name", "opslint"}, {"version", OPSLINT_VERSION}};
  j["source"] = run.source;
  auto arr = nlohmann::ordered_json::array();
  for (const auto& f : findings) {
    nlohmann::ordered_json o;
    o["rule"] = f.rule;
    o["name"] = rule_name(f.rule);
    o["severity"] = severity_name(f.severity);
    o["file"] = f.file;
    o["line"] = f.pos.line;
    o["column"] = f.pos.column;
    o["message"] = f.message;
    if (!f.period.empty()) o["period"] = f.period;
    o["fingerprint"] = fingerprint(f);
    arr.push_back(std::move(o));
  }
  j["findings"] = std::move(arr);
  const Counts c = count(findings);
  j["summary"] = {{"error", c.error}, {"warning", c.warning}, {"info", c.info}, {"files", run.files}};
  if (run.baselined) j["summary"]["baselined"] = *run.baselined;
  if (run.outside_change) j["summary"]["outside_change"] = run.outside_change;
  return j.dump(2) + "\n";
}

}  // namespace opslint
