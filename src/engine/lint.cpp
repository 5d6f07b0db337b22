// Runs the checks over a snapshot, then applies suppressions and ignore globs.
#include "engine/lint.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <atomic>
#include <iterator>
#include <numeric>
#include <string_view>
#include <thread>

#include "engine/check_memo.h"
#include "rules/checks.h"
#include "rules/inputs.h"
#include "rules/registry.h"
#include "util/glob.h"

namespace opslint {

namespace {

bool covers(const Suppression& s, const Finding& f) {
  if (f.pos.line < s.first_line || f.pos.line > s.last_line) return false;
  if (s.rules.empty()) return true;
  return std::find(s.rules.begin(), s.rules.end(), f.rule) != s.rules.end();
}

// Moves suppressed findings to `hidden` (or drops them); reports suppressions that name unknown
// rules or suppressed nothing. A finding several suppressions cover takes the first reason given.
void apply_suppressions(LintContext& ctx, bool history_checked, std::vector<HiddenFinding>* hidden) {
  std::vector<Finding> kept;
  std::map<const Suppression*, bool> used;
  for (Finding& f : ctx.findings) {
    auto it = ctx.snap.documents.find(f.file);
    const Suppression* by = nullptr;
    if (it != ctx.snap.documents.end())
      for (const auto& s : it->second.suppressions)
        if (covers(s, f)) {
          used[&s] = true;
          if (!by || (by->reason.empty() && !s.reason.empty())) by = &s;
        }
    if (!by)
      kept.push_back(std::move(f));
    else if (hidden)
      hidden->push_back({std::move(f), HiddenFinding::By::Source, by->reason});
  }
  ctx.findings = std::move(kept);
  for (const auto& [path, doc] : ctx.snap.documents) {
    for (const auto& s : doc.suppressions) {
      bool names_history = false, names_unknown = false;
      for (const auto& id : s.rules) {
        const RuleInfo* r = find_rule(id);
        names_unknown = names_unknown || !r;
        if (!r)
          ctx.report("OPS003", path, s.pos, fmt::format("suppression names unknown rule {}", id), {}, "suppress/" + id);
        else
          names_history = names_history || r->history;
      }
      // An unused suppression is only news when OPS003 has not already flagged it.
      if (!used[&s] && !names_unknown && !(names_history && !history_checked))
        ctx.report("OPS004", path, s.pos,
                   s.rules.empty() ? std::string("suppression suppressed nothing")
                                   : fmt::format("suppression of {} suppressed nothing", fmt::join(s.rules, " ")),
                   {}, fmt::format("suppress/{}/{}", s.first_line, fmt::join(s.rules, ",")));
    }
  }
}

// A unit of a check: what the memo remembers it by, the digest of its inputs, what it reads of the
// deferred records (nullopt: anything; else folders and files), and how it runs.
struct Unit {
  std::string name;
  std::optional<uint64_t> inputs;
  std::optional<std::vector<std::string>> reads;
  std::function<void(LintContext&)> run;
};

// A check's units: the minutes check per folder and the links check per document, when memoised;
// else the whole check. Checks that are not memoised read no deferred records: the risk register
// and skip records are never deferred, and front matter, suppressions and whether minutes have an
// Actions section are always known.
std::vector<Unit> units_of(const CheckEntry& check, const LintContext& ctx, bool memo, uint64_t shared) {
  const std::string family = check.family;
  std::vector<Unit> out;
  if (memo && family == "minutes") {
    out.reserve(ctx.snap.folders.size());
    for (const PeriodFolder& f : ctx.snap.folders)
      out.push_back({fmt::format("minutes/{}/{}", kind_name(f.kind), f.path), minutes_folder_inputs(f, shared),
                     std::vector{f.path}, [&f](LintContext& c) { check_minutes_folder(c, f); }});
  } else if (memo && family == "links") {
    out.reserve(ctx.snap.documents.size());
    // Not a structured binding: C++20 lets a lambda capture one, but clang 14 does not.
    for (const auto& entry : ctx.snap.documents) {
      const auto& [path, doc] = entry;
      const Document* d = &doc;
      out.push_back({"links/" + path, links_document_inputs(ctx, doc, shared), std::vector{path},
                     [d](LintContext& c) { check_links_in(c, *d); }});
    }
  } else {
    std::optional<std::vector<std::string>> reads;
    if (family == "files" || family == "risks" || family == "periods" || family == "forms") reads.emplace();
    out.push_back({family, memo ? family_inputs(ctx, family) : std::nullopt, std::move(reads), check.run});
  }
  return out;
}

// Loads the deferred records that the units the memo cannot answer read, before any check runs.
void load_needed(const std::vector<std::vector<Unit>>& units, const LintOptions& opts, const Snapshot& snap) {
  if (!opts.load || snap.deferred.empty()) return;
  std::set<std::string> need;
  for (const auto& check : units)
    for (const Unit& u : check) {
      if (memo_answers(opts.memo, u.name, u.inputs)) continue;
      if (!u.reads) return opts.load(nullptr);
      need.insert(u.reads->begin(), u.reads->end());
    }
  if (!need.empty()) opts.load(&need);
}

// Calls fn(i) for each i of `order` once, on as many threads as there are cores, taking the next
// i in order as each finishes.
template <class Fn>
void in_parallel(const std::vector<size_t>& order, Fn fn) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < order.size();) fn(order[i]);
  };
  std::vector<std::jthread> pool;
  const size_t workers = std::min<size_t>(std::max(1u, std::thread::hardware_concurrency()), order.size());
  for (size_t w = 1; w < workers; ++w) pool.emplace_back(work);
  work();
}

}  // namespace

