// JSON Schema validation with valijson: compiling schemas (the embedded ones cached) and collecting errors.
#include "util/json_schema.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "util/resources.h"

namespace opslint {

std::unique_ptr<valijson::Schema> compile_schema(const nlohmann::json& schema_doc) {
  auto schema = std::make_unique<valijson::Schema>();
  valijson::SchemaParser parser;
  valijson::adapters::NlohmannJsonAdapter adapter(schema_doc);
  parser.populateSchema(adapter, *schema);
  return schema;
}

const valijson::Schema& embedded_schema(std::string_view path) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<valijson::Schema>, std::less<>> cache;
  const std::lock_guard lock(mutex);
  auto it = cache.find(path);
  if (it == cache.end())
    it = cache.emplace(std::string(path), compile_schema(nlohmann::json::parse(find_resource(path).value_or("{}"))))
             .first;
  return *it->second;
}

std::vector<SchemaError> schema_errors(const valijson::Schema& schema, const nlohmann::json& doc) {
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(doc);
  std::vector<SchemaError> errors;
  if (validator.validate(schema, target, &results)) return errors;
  SchemaError e;
  while (results.popError(e)) errors.push_back(e);
  if (errors.empty()) errors.push_back({{"<root>"}, "invalid"});  // invalid always has an error
  return errors;
}

const SchemaError& deepest_error(const std::vector<SchemaError>& errors) {
  return *std::max_element(errors.begin(), errors.end(),
                           [](const SchemaError& a, const SchemaError& b) { return a.context.size() < b.context.size(); });
}

std::string describe_errors(const std::vector<SchemaError>& errors) {
  std::string out;
  for (const auto& e : errors) {
    for (const auto& c : e.context) out += c;
    out += ": " + e.description + "\n";
  }
  return out;
}

}  // namespace opslint
