#include "bmc/scheduler.hpp"

namespace bmc {

namespace {

Date add_months_clamped(Date d, int months) {
    const date::year_month ym = date::year_month{d.year(), d.month()} + date::months{months};
    const date::day last =
        date::year_month_day_last{ym.year(), date::month_day_last{ym.month()}}.day();
    return Date{ym.year(), ym.month(), d.day() > last ? last : d.day()};
}

} // namespace

Date add_interval(Date d, const Interval& interval) {
    switch (interval.unit) {
    case Interval::Unit::days:
        return Date{date::sys_days{d} + date::days{interval.count}};
    case Interval::Unit::weeks:
        return Date{date::sys_days{d} + date::days{7 * interval.count}};
    case Interval::Unit::months:
        return add_months_clamped(d, interval.count);
    case Interval::Unit::years:
        return add_months_clamped(d, 12 * interval.count);
    }
    return d;
}

Schedule compute_schedule(const ScheduleInput& input, const Cadence& cadence) {
    Schedule s{};
    if (input.every) {
        s.interval = *input.every;
        s.source = IntervalSource::override;
    } else {
        s.interval = cadence.for_strength(input.strength);
        s.source = IntervalSource::strength;
    }
    s.anchor_is_interaction = input.last_interaction.has_value();
    s.anchor = input.last_interaction.value_or(input.met_on);
    s.next_due = add_interval(s.anchor, s.interval);
    Date effective = s.next_due;
    if (input.snoozed_until && date::sys_days{*input.snoozed_until} > date::sys_days{s.next_due}) {
        s.snoozed_until = input.snoozed_until;
        effective = *input.snoozed_until;
    }
    if (input.followup_by && date::sys_days{*input.followup_by} < date::sys_days{effective}) {
        s.followup_by = input.followup_by;
        effective = *input.followup_by;
    }
    if (!input.archived) {
        s.effective_due = effective;
    }
    return s;
}

bool moves_anchor(Date date, const std::optional<Date>& last_interaction) {
    return !last_interaction || date::sys_days{date} >= date::sys_days{*last_interaction};
}

} // namespace bmc
