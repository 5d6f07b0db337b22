// OPS501-OPS505 over history views built from strings (no git): each rule fires and stays quiet.
#include <doctest/doctest.h>

#include <list>
#include <map>
#include <optional>

#include "engine/snapshot_builder.h"
#include "git/source.h"
#include "markdown/history_facts.h"
#include "rules/history.h"
#include "history_story.h"

using namespace opslint;

namespace {

const std::string W = "ops/operations/weekly/";
const std::string kBacklog = "docs/operations/IMPROVEMENT_BACKLOG.md";
const std::string kArchive = "docs/operations/BACKLOG_ARCHIVE.md";

std::string minutes(const std::string& date, const std::string& extra_front = "time: \"15:00\"\nduration: 45\n",
                    const std::string& body = "Notes.\n") {
  return "---\nreview: weekly\ndate: " + date + "\n" + extra_front +
         "chair: \"@dana\"\nparticipants: [\"@dana\"]\n---\n# Weekly\n\n## Notes\n" + body +
         "\n## Actions\n- [ ] A1 Keep going — owner: @dana; due: 2026-12-30; verify: it goes; backlog: IB-1\n";
}

std::string backlog(const std::vector<std::string>& entries) {
  std::string t = "# Backlog\n\n";
  for (const auto& e : entries) t += e + "\n";
  return t;
}

std::string entry(int n, const std::string& status = "open", const std::string& verification = "it works") {
  return "## IB-" + std::to_string(n) + " Entry\n- Status: " + status +
         "\n- Owner: @dana\n- Source: 2026-48\n- Verification: " + verification + "\n";
}

std::vector<std::string> rules(const std::vector<Finding>& fs) {
  std::vector<std::string> out;
  for (const auto& f : fs) out.push_back(f.rule);
  return out;
}

Config berlin() {
  Config cfg = default_config();
  cfg.timezone = "Europe/Berlin";
  return cfg;
}

}  // namespace

TEST_CASE("OPS501: the limit is publish_within_hours after the meeting's end, to the second") {
  // Meeting 2026-11-24 15:00 + 45 min in Berlin = 14:45Z; the limit is 2026-11-25T14:45:00Z.
  auto fs = Story(berlin()).commit("2026-11-25T14:45:00Z", {{W + "2026-48/minutes.md", minutes("2026-11-24")}}).check();
  CHECK(rules(fs).empty());
  fs = Story(berlin()).commit("2026-11-25T14:45:01Z", {{W + "2026-48/minutes.md", minutes("2026-11-24")}}).check();
  REQUIRE(rules(fs) == std::vector<std::string>{"OPS501"});
  CHECK(fs[0].file == W + "2026-48/minutes.md");
  CHECK(fs[0].pos.line == 1);
  CHECK(fs[0].message ==
        "minutes published 24 hours 1 minute after the meeting ended (2026-11-24 15:45 CET), over the 24-hour limit: "
        "first "
        "committed in c0 by Dana Fischer on 2026-11-25 15:45 CET");
}

TEST_CASE("OPS501: without a time the meeting ends with its date; without a duration, its time box") {
  auto fs = Story(default_config())
                .commit("2026-11-25T23:59:59Z", {{W + "2026-48/minutes.md", minutes("2026-11-24", "")}})
                .check();
  CHECK(rules(fs).empty());  // ends 2026-11-25T00:00Z, limit 2026-11-26T00:00Z
  fs = Story(default_config())
           .commit("2026-11-25T15:46:00Z", {{W + "2026-48/minutes.md", minutes("2026-11-24", "time: \"15:00\"\n")}})
           .check();
  CHECK(rules(fs) == std::vector<std::string>{"OPS501"});  // 15:00 + 45-minute time box
}

TEST_CASE("OPS501: a shallow boundary only bounds publication, so it is not judged") {
  Story s(default_config());
  s.commit("2026-12-20T00:00:00Z", {{W + "2026-48/minutes.md", minutes("2026-11-24")}}).boundary();
  CHECK(rules(s.check()).empty());
}

