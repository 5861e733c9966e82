// Plain data that commands produce and formats render: the results of the use cases.
#pragma once

#include "bmc/domain.hpp"
#include "bmc/important_dates.hpp"
#include "bmc/introductions.hpp"
#include "bmc/practices.hpp"
#include "bmc/scheduler.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
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

// One line of the `list` table, and nothing it does not show: listing ten thousand people keeps
// a few dozen bytes each instead of a whole Contact (its memory was most of the command's page
// faults).
struct ListRow {
    std::int64_t id = 0;
    std::string name;
    Strength strength = Strength::medium;
    std::optional<Date> next_due; // none for archived people
    std::optional<Date> last_interaction;
};

inline ListRow list_row_of(const Contact& c) {
    return {c.id, c.name, c.strength, c.next_due, c.last_interaction};
}

// One conversation as `export` streams it: the stored text seen in place, without copies, so
// that two million conversations are written without building an `Interaction` each. The views
// point into the database's row and are valid only during the call that receives them.
struct InteractionRow {
    std::int64_t id = 0;
    std::int64_t contact_id = 0;
    std::string_view uuid;
    Date date{};
    std::optional<std::string_view> via;
    std::optional<Initiator> by;
    std::optional<std::string_view> note;
    std::optional<std::string_view> gave;
    std::optional<std::string_view> received;
    std::optional<std::string_view> asked;
    std::string_view created_at;
    std::string_view updated_at;
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

// An important date as `due` ("coming up") and `date NAME` list it.
struct ComingDate {
    ContactRef person;
    std::string label;
    YearlyDate date;
    Date on{};                // its next occurrence
    std::optional<int> years; // years since the date at that occurrence, when its year is known
};

struct DueReport {
    Date today{};
    Date until{}; // today + --within
    std::vector<ContactSummary> people;
    std::int64_t more = 0;             // due as well but left out by --limit/--max
    Date dates_until{};                // today + --within, or today + 7 days without it
    std::vector<ComingDate> coming_up; // soonest first
};

// An introduction you made, seen from one of the two people.
struct IntroductionView {
    Introduction introduction;
    ContactRef other;
};

// How a person is connected through introductions, and their important dates.
struct Connections {
    std::optional<ContactRef> introduced_by;     // who introduced you to them (--through)
    std::vector<ContactRef> introduced_you_to;   // whom they introduced you to
    std::vector<IntroductionView> introductions; // whom you introduced them to, oldest first
    std::vector<ComingDate> dates;               // birthday first, then by label
};

// The result of `bmc intro A B`.
struct Introduced {
    Introduction introduction;
    Contact a; // after the logged conversation, with their new due date
    Contact b;
};

// The important dates of one person (`bmc date NAME`), or one change to them.
struct PersonDates {
    ContactRef person;
    std::vector<ComingDate> dates;      // birthday first, then by label
    std::optional<YearlyDate> previous; // a change: the value it replaced or removed
    bool removed = false;
};

struct Profile {
    Contact contact;
    Schedule schedule;
    std::vector<Interaction> interactions; // newest first
    std::vector<FollowUp> followups;       // open first, then done
    Reciprocity reciprocity;
    Connections connections;
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
    int settings_changed = 0;
    int introductions_added = 0;
};

// How an imported person was matched with someone already in the database.
struct ImportMatch {
    std::string where;    // the record's position in the file
    ContactRef existing;  // who it matched
    std::string by;       // "uuid", "email" or "name"
    bool updated = false; // false: nothing new, skipped as a duplicate
};

// The result of `import --format linkedin|google|csv|vcard`.
struct PeopleImport {
    int added = 0;
    int updated = 0;
    int skipped = 0;
    bool dry_run = false;             // nothing was written
    std::vector<ImportMatch> matches; // every updated or skipped record
};

// People who are likely the same person, as `dupes` lists them.
struct DupeGroup {
    std::vector<ContactRef> people; // by id
    std::string reason;             // "email" or "name"
    std::string value;              // the shared email or normalised name
};

// The result of `merge KEEP OTHER`.
struct MergeResult {
    Contact kept;       // after the merge, with its new due date
    ContactRef removed; // the person merged into `kept` and deleted
    int interactions_moved = 0;
    int followups_moved = 0;
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
