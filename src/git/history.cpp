// The history view from libgit2: walks first parents, compares the tree ids of the watched paths
// between parent and child, reads each changed blob once, and caches what it derived per tip.
#include "git/history.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <set>
#include <system_error>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "git/handles.h"
#include "git/history_cache.h"
#include "git/history_data.h"
#include "git/shallow.h"
#include "markdown/history_facts.h"
#include "model/ops.h"

namespace opslint {

namespace {

// Bump when the facts derived from a file change meaning: old cache files are then ignored.
constexpr std::string_view kFactsVersion = "facts-3";
constexpr size_t kCacheKeep = 8;
const std::array<std::string_view, 2> kPeriodFiles = {"actions.md", "minutes.md"};

using Mailmap = std::unique_ptr<git_mailmap, GitDeleter<git_mailmap, git_mailmap_free>>;
using TreeEntry = std::unique_ptr<git_tree_entry, GitDeleter<git_tree_entry, git_tree_entry_free>>;

struct Watch {
  std::vector<std::string> roots;  // review roots
  std::string backlog, archive;    // archive may be empty
  std::string prefix;
  uint64_t max_bytes = 0;
  uint64_t fingerprint = 0;

  explicit Watch(const Config& cfg) {
    for (Kind k : kAllKinds) roots.push_back(cfg.review(k).path);
    backlog = cfg.backlog_path;
    archive = cfg.backlog_archive;
    prefix = cfg.backlog_prefix;
    max_bytes = static_cast<uint64_t>(cfg.max_file_bytes);
    std::string key(kFactsVersion);
    for (const auto& r : roots) key += "\n" + r;
    key += fmt::format("\n{}\n{}\n{}\n{}", backlog, archive, prefix, max_bytes);
    fingerprint = fnv1a(key);
  }
  bool is_list(const std::string& path) const { return path == backlog || (!archive.empty() && path == archive); }
  // "<root>/<folder>/minutes.md" → the folder name; empty when not a period file.
  std::string period_of(const std::string& path) const {
    for (const auto& root : roots) {
      if (!path.starts_with(root + "/")) continue;
      const std::string rel = path.substr(root.size() + 1);
      const size_t slash = rel.find('/');
      if (slash == std::string::npos) continue;
      const std::string file = rel.substr(slash + 1);
      if (std::find(kPeriodFiles.begin(), kPeriodFiles.end(), file) != kPeriodFiles.end()) return rel.substr(0, slash);
    }
    return {};
  }
};

// The oid of the object at `path` in `tree`, when it is of `type`.
std::optional<git_oid> oid_at(git_tree* tree, const std::string& path, git_object_t type) {
  if (!tree || path.empty()) return std::nullopt;
  git_tree_entry* raw = nullptr;
  if (git_tree_entry_bypath(&raw, tree, path.c_str()) < 0) return std::nullopt;
  TreeEntry e(raw);
  if (git_tree_entry_type(e.get()) != type || git_tree_entry_filemode(e.get()) == GIT_FILEMODE_LINK)
    return std::nullopt;
  return *git_tree_entry_id(e.get());
}

bool same(const std::optional<git_oid>& a, const std::optional<git_oid>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || git_oid_equal(&*a, &*b);
}

// A commit's watched objects.
struct Point {
  Commit commit;
  git_oid id{};
  Tree tree;
  std::vector<std::optional<git_oid>> roots;
  std::optional<git_oid> backlog, archive;
};

struct Change {
  std::string path;
  std::optional<git_oid> blob;  // nullopt: deleted
};

struct Step {
  git_oid id{};
  std::string author, email;
  Instant time{};
  bool boundary = false;
  std::vector<Change> changes;
};

class Walker {
 public:
  Walker(git_repository* repo, const Watch& w) : repo_(repo), w_(w) {}

  std::optional<Point> point(Commit c) {
    Point p;
    p.id = *git_commit_id(c.get());
    git_tree* raw = nullptr;
    if (git_commit_tree(&raw, c.get()) < 0) return std::nullopt;
    p.tree.reset(raw);
    p.commit = std::move(c);
    for (const auto& r : w_.roots) p.roots.push_back(oid_at(p.tree.get(), r, GIT_OBJECT_TREE));
    p.backlog = oid_at(p.tree.get(), w_.backlog, GIT_OBJECT_BLOB);
    p.archive = oid_at(p.tree.get(), w_.archive, GIT_OBJECT_BLOB);
    return p;
  }

