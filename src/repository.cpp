#include "bmc/repository.hpp"

#include "bmc/dates.hpp"
#include "bmc/errors.hpp"
#include "bmc/text.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <limits>
#include <mutex>
#include <set>
#include <sys/mman.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <unordered_map>

namespace bmc {

namespace fs = std::filesystem;

namespace {

// Schema migrations: entry i moves a database from user_version i to i + 1.
const char* const migrations[] = {
    R"sql(
CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    strength TEXT NOT NULL CHECK (strength IN ('strong', 'medium', 'weak')),
    every TEXT,
    company TEXT,
    title TEXT,
    met TEXT,
    met_on TEXT,
    notes TEXT,
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    snoozed_until TEXT,
    last_interaction TEXT,
    next_due TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX contacts_next_due ON contacts (next_due);
CREATE INDEX contacts_name_key ON contacts (name_key);

CREATE TABLE contact_attrs (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('email', 'phone', 'tag')),
    position INTEGER NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (contact_id, kind, position)
) WITHOUT ROWID;
CREATE INDEX contact_attrs_value ON contact_attrs (kind, value);

CREATE TABLE interactions (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    via TEXT,
    initiator TEXT CHECK (initiator IN ('me', 'them')),
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX interactions_contact_date ON interactions (contact_id, date, id);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
)sql",
    // 2: follow-ups, and what was given, received and asked in a conversation.
    R"sql(
ALTER TABLE interactions ADD COLUMN gave TEXT;
ALTER TABLE interactions ADD COLUMN received TEXT;
ALTER TABLE interactions ADD COLUMN asked TEXT;

CREATE TABLE followups (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    due_by TEXT,
    created_on TEXT NOT NULL,
    done_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX followups_contact ON followups (contact_id, done_on);
)sql",
    // 3: introductions (who introduced a person to you; pairs you introduced) and important dates.
    R"sql(
ALTER TABLE contacts ADD COLUMN introduced_by INTEGER REFERENCES contacts (id) ON DELETE SET NULL;
CREATE INDEX contacts_introduced_by ON contacts (introduced_by);

CREATE TABLE introductions (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    a_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    b_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (a_id < b_id),
    UNIQUE (a_id, b_id)
);
CREATE INDEX introductions_b ON introductions (b_id);

CREATE TABLE important_dates (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    label_key TEXT NOT NULL,
    label TEXT NOT NULL,
    date TEXT NOT NULL,
    month_day TEXT NOT NULL,
    PRIMARY KEY (contact_id, label_key)
) WITHOUT ROWID;
CREATE INDEX important_dates_month_day ON important_dates (month_day);
)sql",
    // 4: the undo history. Triggers on the undoable tables (installed after every migration up to
    // version 7) logged the inverse of each row change under the open change.
    R"sql(
CREATE TABLE undo_changes (
    id INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    created_at TEXT NOT NULL,
    open INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE undo_log (
    id INTEGER PRIMARY KEY,
    change_id INTEGER NOT NULL,
    tbl TEXT NOT NULL,
    op TEXT NOT NULL,
    statement TEXT NOT NULL
);
CREATE INDEX undo_log_change ON undo_log (change_id);
)sql",
    // 5: the open follow-ups in the order `todo` and `due` show them (deadlines first, earliest
    // first), so reading them walks this small index instead of every follow-up ever made.
    R"sql(
CREATE INDEX followups_open ON followups (due_by IS NULL, due_by, id) WHERE done_on IS NULL;
)sql",
    // 6: one undo_log statement may revert many rows (the people an import added, deleted by id
    // range; see insert_new_people()): `rows` says how many, for the history.
    R"sql(
ALTER TABLE undo_log ADD COLUMN rows INTEGER NOT NULL DEFAULT 1;
)sql",
    // 7: no change to the tables. The undo triggers, rebuilt after every migration, now built
    // their statements with one printf() and found the open change with one SELECT: the same
    // statements as before, for a fraction of the parsing SQLite does each time it opens a file.
    "-- the undo triggers are rebuilt after every migration",
    // 8: no undo triggers. An SQLite session records the row changes of a recorded transaction
    // and the inverse statements are logged on commit (see begin_change()): SQLite no longer
    // parses 21 triggers each time a process opens the file. undo_log keeps its form.
    R"sql(
DROP TRIGGER IF EXISTS undo_contacts_insert;
DROP TRIGGER IF EXISTS undo_contacts_update;
DROP TRIGGER IF EXISTS undo_contacts_delete;
DROP TRIGGER IF EXISTS undo_contact_attrs_insert;
DROP TRIGGER IF EXISTS undo_contact_attrs_update;
DROP TRIGGER IF EXISTS undo_contact_attrs_delete;
DROP TRIGGER IF EXISTS undo_interactions_insert;
DROP TRIGGER IF EXISTS undo_interactions_update;
DROP TRIGGER IF EXISTS undo_interactions_delete;
DROP TRIGGER IF EXISTS undo_followups_insert;
DROP TRIGGER IF EXISTS undo_followups_update;
DROP TRIGGER IF EXISTS undo_followups_delete;
DROP TRIGGER IF EXISTS undo_settings_insert;
DROP TRIGGER IF EXISTS undo_settings_update;
DROP TRIGGER IF EXISTS undo_settings_delete;
DROP TRIGGER IF EXISTS undo_introductions_insert;
DROP TRIGGER IF EXISTS undo_introductions_update;
DROP TRIGGER IF EXISTS undo_introductions_delete;
DROP TRIGGER IF EXISTS undo_important_dates_insert;
DROP TRIGGER IF EXISTS undo_important_dates_update;
DROP TRIGGER IF EXISTS undo_important_dates_delete;
)sql",
    // 9: the conversations stored by person, in the order they are read: by contact, then date,
    // then id (a WITHOUT ROWID table, clustered on that key). Conversations are logged in the
    // order they happen, so in a rowid table each person's were scattered over the whole file and
    // reading them (export, show, stats) cost a row lookup, often a page read, per conversation.
    // `id` keeps its values and its uniqueness (interactions_id), and is now given by bmc
    // (insert_interaction). The copy is inserted in key order, so its pages come out full.
    R"sql(
CREATE TABLE interactions_by_person (
    id INTEGER NOT NULL,
    uuid TEXT NOT NULL UNIQUE,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    via TEXT,
    initiator TEXT CHECK (initiator IN ('me', 'them')),
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    gave TEXT,
    received TEXT,
    asked TEXT,
    PRIMARY KEY (contact_id, date, id)
) WITHOUT ROWID;
INSERT INTO interactions_by_person (id, uuid, contact_id, date, via, initiator, note, created_at,
                                   updated_at, gave, received, asked)
    SELECT id, uuid, contact_id, date, via, initiator, note, created_at, updated_at, gave,
           received, asked
    FROM interactions ORDER BY contact_id, date, id;
DROP TABLE interactions;
ALTER TABLE interactions_by_person RENAME TO interactions;
CREATE UNIQUE INDEX interactions_id ON interactions (id);
)sql",
};
static_assert(std::size(migrations) == Repository::schema_version);

// The contact columns every contact query selects, in the order row_to_contact reads them.
constexpr const char* contact_columns =
    "c.id, c.uuid, c.name, c.strength, c.every, c.company, c.title, c.met, c.met_on, c.notes, "
    "c.archived, c.snoozed_until, c.last_interaction, c.next_due, c.created_at, c.updated_at";
constexpr int contact_column_count = 16;

constexpr const char* interaction_columns =
    "i.id, i.uuid, i.contact_id, i.date, i.via, i.initiator, i.note, i.created_at, i.updated_at, "
    "i.gave, i.received, i.asked";
constexpr int interaction_column_count = 12;
// Stands in for interaction_columns when a query does not join the last interaction.
constexpr const char* null_interaction_columns =
    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL";

constexpr const char* followup_columns =
    "f.id, f.uuid, f.contact_id, f.text, f.due_by, f.created_on, f.done_on, f.created_at, "
    "f.updated_at";

constexpr const char* strength_rank_sql =
    "CASE c.strength WHEN 'strong' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END";

// A statement prepared on the raw handle, for the loops where SQLiteCpp's per-column objects
// (a shared pointer copied for every value) cost more than the values: the export's cursor over
// every conversation, the rows of `list`.
struct FinalizeStatement {
    void operator()(sqlite3_stmt* st) const noexcept { sqlite3_finalize(st); }
};
using RawStatement = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

RawStatement prepare_raw(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    const int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
    RawStatement owned(st);
    if (rc != SQLITE_OK) {
        throw SQLite::Exception(db, rc);
    }
    return owned;
}

// Moves to the next row: true on a row, false at the end; throws on an error.
bool step_raw(sqlite3* db, sqlite3_stmt* st) {
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc != SQLITE_DONE) {
        throw SQLite::Exception(db, rc);
    }
    return false;
}

// A column's text in place; nullopt for NULL. sqlite3_column_text() gives a null pointer for
// NULL (and when out of memory), so only then is the type asked.
std::optional<std::string_view> raw_opt_text(sqlite3_stmt* st, int col) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, col));
    if (text == nullptr) {
        if (sqlite3_column_type(st, col) == SQLITE_NULL) {
            return std::nullopt;
        }
        throw SQLite::Exception(sqlite3_db_handle(st), sqlite3_errcode(sqlite3_db_handle(st)));
    }
    return std::string_view(text, static_cast<std::size_t>(sqlite3_column_bytes(st, col)));
}

std::string_view raw_text(sqlite3_stmt* st, int col) {
    return raw_opt_text(st, col).value_or(std::string_view());
}

// Values read back from the file; a bad one means the file was changed outside bmc.
// A column's text without copying it (valid until the statement moves on).
std::string_view text_of(const SQLite::Column& col) {
    const char* text = col.getText();
    return {text, static_cast<std::size_t>(col.getBytes())};
}

Date stored_date(std::string_view text) {
    // bmc writes dates as exactly YYYY-MM-DD; lists read thousands of them, so the usual case is
    // read digit by digit (a day up to the 28th exists in every month), the rest fully checked.
    if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
        int v[8] = {};
        bool digits = true;
        constexpr int at[8] = {0, 1, 2, 3, 5, 6, 8, 9};
        for (int k = 0; k < 8; ++k) {
            const char ch = text[static_cast<std::size_t>(at[k])];
            digits = digits && ch >= '0' && ch <= '9';
            v[k] = ch - '0';
        }
        const int y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
        const int m = v[4] * 10 + v[5];
        const int d = v[6] * 10 + v[7];
        if (digits && y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= 28) {
            return Date{date::year{y}, date::month{static_cast<unsigned>(m)},
                        date::day{static_cast<unsigned>(d)}};
        }
    }
    try {
        return parse_iso_date(text, "stored date");
    } catch (const Error& e) {
        throw DatabaseError(std::string("the database holds an invalid date: ") + e.what(),
                            "the file was changed outside bmc; restore a backup or fix that row");
    }
}

