// The repository's safety features: the undo history (triggers that log the inverse of every row
// change), online backup and restore, and storage checks. Part of the repository module: the only
// other file that speaks SQL.
#include "bmc/errors.hpp"
#include "bmc/repository.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <thread>
#include <unistd.h>

namespace bmc {

namespace fs = std::filesystem;

namespace {

// The tables whose changes `bmc undo` can revert. A new data table is covered by adding its name
// here (and a migration creating it): the triggers are generated from its columns after every
// migration.
const char* const undoable_tables[] = {
    "contacts", "contact_attrs", "interactions",    "followups",
    "settings", "introductions", "important_dates",
};

std::string ident(const std::string& name) {
    std::string out = "\"";
    for (char c : name) {
        out += c;
        if (c == '"') {
            out += '"';
        }
    }
    return out + "\"";
}

// An SQL string literal.
std::string literal(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        out += c;
        if (c == '\'') {
            out += '\'';
        }
    }
    return out + "'";
}

// Text as it must appear in a printf() format to come out unchanged: % doubled.
std::string printf_text(const std::string& text) {
    std::string out;
    for (char c : text) {
        out += c;
        if (c == '%') {
            out += '%';
        }
    }
    return out;
}

[[noreturn]] void fail(const SQLite::Exception& e, const std::string& path,
                       const std::string& what) {
    if (e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED) {
        throw DatabaseError("the database is busy: another bmc kept it locked for 10 seconds",
                            "try again in a moment");
    }
    if (e.getErrorCode() == SQLITE_FULL) {
        throw DatabaseError("the disk is full; nothing was changed",
                            "free some space and try again");
    }
    throw DatabaseError(what + " (" + path + "): " + e.what(), "nothing was changed");
}

// Copies every page of `src` into `dest` with SQLite's online backup API, waiting while another
// process holds a lock. Readers and writers of `src` carry on meanwhile; the copy is a snapshot.
void copy_database(sqlite3* dest, sqlite3* src, const std::string& what) {
    sqlite3_backup* b = sqlite3_backup_init(dest, "main", src, "main");
    if (b == nullptr) {
        throw DatabaseError(what + ": " + sqlite3_errmsg(dest), "nothing was changed");
    }
    int rc = SQLITE_OK;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (true) {
        rc = sqlite3_backup_step(b, -1);
        if (rc == SQLITE_DONE) {
            break;
        }
        if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
            std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            continue;
        }
        break;
    }
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        if (rc == SQLITE_FULL) {
            throw DatabaseError(what + ": the disk is full", "free some space and try again");
        }
        throw DatabaseError(what + ": " + sqlite3_errstr(rc), "nothing was changed");
    }
}

// Turns every trigger of the connection off for its lifetime. SQLite re-prepares the statements
// it runs meanwhile (and again afterwards), without and then with the triggers.
class TriggersOff {
public:
    explicit TriggersOff(sqlite3* db) : m_db(db) {
        int now = 1;
        if (sqlite3_db_config(m_db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &now) != SQLITE_OK ||
            now != 0) {
            set_on();
            throw DatabaseError("cannot turn the undo triggers off", "nothing was changed");
        }
    }
    ~TriggersOff() { set_on(); }
    TriggersOff(const TriggersOff&) = delete;
    TriggersOff& operator=(const TriggersOff&) = delete;

private:
    void set_on() noexcept {
        int now = 0;
        sqlite3_db_config(m_db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, &now);
    }
    sqlite3* m_db;
};

} // namespace

