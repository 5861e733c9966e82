#include "bmc/practices.hpp"

#include "bmc/scheduler.hpp"

#include <algorithm>

namespace bmc {

Reciprocity reciprocity_of(const std::vector<Interaction>& interactions) {
    Reciprocity r;
    std::vector<const Interaction*> newest_first;
    newest_first.reserve(interactions.size());
    for (const auto& i : interactions) {
        newest_first.push_back(&i);
        if (i.by == Initiator::me) {
            ++r.by_me;
        } else if (i.by == Initiator::them) {
            ++r.by_them;
        }
        r.gave += i.gave ? 1 : 0;
        r.received += i.received ? 1 : 0;
        r.asked += i.asked ? 1 : 0;
    }
    std::stable_sort(newest_first.begin(), newest_first.end(), [](const auto* a, const auto* b) {
        return date::sys_days{a->date} > date::sys_days{b->date} ||
               (a->date == b->date && a->id > b->id);
    });
    for (const Interaction* i : newest_first) {
        if (i->by == Initiator::them) {
            break;
        }
        if (i->by == Initiator::me) {
            ++r.unanswered;
        }
    }
    return r;
}

} // namespace bmc

namespace bmc {

namespace {

int days_between(Date from, Date to) {
    return static_cast<int>((date::sys_days{to} - date::sys_days{from}).count());
}

// The length of `interval` counted from `from`, in days (months vary).
int interval_days(Date from, const Interval& interval) {
    return days_between(from, add_interval(from, interval));
}

// The distinct days of the conversations, oldest first.
std::vector<Date> conversation_days(const std::vector<Interaction>& interactions) {
    std::vector<Date> days;
    days.reserve(interactions.size());
    for (const auto& i : interactions) {
        days.push_back(i.date);
    }
    std::sort(days.begin(), days.end(),
              [](Date a, Date b) { return date::sys_days{a} < date::sys_days{b}; });
    days.erase(std::unique(days.begin(), days.end()), days.end());
    return days;
}

// How many on-cadence reconnections lead up to the latest conversation, which must itself still be
// on cadence today; 0 when it is not. `start` receives the first day of that run.
int on_cadence_run(const std::vector<Date>& days, const Interval& interval, Date today,
                   Date* start = nullptr) {
    if (days.empty() || !on_cadence(days.back(), today, interval)) {
        return 0;
    }
    std::size_t k = days.size() - 1;
    while (k > 0 && on_cadence(days[k - 1], days[k], interval)) {
        --k;
    }
    if (start != nullptr) {
        *start = days[k];
    }
    return static_cast<int>(days.size() - 1 - k);
}

bool personal_channel(const std::optional<std::string>& via) {
    return via && (*via == "coffee" || *via == "call" || *via == "video");
}

std::string times(int n) {
    return n == 1 ? "once" : n == 2 ? "twice" : std::to_string(n) + " times";
}

} // namespace

std::string_view to_string(Stage stage) {
    switch (stage) {
    case Stage::connection:
        return "connection";
    case Stage::meaningful:
        return "meaningful";
    case Stage::sustained:
        return "sustained";
    }
    return "connection";
}

bool on_cadence(Date from, Date to, const Interval& interval) {
    return 2 * days_between(from, to) <= 3 * interval_days(from, interval);
}

Stage stage_of(const std::vector<Interaction>& interactions, const Interval& interval, Date today) {
    const std::vector<Date> days = conversation_days(interactions);
    Date start{};
    if (on_cadence_run(days, interval, today, &start) > 0 &&
        days_between(start, days.back()) >= sustained_span_days) {
        return Stage::sustained;
    }
    if (static_cast<int>(days.size()) >= several_conversations) {
        return Stage::meaningful;
    }
    for (const auto& i : interactions) {
        if (i.gave || i.received || personal_channel(i.via)) {
            return Stage::meaningful;
        }
    }
    return Stage::connection;
}

std::optional<StrengthChange> review_strength(const std::vector<Interaction>& interactions,
                                              Strength strength, const Interval& interval,
                                              std::optional<Date> met_on, Date today,
                                              const ReviewRules& rules) {
    const auto recent = [&](Date d) { return days_between(d, today) < rules.recent_days; };
    int by_them = 0;
    int gave = 0;
    int received = 0;
    for (const auto& i : interactions) {
        if (!recent(i.date)) {
            continue;
        }
        by_them += i.by == Initiator::them ? 1 : 0;
        gave += i.gave ? 1 : 0;
        received += i.received ? 1 : 0;
    }
    const std::vector<Date> days = conversation_days(interactions);

    std::vector<std::string> up;
    if (by_them >= rules.they_reach_out) {
        up.push_back("they reached out " + times(by_them) + " in the last 12 months");
    }
    const int unanswered = reciprocity_of(interactions).unanswered;
    // Keeping a cadence on your own, unanswered, is no sign of a stronger tie.
    if (const int run = on_cadence_run(days, interval, today);
        run >= rules.on_cadence_reconnects && unanswered < rules.unanswered) {
        up.push_back("you reconnected on cadence " + times(run) + " in a row");
    }
    if (gave > 0 && received > 0) {
        up.push_back("help went both ways in the last 12 months (you gave " + times(gave) +
                     ", received " + times(received) + ")");
    }

    std::vector<std::string> down;
    if (unanswered >= rules.unanswered) {
        down.push_back("your last " + std::to_string(unanswered) + " reach-outs went unanswered");
    }
    // Gaps between conversations (from the day you met, and up to today) longer than twice the
    // interval, ending within the window.
    std::vector<Date> points;
    if (met_on && (days.empty() || date::sys_days{*met_on} < date::sys_days{days.front()})) {
        points.push_back(*met_on);
    }
    points.insert(points.end(), days.begin(), days.end());
    points.push_back(today);
    int long_overdue = 0;
    for (std::size_t k = 1; k < points.size(); ++k) {
        const int gap = days_between(points[k - 1], points[k]);
        if (gap > 2 * interval_days(points[k - 1], interval) &&
            days_between(points[k], today) < rules.long_overdue_window_days) {
            ++long_overdue;
        }
    }
    const bool long_standing = points.size() >= 2 &&
                               days_between(points.front(), today) >= rules.long_standing_days &&
                               static_cast<int>(days.size()) >= rules.long_standing_conversations;
    const bool quiet_too_long =
        days.empty() || days_between(days.back(), today) >= rules.quiet_days;
    if (long_overdue >= rules.long_overdue_times && (!long_standing || quiet_too_long)) {
        down.push_back("long overdue " + times(long_overdue) +
                       " in the last 3 years (gaps over twice the " + describe(interval) +
                       " interval)");
    }

    // The evidence points at a strength: one kind of it at medium, two or more kinds beyond.
    // Suggesting that strength, rather than one step from the current one, keeps the review
    // stable: once applied, the same evidence suggests nothing more.
    if (!up.empty() && down.empty()) {
        const Strength target = up.size() >= 2 ? Strength::strong : Strength::medium;
        if (rank(target) < rank(strength)) {
            return StrengthChange{strength, target, std::move(up)};
        }
    }
    if (!down.empty() && up.empty()) {
        const Strength target = down.size() >= 2 ? Strength::weak : Strength::medium;
        if (rank(target) > rank(strength)) {
            return StrengthChange{strength, target, std::move(down)};
        }
    }
    return std::nullopt;
}

} // namespace bmc
