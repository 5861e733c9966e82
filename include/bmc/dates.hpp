// Parsing and printing of calendar dates and durations as users type them.
// Pure functions: "today" is always passed in. Errors are UsageError with a hint.
#pragma once

#include "bmc/domain.hpp"

#include <string>
#include <string_view>

namespace bmc {

// Limits for intervals: at least 1 day, at most 10 years (3653 days / 120 months).
inline constexpr int max_interval_days = 3653;
inline constexpr int max_interval_months = 120;

// Parses "YYYY-MM-DD" strictly (zero-padded, a real calendar date). Throws UsageError naming
// `what` (e.g. "--date") on anything else, including 2026-02-30 and 2026-13-01.
Date parse_iso_date(std::string_view text, std::string_view what = "date");

// Parses what a user may type for a date: "YYYY-MM-DD", "today", "yesterday", "tomorrow",
// "N day(s)|week(s)|month(s)|year(s) ago". Relative forms count from `today`. Throws UsageError.
Date parse_date(std::string_view text, Date today, std::string_view what = "date");

// Parses a duration "10d", "6w", "4m", "1y" (also "10 days", "6 weeks"...). The count must be
// positive and the interval within the limits above. Throws UsageError.
Interval parse_interval(std::string_view text, std::string_view what = "duration");

// Parses "DUR" (counted from today) or a date; used by `snooze` and `--within`-like options.
Date parse_date_or_duration(std::string_view text, Date today, std::string_view what);

// "YYYY-MM-DD".
std::string format_date(Date d);

// Whole days from `from` to `to` (negative when `to` is earlier).
int days_between(Date from, Date to);

// A date shifted by whole days.
Date add_days(Date d, int days);

} // namespace bmc