TEST_CASE("OPS501: the publication is the first appearance; edits and re-adds do not move it") {
  Story s(default_config());
  s.commit("2026-11-24T18:00:00Z", {{W + "2026-48/minutes.md", minutes("2026-11-24")}})
      .commit("2026-11-26T18:00:00Z", {{W + "2026-48/minutes.md", std::nullopt}})
      .commit("2026-11-27T18:00:00Z", {{W + "2026-48/minutes.md", minutes("2026-11-24")}});
  CHECK(rules(s.check()).empty());
}

TEST_CASE("OPS505: record edits after the amend window; Actions sections and early edits do not count") {
  const std::string m = W + "2026-48/minutes.md";
  Story s(default_config());
  s.commit("2026-11-24T18:00:00Z", {{m, minutes("2026-11-24")}})
      .commit("2026-11-30T18:00:00Z", {{m, minutes("2026-11-24", "time: \"15:00\"\nduration: 45\n", "Fixed.\n")}})
      .commit("2026-12-20T18:00:00Z", {{m, [&] {
                                          auto t = minutes("2026-11-24", "time: \"15:00\"\nduration: 45\n", "Fixed.\n");
                                          t.replace(t.find("- [ ]"), 5, "- [x]");
                                          return t;
                                        }()}});
  CHECK(rules(s.check()).empty());
  s.commit("2026-12-21T18:00:00Z", {{m, minutes("2026-11-24", "time: \"15:00\"\nduration: 45\n", "Rewritten.\n")}})
      .commit("2026-12-22T18:00:00Z", {{m, minutes("2026-11-24", "time: \"15:00\"\nduration: 45\n", "Again.\n")}});
  const auto fs = s.check();
  REQUIRE(rules(fs) == std::vector<std::string>{"OPS505"});
  CHECK(fs[0].message ==
        "minutes changed 27 days after publication, over the 7-day amend window: in c3 by Dana Fischer on "
        "2026-12-21 18:00 UTC (and 1 later edit)");
  // --range: only the range's commits are reported.
  s.view().first_reported = 4;
  CHECK(s.check()[0].message.find("in c4 by") != std::string::npos);
  s.view().first_reported = 5;
  CHECK(rules(s.check()).empty());
}

TEST_CASE("OPS501 --range: minutes committed on time but not merged are judged against now") {
  // Meeting 2026-11-24 15:00 + 45 min in Berlin; deadline 2026-11-25T14:45:00Z (15:45 CET).
  Story s(berlin());
  s.commit("2026-11-24T16:00:00Z", {{W + "2026-48/minutes.md", minutes("2026-11-24")}});
  CHECK(rules(s.check("2026-12-30T00:00:00Z")).empty());  // on the branch: published on time
  s.view().range = true;                                  // the commit is the range's: not on its base
  CHECK(rules(s.check("2026-11-25T08:44:59Z")).empty());  // more than 6 hours before the deadline
  auto fs = s.check("2026-11-25T08:45:00Z");
  REQUIRE(rules(fs) == std::vector<std::string>{"OPS501"});
  CHECK(fs[0].severity == Severity::Warning);
  CHECK(fs[0].message ==
        "minutes not published yet: merge the change that adds them by 2026-11-25 15:45 CET (6 hours from now) "
        "(first committed in c0 by Dana Fischer on 2026-11-24 17:00 CET)");
  CHECK(s.check("2026-11-25T14:45:00Z")[0].severity == Severity::Warning);  // the deadline itself is on time
  fs = s.check("2026-11-27T14:45:00Z");
  REQUIRE(rules(fs) == std::vector<std::string>{"OPS501"});
  CHECK(fs[0].severity == Severity::Error);
  CHECK(fs[0].message ==
        "minutes not published: the deadline 2026-11-25 15:45 CET passed 48 hours ago; merge the change that adds "
        "them (first committed in c0 by Dana Fischer on 2026-11-24 17:00 CET)");
  // Minutes the base holds are published there, though a merge of the base brings them into the range.
  s.view().on_base.insert(W + "2026-48/minutes.md");
  CHECK(rules(s.check("2026-11-27T14:45:00Z")).empty());
  s.view().on_base.clear();
  // A commit before the range (on the base) is published.
  s.view().first_reported = 1;
  CHECK(rules(s.check("2026-11-27T14:45:00Z")).empty());
}

