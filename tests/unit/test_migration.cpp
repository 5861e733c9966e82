// Unit tests for the schema migrations (bmc/repository.hpp): a database written by a bmc of
// schema 1, built here by hand with the frozen v1 SQL, opens with its data intact and gains the
// follow-ups table and the gave/received/asked columns; a migration that fails midway leaves a
// usable version 1 file; a version 4 file keeps its undo history (undo_log.rows, version 6).
#include "bmc/dates.hpp"
#include "bmc/errors.hpp"
#include "bmc/repository.hpp"
#include "bmc/service.hpp"
#include "bmc/uuid.hpp"

#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace fs = std::filesystem;
using bmc::Repository;

// The schema of version 1 exactly as bmc 0.1.0 created it (migrations[0] in src/repository.cpp).
// Frozen: it must never change, whatever later versions do.
constexpr const char* schema_v1 = R"sql(
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
)sql";

const std::vector<std::string> v1_interaction_columns = {
    "id", "uuid", "contact_id", "date", "via", "initiator", "note", "created_at", "updated_at"};

using bmc::test::TempDir;

// Writes a version 1 database as bmc 0.1.0 left it: Ada (strong, a tag, an email, two
// conversations) and the setting cadence.weak = 10m. `extra_sql` runs after the schema.
void write_v1(const std::string& path, const std::string& extra_sql = "") {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec(schema_v1);
    db.exec("INSERT INTO contacts (id, uuid, name, name_key, strength, every, company, title, met, "
            "met_on, notes, archived, snoozed_until, last_interaction, next_due, created_at, "
            "updated_at) VALUES (1, 'eeab6eeb-3c2b-4509-a078-745f7d3ea3b4', 'Ada Lovelace', "
            "'ada lovelace', 'strong', NULL, 'Analytical Engines', NULL, 'PyCon', '2026-01-10', "
            "'likes poetry', 0, NULL, '2026-10-01', '2027-02-01', '2026-01-10T09:00:00Z', "
            "'2026-01-10T09:00:00Z')");
    db.exec("INSERT INTO contact_attrs (contact_id, kind, position, value) VALUES "
            "(1, 'email', 0, 'ada@example.com'), (1, 'tag', 0, 'math')");
    db.exec("INSERT INTO interactions (id, uuid, contact_id, date, via, initiator, note, "
            "created_at, updated_at) VALUES "
            "(1, 'be2aefca-302a-410b-8383-e82ccbea5cdc', 1, '2026-03-01', 'coffee', 'them', "
            "'talked about poetical science', '2026-03-01T10:00:00Z', '2026-03-01T10:00:00Z'), "
            "(2, '0b7a4d3e-4c1f-4f0e-9a51-2f4de5a7c111', 1, '2026-10-01', 'call', 'me', NULL, "
            "'2026-10-01T18:00:00Z', '2026-10-01T18:00:00Z')");
    db.exec("INSERT INTO settings (key, value) VALUES ('cadence.weak', '10m')");
    if (!extra_sql.empty()) {
        db.exec(extra_sql);
    }
    db.exec("PRAGMA application_id = " + std::to_string(Repository::application_id));
    db.exec("PRAGMA user_version = 1");
}

int pragma(const std::string& path, const char* name) {
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    return raw.execAndGet(std::string("PRAGMA ") + name).getInt();
}

std::vector<std::string> column_names(const std::string& path, const char* table) {
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    SQLite::Statement st(raw, std::string("SELECT name FROM pragma_table_info('") + table +
                                  "') ORDER BY cid");
    std::vector<std::string> out;
    while (st.executeStep()) {
        out.push_back(st.getColumn(0).getString());
    }
    return out;
}

