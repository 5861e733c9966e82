// Human-readable output of every command. Renderers return strings; the cli layer decides where
// they go and whether colour is on. All stored text passes through terminal_safe().
#pragma once

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
std::string render_list(const std::vector<ContactSummary>& rows, Date today, const Style& style);
std::string render_settings(const std::vector<SettingInfo>& settings);
std::string render_import(const ImportSummary& summary);
std::string render_todo(const std::vector<FollowUpView>& open, Date today, const Style& style);
// One line saying a follow-up was recorded or closed.
std::string render_followup(const FollowUpView& view, Date today);
// One line per undo history entry: "#12  2026-11-22 08:15  bmc log Ada  (interactions: 1 added)".
std::string render_undo_change(const UndoChange& change);
std::string render_check(const CheckReport& report);

} // namespace bmc
