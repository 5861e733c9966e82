// The repository's safety features: the undo history (an SQLite session records each recorded
// transaction's row changes; their inverses are logged on commit), online backup and restore, and
// storage checks. Part of the repository module: the only other file that speaks SQL.
#include "bmc/errors.hpp"
#include "bmc/repository.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
// The session extension's declarations (Debian's SQLite is built with both).
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <thread>
#include <unistd.h>

namespace bmc {

namespace fs = std::filesystem;

namespace {

// The tables whose changes `bmc undo` can revert. A new data table is covered by adding its name
// here (and a migration creating it, with a PRIMARY KEY: the session ignores a table without one).
// The inverse statements are generated from the table's columns.
const char* const undoable_table_names[] = {
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

// Stops a session recording changes for its lifetime (none: nothing to pause).
class SessionPaused {
public:
    explicit SessionPaused(sqlite3_session* session) : m_session(session) {
        if (m_session != nullptr) {
            sqlite3session_enable(m_session, 0);
        }
    }
    ~SessionPaused() {
        if (m_session != nullptr) {
            sqlite3session_enable(m_session, 1);
        }
    }
    SessionPaused(const SessionPaused&) = delete;
    SessionPaused& operator=(const SessionPaused&) = delete;

private:
    sqlite3_session* m_session;
};

struct FinalizeStatement {
    void operator()(sqlite3_stmt* st) const noexcept { sqlite3_finalize(st); }
};
using RawStatement = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

void check(sqlite3* db, int rc) {
    if (rc != SQLITE_OK) {
        throw SQLite::Exception(db, rc);
    }
}

RawStatement prepare(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    check(db, sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &st, nullptr));
    return RawStatement(st);
}

struct FreeValue {
    void operator()(sqlite3_value* v) const noexcept { sqlite3_value_free(v); }
};
using OwnedValue = std::unique_ptr<sqlite3_value, FreeValue>;

// Whether two values are the same, type included (what quote() would write for each).
bool same_value(sqlite3_value* a, sqlite3_value* b) {
    const int type = sqlite3_value_type(a);
    if (type != sqlite3_value_type(b)) {
        return false;
    }
    switch (type) {
    case SQLITE_NULL:
        return true;
    case SQLITE_INTEGER:
        return sqlite3_value_int64(a) == sqlite3_value_int64(b);
    case SQLITE_FLOAT:
        return sqlite3_value_double(a) == sqlite3_value_double(b);
    default: { // text or blob: the same bytes
        const void* x = type == SQLITE_TEXT ? static_cast<const void*>(sqlite3_value_text(a))
                                            : sqlite3_value_blob(a);
        const int n = sqlite3_value_bytes(a);
        const void* y = type == SQLITE_TEXT ? static_cast<const void*>(sqlite3_value_text(b))
                                            : sqlite3_value_blob(b);
        return n == sqlite3_value_bytes(b) && (n == 0 || std::memcmp(x, y, n) == 0);
    }
    }
}

// The position of the column `id` of a table whose primary key is more than `id` alone (whose
// rows can change key while `id`, unique on its own, stays); -1 for other tables.
int id_in_wider_key(const std::vector<std::string>& names, const unsigned char* is_key) {
    int id = -1;
    int key_columns = 0;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == "id") {
            id = static_cast<int>(i);
        }
        key_columns += is_key[i] != 0 ? 1 : 0;
    }
    return key_columns > 1 || (id >= 0 && is_key[id] == 0) ? id : -1;
}

