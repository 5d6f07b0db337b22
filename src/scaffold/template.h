// Scaffolding templates: built-in files embedded from templates/, overridden per ops repo by
// files under .opslint/templates/, rendered with {{name}} placeholders.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace opslint {

struct Template {
  std::string name;  // for messages: ".opslint/templates/weekly/minutes.md" or "templates/weekly/minutes.md (built in)"
  std::string text;
};

using TemplateVars = std::map<std::string, std::string>;

// Replaces every {{name}} (spaces inside the braces allowed) with its value. Values are inserted
// as they are, never rescanned. An unknown name or an unclosed "{{" is an error naming the
// template and the line: "NAME:LINE: unknown placeholder {{x}}; known: a, b".
Result<std::string> render_template(const Template& t, const TemplateVars& vars);

// The first `<root>/.opslint/templates/<c>` that exists for the candidates c (most specific
// first: "weekly/SKIPPED.md", then "SKIPPED.md"), else the built-in templates/<last candidate>.
// Throws Fatal when an override cannot be read, or when the built-in is missing (a build error).
Template load_template(const std::string& root, const std::vector<std::string>& candidates);

}  // namespace opslint
