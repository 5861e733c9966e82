#include "bmc/text_format.hpp"

#include "bmc/dates.hpp"
#include "bmc/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace bmc {

namespace {

constexpr std::size_t note_width = 72;

std::string paint(const Style& style, const char* code, const std::string& text) {
    if (!style.color) {
        return text;
    }
    return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
}

std::string bold(const Style& style, const std::string& text) {
    return paint(style, "1", text);
}
std::string dim(const Style& style, const std::string& text) {
    return paint(style, "2", text);
}

std::string plural(long n, std::string_view unit) {
    std::string out = std::to_string(n);
    out += ' ';
    out += unit;
    if (n != 1) {
        out += 's';
    }
    return out;
}

// Appends `s` and then spaces up to `width` columns (nothing when it is that wide already).
void append_padded(std::string& out, std::string_view s, std::size_t width) {
    out += s;
    const std::size_t w = display_width(s);
    if (w < width) {
        out.append(width - w, ' ');
    }
}

// A span of days in the largest unit that keeps it readable.
std::string span(long days) {
    if (days < 14) {
        return plural(days, "day");
    }
    if (days < 60) {
        return plural(days / 7, "week");
    }
    if (days < 365) {
        return plural(days / 30, "month");
    }
    return plural(days / 365, "year");
}

std::string people_count(std::size_t n) {
    return n == 1 ? std::string("1 person") : fmt::format("{} people", n);
}

std::string status_color(Date due, Date today) {
    const int d = days_between(due, today);
    return d > 0 ? "31" : d == 0 ? "33" : "32";
}

std::string safe(const std::optional<std::string>& s) {
    return s ? terminal_safe(*s) : "";
}

std::string join(const std::vector<std::string>& list, std::string_view sep) {
    std::string out;
    for (const auto& item : list) {
        out += (out.empty() ? "" : std::string(sep)) + terminal_safe(item);
    }
    return out;
}

std::string interaction_line(const Interaction& i) {
    std::string out = format_date(i.date);
    if (i.via) {
        out += " " + terminal_safe(*i.via);
    }
    if (i.by) {
        out += i.by == Initiator::me ? " (you reached out)" : " (they reached out)";
    }
    if (i.note) {
        out += ": " + truncate(terminal_safe(*i.note), note_width);
    }
    return out;
}

// Multi-line text with every line after the first indented by `width` spaces.
std::string indent_lines(const std::string& text, std::size_t width) {
    std::string out;
    for (char ch : text) {
        out += ch;
        if (ch == '\n') {
            out += std::string(width, ' ');
        }
    }
    return out;
}

// "to do [3]: send the article (by 2026-12-01, in 9 days)" — deadlines that are reached in red.
std::string followup_line(const FollowUp& f, Date today, const Style& style) {
    std::string line = fmt::format("to do [{}]: {}", f.id, terminal_safe(f.text));
    if (f.by) {
        const std::string when = fmt::format(
            " (by {}, {})", format_date(*f.by),
            days_between(*f.by, today) >= 0 ? "reached" : "in " + span(days_between(today, *f.by)));
        line += days_between(*f.by, today) >= 0 ? paint(style, "31", when) : when;
    }
    return line;
}

std::string cadence_source(const Schedule& s, Strength strength) {
    return s.source == IntervalSource::override
               ? "own interval"
               : fmt::format("{} tie default", to_string(strength));
}

} // namespace

std::string describe_due(Date due, Date today) {
    const int d = days_between(due, today);
    if (d == 0) {
        return "due today";
    }
    if (d > 0) {
        return span(d) + " overdue";
    }
    return "due in " + span(-d);
}

std::string describe_ago(Date when, Date today) {
    const int d = days_between(when, today);
    if (d == 0) {
        return "today";
    }
    if (d == 1) {
        return "yesterday";
    }
    if (d < 0) {
        return "in " + span(-d);
    }
    return span(d) + " ago";
}

