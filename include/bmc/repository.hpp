// Storage of contacts, interactions and settings in one SQLite file. The only module that speaks
// SQL; every statement binds its parameters. Errors surface as DatabaseError.
#pragma once

#include "bmc/domain.hpp"
#include "bmc/insight_views.hpp"
#include "bmc/routine.hpp"
#include "bmc/views.hpp"

#include <array>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace SQLite {
class Database;
class Statement;
} // namespace SQLite
struct sqlite3_session;

namespace bmc {

struct ListQuery {
    std::optional<std::string> tag; // folded tag
    std::optional<Strength> strength;
    bool archived = false; // list archived people instead of active ones
    enum class Sort { name, due, last } sort = Sort::name;
    // Also load each person's most recent interaction (ContactSummary::last). Costs a lookup in
    // the interactions table per person, so only `list --json` asks for it.
    bool with_last = false;
    // Also load emails, phones and tags (and, in Service::list, open follow-ups): --json and
    // --search need them. (The text table reads list_rows() instead.)
    bool with_details = true;
};

// The fields the scheduler needs, for recomputing many contacts at once.
struct ScheduleRow {
    std::int64_t id = 0;
    Strength strength = Strength::medium;
    std::optional<Interval> every;
    std::optional<Date> last_interaction;
    std::optional<Date> met_on;
    std::optional<Date> snoozed_until;
    bool archived = false;
    std::optional<Date> next_due;
    std::optional<Date> followup_by; // earliest deadline of an open follow-up
};

// A contact as the stage and review rules see it (`bmc stats`, `bmc review`).
struct HistoryContact {
    std::int64_t id = 0;
    std::string name;
    Strength strength = Strength::medium;
    std::optional<Interval> every;
    std::optional<Date> met_on;
};

// What `bmc check` compares for one stored row (contacts, interactions, followups).
struct StoredIdentity {
    std::string table;
    std::int64_t id = 0;
    std::string uuid;
    std::string name;     // contacts only
    std::string name_key; // contacts only
};

// Contact ids from `first` to `last`, both included; the default is every id.
struct ContactIdRange {
    std::int64_t first = std::numeric_limits<std::int64_t>::min();
    std::int64_t last = std::numeric_limits<std::int64_t>::max();
};

// A person for Repository::insert_new_people(): the contact to insert (its id is set then) and
// their important dates (contact_id is set then).
struct NewPerson {
    Contact* contact = nullptr;
    std::vector<ImportantDate> dates;
};

class Repository {
public:
    // The schema version this build writes (PRAGMA user_version).
    static constexpr int schema_version = 9;
    // PRAGMA application_id of a bmc database ("BMC1").
    static constexpr int application_id = 0x424D4331;

    // Opens the database at `path`, creating it (directories 0700, file 0600) when `create` is
    // true and it does not exist yet, and migrates it to schema_version. ":memory:" opens a private
    // in-memory database. Throws DatabaseError for a file that is not a bmc database, one written
    // by a newer bmc, or one that cannot be opened; such files are left untouched.
    // `on_upgrade(from, to)` is called before an existing file is migrated (not a new one), once
    // this process holds the write lock: some migrations rewrite a table and take a while on large
    // files (migration 9: about 45 s for 2 million conversations).
    using UpgradeNotice = std::function<void(int from, int to)>;
    Repository(const std::string& path, bool create = true, UpgradeNotice on_upgrade = {});
    ~Repository();
    Repository(const Repository&) = delete;
    Repository& operator=(const Repository&) = delete;

    const std::string& path() const { return m_path; }

    // SQLite's page cache, in KiB: one pool per process, set up (and touched) in full when the
    // first database is opened, and each connection's limit. A large one lets lists and exports
    // find pages again without going back to the file; a command about one or a few people
    // needs little, and setting up a large one costs it about a millisecond. Call before the
    // first open; after it, the size is fixed and this has no effect.
    static constexpr std::size_t large_page_cache_kib = 16384;
    static constexpr std::size_t small_page_cache_kib = 2048;
    static void set_page_cache_kib(std::size_t kib);
    // The size in use (or to be used by the first open).
    static std::size_t page_cache_kib();

