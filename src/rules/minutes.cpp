// OPS201–OPS207 (front matter, agenda, pre-read, evidence, time box, participants) and the
// monthly/quarterly specifics OPS701–OPS703.
#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <cstdint>

#include "markdown/document.h"
#include "markdown/ops_parse.h"
#include "rules/checks.h"
#include "util/regex_cache.h"
#include "util/text.h"

namespace opslint {

namespace {

using FM = FrontMatterValue;

const FM* field(const Document& d, const char* name) {
  auto it = d.front_matter.fields.find(name);
  return it == d.front_matter.fields.end() ? nullptr : &it->second;
}

void check_front_matter(LintContext& ctx, const PeriodFolder& f, const Document& d, bool skip_record) {
  const FrontMatter& fm = d.front_matter;
  if (fm.error) return;  // OPS002 already says why
  auto bad = [&](Pos pos, const std::string& msg, const char* subject) {
    ctx.report("OPS201", d.path, pos, msg, f.name, subject);
  };
  if (!fm.present) {
    bad({1, 1}, "no YAML front matter (review, date, chair, participants)", "front-matter");
    return;
  }
  const FM* review = field(d, "review");
  if (!review || review->type != FM::Type::Scalar || review->scalar.empty())
    bad({1, 1}, "front matter field 'review' is missing", "review");
  else if (!kind_from_name(review->scalar))
    bad(review->pos, fmt::format("'review' is '{}'; expected weekly, monthly or quarterly", review->scalar), "review");
  else if (review->scalar != kind_name(f.kind))
    bad(review->pos,
        fmt::format("'review' is '{}' but the folder is a {} period", review->scalar, kind_name(f.kind)), "review");

  const FM* date = field(d, "date");
  if (!date || date->type != FM::Type::Scalar || date->scalar.empty()) {
    bad({1, 1}, "front matter field 'date' is missing", "date");
  } else if (auto day = parse_day(date->scalar); !day) {
    bad(date->pos, fmt::format("'date' is '{}'; expected a calendar date YYYY-MM-DD", date->scalar), "date");
  } else if (f.period && !f.period->contains(*day)) {
    ctx.report("OPS202", d.path, date->pos,
               fmt::format("date {} is outside {} {} ({} to {})", date->scalar, kind_name(f.kind), f.name,
                           format_day(f.period->first_day()), format_day(f.period->last_day())),
               f.name, "date");
  }
  if (skip_record) return;

  const FM* chair = field(d, "chair");
  if (!chair || chair->type != FM::Type::Scalar || text::trim(chair->scalar).empty())
    bad(chair ? chair->pos : Pos{1, 1}, "front matter field 'chair' is missing or empty", "chair");
  const FM* participants = field(d, "participants");
  if (!participants || participants->type != FM::Type::Sequence || participants->sequence.empty())
    bad(participants ? participants->pos : Pos{1, 1},
        "front matter field 'participants' is missing or not a non-empty list", "participants");
  if (const FM* t = field(d, "time"); t && (t->type != FM::Type::Scalar || !parse_hhmm(t->scalar)))
    bad(t->pos, fmt::format("'time' is '{}'; expected HH:MM", t->scalar), "time");
  if (const FM* tz = field(d, "timezone"); tz && (tz->type != FM::Type::Scalar || !valid_timezone(tz->scalar)))
    bad(tz->pos, fmt::format("'timezone' is '{}'; expected an IANA time zone name", tz->scalar), "timezone");
  if (const FM* dur = field(d, "duration")) {
    static const RE2 whole_minutes(R"((\d{1,5}))");
    int minutes = 0;
    if (dur->type != FM::Type::Scalar || !RE2::FullMatch(dur->scalar, whole_minutes, &minutes) || minutes <= 0) {
      bad(dur->pos, fmt::format("'duration' is '{}'; expected whole minutes", dur->scalar), "duration");
    } else if (const int box = ctx.cfg.review(f.kind).timebox; minutes > box) {
      ctx.report("OPS206", d.path, dur->pos,
                 fmt::format("the review took {} minutes, over its {}-minute time box", minutes, box), f.name,
                 "duration");
    }
  }
  if (participants && participants->type == FM::Type::Sequence)
    for (const auto& who : ctx.cfg.review(f.kind).required_participants)
      if (std::find(participants->sequence.begin(), participants->sequence.end(), who) ==
          participants->sequence.end())
        ctx.report("OPS207", d.path, participants->pos, fmt::format("required participant {} is absent", who), f.name,
                   who);
}

const Section* find_section(const Document& d, std::string_view normalized) {
  for (const auto& s : d.sections)
    if (s.normalized == normalized) return &s;
  return nullptr;
}

bool is_record_file(std::string_view path) {
  return path.ends_with("/minutes.md") || path.ends_with("/actions.md") || path.ends_with("/SKIPPED.md");
}

bool has_evidence(const LintContext& ctx, const Document& d) {
  for (const Link& l : d.links) {
    if (l.url.starts_with("http://") || l.url.starts_with("https://")) return true;
    // A link to another review record is navigation, not evidence.
    if (auto t = resolve_link(d.path, l.url); t && !is_record_file(*t) && ctx.snap.existing_targets.count(*t))
      return true;
  }
  static const RE2 bare_url(R"(https?://[^\s<>()]+)");
  if (RE2::PartialMatch(d.text, bare_url)) return true;
  const RE2& incident = cached_regex(ctx.cfg.incident_pattern);
  return incident.ok() && RE2::PartialMatch(d.text, incident);
}

// Items under a section that must carry "key:" (rationale, measure).
void require_key(LintContext& ctx, const PeriodFolder& f, const Document& d, std::string_view section,
                 const char* key, std::string_view rule, std::string_view what) {
  const Section* s = find_section(d, section);
  if (!s) return;
  const RE2& re = cached_regex(fmt::format(R"((?i)\b{}\s*:\s*\S)", key));
  for (const auto& item : s->items)
    if (item.depth == 0 && !RE2::PartialMatch(item.text, re))
      ctx.report(rule, d.path, item.pos, fmt::format("{} '{}' has no '{}:'", what, item.text, key), f.name, item.text);
}

// A heading that matches no required section but is near `wanted` (normalised): "cost" for "cost
// deltas", "secuirty events" for "security events". For OPS203's did-you-mean.
const Section* near_miss(const Document& d, const std::string& wanted, const std::vector<std::string>& required) {
  const Section* best = nullptr;
  size_t best_score = SIZE_MAX;
  const auto wanted_words = text::letter_words(wanted);
  for (const Section& s : d.sections) {
    if (s.level != 2 || s.normalized.empty()) continue;
    bool matches_other = false;
    for (const auto& r : required) matches_other = matches_other || normalize_heading(r) == s.normalized;
    if (matches_other) continue;
    size_t score = text::edit_distance(s.normalized, wanted);
    const bool close = score <= std::max<size_t>(2, wanted.size() / 4);
    // A shortened heading: every one of its words is a word of the wanted one.
    const auto words = text::letter_words(s.normalized);
    bool subset = !words.empty();
    for (const auto& w : words)
      subset = subset && std::find(wanted_words.begin(), wanted_words.end(), w) != wanted_words.end();
    if (!close && !subset) continue;
    if (subset) score = std::min(score, wanted.size() - s.normalized.size());
    if (score < best_score) {
      best_score = score;
      best = &s;
    }
  }
  return best;
}

void check_held(LintContext& ctx, const PeriodFolder& f, const Document& d) {
  check_front_matter(ctx, f, d, false);
  const auto& required_sections = ctx.cfg.review(f.kind).sections;
  for (const auto& required : required_sections) {
    const std::string wanted = normalize_heading(required);
    if (find_section(d, wanted)) continue;
    const Section* near = near_miss(d, wanted, required_sections);
    ctx.report("OPS203", d.path, {1, 1},
               fmt::format("required section '## {}' is missing{}", required,
                           near ? fmt::format("; did you mean to rename '## {}' (line {})?", near->title, near->pos.line)
                                : std::string()),
               f.name, required);
  }
  for (const auto& s : d.sections) {
    if (!s.normalized.starts_with("pre-read")) continue;
    for (const auto& item : s.items)
      if (item.task && !item.checked)
        ctx.report("OPS204", d.path, item.pos, fmt::format("pre-read item not done: {}", item.text), f.name,
                   item.text);
  }
  if (!has_evidence(ctx, d)) {
    const Section* ev = find_section(d, "evidence");
    ctx.report("OPS205", d.path, ev ? ev->pos : Pos{1, 1},
               "the minutes record no evidence: no dashboard or run link, linked file, or incident ID", f.name);
  }
  if (f.kind == Kind::Monthly)
    require_key(ctx, f, d, "control tuning decisions", "rationale", "OPS701", "tuning decision");
  if (f.kind == Kind::Quarterly) {
    require_key(ctx, f, d, "commitments for next quarter", "measure", "OPS702", "commitment");
    if (const Section* locks = find_section(d, "regression locks"); locks && locks->items.empty())
      ctx.report("OPS703", d.path, locks->pos, "'Regression locks' lists no lock", f.name);
  }
}

}  // namespace

void check_minutes_folder(LintContext& ctx, const PeriodFolder& f) {
  if (!f.period) return;
  if (f.minutes) check_held(ctx, f, *f.minutes);
  if (f.skipped) check_front_matter(ctx, f, *f.skipped, true);
}

void check_minutes(LintContext& ctx) {
  for (const auto& f : ctx.snap.folders) check_minutes_folder(ctx, f);
}

}  // namespace opslint
