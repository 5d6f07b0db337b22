// Findings → SARIF 2.1.0 (one run), shaped for GitHub code scanning's ingestion rules.
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>

#include "output/format.h"
#include "rules/registry.h"
#include "util/text.h"

namespace opslint {

namespace {

using Json = nlohmann::ordered_json;

std::string_view sarif_level(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    default: return "note";
  }
}

// A repo-relative path as a relative URI reference: bytes outside RFC 3986's unreserved set
// (and '/') are percent-encoded, so spaces or non-ASCII names stay valid URIs.
std::string uri_path(std::string_view path) {
  std::string out;
  for (unsigned char c : path) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum || c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

Json rule_descriptor(const RuleInfo& r) {
  Json d;
  d["id"] = r.id;
  d["name"] = r.name;
  const std::string summary(text::trim(r.summary)), why(text::trim(r.why));
  d["shortDescription"] = {{"text", summary}};
  d["fullDescription"] = {{"text", why.empty() ? summary : why}};
  // rules/<ID>.yaml: `why` is prose, `example` and `fix` are file excerpts (before and after).
  std::string markdown = fmt::format("{}\n\n{}\n", summary, why);
  if (!r.example.empty()) markdown += fmt::format("\nExample:\n\n```\n{}```\n", r.example);
  if (!r.fix.empty()) markdown += fmt::format("\nFixed:\n\n```\n{}```\n", r.fix);
  markdown += fmt::format("\nRun `opslint explain {}` for the rule's documentation.\n", r.id);
  d["help"] = {{"text", fmt::format("{}\n\n{}\n\nRun `opslint explain {}` for an example and its fix.", summary, why,
                                    r.id)},
               {"markdown", markdown}};
  d["defaultConfiguration"] = {{"level", sarif_level(r.severity)}};
  d["properties"] = {{"tags", r.history ? Json::array({"opslint", "history"}) : Json::array({"opslint"})}};
  return d;
}

// A result's `suppressions`: what hid it, so viewers show it as dismissed rather than not at all.
Json suppressions(const HiddenFinding& h) {
  Json s = {{"kind", h.by == HiddenFinding::By::Source ? "inSource" : "external"}};
  if (!h.justification.empty()) s["justification"] = h.justification;
  return Json::array({std::move(s)});
}

Json result(const Finding& f, size_t rule_index) {
  Json artifact = {{"uri", uri_path(f.file)}, {"uriBaseId", "%SRCROOT%"}};
  Json physical = {{"artifactLocation", std::move(artifact)}};
  // Line 0 means the file as a whole (or a file that should exist): no region.
  if (f.pos.line > 0) {
    Json region = {{"startLine", f.pos.line}};
    if (f.pos.column > 0) region["startColumn"] = f.pos.column;
    physical["region"] = std::move(region);
  }
  Json r;
  r["ruleId"] = f.rule;
  r["ruleIndex"] = rule_index;
  r["level"] = sarif_level(f.severity);
  r["message"] = {{"text", f.message}};
  r["locations"] = Json::array({{{"physicalLocation", std::move(physical)}}});
  // The fingerprint is rule + file + subject, so it survives moved lines (SPEC §5.1).
  r["partialFingerprints"] = {{"opslintFingerprint/v1", fingerprint(f)}};
  if (!f.period.empty()) r["properties"] = {{"period", f.period}};
  return r;
}

}  // namespace

std::string format_sarif(const std::vector<Finding>& findings, const RunInfo& run) {
  // Reported findings in their order, hidden ones (with what hid them) merged in where they sort.
  using Item = std::pair<const Finding*, const HiddenFinding*>;
  std::vector<Item> shown, hidden, all;
  for (const auto& f : findings) shown.emplace_back(&f, nullptr);
  for (const auto& h : run.hidden) hidden.emplace_back(&h.finding, &h);
  auto less = [](const Item& a, const Item& b) { return finding_less(*a.first, *b.first); };
  std::stable_sort(hidden.begin(), hidden.end(), less);
  std::merge(shown.begin(), shown.end(), hidden.begin(), hidden.end(), std::back_inserter(all), less);

  // tool.driver.rules lists every rule that fired, sorted by ID; results point at them by index.
  std::map<std::string, size_t> index;
  for (const auto& [f, h] : all) index.emplace(f->rule, 0);
  Json rules = Json::array();
  for (auto& [id, i] : index) {
    i = rules.size();
    if (const RuleInfo* r = find_rule(id))
      rules.push_back(rule_descriptor(*r));
    else
      rules.push_back({{"id", id}, {"shortDescription", {{"text", id}}}});
  }

  Json results = Json::array();
  for (const auto& [f, h] : all) {
    Json r = result(*f, index.at(f->rule));
    if (h) r["suppressions"] = suppressions(*h);
    results.push_back(std::move(r));
  }

  Json driver;
  driver["name"] = "opslint";
  driver["version"] = OPSLINT_VERSION;
  driver["semanticVersion"] = OPSLINT_VERSION;
  driver["informationUri"] = "https://opslint.dev/";
  driver["rules"] = std::move(rules);

  Json runj;
  runj["tool"] = {{"driver", std::move(driver)}};
  // GitHub's convention: an id ending in '/' is a category alone, and analyses of one category
  // replace each other. The upload step's `category` input does the same without it.
  if (run.category)
    runj["automationDetails"] = {{"id", run.category->ends_with('/') ? *run.category : *run.category + "/"}};
  runj["originalUriBaseIds"] = {
      {"%SRCROOT%", {{"description", {{"text", "The root of the ops repository (paths are relative to it)."}}}}}};
  runj["results"] = std::move(results);

  Json doc;
  doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  doc["version"] = "2.1.0";
  doc["runs"] = Json::array({std::move(runj)});
  // A path or message that is not valid UTF-8 must not abort the report.
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace opslint
