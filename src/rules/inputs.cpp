// Input digests of the memoised checks: each lists what its check reads (see inputs.h).
#include "rules/inputs.h"

#include "engine/parse_codec.h"
#include "rules/checks.h"
#include "util/binary_io.h"

namespace opslint {

namespace {

// What every digest starts with: the config (its file's digest; the binary is in the memo's
// fingerprint) and the local day (overdue rules).
Writer start(const LintContext& ctx, std::string_view what) {
  Writer w;
  w.str(what);
  w.u64(ctx.cfg.digest);
  w.u64(static_cast<uint64_t>(ctx.today.time_since_epoch().count()));
  return w;
}

void folder_head(Writer& w, const PeriodFolder& f) {
  w.u8(static_cast<uint8_t>(f.kind));
  w.str(f.name);
  w.str(f.path);
  w.u8(f.period ? 1 : 0);
}

}  // namespace

// A folder's actions (or only their IDs): the digests of its two files' actions when the cache
// has both (a file that was not parsed holds none), else the actions themselves.
void digest_actions(Writer& w, const PeriodFolder& f, bool ids_only) {
  const FileKeys* a = f.actions_keys;
  const FileKeys* m = f.minutes_keys;
  if ((a || !f.actions) && (m || !f.minutes)) {
    auto digest = [&](const FileKeys* k) { return !k ? 0 : ids_only ? k->action_ids : k->actions; };
    w.u8(1);
    w.u64(digest(a));
    w.u64(digest(m));
    return;
  }
  w.u8(0);
  w.u32(static_cast<uint32_t>(f.action_items.size()));
  for (const Action& x : f.action_items) ids_only ? w.str(x.id) : encode(w, x);
}

// The entries (or only their IDs) of the backlog, the archive or the register at `path`.
void digest_entries(Writer& w, const Snapshot& s, const std::string& path, const std::vector<Entry>& list,
                    bool ids_only) {
  if (const FileKeys* k = s.keys(path)) {
    w.u8(1);
    w.u64(ids_only ? k->entry_ids : k->entries);
    return;
  }
  w.u8(0);
  w.u32(static_cast<uint32_t>(list.size()));
  for (const Entry& e : list) ids_only ? w.str(e.id) : encode(w, e);
}

void digest_front_matter(Writer& w, const Document& d, const FileKeys* k) {
  if (k) {
    w.u8(1);
    w.u64(k->front_matter);
    return;
  }
  w.u8(0);
  encode(w, d.front_matter);
}

namespace {

// check_actions: every action, the meeting day of its folder, the backlog's IDs and presence.
uint64_t actions_inputs(const LintContext& ctx) {
  Writer w = start(ctx, "actions");
  const Snapshot& s = ctx.snap;
  for (const PeriodFolder& f : s.folders) {
    folder_head(w, f);
    const auto day = meeting_day(f);
    w.u64(day ? static_cast<uint64_t>(day->time_since_epoch().count()) + 1 : 0);
    digest_actions(w, f);
  }
  digest_entries(w, s, ctx.cfg.backlog_path, s.backlog, true);
  digest_entries(w, s, ctx.cfg.backlog_archive, s.archive, true);
  w.u8(s.documents.count(ctx.cfg.backlog_path) ? 1 : 0);
  w.u8(s.documents.count(ctx.cfg.backlog_archive) ? 1 : 0);
  w.u8(s.archive_present ? 1 : 0);
  w.u8(s.backlog_present ? 1 : 0);
  return checksum(w.bytes());
}

// check_repeated_actions: every action and its folder.
uint64_t repeated_inputs(const LintContext& ctx) {
  Writer w = start(ctx, "repeated");
  for (const PeriodFolder& f : ctx.snap.folders) {
    folder_head(w, f);
    digest_actions(w, f);
  }
  return checksum(w.bytes());
}

// check_backlog: the folders (and which of their files could be read), their actions' IDs, the
// backlog's and the archive's entries.
uint64_t backlog_inputs(const LintContext& ctx) {
  Writer w = start(ctx, "backlog");
  for (const PeriodFolder& f : ctx.snap.folders) {
    folder_head(w, f);
    w.u8(static_cast<uint8_t>(f.has_minutes | (f.minutes != nullptr) << 1 | f.has_actions << 2 |
                              (f.actions != nullptr) << 3));
    digest_actions(w, f, true);
  }
  digest_entries(w, ctx.snap, ctx.cfg.backlog_path, ctx.snap.backlog);
  digest_entries(w, ctx.snap, ctx.cfg.backlog_archive, ctx.snap.archive);
  return checksum(w.bytes());
}

}  // namespace

std::optional<uint64_t> family_inputs(const LintContext& ctx, std::string_view family) {
  if (family == "actions") return actions_inputs(ctx);
  if (family == "repeated") return repeated_inputs(ctx);
  if (family == "backlog") return backlog_inputs(ctx);
  return std::nullopt;
}

uint64_t document_shared_inputs(const LintContext& ctx) {
  Writer w = start(ctx, "minutes");
  w.u32(static_cast<uint32_t>(ctx.snap.existing_targets.size()));
  for (const auto& t : ctx.snap.existing_targets) w.str(t);
  return checksum(w.bytes());
}

// check_minutes for one folder: its minutes and skip record, by content id (their parse is a
// function of it and the parse cache's fingerprint, which the memo's fingerprint includes).
std::optional<uint64_t> minutes_folder_inputs(const PeriodFolder& f, uint64_t shared) {
  Writer w;
  w.u64(shared);
  folder_head(w, f);
  for (const auto& [d, k] : {std::pair{f.minutes, f.minutes_keys}, std::pair{f.skipped, f.skipped_keys}}) {
    if (!d) {
      w.u8(0);
      continue;
    }
    if (!k) return std::nullopt;
    w.u8(1);
    w.str(d->path);
    w.str(k->content_id);
  }
  return checksum(w.bytes());
}

// check_links for one document: its links (by its content id) and which link targets exist.
std::optional<uint64_t> links_document_inputs(const LintContext& ctx, const Document& d, uint64_t shared) {
  const FileKeys* k = ctx.snap.keys(d.path);
  if (!k) return std::nullopt;
  Writer w;
  w.str("links");
  w.u64(shared);
  w.str(d.path);
  w.str(k->content_id);
  return checksum(w.bytes());
}

}  // namespace opslint
