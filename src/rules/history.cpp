// OPS500–OPS505: publication latency, silent deletions and moved goalposts, judged from the
// first-parent history of the linted branch (model/history.h), never from git itself.
#include "rules/history.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <set>
#include <thread>

#include "engine/check_memo.h"
#include "engine/parse_codec.h"
#include "markdown/history_facts.h"
#include "rules/inputs.h"
#include "rules/checks.h"
#include "util/binary_io.h"
#include "util/text.h"

namespace opslint {

namespace {

constexpr std::array<std::string_view, 2> kFiles = {"actions.md", "minutes.md"};

std::string quote(std::string_view s) {
  std::string t = text::fold_space(s);
  if (t.size() > 80) {
    size_t cut = 77;
    while (cut > 0 && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
    t = t.substr(0, cut) + "...";
  }
  return "\"" + t + "\"";
}

// "in 4f2a9c1 by Noor Example on 2026-11-20 10:22 CET", or "in the staged change (not committed yet)".
std::string where(const HistoryData& v, size_t commit, const Config& cfg) {
  const HistoryCommit c = v.commit(commit);
  if (c.uncommitted) return fmt::format("in {} (not committed yet)", c.short_id);
  return fmt::format("in {} by {} on {}", c.short_id, c.author.empty() ? "(unknown)" : c.author,
                     format_local(c.time, cfg.timezone));
}

// "65 hours 45 minutes" (whole minutes, rounded up: one second late is late), "4 days" from 72 hours.
std::string span(std::chrono::seconds d) {
  const long long minutes = (d.count() + 59) / 60;
  const long long h = minutes / 60, m = minutes % 60;
  if (h >= 72) return fmt::format("{} days", h / 24);
  std::string out = fmt::format("{} hour{}", h, h == 1 ? "" : "s");
  if (m) out += fmt::format(" {} minute{}", m, m == 1 ? "" : "s");
  return out;
}

const FrontMatterValue* fm(const Document& d, const char* key) {
  auto it = d.front_matter.fields.find(key);
  return it == d.front_matter.fields.end() || it->second.type != FrontMatterValue::Type::Scalar ? nullptr : &it->second;
}

// OPS501 and OPS505 for one minutes file.
void check_publication(LintContext& ctx, const HistoryData& v, const PeriodFolder& f) {
  const std::string path = f.path + "/minutes.md";
  const std::vector<FileVersion>* found = f.minutes ? v.versions(path) : nullptr;
  if (!found) return;
  const auto& versions = *found;
  size_t first = 0;
  while (first < versions.size() && !versions[first].present) ++first;
  if (first == versions.size()) return;
  const size_t pub = versions[first].commit;
  const HistoryCommit pc = v.commit(pub);
  const Config& cfg = ctx.cfg;

  // OPS501: a boundary commit of a shallow clone only bounds the publication from above.
  if (!pc.boundary && pub >= v.first_reported())
    if (const auto end = meeting_end(f, *f.minutes, cfg)) {
      const auto limit = *end + std::chrono::hours(cfg.publish_within_hours);
      if (pc.time <= limit && v.range() && !pc.uncommitted && !v.on_base(path)) {
        // Committed on time in a --range, but published only when merged: judged against now.
        if (auto d = deadline_finding(ctx.now, limit, cfg)) {
          const size_t before = ctx.findings.size();
          ctx.report("OPS501", path, {1, 1}, fmt::format("{} (first committed {})", d->message, where(v, pub, cfg)),
                     f.name, "published");
          if (d->warning && ctx.findings.size() > before && ctx.findings.back().severity > Severity::Warning)
            ctx.findings.back().severity = Severity::Warning;
        }
      } else if (pc.time > limit) {
        const std::string late = span(pc.time - *end);
        ctx.report(
            "OPS501", path, {1, 1},
            pc.uncommitted
                ? fmt::format("minutes are not committed yet, {} after the meeting ended ({}); the limit is {} "
                              "hours",
                              late, format_local(*end, cfg.timezone), cfg.publish_within_hours)
                : fmt::format("minutes published {} after the meeting ended ({}), over the {}-hour limit: "
                              "first committed {}",
                              late, format_local(*end, cfg.timezone), cfg.publish_within_hours, where(v, pub, cfg)),
            f.name, "published");
      }
    }

  // OPS505: later versions that changed the record (the text outside the Actions sections).
  const auto window = pc.time + std::chrono::days(cfg.amend_window_days);
  uint64_t record = versions[first].record_hash;
  bool known = versions[first].readable;
  std::optional<size_t> late;
  size_t more = 0;
  for (size_t i = first + 1; i < versions.size(); ++i) {
    const FileVersion& fv = versions[i];
    if (!fv.present) continue;
    if (!fv.readable) {
      known = false;
      continue;
    }
    const bool edited = !known || fv.record_hash != record;
    record = fv.record_hash;
    known = true;
    if (!edited || v.time(fv.commit) <= window || fv.commit < v.first_reported()) continue;
    if (late)
      ++more;
    else
      late = fv.commit;
  }
  if (!late) return;
  const HistoryCommit ec = v.commit(*late);
  const long long days = std::chrono::duration_cast<std::chrono::hours>(ec.time - pc.time).count() / 24;
  std::string msg = fmt::format("minutes changed {}{} days after publication, over the {}-day amend window: {}",
                                pc.boundary ? "at least " : "", days, cfg.amend_window_days, where(v, *late, cfg));
  if (more) msg += fmt::format(" (and {} later edit{})", more, more == 1 ? "" : "s");
  ctx.report("OPS505", path, {1, 1}, msg, f.name, "edited-late");
}

// "The same text" without allocating: white space folded, ASCII lower-cased, hashed (FNV-1a).
uint64_t text_key(std::string_view s) {
  uint64_t h = 14695981039346656037ull;
  bool space = false, any = false;
  for (const char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = any;
      continue;
    }
    if (space) h = (h ^ static_cast<unsigned char>(' ')) * 1099511628211ull;
    space = false;
    any = true;
    const unsigned char l = static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    h = (h ^ l) * 1099511628211ull;
  }
  return h;
}

// An action in a folder's state: the file (index into kFiles) that declares it, and its keys.
struct Tagged {
  const ActionFact* a = nullptr;
  size_t file = 0;
  uint64_t text = 0, verification = 0;
};

// Pairs actions of two versions of a folder: explicit IDs by ID, then equal text, then the
// remaining positional IDs within the same file (IDs shift when an earlier action goes).
std::vector<int> match(const std::vector<Tagged>& before, const std::vector<Tagged>& after) {
  std::vector<int> m(before.size(), -1);
  std::vector<bool> used(after.size(), false);
  auto pass = [&](auto same) {
    for (size_t i = 0; i < before.size(); ++i) {
      if (m[i] >= 0) continue;
      // Most actions keep their place: try the same position first.
      for (size_t k = 0; k < after.size(); ++k) {
        const size_t j = (i + k) % after.size();
        if (!used[j] && same(before[i], after[j])) {
          m[i] = static_cast<int>(j);
          used[j] = true;
          break;
        }
      }
    }
  };
  pass([](const Tagged& x, const Tagged& y) { return x.a->id_explicit && y.a->id_explicit && x.a->id == y.a->id; });
  pass([](const Tagged& x, const Tagged& y) { return x.text == y.text; });
  pass([](const Tagged& x, const Tagged& y) { return x.file == y.file && x.a->id == y.a->id; });
  return m;
}

bool same_action(const Tagged& x, const Tagged& y) {
  return (x.a->id_explicit && y.a->id_explicit && x.a->id == y.a->id) || x.text == y.text;
}

struct Transition {
  size_t commit;
  std::vector<Tagged> before, after;
  std::vector<int> m;
};

// The folder's versions as transitions between states, both files merged by commit.
std::vector<Transition> transitions(const HistoryData& v, const std::string& folder) {
  std::array<const std::vector<FileVersion>*, 2> files{};
  static const std::vector<FileVersion> none;
  for (size_t k = 0; k < kFiles.size(); ++k) {
    const std::vector<FileVersion>* found = v.versions(folder + "/" + std::string(kFiles[k]));
    files[k] = found ? found : &none;
  }
  std::array<std::vector<Tagged>, 2> state;
  std::vector<Tagged> prev;
  std::array<size_t, 2> next{0, 0};
  std::vector<Tagged> cur;
  std::vector<Transition> out;
  out.reserve(files[0]->size() + files[1]->size());
  while (next[0] < files[0]->size() || next[1] < files[1]->size()) {
    const size_t c = std::min(next[0] < files[0]->size() ? (*files[0])[next[0]].commit : SIZE_MAX,
                              next[1] < files[1]->size() ? (*files[1])[next[1]].commit : SIZE_MAX);
    for (size_t k = 0; k < kFiles.size(); ++k) {
      for (; next[k] < files[k]->size() && (*files[k])[next[k]].commit == c; ++next[k]) {
        const FileVersion& fv = (*files[k])[next[k]];
        if (!fv.present) {
          state[k].clear();
        } else if (fv.readable) {  // an unreadable version keeps what was known
          // Most actions keep their place and text from one version to the next: their keys are
          // the previous version's, found by comparing the strings rather than hashing them again.
          std::swap(prev, state[k]);
          state[k].clear();
          for (size_t i = 0; i < fv.actions.size(); ++i) {
            const ActionFact& a = fv.actions[i];
            const Tagged* p = i < prev.size() ? &prev[i] : nullptr;
            state[k].push_back({&a, k, p && p->a->text == a.text ? p->text : text_key(a.text),
                                p && p->a->verification == a.verification ? p->verification
                                                                          : text_key(a.verification)});
          }
        }
      }
    }
    std::vector<Tagged> after;
    after.reserve(state[0].size() + state[1].size());
    after.insert(after.end(), state[0].begin(), state[0].end());
    after.insert(after.end(), state[1].begin(), state[1].end());
    Transition t{c, std::move(cur), after, {}};
    t.m = match(t.before, t.after);
    cur = std::move(after);
    out.push_back(std::move(t));
  }
  return out;
}

// Where a finding about an action belongs now: its line when it still exists, else its file.
std::pair<std::string, Pos> locate(const PeriodFolder* f, const std::string& folder, const Tagged& t) {
  const std::string file = folder + "/" + std::string(kFiles[t.file]);
  if (f)
    for (const Action& a : f->action_items)
      if (a.file == file && (text_key(a.text) == t.text || (a.id_explicit && t.a->id_explicit && a.id == t.a->id)))
        return {file, a.pos};
  return {file, {0, 0}};
}

// The folders' transitions, computed once each when first asked for, and the texts each commit
// added across folders (an action moved to another folder in the same commit is not removed),
// computed for a commit only when a removal asks about it.
class FolderHistory {
 public:
  explicit FolderHistory(const HistoryData& v) : v_(v) {
    for (auto& path : v.paths()) {
      path.resize(path.rfind('/'));
      folders_.push_back(std::move(path));
    }
    std::sort(folders_.begin(), folders_.end());
    folders_.erase(std::unique(folders_.begin(), folders_.end()), folders_.end());
  }
  // The folders with versions, sorted.
  const std::vector<std::string>& folders() const { return folders_; }
  bool has(const std::string& folder) const { return std::binary_search(folders_.begin(), folders_.end(), folder); }
  const std::vector<Transition>& of(const std::string& folder) {
    auto it = transitions_.find(folder);
    if (it == transitions_.end()) it = transitions_.emplace(folder, transitions(v_, folder)).first;
    return it->second;
  }
  const std::set<uint64_t>& added(size_t commit) {
    auto it = added_.find(commit);
    if (it != added_.end()) return it->second;
    std::set<std::string> changed;
    for (const auto& path : v_.changed_in(commit)) changed.insert(path.substr(0, path.rfind('/')));
    std::set<uint64_t>& out = added_[commit];
    for (const auto& folder : changed)
      for (const Transition& t : of(folder)) {
        if (t.commit != commit) continue;
        std::vector<bool> hit(t.after.size(), false);
        for (int j : t.m)
          if (j >= 0) hit[static_cast<size_t>(j)] = true;
        for (size_t j = 0; j < t.after.size(); ++j)
          if (!hit[j]) out.insert(t.after[j].text);
      }
    return out;
  }