std::vector<std::string> tables(const std::string& path) {
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    SQLite::Statement st(raw, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    std::vector<std::string> out;
    while (st.executeStep()) {
        out.push_back(st.getColumn(0).getString());
    }
    return out;
}

std::string show(const std::optional<bmc::Date>& date) {
    return date ? bmc::format_date(*date) : std::string("none");
}

class FixedClock : public bmc::Clock {
public:
    std::string now_utc() const override { return "2026-11-22T08:15:00Z"; }
};

using Strings = std::vector<std::string>;

// Adds one person in a recorded transaction, as `bmc add` does: one entry of the undo history.
void add_recorded(Repository& repo, const std::string& name, const std::string& uuid,
                  const std::vector<std::string>& tags = {}) {
    repo.set_change_label("bmc add " + name);
    Repository::Transaction tx(repo);
    bmc::Contact c;
    c.uuid = uuid;
    c.name = name;
    c.tags = tags;
    c.created_at = c.updated_at = "2026-01-10T09:00:00Z";
    repo.insert_contact(c);
    tx.commit();
}

// Puts back undo triggers under the names versions 4 to 7 gave them (undo_<table>_<op> on
// every undoable table). Each logs a statement undo() refuses, so one left behind by the
// migration to version 8 cannot go unnoticed.
void add_old_undo_triggers(SQLite::Database& raw) {
    for (const std::string& table : Repository::undoable_tables()) {
        for (const char* op : {"insert", "update", "delete"}) {
            raw.exec("CREATE TRIGGER undo_" + table + "_" + op + " AFTER " + op + " ON " + table +
                     " BEGIN INSERT INTO undo_log (change_id, tbl, op, statement) SELECT id, '" +
                     table + "', '" + op +
                     "', 'SELECT 1' FROM undo_changes WHERE open = 1 ORDER BY id DESC LIMIT 1; "
                     "END");
        }
    }
}

// A file as a bmc of schema `version` (4 to 7) left it: one change in its history (Ada added with
// a tag) and the undo triggers of those versions. Version 4 had no undo_log.rows (every logged
// statement reverted one row; added in 6) and no followups_open index (added in 5).
std::string old_file_with_ada(const TempDir& tmp, int version) {
    const std::string path = tmp.file("bmc.db");
    {
        Repository repo(path);
        add_recorded(repo, "Ada", "eeab6eeb-3c2b-4509-a078-745f7d3ea3b4", {"math"});
    }
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    if (version < 6) {
        raw.exec("ALTER TABLE undo_log DROP COLUMN rows");
    }
    if (version < 5) {
        raw.exec("DROP INDEX followups_open");
    }
    add_old_undo_triggers(raw);
    raw.exec("PRAGMA user_version = " + std::to_string(version));
    return path;
}

// The conversations table as versions 2 to 8 had it: a rowid table (id its INTEGER PRIMARY KEY)
// with the (contact_id, date, id) index. Rebuilt in place, rows and ids unchanged.
void rebuild_interactions_as_v8(const std::string& path) {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    raw.exec(R"sql(
BEGIN;
CREATE TABLE interactions_v8 (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    via TEXT,
    initiator TEXT CHECK (initiator IN ('me', 'them')),
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
, gave TEXT, received TEXT, asked TEXT);
INSERT INTO interactions_v8 SELECT * FROM interactions;
DROP TABLE interactions;
ALTER TABLE interactions_v8 RENAME TO interactions;
CREATE INDEX interactions_contact_date ON interactions (contact_id, date, id);
COMMIT;
)sql");
}

// Every value of every conversation, by id, with its type (quote()).
std::string conversation_rows(const std::string& path) {
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    SQLite::Statement st(raw,
                         "SELECT quote(id) || ',' || quote(uuid) || ',' || quote(contact_id) "
                         "|| ',' || quote(date) || ',' || quote(via) || ',' || "
                         "quote(initiator) || ',' || quote(note) || ',' || quote(created_at) "
                         "|| ',' || quote(updated_at) || ',' || quote(gave) || ',' || "
                         "quote(received) || ',' || quote(asked) FROM interactions ORDER BY id");
    std::string out;
    while (st.executeStep()) {
        out += st.getColumn(0).getString() + "\n";
    }
    return out;
}

std::string schema_of(const std::string& path, const char* name) {
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    SQLite::Statement st(raw, "SELECT sql FROM sqlite_master WHERE name = ?");
    st.bind(1, name);
    return st.executeStep() ? st.getColumn(0).getString() : std::string("none");
}

bmc::Interaction talk(std::int64_t contact_id, const char* date, const char* note) {
    bmc::Interaction i;
    i.uuid = bmc::new_uuid();
    i.contact_id = contact_id;
    i.date = bmc::parse_iso_date(date);
    i.via = "coffee";
    i.note = note;
    i.created_at = i.updated_at = std::string(date) + "T10:00:00Z";
    return i;
}

int trigger_count(const std::string& path) {
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    return raw.execAndGet("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").getInt();
}

} // namespace

