// Unit tests for the routine (bmc/routine.hpp): weekly capacities of a quota and the plan that
// spreads who is due over the coming weeks.
#include "bmc/dates.hpp"
#include "bmc/routine.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace {

using bmc::make_plan;
using bmc::Plan;
using bmc::PlanCandidate;
using bmc::Quota;
using bmc::Strength;

const bmc::Date today = bmc::parse_iso_date("2026-11-22");

PlanCandidate person(std::int64_t id, const char* due, Strength s = Strength::medium) {
    std::string key = std::to_string(id);
    key.insert(0, 3 - std::min<std::size_t>(3, key.size()), '0');
    return {id, "P" + key, "p" + key, s, bmc::parse_iso_date(due)};
}

std::vector<std::vector<std::int64_t>> ids_by_week(const Plan& plan) {
    std::vector<std::vector<std::int64_t>> out;
    for (const auto& week : plan.weeks) {
        out.emplace_back();
        for (const auto& p : week.people) {
            out.back().push_back(p.who.id);
        }
    }
    return out;
}

} // namespace

TEST_CASE("a weekly quota is the same every week, a monthly one is spread evenly", "[routine]") {
    CHECK(bmc::week_capacity({Quota::Period::week, 5}, 0) == 5);
    CHECK(bmc::week_capacity({Quota::Period::week, 5}, 51) == 5);
    // 20 a month = 240 a year = 4.6 a week: fours and fives adding up to 240 over 52 weeks.
    int year = 0;
    for (int w = 0; w < 52; ++w) {
        const int c = bmc::week_capacity({Quota::Period::month, 20}, w);
        CHECK((c == 4 || c == 5));
        year += c;
    }
    CHECK(year == 240);
    // 1 a month: most weeks hold nobody, 12 weeks in 52 hold one.
    int ones = 0;
    for (int w = 0; w < 52; ++w) {
        ones += bmc::week_capacity({Quota::Period::month, 1}, w);
    }
    CHECK(ones == 12);
    CHECK(bmc::describe(Quota{Quota::Period::week, 5}) == "5 a week");
    CHECK(bmc::describe(Quota{Quota::Period::month, 20}) == "20 a month");
}

TEST_CASE("the plan covers 7-day weeks from today", "[routine]") {
    const Plan plan = make_plan({}, today, 3, std::nullopt);
    REQUIRE(plan.weeks.size() == 3);
    CHECK(bmc::format_date(plan.weeks[0].start) == "2026-11-22");
    CHECK(bmc::format_date(plan.weeks[0].end) == "2026-11-28");
    CHECK(bmc::format_date(plan.weeks[2].start) == "2026-12-06");
    CHECK(bmc::format_date(bmc::plan_end(today, 3)) == "2026-12-12");
    CHECK(plan.weeks[0].capacity == -1);
}

TEST_CASE("without a quota everyone is planned in the week they are due", "[routine]") {
    const Plan plan = make_plan({person(1, "2026-12-01"), person(2, "2025-01-01"),
                                 person(3, "2026-11-28"), person(4, "2026-11-29")},
                                today, 2, std::nullopt);
    CHECK(ids_by_week(plan) == std::vector<std::vector<std::int64_t>>{{2, 3}, {4, 1}});
    CHECK(plan.unplanned.empty());
    for (const auto& week : plan.weeks) {
        for (const auto& p : week.people) {
            CHECK_FALSE(p.moved());
        }
    }
}

TEST_CASE("the quota spreads a backlog: most overdue first, then stronger, over the weeks",
          "[routine]") {
    std::vector<PlanCandidate> backlog;
    for (int i = 1; i <= 500; ++i) {
        backlog.push_back(person(i, i % 2 == 0 ? "2026-01-01" : "2026-02-01",
                                 i % 3 == 0 ? Strength::strong : Strength::weak));
    }
    const Plan plan = make_plan(backlog, today, 4, Quota{Quota::Period::week, 10});
    for (const auto& week : plan.weeks) {
        CHECK(week.capacity == 10);
        CHECK(week.people.size() == 10);
    }
    CHECK(plan.unplanned.size() == 460);
    // Week 1: the even ids (due earliest) that are strong first: 6, 12, 18...
    const auto first = ids_by_week(plan).front();
    CHECK(first == std::vector<std::int64_t>{6, 12, 18, 24, 30, 36, 42, 48, 54, 60});
    // Those in later weeks are marked as moved, with the days from their due date.
    const auto& later = plan.weeks[2].people.front();
    CHECK(later.moved());
    CHECK(later.natural_week == 0);
    CHECK(later.days_after_due ==
          bmc::days_between(bmc::parse_iso_date("2026-01-01"), bmc::parse_iso_date("2026-12-06")));
    CHECK_FALSE(plan.weeks[0].people.front().moved());
}

TEST_CASE("nobody is planned before they are due, and a full week pushes to the next one",
          "[routine]") {
    // Week 1 has room for 2 but only one is due then; the two due in week 2 fill week 2 and
    // the third of week 2 goes to week 3.
    const Plan plan = make_plan({person(1, "2026-11-23"), person(2, "2026-11-30"),
                                 person(3, "2026-12-01"), person(4, "2026-12-02")},
                                today, 3, Quota{Quota::Period::week, 2});
    CHECK(ids_by_week(plan) == std::vector<std::vector<std::int64_t>>{{1}, {2, 3}, {4}});
    const auto& moved = plan.weeks[2].people.front();
    CHECK(moved.moved());
    CHECK(moved.days_after_due == 4); // due 2026-12-02, planned for the week of 2026-12-06
}

TEST_CASE("the plan is the same whatever the order of the candidates", "[routine]") {
    std::vector<PlanCandidate> people;
    for (int i = 1; i <= 60; ++i) {
        people.push_back(
            person(i, i % 4 == 0 ? "2026-11-01" : "2026-12-03", static_cast<Strength>(i % 3)));
    }
    people.push_back({61, "Same", "same", Strength::strong, bmc::parse_iso_date("2026-11-01")});
    people.push_back({62, "Same", "same", Strength::strong, bmc::parse_iso_date("2026-11-01")});
    const Plan a = make_plan(people, today, 4, Quota{Quota::Period::week, 7});
    std::reverse(people.begin(), people.end());
    const Plan b = make_plan(people, today, 4, Quota{Quota::Period::week, 7});
    CHECK(ids_by_week(a) == ids_by_week(b));
    // Same date, strength and name: the lower id first.
    const auto week = ids_by_week(a).front();
    const auto at = [&](std::int64_t id) { return std::find(week.begin(), week.end(), id); };
    REQUIRE(at(61) != week.end());
    CHECK(at(61) < at(62));
}

TEST_CASE("people due after the plan's last day are left out", "[routine]") {
    const Plan plan =
        make_plan({person(1, "2026-12-05"), person(2, "2026-12-06")}, today, 2, std::nullopt);
    CHECK(ids_by_week(plan) == std::vector<std::vector<std::int64_t>>{{}, {1}});
    CHECK(plan.unplanned.empty());
}