  // What `child` changed relative to `parent` (nullptr: everything it holds).
  std::vector<Change> diff(const Point& child, const Point* parent) {
    std::vector<Change> out;
    if (parent && git_oid_equal(git_tree_id(child.tree.get()), git_tree_id(parent->tree.get()))) return out;
    for (size_t i = 0; i < w_.roots.size(); ++i) {
      const std::optional<git_oid> p = parent ? parent->roots[i] : std::nullopt;
      if (!same(child.roots[i], p)) diff_root(w_.roots[i], child.roots[i], p, out);
    }
    if (!same(child.backlog, parent ? parent->backlog : std::nullopt)) out.push_back({w_.backlog, child.backlog});
    if (!w_.archive.empty() && !same(child.archive, parent ? parent->archive : std::nullopt))
      out.push_back({w_.archive, child.archive});
    return out;
  }

 private:
  Tree lookup(const std::optional<git_oid>& id) {
    if (!id) return nullptr;
    git_tree* raw = nullptr;
    if (git_tree_lookup(&raw, repo_, &*id) < 0) return nullptr;
    return Tree(raw);
  }

  static std::optional<git_oid> file_in(git_tree* folder, std::string_view name) {
    if (!folder) return std::nullopt;
    const git_tree_entry* e = git_tree_entry_byname(folder, std::string(name).c_str());  // borrowed
    if (!e || git_tree_entry_type(e) != GIT_OBJECT_BLOB || git_tree_entry_filemode(e) == GIT_FILEMODE_LINK)
      return std::nullopt;
    return *git_tree_entry_id(e);
  }

  void diff_folder(const std::string& path, const std::optional<git_oid>& c, const std::optional<git_oid>& p,
                   std::vector<Change>& out) {
    const Tree ct = lookup(c), pt = lookup(p);
    for (std::string_view name : kPeriodFiles) {
      const auto cb = file_in(ct.get(), name), pb = file_in(pt.get(), name);
      if (!same(cb, pb)) out.push_back({path + "/" + std::string(name), cb});
    }
  }

  // Both root trees are sorted in git's order: a merge walk finds the folders whose ids differ.
  void diff_root(const std::string& root, const std::optional<git_oid>& c, const std::optional<git_oid>& p,
                 std::vector<Change>& out) {
    const Tree ct = lookup(c), pt = lookup(p);
    const size_t cn = ct ? git_tree_entrycount(ct.get()) : 0, pn = pt ? git_tree_entrycount(pt.get()) : 0;
    auto folder = [](const git_tree_entry* e) -> std::optional<git_oid> {
      if (!e || git_tree_entry_type(e) != GIT_OBJECT_TREE) return std::nullopt;
      return *git_tree_entry_id(e);
    };
    size_t i = 0, j = 0;
    while (i < cn || j < pn) {
      const git_tree_entry* ce = i < cn ? git_tree_entry_byindex(ct.get(), i) : nullptr;
      const git_tree_entry* pe = j < pn ? git_tree_entry_byindex(pt.get(), j) : nullptr;
      const int cmp = !ce ? 1 : !pe ? -1 : git_tree_entry_cmp(ce, pe);
      const git_tree_entry* named = cmp <= 0 ? ce : pe;
      const auto co = cmp <= 0 ? folder(ce) : std::nullopt;
      const auto po = cmp >= 0 ? folder(pe) : std::nullopt;
      if (!same(co, po)) diff_folder(root + "/" + git_tree_entry_name(named), co, po, out);
      if (cmp <= 0) ++i;
      if (cmp >= 0) ++j;
    }
  }

