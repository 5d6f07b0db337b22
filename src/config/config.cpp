// .opslint.yaml: defaults, loading, and validation against the embedded JSON Schema.
#include "config/config.h"

#include <fmt/format.h>
#include <re2/re2.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>

#include "config/yaml_guard.h"
#include "rules/registry.h"
#include "util/dates.h"
#include "util/hash.h"
#include "util/json_schema.h"
#include "util/resources.h"
#include "util/text.h"

namespace opslint {

Config default_config() {
  Config c;
  c.reviews[Kind::Weekly] = ReviewConfig{
      "ops/operations/weekly", "tuesday", "15:00", "", {},
      {"SLO & reliability signals", "Cost deltas", "Security events", "Autonomy actions", "Actions & owners"},
      45, {}};
  c.reviews[Kind::Monthly] = ReviewConfig{"ops/operations/monthly",
                                          "tuesday",
                                          "15:00",
                                          "",
                                          {},
                                          {"SLA/SLO trends and exceptions", "Budget burn vs forecast",
                                           "Near-miss and incident postmortem synthesis", "Control effectiveness review",
                                           "Prioritized improvement backlog updates", "Control tuning decisions"},
                                          60,
                                          {}};
  c.reviews[Kind::Quarterly] = ReviewConfig{"ops/operations/quarterly",
                                            "tuesday",
                                            "15:00",
                                            "",
                                            {},
                                            {"What improved", "What regressed", "Tuning decisions",
                                             "Commitments for next quarter", "Regression locks"},
                                            90,
                                            {}};
  return c;
}

namespace {

const nlohmann::json& config_schema_json() {
  static const nlohmann::json doc = nlohmann::json::parse(find_resource("schemas/opslint.schema.json").value_or("{}"));
  return doc;
}

const valijson::Schema& config_schema() {
  static const std::unique_ptr<valijson::Schema> schema = compile_schema(config_schema_json());
  return *schema;
}

// The subschema that applies at a path of keys (array indexes included), following local $refs.
nlohmann::json subschema_at(const std::vector<std::string>& path) {
  const nlohmann::json& root = config_schema_json();
  auto deref = [&](nlohmann::json s) {
    for (int i = 0; i < 8 && s.is_object() && s.contains("$ref"); ++i) {
      const std::string ref = s["$ref"].get<std::string>();
      if (!ref.starts_with("#/")) break;
      s = root.value(nlohmann::json::json_pointer(ref.substr(1)), nlohmann::json::object());
    }
    return s;
  };
  nlohmann::json cur = deref(root);
  for (const auto& key : path) {
    if (cur.contains("properties") && cur["properties"].contains(key))
      cur = deref(cur["properties"][key]);
    else if (cur.contains("patternProperties") && !cur["patternProperties"].empty())
      cur = deref(cur["patternProperties"].begin().value());
    else if (cur.contains("items"))
      cur = deref(cur["items"]);
    else
      return nlohmann::json::object();
  }
  return cur;
}

std::string json_type_name(const nlohmann::json& v) {
  if (v.is_number_integer()) return "an integer";
  if (v.is_number()) return "a number";
  if (v.is_string()) return "a string";
  if (v.is_boolean()) return "a boolean";
  if (v.is_array()) return "a list";
  if (v.is_object()) return "a mapping";
  return "null";
}

// valijson's descriptions are generic ("Value type not permitted by 'type' constraint."); say what
// the schema wanted instead, when it is one of the common cases.
std::string explain_violation(const std::string& description, const std::vector<std::string>& path,
                              const nlohmann::json& value) {
  const nlohmann::json schema = subschema_at(path);
  auto has = [&](const char* k) { return schema.is_object() && schema.contains(k); };
  if (description.find("'type' constraint") != std::string::npos && has("type")) {
    static const std::map<std::string, std::string> names{{"integer", "an integer"}, {"number", "a number"},
                                                          {"string", "a string"},    {"boolean", "a boolean"},
                                                          {"array", "a list"},       {"object", "a mapping"}};
    const std::string want = schema["type"].is_string() ? schema["type"].get<std::string>() : "";
    const auto it = names.find(want);
    return fmt::format("expected {}, got {}", it == names.end() ? want : it->second, json_type_name(value));
  }
  if (description.find("enum") != std::string::npos && has("enum")) {
    std::string options;
    for (const auto& v : schema["enum"]) options += (options.empty() ? "" : ", ") + v.dump();
    return fmt::format("{} is not one of {}", value.dump(), options);
  }
  if (description.find("'pattern'") != std::string::npos && has("pattern"))
    return fmt::format("{} does not match the pattern {}", value.dump(), schema["pattern"].get<std::string>());
  if (description.find("greater than or equal") != std::string::npos && has("minimum"))
    return fmt::format("{} is less than the minimum {}", value.dump(), schema["minimum"].dump());
  if (description.find("less than or equal") != std::string::npos && has("maximum"))
    return fmt::format("{} is more than the maximum {}", value.dump(), schema["maximum"].dump());
  if (description.find("length") != std::string::npos && has("minLength") && value.is_string() &&
      value.get<std::string>().empty())
    return "must not be empty";
  return description;
}

// YAML → JSON with YAML's own typing: plain scalars that read as numbers, booleans or null
// become those; quoted scalars stay strings (so `timebox: "45"` is a type error, as it should be).
nlohmann::json to_json(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map: {
      auto o = nlohmann::json::object();
      for (const auto& kv : n) o[kv.first.Scalar()] = to_json(kv.second);
      return o;
    }
    case YAML::NodeType::Sequence: {
      auto a = nlohmann::json::array();
      for (const auto& v : n) a.push_back(to_json(v));
      return a;
    }
    case YAML::NodeType::Scalar: {
      const std::string& s = n.Scalar();
      if (n.Tag() == "!") return s;
      if (RE2::FullMatch(s, R"([-+]?[0-9]+)")) {
        long long v = 0;
        if (YAML::convert<long long>::decode(n, v)) return v;
        throw YAML::ParserException(n.Mark(), fmt::format("the integer {} is out of range", s));
      }
      if (RE2::FullMatch(s, R"([-+]?([0-9]*\.[0-9]+|[0-9]+)([eE][-+]?[0-9]+)?)")) {
        const double v = std::strtod(s.c_str(), nullptr);
        if (!std::isfinite(v)) throw YAML::ParserException(n.Mark(), fmt::format("the number {} is out of range", s));
        return v;
      }
      if (s == "true" || s == "True" || s == "TRUE") return true;
      if (s == "false" || s == "False" || s == "FALSE") return false;
      if (s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
      return s;
    }
    default: return nullptr;
  }
}

// Follows a valijson context ("<root>", "[reviews]", "[weekly]", "[3]") to the YAML node it names.
YAML::Node node_at(const YAML::Node& root, const std::vector<std::string>& context) {
  YAML::Node cur = root;
  for (size_t i = 1; i < context.size(); ++i) {
    const std::string& step = context[i];
    if (step.size() < 2 || step.front() != '[') break;
    const std::string key = step.substr(1, step.size() - 2);
    YAML::Node next;
    if (cur.IsMap()) {
      const std::string k = key.size() >= 2 && key.front() == '"' ? key.substr(1, key.size() - 2) : key;
      next = cur[k];
    } else if (cur.IsSequence()) {
      next = cur[static_cast<size_t>(std::stoul(key))];
    }
    if (!next.IsDefined()) break;
    cur = next;
  }
  return cur;
}

// The key node of `key` inside a map node, for pointing at an unknown key itself.
std::optional<YAML::Mark> key_mark(const YAML::Node& map, const std::string& key) {
  if (!map.IsMap()) return std::nullopt;
  for (const auto& kv : map)
    if (kv.first.Scalar() == key) return kv.first.Mark();
  return std::nullopt;
}

std::string located(const std::string& file, const YAML::Mark& m, const std::string& msg) {
  return fmt::format("{}:{}:{}: {}", file, m.line + 1, m.column + 1, msg);
}

// Bytes YAML cannot hold or that no reader of the file expects: a NUL, invalid UTF-8.
std::optional<std::string> unreadable_bytes(const std::string& text, const std::string& file) {
  auto at = [&](size_t offset, const std::string& msg) {
    const auto [line, col] = text::line_col(text, offset);
    return fmt::format("{}:{}:{}: {}", file, line, col, msg);
  };
  if (const size_t nul = text.find('\0'); nul != std::string::npos)
    return at(nul, "the configuration holds a NUL byte; save it as UTF-8 text");
  if (const size_t bad = text::invalid_utf8_offset(text); bad != std::string::npos)
    return at(bad, fmt::format("the configuration is not valid UTF-8 (byte 0x{:02X}); save it as UTF-8",
                               static_cast<unsigned char>(text[bad])));
  return std::nullopt;
}

// A configured file or folder: relative to the repository root and inside it.
std::optional<std::string> outside_repo(const std::string& key, const std::string& path) {
  if (path.empty()) return fmt::format("'{}' is empty; expected a path inside the repository", key);
  if (path.front() == '/')
    return fmt::format("'{}': '{}' is absolute; expected a path relative to the repository root", key, path);
  for (const auto part : text::split(path, '/'))
    if (part == "..") return fmt::format("'{}': '{}' leaves the repository ('..')", key, path);
  if (path == ".git" || path.starts_with(".git/"))
    return fmt::format("'{}': '{}' is inside the .git folder", key, path);
  return std::nullopt;
}

// The first key that repeats within one mapping, anywhere in the tree, and where it repeats.
std::optional<std::pair<std::string, YAML::Mark>> duplicate_key(const YAML::Node& n) {
  if (n.IsMap()) {
    std::set<std::string> seen;
    for (const auto& kv : n) {
      if (!seen.insert(kv.first.Scalar()).second) return std::pair{kv.first.Scalar(), kv.first.Mark()};
      if (auto d = duplicate_key(kv.second)) return d;
    }
  } else if (n.IsSequence()) {
    for (const auto& v : n)
      if (auto d = duplicate_key(v)) return d;
  }
  return std::nullopt;
}

std::vector<std::string> strings(const YAML::Node& n) {
  std::vector<std::string> out;
  for (const auto& v : n) out.push_back(v.as<std::string>());
  return out;
}

}  // namespace

void prepare_config_schema() { config_schema(); }

Result<Config> parse_config(const std::string& text, const std::string& file) {
  Config c = default_config();
  c.file = file;
  c.digest = fnv1a(file + '\n' + text);
  if (auto bad = unreadable_bytes(text, file)) return Error{*bad};
  if (auto problem = yaml_guard(text)) return Error{located(file, problem->mark, problem->message)};
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    return Error{located(file, e.mark, "the YAML is nested too deeply")};
  } catch (const YAML::Exception& e) {
    return Error{located(file, e.mark, e.msg)};
  }
  if (root.IsNull() || !root.IsDefined()) return c;
  if (!root.IsMap()) return Error{located(file, root.Mark(), "the configuration must be a mapping of keys to values")};
  // YAML forbids a key twice in one mapping; yaml-cpp keeps both, and which one wins is a guess.
  if (auto dup = duplicate_key(root))
    return Error{located(file, dup->second, fmt::format("duplicate key '{}'", dup->first))};