    // A write transaction (BEGIN IMMEDIATE): commit() makes it durable, destruction without
    // commit() rolls everything back.
    //
    // Every recorded transaction is one entry of the undo history (see "Undo" below): an SQLite
    // session records the rows it changes in the undoable tables, and on commit the inverse of
    // each change is logged under it. Pass record = false for writes that must not be undoable
    // themselves (migrations, undo).
    // Where a write transaction keeps its statement journals (the pages a statement changes, to
    // roll back that statement alone on an error): in memory, where the many small statements of
    // a bulk write are cheapest, or in temporary files, for a statement that changes a whole
    // table (a migration's copy: in memory, its journal would hold every page it frees).
    enum class StatementJournals { in_memory, in_files };

    class Transaction {
    public:
        explicit Transaction(Repository& repo, bool record = true,
                             StatementJournals journals = StatementJournals::in_memory);
        ~Transaction();
        Transaction(const Transaction&) = delete;
        Transaction& operator=(const Transaction&) = delete;
        void commit();

    private:
        Repository& m_repo;
        bool m_done = false;
        bool m_record = false;
    };

    // A read transaction: every read between construction and destruction sees one consistent
    // snapshot of the database (taken at the first read), so an export that reads in several
    // queries never mixes two states. Reads only; for_each_contact() joins it.
    class Snapshot {
    public:
        explicit Snapshot(Repository& repo);
        ~Snapshot();
        Snapshot(const Snapshot&) = delete;
        Snapshot& operator=(const Snapshot&) = delete;

    private:
        Repository& m_repo;
    };

    // Read connections that see exactly the snapshot of this one, for reading one database on
    // several threads (the export): starts a read transaction on `repo` and opens `extra` more
    // connections to the same file, each in a read transaction on the same snapshot, until
    // destruction. Each reader is a Repository of its own, to be used by one thread at a time;
    // `repo` stays with the thread that made the SharedSnapshot.
    //
    // SQLite (as Debian builds it) has no way to hand one snapshot to another connection, so the
    // readers start while a short-lived third connection holds the write lock (BEGIN IMMEDIATE,
    // without waiting): no writer can commit between their first reads, which is where a read
    // transaction takes its snapshot. The write lock is let go before the constructor returns,
    // so writers wait for it only for that moment.
    //
    // When that cannot be arranged — an in-memory database, another process holding the write
    // lock, a file opened read-only, any error opening the readers — there are no readers and
    // `repo` alone holds a read transaction, like a Snapshot: the caller reads sequentially
    // instead. When `repo` is already in a transaction, that one is joined, without readers.
    class SharedSnapshot {
    public:
        SharedSnapshot(Repository& repo, std::size_t extra);
        ~SharedSnapshot();
        SharedSnapshot(const SharedSnapshot&) = delete;
        SharedSnapshot& operator=(const SharedSnapshot&) = delete;

        // The extra connections: `extra` of them, or none (see above).
        const std::vector<std::unique_ptr<Repository>>& readers() const { return m_readers; }

    private:
        // Opens the readers and starts every read transaction; throws on any failure.
        void share(std::size_t extra);
        void end_all() noexcept;

        Repository& m_repo;
        std::vector<std::unique_ptr<Repository>> m_readers;
        bool m_began = false; // whether `repo`'s read transaction is ours to end
    };

    // --- Safety (repository_safety.cpp) ---

    // How a recorded transaction is described in the undo history (the cli sets the command line).
    void set_change_label(std::string label) { m_change_label = std::move(label); }