std::string render_added(const Contact& c, const Schedule& s, Date today, const Style& style) {
    return fmt::format("Added #{} {} ({}, every {}): reconnect by {} ({}).\n", c.id,
                       bold(style, terminal_safe(c.name)), to_string(c.strength),
                       describe(s.interval), format_date(s.next_due),
                       describe_due(s.next_due, today));
}

std::string render_logged(const std::vector<Logged>& logged, Date today, const Style& style) {
    std::string out;
    for (const auto& l : logged) {
        const std::string what = l.interaction.via ? *l.interaction.via : "a conversation";
        out += fmt::format("Logged {} with {} on {}.", what,
                           bold(style, terminal_safe(l.contact.name)),
                           format_date(l.interaction.date));
        if (!l.moved_anchor) {
            out += " It is older than the latest conversation, so the date stays.";
        }
        if (l.contact.next_due) {
            out += fmt::format(" Next reconnect: {} ({}).", format_date(*l.contact.next_due),
                               describe_due(*l.contact.next_due, today));
        } else {
            out += " (Archived: never due.)";
        }
        out += '\n';
        for (const auto& f : l.added) {
            out += fmt::format("  + follow-up [{}]: {}\n", f.id, terminal_safe(f.text));
        }
        for (const auto& f : l.closed) {
            out += fmt::format("  done [{}]: {}\n", f.id, terminal_safe(f.text));
        }
    }
    return out;
}

std::string render_todo(const std::vector<FollowUpView>& open, Date today, const Style& style) {
    if (open.empty()) {
        return "No open follow-ups. Add one with `bmc todo NAME TEXT` or `bmc log NAME "
               "--followup TEXT`.\n";
    }
    std::size_t name_width = 0;
    for (const auto& v : open) {
        name_width = std::max(name_width, display_width(terminal_safe(v.person.name)));
    }
    name_width = std::min<std::size_t>(name_width, 32);
    std::string out;
    for (const auto& v : open) {
        out += fmt::format(
            "  {}  {}\n",
            bold(style, pad_right(truncate(terminal_safe(v.person.name), name_width), name_width)),
            followup_line(v.followup, today, style));
    }
    out += fmt::format("{} open\n", open.size());
    return out;
}

std::string render_followup(const FollowUpView& v, Date today) {
    const FollowUp& f = v.followup;
    if (f.done_on) {
        return fmt::format("Done [{}] with {}: {} (on {}).\n", f.id, terminal_safe(v.person.name),
                           terminal_safe(f.text), format_date(*f.done_on));
    }
    return fmt::format(
        "Follow-up [{}] for {}: {}{}.\n", f.id, terminal_safe(v.person.name), terminal_safe(f.text),
        f.by ? fmt::format(" (by {}, {})", format_date(*f.by), describe_due(*f.by, today)) : "");
}

