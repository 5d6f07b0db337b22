// Findings: ordering and fingerprints.
#include "model/finding.h"

#include <fmt/format.h>

#include <tuple>

namespace opslint {

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::Off: return "off";
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

std::optional<Severity> severity_from_name(std::string_view s) {
  for (Severity v : {Severity::Off, Severity::Info, Severity::Warning, Severity::Error})
    if (severity_name(v) == s) return v;
  return std::nullopt;
}

bool finding_less(const Finding& a, const Finding& b) {
  return std::tie(a.file, a.pos.line, a.pos.column, a.rule, a.message) <
         std::tie(b.file, b.pos.line, b.pos.column, b.rule, b.message);
}

namespace {
// FNV-1a, 64-bit: stable across platforms and releases, which std::hash is not.
uint64_t fnv1a(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}
}  // namespace

std::string fingerprint(const Finding& f) {
  const std::string key = f.rule + '\0' + f.file + '\0' + (f.subject.empty() ? f.message : f.subject);
  return fmt::format("{:016x}", fnv1a(key));
}

}  // namespace opslint
