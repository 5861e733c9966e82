// JSON of the routine and insight commands: plan, stats, review and why (docs/json.md).
#include "bmc/json_format.hpp"

#include "bmc/dates.hpp"

namespace bmc {

namespace {

Json date_or_null(const std::optional<Date>& d) {
    return d ? Json(format_date(*d)) : Json(nullptr);
}

Json quota_to_json(const std::optional<Quota>& q) {
    if (!q) {
        return nullptr;
    }
    Json j;
    j["period"] = q->period == Quota::Period::week ? "week" : "month";
    j["count"] = q->count;
    return j;
}

Json candidate_to_json(const PlanCandidate& c, Date today) {
    Json j;
    j["id"] = c.id;
    j["name"] = c.name;
    j["strength"] = to_string(c.strength);
    j["due"] = format_date(c.due);
    j["days_overdue"] = days_between(c.due, today);
    return j;
}

Json suggestion_to_json(const ReviewSuggestion& s) {
    Json j;
    j["id"] = s.person.id;
    j["name"] = s.person.name;
    j["from"] = to_string(s.change.from);
    j["to"] = to_string(s.change.to);
    j["change"] = s.change.promote() ? "promote" : "demote";
    j["reasons"] = s.change.reasons;
    return j;
}

} // namespace

Json plan_to_json(const PlanReport& r) {
    Json j;
    j["version"] = json_format_version;
    j["today"] = format_date(r.plan.today);
    j["until"] = format_date(plan_end(r.plan.today, r.weeks));
    j["quota"] = quota_to_json(r.plan.quota);
    j["weeks"] = Json::array();
    int index = 0;
    for (const auto& week : r.plan.weeks) {
        Json w;
        w["week"] = ++index;
        w["start"] = format_date(week.start);
        w["end"] = format_date(week.end);
        w["capacity"] = week.capacity >= 0 ? Json(week.capacity) : Json(nullptr);
        w["contacts"] = Json::array();
        for (const auto& p : week.people) {
            Json c = candidate_to_json(p.who, r.plan.today);
            c["moved"] = p.moved();
            c["days_after_due"] = p.moved() ? Json(p.days_after_due) : Json(nullptr);
            w["contacts"].push_back(std::move(c));
        }
        j["weeks"].push_back(std::move(w));
    }
    j["unplanned"] = Json::array();
    for (const auto& c : r.plan.unplanned) {
        j["unplanned"].push_back(candidate_to_json(c, r.plan.today));
    }
    return j;
}

Json stats_to_json(const NetworkStats& s) {
    Json j;
    j["version"] = json_format_version;
    j["today"] = format_date(s.today);
    j["people"] = {{"active", s.active}, {"archived", s.archived}};
    j["strength"] = {{"strong", s.strong}, {"medium", s.medium}, {"weak", s.weak}};
    j["stages"] = {
        {"connection", s.connection}, {"meaningful", s.meaningful}, {"sustained", s.sustained}};
    j["depth"] = {{"sustained", s.sustained}, {"total", s.active}};
    j["due_now"] = s.due_now;
    j["overdue"] = s.overdue;
    j["interactions_per_month"] = Json::array();
    for (const auto& [month, n] : s.per_month) {
        j["interactions_per_month"].push_back(
            {{"month", format_date(Date{month / date::day{1}}).substr(0, 7)}, {"count", n}});
    }
    j["reach_outs"] = {
        {"me", s.reach_outs.me}, {"them", s.reach_outs.them}, {"unknown", s.reach_outs.unknown}};
    j["quota"] = quota_to_json(s.quota);
    j["routine"] = Json::array();
    for (const auto& p : s.quota_periods) {
        Json period;
        period["start"] = format_date(p.start);
        period["end"] = format_date(p.end);
        period["reached"] = p.reached;
        period["quota"] = s.quota ? Json(p.quota) : Json(nullptr);
        period["met"] = s.quota ? Json(p.reached >= p.quota) : Json(nullptr);
        j["routine"].push_back(std::move(period));
    }
    return j;
}

Json review_to_json(const ReviewReport& r) {
    Json j;
    j["version"] = json_format_version;
    j["today"] = format_date(r.today);
    j["suggestions"] = Json::array();
    for (const auto& s : r.suggestions) {
        j["suggestions"].push_back(suggestion_to_json(s));
    }
    j["applied"] = Json::array();
    for (const auto& s : r.applied) {
        j["applied"].push_back(suggestion_to_json(s));
    }
    return j;
}

Json why_to_json(const WhyReport& w, const std::vector<std::string>& sentences) {
    const Schedule& s = w.schedule;
    Json j;
    j["version"] = json_format_version;
    j["today"] = format_date(w.today);
    j["id"] = w.contact.id;
    j["name"] = w.contact.name;
    j["strength"] = to_string(w.contact.strength);
    j["interval"] = to_string(s.interval);
    j["source"] = s.source == IntervalSource::override ? "override" : "strength";
    j["anchor"] = format_date(s.anchor);
    j["anchor_kind"] = s.anchor_is_interaction ? "interaction" : "met_on";
    j["anchor_interaction"] = w.anchor ? to_json(*w.anchor) : Json(nullptr);
    j["scheduled"] = format_date(s.next_due);
    j["snoozed_until"] = date_or_null(w.contact.snoozed_until);
    j["snooze_applies"] = s.snoozed_until.has_value();
    j["followups"] = Json::array();
    for (const auto& f : w.open_followups) {
        j["followups"].push_back({{"id", f.id}, {"text", f.text}, {"by", date_or_null(f.by)}});
    }
    j["followup_by"] = date_or_null(s.followup_by);
    j["archived"] = w.contact.archived;
    j["next_due"] = date_or_null(s.effective_due);
    Json plan;
    plan["weeks"] = w.plan_weeks;
    plan["quota"] = quota_to_json(w.quota);
    plan["week_start"] = date_or_null(w.planned_week_start);
    plan["moved"] = w.planned && w.planned->moved();
    plan["days_after_due"] =
        w.planned && w.planned->moved() ? Json(w.planned->days_after_due) : Json(nullptr);
    plan["waits_beyond_plan"] = w.waits_beyond_plan;
    j["plan"] = std::move(plan);
    j["sentences"] = sentences;
    return j;
}

} // namespace bmc
