// Resolving the repository, configuration, "now" and the output target once per run.
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>

#include "cli/invocation.h"
#include "util/file_read.h"
#include "util/fs.h"
#include "util/std_streams.h"

namespace opslint {

namespace {

// A configuration file is a few KiB; a larger one is a mistake (a log pasted over it, /dev/zero).
constexpr uint64_t kMaxConfigBytes = 1 << 20;

// The configuration file at `path`, parsed and checked; `label` names it in messages. The default
// .opslint.yaml (`below_root` set) is read like a linted file: not through a link out of the
// repository. nullopt: the default file is absent (an explicit --config must exist).
std::optional<Result<Config>> read_config(const std::string& path, const std::string& label,
                                          const std::string& below_root) {
  const FileRead r = below_root.empty() ? read_file(path, kMaxConfigBytes)
                                        : RootFolder(below_root).read(".opslint.yaml", kMaxConfigBytes);
  switch (r.status) {
    case FileRead::Status::Read: return parse_config(r.bytes, label);
    case FileRead::Status::Missing:
      if (!below_root.empty()) return std::nullopt;
      throw Fatal{fmt::format("config file '{}' does not exist", label)};
    case FileRead::Status::TooLarge:
      throw Fatal{fmt::format("config file '{}' is larger than {} bytes", label, kMaxConfigBytes)};
    case FileRead::Status::Refused: break;
  }
  throw Fatal{fmt::format("config file '{}' {}", label, r.reason)};
}

// The configuration file read_config_ahead() guessed, and what reading it gave (nothing when it
// was not a file).
struct ConfigAhead {
  std::string path;
  std::string label;
  std::string below_root;
  std::future<std::optional<Result<Config>>> result;
};
ConfigAhead& config_ahead() {
  static ConfigAhead ahead;
  return ahead;
}

// What read_config_ahead() read, if it read this file; only once.
std::optional<Result<Config>> take_config_ahead(const std::string& path, const std::string& label) {
  ConfigAhead& ahead = config_ahead();
  if (!ahead.result.valid() || ahead.path != path || ahead.label != label) return std::nullopt;
  return ahead.result.get();
}

}  // namespace

std::packaged_task<void()> read_config_ahead(const Invocation& inv) {
  namespace fs = std::filesystem;
  ConfigAhead& ahead = config_ahead();
  if (inv.config) {
    ahead.path = ahead.label = *inv.config;
  } else {
    // The repository's root is most often the folder given or the current one (git runs hooks
    // there); open_workspace() uses the result only if the root libgit2 finds is that folder.
    std::error_code ec;
    std::string root = inv.repo ? fs::weakly_canonical(fs::absolute(*inv.repo, ec), ec).string()
                                : fs::current_path(ec).string();
    while (root.size() > 1 && root.back() == '/') root.pop_back();
    ahead.path = root + "/.opslint.yaml";
    ahead.label = ".opslint.yaml";
    ahead.below_root = root;
  }
  // A problem is left for open_workspace() to report, if this guess was the file it wants.
  std::packaged_task<std::optional<Result<Config>>()> read(
      [path = ahead.path, label = ahead.label, root = ahead.below_root]() -> std::optional<Result<Config>> {
        try {
          return read_config(path, label, root);
        } catch (const Fatal&) {
          return std::nullopt;
        }
      });
  ahead.result = read.get_future();
  return std::packaged_task<void()>(std::move(read));
}

Workspace open_workspace(const Invocation& inv, const std::function<void(const RepoLocation&)>& with_repo) {
  Workspace ws{locate_repo(inv.repo), default_config()};
  if (with_repo) with_repo(ws.location);
  namespace fs = std::filesystem;
  const std::string path = inv.config ? *inv.config : ws.location.root + "/.opslint.yaml";
  const std::string label = inv.config ? *inv.config : ".opslint.yaml";
  const std::string below_root = inv.config ? "" : ws.location.root;
  auto cfg = take_config_ahead(path, label);
  if (!cfg) cfg = read_config(path, label, below_root);
  if (!cfg) return ws;
  if (!*cfg) throw Fatal{cfg->error()};
  ws.config = std::move(**cfg);
  return ws;
}

Instant resolve_now(const Invocation& inv, const Config& cfg) {
  std::optional<std::string> text = inv.now;
  if (!text)
    if (const char* env = std::getenv("OPSLINT_NOW"); env && *env) text = env;
  if (!text) return clock_now();
  auto t = parse_timestamp(*text, cfg.timezone);
  if (!t) throw Fatal{(inv.now ? "--now: " : "OPSLINT_NOW: ") + t.error()};
  return *t;
}

void emit(const Invocation& inv, const std::string& text) {
  if (!inv.output || *inv.output == "-") {
    write_stdout(text);
    return;
  }
  namespace fs = std::filesystem;
  std::error_code ec;
  if (const fs::path dir = fs::path(*inv.output).parent_path(); !dir.empty() && !fs::is_directory(dir, ec))
    throw Fatal{fmt::format("--output: folder '{}' does not exist", dir.string())};
  if (auto err = write_atomic(*inv.output, text, true)) throw Fatal{"--output: " + *err};
}

}  // namespace opslint
