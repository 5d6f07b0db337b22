// `opslint baseline`: record today's fingerprints so that `lint --baseline` reports only new findings.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/invocation.h"
#include "cli/lint_run.h"
#include "engine/baseline.h"

namespace opslint {

namespace {

// The baseline at `path`, or nullopt when there is no file; unreadable or malformed is Fatal.
std::optional<Baseline> load_baseline(const std::string& path, std::string_view why_fatal) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in || fs::is_directory(path, ec)) throw Fatal{fmt::format("cannot read baseline file '{}'", path)};
  std::stringstream buf;
  buf << in.rdbuf();
  auto b = parse_baseline(buf.str(), path);
  if (!b) throw Fatal{b.error() + std::string(why_fatal)};
  return std::move(*b);
}

}  // namespace

Baseline read_baseline(const std::string& path) {
  auto b = load_baseline(path, "");
  if (!b) throw Fatal{fmt::format("baseline file '{}' does not exist (create it with `opslint baseline`)", path)};
  return std::move(*b);
}

int run_baseline(const Invocation& inv) {
  const Workspace ws = open_workspace(inv);
  Invocation target = inv;
  if (!target.output) target.output = ws.location.root + "/.opslint-baseline.json";
  const std::string label = inv.output ? *inv.output : ".opslint-baseline.json";
  // A file that is not a baseline (a mistyped --output) is never overwritten. Only a regular file
  // is read: a FIFO would wait for a writer, and a link or device is not replaced (util/fs.h).
  std::error_code ec;
  const auto old = std::filesystem::is_regular_file(std::filesystem::symlink_status(*target.output, ec))
                       ? load_baseline(*target.output, "; not overwriting it")
                       : std::nullopt;
  const auto [findings, run] = lint_repo(target, ws);
  const Baseline now = baseline_of(findings);
  emit(target, baseline_json(findings));

  std::string line = fmt::format("opslint: baseline {}: recorded {} fingerprint{}", label, now.fingerprints.size(),
                                 now.fingerprints.size() == 1 ? "" : "s");
  if (old) {
    size_t added = 0, pruned = 0;
    for (const auto& fp : now.fingerprints) added += old->fingerprints.count(fp) ? 0 : 1;
    for (const auto& fp : old->fingerprints) pruned += now.fingerprints.count(fp) ? 0 : 1;
    line += fmt::format(" ({} added, {} stale pruned)", added, pruned);
  }
  if (!inv.quiet) std::printf("%s\n", line.c_str());
  return 0;
}

}  // namespace opslint
