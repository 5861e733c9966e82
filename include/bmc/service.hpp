// The use cases of bmc, one method per command. The service validates input, runs each command's
// writes in one transaction, keeps the materialised due dates in step with the scheduler, and
// returns plain data; it never prints. "Today" and the clock are passed in.
#pragma once

#include "bmc/domain.hpp"
#include "bmc/repository.hpp"
#include "bmc/scheduler.hpp"
#include "bmc/views.hpp"

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace bmc {

// The source of created/updated timestamps, so tests can pin them.
class Clock {
public:
    virtual ~Clock() = default;
    // The current time as ISO 8601 UTC, e.g. "2026-11-22T08:15:00Z".
    virtual std::string now_utc() const = 0;
};

class SystemClock : public Clock {
public:
    std::string now_utc() const override;
};

// A person resolved from what the user typed ("#12", "12", "Ada", "ada love").
// Throws NotFoundError listing candidates (ambiguous) or the closest names (unknown).
ContactRef resolve_person(Repository& repo, std::string_view who);

struct NewContact {
    std::string name;
    std::optional<Strength> strength;
    std::optional<Interval> every;
    std::vector<std::string> emails;
    std::vector<std::string> phones;
    std::optional<std::string> company;
    std::optional<std::string> title;
    std::vector<std::string> tags;
    std::optional<std::string> met;
    std::optional<Date> met_on;
    std::optional<std::string> notes;
    bool force = false; // add even when the name exists already
};

struct NewInteraction {
    std::vector<std::string> people;
    std::optional<Date> date; // default: today
    std::optional<std::string> via;
    std::optional<Initiator> by;
    std::optional<std::string> note;
    std::optional<std::string> gave;
    std::optional<std::string> received;
    std::optional<std::string> asked;
    std::vector<std::string> followups; // to record, one per person logged
    std::vector<std::int64_t> done;     // follow-up ids this conversation closes
};

// A change to a contact; empty members leave the field as it is. For the optional-of-optional
// members an inner nullopt clears the field.
struct ContactEdit {
    std::optional<std::string> name;
    std::optional<Strength> strength;
    std::optional<std::optional<Interval>> every;
    std::vector<std::string> add_emails;
    std::vector<std::string> remove_emails;
    std::vector<std::string> add_phones;
    std::vector<std::string> remove_phones;
    std::vector<std::string> add_tags;
    std::vector<std::string> remove_tags;
    std::optional<std::optional<std::string>> company;
    std::optional<std::optional<std::string>> title;
    std::optional<std::optional<std::string>> met;
    std::optional<std::optional<Date>> met_on;
    std::optional<std::optional<std::string>> notes;
    bool force = false; // rename even onto an existing name
};

struct ListOptions {
    ListQuery query;
    std::optional<std::string> search; // case-insensitive, over names, company, title, notes...
};

class Service {
public:
    Service(Repository& repo, Date today, const Clock& clock);

    Date today() const { return m_today; }
    Cadence cadence();

    Contact add(const NewContact& input);
    std::vector<Logged> log(const NewInteraction& input);
    DueReport due(std::optional<Interval> within, std::optional<int> limit);
    Profile show(std::string_view who);
    std::vector<ContactSummary> list(const ListOptions& options);
    Contact edit(std::string_view who, const ContactEdit& change);
    // Snoozes until `until` (which must be after today).
    Contact snooze(std::string_view who, Date until);
    Contact set_archived(std::string_view who, bool archived);
    // Deletes a person and their interactions when `confirmed`; otherwise only reports. The
    // deletion can be undone (`undo`) unless `purge`, which also erases the undo history so that
    // nothing of them stays in the file.
    Removal remove(std::string_view who, bool confirmed, bool purge = false);

    // --- Safety (service_safety.cpp) ---
    // The undo history, newest first.
    std::vector<UndoChange> undo_history(int limit);
    // The most recent change; reverted only when `confirmed`. NotFoundError when there is none.
    UndoChange undo(bool confirmed);
    // Writes a consistent copy of the database to `file` (mode 0600); an existing file only with
    // `replace`.
    void backup(const std::string& file, bool replace);
    // Checks `file`, keeps the current database as a backup next to it and replaces it with
    // `file`'s content. Returns the path of the kept copy.
    std::string restore(const std::string& file);
    // Storage integrity, foreign keys and bmc's own invariants.
    CheckReport check();

    // Records a follow-up for a person, optionally with a deadline (on or after today).
    FollowUpView add_followup(std::string_view who, const std::string& text,
                              std::optional<Date> by);
    // Every open follow-up, earliest deadline first.
    std::vector<FollowUpView> open_followups();
    // Closes a follow-up on `when` (default today). Throws NotFoundError for an unknown id and
    // DataError for one already done.
    FollowUpView close_followup(std::int64_t id, std::optional<Date> when);

    std::vector<SettingInfo> settings();
    SettingInfo setting(const std::string& key);
    // Sets a key after validating the value; cadence changes recompute the due dates affected.
    // The value "default" removes the setting. Returns the setting as stored.
    SettingInfo set_setting(const std::string& key, const std::string& value);

    // Writes the whole database as one JSON document (docs/json.md), one contact at a time.
    void export_json(std::ostream& out);
    // Reads that format back, all-or-nothing. Throws DataError naming the record and the reason.
    ImportSummary import_json(std::istream& in);

    // Seeds a handful of people and conversations, for `bmc demo`.
    void seed_demo();

    // The schedule of a contact as the scheduler computes it now.
    Schedule schedule_of(const Contact& contact);

private:
    Contact load(std::string_view who);
    ScheduleInput schedule_input(const Contact& contact);
    // Recomputes and stores a contact's last interaction and due date; updates `contact`.
    void refresh_schedule(Contact& contact, const Cadence& cadence);
    Contact insert_new(const NewContact& input, const Cadence& cadence);

    Repository& m_repo;
    Date m_today;
    const Clock& m_clock;
};

} // namespace bmc