Interval stored_interval(const std::string& text) {
    try {
        return parse_interval(text, "stored interval");
    } catch (const Error& e) {
        throw DatabaseError(std::string("the database holds an invalid interval: ") + e.what(),
                            "the file was changed outside bmc; restore a backup or fix that row");
    }
}

std::optional<std::string> opt_text(const SQLite::Column& col) {
    if (col.isNull()) {
        return std::nullopt;
    }
    return col.getString();
}

std::optional<Date> opt_date(const SQLite::Column& col) {
    if (col.isNull()) {
        return std::nullopt;
    }
    return stored_date(text_of(col));
}

// Adds one contact_attrs row (kind, value) to the contact's lists.
void add_attr(Contact& c, const char* kind, std::string value) {
    if (kind[0] == 'e') {
        c.emails.push_back(std::move(value));
    } else if (kind[0] == 'p') {
        c.phones.push_back(std::move(value));
    } else {
        c.tags.push_back(std::move(value));
    }
}

void bind_opt(SQLite::Statement& st, int index, const std::optional<std::string>& value) {
    if (value) {
        st.bind(index, *value);
    } else {
        st.bind(index);
    }
}

void bind_opt(SQLite::Statement& st, int index, const std::optional<Date>& value) {
    if (value) {
        st.bind(index, format_date(*value));
    } else {
        st.bind(index);
    }
}

Contact row_to_contact(SQLite::Statement& st, int base = 0) {
    Contact c;
    c.id = st.getColumn(base + 0).getInt64();
    c.uuid = st.getColumn(base + 1).getString();
    c.name = st.getColumn(base + 2).getString();
    c.strength = parse_strength(st.getColumn(base + 3).getString()).value_or(Strength::medium);
    if (auto every = opt_text(st.getColumn(base + 4))) {
        c.every = stored_interval(*every);
    }
    c.company = opt_text(st.getColumn(base + 5));
    c.title = opt_text(st.getColumn(base + 6));
    c.met = opt_text(st.getColumn(base + 7));
    c.met_on = opt_date(st.getColumn(base + 8));
    c.notes = opt_text(st.getColumn(base + 9));
    c.archived = st.getColumn(base + 10).getInt() != 0;
    c.snoozed_until = opt_date(st.getColumn(base + 11));
    c.last_interaction = opt_date(st.getColumn(base + 12));
    c.next_due = opt_date(st.getColumn(base + 13));
    c.created_at = st.getColumn(base + 14).getString();
    c.updated_at = st.getColumn(base + 15).getString();
    return c;
}

Interaction row_to_interaction(SQLite::Statement& st, int base = 0) {
    Interaction i;
    i.id = st.getColumn(base + 0).getInt64();
    i.uuid = st.getColumn(base + 1).getString();
    i.contact_id = st.getColumn(base + 2).getInt64();
    i.date = stored_date(text_of(st.getColumn(base + 3)));
    i.via = opt_text(st.getColumn(base + 4));
    if (auto by = opt_text(st.getColumn(base + 5))) {
        i.by = parse_initiator(*by);
    }
    i.note = opt_text(st.getColumn(base + 6));
    i.created_at = st.getColumn(base + 7).getString();
    i.updated_at = st.getColumn(base + 8).getString();
    i.gave = opt_text(st.getColumn(base + 9));
    i.received = opt_text(st.getColumn(base + 10));
    i.asked = opt_text(st.getColumn(base + 11));
    return i;
}

FollowUp row_to_followup(SQLite::Statement& st) {
    FollowUp f;
    f.id = st.getColumn(0).getInt64();
    f.uuid = st.getColumn(1).getString();
    f.contact_id = st.getColumn(2).getInt64();
    f.text = st.getColumn(3).getString();
    f.by = opt_date(st.getColumn(4));
    f.created_on = stored_date(text_of(st.getColumn(5)));
    f.done_on = opt_date(st.getColumn(6));
    f.created_at = st.getColumn(7).getString();
    f.updated_at = st.getColumn(8).getString();
    return f;
}

std::vector<FollowUp> read_followups(SQLite::Statement& st) {
    std::vector<FollowUp> out;
    while (st.executeStep()) {
        out.push_back(row_to_followup(st));
    }
    return out;
}

// The last interaction joined onto a contact row: NULL columns when there is none.
std::string last_interaction_join() {
    return std::string(" LEFT JOIN interactions i ON i.id = (SELECT id FROM interactions WHERE "
                       "contact_id = c.id ORDER BY date DESC, id DESC LIMIT 1)");
}

// `expected`: an upper bound of the rows to come. Reserving it up front costs nothing for rows
// that do not come (the memory is never touched), while growing the vector by doubling would
// touch and copy up to twice what is needed: thousands of page faults for a long list.
std::vector<ContactSummary> read_summaries(SQLite::Statement& st, std::size_t expected) {
    std::vector<ContactSummary> out;
    out.reserve(expected);
    while (st.executeStep()) {
        ContactSummary s{row_to_contact(st), std::nullopt, {}};
        if (!st.getColumn(contact_column_count).isNull()) {
            s.last = row_to_interaction(st, contact_column_count);
        }
        out.push_back(std::move(s));
    }
    return out;
}

// Above this many contacts, one pass over all of contact_attrs beats a lookup per contact.
constexpr std::size_t attr_scan_threshold = 256;

// Each connection's page cache in KiB (PRAGMA cache_size = -this; the pool below holds
// pool_caches of them): large lists and exports find the pages they read again (a list in name
// order visits each page of the contacts table several times) without going back to the file.
// With the pool, this is also the cache's real limit: SQLite stops growing a cache when the pool
// is nearly used up (an export at 100k took 6.6 s with 4 MiB, 4.1 s with 16 MiB). Fixed by the
// first open (use_page_cache_pool()).
std::atomic<std::size_t> page_cache_size_kib{Repository::large_page_cache_kib};
std::atomic<bool> page_cache_fixed{false};

// How many connections' caches the pool holds (Repository::reserve_cache_for_readers()). All
// connections of the process share the pool: with one cache's worth, two readers walking the
// export each made do with half of it and read three times as many pages from the file.
std::atomic<std::size_t> pool_caches{1};

// Gives SQLite's page cache a memory pool of its own, reserved once per process and backed by
// transparent huge pages where the kernel offers them (madvise). Every page SQLite reads lands in
// that cache; from the ordinary heap, each new 4 KiB of it costs a page fault, which on virtual
// machines costs more than reading the page: `bmc due` on 10 000 people made some 4 300 faults,
// 3 000 of them for the cache, and spent more time in the kernel than in bmc. Must run before
// SQLite initialises (the first open); if it cannot, SQLite keeps using the heap.
void use_page_cache_pool() {
    static std::once_flag once;
    std::call_once(once, [] {
        page_cache_fixed = true;
        // No memory statistics (bmc sets no heap limit and reads none): SQLite then takes no
        // global mutex on every allocation, 6-7% of the instructions of `bmc log`.
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        int header = 0;
        if (sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &header) != SQLITE_OK) {
            return;
        }
        // Pages of up to 4 KiB (bmc's files use SQLite's default page size); larger pages, and
        // pages beyond the pool, come from the heap as before.
        const auto slot = static_cast<std::size_t>(4096 + header);
        const std::size_t slots = page_cache_size_kib * pool_caches.load() * 1024 / 4096;
        constexpr std::size_t huge = std::size_t{2} << 20;
        const std::size_t bytes = (slot * slots + huge - 1) / huge * huge;
        void* region = ::mmap(nullptr, bytes + huge, PROT_READ | PROT_WRITE,
                              MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (region == MAP_FAILED) {
            return;
        }
        // Aligned to a huge page, so that the kernel can back it with huge pages.
        const auto base = reinterpret_cast<std::uintptr_t>(region);
        auto* pool = reinterpret_cast<void*>((base + huge - 1) / huge * huge);
#ifdef MADV_HUGEPAGE
        ::madvise(pool, bytes, MADV_HUGEPAGE);
#endif
        if (sqlite3_config(SQLITE_CONFIG_PAGECACHE, pool, static_cast<int>(slot),
                           static_cast<int>(slots)) != SQLITE_OK) {
            ::munmap(region, bytes + huge);
        }
    });
}

// Turns the failures a statement can meet into errors that say what to do.
[[noreturn]] void rethrow_write_error(const SQLite::Exception& e, const std::string& path) {
    const int code = e.getErrorCode();
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
        throw DatabaseError("the database is busy: another bmc kept it locked for 10 seconds",
                            "try again in a moment");
    }
    if (code == SQLITE_FULL) {
        throw DatabaseError("the disk is full; nothing was changed",
                            "free some space and try again");
    }
    if (e.getExtendedErrorCode() == SQLITE_IOERR_WRITE) {
        // ENOSPC, EFBIG (a file size limit), quotas: the write failed and was rolled back.
        throw DatabaseError("could not write to the disk (is it full?); nothing was changed",
                            "free some space and try again");
    }
    if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_PERM) {
        throw DatabaseError("cannot write to " + path + ": " + e.what(),
                            "check that the file and its directory are writable");
    }
    throw DatabaseError("database error in " + path + ": " + std::string(e.what()),
                        "nothing was changed; run `bmc export --json` to keep a copy, and restore "
                        "a backup if this persists");
}

// Waits for another process's write lock in short steps (SQLite's own handler sleeps up to 100 ms
// at a time, which leaves the disk idle while several bmc processes queue), `attempts` of them:
// 4 000 make about 10 seconds.
template <int attempts>
int wait_in_steps(void*, int attempt) {
    if (attempt >= attempts) {
        return 0;
    }
    ::usleep(attempt < 100 ? 1000 : 2500);
    return 1;
}

// Any write: about 10 seconds.
constexpr auto wait_for_lock = wait_in_steps<4000>;
// While migrating, about 10 minutes (see Repository::migrate()).
constexpr auto wait_for_migration = wait_in_steps<240000>;