TEST_CASE("the frozen v1 schema still matches the first migration's tables", "[migration]") {
    // A v1 file built here and a new file built by bmc agree on every v1 table (so the frozen
    // copy is what bmc 0.1.0 wrote, and the migration only adds to it).
    TempDir tmp;
    const std::string old_path = tmp.file("v1.db");
    write_v1(old_path);
    CHECK(tables(old_path) == Strings{"contact_attrs", "contacts", "interactions", "settings"});
    const std::string new_path = tmp.file("new.db");
    { Repository repo(new_path); }
    for (const char* table : {"contact_attrs", "settings"}) {
        INFO(table);
        CHECK(column_names(new_path, table) == column_names(old_path, table));
    }
    // Version 3 appends one column to contacts.
    Strings v3_contacts = column_names(old_path, "contacts");
    v3_contacts.push_back("introduced_by");
    CHECK(column_names(new_path, "contacts") == v3_contacts);
    Strings v2_interactions = v1_interaction_columns;
    v2_interactions.insert(v2_interactions.end(), {"gave", "received", "asked"});
    CHECK(column_names(old_path, "interactions") == v1_interaction_columns);
    CHECK(column_names(new_path, "interactions") == v2_interactions);
}

TEST_CASE("opening a version 1 database migrates it to the current version with its data intact",
          "[migration]") {
    TempDir tmp;
    const std::string path = tmp.file("bmc.db");
    write_v1(path);
    REQUIRE(pragma(path, "user_version") == 1);

    {
        Repository repo(path, false);
        CHECK(repo.count_contacts() == 1);
        const auto ada = repo.find_contact(1);
        REQUIRE(ada.has_value());
        CHECK(ada->uuid == "eeab6eeb-3c2b-4509-a078-745f7d3ea3b4");
        CHECK(ada->name == "Ada Lovelace");
        CHECK(ada->strength == bmc::Strength::strong);
        CHECK(ada->company == std::optional<std::string>("Analytical Engines"));
        CHECK(ada->met == std::optional<std::string>("PyCon"));
        CHECK(ada->notes == std::optional<std::string>("likes poetry"));
        CHECK(ada->emails == Strings{"ada@example.com"});
        CHECK(ada->tags == Strings{"math"});
        CHECK(show(ada->met_on) == "2026-01-10");
        CHECK(show(ada->last_interaction) == "2026-10-01");
        CHECK(show(ada->next_due) == "2027-02-01");
        CHECK(ada->created_at == "2026-01-10T09:00:00Z");
        CHECK_FALSE(ada->archived);

        const auto history = repo.interactions_of(1); // newest first
        REQUIRE(history.size() == 2);
        CHECK(history[0].uuid == "0b7a4d3e-4c1f-4f0e-9a51-2f4de5a7c111");
        CHECK(show(history[0].date) == "2026-10-01");
        CHECK(history[0].via == std::optional<std::string>("call"));
        CHECK(history[0].by == bmc::Initiator::me);
        CHECK(history[0].note == std::nullopt);
        CHECK(history[1].note == std::optional<std::string>("talked about poetical science"));
        CHECK(history[1].by == bmc::Initiator::them);
        for (const auto& i : history) {
            CHECK(i.gave == std::nullopt);
            CHECK(i.received == std::nullopt);
            CHECK(i.asked == std::nullopt);
        }
        CHECK(repo.get_setting("cadence.weak") == std::optional<std::string>("10m"));
        CHECK(repo.followups_of(1, false).empty());
        CHECK(repo.open_followups().empty());

        // The new table and columns work.
        bmc::FollowUp f;
        f.uuid = "5f0c0d8e-1a2b-4c3d-8e9f-0a1b2c3d4e5f";
        f.contact_id = 1;
        f.text = "send the article";
        f.by = bmc::parse_iso_date("2026-12-01");
        f.created_on = bmc::parse_iso_date("2026-11-22");
        f.created_at = f.updated_at = "2026-11-22T08:15:00Z";
        repo.insert_followup(f);
        CHECK(f.id == 1);
        CHECK(show(repo.earliest_open_followup(1)) == "2026-12-01");
    }
    CHECK(pragma(path, "user_version") == Repository::schema_version);
    CHECK(pragma(path, "application_id") == Repository::application_id);
    CHECK(tables(path) == Strings{"contact_attrs", "contacts", "followups", "important_dates",
                                  "interactions", "introductions", "settings", "undo_changes",
                                  "undo_log"});
    // Version 3: who introduced a person (NULL on existing rows), introductions and dates.
    CHECK(column_names(path, "contacts").back() == "introduced_by");
    CHECK(column_names(path, "introductions") ==
          Strings{"id", "uuid", "a_id", "b_id", "date", "note", "created_at", "updated_at"});
    CHECK(column_names(path, "important_dates") ==
          Strings{"contact_id", "label_key", "label", "date", "month_day"});
    CHECK(column_names(path, "followups") == Strings{"id", "uuid", "contact_id", "text", "due_by",
                                                     "created_on", "done_on", "created_at",
                                                     "updated_at"});
    // Version 5: an index of the open follow-ups only.
    {
        SQLite::Database db(path);
        CHECK(db.execAndGet("SELECT sql FROM sqlite_master WHERE name = 'followups_open'")
                  .getString()
                  .find("WHERE done_on IS NULL") != std::string::npos);
    }

    // Opening it again does not migrate twice and keeps the follow-up.
    Repository again(path, false);
    CHECK(again.followups_of(1, false).size() == 1);
    CHECK(again.count_interactions(1) == 2);
}

