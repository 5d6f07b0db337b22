// Resolving the repository, configuration, "now" and the output target once per run.
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/invocation.h"
#include "util/fs.h"

namespace opslint {

Workspace open_workspace(const Invocation& inv) {
  Workspace ws{locate_repo(inv.repo), default_config()};
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
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Fatal{fmt::format("cannot read config file '{}'", label)};
  std::stringstream buf;
  buf << in.rdbuf();
  auto cfg = parse_config(buf.str(), label);
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
  if (!inv.output) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    return;
  }
  namespace fs = std::filesystem;
  std::error_code ec;
  if (const fs::path dir = fs::path(*inv.output).parent_path(); !dir.empty() && !fs::is_directory(dir, ec))
    throw Fatal{fmt::format("--output: folder '{}' does not exist", dir.string())};
  if (auto err = write_atomic(*inv.output, text, true)) throw Fatal{"--output: " + *err};
}

}  // namespace opslint
