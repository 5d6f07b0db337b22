// Dates of closings, backlog changes and publications, from the first-parent history view.
#include "report/history_dates.h"

#include <algorithm>
#include <optional>
#include <tuple>
#include <vector>

namespace opslint {

namespace {

void action_closings(const HistoryView& v, const std::string& path, const std::vector<FileVersion>& versions,
                     HistoryDates& out) {
  std::map<std::string, ActionClosing> closed;  // id → since when (while it stays closed)
  for (const FileVersion& f : versions) {
    if (!f.present || !f.readable) continue;
    std::map<std::string, ActionClosing> now;
    for (const ActionFact& a : f.actions) {
      if (!a.closed) continue;
      auto it = closed.find(a.id);
      now[a.id] = it != closed.end() ? it->second : ActionClosing{v.commits[f.commit].time, a.done, a.due};
    }
    closed = std::move(now);
  }
  for (auto& [id, c] : closed) out.action_closed[{path, id}] = c;
}

void backlog_dates(const HistoryView& v, HistoryDates& out) {
  // Both files' changes in commit order; an entry is closed when the version holding it (either file) is.
  std::vector<std::tuple<size_t, int, const EntryChange*>> events;
  for (int list = 0; list < 2; ++list)
    for (const ListVersion& lv : list == 0 ? v.backlog : v.archive)
      for (const EntryChange& c : lv.changes) events.emplace_back(lv.commit, list, &c);
  std::stable_sort(events.begin(), events.end(),
                   [](const auto& a, const auto& b) { return std::get<0>(a) < std::get<0>(b); });
  std::map<std::string, std::optional<EntryFact>> state[2];
  for (size_t i = 0; i < events.size();) {
    const size_t commit = std::get<0>(events[i]);
    const Instant t = v.commits[commit].time;
    std::vector<std::string> touched;
    for (; i < events.size() && std::get<0>(events[i]) == commit; ++i) {
      const EntryChange& c = *std::get<2>(events[i]);
      state[std::get<1>(events[i])][c.id] = c.after;
      touched.push_back(c.id);
    }
    for (const std::string& id : touched) {
      const auto& b = state[0][id];
      const auto& a = state[1][id];
      if (!b && !a) continue;
      out.backlog_opened.emplace(id, t);
      const bool closed = (b && b->closed()) || (a && a->closed());
      if (!closed)
        out.backlog_closed.erase(id);
      else
        out.backlog_closed.emplace(id, t);  // keeps the earlier time while it stays closed
    }
  }
}

}  // namespace

HistoryDates history_dates(const HistoryView& v) {
  HistoryDates out;
  for (const auto& [path, versions] : v.files) {
    action_closings(v, path, versions, out);
    if (!path.ends_with("/minutes.md")) continue;
    for (const FileVersion& f : versions) {
      if (!f.present) continue;
      if (!v.commits[f.commit].boundary) out.published[path] = v.commits[f.commit].time;
      break;
    }
  }
  backlog_dates(v, out);
  return out;
}

}  // namespace opslint
