// A steady routine: a quota of reconnects per week or per month, and a plan that lays the people
// who are due over the coming weeks without going over it. Pure: no I/O, no clock; "today" is a
// parameter. See docs/practices.md ("A steady routine") for the rules in words.
#pragma once

#include "bmc/domain.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bmc {

// How many people the user means to reconnect with: `routine.per-week` or `routine.per-month`.
struct Quota {
    enum class Period { week, month };
    Period period = Period::week;
    int count = 0; // at least 1
};

// Limits of a quota's count (`bmc config set routine.per-week N`).
inline constexpr int min_quota = 1;
inline constexpr int max_quota = 1000;

// How many weeks `bmc plan` lays out unless told otherwise, and the most it will.
inline constexpr int default_plan_weeks = 4;
inline constexpr int max_plan_weeks = 52;

// "5 a week", "20 a month".
std::string describe(const Quota& quota);

// How many people fit in plan week `index` (0 = the week starting today). A weekly quota is the
// same every week; a monthly quota of N is spread evenly at N × 12 ÷ 52 a week, the remainders
// carried so that any 52 weeks hold exactly 12 × N.
int week_capacity(const Quota& quota, int index);

// Someone whose effective due date falls inside the plan.
struct PlanCandidate {
    std::int64_t id = 0;
    std::string name; // as shown
    std::string key;  // the folded name, which breaks ties (as in `bmc due`)
    Strength strength = Strength::medium;
    Date due{};
};

struct PlannedContact {
    PlanCandidate who;
    int natural_week = 0;   // the week they would be in without a quota
    int week = 0;           // the week the plan puts them in
    int days_after_due = 0; // when moved: days from their due date to the planned week's start
    bool moved() const { return week > natural_week; }
};

struct PlanWeek {
    Date start{};      // today + 7 × index
    Date end{};        // start + 6 days
    int capacity = -1; // -1 when there is no quota
    std::vector<PlannedContact> people;
};

struct Plan {
    Date today{};
    std::optional<Quota> quota;
    std::vector<PlanWeek> weeks;
    // Due within the plan's weeks but beyond the quota: they wait for later weeks. Ordered as
    // the plan would take them.
    std::vector<PlanCandidate> unplanned;
};

// Lays `candidates` (due on or before the last day of the plan) over `weeks` weeks starting
// today. Order of priority: earliest due date (most overdue) first, then stronger ties, then
// `key`, then id. Each person goes into the week their due date falls in (overdue people into
// the first week) or, when that week is full, the next week with room; nobody is planned before
// they are due. Deterministic: the same candidates, date and quota give the same plan, whatever
// the order of `candidates`.
Plan make_plan(std::vector<PlanCandidate> candidates, Date today, int weeks,
               const std::optional<Quota>& quota);

// The last day a plan of `weeks` weeks covers: today + 7 × weeks − 1.
Date plan_end(Date today, int weeks);

} // namespace bmc
