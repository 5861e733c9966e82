// The safety commands of the service: undo, backup, restore and check.
#include "bmc/dates.hpp"
#include "bmc/errors.hpp"
#include "bmc/scheduler.hpp"
#include "bmc/service.hpp"
#include "bmc/text.hpp"
#include "bmc/uuid.hpp"

#include "service_detail.hpp"

#include <filesystem>
#include <set>

namespace bmc {

std::vector<UndoChange> Service::undo_history(int limit) {
    return m_repo.undo_history(limit);
}

UndoChange Service::undo(bool confirmed) {
    auto newest = m_repo.undo_history(1);
    if (newest.empty()) {
        throw NotFoundError("there is nothing to undo",
                            "bmc keeps the last " + std::to_string(Repository::undo_depth) +
                                " changes; see them with `bmc undo --list`");
    }
    if (confirmed) {
        m_repo.undo(newest.front().id);
    }
    return newest.front();
}

void Service::backup(const std::string& file, bool replace) {
    m_repo.backup_to(file, replace);
}

std::string Service::restore(const std::string& file) {
    Repository::verify_database_file(file);
    // The database being replaced is kept next to it, named after the moment of the restore.
    std::string stamp = m_clock.now_utc();
    std::erase_if(stamp, [](char c) { return c == ':' || c == '-'; });
    std::string kept = m_repo.path() + ".before-restore-" + stamp;
    for (int n = 2; std::filesystem::exists(kept); ++n) {
        kept = m_repo.path() + ".before-restore-" + stamp + "-" + std::to_string(n);
    }
    m_repo.backup_to(kept);
    m_repo.restore_from(file);
    return kept;
}

CheckReport Service::check() {
    CheckReport r;
    r.problems = m_repo.storage_problems();
    if (!r.problems.empty()) {
        // The tables cannot be trusted; their invariants would only repeat the damage.
        return r;
    }
    std::set<std::string> seen;
    std::vector<std::int64_t> contact_ids;
    for (const auto& row : m_repo.stored_identities()) {
        const std::string what = row.table + " row " + std::to_string(row.id);
        (row.table == "contacts"       ? r.contacts
         : row.table == "interactions" ? r.interactions
                                       : r.followups) += 1;
        if (!is_uuid(row.uuid)) {
            r.problems.push_back(what + " has an invalid uuid " + quote(terminal_safe(row.uuid)));
        } else if (!seen.insert(row.uuid).second) {
            r.problems.push_back(what + " reuses the uuid " + row.uuid);
        }
        if (row.table == "contacts") {
            contact_ids.push_back(row.id);
            if (row.name_key != fold_case(row.name)) {
                r.problems.push_back(what + " (" + quote(terminal_safe(row.name)) +
                                     ") has a stale name_key " +
                                     quote(terminal_safe(row.name_key)));
            }
        }
    }
    const Cadence cad = cadence();
    for (const std::int64_t id : contact_ids) {
        const std::string what = "contacts row " + std::to_string(id);
        try {
            const auto c = m_repo.find_contact(id);
            if (!c) {
                continue;
            }
            const auto last = m_repo.latest_interaction_date(id);
            if (last != c->last_interaction) {
                r.problems.push_back(
                    what + " stores last_interaction " +
                    (c->last_interaction ? format_date(*c->last_interaction) : "(none)") +
                    " but its latest conversation is " + (last ? format_date(*last) : "(none)"));
            }
            // Without a date met or a conversation the due date counts from the day it was
            // computed, so it cannot be checked later.
            if (!last && !c->met_on) {
                continue;
            }
            Contact expected = *c;
            expected.last_interaction = last;
            const auto due = compute_schedule(schedule_input(expected), cad).effective_due;
            if (due != c->next_due) {
                r.problems.push_back(what + " stores next_due " +
                                     (c->next_due ? format_date(*c->next_due) : "(none)") +
                                     " but the scheduler says " +
                                     (due ? format_date(*due) : "(none)"));
            }
        } catch (const Error& e) {
            r.problems.push_back(what + ": " + e.what());
        }
    }
    return r;
}

} // namespace bmc
