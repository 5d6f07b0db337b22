// libFuzzer target: the history rules' readers of committed versions, which get a blob's raw bytes
// (NUL and invalid UTF-8 included): the backlog's line scanner, version after version
// (EntryVersions, scan_entries), and a period file's facts (period_file_facts). The input is split
// into versions at "\n~~~~\n"; the first byte picks the reader.
#include <string_view>
#include <vector>

#include "fuzz_util.h"
#include "markdown/history_facts.h"

using namespace opslint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  constexpr std::string_view kSeparator = "\n~~~~\n";
  std::vector<std::string_view> versions;
  std::string_view rest = fuzz::text_of(data + 1, size - 1);
  for (size_t at; (at = rest.find(kSeparator)) != std::string_view::npos; rest.remove_prefix(at + kSeparator.size()))
    versions.push_back(rest.substr(0, at));
  versions.push_back(rest);
  if (data[0] % 2 == 0) {
    EntryVersions list("IB-");
    for (const std::string_view v : versions) {
      (void)list.next(v);
      (void)scan_entries(v, "IB-");
    }
  } else {
    for (const std::string_view v : versions)
      (void)period_file_facts("ops/operations/weekly/2026-48/minutes.md", v, "2026-48", data[0] & 2, "IB-");
  }
  return 0;
}