void Repository::insert_new_people(std::vector<NewPerson>& people) {
    const auto write = [&] {
        for (NewPerson& p : people) {
            insert_contact(*p.contact);
            for (ImportantDate& d : p.dates) {
                d.contact_id = p.contact->id;
                set_date(d);
            }
        }
    };
    if (m_open_change == 0 || people.empty()) {
        write(); // not recorded: nothing to log
        return;
    }
    try {
        const std::int64_t above =
            m_db->execAndGet("SELECT coalesce(max(id), 0) FROM contacts").getInt64();
        {
            TriggersOff off(m_db->getHandle());
            write();
        }
        // SQLite gives a new row the largest id plus one; only when the largest possible id is
        // taken does it pick unused ones at random, which the inverse below would miss.
        for (const NewPerson& p : people) {
            if (p.contact->id <= above) {
                throw DatabaseError("cannot record how to undo this import: the contact ids "
                                    "have run out of order",
                                    "nothing was changed; run `bmc check`");
            }
        }
        // Logged parents first, so that undo (newest first) deletes the dates and attributes
        // itself before the people.
        const std::string bound = std::to_string(above);
        for (const auto& [table, column] : {std::pair<const char*, const char*>{"contacts", "id"},
                                            {"contact_attrs", "contact_id"},
                                            {"important_dates", "contact_id"}}) {
            const std::string t = ident(table);
            const std::string where = " WHERE " + ident(column) + " > " + bound;
            SQLite::Statement log(*m_db,
                                  "INSERT INTO undo_log (change_id, tbl, op, statement, rows) "
                                  "SELECT ?, ?, 'insert', ?, count(*) FROM " +
                                      t + where + " HAVING count(*) > 0");
            log.bind(1, m_open_change);
            log.bind(2, table);
            log.bind(3, "DELETE FROM " + t + where);
            log.exec();
        }
    } catch (const SQLite::Exception& e) {
        fail(e, m_path, "cannot import");
    }
}

void Repository::install_undo_triggers() {
    for (const char* table : undoable_tables) {
        if (!m_db->tableExists(table)) {
            continue;
        }
        std::vector<std::string> columns;
        std::vector<std::pair<int, std::string>> keys;
        SQLite::Statement info(*m_db, std::string("PRAGMA table_info(") + ident(table) + ")");
        while (info.executeStep()) {
            columns.push_back(info.getColumn(1).getString());
            if (const int pk = info.getColumn(5).getInt(); pk > 0) {
                keys.emplace_back(pk, columns.back());
            }
        }
        std::sort(keys.begin(), keys.end());
        if (keys.empty()) {
            keys.emplace_back(1, "rowid");
        }
        // printf() takes at most 127 arguments (SQLITE_MAX_FUNCTION_ARG); the update trigger
        // passes the format, every column and the key.
        if (columns.size() + keys.size() + 1 > 127) {
            throw DatabaseError(std::string("the table ") + table +
                                    " has too many columns for its undo triggers",
                                "this is a bug in bmc; please report it");
        }
        const std::string t = ident(table);
        // Each trigger builds the inverse statement as text with one printf(): the format holds
        // the statement with a %s for each value, filled in by quote(), which writes any value
        // back as SQL exactly (text, integer, real, blob or NULL). One call with a list of
        // arguments is far less for SQLite to parse than a chain of || concatenations.
        std::string where = " WHERE ";
        std::string key_values;
        for (std::size_t i = 0; i < keys.size(); ++i) {
            where += (i ? " AND " : "") + printf_text(ident(keys[i].second)) + " IS %s";
            key_values += ", quote(NEW." + ident(keys[i].second) + ")";
        }
        std::string names;
        std::string placeholders;
        std::string sets;
        std::string old_values;
        std::string old_row;
        std::string new_row;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const std::string c = ident(columns[i]);
            const char* comma = i ? "," : "";
            names += comma + printf_text(c);
            placeholders += std::string(comma) + "%s";
            sets += (i ? ", " : "") + printf_text(c) + " = %s";
            old_values += ", quote(OLD." + c + ")";
            old_row += comma + ("OLD." + c);
            new_row += comma + ("NEW." + c);
        }
        // Logged under the change being recorded (open from begin_change() to end_change(), and
        // always the newest): one SELECT, where the triggers had three (a WHEN subquery, VALUES
        // and a max() subquery). A statement run while no change is open (another program) logs
        // nothing; undo() turns the triggers off, as it has nothing to log.
        const auto log = [&](const char* op, const std::string& format, const std::string& args) {
            return " BEGIN INSERT INTO undo_log (change_id, tbl, op, statement) SELECT id, " +
                   literal(table) + ", '" + op + "', printf(" + literal(format) + args +
                   ") FROM undo_changes WHERE open = 1 ORDER BY id DESC LIMIT 1; END";
        };
        const std::string base = std::string("undo_") + table;
        for (const char* op : {"insert", "update", "delete"}) {
            m_db->exec("DROP TRIGGER IF EXISTS " + ident(base + "_" + op));
        }
        m_db->exec("CREATE TRIGGER " + ident(base + "_insert") + " AFTER INSERT ON " + t +
                   log("insert", "DELETE FROM " + printf_text(t) + where, key_values));
        // An UPDATE that leaves the row as it was needs no undoing.
        m_db->exec("CREATE TRIGGER " + ident(base + "_update") + " AFTER UPDATE ON " + t +
                   " WHEN (" + old_row + ") IS NOT (" + new_row + ")" +
                   log("update", "UPDATE " + printf_text(t) + " SET " + sets + where,
                       old_values + key_values));
        m_db->exec(
            "CREATE TRIGGER " + ident(base + "_delete") + " AFTER DELETE ON " + t +
            log("delete",
                "INSERT INTO " + printf_text(t) + " (" + names + ") VALUES (" + placeholders + ")",
                old_values));
    }
}

