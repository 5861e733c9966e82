// Importing people from other programs' files (`import --format linkedin|google|csv|vcard`):
// validation of every record, matching with the people already stored, one transaction.
#include "bmc/errors.hpp"
#include "bmc/scheduler.hpp"
#include "bmc/service.hpp"
#include "bmc/text.hpp"
#include "bmc/uuid.hpp"
#include "bmc/validate.hpp"
#include "service_detail.hpp"

#include <unordered_map>

namespace bmc {

using namespace detail;

namespace detail {

std::string normalised_name(std::string_view name) {
    std::string out;
    bool space = false;
    for (const char c : fold_case(trim(name))) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = true;
            continue;
        }
        if (space && !out.empty()) {
            out += ' ';
        }
        space = false;
        out += c;
    }
    return out;
}

} // namespace detail

namespace {

std::string email_key(std::string_view email) {
    return fold_case(trim(email));
}

// A record checked and cleaned as `add` would, ready to be stored.
struct Candidate {
    const PersonRecord* record = nullptr;
    Contact contact; // no id, uuid only when the file has one
    bool strength_given = false;
    std::optional<YearlyDate> birthday;
};

// The people in the database, indexed once so that matching costs no query per record.
class PeopleIndex {
public:
    explicit PeopleIndex(std::vector<Contact> people)
        : m_people(std::move(people)), m_stored(m_people.size()) {
        for (std::size_t i = 0; i < m_people.size(); ++i) {
            add_keys(i);
        }
    }

    struct Found {
        std::size_t index = 0;
        const char* by = "";
    };

    std::optional<Found> find(const Contact& c, bool has_uuid) const {
        if (has_uuid) {
            if (const auto it = m_uuid.find(c.uuid); it != m_uuid.end()) {
                return Found{it->second, "uuid"};
            }
        }
        for (const auto& e : c.emails) {
            if (const auto it = m_email.find(email_key(e)); it != m_email.end()) {
                return Found{it->second, "email"};
            }
        }
        if (const auto it = m_name.find(normalised_name(c.name));
            it != m_name.end() && it->second.size() == 1) {
            return Found{it->second.front(), "name"};
        }
        return std::nullopt;
    }

    Contact& at(std::size_t i) { return m_people[i]; }

    // People added with add() are not stored yet: they are written all at once at the end.
    bool is_new(std::size_t i) const { return i >= m_stored; }
    std::size_t size() const { return m_people.size(); }

    void reserve(std::size_t more) {
        m_people.reserve(m_people.size() + more);
        m_uuid.reserve(m_people.size() + more);
        m_name.reserve(m_people.size() + more);
    }

    std::size_t add(Contact c) {
        m_people.push_back(std::move(c));
        add_keys(m_people.size() - 1);
        return m_people.size() - 1;
    }

    // Call after a stored person gained emails or was renamed.
    void reindex(std::size_t i, const std::string& old_name) {
        if (normalised_name(old_name) != normalised_name(m_people[i].name)) {
            auto& list = m_name[normalised_name(old_name)];
            std::erase(list, i);
        }
        add_keys(i);
    }

private:
    void add_keys(std::size_t i) {
        const Contact& c = m_people[i];
        m_uuid.emplace(c.uuid, i);
        for (const auto& e : c.emails) {
            m_email.emplace(email_key(e), i);
        }
        auto& list = m_name[normalised_name(c.name)];
        if (std::find(list.begin(), list.end(), i) == list.end()) {
            list.push_back(i);
        }
    }

    std::vector<Contact> m_people;
    std::size_t m_stored = 0; // the first m_stored people are in the database
    std::unordered_map<std::string, std::size_t> m_uuid;
    std::unordered_map<std::string, std::size_t> m_email;
    std::unordered_map<std::string, std::vector<std::size_t>> m_name;
};

template <class T>
bool fill(std::optional<T>& target, const std::optional<T>& value, bool overwrite) {
    if (value && (!target || (overwrite && *target != *value))) {
        target = value;
        return true;
    }
    return false;
}

bool add_all(std::vector<std::string>& target, const std::vector<std::string>& values, bool fold) {
    bool changed = false;
    for (const auto& v : values) {
        const bool present = std::any_of(target.begin(), target.end(), [&](const std::string& t) {
            return fold ? fold_case(t) == fold_case(v) : t == v;
        });
        if (!present) {
            target.push_back(v);
            changed = true;
        }
    }
    return changed;
}

} // namespace