    // The undo history: the last `undo_depth` recorded transactions that changed something,
    // newest first.
    static constexpr int undo_depth = 100;
    std::vector<UndoChange> undo_history(int limit);
    // The tables whose changes are recorded and undone: every data table.
    static std::vector<std::string> undoable_tables();
    // Reverts change `id` (which must be the newest) row by row and drops it from the history,
    // in one transaction that is not itself recorded.
    void undo(std::int64_t id);
    // Stores people new to the database (`import`) with their emails, phones, tags and important
    // dates, in order, and sets each contact's id (and each date's contact_id). In a recorded
    // transaction their rows are not logged one by one: the session is paused while they are
    // written, and the change records instead, for contacts, contact_attrs and important_dates,
    // one statement that deletes the rows of every person above the largest id stored before
    // (with how many rows that is). Undoing the change therefore removes exactly these people;
    // anything else the transaction changes, before or after, is logged row by row as usual.
    // A recorded transaction that has deleted people before cannot use it (DatabaseError): a new
    // person could get a freed id, which the range would miss.
    void insert_new_people(std::vector<NewPerson>& people);
    // Forgets the whole undo history (used by `rm --purge`). Freed pages are zeroed
    // (secure_delete is on); checkpoint() then moves them out of the write-ahead log.
    void clear_undo_history();
    void checkpoint();

    // Writes a consistent copy of the database to `file` (SQLite's online backup API). `file`
    // must not exist unless `replace`; it is created 0600 and appears complete or not at all.
    void backup_to(const std::string& file, bool replace = false);
    // Replaces this database's content with the bmc database in `file` after checking it
    // (application id, schema version not newer, integrity_check), then migrates it if older.
    void restore_from(const std::string& file);
    // Throws DatabaseError unless `file` is an intact bmc database this bmc can open.
    static void verify_database_file(const std::string& file);

    // PRAGMA integrity_check and foreign_key_check; one line per problem, empty when fine.
    std::vector<std::string> storage_problems();
    // Every contact's stored identity columns, for `bmc check`.
    std::vector<StoredIdentity> stored_identities();

    // Contacts.
    void insert_contact(Contact& contact); // assigns contact.id
    void update_contact(const Contact& contact);
    void delete_contact(std::int64_t id);
    std::optional<Contact> find_contact(std::int64_t id);
    std::optional<Contact> find_contact_by_uuid(const std::string& uuid);
    std::vector<ContactRef> find_by_exact_name(const std::string& folded_name);
    // People whose folded name contains `folded_part`; at most `limit` of them.
    std::vector<ContactRef> find_by_name_part(const std::string& folded_part, int limit);
    std::vector<ContactRef> all_names();
    // Every contact (archived ones too) with emails, phones and tags, by id. For imports, which
    // index them once in memory instead of querying per record.
    std::vector<Contact> all_contacts();
    std::int64_t count_contacts();
    // The page cache of every connection in the process comes from one pool, set up when the
    // first Repository opens (one connection's cache: page_cache_kib()). A process that will read
    // through a SharedSnapshot's `readers` calls this before, so that the pool holds a full cache
    // for each of them (the connection that shares its snapshot gives its own back with
    // release_cache() first). A larger pool costs its set-up (it is touched at once: a few
    // milliseconds and its size in memory); later calls change nothing.
    static void reserve_cache_for_readers(std::size_t readers);
    // Gives the pages this connection keeps cached back to the process's page cache pool.
    void release_cache();
    // The smallest and the largest contact id (nullopt when there is nobody), from the primary
    // key without a scan.
    std::optional<ContactIdRange> contact_ids();

    // Everyone whose effective due date is on or before `until`, most overdue first, then
    // stronger first, then by name. Emails, phones and tags are read only `with_details`.
    std::vector<ContactSummary> due_contacts(Date until, std::optional<int> limit,
                                             bool with_details = true);
    std::vector<ContactSummary> list_contacts(const ListQuery& query);
    // The same people in the same order, with only what the text table of `list` shows.
    std::vector<ListRow> list_rows(const ListQuery& query);

    // Interactions.
    void insert_interaction(Interaction& interaction); // assigns interaction.id
    void update_interaction(const Interaction& interaction);
    std::optional<Interaction> find_interaction_by_uuid(const std::string& uuid);
    // Newest first.
    std::vector<Interaction> interactions_of(std::int64_t contact_id);
    std::optional<Date> latest_interaction_date(std::int64_t contact_id);
    std::int64_t count_interactions(std::int64_t contact_id);

