// Findings of checks from earlier runs, by check unit and a digest of everything the unit reads:
// a unit whose inputs did not change since a run gives that run's findings without running.
#pragma once
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <functional>

#include "model/finding.h"
#include "rules/registry.h"

namespace opslint {

class CheckMemo {
 public:
  // Reads `file` when it was written for `fingerprint` (the binary and the config); a missing,
  // damaged or foreign file is an empty memo.
  CheckMemo(std::string file, uint64_t fingerprint);
  // The findings `unit` gave for `inputs`, if remembered. Thread-safe.
  std::optional<std::vector<Finding>> find(const std::string& unit, uint64_t inputs);
  // Whether find() would answer. Thread-safe.
  bool contains(const std::string& unit, uint64_t inputs);
  // What `unit` gave for `inputs` this run. Thread-safe.
  void put(const std::string& unit, uint64_t inputs, const std::vector<Finding>& findings);
  // Best effort, atomic: the units of this run, when any was not remembered.
  void flush();
  size_t hits() const { return hits_; }
  size_t runs() const { return runs_; }

 private:
  struct Unit {
    uint64_t inputs = 0;
    std::vector<Finding> findings;
  };
  std::string file_;
  uint64_t fingerprint_;
  std::map<std::string, Unit> old_, now_;
  std::mutex mutex_;
  size_t hits_ = 0;
  size_t runs_ = 0;
  bool changed_ = false;
};

// Runs `run` into `ctx` — or, with a memo that holds `unit`'s findings for `inputs`, adds those.
// Without inputs (nullopt) it always runs, and nothing is remembered.
void run_memoised(CheckMemo* memo, LintContext& ctx, const std::string& unit, std::optional<uint64_t> inputs,
                  const std::function<void(LintContext&)>& run);

}  // namespace opslint
