// Human output of the routine and insight commands: plan, stats, review and why.
#include "bmc/text_format.hpp"

#include "bmc/dates.hpp"
#include "bmc/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace bmc {

namespace {

std::string paint(const Style& style, const char* code, const std::string& text) {
    return style.color ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : text;
}

std::string bold(const Style& style, const std::string& text) {
    return paint(style, "1", text);
}

std::string people(std::int64_t n) {
    return n == 1 ? std::string("1 person") : fmt::format("{} people", n);
}

std::string plural(std::int64_t n, std::string_view unit) {
    return fmt::format("{} {}{}", n, unit, n == 1 ? "" : "s");
}

std::string percent(std::int64_t part, std::int64_t whole) {
    return whole == 0 ? "0%" : fmt::format("{}%", part * 100 / whole);
}

std::string quota_key(const Quota& q) {
    return q.period == Quota::Period::week ? "routine.per-week" : "routine.per-month";
}

std::string month_label(date::year_month m) {
    return format_date(Date{m / date::day{1}}).substr(0, 7);
}

} // namespace

std::string render_plan(const PlanReport& r, const Style& style) {
    const Plan& plan = r.plan;
    const Date until = plan_end(plan.today, r.weeks);
    std::size_t planned = 0;
    std::size_t moved = 0;
    std::size_t name_width = 0;
    std::size_t id_width = 0;
    for (const auto& week : plan.weeks) {
        for (const auto& p : week.people) {
            ++planned;
            moved += p.moved() ? 1 : 0;
            name_width = std::max(name_width, display_width(terminal_safe(p.who.name)));
            id_width = std::max(id_width, std::to_string(p.who.id).size() + 1);
        }
    }
    name_width = std::min<std::size_t>(name_width, 32);
    std::string out = fmt::format("Plan for {} from {} to {}", plural(r.weeks, "week"),
                                  format_date(plan.today), format_date(until));
    if (plan.quota) {
        out += fmt::format(" · routine quota {}\n", describe(*plan.quota));
    } else {
        out += " · no routine quota: everyone in the week they are due (set one with `bmc "
               "config set routine.per-week 5`)\n";
    }
    if (planned == 0 && plan.unplanned.empty()) {
        return out + fmt::format("Nobody is due by {}.\n", format_date(until));
    }
    for (std::size_t w = 0; w < plan.weeks.size(); ++w) {
        const PlanWeek& week = plan.weeks[w];
        const std::string load = week.capacity >= 0
                                     ? fmt::format("{} of {}", week.people.size(), week.capacity)
                                     : people(static_cast<std::int64_t>(week.people.size()));
        out += "\n" +
               bold(style, fmt::format("Week {}  {} – {}", w + 1, format_date(week.start),
                                       format_date(week.end))) +
               "  " + load + "\n";
        if (week.people.empty()) {
            out += "  nobody\n";
        }
        for (const auto& p : week.people) {
            std::string status;
            if (p.moved()) {
                status = fmt::format("moved: planned for the week of {}, {} after due",
                                     format_date(week.start), plural(p.days_after_due, "day"));
            } else {
                status = describe_due(p.who.due, plan.today);
            }
            out += fmt::format(
                "  {}  {}  {:<6}  due {}  {}\n",
                pad_right(truncate(terminal_safe(p.who.name), name_width), name_width),
                pad_right("#" + std::to_string(p.who.id), id_width), to_string(p.who.strength),
                format_date(p.who.due), p.moved() ? paint(style, "33", status) : status);
        }
    }
    out += "\n";
    out += fmt::format("{} planned", people(static_cast<std::int64_t>(planned)));
    if (moved > 0) {
        out += fmt::format(", {} moved past the week they are due to keep to the quota", moved);
    }
    out += ".\n";
    if (!plan.unplanned.empty()) {
        out += fmt::format("{} more {} due by {} {} not fit the quota and {} for later weeks: "
                           "raise it (`bmc config set {} N`) or look further (`bmc plan --weeks "
                           "{}`).\n",
                           plan.unplanned.size(), plan.unplanned.size() == 1 ? "person" : "people",
                           format_date(until), plan.unplanned.size() == 1 ? "does" : "do",
                           plan.unplanned.size() == 1 ? "waits" : "wait", quota_key(*plan.quota),
                           std::min(r.weeks * 2, max_plan_weeks));
    }
    return out;
}

