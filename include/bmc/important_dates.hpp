// Important dates that come back every year: birthdays, anniversaries, the day someone started a
// new job. Pure calendar rules: no I/O, no clock; "today" is always passed in. See
// docs/practices.md ("Important dates") for the rules in words.
#pragma once

#include "bmc/domain.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bmc {

// A day of the year, with the year when it is known ("1990-03-14") or without ("--03-14").
struct YearlyDate {
    std::optional<int> year;
    unsigned month = 1;
    unsigned day = 1;

    friend bool operator==(const YearlyDate&, const YearlyDate&) = default;
};

// Parses "YYYY-MM-DD" (a real calendar date) or "--MM-DD" / "MM-DD" (no year; 02-29 is allowed,
// 02-30 is not). Throws UsageError naming `what` (e.g. "--birthday").
YearlyDate parse_yearly_date(std::string_view text, std::string_view what);

// "1990-03-14", or "--03-14" when the year is not known (the ISO 8601 form without a year).
std::string format_yearly_date(const YearlyDate& d);

// The day it is observed in `year`: the same month and day, except that 29 February is observed
// on 28 February in years that are not leap years.
Date occurrence_in(const YearlyDate& d, date::year year);

// The first occurrence on or after `from`. When the year is known, never before the date itself
// (a wedding planned for next June first comes up next June).
Date next_occurrence(const YearlyDate& d, Date from);

// Whole years between the date and one of its occurrences ("turns 37", "10 years"); nullopt when
// the year is not known.
std::optional<int> years_at(const YearlyDate& d, Date occurrence);

// The month-day ranges ("MM-DD", both ends included) that the days from `from` to `until` cover,
// plus "02-29" when 28 February is covered: a superset of the dates that can come up in that
// window, used to narrow a query. One range covering the year when the window is a year or longer.
std::vector<std::pair<std::string, std::string>> month_day_ranges(Date from, Date until);

// "MM-DD" of a date, the form month_day_ranges() compares.
std::string month_day(const YearlyDate& d);

// A labelled important date of one person. The label "birthday" is the one `--birthday` sets.
struct ImportantDate {
    std::int64_t contact_id = 0;
    std::string label; // as the user typed it, e.g. "anniversary"
    YearlyDate date;
};

// Longest label of an important date, in bytes.
inline constexpr std::size_t max_date_label_bytes = 100;

// The label `--birthday` stores its date under.
inline constexpr std::string_view birthday_label = "birthday";

// Whether a label names the birthday (case-insensitive).
bool is_birthday_label(std::string_view label);

} // namespace bmc
