// Resolving the repository, configuration, "now" and the output target once per run.
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>

#include "cli/invocation.h"
#include "util/fs.h"
#include "util/std_streams.h"

namespace opslint {

namespace {

// The configuration file at `path`, parsed and checked; `label` names it in messages.
Result<Config> read_config(const std::string& path, const std::string& label) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Fatal{fmt::format("cannot read config file '{}'", label)};
  std::stringstream buf;
  buf << in.rdbuf();
  return parse_config(buf.str(), label);
}

// The configuration file read_config_ahead() guessed, and what reading it gave (nothing when it
// was not a file).
struct ConfigAhead {
  std::string path;
  std::string label;
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
  }
  std::packaged_task<std::optional<Result<Config>>()> read(
      [path = ahead.path, label = ahead.label]() -> std::optional<Result<Config>> {
        std::error_code ec;
        if (!fs::is_regular_file(path, ec)) return std::nullopt;
        return read_config(path, label);
      });
  ahead.result = read.get_future();
  return std::packaged_task<void()>(std::move(read));
}

Workspace open_workspace(const Invocation& inv, const std::function<void(const RepoLocation&)>& with_repo) {
  Workspace ws{locate_repo(inv.repo), default_config()};
  if (with_repo) with_repo(ws.location);
  namespace fs = std::filesystem;
  std::string path;
  std::string label;
  if (inv.config) {
    path = *inv.config;
    label = *inv.config;
    if (!fs::is_regular_file(path)) throw Fatal{fmt::format("config file '{}' does not exist", path)};
  } else {
    path = ws.location.root + "/.opslint.yaml";
    label = ".opslint.yaml";
    if (!fs::exists(path)) return ws;
  }
  auto ahead = take_config_ahead(path, label);
  auto cfg = ahead ? std::move(*ahead) : read_config(path, label);
  if (!cfg) throw Fatal{cfg.error()};
  ws.config = std::move(*cfg);
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