TEST_CASE("a migrated database works through the service", "[migration]") {
    TempDir tmp;
    const std::string path = tmp.file("bmc.db");
    write_v1(path);
    Repository repo(path, false);
    FixedClock clock;
    bmc::Service svc(repo, bmc::parse_iso_date("2026-11-22"), clock);
    const bmc::Profile p = svc.show("Ada");
    CHECK(p.interactions.size() == 2);
    CHECK(p.followups.empty());
    CHECK(p.reciprocity.by_me == 1);
    CHECK(p.reciprocity.by_them == 1);
    CHECK(p.reciprocity.gave == 0);
    CHECK(p.reciprocity.unanswered == 1);
    CHECK(show(p.schedule.effective_due) == "2027-02-01");

    svc.add_followup("Ada", "send the article", bmc::parse_iso_date("2026-12-01"));
    CHECK(show(repo.find_contact(1)->next_due) == "2026-12-01");
}

TEST_CASE("a migration that fails midway leaves a usable version 1 database", "[migration]") {
    TempDir tmp;
    const std::string path = tmp.file("bmc.db");
    // A table called followups already exists, so version 2's CREATE TABLE fails after its
    // ALTER TABLE statements have run.
    write_v1(path, "CREATE TABLE followups (note TEXT); INSERT INTO followups VALUES ('mine');");

    try {
        Repository repo(path, false);
        FAIL_CHECK("expected bmc::DatabaseError");
    } catch (const bmc::DatabaseError& e) {
        const std::string what = e.what();
        CHECK(what.rfind("cannot open database " + path + ": ", 0) == 0);
        CHECK_THAT(what, Catch::Contains("followups already exists"));
    }

    // Still version 1, the ALTER TABLEs rolled back, every row as it was.
    CHECK(pragma(path, "user_version") == 1);
    CHECK(pragma(path, "application_id") == Repository::application_id);
    CHECK(column_names(path, "interactions") == v1_interaction_columns);
    CHECK(column_names(path, "followups") == Strings{"note"});
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    CHECK(raw.execAndGet("PRAGMA integrity_check").getString() == "ok");
    CHECK(raw.execAndGet("SELECT count(*) FROM contacts").getInt() == 1);
    CHECK(raw.execAndGet("SELECT name FROM contacts WHERE id = 1").getString() == "Ada Lovelace");
    CHECK(raw.execAndGet("SELECT next_due FROM contacts WHERE id = 1").getString() == "2027-02-01");
    CHECK(raw.execAndGet("SELECT count(*) FROM contact_attrs").getInt() == 2);
    CHECK(raw.execAndGet("SELECT count(*) FROM interactions").getInt() == 2);
    CHECK(raw.execAndGet("SELECT group_concat(note, '|') FROM interactions").getString() ==
          "talked about poetical science");
    CHECK(raw.execAndGet("SELECT value FROM settings WHERE key = 'cadence.weak'").getString() ==
          "10m");
    CHECK(raw.execAndGet("SELECT note FROM followups").getString() == "mine");
}

