// OPS311 repeated-action: the same action keeps coming back, a sign the issue is not fixed.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>

#include "rules/checks.h"
#include "util/text.h"

namespace opslint {

namespace {

constexpr double kSimilarity = 0.8;
constexpr auto kWindow = date::days{84};  // 12 weeks
constexpr size_t kPeriods = 3;

struct Item {
  const Action* action;
  Day start;  // first day of its period
  std::vector<int> words;  // interned word ids, sorted, unique
};

double jaccard(const std::vector<int>& a, const std::vector<int>& b) {
  // |A∩B|/|A∪B| can reach the threshold only when the smaller set is close in size to the larger.
  const size_t lo = std::min(a.size(), b.size());  // not std::minmax: it returns references to temporaries
  const size_t hi = std::max(a.size(), b.size());
  if (static_cast<double>(lo) < kSimilarity * static_cast<double>(hi)) return 0.0;
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++common;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  const size_t uni = a.size() + b.size() - common;
  return uni == 0 ? 0.0 : static_cast<double>(common) / static_cast<double>(uni);
}

}  // namespace

std::vector<RepeatedAction> repeated_actions(const Snapshot& snap) {
  std::vector<Item> items;
  std::map<std::string, int> ids;
  for (const auto& f : snap.folders) {
    if (!f.period) continue;
    for (const auto& a : f.action_items) {
      std::vector<int> w;
      for (auto& word : text::letter_words(a.text)) w.push_back(ids.emplace(std::move(word), ids.size()).first->second);
      std::sort(w.begin(), w.end());
      w.erase(std::unique(w.begin(), w.end()), w.end());
      if (!w.empty()) items.push_back({&a, f.period->first_day(), std::move(w)});
    }
  }
  // Stable: within a period, actions keep their order, so "the newest" similar one is well defined.
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.start < b.start; });
  // Candidate pairs by prefix filtering (the exact filter of set-similarity joins): with words
  // ordered rarest first, two sets with Jaccard >= t share a word among the first
  // |x| - ceil(t|x|) + 1 of each. Only pairs sharing such a word are compared.
  std::vector<size_t> freq(ids.size(), 0);
  for (const Item& x : items)
    for (int w : x.words) ++freq[static_cast<size_t>(w)];
  auto prefix = [&](const Item& x) {
    std::vector<int> p = x.words;
    std::sort(p.begin(), p.end(), [&](int a, int b) {
      return std::pair{freq[static_cast<size_t>(a)], a} < std::pair{freq[static_cast<size_t>(b)], b};
    });
    const double overlap = std::ceil(kSimilarity * static_cast<double>(p.size()) - 1e-9);
    p.resize(std::clamp<size_t>(p.size() - static_cast<size_t>(overlap) + 1, 1, p.size()));
    return p;
  };
  // Each pair within the window is compared once: earlier[i] lists the similar older actions of i
  // (newest first), and an action with a similar newer one is not reported (only the newest
  // occurrence is).
  std::vector<std::vector<size_t>> earlier(items.size());
  std::vector<bool> has_later(items.size(), false);
  std::vector<std::vector<size_t>> holders(ids.size());  // word -> items with it in their prefix
  std::vector<size_t> head(ids.size(), 0);                // holders before head are out of the window
  std::vector<size_t> seen(items.size(), SIZE_MAX);
  for (size_t i = 0; i < items.size(); ++i) {
    const std::vector<int> pre = prefix(items[i]);
    for (int w : pre) {
      auto& list = holders[static_cast<size_t>(w)];
      size_t& h = head[static_cast<size_t>(w)];
      while (h < list.size() && items[i].start - items[list[h]].start > kWindow) ++h;
      for (size_t k = h; k < list.size(); ++k) {
        const size_t j = list[k];
        if (seen[j] == i || !(items[j].start < items[i].start)) continue;
        seen[j] = i;
        if (jaccard(items[i].words, items[j].words) >= kSimilarity) {
          earlier[i].push_back(j);
          has_later[j] = true;
        }
      }
    }
    std::sort(earlier[i].rbegin(), earlier[i].rend());
    for (int w : pre) holders[static_cast<size_t>(w)].push_back(i);
  }
  std::vector<RepeatedAction> out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (has_later[i] || earlier[i].size() + 1 < kPeriods) continue;
    const Item& x = items[i];
    std::set<std::string> periods{x.action->period};
    std::vector<std::string> refs;
    for (size_t j : earlier[i])
      if (periods.insert(items[j].action->period).second) refs.push_back(items[j].action->ref());
    if (periods.size() < kPeriods) continue;
    std::reverse(refs.begin(), refs.end());
    out.push_back({x.action, std::move(refs)});
  }
  return out;
}

void check_repeated_actions(LintContext& ctx) {
  for (const RepeatedAction& r : repeated_actions(ctx.snap))
    ctx.report("OPS311", r.action->file, r.action->pos,
               fmt::format("action {} repeats an action from {} periods in 12 weeks ({}): the underlying issue may not "
                           "be fixed",
                           r.action->id, r.earlier.size() + 1, text::join(r.earlier, ", ")),
               r.action->period, r.action->ref());
}

}  // namespace opslint