void Repository::begin_change() {
    SQLite::Statement st(*m_db, "INSERT INTO undo_changes (description, created_at, open) "
                                "VALUES (?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 1)");
    st.bind(1, m_change_label);
    st.exec();
    m_open_change = m_db->getLastInsertRowid();
}

bool Repository::end_change() {
    const std::int64_t id = m_open_change;
    if (id == 0) {
        return true; // the history was cleared in this transaction (rm --purge): commit that
    }
    m_open_change = 0;
    SQLite::Statement any(*m_db, "SELECT EXISTS (SELECT 1 FROM undo_log WHERE change_id = ?)");
    any.bind(1, id);
    any.executeStep();
    if (any.getColumn(0).getInt() == 0) {
        return false; // nothing to undo: the caller rolls the transaction back
    }
    SQLite::Statement close(*m_db, "UPDATE undo_changes SET open = 0 WHERE id = ?");
    close.bind(1, id);
    close.exec();
    // Keep the newest undo_depth changes (ids are consecutive: only the newest is ever removed).
    for (const char* sql :
         {"DELETE FROM undo_log WHERE change_id <= ?", "DELETE FROM undo_changes WHERE id <= ?"}) {
        SQLite::Statement prune(*m_db, sql);
        prune.bind(1, id - undo_depth);
        prune.exec();
    }
    return true;
}

std::vector<UndoChange> Repository::undo_history(int limit) {
    std::vector<UndoChange> out;
    try {
        SQLite::Statement st(*m_db, "SELECT id, description, created_at FROM undo_changes "
                                    "WHERE open = 0 ORDER BY id DESC LIMIT ?");
        st.bind(1, limit);
        while (st.executeStep()) {
            out.push_back({st.getColumn(0).getInt64(),
                           st.getColumn(1).getString(),
                           st.getColumn(2).getString(),
                           {}});
        }
        SQLite::Statement rows(*m_db, "SELECT tbl, op, sum(rows) FROM undo_log "
                                      "WHERE change_id = ? GROUP BY tbl, op");
        for (auto& change : out) {
            rows.bind(1, change.id);
            while (rows.executeStep()) {
                const std::string op = rows.getColumn(1).getString();
                const std::size_t slot = op == "insert" ? 0 : op == "update" ? 1 : 2;
                change.rows[rows.getColumn(0).getString()][slot] += rows.getColumn(2).getInt64();
            }
            rows.reset();
        }
    } catch (const SQLite::Exception& e) {
        fail(e, m_path, "cannot read the undo history");
    }
    return out;
}

