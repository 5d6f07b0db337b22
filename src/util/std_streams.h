// Standard output and error whose write errors are not lost: stdio forgets the errno of a failed
// flush (glibc drops the buffer), so the first one is kept here for the message at exit.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace opslint {

// Writes `text` to stdout and flushes it, remembering the first failure's errno.
void write_stdout(std::string_view text);
// Flushes stdout and stderr; "cannot write to standard output: No space left on device" (or
// "standard error") when a write to either failed at any time in this run, else nullopt.
std::optional<std::string> std_streams_error();

}  // namespace opslint
