// Exporting in formats other than the JSON document: JSON Lines, CSV, vCard and iCalendar.
#include "bmc/csv.hpp"
#include "bmc/dates.hpp"
#include "bmc/ical.hpp"
#include "bmc/import_formats.hpp"
#include "bmc/service.hpp"
#include "bmc/vcard.hpp"
#include "service_detail.hpp"

#include <ostream>

namespace bmc {

void Service::export_jsonl(std::ostream& out) {
    std::string buffer;
    m_repo.for_each_contact([&](const Contact& c, const std::vector<Interaction>& interactions,
                                const std::vector<FollowUp>& followups) {
        buffer.clear();
        append_export_record(buffer, c, interactions, followups);
        buffer += '\n';
        out << buffer;
    });
}

void Service::export_csv(std::ostream& out) {
    out << csv_row(bmc_csv_columns());
    m_repo.for_each_contact(
        [&](const Contact& c, const std::vector<Interaction>&, const std::vector<FollowUp>&) {
            out << csv_row(bmc_csv_fields(c));
        });
}

void Service::export_vcards(
    int version, const std::function<void(const std::string&, const std::string&)>& sink) {
    const std::string rev = compact_utc(m_clock.now_utc());
    m_repo.for_each_contact(
        [&](const Contact& c, const std::vector<Interaction>&, const std::vector<FollowUp>&) {
            sink(c.uuid, write_vcard(contact_to_vcard(c, rev), version));
        });
}

std::string Service::export_ics(std::optional<Interval> within, bool alarm) {
    std::optional<Date> until;
    if (within) {
        until = add_interval(m_today, *within);
    }
    std::vector<CalendarEvent> events;
    m_repo.for_each_contact([&](const Contact& c, const std::vector<Interaction>& interactions,
                                const std::vector<FollowUp>& followups) {
        if (c.archived || !c.next_due) {
            return;
        }
        if (until && detail::is_after(*c.next_due, *until)) {
            return;
        }
        CalendarEvent e;
        e.uid = c.uuid + "@bmc";
        e.date = detail::is_after(m_today, *c.next_due) ? m_today : *c.next_due;
        e.summary = "Reconnect with " + c.name;
        e.alarm = alarm;
        // Interactions come oldest first: the last one with a note is the latest note.
        for (auto it = interactions.rbegin(); it != interactions.rend(); ++it) {
            if (it->note) {
                e.description = "Last note (" + format_date(it->date) + "): " + *it->note;
                break;
            }
        }
        for (const auto& f : followups) {
            if (!f.done_on) {
                if (!e.description.empty()) {
                    e.description += "\n";
                }
                e.description += "Follow-up: " + f.text;
                if (f.by) {
                    e.description += " (by " + format_date(*f.by) + ")";
                }
            }
        }
        events.push_back(std::move(e));
    });
    std::stable_sort(events.begin(), events.end(), [](const auto& a, const auto& b) {
        return date::sys_days{a.date} < date::sys_days{b.date};
    });
    return write_calendar(events, m_clock.now_utc());
}

} // namespace bmc
