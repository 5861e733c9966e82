// Important dates (birthdays, anniversaries...) and who introduced a person to you: the parts of
// `add`/`edit` (--through, --birthday), `date`, the "coming up" section of `due` and `show`.
#include "bmc/service.hpp"

#include "service_detail.hpp"

#include "bmc/dates.hpp"
#include "bmc/errors.hpp"
#include "bmc/text.hpp"
#include "bmc/validate.hpp"

#include <algorithm>
#include <tuple>

namespace bmc {

using namespace detail;

namespace {

std::string clean_label(const std::string& label) {
    const auto clean = clean_text("the label", label, max_date_label_bytes);
    if (!clean) {
        throw DataError("the label is empty", "name the date, e.g. bmc date Ada anniversary "
                                              "2015-06-20");
    }
    return *clean;
}

} // namespace

namespace detail {

void check_birthday(const YearlyDate& d, Date today) {
    if (d.year && is_after(occurrence_in(d, date::year{*d.year}), today)) {
        throw DataError("the birthday " + format_yearly_date(d) + " is in the future (today is " +
                            format_date(today) + ")",
                        "give the year they were born, or --MM-DD without a year");
    }
}

} // namespace detail

ComingDate Service::coming(const ContactRef& person, const ImportantDate& d, Date from) const {
    ComingDate c;
    c.person = person;
    c.label = d.label;
    c.date = d.date;
    c.on = next_occurrence(d.date, from);
    c.years = years_at(d.date, c.on);
    return c;
}

bool Service::apply_connections(const Contact& contact,
                                const std::optional<std::optional<std::string>>& through,
                                const std::optional<std::optional<YearlyDate>>& birthday) {
    bool changed = false;
    if (through) {
        std::optional<std::int64_t> by;
        if (*through) {
            const ContactRef ref = resolve_person(m_repo, **through);
            if (ref.id == contact.id) {
                throw DataError(quote(contact.name) + " cannot have introduced you to themselves",
                                "name who introduced you, e.g. --through Grace");
            }
            by = ref.id;
        }
        const auto current = m_repo.introduced_by(contact.id);
        if ((current ? std::optional<std::int64_t>(current->id) : std::nullopt) != by) {
            m_repo.set_introduced_by(contact.id, by);
            changed = true;
        }
    }
    if (birthday) {
        const auto dates = m_repo.dates_of(contact.id);
        const auto it = std::find_if(dates.begin(), dates.end(), [](const ImportantDate& d) {
            return is_birthday_label(d.label);
        });
        const std::optional<YearlyDate> current =
            it == dates.end() ? std::nullopt : std::optional<YearlyDate>(it->date);
        if (*birthday) {
            check_birthday(**birthday, m_today);
            if (current != *birthday) {
                m_repo.set_date({contact.id, std::string(birthday_label), **birthday});
                changed = true;
            }
        } else if (current) {
            m_repo.delete_date(contact.id, std::string(birthday_label));
            changed = true;
        }
    }
    return changed;
}

Connections Service::connections_of(const Contact& contact) {
    Connections c;
    c.introduced_by = m_repo.introduced_by(contact.id);
    c.introduced_you_to = m_repo.introduced_through(contact.id);
    for (auto& n : m_repo.introductions_of(contact.id)) {
        const std::int64_t other = n.a == contact.id ? n.b : n.a;
        const auto o = m_repo.find_contact(other);
        c.introductions.push_back({std::move(n), {other, o ? o->name : "?"}});
    }
    for (const auto& d : m_repo.dates_of(contact.id)) {
        c.dates.push_back(coming({contact.id, contact.name}, d, m_today));
    }
    return c;
}

std::vector<ComingDate> Service::coming_dates(Date until) {
    std::vector<ComingDate> out;
    for (const auto& [person, d] : m_repo.active_dates_in(month_day_ranges(m_today, until))) {
        ComingDate c = coming(person, d, m_today);
        if (date::sys_days{c.on} <= date::sys_days{until}) {
            out.push_back(std::move(c));
        }
    }
    // Soonest first; the query already ordered by name, then birthday first, then label.
    std::stable_sort(out.begin(), out.end(), [](const ComingDate& x, const ComingDate& y) {
        return date::sys_days{x.on} < date::sys_days{y.on};
    });
    return out;
}

PersonDates Service::dates_of(std::string_view who) {
    const Contact c = load(who);
    PersonDates out;
    out.person = {c.id, c.name};
    for (const auto& d : m_repo.dates_of(c.id)) {
        out.dates.push_back(coming(out.person, d, m_today));
    }
    return out;
}

PersonDates Service::set_date(std::string_view who, const std::string& label,
                              const YearlyDate& when) {
    const std::string clean = clean_label(label);
    if (is_birthday_label(clean)) {
        check_birthday(when, m_today);
    }
    Repository::Transaction tx(m_repo);
    Contact c = load(who);
    PersonDates out;
    out.person = {c.id, c.name};
    const ImportantDate d{c.id, is_birthday_label(clean) ? std::string(birthday_label) : clean,
                          when};
    bool same = false;
    for (const auto& existing : m_repo.dates_of(c.id)) {
        if (fold_case(existing.label) == fold_case(clean)) {
            out.previous = existing.date;
            same = existing.date == when && existing.label == d.label;
        }
    }
    m_repo.set_date(d);
    out.dates.push_back(coming(out.person, d, m_today));
    if (!same) { // a new date, another day, or the label spelled differently
        c.updated_at = m_clock.now_utc();
        m_repo.update_contact(c);
        tx.commit();
    }
    return out;
}

PersonDates Service::remove_date(std::string_view who, const std::string& label) {
    const std::string clean = clean_label(label);
    Repository::Transaction tx(m_repo);
    Contact c = load(who);
    PersonDates out;
    out.person = {c.id, c.name};
    for (const auto& d : m_repo.dates_of(c.id)) {
        if (fold_case(d.label) == fold_case(clean)) {
            out.previous = d.date;
            out.dates.push_back(coming(out.person, d, m_today));
        }
    }
    if (!out.previous) {
        throw NotFoundError(c.name + " has no date " + quote(clean),
                            "see their dates with `bmc date " + std::to_string(c.id) + "`");
    }
    m_repo.delete_date(c.id, clean);
    out.removed = true;
    c.updated_at = m_clock.now_utc();
    m_repo.update_contact(c);
    tx.commit();
    return out;
}

} // namespace bmc
