// Calendar dates, instants and time zones.
#include "util/dates.h"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace opslint {

namespace {
int to_int(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}
bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}
}  // namespace

bool looks_like_day(std::string_view s) {
  return s.size() == 10 && s[4] == '-' && s[7] == '-' && all_digits(s.substr(0, 4)) && all_digits(s.substr(5, 2)) &&
         all_digits(s.substr(8, 2));
}

std::optional<Day> parse_day(std::string_view s) {
  if (!looks_like_day(s)) return std::nullopt;
  const date::year_month_day ymd{date::year{to_int(s.substr(0, 4))},
                                 date::month{static_cast<unsigned>(to_int(s.substr(5, 2)))},
                                 date::day{static_cast<unsigned>(to_int(s.substr(8, 2)))}};
  if (!ymd.ok()) return std::nullopt;
  return Day{ymd};
}

namespace {

std::optional<unsigned> month_of(std::string_view name) {
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  static constexpr std::string_view kFull[] = {"january", "february", "march",     "april",   "may",      "june",
                                               "july",    "august",   "september", "october", "november", "december"};
  std::string n;
  for (char c : name)
    if (c != '.') n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (unsigned i = 0; i < 12; ++i)
    if (n == kMonths[i] || n == kFull[i] || (i == 8 && n == "sept")) return i + 1;
  return std::nullopt;
}

std::optional<Day> ymd_day(int y, unsigned m, unsigned d) {
  const date::year_month_day ymd{date::year{y}, date::month{m}, date::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return Day{ymd};
}

}  // namespace

std::optional<Day> parse_written_day(std::string_view s) {
  if (auto d = parse_day(s)) return d;
  static const RE2 slashed(R"((\d{4})/(\d{1,2})/(\d{1,2}))");
  static const RE2 day_first(R"((\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+\.?),?\s+(\d{4}))");
  static const RE2 month_first(R"(([A-Za-z]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))");
  const re2::StringPiece in(s.data(), s.size());
  int y = 0;
  unsigned m = 0, d = 0;
  std::string name;
  if (RE2::FullMatch(in, slashed, &y, &m, &d)) return ymd_day(y, m, d);
  if (RE2::FullMatch(in, day_first, &d, &name, &y))
    if (auto mo = month_of(name)) return ymd_day(y, *mo, d);
  if (RE2::FullMatch(in, month_first, &name, &d, &y))
    if (auto mo = month_of(name)) return ymd_day(y, *mo, d);
  return std::nullopt;
}

std::string written_day_problem(std::string_view s, Day from) {
  static const RE2 numeric(R"((\d{1,2})[/.-](\d{1,2})[/.-](\d{4}))");
  static const RE2 next_day(R"((?i)(?:next|this|on)?\s*(mon|tues|wednes|thurs|fri|satur|sun)day)");
  unsigned a = 0, b = 0;
  int y = 0;
  const re2::StringPiece in(s.data(), s.size());
  if (RE2::FullMatch(in, numeric, &a, &b, &y)) {
    const auto md = ymd_day(y, a, b), dm = ymd_day(y, b, a);
    if (md && dm && a != b)
      return fmt::format("'{}' is ambiguous: write {} (month first) or {} (day first)", s, format_day(*md), format_day(*dm));
    if (md || dm) return fmt::format("'{}' is ambiguous in form: write {}", s, format_day(md ? *md : *dm));
    return fmt::format("'{}' is not a calendar date: write YYYY-MM-DD", s);
  }
  std::string wd;
  if (RE2::FullMatch(in, next_day, &wd)) {
    static constexpr std::string_view kDays[] = {"sun", "mon", "tues", "wednes", "thurs", "fri", "satur"};
    unsigned target = 0;
    for (unsigned i = 0; i < 7; ++i)
      if (wd.size() == kDays[i].size() && std::equal(wd.begin(), wd.end(), kDays[i].begin(), [](char x, char k) {
            return std::tolower(static_cast<unsigned char>(x)) == k;
          }))
        target = i;
    Day d = from + date::days{1};
    while (date::weekday{d}.c_encoding() != target) d += date::days{1};
    return fmt::format("'{}' is relative: write the day it means as YYYY-MM-DD ({} is the first {}day after {})", s,
                       format_day(d), wd, format_day(from));
  }
  const std::string low = [&] {
    std::string l;
    for (char c : s) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return l;
  }();
  if (low == "tomorrow")
    return fmt::format("'{}' is relative: write the day it means as YYYY-MM-DD ({})", s, format_day(from + date::days{1}));
  if (low == "today") return fmt::format("'{}' is relative: write the day it means as YYYY-MM-DD ({})", s, format_day(from));
  return fmt::format("'{}' is not a calendar date (YYYY-MM-DD)", s);
}

std::string format_day(Day d) { return date::format("%F", d); }

std::string format_instant(Instant t) { return date::format("%FT%TZ", t); }

std::optional<int> parse_hhmm(std::string_view s) {
  if (s.size() != 5 || s[2] != ':' || !all_digits(s.substr(0, 2)) || !all_digits(s.substr(3, 2))) return std::nullopt;
  const int h = to_int(s.substr(0, 2));
  const int m = to_int(s.substr(3, 2));
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

void prepare_time_zones() {
  try {
    (void)date::get_tzdb();
  } catch (const std::exception&) {
    // No database: the first lookup reports it, where the error can be placed.
  }
}

bool valid_timezone(const std::string& name) {
  try {
    (void)date::locate_zone(name);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

Result<Instant> local_to_instant(Day day, int minutes, const std::string& tz) {
  try {
    const auto* zone = date::locate_zone(tz);
    const date::local_seconds local{date::local_days{day.time_since_epoch()} + std::chrono::minutes{minutes}};
    // Wall-clock times skipped or repeated by a DST change resolve to the earliest instant.
    return std::chrono::floor<std::chrono::seconds>(zone->to_sys(local, date::choose::earliest));
  } catch (const std::exception& e) {
    return Error{fmt::format("unknown time zone '{}'", tz)};
  }
}

std::string format_local(Instant t, const std::string& tz) {
  try {
    return date::format("%F %H:%M %Z", date::make_zoned(date::locate_zone(tz), t));
  } catch (const std::exception&) {
    return date::format("%F %H:%M UTC", t);
  }
}

Day local_day(Instant t, const std::string& tz) {
  try {
    const auto local = date::locate_zone(tz)->to_local(t);
    return Day{std::chrono::floor<date::days>(local).time_since_epoch()};
  } catch (const std::exception&) {
    return std::chrono::floor<date::days>(t);
  }
}

Result<Instant> parse_timestamp(std::string_view s, const std::string& tz) {
  static const RE2 re(R"((\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?)");
  std::string day_s, hh, mm, ss, off;
  if (!RE2::FullMatch(s, re, &day_s, &hh, &mm, &ss, &off))
    return Error{fmt::format("invalid timestamp '{}': expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]", s)};
  const auto day = parse_day(day_s);
  if (!day) return Error{fmt::format("invalid timestamp '{}': {} is not a calendar date", s, day_s)};
  const int h = hh.empty() ? 0 : to_int(hh);
  const int m = mm.empty() ? 0 : to_int(mm);
  const int sec = ss.empty() ? 0 : to_int(ss);
  if (h > 23 || m > 59 || sec > 60) return Error{fmt::format("invalid timestamp '{}': time out of range", s)};
  if (off.empty()) {
    auto t = local_to_instant(*day, h * 60 + m, tz);
    if (!t) return t;
    return *t + std::chrono::seconds{sec};
  }
  Instant t = Instant{day->time_since_epoch()} + std::chrono::hours{h} + std::chrono::minutes{m} +
              std::chrono::seconds{sec};
  if (off != "Z") {
    const std::string digits = off.substr(1, 2) + off.substr(off.size() - 2);
    const int hours = to_int(digits.substr(0, 2));
    const int minutes = to_int(digits.substr(2, 2));
    // Real offsets run from -12:00 to +14:00.
    if (hours > 14 || minutes > 59 || (hours == 14 && minutes > 0))
      return Error{fmt::format("invalid timestamp '{}': UTC offset {} out of range (-12:00 to +14:00)", s, off)};
    const int shift = hours * 60 + minutes;
    t -= std::chrono::minutes{off[0] == '+' ? shift : -shift};
  }
  return t;
}

Instant clock_now() { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

}  // namespace opslint
