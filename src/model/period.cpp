// Review periods and their calendar arithmetic (ISO weeks through date/iso_week.h).
#include "model/period.h"

#include <date/date.h>
#include <date/iso_week.h>
#include <fmt/format.h>
#include <re2/re2.h>

namespace opslint {

std::string_view kind_name(Kind k) {
  switch (k) {
    case Kind::Weekly: return "weekly";
    case Kind::Monthly: return "monthly";
    case Kind::Quarterly: return "quarterly";
  }
  return "weekly";
}

std::optional<Kind> kind_from_name(std::string_view s) {
  for (Kind k : kAllKinds)
    if (kind_name(k) == s) return k;
  return std::nullopt;
}

int iso_weeks_in_year(int year) {
  return static_cast<int>(static_cast<unsigned>(iso_week::year_lastweek{iso_week::year{year}}.weeknum()));
}

std::optional<Period> Period::parse(Kind kind, std::string_view name) {
  static const RE2 year_num(R"((\d{4})-(\d{2}))");
  static const RE2 year_quarter(R"((\d{4})-Q(\d))");
  int year = 0, idx = 0;
  switch (kind) {
    case Kind::Weekly:
      if (!RE2::FullMatch(name, year_num, &year, &idx) || idx < 1 || idx > iso_weeks_in_year(year))
        return std::nullopt;
      break;
    case Kind::Monthly:
      if (!RE2::FullMatch(name, year_num, &year, &idx) || idx < 1 || idx > 12) return std::nullopt;
      break;
    case Kind::Quarterly:
      if (!RE2::FullMatch(name, year_quarter, &year, &idx) || idx < 1 || idx > 4) return std::nullopt;
      break;
  }
  if (year < 1900 || year > 9999) return std::nullopt;
  return Period{kind, year, idx};
}

Period Period::containing(Kind kind, Day day) {
  switch (kind) {
    case Kind::Weekly: {
      const iso_week::year_weeknum_weekday iw{day};
      return {kind, static_cast<int>(iw.year()), static_cast<int>(static_cast<unsigned>(iw.weeknum()))};
    }
    case Kind::Monthly: {
      const date::year_month_day ymd{day};
      return {kind, static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month()))};
    }
    case Kind::Quarterly: {
      const date::year_month_day ymd{day};
      return {kind, static_cast<int>(ymd.year()), static_cast<int>((static_cast<unsigned>(ymd.month()) - 1) / 3 + 1)};
    }
  }
  return {};
}

std::string Period::name() const {
  return kind == Kind::Quarterly ? fmt::format("{:04}-Q{}", year, index) : fmt::format("{:04}-{:02}", year, index);
}

Day Period::first_day() const {
  switch (kind) {
    case Kind::Weekly:
      return Day{iso_week::year{year} / iso_week::weeknum{static_cast<unsigned>(index)} / iso_week::mon};
    case Kind::Monthly:
      return Day{date::year{year} / date::month{static_cast<unsigned>(index)} / 1};
    case Kind::Quarterly:
      return Day{date::year{year} / date::month{static_cast<unsigned>((index - 1) * 3 + 1)} / 1};
  }
  return {};
}

Period Period::next() const { return containing(kind, last_day() + date::days{1}); }

Day Period::last_day() const {
  switch (kind) {
    case Kind::Weekly: return first_day() + date::days{6};
    case Kind::Monthly:
      return Day{date::year{year} / date::month{static_cast<unsigned>(index)} / date::last};
    case Kind::Quarterly:
      return Day{date::year{year} / date::month{static_cast<unsigned>(index * 3)} / date::last};
  }
  return {};
}

}  // namespace opslint