TEST_CASE("OPS501 --range: a commit already past the deadline is late whatever now is") {
  Story s(berlin());
  s.commit("2026-11-26T16:00:00Z", {{W + "2026-48/minutes.md", minutes("2026-11-24")}});
  s.view().range = true;
  const auto fs = s.check("2026-11-26T16:00:00Z");
  REQUIRE(rules(fs) == std::vector<std::string>{"OPS501"});
  CHECK(fs[0].message.starts_with("minutes published 49 hours 15 minutes after the meeting ended"));
}

TEST_CASE("OPS502: removal names the commit; the archive keeps; removal from the archive counts") {
  Story s(default_config());
  s.commit("2026-11-24T18:00:00Z", {{kBacklog, backlog({entry(1), entry(2), entry(3)})}})
      .commit("2026-11-25T18:00:00Z",
              {{kBacklog, backlog({entry(1), entry(3)})}, {kArchive, backlog({entry(2, "wont-do")})}});
  CHECK(rules(s.check()).empty());
  s.commit("2026-11-26T18:00:00Z", {{kBacklog, backlog({entry(1)})}}, "Sam Okafor");
  auto fs = s.check();
  REQUIRE(rules(fs) == std::vector<std::string>{"OPS502"});
  CHECK(fs[0].file == kBacklog);
  CHECK(fs[0].pos.line == 0);
  CHECK(fs[0].message == "IB-3 was removed in c2 by Sam Okafor on 2026-11-26 18:00 UTC and it is in neither " +
                             kBacklog + " nor " + kArchive +
                             "; restore it with status done or wont-do, in the backlog or the archive");
  s.commit("2026-11-27T18:00:00Z", {{kArchive, std::nullopt}});
  fs = s.check();
  CHECK(rules(fs) == std::vector<std::string>{"OPS502", "OPS502"});
  CHECK(fs[0].message.starts_with("IB-2 was removed in c3"));
}

TEST_CASE("OPS001: backlog versions over limits.max_file_bytes, not read by history, reported once per file") {
  Story s(default_config());
  s.commit("2026-11-24T18:00:00Z", {{kBacklog, backlog({entry(1), entry(2)})}});
  // Two versions the history reader found oversize: no changes, not readable.
  for (const char* when : {"2026-11-25T18:00:00Z", "2026-11-26T18:00:00Z"}) {
    s.commit(when, {}, "Sam Okafor");
    s.view().backlog.push_back({s.view().commits.size() - 1, true, {}, false});
  }
  s.commit("2026-11-27T18:00:00Z", {{kBacklog, backlog({entry(1), entry(2)})}});
  const auto fs = s.check();
  REQUIRE(rules(fs) == std::vector<std::string>{"OPS001"});
  CHECK(fs[0].file == kBacklog);
  CHECK(fs[0].message ==
        "the version in c2 by Sam Okafor on 2026-11-26 18:00 UTC (and 1 older version) is over the limit of 4194304 "
        "bytes (limits.max_file_bytes); not read from history");
  // Before the range: not reported.
  s.view().first_reported = 3;
  CHECK(rules(s.check()).empty());
}