TEST_CASE("after a failed migration is fixed, the next open migrates", "[migration]") {
    TempDir tmp;
    const std::string path = tmp.file("bmc.db");
    write_v1(path, "CREATE TABLE followups (note TEXT);");
    CHECK_THROWS_AS(Repository(path, false), bmc::DatabaseError);
    {
        SQLite::Database raw(path, SQLite::OPEN_READWRITE);
        raw.exec("DROP TABLE followups");
    }
    Repository repo(path, false);
    CHECK(repo.count_interactions(1) == 2);
    CHECK(pragma(path, "user_version") == Repository::schema_version);
}

TEST_CASE("a version 4 database keeps its undo history through the migrations, and records new "
          "changes without triggers",
          "[migration]") {
    TempDir tmp;
    const std::string path = old_file_with_ada(tmp, 4);
    REQUIRE(column_names(path, "undo_log") == Strings{"id", "change_id", "tbl", "op", "statement"});
    Repository repo(path, false);
    CHECK(pragma(path, "user_version") == Repository::schema_version);
    CHECK(column_names(path, "undo_log").back() == "rows");
    CHECK(trigger_count(path) == 0);
    auto history = repo.undo_history(10);
    REQUIRE(history.size() == 1);
    CHECK(history[0].description == "bmc add Ada");
    CHECK(history[0].rows["contacts"] == std::array<std::int64_t, 3>{1, 0, 0});
    CHECK(history[0].rows["contact_attrs"] == std::array<std::int64_t, 3>{1, 0, 0});

    // A change after the migration is recorded (once), and undone before the old one.
    add_recorded(repo, "Bo", "1d5f9c8e-8f7a-4c1e-9a57-3f3c2b7e9d10");
    history = repo.undo_history(10);
    REQUIRE(history.size() == 2);
    CHECK(history[0].description == "bmc add Bo");
    CHECK(history[0].rows ==
          std::map<std::string, std::array<std::int64_t, 3>>{{"contacts", {1, 0, 0}}});
    repo.undo(history[0].id);
    CHECK(repo.count_contacts() == 1);
    repo.undo(history[1].id);
    CHECK(repo.count_contacts() == 0);
}

TEST_CASE("a version 7 database loses its undo triggers, and its history still undoes",
          "[migration]") {
    TempDir tmp;
    // Migration 8 changes no table but drops every trigger: a session records changes now.
    const std::string path = old_file_with_ada(tmp, 7);
    REQUIRE(trigger_count(path) == 21);
    Repository repo(path, false);
    CHECK(pragma(path, "user_version") == Repository::schema_version);
    CHECK(trigger_count(path) == 0);
    add_recorded(repo, "Bo", "1d5f9c8e-8f7a-4c1e-9a57-3f3c2b7e9d10", {"poetry", "tea"});
    const auto history = repo.undo_history(10);
    REQUIRE(history.size() == 2);
    CHECK(history[0].description == "bmc add Bo");
    CHECK(history[0].rows == std::map<std::string, std::array<std::int64_t, 3>>{
                                 {"contacts", {1, 0, 0}}, {"contact_attrs", {2, 0, 0}}});
    repo.undo(history[0].id);
    CHECK(repo.count_contacts() == 1);
    repo.undo(history[1].id); // logged before the migration
    CHECK(repo.count_contacts() == 0);
}

