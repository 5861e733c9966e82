// Introductions: `intro A B`, `suggest intros`, and carrying introductions and important dates
// through export and import.
#include "bmc/service.hpp"

#include "service_detail.hpp"

#include "bmc/dates.hpp"
#include "bmc/errors.hpp"
#include "bmc/text.hpp"
#include "bmc/uuid.hpp"
#include "bmc/validate.hpp"

#include <algorithm>
#include <set>

namespace bmc {

using namespace detail;

Introduced Service::introduce(std::string_view first, std::string_view second,
                              const NewIntroduction& input) {
    const Date when = input.date.value_or(m_today);
    check_not_future(when, m_today, "the date");
    const std::optional<std::string> via = input.via.value_or("other");
    check_via(via);
    const auto note = clean_opt("the note", input.note, max_note_bytes);
    const Cadence cad = cadence();
    const std::string now = m_clock.now_utc();

    Repository::Transaction tx(m_repo);
    Contact a = load(first);
    Contact b = load(second);
    if (a.id == b.id) {
        throw DataError("cannot introduce " + quote(a.name) + " to themselves",
                        "name two different people, e.g. bmc intro Ada Grace");
    }
    if (const auto existing = m_repo.find_introduction(a.id, b.id)) {
        throw DataError(a.name + " and " + b.name + " were already introduced on " +
                            format_date(existing->date),
                        "see `bmc show " + std::to_string(a.id) +
                            "`; to log another conversation use `bmc log`");
    }
    Introduction n;
    n.uuid = new_uuid();
    n.a = std::min(a.id, b.id);
    n.b = std::max(a.id, b.id);
    n.date = when;
    n.note = note;
    n.created_at = n.updated_at = now;
    m_repo.insert_introduction(n);
    for (Contact* person : {&a, &b}) {
        const Contact& other = person == &a ? b : a;
        Interaction i;
        i.uuid = new_uuid();
        i.contact_id = person->id;
        i.date = when;
        i.via = via;
        i.by = Initiator::me;
        std::string text = "Introduced to " + other.name;
        if (note) {
            text += ": " + *note;
        }
        i.note = clean_opt("the note", text, max_note_bytes);
        i.gave = clean_opt("the introduction", "an introduction to " + other.name, max_field_bytes);
        i.created_at = i.updated_at = now;
        m_repo.insert_interaction(i);
        if (moves_anchor(when, person->last_interaction) && person->snoozed_until) {
            person->snoozed_until.reset(); // a newer conversation ends any snooze
            person->updated_at = now;
            m_repo.update_contact(*person);
        }
        refresh_schedule(*person, cad);
    }
    tx.commit();
    return {n, a, b};
}

IntroSuggestions Service::suggest_intros(std::size_t limit) {
    return bmc::suggest_intros(m_repo.tagged_people(), m_repo.connected_pairs(), limit);
}

namespace detail {

ExportConnectionData load_export_connections(Repository& repo) {
    ExportConnectionData out;
    for (const auto& [id, uuid] : repo.introducer_uuids()) {
        out.contacts[id].introduced_by = uuid;
    }
    for (auto& [id, dates] : repo.all_dates()) {
        out.contacts[id].dates = std::move(dates);
    }
    out.introductions = repo.all_introductions();
    for (const auto& n : out.introductions) {
        for (const std::int64_t id : {n.a, n.b}) {
            if (out.uuid_of.count(id) == 0) {
                const auto c = repo.find_contact(id);
                out.uuid_of.emplace(id, c ? c->uuid : std::string());
            }
        }
    }
    return out;
}

void check_import_connections(const std::vector<ImportedContact>& incoming,
                              const std::vector<ImportedIntroduction>& intros,
                              std::set<std::string>& uuids, Date today) {
    for (std::size_t k = 0; k < incoming.size(); ++k) {
        const ImportedContact& ic = incoming[k];
        if (ic.birthday && ic.birthday->year &&
            is_after(occurrence_in(*ic.birthday, date::year{*ic.birthday->year}), today)) {
            throw DataError("import rejected at contact " + std::to_string(k + 1) + " (" +
                                quote(ic.contact.name) + "): the birthday " +
                                format_yearly_date(*ic.birthday) + " is in the future",
                            "fix that record and import again; nothing was imported");
        }
    }
    std::size_t position = 0;
    for (const auto& in : intros) {
        ++position;
        const std::string where = "introduction " + std::to_string(position);
        if (is_after(in.introduction.date, today)) {
            throw DataError("import rejected at " + where + ": the date " +
                                format_date(in.introduction.date) + " is in the future",
                            "fix that entry and import again; nothing was imported");
        }
        if (!uuids.insert(in.introduction.uuid).second) {
            throw DataError("import rejected at " + where + ": uuid " + in.introduction.uuid +
                                " appears twice in the file",
                            "fix that entry and import again; nothing was imported");
        }
    }
}

bool import_contact_connections(Repository& repo, const ImportedContact& ic,
                                std::int64_t contact_id) {
    bool changed = false;
    const auto has = [&](const char* key) { return ic.fields.count(key) > 0; };
    if (has("introduced_by")) {
        std::optional<std::int64_t> by;
        if (ic.introduced_by) {
            const auto other = repo.find_contact_by_uuid(*ic.introduced_by);
            if (!other) {
                throw DataError("import rejected at " + quote(ic.contact.name) +
                                    ": 'introduced_by' names uuid " + *ic.introduced_by +
                                    ", which is neither in the file nor in the database",
                                "fix that record and import again; nothing was imported");
            }
            if (other->id == contact_id) {
                throw DataError("import rejected at " + quote(ic.contact.name) +
                                    ": 'introduced_by' names the contact itself",
                                "fix that record and import again; nothing was imported");
            }
            by = other->id;
        }
        const auto current = repo.introduced_by(contact_id);
        if ((current ? std::optional<std::int64_t>(current->id) : std::nullopt) != by) {
            repo.set_introduced_by(contact_id, by);
            changed = true;
        }
    }
    const auto current = repo.dates_of(contact_id);
    if (has("birthday")) {
        const auto it = std::find_if(current.begin(), current.end(), [](const ImportantDate& d) {
            return is_birthday_label(d.label);
        });
        const std::optional<YearlyDate> before =
            it == current.end() ? std::nullopt : std::optional<YearlyDate>(it->date);
        if (before != ic.birthday) {
            if (ic.birthday) {
                repo.set_date({contact_id, std::string(birthday_label), *ic.birthday});
            } else {
                repo.delete_date(contact_id, std::string(birthday_label));
            }
            changed = true;
        }
    }
    if (has("dates")) {
        // The record's dates replace the others (the birthday aside).
        std::set<std::string> keep;
        for (const auto& d : ic.dates) {
            keep.insert(fold_case(d.label));
            const auto it = std::find_if(current.begin(), current.end(), [&](const auto& c) {
                return fold_case(c.label) == fold_case(d.label);
            });
            if (it == current.end() || it->date != d.date || it->label != d.label) {
                repo.set_date({contact_id, d.label, d.date});
                changed = true;
            }
        }
        for (const auto& c : current) {
            if (!is_birthday_label(c.label) && keep.count(fold_case(c.label)) == 0) {
                repo.delete_date(contact_id, c.label);
                changed = true;
            }
        }
    }
    return changed;
}

int import_introductions(Repository& repo, const std::vector<ImportedIntroduction>& intros) {
    int added = 0;
    for (const auto& in : intros) {
        const auto a = repo.find_contact_by_uuid(in.a_uuid);
        const auto b = repo.find_contact_by_uuid(in.b_uuid);
        if (!a || !b) {
            throw DataError("import rejected at the introduction " + in.introduction.uuid + ": " +
                                "contact " + (a ? in.b_uuid : in.a_uuid) +
                                " is neither in the file nor in the database",
                            "fix that entry and import again; nothing was imported");
        }
        Introduction n = in.introduction;
        n.a = std::min(a->id, b->id);
        n.b = std::max(a->id, b->id);
        std::optional<Introduction> match =
            in.has_uuid ? repo.find_introduction_by_uuid(n.uuid) : std::nullopt;
        if (!match) {
            match = repo.find_introduction(n.a, n.b);
        }
        if (!match) {
            repo.insert_introduction(n);
            ++added;
        } else if (in.has_updated_at && timestamp_after(n.updated_at, match->updated_at) &&
                   (match->date != n.date || match->note != n.note || match->a != n.a ||
                    match->b != n.b)) {
            n.id = match->id;
            n.uuid = match->uuid;
            n.created_at = match->created_at;
            if (const auto other = repo.find_introduction(n.a, n.b); other && other->id != n.id) {
                throw DataError("import rejected at the introduction " + in.introduction.uuid +
                                    ": " + a->name + " and " + b->name +
                                    " are already introduced by another entry",
                                "fix that entry and import again; nothing was imported");
            }
            repo.update_introduction(n);
        }
    }
    return added;
}

} // namespace detail

} // namespace bmc