    // Follow-ups.
    void insert_followup(FollowUp& followup); // assigns followup.id
    void update_followup(const FollowUp& followup);
    std::optional<FollowUp> find_followup(std::int64_t id);
    std::optional<FollowUp> find_followup_by_uuid(const std::string& uuid);
    // Open ones first (earliest deadline first), then done ones (most recently done first).
    std::vector<FollowUp> followups_of(std::int64_t contact_id, bool open_only);
    // Every open follow-up, earliest deadline first, those without one last.
    std::vector<FollowUp> open_followups();
    // The open follow-ups of some people, by person (each list ordered like open_followups()):
    // one index lookup per person when they are few, else one pass over the open ones.
    std::map<std::int64_t, std::vector<FollowUp>>
    open_followups_of(const std::vector<std::int64_t>& contact_ids);
    // Whether `n` people are few enough that one indexed query each beats one pass over a
    // table (at most a quarter of everyone, or 256).
    bool few_contacts(std::size_t n);
    // At least as many as there are people (the largest id), found without a scan.
    std::size_t contact_id_bound();
    std::optional<Date> earliest_open_followup(std::int64_t contact_id);

    // Materialised schedule columns.
    std::vector<ScheduleRow> schedule_rows(std::optional<Strength> strength_without_override);
    void set_schedule(std::int64_t id, const std::optional<Date>& last_interaction,
                      const std::optional<Date>& next_due);

    // Settings (key/value text).
    std::optional<std::string> get_setting(const std::string& key);
    void set_setting(const std::string& key, const std::string& value);
    void delete_setting(const std::string& key);
    std::map<std::string, std::string> settings();

    // Streams every contact (by id) with its interactions (oldest first) and follow-ups (by id) to
    // `sink`, holding one contact in memory at a time.
    void for_each_contact(const std::function<void(const Contact&, const std::vector<Interaction>&,
                                                   const std::vector<FollowUp>&)>& sink);

    // What for_each_contact_row() hands over, person by person in id order: contact() with the
    // person (emails, phones and tags filled), interaction() for each of their conversations
    // oldest first (date, then id), then end_contact() with their follow-ups (by id).
    class ContactVisitor {
    public:
        virtual ~ContactVisitor() = default;
        virtual void contact(const Contact& contact) = 0;
        virtual void interaction(const InteractionRow& row) = 0;
        virtual void end_contact(const Contact& contact,
                                 const std::vector<FollowUp>& followups) = 0;

    protected:
        ContactVisitor() = default;
        ContactVisitor(const ContactVisitor&) = default;
        ContactVisitor& operator=(const ContactVisitor&) = default;
    };
    // The same walk as for_each_contact(), but each conversation is handed over as the row's
    // text in place (valid only during the call), not built into an `Interaction`: the export
    // writes millions of them. Only the people whose ids lie in `ids` (each cursor still reads
    // its index from the first of them on, so a part of the range costs only its own rows).
    // Joins the caller's Snapshot or Transaction, else reads in one of its own. An exception
    // from the visitor ends the walk and propagates as it is.
    void for_each_contact_row(ContactVisitor& visitor, ContactIdRange ids = {});

    // Introductions: who introduced a person to you (`--through`), and the pairs you introduced.
    std::optional<ContactRef> introduced_by(std::int64_t contact_id);
    void set_introduced_by(std::int64_t contact_id, std::optional<std::int64_t> through);
    // The people `contact_id` introduced you to, by name.
    std::vector<ContactRef> introduced_through(std::int64_t contact_id);
    // Contact id -> uuid of the person who introduced them, for everyone who has one.
    std::map<std::int64_t, std::string> introducer_uuids();
    void insert_introduction(Introduction& intro); // assigns intro.id; a < b
    void update_introduction(const Introduction& intro);
    std::optional<Introduction> find_introduction(std::int64_t a, std::int64_t b);
    std::optional<Introduction> find_introduction_by_uuid(const std::string& uuid);
    // The introductions a person is part of, oldest first.
    std::vector<Introduction> introductions_of(std::int64_t contact_id);
    std::vector<Introduction> all_introductions(); // by id
    // Every pair already connected: introduced by you, or one introduced you to the other.
    std::vector<std::pair<std::int64_t, std::int64_t>> connected_pairs();
    // Every active (not archived) person who has at least one tag, with their tags.
    std::vector<TaggedPerson> tagged_people();