void Repository::undo(std::int64_t id) {
    try {
        Transaction tx(*this, false);
        const auto newest = m_db->execAndGet("SELECT max(id) FROM undo_changes WHERE open = 0");
        if (newest.isNull() || newest.getInt64() != id) {
            throw DatabaseError("that change is no longer the most recent one",
                                "another bmc changed the database meanwhile; run `bmc undo` "
                                "again to see what it would revert now");
        }
        // Rows come back in any order relative to their parents (cascades): check keys at the end.
        m_db->exec("PRAGMA defer_foreign_keys = ON");
        // Nothing to log (no change is open), and with thousands of rows to put back, the
        // triggers' search for an open change would cost more than the rows themselves. Foreign
        // key actions (the cascades) are not triggers: they still run.
        TriggersOff off(m_db->getHandle());
        SQLite::Statement st(*m_db, "SELECT tbl, statement FROM undo_log WHERE change_id = ? "
                                    "ORDER BY id DESC");
        st.bind(1, id);
        while (st.executeStep()) {
            const std::string table = st.getColumn(0).getString();
            const std::string sql = st.getColumn(1).getString();
            // Only statements the triggers write: one INSERT, UPDATE or DELETE on an undoable
            // table. Anything else means the file was tampered with.
            bool known = false;
            for (const char* t : undoable_tables) {
                known = known || table == t;
            }
            const std::string t = ident(table);
            const bool shaped = sql.rfind("DELETE FROM " + t + " WHERE ", 0) == 0 ||
                                sql.rfind("UPDATE " + t + " SET ", 0) == 0 ||
                                sql.rfind("INSERT INTO " + t + " (", 0) == 0;
            sqlite3_stmt* stmt = nullptr;
            const char* tail = nullptr;
            int rc = known && shaped
                         ? sqlite3_prepare_v2(m_db->getHandle(), sql.c_str(),
                                              static_cast<int>(sql.size()), &stmt, &tail)
                         : SQLITE_ERROR;
            const bool single =
                rc == SQLITE_OK && stmt != nullptr &&
                std::string_view(tail).find_first_not_of(" \n\t;") == std::string_view::npos;
            if (single) {
                rc = sqlite3_step(stmt);
            }
            sqlite3_finalize(stmt);
            if (!single) {
                throw DatabaseError("the undo history holds a statement bmc did not write",
                                    "the file was changed outside bmc; nothing was undone");
            }
            if (rc != SQLITE_DONE) {
                throw DatabaseError(std::string("cannot undo: ") + sqlite3_errstr(rc),
                                    "nothing was undone; run `bmc check`");
            }
        }
        for (const char* sql : {"DELETE FROM undo_log WHERE change_id = ?",
                                "DELETE FROM undo_changes WHERE id = ?"}) {
            SQLite::Statement del(*m_db, sql);
            del.bind(1, id);
            del.exec();
        }
        tx.commit();
    } catch (const SQLite::Exception& e) {
        fail(e, m_path, "cannot undo");
    }
}

void Repository::clear_undo_history() {
    try {
        m_db->exec("DELETE FROM undo_log");
        // The open change too: the transaction commits with no history at all (end_change()).
        // Nothing may be written after this in the same transaction.
        m_db->exec("DELETE FROM undo_changes");
        m_open_change = 0;
    } catch (const SQLite::Exception& e) {
        fail(e, m_path, "cannot clear the undo history");
    }
}

void Repository::checkpoint() {
    try {
        m_db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (const SQLite::Exception& e) {
        fail(e, m_path, "cannot checkpoint");
    }
}

void Repository::backup_to(const std::string& file, bool replace) {
    const fs::path target(file);
    if (target.has_parent_path() && !fs::is_directory(target.parent_path())) {
        throw DatabaseError("no directory " + target.parent_path().string(),
                            "create it first, or choose another path");
    }
    // Written under a temporary name, then linked into place: a failed backup leaves nothing
    // behind, and an existing file is never overwritten.
    const std::string tmp = file + ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        throw DatabaseError("cannot create " + tmp + ": " + std::strerror(errno),
                            "check that the directory is writable");
    }
    ::close(fd);
    try {
        {
            SQLite::Database dest(tmp, SQLite::OPEN_READWRITE);
            copy_database(dest.getHandle(), m_db->getHandle(), "cannot back up to " + file);
            // A self-contained file: no write-ahead log beside it, even when opened read-only.
            dest.exec("PRAGMA journal_mode = DELETE");
        }
        if ((replace ? ::rename(tmp.c_str(), file.c_str()) : ::link(tmp.c_str(), file.c_str())) !=
            0) {
            const int err = errno;
            throw DatabaseError("cannot write " + file + ": " + std::strerror(err),
                                err == EEXIST ? "choose a new name, or pass --force to replace it"
                                              : "check the path and its permissions");
        }
    } catch (const SQLite::Exception& e) {
        ::unlink(tmp.c_str());
        throw DatabaseError("cannot back up to " + file + ": " + e.what(), "check the path");
    } catch (...) {
        ::unlink(tmp.c_str());
        throw;
    }
    if (!replace) {
        ::unlink(tmp.c_str());
    }
}

