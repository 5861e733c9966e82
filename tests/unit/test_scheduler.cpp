// Unit tests for the reconnect rule (bmc/scheduler.hpp) and the domain values it is built on
// (bmc/domain.hpp: Strength, Interval, Initiator, via, Cadence).
#include "bmc/dates.hpp"
#include "bmc/domain.hpp"
#include "bmc/scheduler.hpp"

#include <catch2/catch.hpp>

#include <iterator>
#include <optional>
#include <string>

namespace {

using bmc::Date;
using bmc::Interval;
using Unit = bmc::Interval::Unit;

Date d(const char* iso) {
    return bmc::parse_iso_date(iso);
}

Interval days(int n) {
    return Interval{n, Unit::days};
}
Interval weeks(int n) {
    return Interval{n, Unit::weeks};
}
Interval months(int n) {
    return Interval{n, Unit::months};
}
Interval years(int n) {
    return Interval{n, Unit::years};
}

// "YYYY-MM-DD" of `d` plus `interval`, so failures print readable dates.
std::string plus(const char* iso, const Interval& interval) {
    return bmc::format_date(bmc::add_interval(d(iso), interval));
}

// An optional date as text ("none" when empty), so failures print readable values.
std::string show(const std::optional<Date>& date) {
    return date ? bmc::format_date(*date) : std::string("none");
}

std::string show(Date date) {
    return bmc::format_date(date);
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Domain values
// ---------------------------------------------------------------------------------------------

TEST_CASE("strength names round-trip and anything else is rejected", "[domain]") {
    CHECK(bmc::to_string(bmc::Strength::strong) == "strong");
    CHECK(bmc::to_string(bmc::Strength::medium) == "medium");
    CHECK(bmc::to_string(bmc::Strength::weak) == "weak");

    CHECK(bmc::parse_strength("strong") == bmc::Strength::strong);
    CHECK(bmc::parse_strength("medium") == bmc::Strength::medium);
    CHECK(bmc::parse_strength("weak") == bmc::Strength::weak);

    CHECK_FALSE(bmc::parse_strength("").has_value());
    CHECK_FALSE(bmc::parse_strength("Strong").has_value());
    CHECK_FALSE(bmc::parse_strength(" strong").has_value());
    CHECK_FALSE(bmc::parse_strength("strongest").has_value());
    CHECK_FALSE(bmc::parse_strength("close").has_value());
}

TEST_CASE("strength rank orders strong before medium before weak", "[domain]") {
    CHECK(bmc::rank(bmc::Strength::strong) == 0);
    CHECK(bmc::rank(bmc::Strength::medium) == 1);
    CHECK(bmc::rank(bmc::Strength::weak) == 2);
}

TEST_CASE("intervals print in short canonical form", "[domain]") {
    CHECK(bmc::to_string(days(10)) == "10d");
    CHECK(bmc::to_string(weeks(6)) == "6w");
    CHECK(bmc::to_string(months(4)) == "4m");
    CHECK(bmc::to_string(years(1)) == "1y");
    CHECK(bmc::to_string(months(120)) == "120m");
}

TEST_CASE("intervals describe themselves in words with correct plurals", "[domain]") {
    CHECK(bmc::describe(days(0)) == "0 days");
    CHECK(bmc::describe(days(1)) == "1 day");
    CHECK(bmc::describe(days(10)) == "10 days");
    CHECK(bmc::describe(weeks(1)) == "1 week");
    CHECK(bmc::describe(weeks(6)) == "6 weeks");
    CHECK(bmc::describe(months(1)) == "1 month");
    CHECK(bmc::describe(months(4)) == "4 months");
    CHECK(bmc::describe(years(1)) == "1 year");
    CHECK(bmc::describe(years(2)) == "2 years");
}

TEST_CASE("intervals compare by count and unit", "[domain]") {
    CHECK(months(4) == months(4));
    CHECK_FALSE(months(4) == months(5));
    CHECK_FALSE(months(4) == weeks(4));
    CHECK(Interval{} == days(0));
}

TEST_CASE("initiator names round-trip and anything else is rejected", "[domain]") {
    CHECK(bmc::to_string(bmc::Initiator::me) == "me");
    CHECK(bmc::to_string(bmc::Initiator::them) == "them");
    CHECK(bmc::parse_initiator("me") == bmc::Initiator::me);
    CHECK(bmc::parse_initiator("them") == bmc::Initiator::them);
    CHECK_FALSE(bmc::parse_initiator("").has_value());
    CHECK_FALSE(bmc::parse_initiator("Me").has_value());
    CHECK_FALSE(bmc::parse_initiator("they").has_value());
    CHECK_FALSE(bmc::parse_initiator("us").has_value());
}

TEST_CASE("via accepts exactly the documented channels", "[domain]") {
    for (const char* via :
         {"coffee", "call", "video", "email", "text", "social", "meeting", "event", "other"}) {
        INFO("via = " << via);
        CHECK(bmc::is_valid_via(via));
    }
    CHECK(std::size(bmc::via_values) == 9u);

    CHECK_FALSE(bmc::is_valid_via(""));
    CHECK_FALSE(bmc::is_valid_via("Coffee"));
    CHECK_FALSE(bmc::is_valid_via("phone"));
    CHECK_FALSE(bmc::is_valid_via("call "));
    CHECK_FALSE(bmc::is_valid_via("emails"));
}

TEST_CASE("default cadence is strong 4 months, medium 6 months, weak 9 months", "[domain]") {
    const bmc::Cadence cadence;
    CHECK(cadence.for_strength(bmc::Strength::strong) == months(4));
    CHECK(cadence.for_strength(bmc::Strength::medium) == months(6));
    CHECK(cadence.for_strength(bmc::Strength::weak) == months(9));
}

TEST_CASE("cadence returns the configured interval for each strength", "[domain]") {
    bmc::Cadence cadence;
    cadence.strong = weeks(3);
    cadence.medium = days(45);
    cadence.weak = years(2);
    CHECK(cadence.for_strength(bmc::Strength::strong) == weeks(3));
    CHECK(cadence.for_strength(bmc::Strength::medium) == days(45));
    CHECK(cadence.for_strength(bmc::Strength::weak) == years(2));
}

// ---------------------------------------------------------------------------------------------
// add_interval
// ---------------------------------------------------------------------------------------------

TEST_CASE("adding months clamps to the end of the target month", "[scheduler]") {
    SECTION("31 October + 4 months lands on 28 February in a common year") {
        CHECK(plus("2025-10-31", months(4)) == "2026-02-28");
    }
    SECTION("31 October + 4 months lands on 29 February in a leap year") {
        CHECK(plus("2027-10-31", months(4)) == "2028-02-29");
    }
    SECTION("31 January + 1 month lands on 28 February") {
        CHECK(plus("2026-01-31", months(1)) == "2026-02-28");
    }
    SECTION("31 January + 1 month lands on 29 February in a leap year") {
        CHECK(plus("2028-01-31", months(1)) == "2028-02-29");
    }
    SECTION("31 March + 1 month lands on 30 April") {
        CHECK(plus("2026-03-31", months(1)) == "2026-04-30");
    }
    SECTION("30 January + 1 month is clamped too") {
        CHECK(plus("2026-01-30", months(1)) == "2026-02-28");
    }
    SECTION("a day that exists in the target month is kept") {
        CHECK(plus("2026-01-28", months(1)) == "2026-02-28");
        CHECK(plus("2026-02-28", months(1)) == "2026-03-28");
        CHECK(plus("2025-10-15", months(4)) == "2026-02-15");
    }
    SECTION("clamping does not carry over: 31 Jan + 2 months is 31 March") {
        CHECK(plus("2026-01-31", months(2)) == "2026-03-31");
    }
}

TEST_CASE("adding months crosses year boundaries", "[scheduler]") {
    CHECK(plus("2026-12-15", months(3)) == "2027-03-15");
    CHECK(plus("2026-11-30", months(1)) == "2026-12-30");
    CHECK(plus("2026-12-31", months(1)) == "2027-01-31");
    CHECK(plus("2026-06-10", months(6)) == "2026-12-10");
    CHECK(plus("2026-06-10", months(7)) == "2027-01-10");
    CHECK(plus("2026-03-14", months(120)) == "2036-03-14");
    CHECK(plus("2026-03-14", months(25)) == "2028-04-14");
}

TEST_CASE("adding years is calendar arithmetic clamped at 29 February", "[scheduler]") {
    CHECK(plus("2024-02-29", years(1)) == "2025-02-28");
    CHECK(plus("2028-02-29", years(4)) == "2032-02-29");
    CHECK(plus("2028-02-29", years(2)) == "2030-02-28");
    CHECK(plus("2026-03-14", years(1)) == "2027-03-14");
    CHECK(plus("2026-12-31", years(10)) == "2036-12-31");
}

TEST_CASE("negative month and year counts go back with the same clamping", "[scheduler]") {
    CHECK(plus("2026-03-31", months(-1)) == "2026-02-28");
    CHECK(plus("2028-03-31", months(-1)) == "2028-02-29");
    CHECK(plus("2026-01-15", months(-2)) == "2025-11-15");
    CHECK(plus("2028-02-29", years(-1)) == "2027-02-28");
    CHECK(plus("2026-03-14", days(-14)) == "2026-02-28");
}

TEST_CASE("adding days and weeks counts exact days", "[scheduler]") {
    SECTION("days") {
        CHECK(plus("2026-03-14", days(10)) == "2026-03-24");
        CHECK(plus("2026-03-14", days(1)) == "2026-03-15");
        CHECK(plus("2026-01-31", days(30)) == "2026-03-02");
        CHECK(plus("2026-12-31", days(1)) == "2027-01-01");
        CHECK(plus("2026-03-14", days(365)) == "2027-03-14");
        CHECK(plus("2028-03-14", days(365)) == "2029-03-14");
        CHECK(plus("2027-03-14", days(365)) == "2028-03-13");
    }
    SECTION("days do not clamp like months do") {
        CHECK(plus("2026-01-31", days(28)) == "2026-02-28");
        CHECK(plus("2026-01-31", days(29)) == "2026-03-01");
    }
    SECTION("the leap day is a real day") {
        CHECK(plus("2028-02-28", days(1)) == "2028-02-29");
        CHECK(plus("2028-02-29", days(1)) == "2028-03-01");
        CHECK(plus("2026-02-28", days(1)) == "2026-03-01");
    }
    SECTION("weeks are seven days each") {
        CHECK(plus("2026-03-14", weeks(6)) == "2026-04-25");
        CHECK(plus("2026-03-14", weeks(1)) == "2026-03-21");
        CHECK(plus("2026-12-28", weeks(1)) == "2027-01-04");
        CHECK(plus("2028-02-25", weeks(1)) == "2028-03-03");
        CHECK(plus("2026-01-01", weeks(52)) == "2026-12-31");
    }
    SECTION("clock changes are irrelevant: dates have no time of day") {
        // EU clocks change on 2026-03-29 and 2026-10-25, US clocks on 2026-03-08 and 2026-11-01.
        CHECK(plus("2026-03-28", days(1)) == "2026-03-29");
        CHECK(plus("2026-03-29", days(1)) == "2026-03-30");
        CHECK(plus("2026-10-24", days(2)) == "2026-10-26");
        CHECK(plus("2026-03-07", days(1)) == "2026-03-08");
        CHECK(plus("2026-03-01", weeks(2)) == "2026-03-15");
        CHECK(plus("2026-10-31", weeks(1)) == "2026-11-07");
    }
    SECTION("zero is the identity") {
        CHECK(plus("2026-03-14", days(0)) == "2026-03-14");
        CHECK(plus("2026-01-31", months(0)) == "2026-01-31");
    }
}

// ---------------------------------------------------------------------------------------------
// compute_schedule
// ---------------------------------------------------------------------------------------------

TEST_CASE("the strength's default cadence sets the interval", "[scheduler]") {
    const bmc::Cadence cadence;
    bmc::ScheduleInput input;
    input.met_on = d("2026-01-10");

    SECTION("strong: 4 months") {
        input.strength = bmc::Strength::strong;
        const auto s = bmc::compute_schedule(input, cadence);
        CHECK(s.interval == months(4));
        CHECK(s.source == bmc::IntervalSource::strength);
        CHECK(show(s.next_due) == "2026-05-10");
        CHECK(show(s.effective_due) == "2026-05-10");
    }
    SECTION("medium: 6 months") {
        input.strength = bmc::Strength::medium;
        const auto s = bmc::compute_schedule(input, cadence);
        CHECK(s.interval == months(6));
        CHECK(s.source == bmc::IntervalSource::strength);
        CHECK(show(s.next_due) == "2026-07-10");
        CHECK(show(s.effective_due) == "2026-07-10");
    }
    SECTION("weak: 9 months") {
        input.strength = bmc::Strength::weak;
        const auto s = bmc::compute_schedule(input, cadence);
        CHECK(s.interval == months(9));
        CHECK(s.source == bmc::IntervalSource::strength);
        CHECK(show(s.next_due) == "2026-10-10");
        CHECK(show(s.effective_due) == "2026-10-10");
    }
}

TEST_CASE("a configured cadence replaces the defaults", "[scheduler]") {
    bmc::Cadence cadence;
    cadence.strong = weeks(2);
    cadence.medium = days(45);
    cadence.weak = years(1);
    bmc::ScheduleInput input;
    input.met_on = d("2026-01-10");

    input.strength = bmc::Strength::strong;
    auto s = bmc::compute_schedule(input, cadence);
    CHECK(s.interval == weeks(2));
    CHECK(show(s.next_due) == "2026-01-24");

    input.strength = bmc::Strength::medium;
    s = bmc::compute_schedule(input, cadence);
    CHECK(s.interval == days(45));
    CHECK(show(s.next_due) == "2026-02-24");

    input.strength = bmc::Strength::weak;
    s = bmc::compute_schedule(input, cadence);
    CHECK(s.interval == years(1));
    CHECK(show(s.next_due) == "2027-01-10");
}

TEST_CASE("a per-contact interval overrides the strength's cadence", "[scheduler]") {
    const bmc::Cadence cadence;
    bmc::ScheduleInput input;
    input.met_on = d("2026-01-10");

    for (const auto strength :
         {bmc::Strength::strong, bmc::Strength::medium, bmc::Strength::weak}) {
        INFO("strength = " << bmc::to_string(strength));
        input.strength = strength;
        input.every = weeks(6);
        const auto s = bmc::compute_schedule(input, cadence);
        CHECK(s.interval == weeks(6));
        CHECK(s.source == bmc::IntervalSource::override);
        CHECK(show(s.next_due) == "2026-02-21");
        CHECK(show(s.effective_due) == "2026-02-21");
    }

    SECTION("an override equal to the default is still reported as an override") {
        input.strength = bmc::Strength::strong;
        input.every = months(4);
        const auto s = bmc::compute_schedule(input, cadence);
        CHECK(s.interval == months(4));
        CHECK(s.source == bmc::IntervalSource::override);
    }
    SECTION("without an override the source is the strength") {
        input.every.reset();
        const auto s = bmc::compute_schedule(input, cadence);
        CHECK(s.source == bmc::IntervalSource::strength);
    }
}

TEST_CASE("the anchor is the last interaction, else the date met", "[scheduler]") {
    const bmc::Cadence cadence;
    bmc::ScheduleInput input;
    input.strength = bmc::Strength::strong;
    input.met_on = d("2025-06-01");

    SECTION("no interaction: anchored on the date met") {
        const auto s = bmc::compute_schedule(input, cadence);
        CHECK(show(s.anchor) == "2025-06-01");
        CHECK_FALSE(s.anchor_is_interaction);
        CHECK(show(s.next_due) == "2025-10-01");
        CHECK(show(s.effective_due) == "2025-10-01");
    }
    SECTION("an interaction: anchored on it, the date met is ignored") {
        input.last_interaction = d("2025-10-31");
        const auto s = bmc::compute_schedule(input, cadence);
        CHECK(show(s.anchor) == "2025-10-31");
        CHECK(s.anchor_is_interaction);
        CHECK(show(s.next_due) == "2026-02-28");
        CHECK(show(s.effective_due) == "2026-02-28");
    }
    SECTION("an interaction on the day met still counts as an interaction") {
        input.last_interaction = d("2025-06-01");
        const auto s = bmc::compute_schedule(input, cadence);
        CHECK(show(s.anchor) == "2025-06-01");
        CHECK(s.anchor_is_interaction);
    }
    SECTION("next due uses clamped month arithmetic from the anchor") {
        input.last_interaction = d("2027-10-31");
        const auto s = bmc::compute_schedule(input, cadence);
        CHECK(show(s.next_due) == "2028-02-29");
    }
}

TEST_CASE("a snooze later than next due postpones the effective due date", "[scheduler]") {
    const bmc::Cadence cadence;
    bmc::ScheduleInput input;
    input.strength = bmc::Strength::strong;
    input.met_on = d("2025-01-01");
    input.last_interaction = d("2026-01-10"); // next due 2026-05-10

    SECTION("later snooze wins") {
        input.snoozed_until = d("2026-06-01");
        const auto s = bmc::compute_schedule(input, cadence);
        CHECK(show(s.next_due) == "2026-05-10");
        CHECK(show(s.snoozed_until) == "2026-06-01");
        CHECK(show(s.effective_due) == "2026-06-01");
    }
    SECTION("one day later is enough") {
        input.snoozed_until = d("2026-05-11");
        const auto s = bmc::compute_schedule(input, cadence);
        CHECK(show(s.snoozed_until) == "2026-05-11");
        CHECK(show(s.effective_due) == "2026-05-11");
    }
    SECTION("earlier snooze is ignored and not reported") {
        input.snoozed_until = d("2026-03-01");
        const auto s = bmc::compute_schedule(input, cadence);
        CHECK(show(s.next_due) == "2026-05-10");
        CHECK(show(s.snoozed_until) == "none");
        CHECK(show(s.effective_due) == "2026-05-10");
    }
    SECTION("a snooze on the due date itself changes nothing and is not reported") {
        input.snoozed_until = d("2026-05-10");
        const auto s = bmc::compute_schedule(input, cadence);
        CHECK(show(s.snoozed_until) == "none");
        CHECK(show(s.effective_due) == "2026-05-10");
    }
    SECTION("no snooze") {
        const auto s = bmc::compute_schedule(input, cadence);
        CHECK(show(s.snoozed_until) == "none");
        CHECK(show(s.effective_due) == "2026-05-10");
    }
}

TEST_CASE("archived contacts are never due", "[scheduler]") {
    const bmc::Cadence cadence;
    bmc::ScheduleInput input;
    input.strength = bmc::Strength::medium;
    input.met_on = d("2026-01-10");
    input.archived = true;

    SECTION("without a snooze") {
        const auto s = bmc::compute_schedule(input, cadence);
        CHECK(show(s.effective_due) == "none");
        // The rest of the schedule is still computed.
        CHECK(show(s.next_due) == "2026-07-10");
        CHECK(s.interval == months(6));
        CHECK(s.source == bmc::IntervalSource::strength);
    }
    SECTION("with a later snooze") {
        input.snoozed_until = d("2026-09-01");
        const auto s = bmc::compute_schedule(input, cadence);
        CHECK(show(s.effective_due) == "none");
        CHECK(show(s.snoozed_until) == "2026-09-01");
    }
    SECTION("with an interaction and an override") {
        input.last_interaction = d("2026-02-01");
        input.every = days(10);
        const auto s = bmc::compute_schedule(input, cadence);
        CHECK(show(s.effective_due) == "none");
        CHECK(show(s.next_due) == "2026-02-11");
        CHECK(s.source == bmc::IntervalSource::override);
    }
    SECTION("unarchiving makes them due again") {
        input.archived = false;
        const auto s = bmc::compute_schedule(input, cadence);
        CHECK(show(s.effective_due) == "2026-07-10");
    }
}

// ---------------------------------------------------------------------------------------------
// moves_anchor
// ---------------------------------------------------------------------------------------------

TEST_CASE("a logged interaction moves the anchor unless a later one exists", "[scheduler]") {
    SECTION("no earlier interaction") {
        CHECK(bmc::moves_anchor(d("2026-03-14"), std::nullopt));
        CHECK(bmc::moves_anchor(d("1999-01-01"), std::nullopt));
    }
    SECTION("newer than the last interaction") {
        CHECK(bmc::moves_anchor(d("2026-03-14"), d("2026-03-13")));
        CHECK(bmc::moves_anchor(d("2027-01-01"), d("2026-12-31")));
    }
    SECTION("same day as the last interaction") {
        CHECK(bmc::moves_anchor(d("2026-03-14"), d("2026-03-14")));
    }
    SECTION("older than the last interaction (backdated)") {
        CHECK_FALSE(bmc::moves_anchor(d("2026-03-13"), d("2026-03-14")));
        CHECK_FALSE(bmc::moves_anchor(d("2025-12-31"), d("2026-01-01")));
        CHECK_FALSE(bmc::moves_anchor(d("2020-06-01"), d("2026-03-14")));
    }
}
