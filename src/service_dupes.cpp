// Finding and merging people stored twice: `dupes` and `merge`.
#include "bmc/dates.hpp"
#include "bmc/errors.hpp"
#include "bmc/service.hpp"
#include "bmc/text.hpp"
#include "service_detail.hpp"

#include <map>

namespace bmc {

using namespace detail;

std::vector<DupeGroup> Service::dupes() {
    const auto people = m_repo.all_contacts();
    std::map<std::string, std::vector<ContactRef>> by_email;
    std::map<std::string, std::vector<ContactRef>> by_name;
    for (const auto& c : people) {
        std::vector<std::string> seen;
        for (const auto& e : c.emails) {
            const std::string key = fold_case(trim(e));
            if (std::find(seen.begin(), seen.end(), key) == seen.end()) {
                seen.push_back(key);
                by_email[key].push_back({c.id, c.name});
            }
        }
        by_name[normalised_name(c.name)].push_back({c.id, c.name});
    }
    std::vector<DupeGroup> out;
    for (auto& [email, refs] : by_email) {
        if (refs.size() > 1) {
            out.push_back({std::move(refs), "email", email});
        }
    }
    for (auto& [name, refs] : by_name) {
        if (refs.size() > 1) {
            out.push_back({std::move(refs), "name", name});
        }
    }
    return out;
}

MergeResult Service::merge(std::string_view keep_who, std::string_view other_who) {
    Contact keep = load(keep_who);
    const Contact other = load(other_who);
    if (keep.id == other.id) {
        throw DataError(quote(keep_who) + " and " + quote(other_who) + " are both #" +
                            std::to_string(keep.id) + " " + quote(keep.name),
                        "name two different people, e.g. bmc merge '#3' '#7'");
    }
    const Contact before = keep;
    const auto fill = [](std::optional<std::string>& target, const std::optional<std::string>& v) {
        if (!target && v) {
            target = v;
        }
    };
    for (const auto& e : other.emails) {
        const bool present =
            std::any_of(keep.emails.begin(), keep.emails.end(),
                        [&](const std::string& k) { return fold_case(k) == fold_case(e); });
        if (!present) {
            keep.emails.push_back(e);
        }
    }
    for (const auto& p : other.phones) {
        add_unique(keep.phones, p);
    }
    for (const auto& t : other.tags) {
        add_unique(keep.tags, t);
    }
    fill(keep.company, other.company);
    fill(keep.title, other.title);
    fill(keep.met, other.met);
    if (!keep.every) {
        keep.every = other.every;
    }
    // Nothing is lost: both notes are kept, and the other name when it differs.
    std::string notes = keep.notes.value_or("");
    const auto append = [&](const std::string& text) {
        if (!text.empty() && notes.find(text) == std::string::npos) {
            notes += (notes.empty() ? "" : "\n\n") + text;
        }
    };
    if (other.notes) {
        append(*other.notes);
    }
    if (normalised_name(other.name) != normalised_name(keep.name)) {
        append("Also known as: " + other.name);
    }
    if (!notes.empty()) {
        keep.notes = notes;
    }
    if (other.met_on && (!keep.met_on || is_after(*keep.met_on, *other.met_on))) {
        keep.met_on = other.met_on;
    }
    const Cadence cad = cadence();
    Repository::Transaction tx(m_repo);
    const std::string now = m_clock.now_utc();
    MergeResult result;
    result.removed = {other.id, other.name};
    for (auto i : m_repo.interactions_of(other.id)) {
        i.contact_id = keep.id;
        i.updated_at = now;
        m_repo.update_interaction(i);
        ++result.interactions_moved;
    }
    for (auto f : m_repo.followups_of(other.id, false)) {
        f.contact_id = keep.id;
        f.updated_at = now;
        m_repo.update_followup(f);
        ++result.followups_moved;
    }
    m_repo.delete_contact(other.id);
    if (!same_content(keep, before)) {
        keep.updated_at = now;
        m_repo.update_contact(keep);
    }
    refresh_schedule(keep, cad);
    tx.commit();
    result.kept = keep;
    return result;
}

} // namespace bmc