namespace {

std::string render_due_people(const DueReport& r, const Style& style) {
    const bool ahead = r.until != r.today;
    if (r.people.empty()) {
        if (ahead) {
            return fmt::format("Nobody is due by {}.\n", format_date(r.until));
        }
        return fmt::format("Nobody is due today ({}). Look ahead with `bmc due --within 2w`.\n",
                           format_date(r.today));
    }
    const std::string when =
        ahead ? "due by " + format_date(r.until) : "as of " + format_date(r.today);
    std::string out =
        r.more > 0
            ? fmt::format("{} to reconnect with, {}; the first {}:\n\n",
                          people_count(r.people.size() + static_cast<std::size_t>(r.more)), when,
                          r.people.size())
            : fmt::format("{} to reconnect with, {}:\n\n", people_count(r.people.size()), when);
    // The list can be thousands of people long: each line is appended in place, without
    // fmt::format or temporary strings per column.
    std::vector<std::string> names;
    names.reserve(r.people.size());
    std::size_t name_width = 0;
    std::size_t id_width = 0;
    for (const auto& p : r.people) {
        names.push_back(terminal_safe(p.contact.name));
        name_width = std::max(name_width, display_width(names.back()));
        id_width = std::max(id_width, std::to_string(p.contact.id).size() + 1);
    }
    name_width = std::min<std::size_t>(name_width, 32);
    out.reserve(out.size() + r.people.size() * 160);
    const std::string indent(6, ' ');
    for (std::size_t k = 0; k < r.people.size(); ++k) {
        const ContactSummary& p = r.people[k];
        const Contact& c = p.contact;
        const Date due = *c.next_due;
        out += "  ";
        out += bold(style, pad_right(truncate(names[k], name_width), name_width));
        out += "  #";
        const std::string id = std::to_string(c.id);
        out += id;
        out.append(id_width - std::min(id_width, id.size() + 1), ' ');
        out += "  ";
        const std::string_view strength = to_string(c.strength);
        out += strength;
        out.append(6 - std::min<std::size_t>(6, strength.size()), ' ');
        out += "  due ";
        out += format_date(due);
        out += "  ";
        out += paint(style, status_color(due, r.today).c_str(), describe_due(due, r.today));
        out += '\n';
        if (p.last) {
            out += indent + dim(style, "last: " + interaction_line(*p.last)) + "\n";
        } else {
            std::string line = "no conversation logged yet";
            if (c.met || c.met_on) {
                line += "; met";
                if (c.met_on) {
                    line += " " + format_date(*c.met_on);
                }
                if (c.met) {
                    line += " (" + truncate(terminal_safe(*c.met), 48) + ")";
                }
            }
            out += indent + dim(style, line) + "\n";
        }
        for (const auto& f : p.followups) {
            out += indent + followup_line(f, r.today, style) + "\n";
        }
    }
    if (r.more > 0) {
        // With --within, `bmc due --all` alone would drop the window: say "add --all" instead.
        out += fmt::format(
            "\n… and {} more due: {}; `bmc plan` spreads them over the coming "
            "weeks.\n",
            r.more, ahead ? "add `--all` to list everyone" : "`bmc due --all` lists everyone");
    }
    return out;
}

std::string render_coming_up(const DueReport& r, const Style& style);
std::string render_connections(const Profile& p, Date today, const Style& style);

} // namespace

std::string render_due(const DueReport& r, const Style& style) {
    return render_due_people(r, style) + render_coming_up(r, style);
}

