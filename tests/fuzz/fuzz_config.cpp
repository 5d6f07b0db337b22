// libFuzzer target: .opslint.yaml's raw bytes through parse_config (yaml-cpp, then the schema and
// the semantic checks), as the CLI reads the file: whatever bytes it holds.
#include "config/config.h"
#include "fuzz_util.h"

using namespace opslint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(fuzz::text_of(data, size));
  (void)parse_config(text, ".opslint.yaml");
  return 0;
}
