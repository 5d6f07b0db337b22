// libFuzzer target: a scaffolding template's raw bytes (an override under .opslint/templates/ is
// whatever the repository holds) through render_template's {{placeholder}} scanner.
#include "fuzz_util.h"
#include "scaffold/template.h"

using namespace opslint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const TemplateVars vars = {
      {"period", "2026-W48"}, {"date", "2026-11-24"}, {"chair", "Ana"}, {"title", "Weekly {{review}}"}, {"empty", ""}};
  const Template t{".opslint/templates/weekly/minutes.md", std::string(fuzz::text_of(data, size))};
  (void)render_template(t, vars);
  return 0;
}
