// The use cases of bmc, one method per command. The service validates input, runs each command's
// writes in one transaction, keeps the materialised due dates in step with the scheduler, and
// returns plain data; it never prints. "Today" and the clock are passed in.
#pragma once

#include "bmc/domain.hpp"
#include "bmc/import_formats.hpp"
#include "bmc/insight_views.hpp"
#include "bmc/repository.hpp"
#include "bmc/scheduler.hpp"
#include "bmc/views.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
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
    std::optional<std::string> through; // who introduced you (a person, resolved like NAME)
    std::optional<YearlyDate> birthday; // not in the future
    bool force = false;                 // add even when the name exists already
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
    std::optional<std::optional<std::string>> through; // inner nullopt: forget who introduced you
    std::optional<std::optional<YearlyDate>> birthday;
    bool force = false; // rename even onto an existing name
};

// How `import --format F` treats what it reads.
struct ImportOptions {
    bool dry_run = false;                     // do everything, then roll back
    bool overwrite = false;                   // a matched person's fields take the file's values
    std::optional<Strength> strength;         // for people added (and, with overwrite, matched)
    std::optional<Strength> default_strength; // for people added when neither file nor flag say
    std::vector<std::string> tags;            // added to every imported person
};

// `bmc intro A B`: what to record besides the two people.
struct NewIntroduction {
    std::optional<Date> date;       // default: today; not in the future
    std::optional<std::string> via; // default: other
    std::optional<std::string> note;
};

struct ListOptions {
    ListQuery query;
    std::optional<std::string> search; // case-insensitive, over names, company, title, notes...
};

// How the JSON and JSON Lines exports split their walk over the people between threads, each
// reading through a connection of its own on the same snapshot (Repository::SharedSnapshot). The
// output is the same, byte for byte, however the walk is split.
struct ExportThreads {
    // Threads that walk the people: 0 picks 2 on a machine with two cores or more, else 1; with
    // fewer than 2, the calling thread walks them alone.
    std::size_t workers = 0;
    // People per chunk, by id: worker w walks chunks w, w + workers, w + 2 × workers… while the
    // calling thread writes them out in order. Where ids are sparse (people removed), chunks
    // span more ids, so that there are never more chunks than the people fill.
    std::uint64_t chunk_ids = 256;
    // Below this many people, the calling thread walks them alone: opening the connections and
    // starting the threads would cost more than they save.
    std::int64_t min_contacts = 4096;
};

class Service {
public:
    Service(Repository& repo, Date today, const Clock& clock);

    // How the exports split their walk (ExportThreads; the defaults suit the cli), and how many
    // threads walked the people in the last JSON or JSON Lines export (1: the calling thread
    // alone). For tests.
    void set_export_threads(const ExportThreads& threads) { m_export_threads = threads; }
    std::size_t last_export_walkers() const { return m_last_export_walkers; }
    // Called before the database is opened when the command will be a JSON or JSON Lines
    // export: sizes the process's page cache for the threads that may walk the people (each
    // reads as much of the file as one walk alone would, so each needs a cache as large).
    static void reserve_export_cache();

    Date today() const { return m_today; }
    Cadence cadence();

    Contact add(const NewContact& input);
    std::vector<Logged> log(const NewInteraction& input);
    // Who is due by today (+ `within`), with their last conversation and open follow-ups; their
    // emails, phones and tags only `with_details` (the text view shows none of them).
    DueReport due(std::optional<Interval> within, std::optional<int> limit,
                  bool with_details = true);
    // How many people `bmc due` shows when not told: the due.limit setting (default 20);
    // nullopt for `all`.
    std::optional<int> due_limit();
    Profile show(std::string_view who);
    std::vector<ContactSummary> list(const ListOptions& options);
    // The same people as list(), with only what the text table shows.
    std::vector<ListRow> list_rows(const ListOptions& options);
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

    // Records that you introduced two people (service_intros.cpp): the introduction, and a
    // conversation with each of them. Throws DataError for the same person twice, a date in the
    // future, or a pair already introduced.
    Introduced introduce(std::string_view a, std::string_view b, const NewIntroduction& input);
    // Pairs of active people who share tags and are not connected yet, best first.
    IntroSuggestions suggest_intros(std::size_t limit);

    // Important dates (service_dates.cpp). `set_date` adds or replaces the date with that label
    // (the label "birthday" is the one --birthday sets); `remove_date` throws NotFoundError when
    // there is none.
    PersonDates dates_of(std::string_view who);
    PersonDates set_date(std::string_view who, const std::string& label, const YearlyDate& when);
    PersonDates remove_date(std::string_view who, const std::string& label);

