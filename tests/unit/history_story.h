// Test helper: a history view written as successive revisions of whole files, with the facts
// from the same extractors the git reader uses (history rules and report tests).
#pragma once
#include <list>
#include <map>
#include <optional>
#include <string>

#include "engine/snapshot_builder.h"
#include "git/source.h"
#include "markdown/history_facts.h"
#include "rules/history.h"

namespace opslint {

inline const std::string kStoryBacklog = "docs/operations/IMPROVEMENT_BACKLOG.md";
inline const std::string kStoryArchive = "docs/operations/BACKLOG_ARCHIVE.md";
inline const std::string kStoryRisks = "docs/operations/RISK_REGISTER.md";
inline const std::string kStoryWeekly = "ops/operations/weekly/";  // + folder name

inline Instant at(const std::string& ts) { return *parse_timestamp(ts, "UTC"); }

// A history written as successive revisions of whole files (nullopt deletes one); the facts come
// from the same extractors the git reader uses.
class Story {
 public:
  explicit Story(Config cfg) : cfg_(std::move(cfg)), backlog_(cfg_.backlog_prefix), archive_(cfg_.backlog_prefix) {}

  Story& commit(const std::string& when, std::map<std::string, std::optional<std::string>> changes,
                const std::string& author = "Dana Fischer", bool uncommitted = false) {
    const size_t index = view_.commits.size();
    HistoryCommit c;
    c.id = std::string(40, static_cast<char>('a' + index % 6));
    c.short_id = uncommitted ? "the staged change" : "c" + std::to_string(index);
    c.author = author;
    c.time = at(when);
    c.uncommitted = uncommitted;
    view_.commits.push_back(c);
    for (auto& [path, text] : changes) {
      if (text)
        files_[path] = *text;
      else
        files_.erase(path);
      if (path == kStoryBacklog || path == kStoryArchive) {
        texts_.push_back(text.value_or(""));
        auto& ev = path == kStoryBacklog ? backlog_ : archive_;
        (path == kStoryBacklog ? view_.backlog : view_.archive)
            .push_back({index, text.has_value(), ev.next(texts_.back())});
        continue;
      }
      FileVersion fv;
      if (text) {
        const std::string folder = path.substr(0, path.rfind('/'));
        fv = period_file_facts(path, *text, folder.substr(folder.rfind('/') + 1), path.ends_with("actions.md"),
                               cfg_.backlog_prefix);
      } else {
        fv.present = false;
      }
      fv.commit = index;
      view_.files[path].push_back(std::move(fv));
    }
    return *this;
  }
  Story& boundary() {
    view_.commits.front().boundary = true;
    return *this;
  }
  HistoryView& view() { return view_; }
  const std::map<std::string, std::string>& files() const { return files_; }
  const Config& config() const { return cfg_; }

  std::vector<Finding> check(const std::string& now = "2026-12-30T00:00:00Z") {
    const Snapshot snap = build_snapshot(MemorySource(files_), cfg_);
    LintContext ctx{snap, cfg_, at(now), local_day(at(now), cfg_.timezone), {}};
    check_history(ctx, view_);
    return ctx.findings;
  }

 private:
  Config cfg_;
  HistoryView view_;
  std::map<std::string, std::string> files_;
  std::list<std::string> texts_;  // backlog texts stay alive for the incremental scanner
  EntryVersions backlog_, archive_;
};

}  // namespace opslint