std::string render_profile(const Profile& p, Date today, const Style& style) {
    const Contact& c = p.contact;
    std::string out = fmt::format("{}  #{}\n", bold(style, terminal_safe(c.name)), c.id);
    const auto row = [&](std::string_view label, const std::string& value) {
        if (!value.empty()) {
            out += fmt::format("  {:<10} {}\n", label, value);
        }
    };
    row("strength", std::string(to_string(c.strength)));
    row("company", safe(c.company));
    row("title", safe(c.title));
    row("emails", join(c.emails, ", "));
    row("phones", join(c.phones, ", "));
    row("tags", join(c.tags, ", "));
    std::string met = safe(c.met);
    if (c.met_on) {
        met += (met.empty() ? "on " : ", on ") + format_date(*c.met_on);
    }
    row("met", met);
    if (c.notes) {
        row("notes", indent_lines(terminal_safe(*c.notes, false), 13));
    }
    if (c.archived) {
        row("status", "archived (never due; `bmc unarchive` to bring back)");
    }
    const Schedule& s = p.schedule;
    out += bold(style, "Cadence") + "\n";
    row("every", fmt::format("{} ({})", describe(s.interval), cadence_source(s, c.strength)));
    row("anchor", fmt::format("{} ({})", format_date(s.anchor),
                              s.anchor_is_interaction ? "last conversation" : "date met"));
    if (c.archived) {
        row("next due", "never (archived)");
    } else {
        row("next due",
            fmt::format("{} ({})", format_date(s.next_due), describe_due(s.next_due, today)));
    }
    if (s.followup_by && !c.archived) {
        row("deadline", fmt::format("{} (an open follow-up is due then, before the cadence)",
                                    format_date(*s.followup_by)));
    }
    if (s.snoozed_until) {
        row("snoozed", fmt::format("until {} ({})", format_date(*s.snoozed_until),
                                   describe_due(*s.snoozed_until, today)));
    }
    const Reciprocity& r = p.reciprocity;
    out += bold(style, "Give and take") + "\n";
    row("reach-outs",
        fmt::format("you {}, them {}{}", r.by_me, r.by_them,
                    r.unanswered >= 2
                        ? fmt::format(" · {} of yours unanswered in a row", r.unanswered)
                        : ""));
    row("exchanges", fmt::format("gave {}, received {}, asked {}", r.gave, r.received, r.asked));
    std::size_t open = 0;
    for (const auto& f : p.followups) {
        open += f.done_on ? 0 : 1;
    }
    if (!p.followups.empty()) {
        out += bold(style,
                    fmt::format("Follow-ups ({} open, {} done)", open, p.followups.size() - open)) +
               "\n";
        for (const auto& f : p.followups) {
            if (f.done_on) {
                out += fmt::format("  done [{}]: {} (on {})\n", f.id, terminal_safe(f.text),
                                   format_date(*f.done_on));
            } else {
                out += "  " + followup_line(f, today, style) + "\n";
            }
        }
    }
    out += render_connections(p, today, style);
    out += bold(style, fmt::format("Conversations ({})", p.interactions.size())) + "\n";
    if (p.interactions.empty()) {
        out += "  none yet; log one with `bmc log`\n";
    }
    for (const auto& i : p.interactions) {
        std::string line = fmt::format("  {}  {:<7}", format_date(i.date),
                                       i.via ? terminal_safe(*i.via) : std::string("-"));
        line += fmt::format(" {:<4}", i.by ? std::string(to_string(*i.by)) : "-");
        if (i.note) {
            line += "  " + indent_lines(terminal_safe(*i.note, false), 27);
        }
        while (!line.empty() && line.back() == ' ') {
            line.pop_back();
        }
        out += line + "\n";
        const std::string pad(27, ' ');
        if (i.gave) {
            out += pad + "gave: " + terminal_safe(*i.gave) + "\n";
        }
        if (i.received) {
            out += pad + "received: " + terminal_safe(*i.received) + "\n";
        }
        if (i.asked) {
            out += pad + "asked: " + terminal_safe(*i.asked) + "\n";
        }
    }
    return out;
}

std::string render_list(const std::vector<ListRow>& rows, Date today, const Style& style) {
    if (rows.empty()) {
        return "Nobody matches.\n";
    }
    std::vector<std::string> names; // made safe once, measured and then drawn
    names.reserve(rows.size());
    std::size_t name_width = 4;
    std::int64_t max_id = 0;
    for (const auto& r : rows) {
        names.push_back(terminal_safe(r.name));
        name_width = std::max(name_width, display_width(names.back()));
        max_id = std::max(max_id, r.id);
    }
    name_width = std::min<std::size_t>(name_width, 32);
    const std::size_t id_width = std::max<std::size_t>(2, std::to_string(max_id).size() + 1);
    std::string out =
        bold(style, fmt::format("  {}  {}  {:<8}  {:<10}  {:<18}  {}", pad_right("ID", id_width),
                                pad_right("NAME", name_width), "STRENGTH", "NEXT DUE", "",
                                "LAST TALKED")) +
        "\n";
    // Thousands of rows: each is appended in place, without fmt::format or a string per column.
    out.reserve(out.size() + rows.size() * 120);
    for (std::size_t k = 0; k < rows.size(); ++k) {
        const ListRow& r = rows[k];
        out += "  ";
        append_padded(out, "#" + std::to_string(r.id), id_width);
        out += "  ";
        append_padded(out, truncate(names[k], name_width), name_width);
        out += "  ";
        append_padded(out, to_string(r.strength), 8);
        out += "  ";
        if (r.next_due) {
            out += format_date(*r.next_due);
            out += "  ";
            std::string status = describe_due(*r.next_due, today);
            const std::size_t w = status.size(); // ASCII
            if (w < 18) {
                status.append(18 - w, ' ');
            }
            out += paint(style, status_color(*r.next_due, today).c_str(), status);
        } else {
            append_padded(out, "archived", 10);
            out += "  ";
            out.append(18, ' ');
        }
        out += "  ";
        if (r.last_interaction) {
            out += format_date(*r.last_interaction);
            out += " (";
            out += describe_ago(*r.last_interaction, today);
            out += ')';
        } else {
            out += "never";
        }
        out += '\n';
    }
    out += people_count(rows.size()) + "\n";
    return out;
}