    std::vector<SettingInfo> settings();
    SettingInfo setting(const std::string& key);
    // Sets a key after validating the value; cadence changes recompute the due dates affected.
    // The value "default" removes the setting. Returns the setting as stored.
    SettingInfo set_setting(const std::string& key, const std::string& value);

    // Writes the whole database as one JSON document (docs/json.md): the settings, then the
    // contacts one at a time.
    void export_json(std::ostream& out);
    // Reads that format back, all-or-nothing; a "settings" object is applied first. Throws
    // DataError naming the record (or setting) and the reason.
    ImportSummary import_json(std::istream& in);

    // Imports people read from a file (import_formats.hpp), all-or-nothing, in one transaction.
    // A record matching someone by uuid, then email, then normalised full name is merged into
    // them: empty fields filled in, emails, phones and tags added; nothing replaced unless
    // `overwrite`. Throws DataError naming the record's position and the reason.
    PeopleImport import_people(const std::vector<PersonRecord>& records,
                               const ImportOptions& options);

    // Export in other formats (service_export.cpp). Each streams one contact at a time.
    void export_jsonl(std::ostream& out);
    void export_csv(std::ostream& out);
    // Calls `sink(uuid, card)` for each person, cards as vCard `version` (3 or 4).
    void export_vcards(int version,
                       const std::function<void(const std::string&, const std::string&)>& sink);
    // An iCalendar document with each active person's next reconnect date (those due within
    // `within` of today when given); overdue people are placed on today.
    std::string export_ics(std::optional<Interval> within, bool alarm);

    // Likely duplicates among everyone stored (service_dupes.cpp): people sharing an email
    // (ignoring case), then people sharing a full name (ignoring case and extra spaces).
    std::vector<DupeGroup> dupes();
    // Merges `other` into `keep` in one transaction: conversations and follow-ups move over,
    // emails, phones and tags are added, empty fields filled in, both notes kept (and the other
    // name when it differs), the earlier date met kept; then `other` is deleted. Throws
    // DataError when both name the same person.
    MergeResult merge(std::string_view keep, std::string_view other);

    // Seeds a handful of people and conversations, for `bmc demo`.
    void seed_demo();

    // The schedule of a contact as the scheduler computes it now.
    Schedule schedule_of(const Contact& contact);

    // ---- A steady routine and network health (service_routine.cpp) ----

    // The routine quota (`routine.per-week` or `routine.per-month`), if one is set.
    std::optional<Quota> quota();
    // The plan of the next `weeks` weeks (1 to max_plan_weeks), starting today.
    PlanReport plan(int weeks);
    // Counts of the whole network, by aggregate queries and one pass over the history.
    NetworkStats stats();
    // Strength changes the evidence suggests; nothing is changed.
    ReviewReport review();
    // Applies the suggestions with these ids (contact ids) in one transaction and recomputes the
    // due dates. Throws NotFoundError, changing nothing, when an id has no suggestion.
    ReviewReport apply_review(const std::vector<std::int64_t>& ids);
    // How a person's next date comes about.
    WhyReport why(std::string_view who);

private:
    // `config set routine.*`: validates and stores a quota.
    SettingInfo set_quota_setting(const std::string& key, const std::string& value,
                                  const std::string& default_value, const std::string& description);

    Contact load(std::string_view who);
    ScheduleInput schedule_input(const Contact& contact);
    // Recomputes and stores a contact's last interaction and due date; updates `contact`.
    void refresh_schedule(Contact& contact, const Cadence& cadence);
    Contact insert_new(const NewContact& input, const Cadence& cadence);
    // set_setting() inside the caller's transaction.
    SettingInfo apply_setting(const std::string& key, const std::string& value);
    // Applies --through and --birthday of add/edit (service_dates.cpp); true when something
    // changed.
    bool apply_connections(const Contact& contact,
                           const std::optional<std::optional<std::string>>& through,
                           const std::optional<std::optional<YearlyDate>>& birthday);
    Connections connections_of(const Contact& contact);
    std::vector<ComingDate> coming_dates(Date until);
    ComingDate coming(const ContactRef& person, const ImportantDate& d, Date from) const;

    Repository& m_repo;
    Date m_today;
    const Clock& m_clock;
    ExportThreads m_export_threads;
    std::size_t m_last_export_walkers = 0;
};

} // namespace bmc
