// `opslint lint`: build the snapshot, run the checks, apply a baseline, format, choose the exit code.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <set>
#include <thread>

#include "cli/invocation.h"
#include "cli/lint_run.h"
#include "engine/baseline.h"
#include "engine/check_memo.h"
#include "engine/gate.h"
#include "engine/lint.h"
#include "engine/snapshot_builder.h"
#include "git/change_scope.h"
#include "git/git_source.h"
#include "git/history.h"
#include "git/parse_cache.h"
#include "git/source.h"
#include "output/format.h"
#include "rules/history.h"
#include "rules/registry.h"
#include "util/build_id.h"
#include "util/cache_env.h"
#include "util/escape.h"
#include "util/hash.h"
#include "util/keep.h"
#include "util/trace.h"

namespace opslint {

namespace {

// PATH arguments, made repo-relative, narrow which findings are reported.
std::vector<std::string> repo_relative(const std::vector<std::string>& paths, const std::string& root) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const auto& p : paths) {
    std::error_code ec;
    const fs::path abs = fs::weakly_canonical(fs::absolute(p, ec), ec);
    const fs::path rel = abs.lexically_relative(fs::weakly_canonical(root, ec));
    const std::string r = rel.generic_string();
    if (r.empty() || r.starts_with("..")) throw Fatal{fmt::format("path '{}' is outside the repository {}", p, root)};
    out.push_back(r == "." ? "" : r);
  }
  return out;
}

bool under(const std::string& file, const std::vector<std::string>& prefixes) {
  if (prefixes.empty()) return true;
  for (const auto& p : prefixes)
    if (p.empty() || file == p || (file.starts_with(p) && file[p.size()] == '/')) return true;
  return false;
}

// The history read, started before the snapshot is built so that the two overlap; or, when there
// is none to read, why (OPS500 says so once the snapshot is built).
struct StartedHistory {
  std::string skipped;
  std::unique_ptr<HistoryLoad> load;
};

StartedHistory start_history(const Invocation& inv, const Workspace& ws, const GitSource* commit_source,
                             const std::optional<git_oid>& range_base, bool only_uncommitted, Instant now) {
  git_repository* repo = ws.location.repo.get();
  if (inv.no_history) return {"--no-history was given", nullptr};
  if (!repo) return {"not a git repository", nullptr};
  if (!commit_source && git_repository_head_unborn(repo) == 1) return {"unborn HEAD: no commits yet", nullptr};
  HistoryRequest req;
  req.repo = repo;
  if (commit_source) req.tip = *commit_source->commit_id();
  req.range_base = range_base;
  req.only_uncommitted = only_uncommitted;
  req.uncommitted = commit_source ? Uncommitted::None : inv.staged ? Uncommitted::Staged : Uncommitted::Worktree;
  req.now = now;
  req.use_cache = caches_enabled();
  return {"", std::make_unique<HistoryLoad>(req, ws.config)};
}

// The history rules over the linted revision's first-parent history (findings into opts.extra, so
// suppressions apply), or OPS500 saying why history was not (fully) checked.
void add_history(const Invocation& inv, const Workspace& ws, const Snapshot& snap, StartedHistory& started,
                 Instant now, LintOptions& opts) {
  auto incomplete = [&](const std::string& why, bool checked) {
    if (auto f = history_incomplete(ws.config, why, checked, inv.strict_history)) opts.extra.push_back(std::move(*f));
  };
  if (!started.load) return incomplete(started.skipped, false);
  const HistoryData& view = *keep_until_exit(started.load->finish(snap, opts.load));
  trace::mark("history read");
  LintContext ctx{snap, ws.config, now, local_day(now, ws.config.timezone), {}};
  check_history(ctx, view, opts.memo, opts.load);
  for (auto& f : ctx.findings) opts.extra.push_back(std::move(f));
  if (!view.complete()) incomplete(view.incomplete_reason(), true);
  opts.history_checked = view.complete();
}

// pre-commit runs the hook's `lint --staged` on pre-push too (and for `pre-commit run --from-ref X
// --to-ref Y`), handing the pushed commits over as PRE_COMMIT_FROM_REF/PRE_COMMIT_TO_REF: the index
// says nothing about them, so that range is linted instead, and the run says so on stderr.
Invocation with_pre_commit_range(const Invocation& given) {
  const char* from = std::getenv("PRE_COMMIT_FROM_REF");
  const char* to = std::getenv("PRE_COMMIT_TO_REF");
  if (!given.staged || !from || !*from || !to || !*to) return given;
  Invocation inv = given;
  inv.staged = false;
  inv.range = fmt::format("{}..{}", from, to);
  if (!inv.quiet)
    std::fprintf(stderr, "opslint: --staged under pre-commit with PRE_COMMIT_FROM_REF/TO_REF set: linting --range %s\n",
                 escape::printable(*inv.range).c_str());
  return inv;
}

}  // namespace

