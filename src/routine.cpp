#include "bmc/routine.hpp"

#include <algorithm>
#include <tuple>

namespace bmc {

namespace {

int days_between(Date from, Date to) {
    return static_cast<int>((date::sys_days{to} - date::sys_days{from}).count());
}

Date plus_days(Date d, int days) {
    return Date{date::sys_days{d} + date::days{days}};
}

} // namespace

std::string describe(const Quota& quota) {
    return std::to_string(quota.count) +
           (quota.period == Quota::Period::week ? " a week" : " a month");
}

int week_capacity(const Quota& quota, int index) {
    if (quota.period == Quota::Period::week) {
        return quota.count;
    }
    // Cumulative share of 12 × N over 52 weeks, so the weekly counts add up exactly.
    const auto cumulative = [&](long long weeks) { return weeks * quota.count * 12 / 52; };
    return static_cast<int>(cumulative(index + 1) - cumulative(index));
}

Date plan_end(Date today, int weeks) {
    return plus_days(today, 7 * weeks - 1);
}

Plan make_plan(std::vector<PlanCandidate> candidates, Date today, int weeks,
               const std::optional<Quota>& quota) {
    Plan plan;
    plan.today = today;
    plan.quota = quota;
    for (int w = 0; w < weeks; ++w) {
        PlanWeek week;
        week.start = plus_days(today, 7 * w);
        week.end = plus_days(today, 7 * w + 6);
        week.capacity = quota ? week_capacity(*quota, w) : -1;
        plan.weeks.push_back(std::move(week));
    }
    std::sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
        return std::make_tuple(date::sys_days{a.due}, rank(a.strength), std::cref(a.key), a.id) <
               std::make_tuple(date::sys_days{b.due}, rank(b.strength), std::cref(b.key), b.id);
    });
    const auto full = [&](int w) {
        const PlanWeek& week = plan.weeks[static_cast<std::size_t>(w)];
        return week.capacity >= 0 && static_cast<int>(week.people.size()) >= week.capacity;
    };
    // Weeks before `first_open` are full. Candidates come in due order, so their natural weeks
    // never go down and the search for room only moves forward.
    int first_open = 0;
    while (first_open < weeks && full(first_open)) {
        ++first_open;
    }
    for (auto& c : candidates) {
        const int natural = std::max(0, days_between(today, c.due) / 7);
        if (natural >= weeks) {
            continue; // beyond the plan
        }
        int w = std::max(natural, first_open);
        while (w < weeks && full(w)) {
            ++w;
        }
        if (w >= weeks) {
            plan.unplanned.push_back(std::move(c));
            continue;
        }
        PlannedContact p;
        p.natural_week = natural;
        p.week = w;
        if (w > natural) {
            p.days_after_due = days_between(c.due, plan.weeks[static_cast<std::size_t>(w)].start);
        }
        p.who = std::move(c);
        plan.weeks[static_cast<std::size_t>(w)].people.push_back(std::move(p));
        while (first_open < weeks && full(first_open)) {
            ++first_open;
        }
    }
    return plan;
}

} // namespace bmc
