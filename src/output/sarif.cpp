// Findings → SARIF 2.1.0 (one run), shaped for GitHub code scanning's ingestion rules.
#include <fmt/format.h>

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

// GitHub keys analyses by the automation id's category: it must stay the same from run to run,
// so a commit source is "commit", not its changing hex id.
std::string source_kind(const std::string& source) {
  return source == "worktree" || source == "index" ? source : "commit";
}

}  // namespace

std::string format_sarif(const std::vector<Finding>& findings, const RunInfo& run) {
  // tool.driver.rules lists every rule that fired, sorted by ID; results point at them by index.
  std::map<std::string, size_t> index;
  for (const auto& f : findings) index.emplace(f.rule, 0);
  Json rules = Json::array();
  for (auto& [id, i] : index) {
    i = rules.size();
    if (const RuleInfo* r = find_rule(id))
      rules.push_back(rule_descriptor(*r));
    else
      rules.push_back({{"id", id}, {"shortDescription", {{"text", id}}}});
  }

  Json results = Json::array();
  for (const auto& f : findings) {
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
    r["ruleIndex"] = index.at(f.rule);
    r["level"] = sarif_level(f.severity);
    r["message"] = {{"text", f.message}};
    r["locations"] = Json::array({{{"physicalLocation", std::move(physical)}}});
    // The fingerprint is rule + file + subject, so it survives moved lines (SPEC §5.1).
    r["partialFingerprints"] = {{"opslintFingerprint/v1", fingerprint(f)}};
    if (!f.period.empty()) r["properties"] = {{"period", f.period}};
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
  runj["automationDetails"] = {{"id", fmt::format("opslint/{}/", source_kind(run.source))}};
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