std::string render_stats(const NetworkStats& s, const Style& style) {
    std::string out = bold(style, fmt::format("Network on {}", format_date(s.today))) + "\n";
    const auto row = [&](std::string_view label, const std::string& value) {
        out += fmt::format("  {:<11} {}\n", label, value);
    };
    row("people", fmt::format("{} active, {} archived", s.active, s.archived));
    row("strength", fmt::format("strong {} · medium {} · weak {}", s.strong, s.medium, s.weak));
    row("stages", fmt::format("connection {} · meaningful {} · sustained {}", s.connection,
                              s.meaningful, s.sustained));
    row("depth", fmt::format("{} sustained of {} ({})", s.sustained, s.active,
                             percent(s.sustained, s.active)));
    row("due now", fmt::format("{} ({} overdue)", s.due_now, s.overdue));
    row("reach-outs", fmt::format("you {} · them {} · not recorded {}", s.reach_outs.me,
                                  s.reach_outs.them, s.reach_outs.unknown));

    out += bold(style, "Conversations per month") + "\n";
    std::int64_t most = 0;
    for (const auto& [month, n] : s.per_month) {
        most = std::max(most, n);
    }
    constexpr std::int64_t bar_width = 30;
    for (const auto& [month, n] : s.per_month) {
        std::int64_t len = most == 0 ? 0 : (n * bar_width + most - 1) / most;
        out += fmt::format("  {}  {:<{}} {}\n", month_label(month), std::string(len, '#'),
                           bar_width, n);
    }

    const bool monthly = s.quota && s.quota->period == Quota::Period::month;
    if (s.quota) {
        out += bold(style, fmt::format("Routine quota {}", describe(*s.quota))) + "\n";
    } else {
        out += bold(style, "People reached per week") +
               " (no routine quota; set one with `bmc config set routine.per-week 5`)\n";
    }
    int met = 0;
    for (const auto& p : s.quota_periods) {
        const std::string when =
            monthly ? month_label(date::year_month{p.start.year(), p.start.month()})
                    : fmt::format("{} – {}", format_date(p.start), format_date(p.end));
        if (s.quota) {
            const bool ok = p.reached >= p.quota;
            met += ok ? 1 : 0;
            out += fmt::format("  {}  {} of {}{}\n", when, p.reached, p.quota,
                               ok ? paint(style, "32", "  met") : "");
        } else {
            out += fmt::format("  {}  {}\n", when, people(p.reached));
        }
    }
    if (s.quota) {
        out += fmt::format(
            "  met in {} of the last {}\n", met,
            plural(static_cast<std::int64_t>(s.quota_periods.size()), monthly ? "month" : "week"));
    }
    return out;
}

std::string render_review(const ReviewReport& r, const Style& style) {
    std::string out;
    if (!r.applied.empty()) {
        out += fmt::format("Changed {}:\n",
                           plural(static_cast<std::int64_t>(r.applied.size()), "strength"));
        for (const auto& s : r.applied) {
            out += fmt::format("  #{}  {}  {} → {}\n", s.person.id, terminal_safe(s.person.name),
                               to_string(s.change.from), to_string(s.change.to));
        }
        out += "Due dates follow the new strengths; `bmc why NAME` shows how.\n";
        return out;
    }
    if (r.suggestions.empty()) {
        return fmt::format("No strength changes to suggest as of {}: the evidence fits every "
                           "tie's strength.\n",
                           format_date(r.today));
    }
    out += fmt::format("{} from the evidence, as of {} (nothing changes until you apply them):\n",
                       plural(static_cast<std::int64_t>(r.suggestions.size()), "suggestion"),
                       format_date(r.today));
    std::string ids;
    for (const auto& s : r.suggestions) {
        out += fmt::format("\n  {}  {}  {} → {}  ({})\n",
                           bold(style, "#" + std::to_string(s.person.id)),
                           terminal_safe(s.person.name), to_string(s.change.from),
                           to_string(s.change.to), s.change.promote() ? "promote" : "demote");
        for (const auto& reason : s.change.reasons) {
            out += "      " + reason + "\n";
        }
        ids += " " + std::to_string(s.person.id);
    }
    out += fmt::format("\nApply the ones you agree with: bmc review --apply{}\n", ids);
    return out;
}