// Writes the inverse of each row change in `changeset` to undo_log under change `change_id`, as
// the statement undo() runs: a DELETE by primary key for a row inserted, an INSERT of every old
// value for a row deleted, an UPDATE of the changed columns back to their old values. quote()
// writes each value as SQL that reads back exactly (text, integer, real, blob or NULL).
//
// A changeset holds the net change of each row, not the order of the changes, so the order is
// chosen here. undo() runs the statements newest first: rows updated are put back first, then
// rows inserted are deleted, then rows deleted come back.
// - Updates before deletes: a conversation an import moved to a person it added goes back to its
//   old person before the foreign key's cascade of deleting the new one could take it along.
// - Deletes before inserts: a row deleted gets back a unique value (a uuid) that a row inserted
//   in the same change took over.
// Not covered: a unique value handed from one updated row to another (bmc changes no uuid).
//
// A row whose primary key changes (a conversation given another date or person: its key is
// (contact_id, date, id)) is a delete and an insert in the changeset. Where the table has an `id`
// column (unique) and a key wider than it, a delete and an insert with the same id are that one
// row moved, and are logged as one UPDATE putting its old values back: a change, not a row
// added and one removed, and put back before any delete as other updates are.
// Returns the number of statements written.
std::int64_t log_inverse(sqlite3* db, std::int64_t change_id, const void* changeset, int size) {
    // A table's column names, by position as the changeset holds them.
    std::map<std::string, std::vector<std::string>> columns_of;
    const auto columns = [&](const char* table, int count) -> const std::vector<std::string>& {
        auto [it, added] = columns_of.try_emplace(table);
        if (added) {
            RawStatement info = prepare(db, std::string("PRAGMA table_info(") + ident(table) + ")");
            while (sqlite3_step(info.get()) == SQLITE_ROW) {
                it->second.emplace_back(
                    reinterpret_cast<const char*>(sqlite3_column_text(info.get(), 1)));
            }
        }
        if (static_cast<int>(it->second.size()) != count) {
            throw DatabaseError(std::string("cannot record how to undo a change of ") + table,
                                "this is a bug in bmc; please report it");
        }
        return it->second;
    };
    // One prepared insert per number of values (printf() ignores none: each %s has its value).
    std::map<std::size_t, RawStatement> inserts;
    const auto insert = [&](std::size_t values) -> sqlite3_stmt* {
        // printf() takes at most 127 arguments (SQLITE_MAX_FUNCTION_ARG): the format and values.
        if (values > 126) {
            throw DatabaseError("a table has too many columns to record how to undo its changes",
                                "this is a bug in bmc; please report it");
        }
        RawStatement& st = inserts[values];
        if (!st) {
            std::string sql = "INSERT INTO undo_log (change_id, tbl, op, statement) "
                              "VALUES (?1, ?2, ?3, printf(?4";
            for (std::size_t i = 0; i < values; ++i) {
                sql += ", quote(?" + std::to_string(i + 5) + ")";
            }
            st = prepare(db, sql + "))");
        }
        return st.get();
    };
    std::int64_t written = 0;
    const auto write = [&](const char* table, const char* op_name, const std::string& format,
                           const std::vector<sqlite3_value*>& values) {
        sqlite3_stmt* st = insert(values.size());
        sqlite3_bind_int64(st, 1, change_id);
        sqlite3_bind_text(st, 2, table, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, op_name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, format.c_str(), static_cast<int>(format.size()), SQLITE_STATIC);
        for (std::size_t i = 0; i < values.size(); ++i) {
            check(db, sqlite3_bind_value(st, static_cast<int>(i + 5), values[i]));
        }
        const int rc = sqlite3_step(st);
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        if (rc != SQLITE_DONE) {
            throw SQLite::Exception(db, rc);
        }
        ++written;
    };
    const auto each_change = [&](const std::function<void(sqlite3_changeset_iter*, const char*, int,
                                                          int, const unsigned char*)>& f) {
        sqlite3_changeset_iter* iter = nullptr;
        check(db, sqlite3changeset_start(&iter, size, const_cast<void*>(changeset)));
        const std::unique_ptr<sqlite3_changeset_iter, int (*)(sqlite3_changeset_iter*)> owned(
            iter, sqlite3changeset_finalize);
        int rc = SQLITE_OK;
        while ((rc = sqlite3changeset_next(iter)) == SQLITE_ROW) {
            const char* table = nullptr;
            int count = 0;
            int op = 0;
            check(db, sqlite3changeset_op(iter, &table, &count, &op, nullptr));
            unsigned char* is_key = nullptr;
            check(db, sqlite3changeset_pk(iter, &is_key, nullptr));
            f(iter, table, count, op, is_key);
        }
        if (rc != SQLITE_DONE) {
            throw SQLite::Exception(db, rc);
        }
    };
    // The id of a row deleted or inserted in a table whose key is wider than its id; nullopt for
    // other rows.
    const auto moving_id = [&](sqlite3_changeset_iter* iter, const char* table, int count, int op,
                               const unsigned char* is_key) -> std::optional<std::int64_t> {
        if (op == SQLITE_UPDATE) {
            return std::nullopt;
        }
        const int id = id_in_wider_key(columns(table, count), is_key);
        if (id < 0) {
            return std::nullopt;
        }
        sqlite3_value* v = nullptr;
        check(db, op == SQLITE_DELETE ? sqlite3changeset_old(iter, id, &v)
                                      : sqlite3changeset_new(iter, id, &v));
        if (sqlite3_value_type(v) != SQLITE_INTEGER) {
            return std::nullopt;
        }
        return sqlite3_value_int64(v);
    };
    // Rows moved to another key: by table and id, the row deleted (old values) and the row
    // inserted (new values), copied out of the changeset. Found in up to three walks, so that
    // only the rows moved are copied (an import inserts thousands of conversations): the ids
    // deleted; the rows inserted under one of them; the rows deleted under one of those.
    struct Moved {
        std::vector<OwnedValue> old_row;
        std::vector<OwnedValue> new_row;
        std::vector<unsigned char> is_key;
    };
    std::map<std::pair<std::string, std::int64_t>, Moved> moved;
    std::set<std::pair<std::string, std::int64_t>> deleted_ids;
    const auto copy_row = [&](sqlite3_changeset_iter* iter, bool old_values, int count,
                              std::vector<OwnedValue>& row) {
        for (int i = 0; i < count; ++i) {
            sqlite3_value* v = nullptr;
            check(db, old_values ? sqlite3changeset_old(iter, i, &v)
                                 : sqlite3changeset_new(iter, i, &v));
            row.emplace_back(sqlite3_value_dup(v));
            if (!row.back()) {
                throw SQLite::Exception(db, SQLITE_NOMEM);
            }
        }
    };
    each_change([&](sqlite3_changeset_iter* iter, const char* table, int count, int op,
                    const unsigned char* is_key) {
        if (op == SQLITE_DELETE) {
            if (const auto id = moving_id(iter, table, count, op, is_key)) {
                deleted_ids.emplace(table, *id);
            }
        }
    });
    // Copies each row of `wanted_op` (a delete: its old values; an insert: its new ones) into
    // the entry `entry_for(table, id)` gives, if it gives one.
    const auto copy_rows = [&](int wanted_op, const auto& entry_for) {
        each_change([&](sqlite3_changeset_iter* iter, const char* table, int count, int op,
                        const unsigned char* is_key) {
            if (op != wanted_op) {
                return;
            }
            const auto id = moving_id(iter, table, count, op, is_key);
            Moved* m = id ? entry_for(table, *id) : nullptr;
            if (m != nullptr) {
                const bool deleted = op == SQLITE_DELETE;
                copy_row(iter, deleted, count, deleted ? m->old_row : m->new_row);
                m->is_key.assign(is_key, is_key + count);
            }
        });
    };
    if (!deleted_ids.empty()) {
        copy_rows(SQLITE_INSERT, [&](const char* table, std::int64_t id) -> Moved* {
            return deleted_ids.count({table, id}) != 0 ? &moved[{table, id}] : nullptr;
        });
    }
    if (!moved.empty()) {
        copy_rows(SQLITE_DELETE, [&](const char* table, std::int64_t id) -> Moved* {
            const auto it = moved.find({table, id});
            return it == moved.end() ? nullptr : &it->second;
        });
    }
    const auto is_moved = [&](sqlite3_changeset_iter* iter, const char* table, int count, int op,
                              const unsigned char* is_key) {
        if (moved.empty()) {
            return false;
        }
        const auto id = moving_id(iter, table, count, op, is_key);
        return id && moved.count({table, *id}) != 0;
    };
    std::vector<sqlite3_value*> values;
    for (const int pass : {SQLITE_DELETE, SQLITE_INSERT, SQLITE_UPDATE}) {
        each_change([&](sqlite3_changeset_iter* iter, const char* table, int count, int op,
                        const unsigned char* is_key) {
            if (op != pass || (op != SQLITE_UPDATE && is_moved(iter, table, count, op, is_key))) {
                return;
            }
            const std::vector<std::string>& names = columns(table, count);
            const auto value = [&](bool old_value, int i) {
                sqlite3_value* v = nullptr;
                check(db, old_value ? sqlite3changeset_old(iter, i, &v)
                                    : sqlite3changeset_new(iter, i, &v));
                return v;
            };
            const std::string t = printf_text(ident(table));
            std::string format;
            values.clear();
            std::string where;
            for (int i = 0; i < count; ++i) {
                if (is_key[i] != 0) {
                    where += (where.empty() ? " WHERE " : " AND ") + printf_text(ident(names[i])) +
                             " IS %s";
                }
            }
            const auto add_keys = [&](bool old_value) {
                for (int i = 0; i < count; ++i) {
                    if (is_key[i] != 0) {
                        values.push_back(value(old_value, i));
                    }
                }
            };
            const char* op_name = "insert";
            if (op == SQLITE_INSERT) {
                format = "DELETE FROM " + t + where;
                add_keys(false);
            } else if (op == SQLITE_DELETE) {
                op_name = "delete";
                std::string names_list;
                std::string placeholders;
                for (int i = 0; i < count; ++i) {
                    names_list += (i ? "," : "") + printf_text(ident(names[i]));
                    placeholders += i ? ",%s" : "%s";
                    values.push_back(value(true, i));
                }
                format = "INSERT INTO " + t + " (" + names_list + ") VALUES (" + placeholders + ")";
            } else {
                op_name = "update";
                std::string sets;
                for (int i = 0; i < count; ++i) {
                    if (is_key[i] == 0 && value(false, i) != nullptr) { // changed
                        sets += (sets.empty() ? "" : ", ") + printf_text(ident(names[i])) + " = %s";
                        values.push_back(value(true, i));
                    }
                }
                if (sets.empty()) {
                    return; // nothing to put back (sessions leave such rows out anyway)
                }
                format = "UPDATE " + t + " SET " + sets + where;
                add_keys(true);
            }
            write(table, op_name, format, values);
        });
    }
    // The rows moved, after the other updates: the row found by its new key gets back every
    // value that differs, key columns included.
    for (const auto& [key, m] : moved) {
        const std::string& table = key.first;
        const std::vector<std::string>& names =
            columns(table.c_str(), static_cast<int>(m.is_key.size()));
        std::string sets;
        std::string where;
        values.clear();
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (!same_value(m.old_row[i].get(), m.new_row[i].get())) {
                sets += (sets.empty() ? "" : ", ") + printf_text(ident(names[i])) + " = %s";
                values.push_back(m.old_row[i].get());
            }
        }
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (m.is_key[i] != 0) {
                where +=
                    (where.empty() ? " WHERE " : " AND ") + printf_text(ident(names[i])) + " IS %s";
                values.push_back(m.new_row[i].get());
            }
        }
        if (!sets.empty()) {
            write(table.c_str(), "update",
                  "UPDATE " + printf_text(ident(table)) + " SET " + sets + where, values);
        }
    }
    return written;
}

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
    if (m_open_change_deleted_people) {
        // The new people could get the ids of those deleted, above every id stored now.
        throw DatabaseError("cannot record how to undo this import: people were removed earlier "
                            "in the same change",
                            "nothing was changed; this is a bug in bmc, please report it");
    }
    try {
        const std::int64_t above =
            m_db->execAndGet("SELECT coalesce(max(id), 0) FROM contacts").getInt64();
        {
            SessionPaused paused(m_session.get());
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
            if (log.exec() > 0) {
                m_open_change_has_ranges = true;
            }
        }
    } catch (const SQLite::Exception& e) {
        fail(e, m_path, "cannot import");
    }
}

