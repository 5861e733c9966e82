// Plain data that the routine and insight commands produce (`plan`, `stats`, `review`, `why`) and
// the formats render. Header only; kept apart from views.hpp so that these commands can grow
// without touching the daily loop's views.
#pragma once

#include "bmc/domain.hpp"
#include "bmc/practices.hpp"
#include "bmc/routine.hpp"
#include "bmc/scheduler.hpp"
#include "bmc/views.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bmc {

// Conversations counted by who reached out.
struct InitiatorCounts {
    std::int64_t me = 0;
    std::int64_t them = 0;
    std::int64_t unknown = 0;
};

// Conversations counted per period and by who reached out.
struct ConversationCounts {
    std::vector<std::int64_t> per_period;
    InitiatorCounts by;
};

// `bmc plan`: the plan itself (weeks, who, who was moved, who did not fit).
struct PlanReport {
    Plan plan;
    int weeks = 0;
};

// People you had a conversation with in one week or month, against the routine quota.
struct QuotaPeriod {
    Date start{};
    Date end{};
    std::int64_t reached = 0; // different people
    int quota = 0;            // the quota of that period (0 when there is none)
};

// `bmc stats`: the shape of the network.
struct NetworkStats {
    Date today{};
    std::int64_t active = 0; // not archived
    std::int64_t archived = 0;
    std::int64_t strong = 0, medium = 0, weak = 0;              // active, by strength
    std::int64_t connection = 0, meaningful = 0, sustained = 0; // active, by stage
    std::int64_t due_now = 0;                                   // due today or earlier
    std::int64_t overdue = 0;                                   // due before today
    // Conversations per calendar month, the last 12 months (the current one last).
    std::vector<std::pair<date::year_month, std::int64_t>> per_month;
    InitiatorCounts reach_outs;
    std::optional<Quota> quota;
    // The last 8 weeks (7-day periods ending today) for a weekly quota, or the last 6 calendar
    // months for a monthly one; oldest first. Weeks when there is no quota.
    std::vector<QuotaPeriod> quota_periods;
};

// One proposed change of strength; its ID is the contact's id.
struct ReviewSuggestion {
    ContactRef person;
    StrengthChange change;
};

// `bmc review`: what the evidence suggests, and with --apply what was changed.
struct ReviewReport {
    Date today{};
    std::vector<ReviewSuggestion> suggestions; // promotions first, then demotions; by name
    std::vector<ReviewSuggestion> applied;     // with --apply: the suggestions applied
};

// `bmc why NAME`: everything that decides the next date.
struct WhyReport {
    Date today{};
    Contact contact;
    Schedule schedule;
    std::optional<Interaction> anchor;    // the conversation the schedule counts from
    std::vector<FollowUp> open_followups; // earliest deadline first
    std::optional<Quota> quota;
    int plan_weeks = 0;
    // Where the plan of the next plan_weeks weeks puts them, when they are in it.
    std::optional<PlannedContact> planned;
    std::optional<Date> planned_week_start;
    bool waits_beyond_plan = false; // due within the plan but over the quota
};

} // namespace bmc
