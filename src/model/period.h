// Review periods: ISO weeks (YYYY-WW), calendar months (YYYY-MM) and quarters (YYYY-QN).
#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "util/dates.h"

namespace opslint {

enum class Kind { Weekly, Monthly, Quarterly };
inline constexpr std::array<Kind, 3> kAllKinds = {Kind::Weekly, Kind::Monthly, Kind::Quarterly};

std::string_view kind_name(Kind k);  // "weekly", "monthly", "quarterly"
std::optional<Kind> kind_from_name(std::string_view s);

struct Period {
  Kind kind = Kind::Weekly;
  int year = 0;
  int index = 0;  // ISO week, month or quarter number

  static std::optional<Period> parse(Kind kind, std::string_view name);
  static Period containing(Kind kind, Day day);
  std::string name() const;
  Day first_day() const;
  Day last_day() const;
  bool contains(Day d) const { return d >= first_day() && d <= last_day(); }
  Period next() const;
  auto operator<=>(const Period&) const = default;
};

// Number of ISO weeks in an ISO week-numbering year (52 or 53).
int iso_weeks_in_year(int year);

}  // namespace opslint