std::string create_parent_directories(const fs::path& file) {
    const fs::path parent = file.parent_path();
    if (parent.empty()) {
        return {};
    }
    // Create each missing ancestor with mode 0700; existing directories keep their modes.
    fs::path partial;
    for (const auto& part : parent) {
        partial /= part;
        std::error_code ec;
        if (fs::exists(partial, ec)) {
            continue;
        }
        if (::mkdir(partial.c_str(), 0700) != 0 && errno != EEXIST) {
            return "cannot create directory " + partial.string() + ": " + std::strerror(errno);
        }
    }
    return {};
}

} // namespace

void Repository::set_page_cache_kib(std::size_t kib) {
    if (!page_cache_fixed) {
        page_cache_size_kib = std::max<std::size_t>(kib, 64);
    }
}

std::size_t Repository::page_cache_kib() {
    return page_cache_size_kib;
}

Repository::Repository(const std::string& path, bool create, UpgradeNotice on_upgrade)
    : m_path(path), m_on_upgrade(std::move(on_upgrade)) {
    open(create);
}

Repository::Repository(const std::string& path, ReaderTag) : m_path(path) {
    open(false, false);
}

Repository::~Repository() = default;

void Repository::open(bool create, bool may_migrate) {
    const bool memory = m_path == ":memory:";
    if (!memory) {
        std::error_code ec;
        const bool exists = fs::exists(m_path, ec);
        if (!exists && !create) {
            throw DatabaseError("no database at " + m_path,
                                "add someone first with `bmc add NAME`");
        }
        if (fs::is_directory(m_path, ec)) {
            throw DatabaseError(m_path + " is a directory, not a database file",
                                "pass a file path with --db or BMC_DB");
        }
        if (!exists) {
            if (auto problem = create_parent_directories(m_path); !problem.empty()) {
                throw DatabaseError(problem, "check the path given with --db, BMC_DB or "
                                             "XDG_DATA_HOME, and its permissions");
            }
            const int fd = ::open(m_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
            if (fd < 0 && errno != EEXIST) {
                throw DatabaseError("cannot create database " + m_path + ": " +
                                        std::strerror(errno),
                                    "check that its directory exists and is writable");
            }
            if (fd >= 0) {
                ::close(fd);
            }
        }
    }
    try {
        use_page_cache_pool();
        // One connection per process, used by one thread: no need for SQLite's per-call mutex.
        m_db = std::make_unique<SQLite::Database>(
            m_path, SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX, 10000);
        sqlite3_busy_handler(m_db->getHandle(), wait_for_lock, nullptr);
        // Reading the header fails with SQLITE_NOTADB for a file that is not SQLite at all. The
        // three reads share one read transaction: another bmc process may be creating the schema
        // of a new file at this moment, and reads from before and after its commit would look
        // like a database of some other program.
        m_db->exec("BEGIN");
        const int app_id = m_db->execAndGet("PRAGMA application_id").getInt();
        const int version = m_db->execAndGet("PRAGMA user_version").getInt();
        const int tables =
            m_db->execAndGet("SELECT count(*) FROM sqlite_master WHERE type = 'table'").getInt();
        m_db->exec("COMMIT");
        if (app_id != 0 && app_id != application_id) {
            throw DatabaseError(m_path + " is an SQLite database of another program, not bmc's",
                                "pass a bmc database with --db or BMC_DB");
        }
        if (app_id == 0) {
            if (tables != 0 || version != 0) {
                throw DatabaseError(m_path + " is an SQLite database, but not a bmc database",
                                    "pass a bmc database with --db or BMC_DB");
            }
        }
        if (version > schema_version) {
            throw DatabaseError(m_path + " was written by a newer bmc (schema " +
                                    std::to_string(version) + ", this bmc knows " +
                                    std::to_string(schema_version) + ")",
                                "upgrade bmc; the database was left untouched");
        }
        m_db->exec("PRAGMA foreign_keys = ON");
        // Triggers and views in a file may only call harmless functions.
        m_db->exec("PRAGMA trusted_schema = OFF");
        // Deleted content is overwritten, so removed people do not linger in free pages.
        m_db->exec("PRAGMA secure_delete = ON");
        if (!memory) {
            switch_to_wal();
        }
        m_db->exec("PRAGMA synchronous = NORMAL");
        // The default is 2 MiB; the pool above holds what this says.
        m_db->exec("PRAGMA cache_size = -" + std::to_string(page_cache_size_kib.load()));
        if (version < schema_version) {
            if (!may_migrate) {
                throw DatabaseError(m_path + " changed its schema version while open", "try again");
            }
            migrate();
        }
    } catch (const SQLite::Exception& e) {
        const int code = e.getErrorCode();
        if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT) {
            throw DatabaseError(m_path + " is not a bmc database (or it is damaged): " + e.what(),
                                "pass a bmc database with --db or BMC_DB, or restore a backup");
        }
        if (code == SQLITE_CANTOPEN || code == SQLITE_READONLY || code == SQLITE_PERM) {
            throw DatabaseError("cannot open database " + m_path + ": " + e.what(),
                                "check that the file and its directory are readable and writable");
        }
        throw DatabaseError("cannot open database " + m_path + ": " + e.what(),
                            "check the file, or restore a backup");
    }
}

