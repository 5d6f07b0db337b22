// Periods: ISO week edge cases, months, quarters.
#include <doctest/doctest.h>

#include "model/period.h"

using namespace opslint;

TEST_CASE("ISO week names follow the ISO week-numbering year") {
  CHECK(Period::parse(Kind::Weekly, "2026-53"));  // 2026 has 53 ISO weeks
  CHECK_FALSE(Period::parse(Kind::Weekly, "2025-53"));
  CHECK_FALSE(Period::parse(Kind::Weekly, "2026-54"));
  CHECK_FALSE(Period::parse(Kind::Weekly, "2026-00"));
  CHECK_FALSE(Period::parse(Kind::Weekly, "2026-W48"));
  CHECK_FALSE(Period::parse(Kind::Weekly, "2026-5"));
  CHECK(iso_weeks_in_year(2026) == 53);
  CHECK(iso_weeks_in_year(2025) == 52);
  CHECK(Period::containing(Kind::Weekly, *parse_day("2027-01-01")).name() == "2026-53");
  CHECK(Period::containing(Kind::Weekly, *parse_day("2024-12-30")).name() == "2025-01");
  CHECK(Period::containing(Kind::Weekly, *parse_day("2026-11-24")).name() == "2026-48");
  const auto w = *Period::parse(Kind::Weekly, "2026-48");
  CHECK(format_day(w.first_day()) == "2026-11-23");
  CHECK(format_day(w.last_day()) == "2026-11-29");
  CHECK(w.next().name() == "2026-49");
  CHECK(Period::parse(Kind::Weekly, "2026-53")->next().name() == "2027-01");
}

TEST_CASE("months and quarters") {
  CHECK(Period::parse(Kind::Monthly, "2026-11"));
  CHECK_FALSE(Period::parse(Kind::Monthly, "2026-13"));
  CHECK_FALSE(Period::parse(Kind::Monthly, "2026-00"));
  CHECK(Period::parse(Kind::Quarterly, "2026-Q4"));
  CHECK_FALSE(Period::parse(Kind::Quarterly, "2026-Q5"));
  CHECK_FALSE(Period::parse(Kind::Quarterly, "2026-Q0"));
  const auto q = *Period::parse(Kind::Quarterly, "2026-Q4");
  CHECK(format_day(q.first_day()) == "2026-10-01");
  CHECK(format_day(q.last_day()) == "2026-12-31");
  CHECK(q.next().name() == "2027-Q1");
  const auto feb = *Period::parse(Kind::Monthly, "2028-02");
  CHECK(format_day(feb.last_day()) == "2028-02-29");
  CHECK(Period::containing(Kind::Quarterly, *parse_day("2026-05-31")).name() == "2026-Q2");
}

TEST_CASE("dates and timestamps") {
  CHECK(parse_day("2026-02-28"));
  CHECK_FALSE(parse_day("2026-02-30"));
  CHECK_FALSE(parse_day("2026-2-3"));
  CHECK_FALSE(parse_day("26-02-03"));
  CHECK(parse_hhmm("15:00") == 900);
  CHECK_FALSE(parse_hhmm("24:00"));
  CHECK(format_instant(*parse_timestamp("2026-11-24T15:00:00Z", "UTC")) == "2026-11-24T15:00:00Z");
  CHECK(format_instant(*parse_timestamp("2026-11-24T15:00+01:00", "UTC")) == "2026-11-24T14:00:00Z");
  // A bare date means local midnight in the configured zone.
  CHECK(format_instant(*parse_timestamp("2026-11-24", "Europe/Berlin")) == "2026-11-23T23:00:00Z");
  CHECK(format_instant(*parse_timestamp("2026-07-01T12:00", "Europe/Berlin")) == "2026-07-01T10:00:00Z");
  CHECK_FALSE(parse_timestamp("yesterday", "UTC"));
  CHECK_FALSE(parse_timestamp("2026-13-01", "UTC"));
  CHECK_FALSE(local_to_instant(*parse_day("2026-11-24"), 0, "Mars/Olympus"));
  CHECK(format_day(local_day(*parse_timestamp("2026-11-24T23:30:00Z", "UTC"), "Europe/Berlin")) == "2026-11-25");
}
