// Finding the baseline file: `lint --baseline FILE`, the repository's own (`baseline:` or
// .opslint-baseline.json), and the one `opslint baseline` rewrites.
#include <fmt/format.h>

#include "cli/invocation.h"
#include "cli/lint_run.h"
#include "engine/baseline.h"
#include "util/file_read.h"

namespace opslint {

namespace {

// A baseline holds about 100 bytes per finding: a million findings is still far below this.
constexpr uint64_t kMaxBaselineBytes = 256ULL << 20;

std::optional<Baseline> parsed(const FileRead& r, const std::string& label, std::string_view why_fatal) {
  switch (r.status) {
    case FileRead::Status::Read: break;
    case FileRead::Status::Missing: return std::nullopt;
    case FileRead::Status::TooLarge:
      throw Fatal{fmt::format("baseline file '{}' is larger than {} bytes{}", label, kMaxBaselineBytes, why_fatal)};
    case FileRead::Status::Refused:
      throw Fatal{fmt::format("baseline file '{}' {}{}", label, r.reason, why_fatal)};
  }
  auto b = parse_baseline(r.bytes, label);
  if (!b) throw Fatal{b.error() + std::string(why_fatal)};
  return std::move(*b);
}

}  // namespace

std::optional<Baseline> load_baseline(const std::string& path, std::string_view why_fatal) {
  return parsed(read_file(path, kMaxBaselineBytes), path, why_fatal);
}

Baseline read_baseline(const std::string& path) {
  auto b = load_baseline(path, "");
  if (!b) throw Fatal{fmt::format("baseline file '{}' does not exist (create it with `opslint baseline`)", path)};
  return std::move(*b);
}

// The repository's baseline is read from the working tree whatever `lint` reads (the index, a
// commit): as git reads .gitignore, the file the user sees is the one that counts, and a baseline
// re-recorded but not yet staged still applies. Like a linted file, not through a link that leads
// out of the repository.
std::optional<Baseline> lint_baseline(const Invocation& inv, const Workspace& ws) {
  if (inv.baseline) return read_baseline(*inv.baseline);
  if (inv.no_baseline) return std::nullopt;
  const std::string& rel = ws.config.baseline_path;
  return parsed(RootFolder(ws.location.root).read(rel, kMaxBaselineBytes), rel, "");
}

}  // namespace opslint
