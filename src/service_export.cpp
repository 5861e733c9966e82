// Exporting in formats other than the JSON document: JSON Lines, CSV, vCard and iCalendar.
#include "bmc/csv.hpp"
#include "bmc/dates.hpp"
#include "bmc/ical.hpp"
#include "bmc/import_formats.hpp"
#include "bmc/service.hpp"
#include "bmc/text.hpp"
#include "bmc/vcard.hpp"
#include "service_detail.hpp"

#include <ostream>

namespace bmc {

namespace {

using DatesByContact = std::map<std::int64_t, std::vector<ImportantDate>>;

std::optional<YearlyDate> birthday_in(const DatesByContact& dates, std::int64_t contact_id) {
    const auto it = dates.find(contact_id);
    if (it != dates.end()) {
        for (const auto& d : it->second) {
            if (is_birthday_label(d.label)) {
                return d.date;
            }
        }
    }
    return std::nullopt;
}

// A yearly all-day event for an important date. The first occurrence is the date itself when
// the year is known, else its day in 2000 (a leap year, so that 29 February exists); a stable
// start keeps the event identical from one export to the next.
CalendarEvent yearly_event(const Contact& c, const ImportantDate& d, bool alarm) {
    CalendarEvent e;
    const bool birthday = is_birthday_label(d.label);
    // The same label always gives the same UID, so a re-import updates the event.
    e.uid = c.uuid +
            (birthday ? std::string("-birthday")
                      : "-date-" + uuid_for_uid(fold_case(d.label)).substr(0, 8)) +
            "@bmc";
    e.date = occurrence_in(d.date, date::year{d.date.year.value_or(2000)});
    e.summary = c.name + " \u2014 " + (birthday ? std::string(birthday_label) : d.label);
    if (d.date.year) {
        e.description = (birthday ? "Born " : "Since ") + format_yearly_date(d.date);
    }
    e.yearly = true;
    e.alarm = alarm;
    return e;
}

} // namespace

namespace detail {

namespace {

// Turns the repository's walk over the contacts into export records, buffered.
class RecordWriter final : public Repository::ContactVisitor {
public:
    RecordWriter(const ExportConnectionData& connections, std::ostream& out,
                 std::string_view before_first, std::string_view before_next,
                 std::string_view after_each)
        : m_connections(connections), m_out(out), m_before_first(before_first),
          m_before_next(before_next), m_after_each(after_each) {
        m_buffer.reserve(chunk_bytes + chunk_bytes / 4);
    }

    void contact(const Contact& c) override {
        m_buffer += m_first ? m_before_first : m_before_next;
        m_first = false;
        append_export_record_head(m_buffer, c);
        m_interactions = 0;
    }

    void interaction(const InteractionRow& row) override {
        append_export_interaction(m_buffer, row, m_interactions == 0);
        ++m_interactions;
        if (m_buffer.size() >= chunk_bytes) {
            flush(); // a person with a very long history does not grow the buffer
        }
    }

    void end_contact(const Contact& c, const std::vector<FollowUp>& followups) override {
        const auto extra = m_connections.contacts.find(c.id);
        append_export_record_tail(m_buffer, followups,
                                  extra == m_connections.contacts.end() ? ExportConnections{}
                                                                        : extra->second);
        m_buffer += m_after_each;
        if (m_buffer.size() >= chunk_bytes) {
            flush();
        }
    }

    void flush() {
        m_out.write(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
        m_buffer.clear();
    }

private:
    static constexpr std::size_t chunk_bytes = std::size_t{1} << 20;
    const ExportConnectionData& m_connections;
    std::ostream& m_out;
    std::string_view m_before_first;
    std::string_view m_before_next;
    std::string_view m_after_each;
    std::string m_buffer;
    bool m_first = true;
    std::size_t m_interactions = 0;
};

} // namespace

void write_export_records(Repository& repo, const ExportConnectionData& connections,
                          std::ostream& out, std::string_view before_first,
                          std::string_view before_next, std::string_view after_each) {
    RecordWriter writer(connections, out, before_first, before_next, after_each);
    repo.for_each_contact_row(writer);
    writer.flush();
}

} // namespace detail

void Service::export_jsonl(std::ostream& out) {
    Repository::Snapshot snapshot(m_repo);
    const detail::ExportConnectionData connections = detail::load_export_connections(m_repo);
    detail::write_export_records(m_repo, connections, out, "", "", "\n");
}

void Service::export_csv(std::ostream& out) {
    Repository::Snapshot snapshot(m_repo);
    const DatesByContact dates = m_repo.all_dates();
    out << csv_row(bmc_csv_columns());
    m_repo.for_each_contact(
        [&](const Contact& c, const std::vector<Interaction>&, const std::vector<FollowUp>&) {
            out << csv_row(bmc_csv_fields(c, birthday_in(dates, c.id)));
        });
}

void Service::export_vcards(
    int version, const std::function<void(const std::string&, const std::string&)>& sink) {
    const std::string rev = compact_utc(m_clock.now_utc());
    Repository::Snapshot snapshot(m_repo);
    const DatesByContact dates = m_repo.all_dates();
    m_repo.for_each_contact(
        [&](const Contact& c, const std::vector<Interaction>&, const std::vector<FollowUp>&) {
            sink(c.uuid, write_vcard(contact_to_vcard(c, birthday_in(dates, c.id), rev), version));
        });
}

std::string Service::export_ics(std::optional<Interval> within, bool alarm) {
    std::optional<Date> until;
    if (within) {
        until = add_interval(m_today, *within);
    }
    std::vector<CalendarEvent> events;
    std::vector<CalendarEvent> yearly;
    Repository::Snapshot snapshot(m_repo);
    const DatesByContact dates = m_repo.all_dates();
    m_repo.for_each_contact([&](const Contact& c, const std::vector<Interaction>& interactions,
                                const std::vector<FollowUp>& followups) {
        if (c.archived) {
            return;
        }
        if (const auto it = dates.find(c.id); it != dates.end()) {
            for (const auto& d : it->second) {
                yearly.push_back(yearly_event(c, d, alarm));
            }
        }
        if (!c.next_due) {
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
    // Reconnect events by date, then the yearly dates (people by id, their dates in order).
    events.insert(events.end(), std::make_move_iterator(yearly.begin()),
                  std::make_move_iterator(yearly.end()));
    return write_calendar(events, m_clock.now_utc());
}

} // namespace bmc
