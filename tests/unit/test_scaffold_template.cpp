// Template rendering: placeholders, errors naming file and line, overrides before built-ins.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "scaffold/template.h"

using namespace opslint;

namespace {
Result<std::string> render(const std::string& text,
                           const TemplateVars& vars = {{"period", "2026-48"}, {"kind", "weekly"}}) {
  return render_template(Template{"t/minutes.md", text}, vars);
}
}  // namespace

TEST_CASE("placeholders are replaced, with or without spaces inside the braces") {
  const auto out = render("# Review {{period}}\nkind: {{ kind }} {{period}}\n");
  REQUIRE(out);
  CHECK(*out == "# Review 2026-48\nkind: weekly 2026-48\n");
  CHECK(*render("no placeholders { } }}\n") == "no placeholders { } }}\n");
}

TEST_CASE("values are inserted as they are, never rescanned") {
  const auto out = render("{{period}}", {{"period", "{{kind}} {{nope}}"}});
  REQUIRE(out);
  CHECK(*out == "{{kind}} {{nope}}");
}

TEST_CASE("an unknown placeholder is an error naming the template, the line and the known names") {
  const auto out = render("---\nreview: {{kind}}\n---\n\n## {{agendaa}}\n");
  REQUIRE_FALSE(out);
  CHECK(out.error() == "t/minutes.md:5: unknown placeholder {{agendaa}}; known: kind, period");
  CHECK(render("{{ Period }}").error() == "t/minutes.md:1: unknown placeholder {{ Period }}; known: kind, period");
  CHECK(render("{{}}").error().starts_with("t/minutes.md:1: unknown placeholder {{}}"));
}

TEST_CASE("an unclosed placeholder is an error at its line") {
  CHECK(render("a\nb {{period\n}}\n").error() ==
        "t/minutes.md:2: unclosed placeholder '{{' (placeholders are {{name}})");
  CHECK(render("{{period}}\n\n{{").error().starts_with("t/minutes.md:3: unclosed"));
}

TEST_CASE("an override in the ops repo wins over the built-in; the most specific override first") {
  namespace fs = std::filesystem;
  const fs::path root = fs::temp_directory_path() / "opslint-unit-templates";
  fs::remove_all(root);
  auto builtin = load_template(root.string(), {"weekly/SKIPPED.md", "SKIPPED.md"});
  CHECK(builtin.name == "templates/SKIPPED.md (built in)");
  CHECK(builtin.text.find("## Rationale") != std::string::npos);

  fs::create_directories(root / ".opslint/templates/weekly");
  std::ofstream(root / ".opslint/templates/SKIPPED.md") << "generic {{period}}\n";
  CHECK(load_template(root.string(), {"weekly/SKIPPED.md", "SKIPPED.md"}).name == ".opslint/templates/SKIPPED.md");
  std::ofstream(root / ".opslint/templates/weekly/SKIPPED.md") << "weekly {{period}}\n";
  const auto t = load_template(root.string(), {"weekly/SKIPPED.md", "SKIPPED.md"});
  CHECK(t.name == ".opslint/templates/weekly/SKIPPED.md");
  CHECK(t.text == "weekly {{period}}\n");
  fs::remove_all(root);
}