std::vector<std::string> explain(const WhyReport& w) {
    std::vector<std::string> out;
    const Contact& c = w.contact;
    const Schedule& s = w.schedule;
    const std::string name = terminal_safe(c.name);
    if (s.source == IntervalSource::override) {
        out.push_back(fmt::format("{} has their own interval: every {} (it overrides the {} "
                                  "tie default).",
                                  name, describe(s.interval), to_string(c.strength)));
    } else {
        out.push_back(fmt::format("{} is a {} tie, so the interval is {} (the {} default, "
                                  "`cadence.{}`).",
                                  name, to_string(c.strength), describe(s.interval),
                                  to_string(c.strength), to_string(c.strength)));
    }
    if (s.anchor_is_interaction) {
        std::string detail;
        if (w.anchor) {
            if (w.anchor->via) {
                detail = terminal_safe(*w.anchor->via);
            }
            if (w.anchor->by) {
                detail += std::string(detail.empty() ? "" : ", ") +
                          (w.anchor->by == Initiator::me ? "you reached out" : "they reached out");
            }
        }
        out.push_back(fmt::format("It counts from your last conversation, on {}{}.",
                                  format_date(s.anchor),
                                  detail.empty() ? "" : " (" + detail + ")"));
    } else {
        out.push_back(fmt::format("No conversation is logged yet, so it counts from the day you "
                                  "met, {}.",
                                  format_date(s.anchor)));
    }
    out.push_back(fmt::format("{} + {} = {}.", format_date(s.anchor), describe(s.interval),
                              format_date(s.next_due)));
    if (s.snoozed_until) {
        out.push_back(fmt::format("You snoozed them until {}, which is later, so the cadence date "
                                  "waits until then.",
                                  format_date(*s.snoozed_until)));
    } else if (c.snoozed_until) {
        out.push_back(fmt::format("A snooze until {} has no effect: the cadence date is later.",
                                  format_date(*c.snoozed_until)));
    }
    for (const auto& f : w.open_followups) {
        if (f.by) {
            out.push_back(fmt::format("Follow-up [{}] \"{}\" has a deadline of {}.", f.id,
                                      truncate(terminal_safe(f.text), 60), format_date(*f.by)));
        } else {
            out.push_back(fmt::format("Follow-up [{}] \"{}\" has no deadline, so it does not "
                                      "move the date.",
                                      f.id, truncate(terminal_safe(f.text), 60)));
        }
    }
    if (s.followup_by) {
        out.push_back(fmt::format("That deadline, {}, comes first, so they are due then.",
                                  format_date(*s.followup_by)));
    }
    if (!s.effective_due) {
        out.push_back(fmt::format("{} is archived, so bmc never lists them as due; `bmc "
                                  "unarchive '#{}'` brings them back.",
                                  name, c.id));
        return out;
    }
    out.push_back(fmt::format("Next reconnect: {} ({}).", format_date(*s.effective_due),
                              describe_due(*s.effective_due, w.today)));
    if (w.quota && w.planned && w.planned_week_start) {
        if (w.planned->moved()) {
            out.push_back(fmt::format("Your routine quota of {} moves them in the plan to the "
                                      "week of {}, {} after they are due.",
                                      describe(*w.quota), format_date(*w.planned_week_start),
                                      plural(w.planned->days_after_due, "day")));
        } else {
            out.push_back(fmt::format("The plan keeps them in the week of {}; your routine "
                                      "quota of {} has room.",
                                      format_date(*w.planned_week_start), describe(*w.quota)));
        }
    } else if (w.quota && w.waits_beyond_plan) {
        out.push_back(fmt::format("Your routine quota of {} is full for the next {}: the plan "
                                  "has them wait until after {}.",
                                  describe(*w.quota), plural(w.plan_weeks, "week"),
                                  format_date(plan_end(w.today, w.plan_weeks))));
    }
    return out;
}

std::string render_why(const WhyReport& w, const Style& style) {
    std::string out =
        bold(style, fmt::format("Why {}  #{}", terminal_safe(w.contact.name), w.contact.id)) + "\n";
    for (const auto& line : explain(w)) {
        out += "  " + line + "\n";
    }
    return out;
}

} // namespace bmc