  git_repository* repo_;
  const Watch& w_;
};

struct ListInput {
  size_t commit;
  std::optional<git_oid> blob;
};

// Whether a blob is over limits.max_file_bytes, from its header: such a blob is never loaded.
bool oversize(git_repository* repo, const git_oid& id, uint64_t max_bytes) {
  git_odb* raw = nullptr;
  if (git_repository_odb(&raw, repo) < 0) return false;
  std::unique_ptr<git_odb, GitDeleter<git_odb, git_odb_free>> odb(raw);
  size_t size = 0;
  git_object_t type{};
  return git_odb_read_header(&size, &type, odb.get(), &id) == 0 && size > max_bytes;
}

GitBlob lookup_blob(git_repository* repo, const git_oid& id) {
  git_blob* raw = nullptr;
  if (git_blob_lookup(&raw, repo, &id) < 0) return nullptr;
  return GitBlob(raw);
}

std::string_view text_of(const GitBlob& b) {
  return {static_cast<const char*>(git_blob_rawcontent(b.get())), static_cast<size_t>(git_blob_rawsize(b.get()))};
}

// The backlog's (or archive's) versions as changes, reading each blob once, in order.
struct ListBuild {
  std::vector<ListVersion> versions;
  std::optional<std::string> missing;  // a blob that could not be read
};

// `prior`: the file at the tip a cached chain ends with, the "before" of the first version.
void build_list(git_repository* repo, const std::optional<git_oid>& prior, const std::vector<ListInput>& in,
                const Watch& w, ListBuild& b) {
  if (in.empty()) return;
  EntryVersions versions(w.prefix);
  GitBlob held;  // the previous version read, whose text the next comparison reads
  if (prior && !oversize(repo, *prior, w.max_bytes))
    if ((held = lookup_blob(repo, *prior))) (void)versions.next(text_of(held));
  for (const ListInput& v : in) {
    GitBlob cur;
    std::string_view text;
    if (v.blob && oversize(repo, *v.blob, w.max_bytes)) {
      // Not read, as the snapshot does not read such a file (OPS001 reports it).
      b.versions.push_back({v.commit, true, {}, false});
      continue;
    }
    if (v.blob) {
      if (!(cur = lookup_blob(repo, *v.blob))) {
        b.missing = oid_hex(*v.blob);
        continue;
      }
      text = text_of(cur);
    }
    b.versions.push_back({v.commit, v.blob.has_value(), versions.next(text)});
    held = std::move(cur);
  }
}

// Facts of one version of a period file, read from its blob; nullopt when the blob is missing.
std::optional<FileVersion> facts_of(git_repository* repo, const Watch& w, const std::string& path,
                                    const git_oid& blob) {
  FileVersion fv;
  if (oversize(repo, blob, w.max_bytes)) {
    fv.readable = false;  // as the snapshot treats it: over limits.max_file_bytes
    return fv;
  }
  GitBlob b = lookup_blob(repo, blob);
  if (!b) return std::nullopt;
  return period_file_facts(path, text_of(b), w.period_of(path), path.ends_with("/actions.md"), w.prefix);
}

// Reads the period files' versions on a second thread while the walk is still finding them.
// Identical blobs are read once. The worker has its own repository handle.
class FactPool {
 public:
  FactPool(git_repository* repo, const Watch& w) : repo_(repo), w_(w) {}
  ~FactPool() { finish(); }

  void add(const std::string& path, const git_oid& blob) {
    std::string key = this->key(path, blob);
    std::lock_guard lock(m_);
    if (!seen_.insert(key).second) return;
    queue_.push_back({path, blob, std::move(key)});
    if (!worker_.joinable()) {
      git_repository* raw = nullptr;
      if (git_repository_open_ext(&raw, git_repository_path(repo_), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) == 0) {
        own_.reset(raw);
        worker_ = std::jthread([this] { work(own_.get()); });
      }
    }
    cv_.notify_one();
  }

  // No more jobs: this thread helps with what is left, then waits for the worker.
  void finish() {
    {
      std::lock_guard lock(m_);
      closed_ = true;
    }
    cv_.notify_all();
    work(repo_);
    if (worker_.joinable()) worker_.join();
  }

  const FileVersion& get(const std::string& path, const git_oid& blob) const { return done_.at(key(path, blob)); }
  // A blob that was not in the object database (after finish()).
  const std::optional<std::string>& missing() const { return missing_; }

 private:
  struct Job {
    std::string path;
    git_oid blob;
    std::string key;
  };

  std::string key(const std::string& path, const git_oid& blob) const {
    return oid_hex(blob) + (path.ends_with("/minutes.md") ? "m" : "a") + w_.period_of(path);
  }