std::string render_settings(const std::vector<SettingInfo>& settings) {
    std::string out;
    for (const auto& s : settings) {
        out += fmt::format(
            "{:<17} {:<5} {}{}\n", s.key, s.value, s.description,
            s.value == s.default_value ? "" : fmt::format(" (default {})", s.default_value));
    }
    return out;
}

std::string render_import(const ImportSummary& s) {
    std::string out =
        fmt::format("Imported: {} added, {} updated, {} unchanged; {} interactions added, {} "
                    "updated",
                    s.added, s.updated, s.unchanged, s.interactions_added, s.interactions_updated);
    if (s.followups_added != 0 || s.followups_updated != 0) {
        out += fmt::format("; {} follow-ups added, {} updated", s.followups_added,
                           s.followups_updated);
    }
    if (s.settings_changed != 0) {
        out += fmt::format("; {} setting{} changed", s.settings_changed,
                           s.settings_changed == 1 ? "" : "s");
    }
    if (s.introductions_added != 0) {
        out += fmt::format("; {} introductions added", s.introductions_added);
    }
    return out + ".\n";
}

std::string render_people_import(const PeopleImport& r) {
    std::string out = fmt::format("{}added {}, updated {}, skipped {} duplicate{}\n",
                                  r.dry_run ? "Dry run: would have " : "", r.added, r.updated,
                                  r.skipped, r.skipped == 1 ? "" : "s");
    constexpr std::size_t shown = 20;
    for (std::size_t i = 0; i < r.matches.size() && i < shown; ++i) {
        const ImportMatch& m = r.matches[i];
        out += fmt::format("  {} {}: same {} as #{} {}\n", m.updated ? "updated" : "skipped",
                           terminal_safe(m.where), m.by, m.existing.id,
                           terminal_safe(m.existing.name));
    }
    if (r.matches.size() > shown) {
        out += fmt::format("  … and {} more\n", r.matches.size() - shown);
    }
    if (r.dry_run) {
        out += "Nothing was written (--dry-run).\n";
    }
    return out;
}

std::string render_dupes(const std::vector<DupeGroup>& groups) {
    if (groups.empty()) {
        return "No likely duplicates.\n";
    }
    std::string out;
    for (const auto& g : groups) {
        std::string people;
        for (const auto& p : g.people) {
            people +=
                fmt::format("{}#{} {}", people.empty() ? "" : ", ", p.id, terminal_safe(p.name));
        }
        out += fmt::format("{}: same {} {}\n", people, g.reason, quote(g.value));
    }
    out += fmt::format("{} group{} of likely duplicates; merge with `bmc merge KEEP OTHER`.\n",
                       groups.size(), groups.size() == 1 ? "" : "s");
    return out;
}

std::string render_merge(const MergeResult& r) {
    return fmt::format("Merged #{} {} into #{} {}: {} conversation{} and {} follow-up{} moved; "
                       "#{} removed.\n",
                       r.removed.id, terminal_safe(r.removed.name), r.kept.id,
                       terminal_safe(r.kept.name), r.interactions_moved,
                       r.interactions_moved == 1 ? "" : "s", r.followups_moved,
                       r.followups_moved == 1 ? "" : "s", r.removed.id);
}

// Introductions and important dates.

std::string describe_in(Date on, Date today) {
    const int days = days_between(today, on);
    if (days == 0) {
        return "today";
    }
    if (days == 1) {
        return "tomorrow";
    }
    return fmt::format("in {} days", days);
}