  nlohmann::json as_json;
  try {
    as_json = to_json(root);
  } catch (const YAML::Exception& e) {
    return Error{located(file, e.mark, e.msg)};
  }
  if (const auto errors = schema_errors(config_schema(), as_json); !errors.empty()) {
    const SchemaError& best = deepest_error(errors);
    const YAML::Node at = node_at(root, best.context);
    std::string where;
    std::vector<std::string> path;
    const nlohmann::json* value = &as_json;
    for (size_t i = 1; i < best.context.size(); ++i) {
      std::string step = best.context[i].substr(1, best.context[i].size() - 2);
      if (step.size() >= 2 && step.front() == '"') step = step.substr(1, step.size() - 2);
      where += (where.empty() ? "" : ".") + step;
      path.push_back(step);
      if (value->is_object() && value->contains(step))
        value = &(*value)[step];
      else if (value->is_array() && !step.empty() && step.find_first_not_of("0123456789") == std::string::npos &&
               std::stoul(step) < value->size())
        value = &(*value)[std::stoul(step)];
    }
    static const RE2 unknown_key(R"(could not be validated.*'([^']+)')");
    std::string key;
    if (RE2::PartialMatch(best.description, unknown_key, &key)) {
      const auto mark = key_mark(at, key);
      return Error{located(file, mark.value_or(at.Mark()),
                           fmt::format("unknown key '{}'{}", key, where.empty() ? "" : " in '" + where + "'"))};
    }
    return Error{
        located(file, at.Mark(), fmt::format("'{}': {}", where, explain_violation(best.description, path, *value)))};
  }

