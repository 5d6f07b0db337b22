// Write errors on stdout and stderr, kept until exit.
#include "util/std_streams.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace opslint {

namespace {

int& first_stdout_errno() {
  static int err = 0;
  return err;
}

bool flush(std::FILE* f, int& first) {
  errno = 0;
  const bool ok = std::fflush(f) == 0 && !std::ferror(f);
  if (!ok && first == 0) first = errno != 0 ? errno : EIO;
  return ok;
}

}  // namespace

void write_stdout(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  flush(stdout, first_stdout_errno());
}

std::optional<std::string> std_streams_error() {
  int& out = first_stdout_errno();
  if (!flush(stdout, out) || out != 0) return std::string("cannot write to standard output: ") + std::strerror(out);
  int err = 0;
  if (!flush(stderr, err)) return std::string("cannot write to standard error: ") + std::strerror(err);
  return std::nullopt;
}

}  // namespace opslint