  void work(git_repository* repo) {
    while (true) {
      Job job;
      {
        std::unique_lock lock(m_);
        cv_.wait(lock, [&] { return closed_ || !queue_.empty(); });
        if (queue_.empty()) return;
        job = std::move(queue_.front());
        queue_.pop_front();
      }
      std::optional<FileVersion> fv = facts_of(repo, w_, job.path, job.blob);
      std::lock_guard lock(m_);
      if (!fv) {
        missing_ = oid_hex(job.blob);
        fv.emplace();
        fv->readable = false;  // facts unknown: the rules keep what they knew
      }
      done_.emplace(std::move(job.key), std::move(*fv));
    }
  }

  git_repository* repo_;
  const Watch& w_;
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  bool closed_ = false;
  std::unordered_set<std::string> seen_;
  std::unordered_map<std::string, FileVersion> done_;
  std::optional<std::string> missing_;
  Repository own_;
  std::jthread worker_;  // declared last: joined before the members it uses go
};

// The entries of a backlog or archive at the tip, replayed from its versions' changes.
std::map<std::string, EntryFact> entries_at_tip(const std::vector<ListVersion>& list) {
  std::map<std::string, EntryFact> tip;
  for (const ListVersion& lv : list)
    for (const EntryChange& c : lv.changes)
      if (c.after)
        tip[c.id] = *c.after;
      else
        tip.erase(c.id);
  return tip;
}

// The committed part of the history (the cache file, or a walked chain in the cache's format),
// and whether it is to be cached.
struct Committed {
  std::shared_ptr<const ChainStore> store;
  bool write = false;
};

// A chain in the cache's format, in memory (encoding it cannot fail to decode).
std::shared_ptr<const ChainStore> in_memory(const Chain& chain, uint64_t fingerprint) {
  auto s = ChainStore::from_bytes(ChainStore::encode(chain, fingerprint), chain.tip, fingerprint);
  if (!s) throw std::logic_error("history: an encoded chain does not decode");
  return std::make_shared<const ChainStore>(std::move(*s));
}

class Builder {
 public:
  Builder(const HistoryRequest& req, const Config& cfg) : req_(req), w_(cfg) { req_.snapshot = nullptr; }

  // On the caller's thread, before the snapshot: what reading needs from the repository handle.
  void prepare() {
    git_repository* repo = req_.repo;
    if (req_.tip) {
      tip_ = *req_.tip;
    } else if (git_reference_name_to_id(&tip_, repo, "HEAD") < 0) {
      unborn_ = true;
      return;
    }
    gitdir_ = git_repository_path(repo);
    dir_ = history_cache_dir(repo);
    shallow_ = shallow_commits(repo);
    // A shallow clone's cache entries would be built on missing history: neither read nor written.
    cache_ = req_.use_cache && shallow_.empty();
  }

  // The cache file, or else a walk. `own_handle`: on another thread than the caller's, so a walk
  // opens its own repository handle (libgit2 objects are not shared between threads); nullopt
  // when that fails, and finish() walks instead.
  std::optional<Committed> committed(bool own_handle) {
    Committed out;
    if (unborn_) return out;
    if (cache_)
      if (auto c = ChainStore::open(chain_cache_file(dir_, tip_, w_.fingerprint), tip_, w_.fingerprint)) {
        out.store = std::make_shared<const ChainStore>(std::move(*c));
        return out;
      }
    Repository own;
    git_repository* repo = req_.repo;
    if (own_handle) {
      git_repository* raw = nullptr;
      if (git_repository_open_ext(&raw, gitdir_.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) < 0)
        return std::nullopt;
      own.reset(raw);
      repo = raw;
    }
    const Chain chain = walk(repo, tip_, shallow_, cache_ ? cached_tips(dir_) : std::set<std::string>{}, dir_);
    out.store = in_memory(chain, w_.fingerprint);
    out.write = cache_ && chain.view.complete;
    return out;
  }

