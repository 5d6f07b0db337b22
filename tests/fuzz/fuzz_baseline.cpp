// libFuzzer target: a baseline file's raw bytes through parse_baseline (JSON, then its schema).
#include "engine/baseline.h"
#include "fuzz_util.h"

using namespace opslint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)parse_baseline(fuzz::text_of(data, size), ".opslint-baseline.json");
  return 0;
}