 private:
  const HistoryData& v_;
  std::vector<std::string> folders_;
  std::map<std::string, std::vector<Transition>> transitions_;
  std::map<size_t, std::set<uint64_t>> added_;
};

// OPS503 and OPS504 for the actions of one folder (`f`: the snapshot's folder at that path, if any).
void check_actions_history(LintContext& ctx, const HistoryData& v, FolderHistory& h, const std::string& folder,
                           const PeriodFolder* f) {
  const std::string period = folder.substr(folder.rfind('/') + 1);
  std::vector<std::pair<Tagged, size_t>> gone;  // removed and not restored: action, commit
  for (const auto& t : h.of(folder)) {
    std::vector<bool> hit(t.after.size(), false);
    for (size_t i = 0; i < t.before.size(); ++i) {
      if (t.m[i] < 0) continue;
      const Tagged& b = t.before[i];
      const Tagged& a = t.after[static_cast<size_t>(t.m[i])];
      hit[static_cast<size_t>(t.m[i])] = true;
      // OPS504: closed in this version, verification different from the one agreed.
      if (!b.a->closed && a.a->closed && b.verification != a.verification && t.commit >= v.first_reported()) {
        auto [file, pos] = locate(f, folder, a);
        ctx.report("OPS504", file, pos,
                   fmt::format("action {} was closed and its verification changed from {} to {} {}", a.a->id,
                               quote(b.a->verification), quote(a.a->verification), where(v, t.commit, ctx.cfg)),
                   period, "closed/" + period + "/" + fold_text(a.a->text));
      }
    }
    for (size_t j = 0; j < t.after.size(); ++j)
      if (!hit[j]) std::erase_if(gone, [&](const auto& g) { return same_action(g.first, t.after[j]); });
    for (size_t i = 0; i < t.before.size(); ++i)
      if (t.m[i] < 0 && !h.added(t.commit).count(t.before[i].text)) gone.emplace_back(t.before[i], t.commit);
  }
  for (const auto& [g, commit] : gone) {
    if (commit < v.first_reported()) continue;
    auto [file, pos] = locate(f, folder, g);
    ctx.report("OPS503", file, pos,
               fmt::format("action {} {} was removed {}; put it back and mark it dropped", g.a->id, quote(g.a->text),
                           where(v, commit, ctx.cfg)),
               period, "removed/" + period + "/" + fold_text(g.a->text));
  }
}

// OPS001 for the backlog's or archive's versions over limits.max_file_bytes, which history did not
// read: once per file, naming the newest such commit in the reported range.
void report_oversize(LintContext& ctx, const HistoryData& v, const std::vector<ListVersion>& list,
                     const std::string& path) {
  size_t n = 0;
  const ListVersion* newest = nullptr;
  for (const ListVersion& lv : list)
    if (!lv.readable && lv.commit >= v.first_reported()) {
      ++n;
      newest = &lv;
    }
  if (!newest) return;
  const std::string others = n == 1 ? "" : fmt::format(" (and {} older version{})", n - 1, n == 2 ? "" : "s");
  ctx.report("OPS001", path, {0, 0},
             fmt::format("the version {}{} is over the limit of {} bytes (limits.max_file_bytes); not read from history",
                         where(v, newest->commit, ctx.cfg), others, ctx.cfg.max_file_bytes),
             {}, "history/" + path);
}

// OPS502 and OPS504 (backlog entries): the backlog and its archive together, commit by commit.
void check_backlog_history(LintContext& ctx, const HistoryData& data) {
  const Config& cfg = ctx.cfg;
  const std::vector<ListVersion>& backlog_versions = data.backlog();
  const std::vector<ListVersion>& archive_versions = data.archive();
  const size_t first_reported = data.first_reported();
  const HistoryData& v = data;
  report_oversize(ctx, v, backlog_versions, cfg.backlog_path);
  report_oversize(ctx, v, archive_versions, cfg.backlog_archive);
  // The entries and their IDs are borrowed from the view, which outlives this: no copies per version.
  std::map<std::string_view, const EntryFact*> in_backlog, in_archive;
  std::map<std::string, size_t, std::less<>> removed;  // ID → the commit that removed it from both files
  size_t bi = 0, ai = 0;
  auto state = [&](std::string_view id) -> const EntryFact* {
    if (auto it = in_backlog.find(id); it != in_backlog.end()) return it->second;
    if (auto it = in_archive.find(id); it != in_archive.end()) return it->second;
    return nullptr;
  };
  std::set<std::string_view> touched;
  std::vector<const EntryFact*> before;  // per touched ID, in order
  while (bi < backlog_versions.size() || ai < archive_versions.size()) {
    const size_t c = std::min(bi < backlog_versions.size() ? backlog_versions[bi].commit : SIZE_MAX,
                              ai < archive_versions.size() ? archive_versions[ai].commit : SIZE_MAX);
    touched.clear();
    for (size_t k = bi; k < backlog_versions.size() && backlog_versions[k].commit == c; ++k)
      for (const auto& ch : backlog_versions[k].changes) touched.insert(ch.id);
    for (size_t k = ai; k < archive_versions.size() && archive_versions[k].commit == c; ++k)
      for (const auto& ch : archive_versions[k].changes) touched.insert(ch.id);
    before.clear();
    for (const auto id : touched) before.push_back(state(id));
    auto apply = [&](const std::vector<ListVersion>& list, size_t& i, std::map<std::string_view, const EntryFact*>& m) {
      for (; i < list.size() && list[i].commit == c; ++i)
        for (const auto& ch : list[i].changes)
          if (ch.after)
            m[ch.id] = &*ch.after;
          else
            m.erase(ch.id);
    };
    apply(backlog_versions, bi, in_backlog);
    apply(archive_versions, ai, in_archive);
    size_t n = 0;
    for (const auto id : touched) {
      const EntryFact* b = before[n++];
      const EntryFact* a = state(id);
      if (b && !a) removed[std::string(id)] = c;
      if (auto it = a ? removed.find(id) : removed.end(); it != removed.end()) removed.erase(it);
      // Equal strings fold equally: only different ones are folded to be compared.
      if (b && a && !b->closed() && a->closed() && b->verification != a->verification &&
          fold_text(b->verification) != fold_text(a->verification) && c >= first_reported) {
        std::string file = cfg.backlog_path;
        Pos pos{0, 0};
        for (const auto* list : {&ctx.snap.backlog, &ctx.snap.archive})
          for (const Entry& e : *list)
            if (e.id == id && pos.line == 0) {
              file = e.file;
              pos = e.pos;
            }
        ctx.report("OPS504", file, pos,
                   fmt::format("{} was closed and its verification changed from {} to {} {}", id,
                               quote(b->verification), quote(a->verification), where(v, c, cfg)),
                   {}, "closed/" + std::string(id));
      }
    }
  }
  // The snapshot's own parse is the last word on what exists now.
  std::set<std::string> now;
  for (const auto* list : {&ctx.snap.backlog, &ctx.snap.archive})
    for (const Entry& e : *list) now.insert(e.id);
  for (const auto& [id, c] : removed) {
    if (c < first_reported || now.count(id)) continue;
    const std::string kept = cfg.backlog_archive.empty()
                                 ? fmt::format("it is no longer in {}", cfg.backlog_path)
                                 : fmt::format("it is in neither {} nor {}", cfg.backlog_path, cfg.backlog_archive);
    ctx.report("OPS502", cfg.backlog_path, {0, 0},
               fmt::format("{} was removed {} and {}; restore it with status done or wont-do{}", id, where(v, c, cfg),
                           kept, cfg.backlog_archive.empty() ? "" : ", in the backlog or the archive"),
               {}, "removed/" + id);
  }
}

}  // namespace

std::optional<DeadlineFinding> deadline_finding(Instant now, Instant deadline, const Config& cfg) {
  const std::string at = format_local(deadline, cfg.timezone);
  if (now > deadline)
    return DeadlineFinding{fmt::format("minutes not published: the deadline {} passed {} ago; merge the change that "
                                       "adds them",
                                       at, span(now - deadline)),
                           false};
  if (now >= deadline - std::chrono::hours(cfg.publish_warning_hours))
    return DeadlineFinding{fmt::format("minutes not published yet: merge the change that adds them by {} ({} from "
                                       "now)",
                                       at, span(deadline - now)),
                           true};
  return std::nullopt;
}

// Without a duration, the kind's time box.
std::optional<Instant> meeting_end(const PeriodFolder& f, const Document& d, const Config& cfg) {
  const FrontMatterValue* date = fm(d, "date");
  const auto day = date ? parse_day(date->scalar) : std::nullopt;
  if (!day) return std::nullopt;
  std::string tz = cfg.timezone;
  if (const auto* z = fm(d, "timezone"); z && valid_timezone(z->scalar)) tz = z->scalar;
  const auto* time = fm(d, "time");
  const auto start = time ? parse_hhmm(time->scalar) : std::nullopt;
  Result<Instant> end = Error{""};
  if (start) {
    int minutes = cfg.review(f.kind).timebox;
    if (const auto* dur = fm(d, "duration")) {
      try {
        size_t used = 0;
        const int v = std::stoi(dur->scalar, &used);
        if (used == dur->scalar.size() && v > 0 && v < 100000) minutes = v;
      } catch (const std::exception&) {
      }
    }
    end = local_to_instant(*day, *start + minutes, tz);
  } else {
    end = local_to_instant(*day + date::days{1}, 0, tz);
  }
  if (!end) return std::nullopt;
  return *end;
}

namespace {

// The history memo's keys. What the history rules read: the commits (fixed, with the facts of
// every committed version, by the tip and the config — the binary is in the memo's fingerprint —
// except the uncommitted change, whose time is "now"), the uncommitted versions, the snapshot's
// folders (minutes front matter, action positions) and backlog entries, and "now" for the folders
// whose minutes a --range's commits touch (not published yet unless the base holds them: OPS501
// judges them against now).
struct HistoryKeys {
  const HistoryData& v;
  const LintContext& ctx;
  uint64_t committed = 0;     // the committed commits and the range
  uint64_t uncommitted = 0;   // every uncommitted version: what a commit added across folders
  std::set<size_t> pending;   // the uncommitted commits' indexes
  std::set<std::string> pending_paths;  // the period files with an uncommitted version
  std::set<std::string, std::less<>> pending_folders;  // their folders
  std::set<std::string, std::less<>> unpublished;      // the folders whose minutes the range's commits touch