  // On the caller's thread, with the snapshot built: caches a walked chain, then adds what the
  // committed part does not hold (.mailmap names, the range, the uncommitted version).
  std::unique_ptr<ChainHistory> finish(std::optional<Committed> c, const Snapshot* snapshot,
                                       const LoadRecords& load = {}) {
    if (unborn_) {
      Chain none;
      none.view.complete = false;
      none.view.incomplete_reason = "unborn HEAD: no commits yet";
      return std::make_unique<ChainHistory>(in_memory(none, w_.fingerprint), std::vector<std::string>{}, 0);
    }
    if (!c) c = committed(false);
    const ChainStore& store = *c->store;
    if (c->write) {
      write_chain_bytes(chain_cache_file(dir_, tip_, w_.fingerprint), store.bytes());
      prune_chain_cache(dir_, kCacheKeep);
    }
    auto h = std::make_unique<ChainHistory>(c->store, resolve_authors(store.authors()),
                                            req_.only_uncommitted ? store.commits()
                                            : req_.range_base     ? range_start(tip_, store)
                                                                  : 0,
                                            req_.range_base.has_value(),
                                            on_base(store));
    if (req_.uncommitted != Uncommitted::None && snapshot) add_uncommitted(*h, *snapshot, store, load);
    return h;
  }

 private:
  std::set<std::string> cached_tips(const std::string& dir) {
    std::set<std::string> out;
    std::error_code ec;
    const std::string suffix = fmt::format("-{:016x}", w_.fingerprint);
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
      const std::string name = e.path().filename().string();
      if (name.size() == GIT_OID_HEXSZ + suffix.size() && name.ends_with(suffix))
        out.insert(name.substr(0, GIT_OID_HEXSZ));
    }
    return out;
  }

