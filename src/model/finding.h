// A finding: one rule's verdict about one place. Data, not an error.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace opslint {

enum class Severity { Off, Info, Warning, Error };

std::string_view severity_name(Severity s);
std::optional<Severity> severity_from_name(std::string_view s);

struct Pos {
  int line = 0;  // 1-based; 0 means "the file as a whole" (or a file that should exist)
  int column = 0;
  bool operator==(const Pos&) const = default;
};

struct Finding {
  std::string rule;  // "OPS301"
  Severity severity = Severity::Error;
  std::string file;  // repo-relative, '/'-separated
  Pos pos;
  std::string message;
  std::string period;   // period name when the finding belongs to one, else empty
  std::string subject;  // what the finding is about, stable when lines move (for fingerprints)
};

// A finding that is not reported because an inline suppression or the baseline hid it. Only SARIF
// shows it, as a suppressed result; the summary counts and the exit code ignore it.
struct HiddenFinding {
  enum class By { Source, Baseline };
  Finding finding;
  By by = By::Source;
  std::string justification;  // the suppression's reason ("" when it gives none), or which baseline
};

bool finding_less(const Finding& a, const Finding& b);
std::string fingerprint(const Finding& f);

}  // namespace opslint