std::string describe_date(const ComingDate& d) {
    std::string out = terminal_safe(d.label);
    if (d.years && *d.years > 0) {
        out += is_birthday_label(d.label)
                   ? fmt::format(", turns {}", *d.years)
                   : fmt::format(", {} year{}", *d.years, *d.years == 1 ? "" : "s");
    }
    return out;
}

namespace {

std::string person_ref(const ContactRef& r) {
    return fmt::format("{} (#{})", terminal_safe(r.name), r.id);
}

std::string render_coming_up(const DueReport& r, const Style& style) {
    if (r.coming_up.empty()) {
        return {};
    }
    std::string out =
        "\n" + bold(style, fmt::format("Coming up by {}:", format_date(r.dates_until))) + "\n";
    for (const auto& d : r.coming_up) {
        out += fmt::format("  {}  {}  {} ({})\n", format_date(d.on), person_ref(d.person),
                           describe_date(d), describe_in(d.on, r.today));
    }
    return out;
}

std::string render_connections(const Profile& p, Date today, const Style& style) {
    const Connections& c = p.connections;
    std::string out;
    const auto row = [&](std::string_view label, const std::string& value) {
        out += fmt::format("  {:<18} {}\n", label, value);
    };
    if (c.introduced_by || !c.introduced_you_to.empty() || !c.introductions.empty()) {
        out += bold(style, "Introductions") + "\n";
        if (c.introduced_by) {
            row("introduced by", person_ref(*c.introduced_by));
        }
        if (!c.introduced_you_to.empty()) {
            std::vector<std::string> names;
            for (const auto& r : c.introduced_you_to) {
                names.push_back(person_ref(r));
            }
            row("introduced you to", join(names, ", "));
        }
        for (const auto& v : c.introductions) {
            std::string line = person_ref(v.other) + " on " + format_date(v.introduction.date);
            if (v.introduction.note) {
                line += ": " + terminal_safe(*v.introduction.note);
            }
            row("you introduced", line);
        }
    }
    if (!c.dates.empty()) {
        out += bold(style, "Dates") + "\n";
        for (const auto& d : c.dates) {
            std::string line = format_yearly_date(d.date) + " · next " + format_date(d.on);
            if (d.years && *d.years > 0) {
                line += is_birthday_label(d.label)
                            ? fmt::format(", turns {}", *d.years)
                            : fmt::format(", {} year{}", *d.years, *d.years == 1 ? "" : "s");
            }
            line += " (" + describe_in(d.on, today) + ")";
            row(terminal_safe(d.label), line);
        }
    }
    return out;
}

} // namespace

std::string render_introduced(const Introduced& r, Date today) {
    std::string out = fmt::format("Introduced {} and {} on {}; logged it with both.\n",
                                  person_ref({r.a.id, r.a.name}), person_ref({r.b.id, r.b.name}),
                                  format_date(r.introduction.date));
    for (const Contact* c : {&r.a, &r.b}) {
        out += fmt::format("  {}: next reconnect {}\n", terminal_safe(c->name),
                           c->next_due ? format_date(*c->next_due) + " (" +
                                             describe_due(*c->next_due, today) + ")"
                                       : std::string("never (archived)"));
    }
    return out;
}

std::string render_suggestions(const IntroSuggestions& s, const Style& style) {
    std::string out;
    if (s.pairs.empty()) {
        out = "No introductions to suggest: nobody shares a tag with someone they are not "
              "connected to yet.\nTag people with their interests (`bmc edit NAME --tag "
              "climbing`) to find matches.\n";
    } else {
        out = bold(style, "People who share interests and have not been introduced:") + "\n";
        for (const auto& p : s.pairs) {
            std::vector<std::string> tags;
            for (const auto& t : p.shared_tags) {
                tags.push_back(terminal_safe(t));
            }
            out += fmt::format("  {} + {}  share {}\n", person_ref({p.a, p.a_name}),
                               person_ref({p.b, p.b_name}), join(tags, ", "));
        }
        out += "Record one you make with `bmc intro A B`.\n";
    }
    if (!s.broad_tags.empty()) {
        std::vector<std::string> tags;
        for (const auto& t : s.broad_tags) {
            tags.push_back(fmt::format("{} ({} people)", terminal_safe(t.tag), t.people));
        }
        out += dim(style, "Too large to suggest pairs on their own (they still count as shared "
                          "tags): " +
                              join(tags, ", ")) +
               "\n";
    }
    return out;
}