std::vector<std::string> Repository::undoable_tables() {
    return {std::begin(undoable_table_names), std::end(undoable_table_names)};
}

void Repository::SessionDelete::operator()(sqlite3_session* session) const noexcept {
    sqlite3session_delete(session);
}

void Repository::begin_change() {
    SQLite::Statement st(*m_db, "INSERT INTO undo_changes (description, created_at, open) "
                                "VALUES (?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 1)");
    st.bind(1, m_change_label);
    st.exec();
    m_open_change = m_db->getLastInsertRowid();
    m_open_change_has_ranges = false;
    m_open_change_deleted_people = false;
    // The session keeps the first version of each row the transaction changes (SQLite calls it
    // before every change of a row of an attached table, foreign key actions included); on
    // commit it compares them with the rows as they are then. Rows changed and changed back,
    // and statements rolled back, leave nothing to undo.
    sqlite3* db = m_db->getHandle();
    sqlite3_session* session = nullptr;
    check(db, sqlite3session_create(db, "main", &session));
    m_session.reset(session);
    for (const char* table : undoable_table_names) {
        check(db, sqlite3session_attach(session, table));
    }
}

void Repository::drop_change() noexcept {
    m_session.reset();
    m_open_change = 0;
    m_open_change_has_ranges = false;
    m_open_change_deleted_people = false;
}

