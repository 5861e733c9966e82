// The routine and network-health commands: the quota settings, plan, stats, review and why.
#include "bmc/service.hpp"

#include "service_detail.hpp"

#include "bmc/dates.hpp"
#include "bmc/errors.hpp"
#include "bmc/text.hpp"

#include <algorithm>
#include <set>
#include <tuple>

namespace bmc {

namespace {

constexpr const char* per_week_key = "routine.per-week";
constexpr const char* per_month_key = "routine.per-month";

std::optional<int> parse_count(std::string_view text) {
    const auto n = parse_whole_number(text, min_quota, max_quota);
    return n ? std::optional<int>(static_cast<int>(*n)) : std::nullopt;
}

Date plus_days(Date d, int days) {
    return Date{date::sys_days{d} + date::days{days}};
}

Interval interval_in_force(const HistoryContact& c, const Cadence& cadence) {
    return c.every ? *c.every : cadence.for_strength(c.strength);
}

} // namespace

std::optional<Quota> Service::quota() {
    const auto read = [&](const char* key) -> std::optional<int> {
        const auto stored = m_repo.get_setting(key);
        if (!stored) {
            return std::nullopt;
        }
        const auto n = parse_count(*stored);
        if (!n) {
            throw DatabaseError(std::string("the database holds an invalid ") + key + " " +
                                    quote(*stored),
                                std::string("set it again with `bmc config set ") + key + " N`");
        }
        return n;
    };
    if (const auto week = read(per_week_key)) {
        return Quota{Quota::Period::week, *week};
    }
    if (const auto month = read(per_month_key)) {
        return Quota{Quota::Period::month, *month};
    }
    return std::nullopt;
}

SettingInfo Service::set_quota_setting(const std::string& key, const std::string& value,
                                       const std::string& default_value,
                                       const std::string& description) {
    const bool reset = value == "none" || value == "default";
    const auto count = parse_count(value);
    if (!reset && !count) {
        throw UsageError(key + " must be a whole number from " + std::to_string(min_quota) +
                             " to " + std::to_string(max_quota) + ", not " + quote(value),
                         "e.g. bmc config set " + key + " 5; `none` removes the quota");
    }
    const std::string other = key == per_week_key ? per_month_key : per_week_key;
    if (!reset) {
        if (const auto set = m_repo.get_setting(other)) {
            throw DataError(other + " is set already (" + *set +
                                "); bmc keeps one routine quota, a week's or a month's",
                            "remove it first with `bmc config set " + other + " none`");
        }
    }
    // Inside set_setting()'s (or an import's) transaction.
    detail::store_setting(m_repo, key,
                          reset ? std::nullopt : std::optional(std::to_string(*count)));
    return {key, reset ? default_value : std::to_string(*count), default_value, description};
}

PlanReport Service::plan(int weeks) {
    if (weeks < 1 || weeks > max_plan_weeks) {
        throw UsageError("--weeks must be from 1 to " + std::to_string(max_plan_weeks) + ", not " +
                             std::to_string(weeks),
                         "e.g. bmc plan --weeks 8");
    }
    PlanReport r;
    r.weeks = weeks;
    r.plan = make_plan(m_repo.plan_candidates(plan_end(m_today, weeks)), m_today, weeks, quota());
    return r;
}

NetworkStats Service::stats() {
    NetworkStats s;
    s.today = m_today;
    const auto by_strength = m_repo.count_by_strength();
    s.strong = by_strength.at(Strength::strong);
    s.medium = by_strength.at(Strength::medium);
    s.weak = by_strength.at(Strength::weak);
    s.active = s.strong + s.medium + s.weak;
    s.archived = m_repo.count_archived();
    s.due_now = m_repo.count_due(m_today);
    s.overdue = m_repo.count_due(plus_days(m_today, -1));

    const date::year_month this_month{m_today.year(), m_today.month()};
    std::vector<std::pair<Date, Date>> months;
    for (date::year_month m = this_month - date::months{11}; m <= this_month;
         m += date::months{1}) {
        const Date last{m / date::last};
        months.emplace_back(Date{m / date::day{1}},
                            date::sys_days{last} > date::sys_days{m_today} ? m_today : last);
    }
    const ConversationCounts counts = m_repo.count_conversations(months);
    for (std::size_t k = 0; k < months.size(); ++k) {
        s.per_month.emplace_back(date::year_month{months[k].first.year(), months[k].first.month()},
                                 counts.per_period[k]);
    }
    s.reach_outs = counts.by;

    // The routine's periods: the last 6 calendar months for a monthly quota, else the last 8
    // weeks (7-day periods ending today); oldest first.
    s.quota = quota();
    std::vector<std::pair<Date, Date>> periods;
    if (s.quota && s.quota->period == Quota::Period::month) {
        periods.assign(months.end() - 6, months.end());
    } else {
        for (int k = 7; k >= 0; --k) {
            const Date end = plus_days(m_today, -7 * k);
            periods.emplace_back(plus_days(end, -6), end);
        }
    }
    const auto reached = m_repo.people_reached(periods);
    for (std::size_t k = 0; k < periods.size(); ++k) {
        s.quota_periods.push_back(
            {periods[k].first, periods[k].second, reached[k], s.quota ? s.quota->count : 0});
    }

    const Cadence cad = cadence();
    m_repo.for_each_history([&](const HistoryContact& c, const std::vector<Interaction>& history) {
        switch (stage_of(history, interval_in_force(c, cad), m_today)) {
        case Stage::connection:
            ++s.connection;
            break;
        case Stage::meaningful:
            ++s.meaningful;
            break;
        case Stage::sustained:
            ++s.sustained;
            break;
        }
    });
    return s;
}

ReviewReport Service::review() {
    ReviewReport r;
    r.today = m_today;
    const Cadence cad = cadence();
    m_repo.for_each_history([&](const HistoryContact& c, const std::vector<Interaction>& history) {
        if (auto change = review_strength(history, c.strength, interval_in_force(c, cad), c.met_on,
                                          m_today)) {
            r.suggestions.push_back({{c.id, c.name}, std::move(*change)});
        }
    });
    std::stable_sort(
        r.suggestions.begin(), r.suggestions.end(),
        [](const ReviewSuggestion& a, const ReviewSuggestion& b) {
            return std::make_tuple(!a.change.promote(), fold_case(a.person.name), a.person.id) <
                   std::make_tuple(!b.change.promote(), fold_case(b.person.name), b.person.id);
        });
    return r;
}

ReviewReport Service::apply_review(const std::vector<std::int64_t>& ids) {
    ReviewReport r = review();
    std::set<std::int64_t> seen;
    std::vector<ReviewSuggestion> chosen;
    for (const std::int64_t id : ids) {
        if (!seen.insert(id).second) {
            continue;
        }
        const auto it = std::find_if(r.suggestions.begin(), r.suggestions.end(),
                                     [&](const ReviewSuggestion& s) { return s.person.id == id; });
        if (it == r.suggestions.end()) {
            throw NotFoundError("there is no suggestion #" + std::to_string(id),
                                "run `bmc review` to see the suggestions and their IDs; nothing "
                                "was changed");
        }
        chosen.push_back(*it);
    }
    const Cadence cad = cadence();
    Repository::Transaction tx(m_repo);
    const std::string now = m_clock.now_utc();
    for (const auto& s : chosen) {
        auto c = m_repo.find_contact(s.person.id);
        if (!c) {
            throw NotFoundError("#" + std::to_string(s.person.id) + " no longer exists",
                                "run `bmc review` again; nothing was changed");
        }
        c->strength = s.change.to;
        c->updated_at = now;
        m_repo.update_contact(*c);
        refresh_schedule(*c, cad);
    }
    tx.commit();
    r.applied = std::move(chosen);
    return r;
}

WhyReport Service::why(std::string_view who) {
    WhyReport w;
    w.today = m_today;
    w.contact = load(who);
    w.schedule = schedule_of(w.contact);
    if (w.schedule.anchor_is_interaction) {
        const auto history = m_repo.interactions_of(w.contact.id);
        if (!history.empty()) {
            w.anchor = history.front();
        }
    }
    w.open_followups = m_repo.followups_of(w.contact.id, true);
    w.quota = quota();
    w.plan_weeks = default_plan_weeks;
    if (w.schedule.effective_due && date::sys_days{*w.schedule.effective_due} <=
                                        date::sys_days{plan_end(m_today, default_plan_weeks)}) {
        const PlanReport r = plan(default_plan_weeks);
        for (const auto& week : r.plan.weeks) {
            for (const auto& p : week.people) {
                if (p.who.id == w.contact.id) {
                    w.planned = p;
                    w.planned_week_start = week.start;
                }
            }
        }
        for (const auto& u : r.plan.unplanned) {
            w.waits_beyond_plan = w.waits_beyond_plan || u.id == w.contact.id;
        }
    }
    return w;
}

} // namespace bmc