  HistoryKeys(const HistoryData& view, const LintContext& c) : v(view), ctx(c) {
    Writer w;
    w.u64(ctx.cfg.digest);
    w.u64(v.first_reported());
    w.u8(v.range() ? 1 : 0);
    w.u64(v.committed_digest());
    committed = checksum(w.bytes());
    if (v.range())
      for (size_t i = v.first_reported(); i < v.commit_count(); ++i)
        for (const auto& path : v.changed_in(i))
          if (path.ends_with("/minutes.md")) unpublished.insert(path.substr(0, path.rfind('/')));
    for (size_t i : v.uncommitted()) {
      pending.insert(i);
      for (auto& path : v.changed_in(i)) {
        pending_folders.insert(path.substr(0, path.rfind('/')));
        pending_paths.insert(std::move(path));
      }
    }
    Writer u;
    for (const auto& path : pending_paths)
      if (const auto* versions = v.versions(path))
        for (const FileVersion& fv : *versions)
          if (pending.count(fv.commit)) {
            u.str(path);
            version(u, fv);
          }
    uncommitted = checksum(u.bytes());
  }

  void commit(Writer& w, size_t i) const {
    const HistoryCommit hc = v.commit(i);
    w.u64(i);
    w.str(hc.short_id);
    w.u64(static_cast<uint64_t>(hc.time.time_since_epoch().count()));
  }
  static void version(Writer& w, const FileVersion& fv) {
    w.u8(static_cast<uint8_t>(fv.present | fv.readable << 1));
    w.u64(fv.record_hash);
    w.u32(static_cast<uint32_t>(fv.actions.size()));
    for (const ActionFact& a : fv.actions) {
      w.str(a.id);
      w.str(a.text);
      w.str(a.verification);
      w.str(a.due);
      w.u8(static_cast<uint8_t>(a.id_explicit | a.closed << 1 | a.done << 2));
    }
  }