TEST_CASE("OPS503: removed actions, positional IDs, dropped instead, moves between periods") {
  const std::string a = W + "2026-48/actions.md", b = W + "2026-49/actions.md";
  auto task = [](const std::string& text, const std::string& extra = "") {
    return "- [ ] " + text + " — owner: @dana; due: 2026-12-30; verify: v; backlog: IB-1" + extra + "\n";
  };
  Story s(default_config());
  s.commit("2026-11-24T18:00:00Z", {{a, task("First") + task("Second") + task("Third")}})
      .commit("2026-11-25T18:00:00Z", {{a, task("First") + task("Third")}});
  auto fs = s.check();
  REQUIRE(rules(fs) == std::vector<std::string>{"OPS503"});
  CHECK(fs[0].message ==
        "action A2 \"Second\" was removed in c1 by Dana Fischer on 2026-11-25 18:00 UTC; put it "
        "back and mark it dropped");
  CHECK(fs[0].period == "2026-48");
  s.commit("2026-11-26T18:00:00Z", {{a, task("First") + task("Second", "; status: dropped") + task("Third")}});
  CHECK(rules(s.check()).empty());
  s.commit("2026-11-27T18:00:00Z", {{a, task("First") + task("Second", "; status: dropped")}, {b, task("Third")}});
  CHECK(rules(s.check()).empty());
}

TEST_CASE("OPS504: closing and rewriting the verification in one change; actions and entries") {
  const std::string a = W + "2026-48/actions.md";
  Story s(default_config());
  s.commit("2026-11-24T18:00:00Z",
           {{a, "- [ ] A1 Rotate — owner: @li; due: 2026-12-30; verify: audit log shows it; backlog: IB-1\n"},
            {kBacklog, backlog({entry(1), entry(2)})}})
      .commit("2026-11-25T18:00:00Z", {{kBacklog, backlog({entry(1, "open", "a better check"), entry(2)})}})
      .commit("2026-11-26T18:00:00Z", {{kBacklog, backlog({entry(1, "done", "a better check"), entry(2)})}});
  CHECK(rules(s.check()).empty());  // changed first, closed later: fine
  s.commit(
      "2026-11-27T18:00:00Z",
      {{a, "- [x] A1 Rotate — owner: @li; due: 2026-12-30; verify: new secret stored; backlog: IB-1; evidence: x\n"},
       {kBacklog, backlog({entry(1, "done", "a better check")})},
       {kArchive, backlog({entry(2, "wont-do", "not needed")})}},
      "Li Wei", true);
  const auto fs = s.check();
  REQUIRE(rules(fs) == std::vector<std::string>{"OPS504", "OPS504"});
  const Finding* act = nullptr;
  for (const auto& f : fs)
    if (f.file == a) act = &f;
  REQUIRE(act);
  CHECK(act->pos.line == 1);
  CHECK(act->message ==
        "action A1 was closed and its verification changed from \"audit log shows it\" to \"new "
        "secret stored\" in the staged change (not committed yet)");
  const Finding* ent = nullptr;
  for (const auto& f : fs)
    if (f.file == kArchive) ent = &f;  // moved to the archive and closed in the same change
  REQUIRE(ent);
  CHECK(ent->message.starts_with("IB-2 was closed and its verification changed from \"it works\" to \"not needed\""));
}

TEST_CASE("history findings honour the configured severity") {
  Config cfg = default_config();
  cfg.rule_severity["OPS502"] = Severity::Warning;
  cfg.rule_severity["OPS503"] = Severity::Off;
  Story s(cfg);
  s.commit("2026-11-24T18:00:00Z", {{kBacklog, backlog({entry(1), entry(2)})}})
      .commit("2026-11-25T18:00:00Z", {{kBacklog, backlog({entry(1)})}});
  const auto fs = s.check();
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].severity == Severity::Warning);
}

TEST_CASE("OPS500: not checked, incomplete, strict") {
  const Config cfg = default_config();
  auto f = history_incomplete(cfg, "--no-history was given", false, false);
  REQUIRE(f);
  CHECK(f->severity == Severity::Info);
  CHECK(f->message == "history rules OPS501-OPS505 were not checked: --no-history was given");
  f = history_incomplete(cfg, "shallow clone: history before 1234567 is missing", true, true);
  CHECK(f->severity == Severity::Error);
  CHECK(f->message ==
        "history rules OPS501-OPS505 saw incomplete history: shallow clone: history before 1234567 is missing");
  Config off = cfg;
  off.rule_severity["OPS500"] = Severity::Off;
  CHECK_FALSE(history_incomplete(off, "x", false, false));
}