  // Walks first parents from `tip` down to the root, a shallow boundary, or a cached ancestor.
  Chain walk(git_repository* repo, const git_oid& tip, const std::set<std::string>& shallow,
             const std::set<std::string>& cached, const std::string& dir) {
    Walker walker(repo, w_);
    Chain base;  // a cached ancestor's chain, extended below
    bool have_base = false;
    std::vector<Step> steps;  // newest first
    bool complete = true;
    std::string reason;
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repo, &tip) < 0) {
      base.view.complete = false;
      base.view.incomplete_reason = fmt::format("cannot read commit {}: {}", oid_hex(tip).substr(0, 7), git_last_message());
      return base;
    }
    std::optional<Point> cur = walker.point(Commit(raw));
    if (!cur) {
      base.view.complete = false;
      base.view.incomplete_reason = fmt::format("cannot read the tree of {}", oid_hex(tip).substr(0, 7));
      return base;
    }
    FactPool pool(repo, w_);  // period files are read while the walk goes on
    auto step_of = [&](const Point& p, std::vector<Change> changes, bool boundary) {
      for (const Change& c : changes)
        if (c.blob && !w_.is_list(c.path)) pool.add(c.path, *c.blob);
      const git_signature* a = git_commit_author(p.commit.get());
      const git_signature* c = git_commit_committer(p.commit.get());
      Step s;
      s.id = p.id;
      s.author = a && a->name ? a->name : "";
      s.email = a && a->email ? a->email : "";
      s.time = Instant{std::chrono::seconds{c ? c->when.time : 0}};
      s.boundary = boundary;
      s.changes = std::move(changes);
      return s;
    };
    while (cur) {
      const std::string id = oid_hex(cur->id);
      if (shallow.count(id)) {
        complete = false;
        reason = fmt::format("shallow clone: history before {} is missing", id.substr(0, 7));
        steps.push_back(step_of(*cur, walker.diff(*cur, nullptr), true));
        break;
      }
      if (git_commit_parentcount(cur->commit.get()) == 0) {
        steps.push_back(step_of(*cur, walker.diff(*cur, nullptr), false));
        break;
      }
      const git_oid* pid = git_commit_parent_id(cur->commit.get(), 0);
      if (pid && cached.count(oid_hex(*pid))) {
        if (auto c = read_chain(chain_cache_file(dir, *pid, w_.fingerprint), *pid, w_.fingerprint)) {
          base = std::move(*c);
          have_base = true;
        }
      }
      git_commit* praw = nullptr;
      std::optional<Point> parent;
      if (git_commit_parent(&praw, cur->commit.get(), 0) == 0) parent = walker.point(Commit(praw));
      if (!parent) {
        complete = false;
        reason = fmt::format("the parent of {} is missing", id.substr(0, 7));
        steps.push_back(step_of(*cur, walker.diff(*cur, nullptr), true));
        break;
      }
      auto changes = walker.diff(*cur, &*parent);
      if (!changes.empty()) steps.push_back(step_of(*cur, std::move(changes), false));
      if (have_base) break;
      cur = std::move(parent);
    }
    std::reverse(steps.begin(), steps.end());
    Chain chain = have_base ? std::move(base) : Chain{};
    chain.tip = tip;
    chain.view.complete = complete;
    chain.view.incomplete_reason = reason;
    extend(repo, chain, steps, pool);
    return chain;
  }

  // Appends the walked steps (oldest first) to the chain: the backlog's and archive's versions
  // here, the period files' from the pool.
  void extend(git_repository* repo, Chain& chain, const std::vector<Step>& steps, FactPool& pool) {
    HistoryView& v = chain.view;
    const std::map<std::string, git_oid> prior = chain.tip_blobs;  // the tip before this extension
    std::vector<ListInput> backlog_in, archive_in;
    for (const Step& s : steps) {
      const size_t index = v.commits.size();
      v.commits.push_back(HistoryCommit{oid_hex(s.id), oid_hex(s.id).substr(0, 7), s.author, s.time, false, s.boundary});
      chain.ids.push_back(s.id);
      chain.emails.push_back(s.email);
      for (const Change& c : s.changes) {
        if (c.blob)
          chain.tip_blobs[c.path] = *c.blob;
        else
          chain.tip_blobs.erase(c.path);
        if (c.path == w_.backlog)
          backlog_in.push_back({index, c.blob});
        else if (w_.is_list(c.path))
          archive_in.push_back({index, c.blob});
      }
    }
    auto prior_blob = [&](const std::string& path) -> std::optional<git_oid> {
      auto it = prior.find(path);
      return it == prior.end() ? std::nullopt : std::optional<git_oid>(it->second);
    };
    ListBuild backlog, archive;
    build_list(repo, prior_blob(w_.backlog), backlog_in, w_, backlog);
    build_list(repo, prior_blob(w_.archive), archive_in, w_, archive);
    pool.finish();
    for (size_t i = 0; i < steps.size(); ++i)
      for (const Change& c : steps[i].changes) {
        if (w_.is_list(c.path)) continue;
        FileVersion fv;
        if (c.blob) fv = pool.get(c.path, *c.blob);
        fv.commit = v.commits.size() - steps.size() + i;
        fv.present = c.blob.has_value();
        v.files[c.path].push_back(std::move(fv));
      }
    for (const std::optional<std::string>* missing :
         std::initializer_list<const std::optional<std::string>*>{&backlog.missing, &archive.missing, &pool.missing()})
      if (*missing) {
        v.complete = false;
        v.incomplete_reason = fmt::format("blob {} is missing (a partial clone?)", (*missing)->substr(0, 7));
      }
    for (auto& lv : backlog.versions) v.backlog.push_back(std::move(lv));
    for (auto& lv : archive.versions) v.archive.push_back(std::move(lv));
  }

  // The authors' names after .mailmap, per distinct (name, email) pair.
  std::vector<std::string> resolve_authors(const std::vector<std::pair<std::string, std::string>>& authors) {
    std::vector<std::string> out;
    out.reserve(authors.size());
    for (const auto& [name, email] : authors) out.push_back(name);
    git_mailmap* raw = nullptr;
    if (git_mailmap_from_repository(&raw, req_.repo) < 0) return out;
    Mailmap mm(raw);
    for (size_t i = 0; i < authors.size(); ++i) {
      const char* name = nullptr;
      const char* email = nullptr;
      if (git_mailmap_resolve(&name, &email, mm.get(), authors[i].first.c_str(), authors[i].second.c_str()) == 0 &&
          name)
        out[i] = name;
    }
    return out;
  }

  // --range: the period files of the view that the base's tree holds.
  std::set<std::string> on_base(const ChainStore& store) {
    std::set<std::string> out;
    if (!req_.range_base) return out;
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, req_.repo, &*req_.range_base) < 0) return out;
    Commit base(raw);
    git_tree* t = nullptr;
    if (git_commit_tree(&t, base.get()) < 0) return out;
    Tree tree(t);
    for (size_t k = 0; k < store.paths(); ++k) {
      std::string path(store.path(k));
      if (oid_at(tree.get(), path, GIT_OBJECT_BLOB)) out.insert(std::move(path));
    }
    return out;
  }

  // The index of the first view commit that the range base cannot reach (the range's commits
  // on the first-parent chain are its newest ones, so they are a suffix of the view).
  size_t range_start(const git_oid& tip, const ChainStore& store) {
    if (!shallow_.empty()) {
      // libgit2's walk would go on into the missing parents (and leak on that path).
      const auto base_side = reachable_from(req_.repo, *req_.range_base, shallow_);
      for (size_t i = 0; i < store.commits(); ++i)
        if (!base_side.count(oid_hex(store.id(i)))) return i;
      return store.commits();
    }
    git_revwalk* raw = nullptr;
    if (git_revwalk_new(&raw, req_.repo) < 0) return 0;
    RevWalk walk(raw);
    if (git_revwalk_push(walk.get(), &tip) < 0 || git_revwalk_hide(walk.get(), &*req_.range_base) < 0) return 0;
    std::unordered_set<std::string> in_range;
    for (git_oid id; git_revwalk_next(&id, walk.get()) == 0;) in_range.insert(oid_hex(id));
    for (size_t i = 0; i < store.commits(); ++i)
      if (in_range.count(oid_hex(store.id(i)))) return i;
    return store.commits();
  }

  // The snapshot's file is the tip's blob (by the source's content id): its facts are the tip's.
  static bool tip_blob(const Snapshot& snap, const ChainStore& store, const std::string& path) {
    auto k = snap.file_keys.find(path);
    if (k == snap.file_keys.end() || k->second.content_id.size() != GIT_OID_RAWSZ) return false;
    const auto t = store.tip_blob(path);
    return t && std::memcmp(k->second.content_id.data(), t->id, GIT_OID_RAWSZ) == 0;
  }

  // The backlog's (or archive's) uncommitted version: the tip's entries (replayed from the changes)
  // against the snapshot's text. Its versions are decoded only when its blob is not the tip's.
  std::optional<ListVersion> uncommitted_list(const Snapshot& snap, const ChainStore& store, bool archive) const {
    const std::string& path = archive ? w_.archive : w_.backlog;
    if (path.empty() || tip_blob(snap, store, path)) return std::nullopt;
    auto doc = snap.documents.find(path);
    const bool is = doc != snap.documents.end();
    if (!is && std::any_of(snap.unreadable.begin(), snap.unreadable.end(),
                           [&](const UnreadableFile& u) { return u.path == path; }))
      return std::nullopt;  // facts unknown: OPS001 says why
    const std::vector<ListVersion> list = archive ? store.archive() : store.backlog();
    const std::map<std::string, EntryFact> tip = entries_at_tip(list);
    const bool was = !list.empty() && list.back().present;
    ListVersion lv;
    lv.present = is;
    std::set<std::string> now;
    if (is)
      for (EntryFact& e : scan_entries(doc->second.text, w_.prefix)) {
        now.insert(e.id);
        auto it = tip.find(e.id);
        if (it == tip.end())
          lv.changes.push_back({e.id, std::nullopt, std::move(e)});
        else if (!(it->second == e))
          lv.changes.push_back({e.id, it->second, std::move(e)});
      }
    for (const auto& [id, e] : tip)
      if (!now.count(id)) lv.changes.push_back({id, e, std::nullopt});
    if (lv.changes.empty() && was == is) return std::nullopt;
    return lv;
  }

  // The linted files (index or working tree) as one more version where their facts differ from the
  // tip's. The facts come from the snapshot, which has read and parsed every one of them already;
  // only the files whose blob is not the tip's are compared, so only theirs are decoded.
  void add_uncommitted(ChainHistory& h, const Snapshot& snap, const ChainStore& store, const LoadRecords& load) {
    // The facts of files that are not the tip's blob are read from the snapshot: loaded if deferred.
    if (load && !snap.deferred.empty()) {
      std::set<std::string> need;
      for (const auto& [path, d] : snap.deferred)
        if (!tip_blob(snap, store, path)) need.insert(path);
      if (!need.empty()) load(&need);
    }
    // The backlog and archive are compared on another thread meanwhile.
    std::optional<ListVersion> backlog, archive;
    std::jthread side([&] {
      backlog = uncommitted_list(snap, store, false);
      archive = uncommitted_list(snap, store, true);
    });
    std::map<std::string, FileVersion> pending;           // path → its version in the snapshot
    std::vector<bool> linted(store.paths(), false);       // per store path: the snapshot has it
    for (const PeriodFolder& f : snap.folders) {
      for (std::string_view name : kPeriodFiles) {
        const bool minutes = name == "minutes.md";
        if (!(minutes ? f.has_minutes : f.has_actions)) continue;
        std::string path = f.path + "/" + std::string(name);
        if (const auto k = store.find(path)) linted[*k] = true;
        if (tip_blob(snap, store, path)) continue;
        const Document* doc = minutes ? f.minutes : f.actions;
        FileVersion fv;
        if (doc) {
          std::vector<const Action*> actions;
          for (const Action& a : f.action_items)
            if (a.file == path) actions.push_back(&a);
          fv = document_facts(*doc, actions, !minutes);
        } else {
          fv.readable = false;
        }
        pending.emplace(path, std::move(fv));
      }
    }
    std::map<std::string, FileVersion> changed;
    for (auto& [path, fv] : pending) {
      const auto k = store.find(path);
      if (!k || !same_facts(store.versions(*k).back(), fv)) changed.emplace(path, std::move(fv));
    }
    for (size_t k = 0; k < store.paths(); ++k)
      if (store.last_present(k) && !linted[k]) {
        FileVersion gone;
        gone.present = false;
        changed.emplace(std::string(store.path(k)), std::move(gone));
      }
    side.join();
    if (changed.empty() && !backlog && !archive) return;
    HistoryCommit hc;
    hc.short_id = req_.uncommitted == Uncommitted::Staged ? "the staged change" : "the working tree";
    hc.time = req_.now;
    hc.uncommitted = true;
    h.add_uncommitted(std::move(hc), std::move(changed), std::move(backlog), std::move(archive));
  }

  static bool same_facts(const FileVersion& a, const FileVersion& b) {
    if (a.present != b.present || a.readable != b.readable || a.record_hash != b.record_hash ||
        a.actions.size() != b.actions.size())
      return false;
    for (size_t i = 0; i < a.actions.size(); ++i) {
      const ActionFact &x = a.actions[i], &y = b.actions[i];
      if (x.id != y.id || x.id_explicit != y.id_explicit || x.text != y.text || x.verification != y.verification ||
          x.closed != y.closed)
        return false;
    }
    return true;
  }

  HistoryRequest req_;  // its snapshot is finish()'s
  Watch w_;
  git_oid tip_{};
  bool unborn_ = false;
  std::string gitdir_, dir_;
  std::set<std::string> shallow_;
  bool cache_ = false;
};

}  // namespace