  // One folder: its uncommitted versions (and then what every uncommitted version added), its
  // minutes' front matter and its actions as the snapshot has them.
  uint64_t folder(const std::string& path, const std::vector<const PeriodFolder*>& fs) const {
    Writer w;
    w.str("folder");
    w.u64(committed);
    w.str(path);
    bool touched = false;
    for (const auto& name : kFiles) {
      if (!pending_folders.count(path)) break;  // a folder the change left alone decodes nothing
      const std::string file = path + "/" + std::string(name);
      if (!pending_paths.count(file)) continue;
      if (const auto* versions = v.versions(file))
        for (const FileVersion& fv : *versions)
          if (pending.count(fv.commit)) {
            touched = true;
            w.str(name);
            commit(w, fv.commit);
            version(w, fv);
          }
    }
    if (touched) w.u64(uncommitted);
    if (unpublished.count(path)) {
      w.u64(static_cast<uint64_t>(ctx.now.time_since_epoch().count()));
      w.u8(v.on_base(path + "/minutes.md") ? 1 : 0);
    }
    for (const PeriodFolder* f : fs) {
      w.u8(static_cast<uint8_t>(f->kind));
      w.str(f->name);
      w.u8(f->minutes ? 1 : 0);
      if (f->minutes) digest_front_matter(w, *f->minutes, f->minutes_keys);
    }
    if (!fs.empty()) digest_actions(w, *fs.back());
    return checksum(w.bytes());
  }

