// Plain data that commands produce and formats render: the results of the use cases.
#pragma once

#include "bmc/domain.hpp"
#include "bmc/practices.hpp"
#include "bmc/scheduler.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bmc {

// A person as far as name lookups need: id and name.
struct ContactRef {
    std::int64_t id = 0;
    std::string name;
};

// A contact together with its most recent interaction, as `due` and `list` show it.
struct ContactSummary {
    Contact contact;
    std::optional<Interaction> last;
    std::vector<FollowUp> followups; // open ones; filled by `due`
};

// A follow-up with the person it belongs to, as `todo` lists it.
struct FollowUpView {
    FollowUp followup;
    ContactRef person;
};

struct Logged {
    Contact contact; // after the log, with its new due date
    Interaction interaction;
    bool moved_anchor = false;         // false for a backdated log older than the latest one
    std::vector<FollowUp> added;       // follow-ups recorded with this conversation
    std::vector<FollowUp> closed;      // follow-ups this conversation closed (--done)
    std::vector<std::string> warnings; // e.g. asking before having given anything
};

struct DueReport {
    Date today{};
    Date until{}; // today + --within
    std::vector<ContactSummary> people;
};

struct Profile {
    Contact contact;
    Schedule schedule;
    std::vector<Interaction> interactions; // newest first
    std::vector<FollowUp> followups;       // open first, then done
    Reciprocity reciprocity;
};

struct Removal {
    Contact contact;
    std::int64_t interactions = 0;
    bool removed = false; // false when confirmation was missing
};

// One configuration key as `config list` shows it.
struct SettingInfo {
    std::string key;
    std::string value;
    std::string default_value;
    std::string description;
};

struct ImportSummary {
    int added = 0;
    int updated = 0;
    int unchanged = 0;
    int interactions_added = 0;
    int interactions_updated = 0;
    int followups_added = 0;
    int followups_updated = 0;
};

// One entry of the undo history.
struct UndoChange {
    std::int64_t id = 0;
    std::string description; // the command line that made it, e.g. "bmc log Ada"
    std::string created_at;  // ISO 8601 UTC
    // Rows it touched: "table" -> {inserted, updated, deleted}.
    std::map<std::string, std::array<std::int64_t, 3>> rows;
};

// What `bmc check` found: one line per problem (empty when the database is sound).
struct CheckReport {
    std::vector<std::string> problems;
    std::int64_t contacts = 0;
    std::int64_t interactions = 0;
    std::int64_t followups = 0;
};

} // namespace bmc