std::string history_cache_dir(git_repository* repo) {
  return (std::filesystem::path(git_repository_commondir(repo)) / "opslint" / "history-v1").string();
}

HistoryView load_history(const HistoryRequest& req, const Config& cfg) {
  Builder b(req, cfg);
  b.prepare();
  return b.finish(b.committed(false), req.snapshot)->view();
}

struct HistoryLoad::Impl {
  Builder builder;
  std::future<std::optional<Committed>> committed;
  Impl(const HistoryRequest& req, const Config& cfg) : builder(req, cfg) {}
};

HistoryLoad::HistoryLoad(const HistoryRequest& req, const Config& cfg) : impl_(std::make_unique<Impl>(req, cfg)) {
  impl_->builder.prepare();
  try {
    impl_->committed = std::async(std::launch::async, [b = &impl_->builder] { return b->committed(true); });
  } catch (const std::system_error&) {  // no thread to be had: finish() reads it all
  }
}

HistoryLoad::~HistoryLoad() = default;

std::unique_ptr<HistoryData> HistoryLoad::finish(const Snapshot& snapshot, const LoadRecords& load) {
  auto committed = impl_->committed.valid() ? impl_->committed.get() : std::nullopt;
  return impl_->builder.finish(std::move(committed), &snapshot, load);
}

}  // namespace opslint
