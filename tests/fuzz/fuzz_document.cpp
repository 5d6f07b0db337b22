// libFuzzer target: a Markdown file's raw bytes (NUL, invalid UTF-8, wide tables included) through
// parse_file, the entry point the snapshot builder hands every file to, in each role; then the
// parse cache's codec, which must give back exactly what it was given.
#include <cstdlib>

#include "config/config.h"
#include "engine/parse_codec.h"
#include "engine/snapshot_builder.h"
#include "fuzz_util.h"

using namespace opslint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const Config cfg = default_config();
  static const char* const paths[] = {"ops/operations/weekly/2026-48/minutes.md",
                                      "ops/operations/weekly/2026-48/actions.md",
                                      "docs/operations/IMPROVEMENT_BACKLOG.md", "docs/operations/BACKLOG_ARCHIVE.md",
                                      "docs/operations/RISK_REGISTER.md"};
  static const Role roles[] = {Role::Period, Role::Period, Role::Backlog, Role::Archive, Role::Risks};
  const size_t which = data[0] % 5;  // the first byte picks the role, the rest is the file
  Blob blob;
  blob.bytes = std::string(fuzz::text_of(data + 1, size - 1));
  blob.size = blob.bytes.size();
  const ParsedFile parsed = parse_file(paths[which], roles[which], "2026-48", blob, cfg);

  Writer w;
  encode_parsed(w, parsed);
  if (decode_parsed(w.bytes()) != parsed) std::abort();  // the parse cache would change a warm run
  if (parsed.doc) {
    Writer h;
    encode_head(h, parsed);
    ParsedFile head;
    bool actions_section = false;
    if (!decode_head(h.bytes(), parsed.doc->path, head, actions_section)) std::abort();
    if (actions_section != has_actions_section(*parsed.doc)) std::abort();
  }
  return 0;
}
