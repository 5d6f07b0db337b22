// Findings of checks from earlier runs, by check unit and a digest of everything the unit reads:
// a unit whose inputs did not change since a run gives that run's findings without running.
#pragma once
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <functional>

#include "model/finding.h"
#include "rules/registry.h"
#include "util/mapped_file.h"

namespace opslint {

class CheckMemo {
 public:
  // Reads `file` when it was written for `fingerprint` (the binary and the config); a missing,
  // damaged or foreign file is an empty memo.
  CheckMemo(std::string file, uint64_t fingerprint);
  ~CheckMemo();
  CheckMemo(const CheckMemo&) = delete;
  CheckMemo& operator=(const CheckMemo&) = delete;
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
  // A unit as the file holds it: its inputs' digest and its findings, encoded (views into the
  // mapped file, or into fresh_).
  struct Stored {
    uint64_t inputs = 0;
    std::string_view findings;
  };
  std::string file_;
  uint64_t fingerprint_;
  std::optional<MappedFile> map_;
  std::unordered_map<std::string_view, Stored> old_;            // the file's units
  std::deque<std::pair<std::string, std::string>> fresh_;      // units run this run: name, findings
  std::vector<std::pair<std::string_view, Stored>> now_;        // the units of this run, for flush()
  std::mutex mutex_;
  size_t hits_ = 0;
  size_t runs_ = 0;
  bool changed_ = false;
};

// Runs `run` into `ctx` — or, with a memo that holds `unit`'s findings for `inputs`, adds those.
// Without inputs (nullopt) it always runs, and nothing is remembered.
void run_memoised(CheckMemo* memo, LintContext& ctx, const std::string& unit, std::optional<uint64_t> inputs,
                  const std::function<void(LintContext&)>& run);

// Whether run_memoised() would give `unit`'s findings from `memo` without running it: what lets a
// run load only the deferred records of the units that do run.
bool memo_answers(CheckMemo* memo, const std::string& unit, const std::optional<uint64_t>& inputs);

}  // namespace opslint
