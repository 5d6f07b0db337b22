// Builds the in-memory Snapshot from a Source: reads each file once, parses in parallel.
#include "engine/snapshot_builder.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <latch>
#include <thread>

#include "engine/parse_codec.h"
#include "engine/parsed_file.h"
#include "git/parse_cache.h"
#include "markdown/document.h"
#include "markdown/ops_parse.h"
#include "util/binary_io.h"
#include "util/build_id.h"
#include "util/text.h"

namespace opslint {

namespace {

struct Job {
  std::string path;
  Role role = Role::Period;
  std::string period;  // Role::Period: the folder name
  ParsedFile parsed;
  std::optional<FileKeys> keys;  // with a parse cache
  std::string_view encoded;      // deferred: only the head was decoded (see load_deferred)
  uint64_t encoded_sum = 0;      // deferred: the encoding's checksum in the cache
  bool actions_section = false;  // deferred: whether the document has an Actions section
};

// Files whose records may be deferred: not the risk register and not a skip record (rules that
// always run read them), so a deferred file only ever waits for memoised checks.
bool deferrable(const Job& j) {
  return j.role != Role::Risks && !(j.role == Role::Period && j.path.ends_with("/SKIPPED.md"));
}

std::string folder_of(const std::string& path) { return path.substr(0, path.rfind('/')); }

constexpr int kMaxCellsPerLine = 1000;

// (line, count) of the line with the most '|' characters.
std::pair<int, int> widest_row(std::string_view text) {
  std::pair<int, int> best{0, 0};
  int line = 1, count = 0;
  for (char c : text) {
    if (c == '|') ++count;
    if (c == '\n') {
      if (count > best.second) best = {line, count};
      ++line;
      count = 0;
    }
  }
  if (count > best.second) best = {line, count};
  return best;
}

}  // namespace

ParsedFile parse_file(const std::string& path, Role role, const std::string& period, const Blob& blob,
                      const Config& cfg) {
  const struct {
    const std::string& path;
    Role role;
    const std::string& period;
  } job{path, role, period};
  ParsedFile out;
  if (!blob.refused.empty()) {
    out.unreadable = UnreadableFile{job.path, "file " + blob.refused, {0, 0}};
    return out;
  }
  if (blob.truncated) {
    out.unreadable = UnreadableFile{job.path,
                                    fmt::format("file is {} bytes, over the limit of {} (limits.max_file_bytes)",
                                                blob.size, cfg.max_file_bytes),
                                    {0, 0}};
    return out;
  }
  const std::string& b = blob.bytes;
  if (const size_t nul = b.find('\0'); nul != std::string::npos) {
    auto [l, c] = text::line_col(b, nul);
    out.unreadable = UnreadableFile{job.path, "file holds NUL bytes (binary content)", {l, c}};
    return out;
  }
  if (const size_t bad = text::invalid_utf8_offset(b); bad != std::string::npos) {
    auto [l, c] = text::line_col(b, bad);
    out.unreadable =
        UnreadableFile{job.path, fmt::format("file is not valid UTF-8 (byte 0x{:02X})", static_cast<unsigned char>(b[bad])),
                       {l, c}};
    return out;
  }
  // cmark-gfm 0.29 is quadratic in a table's width: refuse absurd rows rather than hang.
  if (auto wide = widest_row(b); wide.second > kMaxCellsPerLine) {
    out.unreadable = UnreadableFile{
        job.path, fmt::format("line {} has {} table cell separators, over the limit of {}", wide.first, wide.second,
                              kMaxCellsPerLine),
        {wide.first, 1}};
    return out;
  }
  out.doc = parse_document(job.path, b);
  const Document& doc = *out.doc;
  switch (job.role) {
    case Role::Period:
      if (!job.path.ends_with("/SKIPPED.md"))
        out.actions =
            parse_actions(doc, job.period, job.path.ends_with("/actions.md"), cfg.backlog_prefix, &out.issues);
      break;
    case Role::Backlog:
    case Role::Archive: out.entries = parse_entries(doc, cfg.backlog_prefix, &out.issues, "OPS408"); break;
    case Role::Risks: out.entries = parse_entries(doc, "R-", &out.issues, "OPS412"); break;
  }
  for (const Link& l : doc.links)
    if (auto target = resolve_link(job.path, l.url)) out.link_targets.push_back(std::move(*target));
  return out;
}

namespace {

// The digests of a parse result's records (FileKeys).
FileKeys digests_of(const ParsedFile& p) {
  FileKeys k;
  Writer w, ids;
  for (const Action& a : p.actions) {
    encode(w, a);
    ids.str(a.id);
  }
  k.actions = checksum(w.bytes());
  k.action_ids = checksum(ids.bytes());
  w.bytes().clear();
  ids.bytes().clear();
  for (const Entry& e : p.entries) {
    encode(w, e);
    ids.str(e.id);
  }
  k.entries = checksum(w.bytes());
  k.entry_ids = checksum(ids.bytes());
  w.bytes().clear();
  if (p.doc) encode(w, p.doc->front_matter);
  k.front_matter = checksum(w.bytes());
  return k;
}

// Reads and parses one file.
ParsedFile read_and_parse(const Source& src, const Config& cfg, const Job& job) {
  auto blob = src.read(job.path, static_cast<uint64_t>(cfg.max_file_bytes));
  if (!blob) return {};
  return parse_file(job.path, job.role, job.period, *blob, cfg);
}

// A deferred file's whole parse result: decoded, or (should the encoding not decode) parsed again.
ParsedFile decode_deferred(const Source& src, const Config& cfg, const Job& job) {
  if (checksum(job.encoded) == job.encoded_sum)
    if (auto p = decode_parsed(job.encoded); p && p->doc && p->doc->path == job.path) return std::move(*p);
  return read_and_parse(src, cfg, job);
}

// Reads and parses one file, or takes what the cache holds for its content (the record digests,
// then the head, then the encoded parse result; with `defer`, a deferrable file's head only); the
// result stays empty when the file does not exist.
void load(const Source& src, const Config& cfg, ParseCache* cache, bool defer, Job& job) {
  std::string key;
  std::optional<std::string> id;
  if (cache && (id = src.content_id(job.path))) {
    key = ParseCache::key(*id, static_cast<uint8_t>(job.role), job.path);
    if (auto hit = cache->find(key)) {
      Reader r(hit->head);
      FileKeys k{*id, r.u64(), r.u64(), r.u64(), r.u64(), r.u64()};
      const std::string_view head = r.rest();
      if (r.ok() && defer && !head.empty() && deferrable(job)) {
        if (ParsedFile p; decode_head(head, job.path, p, job.actions_section)) {
          job.parsed = std::move(p);
          job.keys = std::move(k);
          job.encoded = hit->body;
          job.encoded_sum = hit->body_sum;
          return;
        }
      } else if (auto parsed = r.ok() && ParseCache::intact(*hit) ? decode_parsed(hit->body) : std::nullopt) {
        job.parsed = std::move(*parsed);
        job.keys = std::move(k);
        return;
      }
    }
  }
  job.parsed = read_and_parse(src, cfg, job);
  if (!key.empty() && (job.parsed.doc || job.parsed.unreadable)) {
    FileKeys k = digests_of(job.parsed);
    k.content_id = *id;
    Writer head, body;
    for (const uint64_t digest : {k.actions, k.entries, k.front_matter, k.action_ids, k.entry_ids}) head.u64(digest);
    if (job.parsed.doc) encode_head(head, job.parsed);
    encode_parsed(body, job.parsed);
    cache->add(std::move(key), std::move(head.bytes()), std::move(body.bytes()));
    job.keys = std::move(k);
  }
}

// Parses `shared` (the backlog and registers, known from the config) on a second thread at once,
// while `list_jobs` lists the review folders on this one: listing hundreds of folders is tens of
// milliseconds of system calls, and the backlog alone is a third of the bytes. Then every thread
// drains the listed jobs.
template <typename ListJobs>
std::vector<Job> parse_all(std::vector<Job> shared, ListJobs list_jobs, const Source& src, const Config& cfg,
                           ParseCache* cache, bool defer) {
  std::vector<Job> jobs;
  std::atomic<size_t> next{0};
  std::latch listed{1};
  auto drain = [&] {
    for (size_t i; (i = next.fetch_add(1)) < jobs.size();) load(src, cfg, cache, defer, jobs[i]);
  };
  {
    std::jthread early([&] {
      for (Job& j : shared) load(src, cfg, cache, defer, j);
      listed.wait();
      drain();
    });
    try {
      jobs = list_jobs();
    } catch (...) {
      listed.count_down();  // let the early thread finish (with no jobs) before the error leaves
      throw;
    }
    listed.count_down();
    const size_t workers = std::min<size_t>(std::max(2u, std::thread::hardware_concurrency()), jobs.size() / 16 + 2);
    std::vector<std::jthread> pool;
    for (size_t w = 2; w < workers; ++w) pool.emplace_back(drain);
    drain();
  }
  // Shared files first, as they were queued before the period files.
  jobs.insert(jobs.begin(), std::make_move_iterator(shared.begin()), std::make_move_iterator(shared.end()));
  return jobs;
}

bool is_period_file(std::string_view name) {
  return name == "minutes.md" || name == "actions.md" || name == "SKIPPED.md";
}

}  // namespace

std::optional<uint64_t> parse_cache_fingerprint(const Config& cfg) {
  if (build_id().empty()) return std::nullopt;
  return fnv1a(fmt::format("{}\n{}\n{}\n{}", build_id(), kParseCodecVersion, cfg.max_file_bytes, cfg.backlog_prefix));
}

Snapshot build_snapshot(const Source& source, const Config& cfg, ParseCache* cache, bool defer) {
  Snapshot snap;
  snap.source = source.label();
  std::vector<Job> shared;
  for (auto [p, role] : {std::pair{&cfg.backlog_path, Role::Backlog}, std::pair{&cfg.backlog_archive, Role::Archive},
                         std::pair{&cfg.risk_path, Role::Risks}})
    if (!p->empty()) shared.push_back({*p, role, {}, {}, {}, {}, 0, false});
  // Folders per kind, keyed by folder name; the files to parse are queued as jobs.
  std::map<std::pair<Kind, std::string>, PeriodFolder> folders;
  auto list_jobs = [&] {
    std::vector<Job> jobs;
    for (Kind k : kAllKinds) {
      const std::string& root = cfg.review(k).path;
      const std::vector<std::string> files = source.list(root);
      jobs.reserve(jobs.size() + files.size());
      for (const std::string& file : files) {
        const std::string rel = file.substr(root.size() + 1);
        const size_t slash = rel.find('/');
        if (slash == std::string::npos) {
          snap.stray_files.push_back(file);
          continue;
        }
        const std::string name = rel.substr(0, slash);
        auto& f = folders[{k, name}];
        if (f.path.empty()) {
          f.kind = k;
          f.name = name;
          f.path = root + "/" + name;
          f.period = Period::parse(k, name);
        }
        if (is_period_file(rel.substr(slash + 1))) jobs.push_back({file, Role::Period, name, {}, {}, {}, 0, false});
      }
    }
    return jobs;
  };
  std::vector<Job> jobs = parse_all(std::move(shared), list_jobs, source, cfg, cache, defer);
  // A folder's minutes and actions are deferred together or not at all (its action list is built
  // from both, in order), and a path read in two roles is never deferred.
  std::map<std::string_view, int> roles;
  std::set<std::string> whole;  // folders with a period file read whole
  for (const Job& j : jobs) {
    ++roles[j.path];
    if (j.role == Role::Period && deferrable(j) && j.encoded.empty()) whole.insert(folder_of(j.path));
  }
  for (Job& j : jobs)
    if (!j.encoded.empty() && (roles[j.path] > 1 || (j.role == Role::Period && whole.count(folder_of(j.path))))) {
      j.parsed = decode_deferred(source, cfg, j);
      j.encoded = {};
    }

  // Records parsed by the workers, by path (a path queued twice, e.g. in two roles, parsed the same).
  std::map<std::string, std::vector<Action>> actions_of;
  std::vector<Entry>* entries_for[] = {nullptr, &snap.backlog, &snap.archive, &snap.risks};
  std::set<std::string> targets;
  for (Job& j : jobs) {
    ParsedFile& p = j.parsed;
    if (p.doc && j.keys) snap.file_keys.emplace(j.path, std::move(*j.keys));
    if (!j.encoded.empty())
      snap.deferred.emplace(j.path, DeferredFile{static_cast<uint8_t>(j.role), j.encoded, j.encoded_sum,
                                                 j.actions_section});
    if (p.unreadable) snap.unreadable.push_back(std::move(*p.unreadable));
    snap.form_issues.insert(snap.form_issues.end(), p.issues.begin(), p.issues.end());
    if (p.doc || (!snap.unreadable.empty() && snap.unreadable.back().path == j.path)) ++snap.file_count;
    if (!p.doc) continue;
    if (j.role == Role::Period)
      actions_of.emplace(j.path, std::move(p.actions));
    else
      *entries_for[static_cast<int>(j.role)] = std::move(p.entries);
    // Only the first document of a path is kept, and so only its links count.
    if (snap.documents.emplace(j.path, std::move(*p.doc)).second)
      for (auto& t : p.link_targets) targets.insert(std::move(t));
  }
  // A file that exists but could not be read still counts as present for structural rules.
  std::set<std::string_view> unreadable;
  for (const auto& u : snap.unreadable) unreadable.insert(u.path);
  struct {
    const Snapshot& snap;
    const std::set<std::string_view>& unreadable;
    size_t count(const std::string& p) const { return snap.documents.count(p) + unreadable.count(p); }
  } present{snap, unreadable};

  auto doc_at = [&](const std::string& p) -> const Document* {
    auto it = snap.documents.find(p);
    return it == snap.documents.end() ? nullptr : &it->second;
  };
  // Copied, not moved: two kinds may share a review root, and so a folder path.
  auto take_actions = [&](PeriodFolder& f, const std::string& p) {
    if (auto it = actions_of.find(p); it != actions_of.end())
      f.action_items.insert(f.action_items.end(), it->second.begin(), it->second.end());
  };
  for (auto& [key, f] : folders) {
    const std::string minutes = f.path + "/minutes.md", actions = f.path + "/actions.md",
                      skipped = f.path + "/SKIPPED.md";
    f.minutes = doc_at(minutes);
    f.actions = doc_at(actions);
    f.skipped = doc_at(skipped);
    f.has_minutes = present.count(minutes) > 0;
    f.has_actions = present.count(actions) > 0;
    f.has_skipped = present.count(skipped) > 0;
    f.minutes_keys = snap.keys(minutes);
    f.actions_keys = snap.keys(actions);
    f.skipped_keys = snap.keys(skipped);
    if (f.minutes) {
      auto d = snap.deferred.find(minutes);
      f.actions_section = d != snap.deferred.end() ? d->second.actions_section : has_actions_section(*f.minutes);
    }
    take_actions(f, actions);
    take_actions(f, minutes);
    snap.folders.push_back(std::move(f));
  }
  std::sort(snap.folders.begin(), snap.folders.end(), [](const PeriodFolder& a, const PeriodFolder& b) {
    return std::tie(a.kind, a.name) < std::tie(b.kind, b.name);
  });

  snap.backlog_present = present.count(cfg.backlog_path) > 0;
  if (!cfg.backlog_archive.empty()) snap.archive_present = present.count(cfg.backlog_archive) > 0;
  snap.risks_present = present.count(cfg.risk_path) > 0;

  // Relative link targets are resolved (by the workers) once, so that rules never ask the source.
  for (const std::string& t : targets)
    if (present.count(t) || source.exists(t)) snap.existing_targets.insert(t);
  return snap;
}

size_t load_deferred(Snapshot& snap, const Source& source, const Config& cfg, const std::set<std::string>* only) {
  // The files to load: those asked for, and a period file's whole folder (both its files).
  std::set<std::string> folders;
  std::vector<Job> jobs;
  for (const auto& [path, d] : snap.deferred) {
    const Role role = static_cast<Role>(d.role);
    const std::string folder = folder_of(path);
    if (only && !only->count(path) && !(role == Role::Period && only->count(folder))) continue;
    if (role == Role::Period) folders.insert(folder);
  }
  for (const auto& [path, d] : snap.deferred) {
    const Role role = static_cast<Role>(d.role);
    const std::string folder = folder_of(path);
    if (only && !only->count(path) && !(role == Role::Period && folders.count(folder))) continue;
    jobs.push_back({path, role, role == Role::Period ? folder.substr(folder.rfind('/') + 1) : std::string(), {}, {},
                    d.encoded, d.sum, false});
  }
  std::map<std::string, std::vector<Action>> actions_of;
  for (Job& j : jobs) {
    ParsedFile p = decode_deferred(source, cfg, j);
    snap.deferred.erase(j.path);
    if (!p.doc) continue;  // cannot happen for a deferred file, whose head held a document
    snap.documents.at(j.path) = std::move(*p.doc);  // in place: the folders point at it
    if (j.role == Role::Backlog) snap.backlog = std::move(p.entries);
    if (j.role == Role::Archive) snap.archive = std::move(p.entries);
    if (j.role == Role::Period) actions_of.emplace(j.path, std::move(p.actions));
  }
  // As build_snapshot() assembles them: the actions file's first, then the minutes'.
  for (PeriodFolder& f : snap.folders) {
    if (!folders.count(f.path)) continue;
    for (const char* name : {"/actions.md", "/minutes.md"})
      if (auto it = actions_of.find(f.path + name); it != actions_of.end())
        f.action_items.insert(f.action_items.end(), it->second.begin(), it->second.end());
  }
  return jobs.size();
}

}  // namespace opslint
