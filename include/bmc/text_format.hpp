// Human-readable output of every command. Renderers return strings; the cli layer decides where
// they go and whether colour is on. All stored text passes through terminal_safe().
#pragma once

#include "bmc/insight_views.hpp"
#include "bmc/views.hpp"

#include <string>
#include <vector>

namespace bmc {

struct Style {
    bool color = false; // ANSI colours (only when the cli decided stdout is a terminal)
};

// "due today", "due in 4 days", "3 weeks overdue", "2 months overdue", "1 year overdue".
std::string describe_due(Date due, Date today);
// "today", "yesterday", "4 days ago", "3 weeks ago", "5 months ago", "2 years ago".
std::string describe_ago(Date when, Date today);

std::string render_added(const Contact& contact, const Schedule& schedule, Date today,
                         const Style& style);
std::string render_logged(const std::vector<Logged>& logged, Date today, const Style& style);
std::string render_due(const DueReport& report, const Style& style);
std::string render_profile(const Profile& profile, Date today, const Style& style);
std::string render_list(const std::vector<ListRow>& rows, Date today, const Style& style);
std::string render_settings(const std::vector<SettingInfo>& settings);
std::string render_import(const ImportSummary& summary);
// "added N, updated N, skipped N duplicates", then which records matched whom (at most 20
// lines) and a note on a dry run.
std::string render_people_import(const PeopleImport& result);
// `dupes`: one line per group, "#3 Ada Lovelace, #7 ada lovelace: same name".
std::string render_dupes(const std::vector<DupeGroup>& groups);
// `merge`: what moved where.
std::string render_merge(const MergeResult& result);
std::string render_todo(const std::vector<FollowUpView>& open, Date today, const Style& style);
// One line saying a follow-up was recorded or closed.
std::string render_followup(const FollowUpView& view, Date today);
// One line per undo history entry: "#12  2026-11-22 08:15  bmc log Ada  (interactions: 1 added)".
std::string render_undo_change(const UndoChange& change);
std::string render_check(const CheckReport& report);

// Introductions and important dates.
std::string render_introduced(const Introduced& r, Date today);
std::string render_suggestions(const IntroSuggestions& s, const Style& style);
// `date NAME` (the list) or `date NAME LABEL --rm` (what was removed).
std::string render_person_dates(const PersonDates& d, Date today);
// `date NAME LABEL DATE`: added, changed or already so.
std::string render_date_set(const PersonDates& d, Date today);
// "in 6 days", "today", "tomorrow".
std::string describe_in(Date on, Date today);
// "birthday, turns 37", "anniversary, 10 years", "new job".
std::string describe_date(const ComingDate& d);

} // namespace bmc

// ---- The routine and insight commands (text_format_insights.cpp) ----

namespace bmc {

std::string render_plan(const PlanReport& report, const Style& style);
std::string render_stats(const NetworkStats& stats, const Style& style);
std::string render_review(const ReviewReport& report, const Style& style);
// The plain sentences of `bmc why`, in order; shared by its text and JSON output.
std::vector<std::string> explain(const WhyReport& report);
std::string render_why(const WhyReport& report, const Style& style);

} // namespace bmc
