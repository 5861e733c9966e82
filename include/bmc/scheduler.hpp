// The reconnect rule. Pure: no I/O, no clock; every function takes what it needs, including
// "today". See docs/scheduling.md for the rule in words, with worked examples.
#pragma once

#include "bmc/domain.hpp"

#include <optional>

namespace bmc {

// `d` plus an interval. Months and years are calendar arithmetic clamped to the last day of the
// target month (2025-10-31 + 4m = 2026-02-28; 2027-10-31 + 4m = 2028-02-29); days and weeks are
// exact days.
Date add_interval(Date d, const Interval& interval);

// Where a contact's interval comes from.
enum class IntervalSource { override, strength };

struct Schedule {
    Interval interval;     // the interval in force
    IntervalSource source; // per-contact override or the strength's cadence
    Date anchor;           // most recent interaction, or the date met
    bool anchor_is_interaction = false;
    Date next_due;                     // anchor + interval
    std::optional<Date> snoozed_until; // only when it is later than next_due
    std::optional<Date> followup_by;   // only when an open follow-up's deadline comes first
    std::optional<Date> effective_due; // when they are due; empty when archived
};

// What the scheduler needs to know about a contact.
struct ScheduleInput {
    Strength strength = Strength::medium;
    std::optional<Interval> every;
    std::optional<Date> last_interaction;
    Date met_on{};
    std::optional<Date> snoozed_until;
    bool archived = false;
    std::optional<Date> followup_by; // the earliest deadline of their open follow-ups
};

// Computes the schedule: anchor = last interaction, else date met; next due = anchor + interval;
// effective due = the later of next due and snoozed-until, or an open follow-up's deadline when
// that comes first; archived contacts are never due.
Schedule compute_schedule(const ScheduleInput& input, const Cadence& cadence);

// Whether a newly logged interaction on `date` moves the anchor (it does unless an interaction
// later than it already exists). A log that moves the anchor clears any snooze.
bool moves_anchor(Date date, const std::optional<Date>& last_interaction);

} // namespace bmc
