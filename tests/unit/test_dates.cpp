// Unit tests for parsing and printing dates and durations (bmc/dates.hpp).
#include "bmc/dates.hpp"
#include "bmc/errors.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace {

using bmc::Date;
using bmc::Interval;
using Unit = bmc::Interval::Unit;

Date d(const char* iso) {
    return bmc::parse_iso_date(iso);
}

std::string show(Date date) {
    return bmc::format_date(date);
}

} // namespace

// Evaluates `expr`, which must throw bmc::UsageError (exit code 2) whose message contains
// `fragment`. Any other exception escapes and fails the test case.
#define CHECK_USAGE_ERROR(expr, fragment)                                                          \
    do {                                                                                           \
        try {                                                                                      \
            static_cast<void>(expr);                                                               \
            FAIL_CHECK("expected bmc::UsageError from: " #expr);                                   \
        } catch (const bmc::UsageError& e) {                                                       \
            CHECK(e.code() == 2);                                                                  \
            CHECK(e.code() == bmc::exit_usage);                                                    \
            CHECK_THAT(std::string(e.what()), Catch::Contains(fragment));                          \
            CHECK_FALSE(e.hint().empty());                                                         \
        }                                                                                          \
    } while (false)

// ---------------------------------------------------------------------------------------------
// parse_iso_date
// ---------------------------------------------------------------------------------------------

TEST_CASE("ISO dates that exist are accepted", "[dates]") {
    CHECK(bmc::parse_iso_date("2026-03-14") == date::year{2026} / 3 / 14);
    CHECK(bmc::parse_iso_date("2025-10-31") == date::year{2025} / 10 / 31);
    CHECK(bmc::parse_iso_date("2026-12-31") == date::year{2026} / 12 / 31);
    CHECK(bmc::parse_iso_date("2026-01-01") == date::year{2026} / 1 / 1);
    CHECK(bmc::parse_iso_date("2026-04-30") == date::year{2026} / 4 / 30);
    CHECK(bmc::parse_iso_date("0001-01-01") == date::year{1} / 1 / 1);
    CHECK(bmc::parse_iso_date("9999-12-31") == date::year{9999} / 12 / 31);
}

TEST_CASE("29 February is accepted only in leap years", "[dates]") {
    CHECK(bmc::parse_iso_date("2028-02-29") == date::year{2028} / 2 / 29);
    CHECK(bmc::parse_iso_date("2024-02-29") == date::year{2024} / 2 / 29);
    CHECK(bmc::parse_iso_date("2000-02-29") == date::year{2000} / 2 / 29);
    CHECK_USAGE_ERROR(bmc::parse_iso_date("2026-02-29"), "2026-02-29");
    CHECK_USAGE_ERROR(bmc::parse_iso_date("2100-02-29"), "2100-02-29");
    CHECK_USAGE_ERROR(bmc::parse_iso_date("1900-02-29"), "1900-02-29");
}

TEST_CASE("ISO dates tolerate surrounding white space", "[dates]") {
    CHECK(bmc::parse_iso_date("  2026-03-14") == date::year{2026} / 3 / 14);
    CHECK(bmc::parse_iso_date("2026-03-14\n") == date::year{2026} / 3 / 14);
}

TEST_CASE("calendar dates that do not exist are rejected", "[dates]") {
    CHECK_USAGE_ERROR(bmc::parse_iso_date("2026-02-30"), "2026-02-30");
    CHECK_USAGE_ERROR(bmc::parse_iso_date("2026-02-30"), "does not exist");
    CHECK_USAGE_ERROR(bmc::parse_iso_date("2026-13-01"), "2026-13-01");
    CHECK_USAGE_ERROR(bmc::parse_iso_date("2026-00-10"), "2026-00-10");
    CHECK_USAGE_ERROR(bmc::parse_iso_date("2026-01-00"), "2026-01-00");
    CHECK_USAGE_ERROR(bmc::parse_iso_date("2026-01-32"), "2026-01-32");
    CHECK_USAGE_ERROR(bmc::parse_iso_date("2026-04-31"), "2026-04-31");
    CHECK_USAGE_ERROR(bmc::parse_iso_date("2026-99-99"), "2026-99-99");
}

TEST_CASE("year zero is rejected", "[dates]") {
    CHECK_USAGE_ERROR(bmc::parse_iso_date("0000-01-01"), "0000-01-01");
}

TEST_CASE("malformed ISO dates are rejected", "[dates]") {
    SECTION("not zero padded") {
        CHECK_USAGE_ERROR(bmc::parse_iso_date("2026-1-5"), "2026-1-5");
        CHECK_USAGE_ERROR(bmc::parse_iso_date("2026-01-5"), "2026-01-5");
        CHECK_USAGE_ERROR(bmc::parse_iso_date("2026-1-05"), "2026-1-05");
        CHECK_USAGE_ERROR(bmc::parse_iso_date("26-01-05"), "26-01-05");
    }
    SECTION("junk") {
        CHECK_USAGE_ERROR(bmc::parse_iso_date("junk"), "junk");
        CHECK_USAGE_ERROR(bmc::parse_iso_date("not-a-date"), "not-a-date");
        CHECK_USAGE_ERROR(bmc::parse_iso_date("2026-03-1a"), "2026-03-1a");
        CHECK_USAGE_ERROR(bmc::parse_iso_date("+026-03-14"), "+026-03-14");
        CHECK_USAGE_ERROR(bmc::parse_iso_date("-026-03-14"), "-026-03-14");
    }
    SECTION("wrong separators or extra text") {
        CHECK_USAGE_ERROR(bmc::parse_iso_date("2026/03/14"), "2026/03/14");
        CHECK_USAGE_ERROR(bmc::parse_iso_date("20260314"), "20260314");
        CHECK_USAGE_ERROR(bmc::parse_iso_date("2026-03-14T10:00"), "2026-03-14T10:00");
        CHECK_USAGE_ERROR(bmc::parse_iso_date("2026-03-14 junk"), "2026-03-14 junk");
        CHECK_USAGE_ERROR(bmc::parse_iso_date("12026-03-14"), "12026-03-14");
    }
    SECTION("empty or blank") {
        CHECK_USAGE_ERROR(bmc::parse_iso_date(""), "''");
        CHECK_USAGE_ERROR(bmc::parse_iso_date("   "), "invalid date");
    }
}

TEST_CASE("date errors name the option and quote the text", "[dates]") {
    SECTION("malformed") {
        try {
            bmc::parse_iso_date("2026-1-5", "--date");
            FAIL("expected bmc::UsageError");
        } catch (const bmc::UsageError& e) {
            CHECK(std::string(e.what()) == "invalid --date '2026-1-5'");
            CHECK_THAT(e.hint(), Catch::Contains("YYYY-MM-DD"));
        }
    }
    SECTION("does not exist") {
        try {
            bmc::parse_iso_date("2026-02-30", "--met-on");
            FAIL("expected bmc::UsageError");
        } catch (const bmc::UsageError& e) {
            CHECK(std::string(e.what()) == "--met-on '2026-02-30' does not exist");
            CHECK_FALSE(e.hint().empty());
        }
    }
    SECTION("control characters in the bad text are made visible") {
        try {
            bmc::parse_iso_date("\x1b[2J", "--date");
            FAIL("expected bmc::UsageError");
        } catch (const bmc::UsageError& e) {
            CHECK(std::string(e.what()) == "invalid --date '\\x1b[2J'");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// parse_date
// ---------------------------------------------------------------------------------------------

TEST_CASE("today, yesterday and tomorrow count from the given today", "[dates]") {
    const Date today = d("2026-03-31");
    CHECK(show(bmc::parse_date("today", today)) == "2026-03-31");
    CHECK(show(bmc::parse_date("yesterday", today)) == "2026-03-30");
    CHECK(show(bmc::parse_date("tomorrow", today)) == "2026-04-01");
    CHECK(show(bmc::parse_date("  today  ", today)) == "2026-03-31");

    SECTION("across a year boundary") {
        CHECK(show(bmc::parse_date("yesterday", d("2026-01-01"))) == "2025-12-31");
        CHECK(show(bmc::parse_date("tomorrow", d("2026-12-31"))) == "2027-01-01");
    }
    SECTION("across a leap day") {
        CHECK(show(bmc::parse_date("tomorrow", d("2028-02-28"))) == "2028-02-29");
        CHECK(show(bmc::parse_date("yesterday", d("2028-03-01"))) == "2028-02-29");
        CHECK(show(bmc::parse_date("yesterday", d("2026-03-01"))) == "2026-02-28");
    }
}

TEST_CASE("relative dates count back from today", "[dates]") {
    const Date today = d("2026-03-31");
    CHECK(show(bmc::parse_date("3 days ago", today)) == "2026-03-28");
    CHECK(show(bmc::parse_date("1 day ago", today)) == "2026-03-30");
    CHECK(show(bmc::parse_date("2 weeks ago", today)) == "2026-03-17");
    CHECK(show(bmc::parse_date("1 week ago", today)) == "2026-03-24");
    CHECK(show(bmc::parse_date("1 month ago", today)) == "2026-02-28");
    CHECK(show(bmc::parse_date("3 months ago", today)) == "2025-12-31");
    CHECK(show(bmc::parse_date("1 year ago", today)) == "2025-03-31");
    CHECK(show(bmc::parse_date("2 years ago", today)) == "2024-03-31");
    CHECK(show(bmc::parse_date("40 days ago", today)) == "2026-02-19");

    SECTION("short units are accepted too") {
        CHECK(show(bmc::parse_date("3d ago", today)) == "2026-03-28");
        CHECK(show(bmc::parse_date("2w ago", today)) == "2026-03-17");
    }
    SECTION("a month back from 31 March in a leap year is 29 February") {
        CHECK(show(bmc::parse_date("1 month ago", d("2028-03-31"))) == "2028-02-29");
    }
    SECTION("a year back from a leap day is clamped to 28 February") {
        CHECK(show(bmc::parse_date("1 year ago", d("2028-02-29"))) == "2027-02-28");
    }
}

TEST_CASE("parse_date accepts ISO dates", "[dates]") {
    const Date today = d("2026-03-31");
    CHECK(show(bmc::parse_date("2026-03-14", today)) == "2026-03-14");
    CHECK(show(bmc::parse_date("2030-01-01", today)) == "2030-01-01");
    CHECK(show(bmc::parse_date("2028-02-29", today)) == "2028-02-29");
}

TEST_CASE("parse_date rejects what it cannot read", "[dates]") {
    const Date today = d("2026-03-31");
    CHECK_USAGE_ERROR(bmc::parse_date("2026-02-30", today), "2026-02-30");
    CHECK_USAGE_ERROR(bmc::parse_date("2026-1-5", today), "2026-1-5");
    CHECK_USAGE_ERROR(bmc::parse_date("junk", today), "junk");
    CHECK_USAGE_ERROR(bmc::parse_date("", today), "''");
    CHECK_USAGE_ERROR(bmc::parse_date("ago", today), "ago");
    CHECK_USAGE_ERROR(bmc::parse_date("3 ago", today), "3 ago");
    CHECK_USAGE_ERROR(bmc::parse_date("three days ago", today), "three days ago");
    CHECK_USAGE_ERROR(bmc::parse_date("-3 days ago", today), "-3 days ago");
    CHECK_USAGE_ERROR(bmc::parse_date("3 fortnights ago", today), "3 fortnights ago");
    CHECK_USAGE_ERROR(bmc::parse_date("3 days", today), "3 days");
    CHECK_USAGE_ERROR(bmc::parse_date("3 days hence", today), "3 days hence");
    CHECK_USAGE_ERROR(bmc::parse_date("100001 days ago", today), "100001 days ago");
    CHECK_USAGE_ERROR(bmc::parse_date("the day before yesterday", today), "the day before");

    SECTION("the option name appears in the message") {
        CHECK_USAGE_ERROR(bmc::parse_date("junk", today, "--date"), "invalid --date 'junk'");
        CHECK_USAGE_ERROR(bmc::parse_date("3 parsecs ago", today, "--date"),
                          "invalid --date '3 parsecs ago'");
    }
}

// ---------------------------------------------------------------------------------------------
// parse_interval
// ---------------------------------------------------------------------------------------------

TEST_CASE("the interval limits are 3653 days and 120 months", "[dates]") {
    CHECK(bmc::max_interval_days == 3653);
    CHECK(bmc::max_interval_months == 120);
}

TEST_CASE("durations are parsed in short and long forms", "[dates]") {
    CHECK(bmc::parse_interval("10d") == Interval{10, Unit::days});
    CHECK(bmc::parse_interval("6w") == Interval{6, Unit::weeks});
    CHECK(bmc::parse_interval("4m") == Interval{4, Unit::months});
    CHECK(bmc::parse_interval("1y") == Interval{1, Unit::years});
    CHECK(bmc::parse_interval("10 days") == Interval{10, Unit::days});
    CHECK(bmc::parse_interval("6 weeks") == Interval{6, Unit::weeks});
    CHECK(bmc::parse_interval("4 months") == Interval{4, Unit::months});
    CHECK(bmc::parse_interval("2 years") == Interval{2, Unit::years});
    CHECK(bmc::parse_interval("1 day") == Interval{1, Unit::days});
    CHECK(bmc::parse_interval("1 week") == Interval{1, Unit::weeks});
    CHECK(bmc::parse_interval("1 month") == Interval{1, Unit::months});
    CHECK(bmc::parse_interval("1 year") == Interval{1, Unit::years});
    CHECK(bmc::parse_interval("6 w") == Interval{6, Unit::weeks});
    CHECK(bmc::parse_interval("  4m  ") == Interval{4, Unit::months});
}

TEST_CASE("durations at the limits are accepted", "[dates]") {
    CHECK(bmc::parse_interval("1d") == Interval{1, Unit::days});
    CHECK(bmc::parse_interval("3653d") == Interval{3653, Unit::days});
    CHECK(bmc::parse_interval("521w") == Interval{521, Unit::weeks});
    CHECK(bmc::parse_interval("120m") == Interval{120, Unit::months});
    CHECK(bmc::parse_interval("10y") == Interval{10, Unit::years});
}

TEST_CASE("zero durations are rejected", "[dates]") {
    CHECK_USAGE_ERROR(bmc::parse_interval("0d"), "'0d' is zero");
    CHECK_USAGE_ERROR(bmc::parse_interval("0w"), "'0w'");
    CHECK_USAGE_ERROR(bmc::parse_interval("0m"), "'0m'");
    CHECK_USAGE_ERROR(bmc::parse_interval("0 years"), "'0 years'");
}

TEST_CASE("durations longer than 10 years are rejected", "[dates]") {
    CHECK_USAGE_ERROR(bmc::parse_interval("999y"), "'999y' is too long");
    CHECK_USAGE_ERROR(bmc::parse_interval("11y"), "'11y' is too long");
    CHECK_USAGE_ERROR(bmc::parse_interval("121m"), "'121m' is too long");
    CHECK_USAGE_ERROR(bmc::parse_interval("3654d"), "'3654d' is too long");
    CHECK_USAGE_ERROR(bmc::parse_interval("522w"), "'522w' is too long");
    CHECK_USAGE_ERROR(bmc::parse_interval("999999d"), "'999999d' is too long");
    CHECK_USAGE_ERROR(bmc::parse_interval("999999y"), "'999999y' is too long");
    CHECK_USAGE_ERROR(bmc::parse_interval("9999999d"), "'9999999d'");
}

TEST_CASE("malformed durations are rejected", "[dates]") {
    CHECK_USAGE_ERROR(bmc::parse_interval("-3d"), "invalid duration '-3d'");
    CHECK_USAGE_ERROR(bmc::parse_interval("+3d"), "invalid duration '+3d'");
    CHECK_USAGE_ERROR(bmc::parse_interval("5x"), "invalid duration '5x'");
    CHECK_USAGE_ERROR(bmc::parse_interval("m"), "invalid duration 'm'");
    CHECK_USAGE_ERROR(bmc::parse_interval(""), "invalid duration ''");
    CHECK_USAGE_ERROR(bmc::parse_interval("1.5m"), "invalid duration '1.5m'");
    CHECK_USAGE_ERROR(bmc::parse_interval("4"), "invalid duration '4'");
    CHECK_USAGE_ERROR(bmc::parse_interval("d4"), "invalid duration 'd4'");
    CHECK_USAGE_ERROR(bmc::parse_interval("4mo"), "invalid duration '4mo'");
    CHECK_USAGE_ERROR(bmc::parse_interval("4 m m"), "invalid duration '4 m m'");
    CHECK_USAGE_ERROR(bmc::parse_interval("four months"), "invalid duration 'four months'");
    CHECK_USAGE_ERROR(bmc::parse_interval("2026-03-14"), "invalid duration '2026-03-14'");

    SECTION("the option name appears in the message") {
        CHECK_USAGE_ERROR(bmc::parse_interval("5x", "--every"), "invalid --every '5x'");
        CHECK_USAGE_ERROR(bmc::parse_interval("0d", "--every"), "--every '0d' is zero");
        CHECK_USAGE_ERROR(bmc::parse_interval("11y", "--every"), "--every '11y' is too long");
    }
}

// ---------------------------------------------------------------------------------------------
// parse_date_or_duration
// ---------------------------------------------------------------------------------------------

TEST_CASE("a duration is counted forward from today", "[dates]") {
    const Date today = d("2026-03-31");
    CHECK(show(bmc::parse_date_or_duration("2w", today, "--until")) == "2026-04-14");
    CHECK(bmc::parse_date_or_duration("2w", today, "--until") == bmc::add_days(today, 14));
    CHECK(show(bmc::parse_date_or_duration("10d", today, "--until")) == "2026-04-10");
    CHECK(show(bmc::parse_date_or_duration("1m", today, "--until")) == "2026-04-30");
    CHECK(show(bmc::parse_date_or_duration("1y", today, "--until")) == "2027-03-31");
    CHECK(show(bmc::parse_date_or_duration("3 weeks", today, "--until")) == "2026-04-21");
    CHECK(show(bmc::parse_date_or_duration(" 2w ", today, "--until")) == "2026-04-14");
}

TEST_CASE("a duration of any spelling length is still a duration", "[dates]") {
    // "100 months" and "1000 days" are as long as an ISO date; they must not be read as one.
    const Date today = d("2026-03-31");
    CHECK(show(bmc::parse_date_or_duration("100 months", today, "--until")) == "2034-07-31");
    CHECK(show(bmc::parse_date_or_duration("1000 days", today, "--until")) == "2028-12-25");
    CHECK(show(bmc::parse_date_or_duration("100 weeks", today, "--until")) == "2028-02-29");
}

TEST_CASE("a date is taken as given", "[dates]") {
    const Date today = d("2026-03-31");
    CHECK(show(bmc::parse_date_or_duration("2026-05-01", today, "--until")) == "2026-05-01");
    CHECK(show(bmc::parse_date_or_duration("2028-02-29", today, "--until")) == "2028-02-29");
    CHECK(show(bmc::parse_date_or_duration("tomorrow", today, "--until")) == "2026-04-01");
    CHECK(show(bmc::parse_date_or_duration("today", today, "--until")) == "2026-03-31");
    CHECK(show(bmc::parse_date_or_duration("3 days ago", today, "--until")) == "2026-03-28");
    CHECK(show(bmc::parse_date_or_duration("30 days ago", today, "--until")) == "2026-03-01");
}

TEST_CASE("parse_date_or_duration rejects bad text with the right message", "[dates]") {
    const Date today = d("2026-03-31");
    CHECK_USAGE_ERROR(bmc::parse_date_or_duration("0d", today, "--until"), "--until '0d' is zero");
    CHECK_USAGE_ERROR(bmc::parse_date_or_duration("11y", today, "--until"),
                      "--until '11y' is too long");
    CHECK_USAGE_ERROR(bmc::parse_date_or_duration("5x", today, "--until"), "invalid --until '5x'");
    CHECK_USAGE_ERROR(bmc::parse_date_or_duration("2026-02-30", today, "--until"),
                      "--until '2026-02-30' does not exist");
    CHECK_USAGE_ERROR(bmc::parse_date_or_duration("junk", today, "--until"),
                      "invalid --until 'junk'");
    CHECK_USAGE_ERROR(bmc::parse_date_or_duration("", today, "--until"), "invalid --until ''");

    SECTION("a badly written date gets the date hint, not the duration hint") {
        try {
            bmc::parse_date_or_duration("2026-3-5", today, "--until");
            FAIL("expected bmc::UsageError");
        } catch (const bmc::UsageError& e) {
            CHECK(std::string(e.what()) == "invalid --until '2026-3-5'");
            CHECK_THAT(e.hint(), Catch::Contains("YYYY-MM-DD"));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// format_date, days_between, add_days
// ---------------------------------------------------------------------------------------------

TEST_CASE("format_date prints zero-padded YYYY-MM-DD", "[dates]") {
    CHECK(bmc::format_date(date::year{2026} / 3 / 5) == "2026-03-05");
    CHECK(bmc::format_date(date::year{2026} / 12 / 31) == "2026-12-31");
    CHECK(bmc::format_date(date::year{2026} / 1 / 1) == "2026-01-01");
    CHECK(bmc::format_date(date::year{999} / 9 / 9) == "0999-09-09");
    CHECK(bmc::format_date(date::year{1} / 1 / 1) == "0001-01-01");
    CHECK(bmc::format_date(date::year{2028} / 2 / 29) == "2028-02-29");
}

TEST_CASE("format_date and parse_iso_date round-trip", "[dates]") {
    for (const char* iso : {"2026-03-14", "2028-02-29", "0001-01-01", "9999-12-31", "2026-10-01"}) {
        INFO("date = " << iso);
        CHECK(bmc::format_date(bmc::parse_iso_date(iso)) == iso);
    }
}

TEST_CASE("days_between counts whole days with a sign", "[dates]") {
    CHECK(bmc::days_between(d("2026-03-14"), d("2026-03-24")) == 10);
    CHECK(bmc::days_between(d("2026-03-24"), d("2026-03-14")) == -10);
    CHECK(bmc::days_between(d("2026-03-14"), d("2026-03-14")) == 0);
    CHECK(bmc::days_between(d("2026-03-14"), d("2026-03-15")) == 1);
    CHECK(bmc::days_between(d("2026-03-15"), d("2026-03-14")) == -1);
    CHECK(bmc::days_between(d("2026-01-01"), d("2027-01-01")) == 365);
    CHECK(bmc::days_between(d("2028-01-01"), d("2029-01-01")) == 366);
    CHECK(bmc::days_between(d("2028-02-28"), d("2028-03-01")) == 2);
    CHECK(bmc::days_between(d("2026-02-28"), d("2026-03-01")) == 1);
    CHECK(bmc::days_between(d("2025-12-31"), d("2026-01-01")) == 1);
    CHECK(bmc::days_between(d("2036-03-14"), d("2026-03-14")) == -3653);
}

TEST_CASE("add_days shifts by whole days in both directions", "[dates]") {
    CHECK(show(bmc::add_days(d("2026-03-14"), 1)) == "2026-03-15");
    CHECK(show(bmc::add_days(d("2026-03-14"), -1)) == "2026-03-13");
    CHECK(show(bmc::add_days(d("2026-03-14"), 0)) == "2026-03-14");
    CHECK(show(bmc::add_days(d("2026-12-31"), 1)) == "2027-01-01");
    CHECK(show(bmc::add_days(d("2026-01-01"), -1)) == "2025-12-31");
    CHECK(show(bmc::add_days(d("2028-02-28"), 1)) == "2028-02-29");
    CHECK(show(bmc::add_days(d("2026-02-28"), 1)) == "2026-03-01");
    CHECK(show(bmc::add_days(d("2026-03-01"), -1)) == "2026-02-28");
    CHECK(show(bmc::add_days(d("2026-03-14"), 365)) == "2027-03-14");
    CHECK(bmc::days_between(d("2026-03-14"), bmc::add_days(d("2026-03-14"), 500)) == 500);
}