void Repository::switch_to_wal() {
    // A new file starts in rollback-journal mode; switching it to WAL takes an exclusive lock.
    // When several processes open the same new file at once, two of them can each hold a shared
    // lock and want the exclusive one: SQLite then fails one with SQLITE_BUSY at once rather
    // than call the busy handler (waiting could deadlock). So retry here, for up to 10 s.
    constexpr int attempts = 5000;
    for (int attempt = 1;; ++attempt) {
        try {
            // One statement at a time: a statement still open counts as a transaction.
            if (m_db->execAndGet("PRAGMA journal_mode").getString() == "wal") {
                return;
            }
            if (m_db->execAndGet("PRAGMA journal_mode = WAL").getString() == "wal") {
                return;
            }
        } catch (const SQLite::Exception& e) {
            if (e.getErrorCode() != SQLITE_BUSY && e.getErrorCode() != SQLITE_LOCKED) {
                throw;
            }
        }
        if (attempt == attempts) {
            throw DatabaseError("the database is busy: another bmc kept it locked for 10 seconds",
                                "try again in a moment");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

void Repository::migrate() {
    // For the migration only: foreign keys off, and a long wait for the write lock.
    // - A table rebuilt (migration 9) is copied row by row: with foreign keys on, one row whose
    //   person is missing (written by another program) would fail the copy, and the file could
    //   not be opened even by `bmc check`, which reports such rows. Set outside a transaction,
    //   where SQLite reads it.
    // - Another bmc may be migrating a large file right now (migration 9 takes some 45 s for 2
    //   million conversations); this one waits for it rather than fail after the usual 10 s,
    //   and then finds the file migrated.
    struct MigrationSettings {
        sqlite3* db;
        explicit MigrationSettings(sqlite3* handle) : db(handle) {
            sqlite3_exec(db, "PRAGMA foreign_keys = OFF", nullptr, nullptr, nullptr);
            sqlite3_busy_handler(db, wait_for_migration, nullptr);
        }
        ~MigrationSettings() {
            sqlite3_busy_handler(db, wait_for_lock, nullptr);
            sqlite3_exec(db, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
        }
        MigrationSettings(const MigrationSettings&) = delete;
        MigrationSettings& operator=(const MigrationSettings&) = delete;
    } settings(m_db->getHandle());
    // Journals in files: migration 9 copies and drops the conversations table, and dropping it
    // overwrites every page it frees (secure_delete), which a journal in memory would hold: 690
    // MB for 2 million conversations, against 43 MB with files.
    Transaction tx(*this, false, StatementJournals::in_files);
    // Another process may have migrated while we waited for the write lock.
    int version = m_db->execAndGet("PRAGMA user_version").getInt();
    if (m_on_upgrade && version > 0 && version < schema_version) {
        m_on_upgrade(version, schema_version);
    }
    for (; version < schema_version; ++version) {
        m_db->exec(migrations[version]);
    }
    m_db->exec("PRAGMA application_id = " + std::to_string(application_id));
    m_db->exec("PRAGMA user_version = " + std::to_string(schema_version));
    tx.commit();
}

Repository::Transaction::Transaction(Repository& repo, bool record, StatementJournals journals)
    : m_repo(repo), m_record(record) {
    try {
        // Every statement that may fail after changing a page (foreign key checks and actions,
        // several rows) keeps a statement journal (the pages it changes, to roll back that
        // statement alone on an error). With temporary files on disk, that
        // journal spills to a file in /var/tmp after 64 KiB and is rewritten for every statement
        // of a bulk write: 1.4 GB of pwrite() calls for a 30 000-person import, half of its CPU
        // time. In memory it stays a few pages at a time. Set before BEGIN, where SQLite reads
        // it, and put back after the transaction so that reads (large sorts) keep spilling to
        // disk as before.
        m_repo.m_db->exec(journals == StatementJournals::in_memory ? "PRAGMA temp_store = MEMORY"
                                                                   : "PRAGMA temp_store = DEFAULT");
        m_repo.m_db->exec("BEGIN IMMEDIATE");
        if (m_record) {
            m_repo.begin_change();
        }
    } catch (const SQLite::Exception& e) {
        m_repo.drop_change();
        try {
            m_repo.m_db->exec("ROLLBACK");
        } catch (...) { // NOLINT(bugprone-empty-catch): not in a transaction
        }
        m_repo.default_temp_store();
        rethrow_write_error(e, m_repo.m_path);
    }
}

Repository::Transaction::~Transaction() {
    if (!m_done) {
        m_repo.drop_change();
        try {
            m_repo.m_db->exec("ROLLBACK");
        } catch (...) { // NOLINT(bugprone-empty-catch): nothing more can be done in a destructor
        }
        m_repo.default_temp_store();
    }
}

void Repository::default_temp_store() noexcept {
    try {
        m_db->exec("PRAGMA temp_store = DEFAULT");
    } catch (...) { // NOLINT(bugprone-empty-catch): only a matter of speed and memory
    }
}

void Repository::Transaction::commit() {
    try {
        // A recorded transaction that changed no row is rolled back rather than committed, so
        // that a command which turns out to change nothing (importing the same file again)
        // leaves the file exactly as it was, without an empty entry in the undo history.
        const bool changed = !m_record || m_repo.end_change();
        m_repo.m_db->exec(changed ? "COMMIT" : "ROLLBACK");
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_repo.m_path);
    }
    m_done = true;
    m_repo.default_temp_store();
}

Repository::Snapshot::Snapshot(Repository& repo) : m_repo(repo) {
    try {
        m_repo.m_db->exec("BEGIN DEFERRED");
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_repo.m_path);
    }
}

Repository::Snapshot::~Snapshot() {
    try {
        m_repo.m_db->exec("ROLLBACK");
    } catch (...) { // NOLINT(bugprone-empty-catch): nothing more can be done in a destructor
    }
}

namespace {

// Resets a cached statement when its caller is done with the row, so that the statement does not
// keep a read open until its next use.
class ResetAfter {
public:
    explicit ResetAfter(SQLite::Statement& st) : m_st(st) {}
    ~ResetAfter() { m_st.tryReset(); }
    ResetAfter(const ResetAfter&) = delete;
    ResetAfter& operator=(const ResetAfter&) = delete;

private:
    SQLite::Statement& m_st;
};

} // namespace

Repository::SharedSnapshot::SharedSnapshot(Repository& repo, std::size_t extra) : m_repo(repo) {
    if (sqlite3_get_autocommit(m_repo.m_db->getHandle()) == 0) {
        return; // the caller's transaction is the snapshot
    }
    if (extra > 0 && m_repo.m_path != ":memory:") {
        try {
            share(extra);
            return;
        } catch (...) { // NOLINT(bugprone-empty-catch): read on this connection alone instead
            end_all();
        }
    }
    try {
        m_repo.m_db->exec("BEGIN DEFERRED");
        m_began = true;
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_repo.m_path);
    }
}

void Repository::SharedSnapshot::share(std::size_t extra) {
    // Opened first: opening reads the file in transactions of its own.
    for (std::size_t k = 0; k < extra; ++k) {
        m_readers.push_back(
            std::unique_ptr<Repository>(new Repository(m_repo.m_path, ReaderTag{})));
    }
    // No waiting for the lock: when another process writes, reading alone costs less than waiting.
    SQLite::Database lock(m_repo.m_path, SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX, 0);
    lock.exec("BEGIN IMMEDIATE");
    // A read transaction takes its snapshot at its first read, not at BEGIN.
    constexpr const char* first_read = "SELECT 1 FROM contacts LIMIT 1";
    m_repo.m_db->exec("BEGIN DEFERRED");
    m_began = true;
    m_repo.m_db->exec(first_read);
    for (const auto& reader : m_readers) {
        reader->m_db->exec("BEGIN DEFERRED");
        reader->m_db->exec(first_read);
    }
    lock.exec("ROLLBACK");
}

void Repository::SharedSnapshot::end_all() noexcept {
    for (const auto& reader : m_readers) {
        try {
            reader->m_db->exec("ROLLBACK");
        } catch (...) { // NOLINT(bugprone-empty-catch): not in a transaction, or closing anyway
        }
    }
    m_readers.clear();
    if (m_began) {
        try {
            m_repo.m_db->exec("ROLLBACK");
        } catch (...) { // NOLINT(bugprone-empty-catch): nothing more can be done
        }
        m_began = false;
    }
}

Repository::SharedSnapshot::~SharedSnapshot() {
    end_all();
}

SQLite::Statement& Repository::cached(const char* sql) {
    auto& slot = m_cached[sql];
    if (!slot) {
        slot = std::make_unique<SQLite::Statement>(*m_db, sql);
    } else {
        // tryReset(): reset() throws the error of the statement's last run again, so one
        // failed insert would make every later use of the statement fail.
        slot->tryReset();
        slot->clearBindings();
    }
    return *slot;
}

void Repository::write_attrs(const Contact& contact, bool replace) {
    if (replace) {
        // Only for an update: a person just inserted has nothing to delete.
        SQLite::Statement& del = cached("DELETE FROM contact_attrs WHERE contact_id = ?");
        del.bind(1, contact.id);
        del.exec();
    }
    SQLite::Statement& ins = cached("INSERT INTO contact_attrs (contact_id, kind, position, "
                                    "value) VALUES (?, ?, ?, ?)");
    const auto write = [&](const char* kind, const std::vector<std::string>& values) {
        for (std::size_t i = 0; i < values.size(); ++i) {
            ins.bind(1, contact.id);
            ins.bind(2, kind);
            ins.bind(3, static_cast<std::int64_t>(i));
            ins.bind(4, values[i]);
            ins.exec();
            ins.reset();
        }
    };
    write("email", contact.emails);
    write("phone", contact.phones);
    write("tag", contact.tags);
}

namespace {

// Binds the stored contact columns in the order of the INSERT and UPDATE statements below.
void bind_contact(SQLite::Statement& st, const Contact& c) {
    st.bind(1, c.uuid);
    st.bind(2, c.name);
    st.bind(3, std::string(to_string(c.strength)));
    bind_opt(st, 4, c.every ? std::optional<std::string>(to_string(*c.every)) : std::nullopt);
    bind_opt(st, 5, c.company);
    bind_opt(st, 6, c.title);
    bind_opt(st, 7, c.met);
    bind_opt(st, 8, c.met_on);
    bind_opt(st, 9, c.notes);
    st.bind(10, c.archived ? 1 : 0);
    bind_opt(st, 11, c.snoozed_until);
    bind_opt(st, 12, c.last_interaction);
    bind_opt(st, 13, c.next_due);
    st.bind(14, c.created_at);
    st.bind(15, c.updated_at);
}

} // namespace

void Repository::insert_contact(Contact& contact) {
    try {
        SQLite::Statement& st =
            cached("INSERT INTO contacts (uuid, name, strength, every, company, "
                   "title, met, met_on, notes, archived, snoozed_until, "
                   "last_interaction, next_due, created_at, updated_at, name_key) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        bind_contact(st, contact);
        st.bind(16, fold_case(contact.name));
        st.exec();
        contact.id = m_db->getLastInsertRowid();
        write_attrs(contact, false);
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

void Repository::update_contact(const Contact& contact) {
    try {
        // Cached, like every statement a bulk command runs once per person.
        SQLite::Statement& st =
            cached("UPDATE contacts SET uuid = ?, name = ?, strength = ?, every = ?, "
                   "company = ?, title = ?, met = ?, met_on = ?, notes = ?, "
                   "archived = ?, snoozed_until = ?, last_interaction = ?, "
                   "next_due = ?, created_at = ?, updated_at = ?, name_key = ? "
                   "WHERE id = ?");
        bind_contact(st, contact);
        st.bind(16, fold_case(contact.name));
        st.bind(17, contact.id);
        st.exec();
        write_attrs(contact, true);
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

void Repository::delete_contact(std::int64_t id) {
    try {
        SQLite::Statement st(*m_db, "DELETE FROM contacts WHERE id = ?");
        st.bind(1, id);
        st.exec();
        if (m_open_change != 0) {
            m_open_change_deleted_people = true;
        }
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

bool Repository::few_contacts(std::size_t n) {
    if (n <= attr_scan_threshold) {
        return true;
    }
    return n * 4 < contact_id_bound();
}

void Repository::reserve_cache_for_readers(std::size_t readers) {
    pool_caches = std::max<std::size_t>(1, readers);
}

void Repository::release_cache() {
    sqlite3_db_release_memory(m_db->getHandle());
}

std::optional<ContactIdRange> Repository::contact_ids() {
    try {
        // Two subqueries: SQLite finds a lone min() or max() in the primary key, not both at once.
        SQLite::Statement st(*m_db, "SELECT (SELECT min(id) FROM contacts), "
                                    "(SELECT max(id) FROM contacts)");
        if (!st.executeStep() || st.getColumn(0).isNull()) {
            return std::nullopt;
        }
        return ContactIdRange{st.getColumn(0).getInt64(), st.getColumn(1).getInt64()};
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::size_t Repository::contact_id_bound() {
    // Ids are never reused, so the largest id is an upper bound of how many people there are
    // (and found in the primary key without a scan).
    return static_cast<std::size_t>(
        m_db->execAndGet("SELECT coalesce(max(id), 0) FROM contacts").getInt64());
}

void Repository::fill_attrs(const std::vector<Contact*>& contacts) {
    if (few_contacts(contacts.size())) {
        SQLite::Statement& st = cached("SELECT kind, value FROM contact_attrs WHERE contact_id = ? "
                                       "ORDER BY kind, position");
        for (Contact* c : contacts) {
            st.bind(1, c->id);
            while (st.executeStep()) {
                add_attr(*c, st.getColumn(0).getText(), st.getColumn(1).getString());
            }
            st.reset();
        }
        return;
    }
    std::unordered_map<std::int64_t, Contact*> by_id;
    by_id.reserve(contacts.size());
    for (Contact* c : contacts) {
        by_id.emplace(c->id, c);
    }
    SQLite::Statement st(*m_db, "SELECT contact_id, kind, value FROM contact_attrs "
                                "ORDER BY contact_id, kind, position");
    while (st.executeStep()) {
        const auto it = by_id.find(st.getColumn(0).getInt64());
        if (it != by_id.end()) {
            add_attr(*it->second, st.getColumn(1).getText(), st.getColumn(2).getString());
        }
    }
}

void Repository::fill_attrs(std::vector<ContactSummary>& rows) {
    std::vector<Contact*> contacts;
    contacts.reserve(rows.size());
    for (auto& r : rows) {
        contacts.push_back(&r.contact);
    }
    fill_attrs(contacts);
}

std::optional<Contact> Repository::find_contact(std::int64_t id) {
    try {
        SQLite::Statement st(*m_db, std::string("SELECT ") + contact_columns +
                                        " FROM contacts c WHERE c.id = ?");
        static_assert(interaction_column_count == 12, "null_interaction_columns has 12 columns");
        st.bind(1, id);
        if (!st.executeStep()) {
            return std::nullopt;
        }
        Contact c = row_to_contact(st);
        fill_attrs({&c});
        return c;
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::optional<Contact> Repository::find_contact_by_uuid(const std::string& uuid) {
    try {
        // Imports look up every record: prepared once.
        static const std::string sql =
            std::string("SELECT ") + contact_columns + " FROM contacts c WHERE c.uuid = ?";
        SQLite::Statement& st = cached(sql.c_str());
        std::optional<Contact> c;
        {
            ResetAfter done(st);
            st.bind(1, uuid);
            if (!st.executeStep()) {
                return std::nullopt;
            }
            c = row_to_contact(st);
        }
        fill_attrs({&*c});
        return c;
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

namespace {

std::vector<ContactRef> read_refs(SQLite::Statement& st) {
    std::vector<ContactRef> out;
    while (st.executeStep()) {
        out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getString()});
    }
    return out;
}

} // namespace

std::vector<ContactRef> Repository::find_by_exact_name(const std::string& folded_name) {
    try {
        SQLite::Statement st(*m_db, "SELECT id, name FROM contacts WHERE name_key = ? ORDER BY id");
        st.bind(1, folded_name);
        return read_refs(st);
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::vector<ContactRef> Repository::find_by_name_part(const std::string& folded_part, int limit) {
    try {
        SQLite::Statement st(*m_db, "SELECT id, name FROM contacts WHERE instr(name_key, ?) > 0 "
                                    "ORDER BY archived, name_key, id LIMIT ?");
        st.bind(1, folded_part);
        st.bind(2, limit);
        return read_refs(st);
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::vector<ContactRef> Repository::all_names() {
    try {
        SQLite::Statement st(*m_db, "SELECT id, name FROM contacts ORDER BY id");
        return read_refs(st);
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::int64_t Repository::count_contacts() {
    try {
        return m_db->execAndGet("SELECT count(*) FROM contacts").getInt64();
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::vector<ContactSummary> Repository::due_contacts(Date until, std::optional<int> limit,
                                                     bool with_details) {
    try {
        SQLite::Statement st(*m_db, std::string("SELECT ") + contact_columns + ", " +
                                        interaction_columns + " FROM contacts c" +
                                        last_interaction_join() +
                                        " WHERE c.next_due <= ? ORDER BY c.next_due, " +
                                        strength_rank_sql + ", c.name_key, c.id LIMIT ?");
        st.bind(1, format_date(until));
        st.bind(2, limit.value_or(-1));
        const std::size_t bound = contact_id_bound();
        auto rows = read_summaries(
            st, limit ? std::min(bound, static_cast<std::size_t>(std::max(*limit, 0))) : bound);
        if (with_details) {
            fill_attrs(rows);
        }
        return rows;
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

namespace {

// The SQL behind `list`: the people a ListQuery selects, in its order, with `columns`; and the
// values of its parameters, in order (all text).
std::pair<std::string, std::vector<std::string>>
list_sql(const ListQuery& query, const std::string& columns, const std::string& joins) {
    std::string sql = "SELECT " + columns + " FROM contacts c" + joins +
                      " WHERE c.archived = " + (query.archived ? "1" : "0");
    std::vector<std::string> params;
    if (query.tag) {
        sql += " AND EXISTS (SELECT 1 FROM contact_attrs a WHERE a.contact_id = c.id AND "
               "a.kind = 'tag' AND a.value = ?)";
        params.push_back(*query.tag);
    }
    if (query.strength) {
        sql += " AND c.strength = ?";
        params.emplace_back(to_string(*query.strength));
    }
    switch (query.sort) {
    case ListQuery::Sort::name:
        sql += " ORDER BY c.name_key, c.id";
        break;
    case ListQuery::Sort::due:
        sql += std::string(" ORDER BY c.next_due IS NULL, c.next_due, ") + strength_rank_sql +
               ", c.name_key, c.id";
        break;
    case ListQuery::Sort::last:
        sql += " ORDER BY c.last_interaction IS NULL, c.last_interaction DESC, c.name_key, c.id";
        break;
    }
    return {std::move(sql), std::move(params)};
}

} // namespace

std::vector<ContactSummary> Repository::list_contacts(const ListQuery& query) {
    try {
        const auto [sql, params] =
            list_sql(query,
                     std::string(contact_columns) + ", " +
                         (query.with_last ? interaction_columns : null_interaction_columns),
                     query.with_last ? last_interaction_join() : "");
        SQLite::Statement st(*m_db, sql);
        for (std::size_t k = 0; k < params.size(); ++k) {
            st.bind(static_cast<int>(k + 1), params[k]);
        }
        auto rows = read_summaries(st, contact_id_bound());
        if (query.with_details) {
            fill_attrs(rows);
        }
        return rows;
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::vector<ListRow> Repository::list_rows(const ListQuery& query) {
    try {
        const auto [sql, params] =
            list_sql(query, "c.id, c.name, c.strength, c.next_due, c.last_interaction", "");
        // Read straight from the statement: ten thousand rows of five columns do not need
        // SQLiteCpp's object per value.
        const RawStatement st = prepare_raw(m_db->getHandle(), sql);
        sqlite3_stmt* const raw = st.get();
        for (std::size_t k = 0; k < params.size(); ++k) {
            if (sqlite3_bind_text(raw, static_cast<int>(k + 1), params[k].data(),
                                  static_cast<int>(params[k].size()), SQLITE_STATIC) != SQLITE_OK) {
                throw SQLite::Exception(m_db->getHandle(), sqlite3_errcode(m_db->getHandle()));
            }
        }
        std::vector<ListRow> rows;
        rows.reserve(contact_id_bound());
        while (step_raw(m_db->getHandle(), raw)) {
            ListRow& r = rows.emplace_back();
            r.id = sqlite3_column_int64(raw, 0);
            r.name = raw_text(raw, 1);
            r.strength = parse_strength(raw_text(raw, 2)).value_or(Strength::medium);
            if (const auto due = raw_opt_text(raw, 3)) {
                r.next_due = stored_date(*due);
            }
            if (const auto last = raw_opt_text(raw, 4)) {
                r.last_interaction = stored_date(*last);
            }
        }
        return rows;
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

void Repository::insert_interaction(Interaction& interaction) {
    try {
        // Prepared once: preparing was most of the cost of each conversation a JSON import adds
        // (with the undo triggers of schema versions 4 to 7 compiled into it).
        // The table has no rowid (schema 9): the next id is the largest one stored plus one, as
        // SQLite gives rowids, found in the interactions_id index.
        std::int64_t id = 1;
        {
            SQLite::Statement& last = cached("SELECT max(id) FROM interactions");
            ResetAfter done(last);
            if (last.executeStep() && !last.getColumn(0).isNull()) {
                const std::int64_t largest = last.getColumn(0).getInt64();
                if (largest == std::numeric_limits<std::int64_t>::max()) {
                    throw DatabaseError(
                        "no conversation id is left to give (the largest is in use)",
                        "nothing was changed; export with `bmc export --json` "
                        "and import into a new database");
                }
                id = largest + 1;
            }
        }
        SQLite::Statement& st =
            cached("INSERT INTO interactions (id, uuid, contact_id, date, via, initiator, note, "
                   "created_at, updated_at, gave, received, asked) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        st.bind(1, id);
        st.bind(2, interaction.uuid);
        st.bind(3, interaction.contact_id);
        st.bind(4, format_date(interaction.date));
        bind_opt(st, 5, interaction.via);
        bind_opt(st, 6,
                 interaction.by ? std::optional<std::string>(to_string(*interaction.by))
                                : std::nullopt);
        bind_opt(st, 7, interaction.note);
        st.bind(8, interaction.created_at);
        st.bind(9, interaction.updated_at);
        bind_opt(st, 10, interaction.gave);
        bind_opt(st, 11, interaction.received);
        bind_opt(st, 12, interaction.asked);
        st.exec();
        interaction.id = id;
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

void Repository::update_interaction(const Interaction& interaction) {
    try {
        SQLite::Statement& st = cached("UPDATE interactions SET contact_id = ?, date = ?, via = ?, "
                                       "initiator = ?, note = ?, created_at = ?, updated_at = ?, "
                                       "gave = ?, received = ?, asked = ? WHERE id = ?");
        st.bind(1, interaction.contact_id);
        st.bind(2, format_date(interaction.date));
        bind_opt(st, 3, interaction.via);
        bind_opt(st, 4,
                 interaction.by ? std::optional<std::string>(to_string(*interaction.by))
                                : std::nullopt);
        bind_opt(st, 5, interaction.note);
        st.bind(6, interaction.created_at);
        st.bind(7, interaction.updated_at);
        bind_opt(st, 8, interaction.gave);
        bind_opt(st, 9, interaction.received);
        bind_opt(st, 10, interaction.asked);
        st.bind(11, interaction.id);
        st.exec();
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::optional<Interaction> Repository::find_interaction_by_uuid(const std::string& uuid) {
    try {
        static const std::string sql =
            std::string("SELECT ") + interaction_columns + " FROM interactions i WHERE i.uuid = ?";
        SQLite::Statement& st = cached(sql.c_str());
        ResetAfter done(st);
        st.bind(1, uuid);
        if (!st.executeStep()) {
            return std::nullopt;
        }
        return row_to_interaction(st);
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::vector<Interaction> Repository::interactions_of(std::int64_t contact_id) {
    try {
        SQLite::Statement st(*m_db, std::string("SELECT ") + interaction_columns +
                                        " FROM interactions i WHERE i.contact_id = ? "
                                        "ORDER BY i.date DESC, i.id DESC");
        st.bind(1, contact_id);
        std::vector<Interaction> out;
        while (st.executeStep()) {
            out.push_back(row_to_interaction(st));
        }
        return out;
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::optional<Date> Repository::latest_interaction_date(std::int64_t contact_id) {
    try {
        SQLite::Statement st(*m_db, "SELECT max(date) FROM interactions WHERE contact_id = ?");
        st.bind(1, contact_id);
        st.executeStep();
        return opt_date(st.getColumn(0));
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::int64_t Repository::count_interactions(std::int64_t contact_id) {
    try {
        SQLite::Statement st(*m_db, "SELECT count(*) FROM interactions WHERE contact_id = ?");
        st.bind(1, contact_id);
        st.executeStep();
        return st.getColumn(0).getInt64();
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::vector<ScheduleRow>
Repository::schedule_rows(std::optional<Strength> strength_without_override) {
    std::string sql = "SELECT id, strength, every, last_interaction, met_on, snoozed_until, "
                      "archived, next_due, (SELECT min(due_by) FROM followups WHERE contact_id = "
                      "contacts.id AND done_on IS NULL) FROM contacts";
    if (strength_without_override) {
        sql += " WHERE every IS NULL AND strength = ?";
    }
    SQLite::Statement st(*m_db, sql);
    if (strength_without_override) {
        st.bind(1, std::string(to_string(*strength_without_override)));
    }
    std::vector<ScheduleRow> out;
    while (st.executeStep()) {
        ScheduleRow r;
        r.id = st.getColumn(0).getInt64();
        r.strength = parse_strength(st.getColumn(1).getString()).value_or(Strength::medium);
        if (auto every = opt_text(st.getColumn(2))) {
            r.every = stored_interval(*every);
        }
        r.last_interaction = opt_date(st.getColumn(3));
        r.met_on = opt_date(st.getColumn(4));
        r.snoozed_until = opt_date(st.getColumn(5));
        r.archived = st.getColumn(6).getInt() != 0;
        r.next_due = opt_date(st.getColumn(7));
        r.followup_by = opt_date(st.getColumn(8));
        out.push_back(r);
    }
    return out;
}

void Repository::set_schedule(std::int64_t id, const std::optional<Date>& last_interaction,
                              const std::optional<Date>& next_due) {
    try {
        SQLite::Statement& st =
            cached("UPDATE contacts SET last_interaction = ?, next_due = ? WHERE id = ?");
        bind_opt(st, 1, last_interaction);
        bind_opt(st, 2, next_due);
        st.bind(3, id);
        st.exec();
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

void Repository::insert_followup(FollowUp& f) {
    try {
        SQLite::Statement& st = cached("INSERT INTO followups (uuid, contact_id, text, due_by, "
                                       "created_on, done_on, created_at, updated_at) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        st.bind(1, f.uuid);
        st.bind(2, f.contact_id);
        st.bind(3, f.text);
        bind_opt(st, 4, f.by);
        st.bind(5, format_date(f.created_on));
        bind_opt(st, 6, f.done_on);
        st.bind(7, f.created_at);
        st.bind(8, f.updated_at);
        st.exec();
        f.id = m_db->getLastInsertRowid();
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

void Repository::update_followup(const FollowUp& f) {
    try {
        SQLite::Statement& st =
            cached("UPDATE followups SET contact_id = ?, text = ?, due_by = ?, "
                   "created_on = ?, done_on = ?, created_at = ?, updated_at = ? "
                   "WHERE id = ?");
        st.bind(1, f.contact_id);
        st.bind(2, f.text);
        bind_opt(st, 3, f.by);
        st.bind(4, format_date(f.created_on));
        bind_opt(st, 5, f.done_on);
        st.bind(6, f.created_at);
        st.bind(7, f.updated_at);
        st.bind(8, f.id);
        st.exec();
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::optional<FollowUp> Repository::find_followup(std::int64_t id) {
    try {
        SQLite::Statement st(*m_db, std::string("SELECT ") + followup_columns +
                                        " FROM followups f WHERE f.id = ?");
        st.bind(1, id);
        if (!st.executeStep()) {
            return std::nullopt;
        }
        return row_to_followup(st);
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::optional<FollowUp> Repository::find_followup_by_uuid(const std::string& uuid) {
    try {
        static const std::string sql =
            std::string("SELECT ") + followup_columns + " FROM followups f WHERE f.uuid = ?";
        SQLite::Statement& st = cached(sql.c_str());
        ResetAfter done(st);
        st.bind(1, uuid);
        if (!st.executeStep()) {
            return std::nullopt;
        }
        return row_to_followup(st);
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::vector<FollowUp> Repository::followups_of(std::int64_t contact_id, bool open_only) {
    try {
        SQLite::Statement st(*m_db, std::string("SELECT ") + followup_columns +
                                        " FROM followups f WHERE f.contact_id = ?" +
                                        (open_only ? " AND f.done_on IS NULL" : "") +
                                        " ORDER BY f.done_on IS NOT NULL, f.done_on DESC, "
                                        "f.due_by IS NULL, f.due_by, f.id");
        st.bind(1, contact_id);
        return read_followups(st);
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::map<std::int64_t, std::vector<FollowUp>>
Repository::open_followups_of(const std::vector<std::int64_t>& contact_ids) {
    try {
        std::map<std::int64_t, std::vector<FollowUp>> out;
        if (contact_ids.empty()) {
            return out;
        }
        // One indexed query per person, or one pass over the open follow-ups (the index
        // followups_open holds only those), whichever reads fewer rows. The count stops at
        // what decides it, and its ORDER BY makes SQLite count in that index.
        const auto many = static_cast<std::int64_t>(contact_ids.size()) * 4;
        bool per_person = contact_ids.size() <= attr_scan_threshold;
        if (!per_person) {
            SQLite::Statement& count =
                cached("SELECT count(*) FROM (SELECT 1 FROM followups WHERE done_on IS NULL "
                       "ORDER BY due_by IS NULL, due_by, id LIMIT ?)");
            count.reset();
            count.bind(1, many + 1);
            count.executeStep();
            per_person = count.getColumn(0).getInt64() > many;
        }
        if (per_person) {
            SQLite::Statement& st = cached(
                "SELECT f.id, f.uuid, f.contact_id, f.text, f.due_by, f.created_on, f.done_on, "
                "f.created_at, f.updated_at FROM followups f "
                "WHERE f.contact_id = ? AND f.done_on IS NULL");
            for (const std::int64_t id : contact_ids) {
                st.reset();
                st.bind(1, id);
                std::vector<FollowUp> open;
                while (st.executeStep()) {
                    open.push_back(row_to_followup(st));
                }
                if (open.empty()) {
                    continue;
                }
                // Sorted here: an ORDER BY would make SQLite build a sorter for every person.
                std::sort(open.begin(), open.end(), [](const FollowUp& a, const FollowUp& b) {
                    if (a.by.has_value() != b.by.has_value()) {
                        return a.by.has_value(); // deadlines first
                    }
                    if (a.by && *a.by != *b.by) {
                        return date::sys_days{*a.by} < date::sys_days{*b.by};
                    }
                    return a.id < b.id;
                });
                out.emplace(id, std::move(open));
            }
            return out;
        }
        const std::set<std::int64_t> wanted(contact_ids.begin(), contact_ids.end());
        for (auto& f : open_followups()) {
            if (wanted.count(f.contact_id) != 0) {
                out[f.contact_id].push_back(std::move(f));
            }
        }
        return out;
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::vector<FollowUp> Repository::open_followups() {
    try {
        SQLite::Statement st(*m_db, std::string("SELECT ") + followup_columns +
                                        " FROM followups f WHERE f.done_on IS NULL "
                                        "ORDER BY f.due_by IS NULL, f.due_by, f.id");
        return read_followups(st);
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::optional<Date> Repository::earliest_open_followup(std::int64_t contact_id) {
    try {
        SQLite::Statement st(*m_db, "SELECT min(due_by) FROM followups WHERE contact_id = ? AND "
                                    "done_on IS NULL");
        st.bind(1, contact_id);
        st.executeStep();
        return opt_date(st.getColumn(0));
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::optional<std::string> Repository::get_setting(const std::string& key) {
    try {
        SQLite::Statement st(*m_db, "SELECT value FROM settings WHERE key = ?");
        st.bind(1, key);
        if (!st.executeStep()) {
            return std::nullopt;
        }
        return st.getColumn(0).getString();
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

void Repository::set_setting(const std::string& key, const std::string& value) {
    try {
        SQLite::Statement st(*m_db, "INSERT INTO settings (key, value) VALUES (?, ?) "
                                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        st.bind(1, key);
        st.bind(2, value);
        st.exec();
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

void Repository::delete_setting(const std::string& key) {
    try {
        SQLite::Statement st(*m_db, "DELETE FROM settings WHERE key = ?");
        st.bind(1, key);
        st.exec();
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::map<std::string, std::string> Repository::settings() {
    try {
        SQLite::Statement st(*m_db, "SELECT key, value FROM settings ORDER BY key");
        std::map<std::string, std::string> out;
        while (st.executeStep()) {
            out.emplace(st.getColumn(0).getString(), st.getColumn(1).getString());
        }
        return out;
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

namespace {

// An interaction row (interaction_columns) in place: what row_to_interaction() reads, checked
// the same way, without copying the text.
InteractionRow raw_interaction_row(sqlite3_stmt* st, std::int64_t contact_id) {
    InteractionRow r;
    r.id = sqlite3_column_int64(st, 0);
    r.uuid = raw_text(st, 1);
    r.contact_id = contact_id; // column 2, read by the caller
    r.date = stored_date(raw_text(st, 3));
    r.via = raw_opt_text(st, 4);
    if (const auto by = raw_opt_text(st, 5)) {
        r.by = parse_initiator(*by);
    }
    r.note = raw_opt_text(st, 6);
    r.created_at = raw_text(st, 7);
    r.updated_at = raw_text(st, 8);
    r.gave = raw_opt_text(st, 9);
    r.received = raw_opt_text(st, 10);
    r.asked = raw_opt_text(st, 11);
    return r;
}

std::optional<std::string> owned(const std::optional<std::string_view>& text) {
    if (!text) {
        return std::nullopt;
    }
    return std::string(*text);
}

Interaction to_interaction(const InteractionRow& r) {
    Interaction i;
    i.id = r.id;
    i.uuid = std::string(r.uuid);
    i.contact_id = r.contact_id;
    i.date = r.date;
    i.via = owned(r.via);
    i.by = r.by;
    i.note = owned(r.note);
    i.gave = owned(r.gave);
    i.received = owned(r.received);
    i.asked = owned(r.asked);
    i.created_at = std::string(r.created_at);
    i.updated_at = std::string(r.updated_at);
    return i;
}

} // namespace

void Repository::for_each_contact(
    const std::function<void(const Contact&, const std::vector<Interaction>&,
                             const std::vector<FollowUp>&)>& sink) {
    // The row walk, with each conversation built into an Interaction for the callers that keep
    // or inspect them.
    class Collect final : public ContactVisitor {
    public:
        explicit Collect(const std::function<void(const Contact&, const std::vector<Interaction>&,
                                                  const std::vector<FollowUp>&)>& sink)
            : m_sink(sink) {}
        void contact(const Contact&) override { m_batch.clear(); }
        void interaction(const InteractionRow& row) override {
            m_batch.push_back(to_interaction(row));
        }
        void end_contact(const Contact& c, const std::vector<FollowUp>& followups) override {
            m_sink(c, m_batch, followups);
        }

    private:
        const std::function<void(const Contact&, const std::vector<Interaction>&,
                                 const std::vector<FollowUp>&)>& m_sink;
        std::vector<Interaction> m_batch;
    };
    Collect collect(sink);
    for_each_contact_row(collect);
}

void Repository::for_each_contact_row(ContactVisitor& visitor, ContactIdRange ids) {
    try {
        // Four cursors in the same order (contact id), merged: one contact in memory at a time.
        // A read transaction gives the cursors one consistent snapshot (the caller's, when it
        // holds a Snapshot or a Transaction already). Each is limited to `ids` in its WHERE, so
        // that it still walks its primary key (for the conversations, the table itself: it is
        // stored in this order since schema 9) from the first id on, without a sort.
        std::optional<SQLite::Transaction> snapshot;
        if (sqlite3_get_autocommit(m_db->getHandle()) != 0) {
            snapshot.emplace(*m_db, SQLite::TransactionBehavior::DEFERRED);
        }
        sqlite3* const db = m_db->getHandle();
        SQLite::Statement contacts(*m_db, std::string("SELECT ") + contact_columns +
                                              " FROM contacts c WHERE c.id >= ? AND c.id <= ? "
                                              "ORDER BY c.id");
        const RawStatement interactions = prepare_raw(
            db, std::string("SELECT ") + interaction_columns +
                    " FROM interactions i WHERE i.contact_id >= ? AND i.contact_id <= ? "
                    "ORDER BY i.contact_id, i.date, i.id");
        SQLite::Statement attrs(*m_db, "SELECT contact_id, kind, value FROM contact_attrs "
                                       "WHERE contact_id >= ? AND contact_id <= ? "
                                       "ORDER BY contact_id, kind, position");
        SQLite::Statement followups(*m_db, std::string("SELECT ") + followup_columns +
                                               " FROM followups f WHERE f.contact_id >= ? AND "
                                               "f.contact_id <= ? ORDER BY f.contact_id, f.id");
        for (SQLite::Statement* st : {&contacts, &attrs, &followups}) {
            st->bind(1, ids.first);
            st->bind(2, ids.last);
        }
        sqlite3_bind_int64(interactions.get(), 1, ids.first);
        sqlite3_bind_int64(interactions.get(), 2, ids.last);
        bool have_followup = followups.executeStep();
        std::vector<FollowUp> notes;
        bool have_interaction = step_raw(db, interactions.get());
        std::int64_t interaction_owner =
            have_interaction ? sqlite3_column_int64(interactions.get(), 2) : 0;
        bool have_attr = attrs.executeStep();
        while (contacts.executeStep()) {
            Contact c = row_to_contact(contacts);
            while (have_attr && attrs.getColumn(0).getInt64() <= c.id) {
                if (attrs.getColumn(0).getInt64() == c.id) {
                    add_attr(c, attrs.getColumn(1).getText(), attrs.getColumn(2).getString());
                }
                have_attr = attrs.executeStep();
            }
            visitor.contact(c);
            while (have_interaction && interaction_owner <= c.id) {
                if (interaction_owner == c.id) {
                    visitor.interaction(raw_interaction_row(interactions.get(), c.id));
                }
                have_interaction = step_raw(db, interactions.get());
                if (have_interaction) {
                    interaction_owner = sqlite3_column_int64(interactions.get(), 2);
                }
            }
            notes.clear();
            while (have_followup && followups.getColumn(2).getInt64() <= c.id) {
                if (followups.getColumn(2).getInt64() == c.id) {
                    notes.push_back(row_to_followup(followups));
                }
                have_followup = followups.executeStep();
            }
            visitor.end_contact(c, notes);
        }
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::vector<Contact> Repository::all_contacts() {
    try {
        std::vector<Contact> out;
        SQLite::Statement st(*m_db, std::string("SELECT ") + contact_columns +
                                        " FROM contacts c ORDER BY c.id");
        while (st.executeStep()) {
            out.push_back(row_to_contact(st));
        }
        std::vector<Contact*> pointers;
        pointers.reserve(out.size());
        for (auto& c : out) {
            pointers.push_back(&c);
        }
        fill_attrs(pointers);
        return out;
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

// Introductions and important dates.

namespace {

constexpr const char* introduction_columns =
    "n.id, n.uuid, n.a_id, n.b_id, n.date, n.note, n.created_at, n.updated_at";

Introduction row_to_introduction(SQLite::Statement& st) {
    Introduction n;
    n.id = st.getColumn(0).getInt64();
    n.uuid = st.getColumn(1).getString();
    n.a = st.getColumn(2).getInt64();
    n.b = st.getColumn(3).getInt64();
    n.date = stored_date(text_of(st.getColumn(4)));
    n.note = opt_text(st.getColumn(5));
    n.created_at = st.getColumn(6).getString();
    n.updated_at = st.getColumn(7).getString();
    return n;
}

std::vector<Introduction> read_introductions(SQLite::Statement& st) {
    std::vector<Introduction> out;
    while (st.executeStep()) {
        out.push_back(row_to_introduction(st));
    }
    return out;
}

YearlyDate stored_yearly_date(const std::string& text) {
    try {
        return parse_yearly_date(text, "stored date");
    } catch (const Error& e) {
        throw DatabaseError(std::string("the database holds an invalid date: ") + e.what(),
                            "the file was changed outside bmc; restore a backup or fix that row");
    }
}

// Reads (contact_id, label, date) from columns `base`...
ImportantDate row_to_date(SQLite::Statement& st, int base) {
    return {st.getColumn(base).getInt64(), st.getColumn(base + 1).getString(),
            stored_yearly_date(st.getColumn(base + 2).getString())};
}

// Birthday first, then by folded label.
constexpr const char* date_order = "(d.label_key <> 'birthday'), d.label_key";

} // namespace

std::optional<ContactRef> Repository::introduced_by(std::int64_t contact_id) {
    try {
        SQLite::Statement st(*m_db, "SELECT t.id, t.name FROM contacts c JOIN contacts t ON "
                                    "t.id = c.introduced_by WHERE c.id = ?");
        st.bind(1, contact_id);
        if (!st.executeStep()) {
            return std::nullopt;
        }
        return ContactRef{st.getColumn(0).getInt64(), st.getColumn(1).getString()};
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

void Repository::set_introduced_by(std::int64_t contact_id, std::optional<std::int64_t> through) {
    try {
        SQLite::Statement st(*m_db, "UPDATE contacts SET introduced_by = ? WHERE id = ?");
        if (through) {
            st.bind(1, *through);
        } else {
            st.bind(1);
        }
        st.bind(2, contact_id);
        st.exec();
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::vector<ContactRef> Repository::introduced_through(std::int64_t contact_id) {
    try {
        SQLite::Statement st(*m_db, "SELECT id, name FROM contacts WHERE introduced_by = ? "
                                    "ORDER BY name_key, id");
        st.bind(1, contact_id);
        return read_refs(st);
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::map<std::int64_t, std::string> Repository::introducer_uuids() {
    try {
        SQLite::Statement st(*m_db, "SELECT c.id, t.uuid FROM contacts c JOIN contacts t ON "
                                    "t.id = c.introduced_by");
        std::map<std::int64_t, std::string> out;
        while (st.executeStep()) {
            out.emplace(st.getColumn(0).getInt64(), st.getColumn(1).getString());
        }
        return out;
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

void Repository::insert_introduction(Introduction& n) {
    try {
        SQLite::Statement st(*m_db, "INSERT INTO introductions (uuid, a_id, b_id, date, note, "
                                    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
        st.bind(1, n.uuid);
        st.bind(2, n.a);
        st.bind(3, n.b);
        st.bind(4, format_date(n.date));
        bind_opt(st, 5, n.note);
        st.bind(6, n.created_at);
        st.bind(7, n.updated_at);
        st.exec();
        n.id = m_db->getLastInsertRowid();
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

void Repository::update_introduction(const Introduction& n) {
    try {
        SQLite::Statement st(*m_db, "UPDATE introductions SET uuid = ?, a_id = ?, b_id = ?, "
                                    "date = ?, note = ?, created_at = ?, updated_at = ? "
                                    "WHERE id = ?");
        st.bind(1, n.uuid);
        st.bind(2, n.a);
        st.bind(3, n.b);
        st.bind(4, format_date(n.date));
        bind_opt(st, 5, n.note);
        st.bind(6, n.created_at);
        st.bind(7, n.updated_at);
        st.bind(8, n.id);
        st.exec();
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::optional<Introduction> Repository::find_introduction(std::int64_t a, std::int64_t b) {
    try {
        SQLite::Statement st(*m_db, std::string("SELECT ") + introduction_columns +
                                        " FROM introductions n WHERE n.a_id = ? AND n.b_id = ?");
        st.bind(1, std::min(a, b));
        st.bind(2, std::max(a, b));
        auto rows = read_introductions(st);
        return rows.empty() ? std::nullopt : std::optional<Introduction>(rows.front());
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::optional<Introduction> Repository::find_introduction_by_uuid(const std::string& uuid) {
    try {
        SQLite::Statement st(*m_db, std::string("SELECT ") + introduction_columns +
                                        " FROM introductions n WHERE n.uuid = ?");
        st.bind(1, uuid);
        auto rows = read_introductions(st);
        return rows.empty() ? std::nullopt : std::optional<Introduction>(rows.front());
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::vector<Introduction> Repository::introductions_of(std::int64_t contact_id) {
    try {
        SQLite::Statement st(*m_db, std::string("SELECT ") + introduction_columns +
                                        " FROM introductions n WHERE n.a_id = ? OR n.b_id = ? "
                                        "ORDER BY n.date, n.id");
        st.bind(1, contact_id);
        st.bind(2, contact_id);
        return read_introductions(st);
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::vector<Introduction> Repository::all_introductions() {
    try {
        SQLite::Statement st(*m_db, std::string("SELECT ") + introduction_columns +
                                        " FROM introductions n ORDER BY n.id");
        return read_introductions(st);
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::vector<std::pair<std::int64_t, std::int64_t>> Repository::connected_pairs() {
    try {
        SQLite::Statement st(*m_db, "SELECT a_id, b_id FROM introductions UNION ALL "
                                    "SELECT id, introduced_by FROM contacts "
                                    "WHERE introduced_by IS NOT NULL");
        std::vector<std::pair<std::int64_t, std::int64_t>> out;
        while (st.executeStep()) {
            out.emplace_back(st.getColumn(0).getInt64(), st.getColumn(1).getInt64());
        }
        return out;
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::vector<TaggedPerson> Repository::tagged_people() {
    try {
        SQLite::Statement st(*m_db, "SELECT c.id, c.name, a.value FROM contacts c JOIN "
                                    "contact_attrs a ON a.contact_id = c.id AND a.kind = 'tag' "
                                    "WHERE c.archived = 0 ORDER BY c.id, a.position");
        std::vector<TaggedPerson> out;
        while (st.executeStep()) {
            const std::int64_t id = st.getColumn(0).getInt64();
            if (out.empty() || out.back().id != id) {
                out.push_back({id, st.getColumn(1).getString(), {}});
            }
            out.back().tags.push_back(st.getColumn(2).getString());
        }
        return out;
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::vector<ImportantDate> Repository::dates_of(std::int64_t contact_id) {
    try {
        SQLite::Statement st(*m_db,
                             std::string("SELECT d.contact_id, d.label, d.date FROM "
                                         "important_dates d WHERE d.contact_id = ? ORDER BY ") +
                                 date_order);
        st.bind(1, contact_id);
        std::vector<ImportantDate> out;
        while (st.executeStep()) {
            out.push_back(row_to_date(st, 0));
        }
        return out;
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

void Repository::set_date(const ImportantDate& d) {
    try {
        SQLite::Statement st(*m_db, "INSERT INTO important_dates (contact_id, label_key, label, "
                                    "date, month_day) VALUES (?, ?, ?, ?, ?) "
                                    "ON CONFLICT (contact_id, label_key) DO UPDATE SET "
                                    "label = excluded.label, date = excluded.date, "
                                    "month_day = excluded.month_day");
        st.bind(1, d.contact_id);
        st.bind(2, fold_case(d.label));
        st.bind(3, d.label);
        st.bind(4, format_yearly_date(d.date));
        st.bind(5, month_day(d.date));
        st.exec();
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

bool Repository::delete_date(std::int64_t contact_id, const std::string& label) {
    try {
        SQLite::Statement st(*m_db,
                             "DELETE FROM important_dates WHERE contact_id = ? AND label_key = ?");
        st.bind(1, contact_id);
        st.bind(2, fold_case(label));
        return st.exec() > 0;
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::map<std::int64_t, std::vector<ImportantDate>> Repository::all_dates() {
    try {
        SQLite::Statement st(*m_db, std::string("SELECT d.contact_id, d.label, d.date FROM "
                                                "important_dates d ORDER BY d.contact_id, ") +
                                        date_order);
        std::map<std::int64_t, std::vector<ImportantDate>> out;
        while (st.executeStep()) {
            ImportantDate d = row_to_date(st, 0);
            out[d.contact_id].push_back(std::move(d));
        }
        return out;
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::vector<std::pair<ContactRef, ImportantDate>>
Repository::active_dates_in(const std::vector<std::pair<std::string, std::string>>& ranges) {
    std::vector<std::pair<ContactRef, ImportantDate>> out;
    if (ranges.empty()) {
        return out;
    }
    try {
        std::string sql = "SELECT c.id, c.name, d.contact_id, d.label, d.date FROM important_dates "
                          "d JOIN contacts c ON c.id = d.contact_id WHERE c.archived = 0 AND (";
        for (std::size_t k = 0; k < ranges.size(); ++k) {
            sql += k == 0 ? "d.month_day BETWEEN ? AND ?" : " OR d.month_day BETWEEN ? AND ?";
        }
        sql += std::string(") ORDER BY c.name_key, c.id, ") + date_order;
        SQLite::Statement st(*m_db, sql);
        int index = 1;
        for (const auto& [lo, hi] : ranges) {
            st.bind(index++, lo);
            st.bind(index++, hi);
        }
        while (st.executeStep()) {
            out.emplace_back(ContactRef{st.getColumn(0).getInt64(), st.getColumn(1).getString()},
                             row_to_date(st, 2));
        }
        return out;
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

} // namespace bmc

// ---- Routine and insights (plan, stats, review, why) ----

namespace bmc {

std::vector<PlanCandidate> Repository::plan_candidates(Date until) {
    try {
        SQLite::Statement st(*m_db, "SELECT c.id, c.name, c.name_key, c.strength, c.next_due "
                                    "FROM contacts c WHERE c.next_due <= ?");
        st.bind(1, format_date(until));
        std::vector<PlanCandidate> out;
        while (st.executeStep()) {
            PlanCandidate p;
            p.id = st.getColumn(0).getInt64();
            p.name = st.getColumn(1).getString();
            p.key = st.getColumn(2).getString();
            p.strength = parse_strength(st.getColumn(3).getString()).value_or(Strength::medium);
            p.due = stored_date(text_of(st.getColumn(4)));
            out.push_back(std::move(p));
        }
        return out;
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::int64_t Repository::count_due(Date until) {
    try {
        SQLite::Statement st(*m_db, "SELECT count(*) FROM contacts WHERE next_due <= ?");
        st.bind(1, format_date(until));
        st.executeStep();
        return st.getColumn(0).getInt64();
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::map<Strength, std::int64_t> Repository::count_by_strength() {
    try {
        std::map<Strength, std::int64_t> out{
            {Strength::strong, 0}, {Strength::medium, 0}, {Strength::weak, 0}};
        SQLite::Statement st(*m_db, "SELECT strength, count(*) FROM contacts WHERE archived = 0 "
                                    "GROUP BY strength");
        while (st.executeStep()) {
            if (const auto s = parse_strength(st.getColumn(0).getString())) {
                out[*s] += st.getColumn(1).getInt64();
            }
        }
        return out;
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::int64_t Repository::count_archived() {
    try {
        return m_db->execAndGet("SELECT count(*) FROM contacts WHERE archived <> 0").getInt64();
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

ConversationCounts
Repository::count_conversations(const std::vector<std::pair<Date, Date>>& periods) {
    try {
        // One scan of two columns, counted here: as SQL sums (one per period and per initiator)
        // the aggregate calls cost some 10 000 instructions a row.
        std::vector<std::pair<std::string, std::string>> bounds;
        bounds.reserve(periods.size());
        for (const auto& [from, to] : periods) {
            bounds.emplace_back(format_date(from), format_date(to));
        }
        ConversationCounts out;
        out.per_period.assign(periods.size(), 0);
        std::int64_t all = 0;
        const RawStatement st =
            prepare_raw(m_db->getHandle(), "SELECT date, initiator FROM interactions");
        while (step_raw(m_db->getHandle(), st.get())) {
            ++all;
            const std::string_view date = raw_text(st.get(), 0);
            for (std::size_t k = 0; k < bounds.size(); ++k) {
                if (date >= bounds[k].first && date <= bounds[k].second) {
                    ++out.per_period[k];
                }
            }
            if (const auto by = raw_opt_text(st.get(), 1)) {
                if (*by == "me") {
                    ++out.by.me;
                } else if (*by == "them") {
                    ++out.by.them;
                }
            }
        }
        out.by.unknown = all - out.by.me - out.by.them;
        return out;
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

std::vector<std::int64_t>
Repository::people_reached(const std::vector<std::pair<Date, Date>>& periods) {
    std::vector<std::int64_t> out(periods.size(), 0);
    if (periods.empty()) {
        return out;
    }
    try {
        SQLite::Statement st(*m_db, "SELECT contact_id, date FROM interactions "
                                    "WHERE date >= ? AND date <= ?");
        st.bind(1, format_date(periods.front().first));
        st.bind(2, format_date(periods.back().second));
        std::vector<std::set<std::int64_t>> people(periods.size());
        std::vector<std::pair<std::string, std::string>> bounds;
        for (const auto& [from, to] : periods) {
            bounds.emplace_back(format_date(from), format_date(to));
        }
        while (st.executeStep()) {
            const std::string date = st.getColumn(1).getString();
            for (std::size_t k = 0; k < bounds.size(); ++k) {
                if (date >= bounds[k].first && date <= bounds[k].second) {
                    people[k].insert(st.getColumn(0).getInt64());
                    break;
                }
            }
        }
        for (std::size_t k = 0; k < periods.size(); ++k) {
            out[k] = static_cast<std::int64_t>(people[k].size());
        }
        return out;
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

void Repository::for_each_history(
    const std::function<void(const HistoryContact&, const std::vector<Interaction>&)>& sink) {
    try {
        // Two cursors in contact id order, merged; one read snapshot for both. The conversations
        // are stored in the order read (schema 9): the cursor walks the table, without a sort.
        SQLite::Transaction snapshot(*m_db, SQLite::TransactionBehavior::DEFERRED);
        SQLite::Statement contacts(*m_db, "SELECT id, name, strength, every, met_on FROM contacts "
                                          "WHERE archived = 0 ORDER BY id");
        SQLite::Statement interactions(
            *m_db, "SELECT i.contact_id, i.id, i.date, i.via, i.initiator, i.gave IS NOT NULL, "
                   "i.received IS NOT NULL, i.asked IS NOT NULL FROM interactions i "
                   "ORDER BY i.contact_id, i.date, i.id");
        bool have_interaction = interactions.executeStep();
        std::vector<Interaction> batch;
        const std::optional<std::string> present = std::string();
        while (contacts.executeStep()) {
            HistoryContact c;
            c.id = contacts.getColumn(0).getInt64();
            c.name = contacts.getColumn(1).getString();
            c.strength =
                parse_strength(contacts.getColumn(2).getString()).value_or(Strength::medium);
            if (auto every = opt_text(contacts.getColumn(3))) {
                c.every = stored_interval(*every);
            }
            c.met_on = opt_date(contacts.getColumn(4));
            batch.clear();
            while (have_interaction && interactions.getColumn(0).getInt64() <= c.id) {
                if (interactions.getColumn(0).getInt64() == c.id) {
                    Interaction i;
                    i.contact_id = c.id;
                    i.id = interactions.getColumn(1).getInt64();
                    i.date = stored_date(text_of(interactions.getColumn(2)));
                    i.via = opt_text(interactions.getColumn(3));
                    if (auto by = opt_text(interactions.getColumn(4))) {
                        i.by = parse_initiator(*by);
                    }
                    i.gave = interactions.getColumn(5).getInt() != 0 ? present : std::nullopt;
                    i.received = interactions.getColumn(6).getInt() != 0 ? present : std::nullopt;
                    i.asked = interactions.getColumn(7).getInt() != 0 ? present : std::nullopt;
                    batch.push_back(std::move(i));
                }
                have_interaction = interactions.executeStep();
            }
            sink(c, batch);
        }
    } catch (const SQLite::Exception& e) {
        rethrow_write_error(e, m_path);
    }
}

} // namespace bmc