  // The backlog and archive: their uncommitted versions and the snapshot's entries.
  uint64_t backlog() const {
    Writer w;
    w.str("backlog");
    w.u64(committed);
    // The uncommitted versions are the lists' last ones: read from the end, nothing else decoded.
    for (const auto& list : {v.uncommitted_lists(false), v.uncommitted_lists(true)})
      for (const ListVersion* lv : list) {
        commit(w, lv->commit);
        w.u8(static_cast<uint8_t>(lv->present | lv->readable << 1));
        for (const EntryChange& c : lv->changes) {
          w.str(c.id);
          for (const auto* e : {&c.before, &c.after}) {
            w.u8(e->has_value() ? 1 : 0);
            if (*e) {
              w.str((*e)->status);
              w.str((*e)->verification);
            }
          }
        }
      }
    digest_entries(w, ctx.snap, ctx.cfg.backlog_path, ctx.snap.backlog);
    digest_entries(w, ctx.snap, ctx.cfg.backlog_archive, ctx.snap.archive);
    return checksum(w.bytes());
  }
};

}  // namespace

void check_history(LintContext& ctx, const HistoryView& view, CheckMemo* memo) {
  check_history(ctx, ViewData(view), memo);
}

void check_history(LintContext& ctx, const HistoryData& view, CheckMemo* memo, const LoadRecords& load) {
  std::optional<HistoryKeys> keys;
  if (memo) keys.emplace(view, ctx);
  // One unit per folder path: publication (OPS501, OPS505) and actions (OPS503, OPS504); in path
  // order, the snapshot's folders (in their order) and the history's merged.
  FolderHistory history(view);
  struct Unit {
    const std::string* path;
    std::vector<const PeriodFolder*> fs;
    std::optional<uint64_t> inputs;
  };
  std::vector<std::pair<const std::string*, const PeriodFolder*>> named;
  named.reserve(ctx.snap.folders.size() + history.folders().size());
  for (const PeriodFolder& f : ctx.snap.folders) named.emplace_back(&f.path, &f);
  for (const auto& folder : history.folders()) named.emplace_back(&folder, nullptr);
  std::stable_sort(named.begin(), named.end(), [](const auto& a, const auto& b) { return *a.first < *b.first; });
  std::vector<Unit> units;
  for (size_t i = 0; i < named.size();) {
    Unit& u = units.emplace_back(Unit{named[i].first, {}, std::nullopt});
    for (; i < named.size() && *named[i].first == *u.path; ++i)
      if (named[i].second) u.fs.push_back(named[i].second);
    if (keys) u.inputs = keys->folder(*u.path, u.fs);
  }
  const std::optional<uint64_t> backlog_inputs = keys ? std::optional(keys->backlog()) : std::nullopt;
  // The snapshot's deferred records that the units the memo cannot answer read, loaded first.
  if (load && !ctx.snap.deferred.empty()) {
    std::set<std::string> need;
    for (const Unit& u : units)
      if (!memo_answers(memo, "history/" + *u.path, u.inputs)) need.insert(*u.path);
    if (!memo_answers(memo, "history/backlog", backlog_inputs)) need.insert({ctx.cfg.backlog_path, ctx.cfg.backlog_archive});
    if (!need.empty()) load(&need);
  }
  // The backlog's history is independent of the period files': it is checked alongside, into its
  // own context, and its findings are joined last, as when the checks ran in turn.
  LintContext backlog{ctx.snap, ctx.cfg, ctx.now, ctx.today, {}};
  {
    std::jthread side([&] {
      run_memoised(memo, backlog, "history/backlog", backlog_inputs,
                   [&](LintContext& c) { check_backlog_history(c, view); });
    });
    for (const Unit& u : units)
      run_memoised(memo, ctx, "history/" + *u.path, u.inputs, [&](LintContext& c) {
        for (const PeriodFolder* f : u.fs)
          if (f->minutes) check_publication(c, view, *f);
        if (history.has(*u.path)) check_actions_history(c, view, history, *u.path, u.fs.empty() ? nullptr : u.fs.back());
      });
  }
  ctx.findings.insert(ctx.findings.end(), std::make_move_iterator(backlog.findings.begin()),
                      std::make_move_iterator(backlog.findings.end()));
}

std::optional<Finding> history_incomplete(const Config& cfg, const std::string& reason, bool checked, bool strict) {
  const RuleInfo* r = find_rule("OPS500");
  if (!r || effective_severity(cfg, *r) == Severity::Off) return std::nullopt;
  return Finding{"OPS500",
                 strict ? Severity::Error : effective_severity(cfg, *r),
                 ".",
                 {0, 0},
                 checked ? fmt::format("history rules OPS501-OPS505 saw incomplete history: {}", reason)
                         : fmt::format("history rules OPS501-OPS505 were not checked: {}", reason),
                 {},
                 "history"};
}

}  // namespace opslint
