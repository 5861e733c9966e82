// Unit tests for the yearly recurrence of important dates (bmc/important_dates.hpp): parsing
// YYYY-MM-DD and --MM-DD, the next occurrence at month ends, across the year end and in leap
// years (29 February is observed on 28 February in other years), and the month-day ranges
// that narrow the "coming up" query.
#include "bmc/dates.hpp"
#include "bmc/errors.hpp"
#include "bmc/important_dates.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace {

using bmc::YearlyDate;

bmc::Date d(const char* iso) {
    return bmc::parse_iso_date(iso);
}

std::string next(const char* yearly, const char* from) {
    return bmc::format_date(bmc::next_occurrence(bmc::parse_yearly_date(yearly, "date"), d(from)));
}

} // namespace

TEST_CASE("parse_yearly_date reads dates with and without a year", "[important_dates]") {
    CHECK(bmc::parse_yearly_date("1990-03-14", "x") == YearlyDate{1990, 3, 14});
    CHECK(bmc::parse_yearly_date("--03-14", "x") == YearlyDate{std::nullopt, 3, 14});
    CHECK(bmc::parse_yearly_date("03-14", "x") == YearlyDate{std::nullopt, 3, 14});
    CHECK(bmc::parse_yearly_date("--02-29", "x") == YearlyDate{std::nullopt, 2, 29});
    CHECK(bmc::parse_yearly_date("2000-02-29", "x") == YearlyDate{2000, 2, 29});
    CHECK(bmc::format_yearly_date({1990, 3, 14}) == "1990-03-14");
    CHECK(bmc::format_yearly_date({std::nullopt, 2, 9}) == "--02-09");
}

TEST_CASE("parse_yearly_date refuses what is not a real day of the year", "[important_dates]") {
    for (const char* bad : {"2001-02-29", "--02-30", "--13-01", "--00-10", "--04-31", "1990-3-14",
                            "14/03/1990", "", "--0314", "0000-01-01", "tomorrow"}) {
        INFO(bad);
        CHECK_THROWS_AS(bmc::parse_yearly_date(bad, "--birthday"), bmc::UsageError);
    }
    CHECK_THROWS_WITH(bmc::parse_yearly_date("--02-30", "--birthday"),
                      "--birthday '--02-30' is not a real date");
    CHECK_THROWS_WITH(bmc::parse_yearly_date("May 1st", "--birthday"),
                      "--birthday must be YYYY-MM-DD or --MM-DD (without the year), not 'May 1st'");
}

TEST_CASE("next_occurrence is this year's date, or next year's once it has passed",
          "[important_dates]") {
    CHECK(next("--03-14", "2026-03-13") == "2026-03-14");
    CHECK(next("--03-14", "2026-03-14") == "2026-03-14"); // today counts
    CHECK(next("--03-14", "2026-03-15") == "2027-03-14");
    CHECK(next("1990-03-14", "2026-11-22") == "2027-03-14");
}

TEST_CASE("next_occurrence at month ends and across the year end", "[important_dates]") {
    CHECK(next("--01-31", "2026-01-31") == "2026-01-31");
    CHECK(next("--04-30", "2026-05-01") == "2027-04-30");
    CHECK(next("--12-31", "2026-12-30") == "2026-12-31");
    CHECK(next("--01-03", "2026-12-30") == "2027-01-03"); // wraps into the new year
    CHECK(next("--01-01", "2026-12-31") == "2027-01-01");
}

TEST_CASE("29 February is observed on 28 February in years that are not leap years",
          "[important_dates]") {
    CHECK(bmc::format_date(bmc::occurrence_in({2000, 2, 29}, date::year{2027})) == "2027-02-28");
    CHECK(bmc::format_date(bmc::occurrence_in({2000, 2, 29}, date::year{2028})) == "2028-02-29");
    CHECK(bmc::format_date(bmc::occurrence_in({2000, 2, 29}, date::year{2100})) == "2100-02-28");
    CHECK(bmc::format_date(bmc::occurrence_in({2000, 2, 29}, date::year{2400})) == "2400-02-29");
    CHECK(next("2000-02-29", "2027-02-01") == "2027-02-28");
    CHECK(next("2000-02-29", "2027-02-28") == "2027-02-28");
    CHECK(next("2000-02-29", "2027-03-01") == "2028-02-29");
    CHECK(next("--02-29", "2028-02-29") == "2028-02-29");
    CHECK(next("--02-29", "2028-03-01") == "2029-02-28");
    // 28 February itself is unaffected by leap years.
    CHECK(next("--02-28", "2028-02-29") == "2029-02-28");
}

TEST_CASE("a date with a future year first comes up on the date itself", "[important_dates]") {
    CHECK(next("2028-06-12", "2026-11-22") == "2028-06-12");
    CHECK(next("2026-12-01", "2026-11-22") == "2026-12-01");
}

TEST_CASE("years_at counts whole years at an occurrence, only when the year is known",
          "[important_dates]") {
    CHECK(bmc::years_at({1990, 3, 14}, d("2027-03-14")) == 37);
    CHECK(bmc::years_at({2000, 2, 29}, d("2027-02-28")) == 27);
    CHECK_FALSE(bmc::years_at({std::nullopt, 3, 14}, d("2027-03-14")).has_value());
}

TEST_CASE("month_day_ranges covers the window, wrapping at the year end", "[important_dates]") {
    using Ranges = std::vector<std::pair<std::string, std::string>>;
    CHECK(bmc::month_day_ranges(d("2026-11-22"), d("2026-11-29")) == Ranges{{"11-22", "11-29"}});
    CHECK(bmc::month_day_ranges(d("2026-12-30"), d("2027-01-06")) ==
          Ranges{{"12-30", "12-31"}, {"01-01", "01-06"}});
    // 28 February in a window of a non-leap year also brings in the 29 February dates.
    CHECK(bmc::month_day_ranges(d("2027-02-25"), d("2027-02-28")) ==
          Ranges{{"02-25", "02-28"}, {"02-29", "02-29"}});
    CHECK(bmc::month_day_ranges(d("2028-02-25"), d("2028-03-03")) == Ranges{{"02-25", "03-03"}});
    CHECK(bmc::month_day_ranges(d("2026-01-01"), d("2027-01-01")) == Ranges{{"01-01", "12-31"}});
    CHECK(bmc::month_day_ranges(d("2026-01-02"), d("2026-01-01")).empty());
}

TEST_CASE("is_birthday_label ignores case and spaces", "[important_dates]") {
    CHECK(bmc::is_birthday_label("birthday"));
    CHECK(bmc::is_birthday_label(" Birthday "));
    CHECK_FALSE(bmc::is_birthday_label("birthday party"));
}