    // Important dates (birthday, anniversary...), one per person and case-folded label.
    std::vector<ImportantDate> dates_of(std::int64_t contact_id); // birthday first, then label
    // Adds the date, or replaces the one with the same label (case-insensitive).
    void set_date(const ImportantDate& d);
    // Removes a date by label (case-insensitive); false when there was none.
    bool delete_date(std::int64_t contact_id, const std::string& label);
    std::map<std::int64_t, std::vector<ImportantDate>> all_dates(); // by contact
    // Dates of active people whose month-day lies in one of `ranges` (see month_day_ranges()).
    std::vector<std::pair<ContactRef, ImportantDate>>
    active_dates_in(const std::vector<std::pair<std::string, std::string>>& ranges);
    // ---- Routine and insights (plan, stats, review, why) ----

    // Active people whose effective due date is on or before `until`, for the plan: id, name,
    // folded name, strength and due date only.
    std::vector<PlanCandidate> plan_candidates(Date until);
    // How many people are due on or before `until`.
    std::int64_t count_due(Date until);
    // Active people per strength, and archived people.
    std::map<Strength, std::int64_t> count_by_strength();
    std::int64_t count_archived();
    // In one pass over the conversations: how many are dated in each of `periods` (first and
    // last day, inclusive), and how many there are by who reached out.
    ConversationCounts count_conversations(const std::vector<std::pair<Date, Date>>& periods);
    // How many different people you had a conversation with in each of `periods` (first and last
    // day, inclusive; sorted and not overlapping), in one pass.
    std::vector<std::int64_t> people_reached(const std::vector<std::pair<Date, Date>>& periods);
    // Streams every active (not archived) contact, by id, with their conversations (oldest first;
    // the note is left out, and what was given, received or asked is only marked as present),
    // holding one contact in memory at a time.
    void for_each_history(
        const std::function<void(const HistoryContact&, const std::vector<Interaction>&)>& sink);

private:
    // A reader of a SharedSnapshot: an existing file, opened without migrating it (the
    // Repository that shares its snapshot did that); a file at another schema version is a
    // DatabaseError.
    struct ReaderTag {};
    Repository(const std::string& path, ReaderTag);

    void open(bool create, bool may_migrate = true);
    // Opens a change in the undo history and starts recording the transaction's row changes.
    void begin_change();
    // Logs the inverse of every row change recorded and closes the open change; false when it
    // recorded nothing (no row changed).
    bool end_change();
    // Forgets the open change without logging anything (the transaction rolls back).
    void drop_change() noexcept;
    void switch_to_wal();
    // Temporary storage back to SQLite's default (files) after a write transaction.
    void default_temp_store() noexcept;
    void migrate();
    // Writes the emails, phones and tags of `contact`, first deleting those stored when `replace`
    // (an update); a contact just inserted has none.
    void write_attrs(const Contact& contact, bool replace);
    // Loads emails, phones and tags into contacts read without them.
    void fill_attrs(const std::vector<Contact*>& contacts);
    void fill_attrs(std::vector<ContactSummary>& rows);

    // A prepared statement kept for the life of the connection (reset, bindings cleared), for
    // the statements a bulk import runs tens of thousands of times.
    SQLite::Statement& cached(const char* sql);

    std::string m_path;
    UpgradeNotice m_on_upgrade;
    std::unique_ptr<SQLite::Database> m_db;
    // Declared after m_db so that the statements are finalised before the connection closes.
    std::map<std::string, std::unique_ptr<SQLite::Statement>> m_cached;
    std::string m_change_label = "bmc";
    std::int64_t m_open_change = 0;
    // The open change logged rows of new people by id range (insert_new_people()).
    bool m_open_change_has_ranges = false;
    // The open change deleted people: a new person could get a freed id, which insert_new_people()
    // could not undo by range.
    bool m_open_change_deleted_people = false;
    struct SessionDelete {
        void operator()(sqlite3_session* session) const noexcept;
    };
    // Records the open change's row changes; declared after m_db, so deleted before it closes.
    std::unique_ptr<sqlite3_session, SessionDelete> m_session;
};

} // namespace bmc