std::unique_ptr<GitSource> open_index_early(const Invocation& inv, const RepoLocation& location) {
  if (!inv.staged || !location.repo || location.bare) return nullptr;
  return GitSource::from_index(location.repo.get());
}

LintRun lint_repo(const Invocation& inv, const Workspace& ws, std::unique_ptr<GitSource> index) {
  const Instant now = resolve_now(inv, ws.config);
  const auto narrow = repo_relative(inv.paths, ws.location.root);
  git_repository* repo = ws.location.repo.get();
  // The source: the working tree, the index, a commit, or the HEAD side of a range.
  std::unique_ptr<Source> source;
  const GitSource* commit_source = nullptr;      // --rev, --range: the linted commit
  std::optional<git_oid> range_base;             // --range: the merge base
  bool only_uncommitted = false;                 // --staged: the history rules report the staged version
  std::optional<std::set<std::string>> changed;  // --range: the files the range changes
  // A gate (--staged, --range) judges the change: what it touches, and the side before it.
  std::unique_ptr<ChangeScope> scope;
  std::function<std::shared_ptr<const Source>()> base_source;
  const bool from_git = inv.staged || inv.rev || inv.range;
  if (from_git && !ws.location.repo)
    throw Fatal{fmt::format("{} needs a git repository; {} is not one",
                            inv.staged ? "--staged" : inv.rev ? "--rev" : "--range", ws.location.root)};
  if (inv.staged) {
    if (ws.location.bare) throw Fatal{"a bare repository has no index to lint; use --rev"};
    if (!index) index = GitSource::from_index(repo);
    if (!inv.all) {
      scope = std::make_unique<StagedScope>(repo, *index);
      // The history rules report only what the staged version does.
      only_uncommitted = true;
      if (git_oid head; git_reference_name_to_id(&head, repo, "HEAD") == 0)
        base_source = [repo] { return std::shared_ptr<const Source>(GitSource::from_revision(repo, "HEAD")); };
    }
    source = std::move(index);
  } else if (inv.rev) {
    auto rev = GitSource::from_revision(repo, *inv.rev);
    commit_source = rev.get();
    source = std::move(rev);
  } else if (inv.range) {
    auto sides = range_sources(repo, *inv.range);
    changed = sides.head->changed_since(*sides.base);
    if (!inv.all) {
      range_base = *sides.base->commit_id();
      scope = std::make_unique<PathSetScope>(*changed);
      base_source = [base = std::shared_ptr<const Source>(std::move(sides.base))] { return base; };
    }
    commit_source = sides.head.get();
    source = std::move(sides.head);
  } else {
    if (ws.location.bare) throw Fatal{"a bare repository has no working tree to lint; use --rev"};
    source = std::make_unique<WorktreeSource>(ws.location.root);
  }
  // A mistyped PATH would otherwise narrow the report to nothing and pass.
  for (const auto& p : narrow)
    if (!p.empty() && !source->exists(p))
      throw Fatal{fmt::format("path '{}' does not exist in the {}", p,
                              source->label().size() == 40 ? "commit " + source->label() : source->label())};
  StartedHistory history = start_history(inv, ws, commit_source, range_base, only_uncommitted, now);
  trace::mark("source opened");
  // Blobs of the index or a commit are parsed once: later runs take the results from the cache.
  std::unique_ptr<ParseCache> cache;
  if (from_git && caches_enabled())
    if (auto fp = parse_cache_fingerprint(ws.config)) cache = std::make_unique<ParseCache>(parse_cache_dir(ws.location.repo.get()), *fp);
  trace::mark("parse cache read");
  // With the caches, files the cache knows are read in part, the rest when a check that runs reads it.
  Snapshot& snap = keep_until_exit(build_snapshot(*source, ws.config, cache.get(), cache != nullptr));
  const size_t deferred = snap.deferred.size();
  trace::mark("snapshot built");
  if (cache) trace::note(fmt::format("parse cache: {} reused, {} parsed", cache->hits(), cache->added()));
  // Written beside the checks.
  std::jthread flush;
  if (cache) flush = std::jthread([&cache] { cache->flush(); });

  LintOptions opts;
  opts.now = now;
  // Checks whose inputs did not change since an earlier run of the same kind reuse its findings.
  // Only over git sources: their files' digests come with the parse cache, while the working tree
  // would have to digest every record on every run, which costs about what the checks do.
  std::unique_ptr<CheckMemo> memo;
  if (cache)
    memo = std::make_unique<CheckMemo>(
        check_memo_file(ws.location.repo.get(), inv.staged ? "index" : "commit"),
        fnv1a(fmt::format("{}\n{}", build_id(), ws.config.digest)));
  opts.memo = memo.get();
  opts.load = [&](const std::set<std::string>* only) { load_deferred(snap, *source, ws.config, only); };
  std::vector<HiddenFinding> suppressed;
  opts.suppressed = &suppressed;
  add_history(inv, ws, snap, history, now, opts);
  trace::mark("history checked");
  auto findings = lint(snap, ws.config, std::move(opts));
  trace::mark("static checks run");
  if (memo) {
    trace::note(fmt::format("check memo: {} reused, {} run", memo->hits(), memo->runs()));
    trace::note(fmt::format("records: {} of {} deferred files loaded", deferred - snap.deferred.size(), deferred));
    memo->flush();
  }
  auto unreported = [&](const Finding& f) { return f.rule != "OPS500" && !under(f.file, narrow); };
  std::erase_if(findings, unreported);
  std::erase_if(suppressed, [&](const HiddenFinding& h) { return unreported(h.finding); });

  LintRun out{{}, RunInfo{snap.source, snap.file_count, false}};
  if (scope) {
    GateInput in{*scope, {}, scope->touches(".opslint.yaml")};
    // The base's static findings, for cross-file findings in files the change left alone.
    in.base_fingerprints = [&] {
      std::set<std::string> prints;
      const std::shared_ptr<const Source> base = base_source ? base_source() : nullptr;
      if (!base) return prints;
      const Snapshot before = build_snapshot(*base, ws.config, nullptr, false);
      LintOptions base_opts;
      base_opts.now = now;
      for (const Finding& f : lint(before, ws.config, std::move(base_opts))) prints.insert(fingerprint(f));
      return prints;
    };
    Gate gate(std::move(in));
    out.run.outside_change = gate.keep_what_counts(findings);
    std::erase_if(suppressed, [&](const HiddenFinding& h) { return !gate.counts(h.finding); });
    out.run.outside_command = inv.staged ? "opslint lint --staged --all" : "opslint lint --range " + *inv.range + " --all";
  }
  out.findings = std::move(findings);
  out.run.hidden = std::move(suppressed);
  // The files linted, narrowed like the findings (JUnit lists them as testcases).
  auto linted = [&](const std::string& path) {
    if (under(path, narrow) && (!changed || changed->count(path))) out.run.paths.push_back(path);
  };
  for (const auto& [path, doc] : snap.documents) linted(path);
  for (const auto& u : snap.unreadable) linted(u.path);
  std::sort(out.run.paths.begin(), out.run.paths.end());
  return out;
}

