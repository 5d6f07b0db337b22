// Calendar dates, instants and time zones (Howard Hinnant's date library underneath).
#pragma once
#include <chrono>

#include <date/date.h>
#include <optional>
#include <string>
#include <string_view>

#include "util/result.h"

namespace opslint {

using Day = date::sys_days;
using Instant = std::chrono::sys_seconds;

// Strict YYYY-MM-DD; nullopt when malformed or not a real date (2026-02-30).
std::optional<Day> parse_day(std::string_view s);
// An action's date as teams write it, when unambiguous: 2026-12-01, 2026/12/01, 1 Dec 2026,
// Dec 1, 2026, December 1st, 2026. Ambiguous (12/01/2026) and relative (next Friday) forms are not.
std::optional<Day> parse_written_day(std::string_view s);
// Why `s` is no date parse_written_day() reads, with the ISO form to write instead where one
// follows: both readings of 12/01/2026, the day "next Friday" means after `from`.
std::string written_day_problem(std::string_view s, Day from);
// True when s has the YYYY-MM-DD shape, whether or not it is a real date.
bool looks_like_day(std::string_view s);
std::string format_day(Day d);
std::string format_instant(Instant t);  // 2026-11-24T15:00:00Z
// Strict HH:MM; minutes since midnight.
std::optional<int> parse_hhmm(std::string_view s);
bool valid_timezone(const std::string& name);
// Reads the system's time zone database now rather than on the first zone lookup (~4 ms: it lists
// /usr/share/zoneinfo), so that a start-up thread can do it while other work goes on.
void prepare_time_zones();
// The instant at which local wall-clock time (day + minutes) happens in zone tz.
Result<Instant> local_to_instant(Day day, int minutes, const std::string& tz);
// The local calendar day of an instant in zone tz.
Day local_day(Instant t, const std::string& tz);
// "2026-11-26 18:05 CET": local wall-clock time in zone tz with the zone's abbreviation.
std::string format_local(Instant t, const std::string& tz);
// ISO 8601 date (local midnight in tz) or date-time with Z / ±HH:MM offset (without one: in tz).
Result<Instant> parse_timestamp(std::string_view s, const std::string& tz);
Instant clock_now();

}  // namespace opslint