bool Repository::end_change() {
    const std::int64_t id = m_open_change;
    const bool ranges = m_open_change_has_ranges;
    const std::unique_ptr<sqlite3_session, SessionDelete> session = std::move(m_session);
    drop_change();
    if (id == 0) {
        return true; // the history was cleared in this transaction (rm --purge): commit that
    }
    sqlite3* db = m_db->getHandle();
    int size = 0;
    void* changeset = nullptr;
    check(db, sqlite3session_changeset(session.get(), &size, &changeset));
    const std::unique_ptr<void, void (*)(void*)> owned(changeset, sqlite3_free);
    if (log_inverse(db, id, changeset, size) == 0 && !ranges) {
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
        SQLite::Statement st(*m_db, "SELECT tbl, statement FROM undo_log WHERE change_id = ? "
                                    "ORDER BY id DESC");
        st.bind(1, id);
        while (st.executeStep()) {
            const std::string table = st.getColumn(0).getString();
            const std::string sql = st.getColumn(1).getString();
            // Only statements bmc writes: one INSERT, UPDATE or DELETE on an undoable
            // table. Anything else means the file was tampered with.
            bool known = false;
            for (const char* t : undoable_table_names) {
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
        drop_change();
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
            // Tables without a rowid (contact_attrs, interactions) give no row number.
            const std::string row =
                keys.getColumn(1).isNull()
                    ? "a row of " + keys.getColumn(0).getString()
                    : keys.getColumn(0).getString() + " row " + keys.getColumn(1).getString();
            out.push_back("foreign key: " + row + " points to a missing " +
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
