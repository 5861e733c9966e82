#include "bmc/dates.hpp"

#include "bmc/errors.hpp"
#include "bmc/scheduler.hpp"
#include "bmc/text.hpp"

#include <cctype>
#include <charconv>
#include <cstdio>
#include <string>

namespace bmc {

namespace {

bool all_digits(std::string_view s) {
    if (s.empty()) {
        return false;
    }
    for (char c : s) {
        if (!std::isdigit(static_cast<unsigned char>(c))) {
            return false;
        }
    }
    return true;
}

// Parses a small non-negative decimal number; nullopt on overflow or junk.
std::optional<int> parse_count(std::string_view s) {
    if (!all_digits(s) || s.size() > 6) {
        return std::nullopt;
    }
    int value = 0;
    std::from_chars(s.data(), s.data() + s.size(), value);
    return value;
}

std::optional<Interval::Unit> parse_unit(std::string_view word) {
    using U = Interval::Unit;
    if (word == "d" || word == "day" || word == "days") {
        return U::days;
    }
    if (word == "w" || word == "week" || word == "weeks") {
        return U::weeks;
    }
    if (word == "m" || word == "month" || word == "months") {
        return U::months;
    }
    if (word == "y" || word == "year" || word == "years") {
        return U::years;
    }
    return std::nullopt;
}

// Splits "6w", "6 w", "6 weeks" into count and unit word.
std::optional<std::pair<int, Interval::Unit>> split_amount(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
        ++i;
    }
    auto count = parse_count(s.substr(0, i));
    if (!count) {
        return std::nullopt;
    }
    auto unit = parse_unit(trim(s.substr(i)));
    if (!unit) {
        return std::nullopt;
    }
    return std::make_pair(*count, *unit);
}

int approx_days(const Interval& interval) {
    switch (interval.unit) {
    case Interval::Unit::days:
        return interval.count;
    case Interval::Unit::weeks:
        return interval.count * 7;
    case Interval::Unit::months:
        return interval.count * 30;
    case Interval::Unit::years:
        return interval.count * 365;
    }
    return interval.count;
}

} // namespace

Date parse_iso_date(std::string_view text, std::string_view what) {
    const std::string_view s = trim(text);
    const auto fail = [&] {
        return UsageError("invalid " + std::string(what) + " " + quote(text),
                          "use a calendar date as YYYY-MM-DD, e.g. 2026-03-14");
    };
    if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !all_digits(s.substr(0, 4)) ||
        !all_digits(s.substr(5, 2)) || !all_digits(s.substr(8, 2))) {
        throw fail();
    }
    const int y = *parse_count(s.substr(0, 4));
    const auto m = static_cast<unsigned>(*parse_count(s.substr(5, 2)));
    const auto d = static_cast<unsigned>(*parse_count(s.substr(8, 2)));
    const Date result{date::year{y}, date::month{m}, date::day{d}};
    if (y < 1 || !result.ok()) {
        throw UsageError(std::string(what) + " " + quote(text) + " does not exist",
                         "check the month (01-12) and the day of that month");
    }
    return result;
}

Date parse_date(std::string_view text, Date today, std::string_view what) {
    const std::string_view s = trim(text);
    if (s == "today") {
        return today;
    }
    if (s == "yesterday") {
        return add_days(today, -1);
    }
    if (s == "tomorrow") {
        return add_days(today, 1);
    }
    constexpr std::string_view ago = " ago";
    if (s.size() > ago.size() && s.substr(s.size() - ago.size()) == ago) {
        const auto amount = split_amount(trim(s.substr(0, s.size() - ago.size())));
        if (!amount || amount->first > 100000) {
            throw UsageError("invalid " + std::string(what) + " " + quote(text),
                             "write e.g. '3 days ago', '2 weeks ago' or '1 month ago'");
        }
        const Interval back{-amount->first, amount->second};
        const Date result = add_interval(today, back);
        if (result.year() < date::year{1}) {
            throw UsageError(std::string(what) + " " + quote(text) + " is before the year 1",
                             "use a date from year 1 on, e.g. '3 years ago' or 2020-05-01");
        }
        return result;
    }
    return parse_iso_date(s, what);
}

Interval parse_interval(std::string_view text, std::string_view what) {
    const auto amount = split_amount(trim(text));
    if (!amount) {
        throw UsageError("invalid " + std::string(what) + " " + quote(text),
                         "write a number and a unit: 10d, 6w, 4m or 1y");
    }
    const Interval interval{amount->first, amount->second};
    if (interval.count <= 0) {
        throw UsageError(std::string(what) + " " + quote(text) + " is zero",
                         "use at least 1 day, e.g. 1d or 2w");
    }
    const bool too_long =
        (interval.unit == Interval::Unit::months || interval.unit == Interval::Unit::years)
            ? interval.count * (interval.unit == Interval::Unit::years ? 12 : 1) >
                  max_interval_months
            : approx_days(interval) > max_interval_days;
    if (too_long) {
        throw UsageError(std::string(what) + " " + quote(text) + " is too long",
                         "use at most 10 years (10y, 120m or 3653d)");
    }
    return interval;
}

Date parse_date_or_duration(std::string_view text, Date today, std::string_view what) {
    const std::string_view s = trim(text);
    // A duration starts with a digit; dates ("2026-03-14", "2026-3-5") contain '-' and relative
    // dates end in " ago". Deciding by length would misroute "100 months" or "30 days ago".
    const bool duration = !s.empty() && std::isdigit(static_cast<unsigned char>(s.front())) &&
                          s.find('-') == std::string_view::npos && !s.ends_with(" ago");
    if (duration) {
        return add_interval(today, parse_interval(s, what));
    }
    return parse_date(s, today, what);
}

std::string format_date(Date d) {
    const int y = static_cast<int>(d.year());
    const auto m = static_cast<unsigned>(d.month());
    const auto day = static_cast<unsigned>(d.day());
    if (y < 0 || y > 9999) {
        char buf[24];
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, day);
        return buf;
    }
    // Hand-written: export formats millions of dates.
    std::string out = "0000-00-00";
    const auto digit = [](unsigned v) { return static_cast<char>('0' + v); };
    const auto year = static_cast<unsigned>(y);
    out[0] = digit(year / 1000);
    out[1] = digit(year / 100 % 10);
    out[2] = digit(year / 10 % 10);
    out[3] = digit(year % 10);
    out[5] = digit(m / 10);
    out[6] = digit(m % 10);
    out[8] = digit(day / 10);
    out[9] = digit(day % 10);
    return out;
}

int days_between(Date from, Date to) {
    return static_cast<int>((date::sys_days{to} - date::sys_days{from}).count());
}

Date add_days(Date d, int days) {
    return Date{date::sys_days{d} + date::days{days}};
}

} // namespace bmc