std::vector<Finding> lint(const Snapshot& snap, const Config& cfg, LintOptions opts) {
  LintContext ctx{snap, cfg, opts.now, local_day(opts.now, cfg.timezone), {}};
  // The checks only read the snapshot: they run side by side, each into its own context, and
  // their findings are joined in table order, so the result is the same as running them in turn.
  const auto& checks = static_checks();
  std::vector<LintContext> parts(checks.size(), ctx);
  // The slowest checks on a large repo (bench/) start first, so the last to finish does not start
  // late; the rest follow in table order.
  static constexpr std::string_view kSlowest[] = {"repeated", "backlog", "minutes"};
  auto rank = [&](size_t i) {
    return std::find(std::begin(kSlowest), std::end(kSlowest), checks[i].family) - std::begin(kSlowest);
  };
  std::vector<size_t> order(checks.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return rank(a) < rank(b); });
  // Each check's units and their digests, then what the units to run read, then the runs.
  const uint64_t shared = opts.memo ? document_shared_inputs(ctx) : 0;
  std::vector<std::vector<Unit>> units(checks.size());
  in_parallel(order, [&](size_t i) { units[i] = units_of(checks[i], ctx, opts.memo != nullptr, shared); });
  load_needed(units, opts, snap);
  in_parallel(order, [&](size_t i) {
    for (const Unit& u : units[i]) run_memoised(opts.memo, parts[i], u.name, u.inputs, u.run);
  });
  for (auto& part : parts)
    ctx.findings.insert(ctx.findings.end(), std::make_move_iterator(part.findings.begin()),
                        std::make_move_iterator(part.findings.end()));
  for (auto& f : opts.extra) ctx.findings.push_back(std::move(f));
  apply_suppressions(ctx, opts.history_checked, opts.suppressed);
  std::vector<Glob> ignores;
  for (const auto& g : cfg.ignore) ignores.emplace_back(g);
  auto ignored = [&](const Finding& f) {
    return std::any_of(ignores.begin(), ignores.end(), [&](const Glob& g) { return g.matches(f.file); });
  };
  std::erase_if(ctx.findings, ignored);
  std::sort(ctx.findings.begin(), ctx.findings.end(), finding_less);
  if (auto* hidden = opts.suppressed) {
    std::erase_if(*hidden, [&](const HiddenFinding& h) { return ignored(h.finding); });
    std::sort(hidden->begin(), hidden->end(),
              [](const HiddenFinding& a, const HiddenFinding& b) { return finding_less(a.finding, b.finding); });
  }
  return std::move(ctx.findings);
}

}  // namespace opslint