TEST_CASE("a version 8 database gets its conversations stored by person, with their ids and its "
          "undo history intact",
          "[migration]") {
    TempDir tmp;
    const std::string path = tmp.file("bmc.db");
    {
        Repository repo(path);
        add_recorded(repo, "Ada", "eeab6eeb-3c2b-4509-a078-745f7d3ea3b4");
        add_recorded(repo, "Bo", "1d5f9c8e-8f7a-4c1e-9a57-3f3c2b7e9d10");
        add_recorded(repo, "Cy", "7b0d2c4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e");
    }
    rebuild_interactions_as_v8(path);
    // On the v8 table, recorded changes log what a bmc of version 8 logged: rows found by id.
    // The conversations are logged out of order (ids 1 to 5), as people log them.
    std::string after_log;
    std::string before_migration;
    {
        Repository repo(path, false);
        repo.set_change_label("bmc log");
        {
            Repository::Transaction tx(repo);
            for (auto i : {talk(2, "2026-05-01", "bo, later"), talk(1, "2026-04-01", "ada, later"),
                           talk(2, "2026-02-01", "bo, earlier"),
                           talk(1, "2026-01-15", "ada, first"), talk(3, "2026-03-01", "cy")}) {
                repo.insert_interaction(i);
            }
            tx.commit();
        }
        after_log = conversation_rows(path);
        repo.set_change_label("bmc edit");
        {
            Repository::Transaction tx(repo);
            bmc::Interaction i = repo.interactions_of(1).at(0); // "ada, later", id 2
            REQUIRE(i.id == 2);
            i.date = bmc::parse_iso_date("2026-01-01");
            i.note = "ada, earliest";
            repo.update_interaction(i);
            tx.commit();
        }
        repo.set_change_label("bmc rm Cy");
        {
            Repository::Transaction tx(repo);
            repo.delete_contact(3);
            tx.commit();
        }
        before_migration = conversation_rows(path);
    }
    {
        SQLite::Database raw(path, SQLite::OPEN_READWRITE);
        CHECK(raw.execAndGet("SELECT count(*) FROM undo_log WHERE tbl = 'interactions' AND "
                             "statement NOT LIKE '%VALUES (_,%' AND statement NOT LIKE "
                             "'%WHERE \"id\" IS _'")
                  .getInt() == 0);
        raw.exec("PRAGMA user_version = 8");
    }

    Repository repo(path, false);
    CHECK(pragma(path, "user_version") == Repository::schema_version);
    CHECK_THAT(schema_of(path, "interactions"),
               Catch::Contains("PRIMARY KEY (contact_id, date, id)") &&
                   Catch::EndsWith("WITHOUT ROWID"));
    CHECK(schema_of(path, "interactions_contact_date") == "none");
    CHECK_THAT(schema_of(path, "interactions_id"), Catch::StartsWith("CREATE UNIQUE INDEX"));
    CHECK(column_names(path, "interactions") == Strings{"id", "uuid", "contact_id", "date", "via",
                                                        "initiator", "note", "created_at",
                                                        "updated_at", "gave", "received", "asked"});
    // Every value and id as it was; stored by person, then date: a plain scan reads them so.
    CHECK(conversation_rows(path) == before_migration);
    {
        SQLite::Database raw(path, SQLite::OPEN_READONLY);
        // (With the note, the scan reads the table, not the covering index on id.)
        CHECK(raw.execAndGet("SELECT group_concat(id || ' ' || note, '|') FROM interactions")
                  .getString() == "2 ada, earliest|4 ada, first|3 bo, earlier|1 bo, later");
        CHECK(raw.execAndGet("PRAGMA integrity_check").getString() == "ok");
        CHECK_FALSE(SQLite::Statement(raw, "PRAGMA foreign_key_check").executeStep());
    }
    // A new conversation gets the next id (Cy's 5 is free again, as SQLite gave rowids); a
    // change of its date moves the row, and is logged against the new key.
    repo.set_change_label("bmc log Ada");
    {
        Repository::Transaction tx(repo);
        bmc::Interaction i = talk(1, "2026-11-01", "ada, now");
        repo.insert_interaction(i);
        CHECK(i.id == 5);
        i.date = bmc::parse_iso_date("2026-11-02");
        repo.update_interaction(i);
        tx.commit();
    }
    auto history = repo.undo_history(10);
    REQUIRE(history.size() == 7);
    CHECK(history[0].rows ==
          std::map<std::string, std::array<std::int64_t, 3>>{{"interactions", {1, 0, 0}}});
    {
        SQLite::Database raw(path, SQLite::OPEN_READONLY);
        SQLite::Statement st(raw, "SELECT statement FROM undo_log WHERE change_id = ?");
        st.bind(1, history[0].id);
        REQUIRE(st.executeStep());
        CHECK(st.getColumn(0).getString() ==
              "DELETE FROM \"interactions\" WHERE \"id\" IS 5 AND \"contact_id\" IS 1 AND "
              "\"date\" IS '2026-11-02'");
    }
    // The history undoes, newest first: the new entry, then those logged by version 8.
    repo.undo(history[0].id);
    CHECK(conversation_rows(path) == before_migration);
    repo.undo(history[1].id); // rm Cy: Cy's conversation comes back with id 5
    repo.undo(history[2].id); // the edit: a change of date, so of the key
    CHECK(conversation_rows(path) == after_log);
    repo.undo(history[3].id);
    CHECK(conversation_rows(path).empty());
    CHECK(repo.storage_problems().empty());
}