  // Semantic checks the schema cannot express, then the values themselves.
  // A configured path is read (and written by the scaffolds) relative to the root: it stays inside.
  auto take_path = [](const YAML::Node& n, const std::string& key, std::string& into) {
    into = n.Scalar();
    if (auto bad = outside_repo(key, into)) throw YAML::ParserException(n.Mark(), *bad);
  };
  try {
    if (auto cad = root["cadence"]) {
      if (cad["start"]) {
        c.cadence_start = parse_day(cad["start"].Scalar());
        if (!c.cadence_start)
          return Error{located(file, cad["start"].Mark(), "'cadence.start' is not a calendar date")};
      }
      if (cad["timezone"]) {
        c.timezone = cad["timezone"].Scalar();
        if (!valid_timezone(c.timezone))
          return Error{located(file, cad["timezone"].Mark(),
                               fmt::format("'cadence.timezone': unknown IANA time zone '{}'", c.timezone))};
      }
    }
    if (root["publish_within_hours"]) c.publish_within_hours = root["publish_within_hours"].as<int>();
    if (root["publish_warning_hours"]) c.publish_warning_hours = root["publish_warning_hours"].as<int>();
    if (root["amend_window_days"]) c.amend_window_days = root["amend_window_days"].as<int>();
    if (auto revs = root["reviews"]) {
      for (Kind k : kAllKinds) {
        auto r = revs[std::string(kind_name(k))];
        if (!r) continue;
        ReviewConfig& rc = c.reviews[k];
        if (r["path"]) take_path(r["path"], fmt::format("reviews.{}.path", kind_name(k)), rc.path);
        if (r["day"]) rc.day = r["day"].Scalar();
        if (r["time"]) rc.time = r["time"].Scalar();
        if (r["chair"]) rc.chair = r["chair"].Scalar();
        if (r["participants"]) rc.participants = strings(r["participants"]);
        if (r["sections"]) rc.sections = strings(r["sections"]);
        if (r["timebox"]) rc.timebox = r["timebox"].as<int>();
        if (r["required_participants"]) rc.required_participants = strings(r["required_participants"]);
      }
    }
    if (auto b = root["backlog"]) {
      if (b["path"]) take_path(b["path"], "backlog.path", c.backlog_path);
      if (b["id_prefix"]) c.backlog_prefix = b["id_prefix"].Scalar();
      if (b["archive"]) take_path(b["archive"], "backlog.archive", c.backlog_archive);
    }
    if (auto r = root["risk_register"]) {
      if (r["path"]) take_path(r["path"], "risk_register.path", c.risk_path);
      if (r["stale_days"]) c.risk_stale_days = r["stale_days"].as<int>();
    }
    if (root["owners"]) c.owners = strings(root["owners"]);
    if (auto f = root["forms"]; f && f["placeholders"]) c.placeholders = strings(f["placeholders"]);
    if (auto e = root["evidence"]; e && e["incident_pattern"]) {
      c.incident_pattern = e["incident_pattern"].Scalar();
      RE2 re(c.incident_pattern, RE2::Quiet);
      if (!re.ok())
        return Error{located(file, e["incident_pattern"].Mark(),
                             fmt::format("'evidence.incident_pattern' is not a valid regular expression: {}", re.error()))};
    }
    if (auto l = root["limits"]; l && l["max_file_bytes"]) c.max_file_bytes = l["max_file_bytes"].as<long long>();
    if (auto rules = root["rules"]) {
      for (const auto& kv : rules) {
        const auto id = kv.first.Scalar();
        if (!find_rule(id))
          return Error{located(file, kv.first.Mark(),
                               fmt::format("unknown rule '{}' in 'rules'; `opslint rules` lists them", id))};
        c.rule_severity[id] = *severity_from_name(kv.second.Scalar());
      }
    }
    if (root["ignore"]) c.ignore = strings(root["ignore"]);
    if (root["baseline"]) take_path(root["baseline"], "baseline", c.baseline_path);
    if (auto locks = root["locks"]) {
      for (const auto& kv : locks) {
        Lock lock;
        if (kv.second["min"]) lock.min = kv.second["min"].as<double>();
        if (kv.second["max"]) lock.max = kv.second["max"].as<double>();
        c.locks[kv.first.Scalar()] = lock;
      }
    }
  } catch (const YAML::Exception& e) {
    return Error{located(file, e.mark, e.msg)};
  }
  return c;
}

}  // namespace opslint
