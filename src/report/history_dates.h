// When things happened, read from the history view: actions closed, backlog entries opened and
// closed, minutes published. The report's history-based metrics are built on these.
#pragma once
#include <map>
#include <string>
#include <utility>

#include "model/history.h"

namespace opslint {

struct ActionClosing {
  Instant at{};       // the commit after which the action stayed closed
  bool done = false;  // in that version: done (not dropped)
  std::string due;    // in that version
};

struct HistoryDates {
  std::map<std::pair<std::string, std::string>, ActionClosing> action_closed;  // (file, action id)
  std::map<std::string, Instant> backlog_opened;  // entry id → first version holding it (backlog or archive)
  std::map<std::string, Instant> backlog_closed;  // entry id → the change after which it stayed closed
  std::map<std::string, Instant> published;  // minutes path → first version on the chain (not a shallow boundary)
};

HistoryDates history_dates(const HistoryView& v);

}  // namespace opslint