TEST_CASE("a version 8 database with a conversation whose person is missing still migrates, and "
          "check reports the row",
          "[migration]") {
    TempDir tmp;
    const std::string path = tmp.file("bmc.db");
    {
        Repository repo(path);
        add_recorded(repo, "Ada", "eeab6eeb-3c2b-4509-a078-745f7d3ea3b4");
        bmc::Interaction i = talk(1, "2026-04-01", "ada");
        repo.insert_interaction(i);
    }
    rebuild_interactions_as_v8(path);
    {
        // Written by another program, with foreign keys off: person 99 does not exist.
        SQLite::Database raw(path, SQLite::OPEN_READWRITE);
        raw.exec("INSERT INTO interactions (id, uuid, contact_id, date, created_at, updated_at) "
                 "VALUES (7, '0b7a4d3e-4c1f-4f0e-9a51-2f4de5a7c111', 99, '2026-01-01', "
                 "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
        raw.exec("PRAGMA user_version = 8");
    }
    const std::string before = conversation_rows(path);
    Repository repo(path, false);
    CHECK(pragma(path, "user_version") == Repository::schema_version);
    CHECK(conversation_rows(path) == before);
    CHECK(repo.storage_problems() ==
          Strings{"foreign key: a row of interactions points to a missing contacts row"});
    // Foreign keys are on again after the migration.
    bmc::Interaction orphan = talk(98, "2026-05-01", "nobody");
    CHECK_THROWS_AS(repo.insert_interaction(orphan), bmc::DatabaseError);
}

// Another bmc migrating a large file holds the write lock for as long as that takes (some 45 s
// for 2 million conversations); a second one waits for it, longer than the 10 s it waits for
// any other write, and then finds the file migrated.
TEST_CASE("opening a file another process is migrating waits for it beyond 10 seconds",
          "[migration]") {
    TempDir tmp;
    const std::string path = old_file_with_ada(tmp, 7);
    SQLite::Database other(path, SQLite::OPEN_READWRITE);
    other.exec("BEGIN IMMEDIATE");
    other.exec("INSERT INTO settings (key, value) VALUES ('cadence.weak', '10m')");
    std::thread release([&other] {
        std::this_thread::sleep_for(std::chrono::seconds(11));
        other.exec("COMMIT");
    });
    const auto start = std::chrono::steady_clock::now();
    std::optional<Repository> repo;
    std::string error;
    try {
        repo.emplace(path, false);
    } catch (const std::exception& e) {
        error = e.what();
    }
    release.join();
    CHECK(error.empty());
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::seconds(10));
    CHECK(pragma(path, "user_version") == Repository::schema_version);
    REQUIRE(repo);
    CHECK(repo->get_setting("cadence.weak") == std::optional<std::string>("10m"));
}