void Repository::verify_database_file(const std::string& file) {
    const std::string hint = "pass a file written by `bmc backup`";
    if (!fs::is_regular_file(file)) {
        throw DatabaseError("no database file at " + file, hint);
    }
    try {
        SQLite::Database src(file, SQLite::OPEN_READONLY);
        if (src.execAndGet("PRAGMA application_id").getInt() != application_id) {
            throw DatabaseError(file + " is not a bmc database", hint);
        }
        const int version = src.execAndGet("PRAGMA user_version").getInt();
        if (version > schema_version) {
            throw DatabaseError(file + " was written by a newer bmc (schema " +
                                    std::to_string(version) + ")",
                                "upgrade bmc first");
        }
        if (version < 1) {
            throw DatabaseError(file + " is not a bmc database", hint);
        }
        const std::string integrity = src.execAndGet("PRAGMA integrity_check").getString();
        if (integrity != "ok") {
            throw DatabaseError(file + " is damaged: " + integrity, "use another backup");
        }
    } catch (const SQLite::Exception& e) {
        throw DatabaseError(file + " is not a bmc database (or it is damaged): " + e.what(), hint);
    }
}

void Repository::restore_from(const std::string& file) {
    verify_database_file(file);
    try {
        {
            SQLite::Database src(file, SQLite::OPEN_READONLY);
            copy_database(m_db->getHandle(), src.getHandle(), "cannot restore " + file);
        }
        if (m_db->execAndGet("PRAGMA user_version").getInt() < schema_version) {
            migrate();
        }
    } catch (const SQLite::Exception& e) {
        fail(e, m_path, "cannot restore " + file);
    }
}

std::vector<std::string> Repository::storage_problems() {
    std::vector<std::string> out;
    try {
        SQLite::Statement integrity(*m_db, "PRAGMA integrity_check");
        while (integrity.executeStep()) {
            if (const std::string line = integrity.getColumn(0).getString(); line != "ok") {
                out.push_back("integrity: " + line);
            }
        }
        SQLite::Statement keys(*m_db, "PRAGMA foreign_key_check");
        while (keys.executeStep()) {
            out.push_back("foreign key: " + keys.getColumn(0).getString() + " row " +
                          keys.getColumn(1).getString() + " points to a missing " +
                          keys.getColumn(2).getString() + " row");
        }
    } catch (const SQLite::Exception& e) {
        out.push_back(std::string("integrity: ") + e.what());
    }
    return out;
}

std::vector<StoredIdentity> Repository::stored_identities() {
    std::vector<StoredIdentity> out;
    try {
        SQLite::Statement st(*m_db,
                             "SELECT 'contacts', id, uuid, name, name_key FROM contacts "
                             "UNION ALL SELECT 'interactions', id, uuid, '', '' FROM interactions "
                             "UNION ALL SELECT 'followups', id, uuid, '', '' FROM followups");
        while (st.executeStep()) {
            out.push_back({st.getColumn(0).getString(), st.getColumn(1).getInt64(),
                           st.getColumn(2).getString(), st.getColumn(3).getString(),
                           st.getColumn(4).getString()});
        }
    } catch (const SQLite::Exception& e) {
        fail(e, m_path, "cannot read the database");
    }
    return out;
}

} // namespace bmc