int run_lint(const Invocation& given) {
  const Invocation inv = with_pre_commit_range(given);
  const auto fail_level = inv.fail_level == "never" ? std::nullopt : severity_from_name(inv.fail_level);
  if (inv.sarif_category && inv.format != "sarif") throw Fatal{"--sarif-category needs --format sarif"};
  trace::mark("start");
  // Kept until exit: freeing the repository's caches (pack windows, delta bases, the object
  // cache) one by one costs ~2 ms of the run's end, and the OS takes the pages back anyway.
  // The index (--staged) is read while the start-up thread reads the configuration.
  std::unique_ptr<GitSource> index;
  const Workspace& ws = keep_until_exit(
      open_workspace(inv, [&](const RepoLocation& location) { index = open_index_early(inv, location); }));
  trace::mark("workspace opened");
  // Read the baseline first: a bad one is a usage error, whatever the repository holds.
  const std::optional<Baseline> baseline = lint_baseline(inv, ws);
  auto [findings, run] = lint_repo(inv, ws, std::move(index));
  if (baseline) run.baselined = apply_baseline(findings, *baseline, &run.hidden);
  run.category = inv.sarif_category;
  run.color = !inv.no_color && !inv.output && inv.format == "text" && isatty(1);

  std::string out;
  if (inv.format == "json")
    out = format_json(findings, run);
  else if (inv.format == "sarif")
    out = format_sarif(findings, run);
  else if (inv.format == "github")
    out = format_github(findings, run);
  else if (inv.format == "junit")
    out = format_junit(findings, run);
  else
    out = format_text(findings, run);
  if (!(inv.quiet && inv.format == "text" && !inv.output)) emit(inv, out);
  trace::mark("output written");

  if (!fail_level) return 0;
  for (const auto& f : findings)
    if (f.severity >= *fail_level) return 1;
  return 0;
}

}  // namespace opslint
