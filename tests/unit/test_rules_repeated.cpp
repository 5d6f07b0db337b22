// OPS311's candidate filter: prefix filtering must find exactly the pairs a full pairwise scan finds.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <set>

#include "rules/checks.h"
#include "util/text.h"

namespace opslint {
namespace {

// The definition, written the slow way: every pair of actions in earlier periods within 12 weeks,
// Jaccard similarity of their word sets >= 0.8, three periods or more, newest occurrence only.
std::vector<std::pair<std::string, std::vector<std::string>>> by_full_scan(const Snapshot& snap) {
  struct Item {
    const Action* a;
    Day start;
    std::set<std::string> words;
  };
  std::vector<Item> items;
  for (const auto& f : snap.folders)
    for (const auto& a : f.action_items) {
      auto w = text::letter_words(a.text);
      if (!w.empty()) items.push_back({&a, f.period->first_day(), {w.begin(), w.end()}});
    }
  auto similar = [](const Item& x, const Item& y) {
    size_t common = 0;
    for (const auto& w : x.words) common += y.words.count(w);
    const size_t uni = x.words.size() + y.words.size() - common;
    return static_cast<double>(common) / static_cast<double>(uni) >= 0.8;
  };
  auto within = [](const Item& newer, const Item& older) {
    return older.start < newer.start && newer.start - older.start <= date::days{84};
  };
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  for (const Item& x : items) {
    bool has_later = false;
    for (const Item& y : items) has_later = has_later || (within(y, x) && similar(x, y));
    if (has_later) continue;
    std::vector<const Item*> older;
    for (const Item& y : items)
      if (within(x, y) && similar(x, y)) older.push_back(&y);
    // One per period: the newest similar action of each (the last in file order), listed oldest first.
    std::stable_sort(older.begin(), older.end(), [](const Item* a, const Item* b) { return a->start > b->start; });
    std::set<std::string> periods{x.a->period};
    std::vector<std::string> refs;
    for (auto it = older.begin(); it != older.end();) {
      auto end = std::find_if(it, older.end(), [&](const Item* y) { return y->start != (*it)->start; });
      const Item* newest = *(end - 1);  // items of one period, in file order
      if (periods.insert(newest->a->period).second) refs.push_back(newest->a->ref());
      it = end;
    }
    std::reverse(refs.begin(), refs.end());
    if (periods.size() >= 3) out.emplace_back(x.a->ref(), refs);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST_CASE("repeated actions: the prefix filter finds what a full pairwise scan finds") {
  // Two years of weekly folders with 1-6 actions each, worded from a small vocabulary so that
  // near-repeats (one word changed, added or dropped) are common.
  const std::vector<std::string> vocab = {"restart", "checkout", "alert", "disk", "backup", "latency", "queue",
                                          "cert",    "rotate",   "dns",   "cache", "deploy", "rollback", "pager",
                                          "quota",   "index",    "shard", "retry", "timeout", "runbook"};
  uint32_t seed = 12345;
  auto next = [&](uint32_t n) {
    seed = seed * 1664525u + 1013904223u;
    return (seed >> 8) % n;
  };
  Snapshot snap;
  std::vector<std::vector<std::string>> recent;  // texts to repeat with small changes
  for (int year : {2025, 2026})
    for (int week = 1; week <= 52; ++week) {
      PeriodFolder f;
      f.kind = Kind::Weekly;
      f.name = fmt::format("{}-{:02}", year, week);
      f.period = Period::parse(Kind::Weekly, f.name);
      REQUIRE(f.period);
      const uint32_t n = 1 + next(6);
      for (uint32_t k = 0; k < n; ++k) {
        std::vector<std::string> words;
        if (!recent.empty() && next(3) != 0) {
          words = recent[next(static_cast<uint32_t>(recent.size()))];
          const uint32_t edit = next(4);
          if (edit == 1) words[next(static_cast<uint32_t>(words.size()))] = vocab[next(20)];
          if (edit == 2) words.push_back(vocab[next(20)]);
          if (edit == 3 && words.size() > 2) words.pop_back();
        } else {
          for (uint32_t m = 2 + next(6); m > 0; --m) words.push_back(vocab[next(20)]);
        }
        recent.push_back(words);
        if (recent.size() > 30) recent.erase(recent.begin());
        Action a;
        a.period = f.name;
        a.id = "A" + std::to_string(k + 1);
        a.text = text::join(words, " ");
        f.action_items.push_back(a);
      }
      snap.folders.push_back(std::move(f));
    }
  std::vector<std::pair<std::string, std::vector<std::string>>> got;
  for (const RepeatedAction& r : repeated_actions(snap)) got.emplace_back(r.action->ref(), r.earlier);
  std::sort(got.begin(), got.end());
  const auto want = by_full_scan(snap);
  CHECK(want.size() > 20);  // the input does exercise the rule
  CHECK(got == want);
}

}  // namespace
}  // namespace opslint
