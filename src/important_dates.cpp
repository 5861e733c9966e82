#include "bmc/important_dates.hpp"

#include "bmc/errors.hpp"
#include "bmc/text.hpp"

#include <cstdio>
#include <string>

namespace bmc {

namespace {

// Reads exactly `width` digits at `pos`; -1 when they are not all digits.
int digits_at(std::string_view s, std::size_t pos, std::size_t width) {
    if (pos + width > s.size()) {
        return -1;
    }
    int value = 0;
    for (std::size_t k = pos; k < pos + width; ++k) {
        if (s[k] < '0' || s[k] > '9') {
            return -1;
        }
        value = value * 10 + (s[k] - '0');
    }
    return value;
}

[[noreturn]] void bad(std::string_view text, std::string_view what) {
    throw UsageError(std::string(what) + " must be YYYY-MM-DD or --MM-DD (without the year), not " +
                         quote(text),
                     "e.g. 1990-03-14 or --03-14");
}

} // namespace

YearlyDate parse_yearly_date(std::string_view text, std::string_view what) {
    const std::string_view s = trim(text);
    YearlyDate out;
    std::string_view month_day;
    if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
        const int year = digits_at(s, 0, 4);
        if (year < 1) {
            bad(text, what);
        }
        out.year = year;
        month_day = s.substr(5);
    } else if (s.size() == 7 && s.substr(0, 2) == "--" && s[4] == '-') {
        month_day = s.substr(2);
    } else if (s.size() == 5 && s[2] == '-') {
        month_day = s;
    } else {
        bad(text, what);
    }
    const int month = digits_at(month_day, 0, 2);
    const int day = digits_at(month_day, 3, 2);
    if (month < 1 || month > 12 || day < 1) {
        bad(text, what);
    }
    out.month = static_cast<unsigned>(month);
    out.day = static_cast<unsigned>(day);
    // Without a year, check against a leap year so that --02-29 is accepted.
    const date::year check_year = out.year ? date::year{*out.year} : date::year{2000};
    if (!date::year_month_day{check_year, date::month{out.month}, date::day{out.day}}.ok()) {
        throw UsageError(std::string(what) + " " + quote(text) + " is not a real date",
                         "check the month and the day, e.g. 1990-03-14 or --02-29");
    }
    return out;
}

std::string format_yearly_date(const YearlyDate& d) {
    char buf[16];
    if (d.year) {
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", *d.year, d.month, d.day);
    } else {
        std::snprintf(buf, sizeof buf, "--%02u-%02u", d.month, d.day);
    }
    return buf;
}

Date occurrence_in(const YearlyDate& d, date::year year) {
    if (d.month == 2 && d.day == 29 && !year.is_leap()) {
        return Date{year, date::February, date::day{28}};
    }
    return Date{year, date::month{d.month}, date::day{d.day}};
}

Date next_occurrence(const YearlyDate& d, Date from) {
    date::year year = from.year();
    if (d.year && date::year{*d.year} > year) {
        year = date::year{*d.year};
    }
    Date occurrence = occurrence_in(d, year);
    if (date::sys_days{occurrence} < date::sys_days{from}) {
        occurrence = occurrence_in(d, year + date::years{1});
    }
    return occurrence;
}

std::optional<int> years_at(const YearlyDate& d, Date occurrence) {
    if (!d.year) {
        return std::nullopt;
    }
    return static_cast<int>(occurrence.year()) - *d.year;
}

std::string month_day(const YearlyDate& d) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02u-%02u", d.month, d.day);
    return buf;
}

std::vector<std::pair<std::string, std::string>> month_day_ranges(Date from, Date until) {
    const auto md = [](Date d) {
        return month_day(
            {std::nullopt, static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day())});
    };
    std::vector<std::pair<std::string, std::string>> out;
    if (date::sys_days{until} < date::sys_days{from}) {
        return out;
    }
    if (date::sys_days{until} - date::sys_days{from} >= date::days{365}) {
        return {{"01-01", "12-31"}};
    }
    if (from.year() == until.year()) {
        out.emplace_back(md(from), md(until));
    } else {
        out.emplace_back(md(from), "12-31");
        out.emplace_back("01-01", md(until));
    }
    for (const auto& [lo, hi] : out) {
        if (lo <= "02-28" && "02-28" <= hi && !(lo <= "02-29" && "02-29" <= hi)) {
            out.emplace_back("02-29", "02-29");
            break;
        }
    }
    return out;
}

bool is_birthday_label(std::string_view label) {
    return fold_case(trim(label)) == birthday_label;
}

} // namespace bmc