std::string render_person_dates(const PersonDates& d, Date today) {
    if (d.removed) {
        return fmt::format("Removed {}'s {} ({}).\n", terminal_safe(d.person.name),
                           terminal_safe(d.dates.front().label),
                           format_yearly_date(d.dates.front().date));
    }
    if (d.dates.empty()) {
        return fmt::format("No dates for {} yet; add one with `bmc date {} LABEL DATE`.\n",
                           person_ref(d.person), d.person.id);
    }
    std::string out;
    out = fmt::format("Dates of {}:\n", person_ref(d.person));
    for (const auto& c : d.dates) {
        out += fmt::format("  {:<14} {}  next {}{} ({})\n", terminal_safe(c.label),
                           format_yearly_date(c.date), format_date(c.on),
                           describe_date(c).substr(terminal_safe(c.label).size()),
                           describe_in(c.on, today));
    }
    return out;
}

std::string render_date_set(const PersonDates& d, Date today) {
    const ComingDate& c = d.dates.front();
    const std::string name = terminal_safe(d.person.name);
    const std::string next = fmt::format("next {}{} ({})", format_date(c.on),
                                         describe_date(c).substr(terminal_safe(c.label).size()),
                                         describe_in(c.on, today));
    if (!d.previous) {
        return fmt::format("Added {}'s {}: {}; {}.\n", name, terminal_safe(c.label),
                           format_yearly_date(c.date), next);
    }
    if (*d.previous == c.date) {
        return fmt::format("{}'s {} is already {}; {}.\n", name, terminal_safe(c.label),
                           format_yearly_date(c.date), next);
    }
    return fmt::format("Changed {}'s {} from {} to {}; {}.\n", name, terminal_safe(c.label),
                       format_yearly_date(*d.previous), format_yearly_date(c.date), next);
}

} // namespace bmc

namespace bmc {

std::string render_undo_change(const UndoChange& change) {
    std::string when = change.created_at;
    if (when.size() >= 16) {
        when = when.substr(0, 10) + " " + when.substr(11, 5);
    }
    std::string rows;
    for (const auto& [table, n] : change.rows) {
        std::string counts;
        const char* words[] = {"added", "changed", "deleted"};
        for (std::size_t i = 0; i < 3; ++i) {
            if (n[i] > 0) {
                counts += (counts.empty() ? "" : ", ") + std::to_string(n[i]) + " " + words[i];
            }
        }
        rows += (rows.empty() ? "" : "; ") + terminal_safe(table) + ": " + counts;
    }
    return "#" + std::to_string(change.id) + "  " + terminal_safe(when) + " UTC  " +
           terminal_safe(change.description) + "  (" + rows + ")\n";
}

std::string render_check(const CheckReport& report) {
    std::string out;
    for (const auto& p : report.problems) {
        out += "problem: " + terminal_safe(p) + "\n";
    }
    if (!report.problems.empty() && report.contacts + report.interactions + report.followups == 0) {
        // The storage is damaged: its rows were not read.
        return out + std::to_string(report.problems.size()) +
               (report.problems.size() == 1 ? " problem" : " problems") + " found.\n";
    }
    out += report.problems.empty()
               ? "OK: "
               : std::to_string(report.problems.size()) +
                     (report.problems.size() == 1 ? " problem in " : " problems in ");
    const auto count = [](std::int64_t n, const char* one, const char* many) {
        return std::to_string(n) + " " + (n == 1 ? one : many);
    };
    out += count(report.contacts, "person", "people") + ", " +
           count(report.interactions, "conversation", "conversations") + ", " +
           count(report.followups, "follow-up", "follow-ups") + " checked.\n";
    return out;
}

} // namespace bmc
