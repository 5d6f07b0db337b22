// JSON Schema validation with valijson: compiling schemas (the embedded ones cached) and collecting errors.
#pragma once
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <valijson/schema.hpp>
#include <valijson/validation_results.hpp>
#include <vector>

namespace opslint {

using SchemaError = valijson::ValidationResults::Error;

std::unique_ptr<valijson::Schema> compile_schema(const nlohmann::json& schema_doc);

// A schema compiled into the binary (util/resources.h), e.g. "schemas/baseline.schema.json";
// compiled once per process. A path that is not embedded gives a schema that accepts everything.
const valijson::Schema& embedded_schema(std::string_view path);

// Every error of `doc` against `schema`; empty when it is valid.
std::vector<SchemaError> schema_errors(const valijson::Schema& schema, const nlohmann::json& doc);

// The deepest error is the precise one; the others restate it for each enclosing value.
// `errors` must not be empty.
const SchemaError& deepest_error(const std::vector<SchemaError>& errors);

// One line per error, "<context>: description" (for test messages).
std::string describe_errors(const std::vector<SchemaError>& errors);

}  // namespace opslint