PeopleImport Service::import_people(const std::vector<PersonRecord>& records,
                                    const ImportOptions& options) {
    // Validate every record before writing anything.
    std::vector<std::string> extra_tags;
    for (const auto& t : options.tags) {
        add_unique(extra_tags, clean_tag(t));
    }
    const std::string now = m_clock.now_utc();
    std::vector<Candidate> candidates;
    candidates.reserve(records.size());
    PeopleImport result;
    result.dry_run = options.dry_run;
    for (const PersonRecord& r : records) {
        try {
            Candidate cand;
            cand.record = &r;
            Contact& c = cand.contact;
            c.name = clean_name(r.name);
            c.uuid = r.uuid.value_or("");
            if (r.uuid && !is_uuid(*r.uuid)) {
                throw DataError("uuid " + quote(*r.uuid) + " is not a UUID");
            }
            for (const auto& e : r.emails) {
                add_unique(c.emails, clean_handle("the email", e));
            }
            for (const auto& p : r.phones) {
                add_unique(c.phones, clean_handle("the phone", p));
            }
            for (const auto& t : r.tags) {
                add_unique(c.tags, clean_tag(t));
            }
            for (const auto& t : extra_tags) {
                add_unique(c.tags, t);
            }
            c.company = clean_opt("the company", r.company, max_field_bytes);
            c.title = clean_opt("the title", r.title, max_field_bytes);
            c.met = clean_opt("met", r.met, max_field_bytes);
            c.notes = clean_opt("the notes", r.notes, max_note_bytes);
            if (r.met_on) {
                check_not_future(*r.met_on, m_today, "the date met");
                c.met_on = r.met_on;
            }
            cand.strength_given = r.strength.has_value() || options.strength.has_value();
            c.strength = r.strength.value_or(
                options.strength.value_or(options.default_strength.value_or(Strength::medium)));
            if (r.birthday) {
                check_birthday(*r.birthday, m_today);
                cand.birthday = r.birthday;
            }
            candidates.push_back(std::move(cand));
        } catch (const Error& e) {
            std::string where = r.where;
            if (!r.name.empty()) {
                where += " (" + quote(r.name) + ")";
            }
            throw DataError("import rejected at " + where + ": " + e.what(),
                            "fix that record and import again; nothing was imported");
        }
    }

    const Cadence cad = cadence();
    Repository::Transaction tx(m_repo);
    PeopleIndex index(m_repo.all_contacts());
    index.reserve(candidates.size());
    // Stored birthdays by person, read only when the file has birthdays.
    std::unordered_map<std::int64_t, YearlyDate> birthdays;
    if (std::any_of(candidates.begin(), candidates.end(),
                    [](const Candidate& c) { return c.birthday.has_value(); })) {
        for (const auto& [id, dates] : m_repo.all_dates()) {
            for (const auto& d : dates) {
                if (is_birthday_label(d.label)) {
                    birthdays.emplace(id, d.date);
                }
            }
        }
    }
    const auto store_birthday = [&](std::int64_t id, const YearlyDate& d) {
        m_repo.set_date({id, std::string(birthday_label), d});
        birthdays.insert_or_assign(id, d);
    };
    // People new to the database stay in memory (records later in the file may still merge into
    // them) and are written together at the end, which the undo history records as one inverse
    // (Repository::insert_new_people()). Their birthdays, by index in `index`:
    std::unordered_map<std::size_t, YearlyDate> new_birthdays;
    // Matches with new people, whose ids are known once they are written: match, person.
    std::vector<std::pair<std::size_t, std::size_t>> new_matches;
    const std::size_t stored = index.size();
    for (Candidate& cand : candidates) {
        Contact& in = cand.contact;
        const auto found = index.find(in, !in.uuid.empty());
        if (!found) {
            if (in.uuid.empty()) {
                in.uuid = new_uuid();
            }
            if (!in.met_on) {
                in.met_on = m_today;
            }
            in.created_at = in.updated_at = now;
            in.next_due = compute_schedule(schedule_input(in), cad).effective_due;
            const std::size_t i = index.add(std::move(in));
            if (cand.birthday) {
                new_birthdays.emplace(i, *cand.birthday);
            }
            ++result.added;
            continue;
        }
        const bool is_new = index.is_new(found->index);
        Contact& existing = index.at(found->index);
        Contact merged = existing;
        const bool ow = options.overwrite;
        if (ow && in.name != merged.name) {
            merged.name = in.name;
        }
        if (ow && cand.strength_given) {
            merged.strength = in.strength;
        }
        add_all(merged.emails, in.emails, true);
        add_all(merged.phones, in.phones, false);
        add_all(merged.tags, in.tags, false);
        fill(merged.company, in.company, ow);
        fill(merged.title, in.title, ow);
        fill(merged.met, in.met, ow);
        fill(merged.notes, in.notes, ow);
        if (ow) {
            fill(merged.met_on, in.met_on, true);
        }
        ImportMatch match{cand.record->where, {existing.id, existing.name}, found->by, false};
        if (cand.birthday && is_new) {
            const auto known = new_birthdays.find(found->index);
            if (known == new_birthdays.end() || (ow && known->second != *cand.birthday)) {
                new_birthdays.insert_or_assign(found->index, *cand.birthday);
                match.updated = true;
            }
        } else if (cand.birthday) {
            const auto known = birthdays.find(existing.id);
            if (known == birthdays.end() || (ow && known->second != *cand.birthday)) {
                store_birthday(existing.id, *cand.birthday);
                match.updated = true;
            }
        }
        if (!same_content(merged, existing)) {
            merged.updated_at = now;
            const std::string old_name = existing.name;
            if (is_new) {
                // Not stored yet, so no conversations or follow-ups: the schedule from the fields.
                existing = merged;
                existing.next_due = compute_schedule(schedule_input(existing), cad).effective_due;
            } else {
                m_repo.update_contact(merged);
                existing = merged;
                refresh_schedule(existing, cad);
            }
            index.reindex(found->index, old_name);
            match.updated = true;
        }
        if (match.updated) {
            ++result.updated;
        } else {
            ++result.skipped;
        }
        if (is_new) {
            new_matches.emplace_back(result.matches.size(), found->index);
        }
        result.matches.push_back(std::move(match));
    }
    std::vector<NewPerson> people;
    people.reserve(index.size() - stored);
    for (std::size_t i = stored; i < index.size(); ++i) {
        NewPerson& p = people.emplace_back();
        p.contact = &index.at(i);
        if (const auto b = new_birthdays.find(i); b != new_birthdays.end()) {
            p.dates.push_back({0, std::string(birthday_label), b->second});
        }
    }
    m_repo.insert_new_people(people);
    for (const auto& [match, person] : new_matches) {
        result.matches[match].existing.id = index.at(person).id;
    }
    if (!options.dry_run) {
        tx.commit();
    }
    return result;
}

} // namespace bmc
