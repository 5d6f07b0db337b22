// libFuzzer target: the YAML between a minutes file's "---" lines (libyaml), as the Markdown reader
// hands it over: valid UTF-8 without NUL (parse_file refuses other files before parsing).
#include "fuzz_util.h"
#include "markdown/front_matter.h"
#include "util/text.h"

using namespace opslint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view yaml = fuzz::text_of(data, size);
  if (yaml.find('\0') != std::string_view::npos || text::invalid_utf8_offset(yaml) != std::string_view::npos ||
      yaml.starts_with("\xEF\xBB\xBF"))
    return 0;
  FrontMatter fm;
  parse_front_matter_yaml(yaml, fm);
  return 0;
}
