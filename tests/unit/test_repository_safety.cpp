// Unit tests of the repository's safety features (repository_safety.cpp): the undo log and
// history, the bulk record of new people (insert_new_people), and the refusal of tampered undo
// statements.
#include "bmc/dates.hpp"
#include "bmc/errors.hpp"
#include "bmc/important_dates.hpp"
#include "bmc/introductions.hpp"
#include "bmc/repository.hpp"
#include "bmc/uuid.hpp"

#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

namespace fs = std::filesystem;
using bmc::Contact;
using bmc::Repository;
using Strings = std::vector<std::string>;

using bmc::test::TempDir;

Contact person(const std::string& name) {
    Contact c;
    c.uuid = bmc::new_uuid();
    c.name = name;
    c.created_at = c.updated_at = "2026-01-01T00:00:00Z";
    return c;
}

bmc::Interaction conversation(std::int64_t contact_id, const std::string& note) {
    bmc::Interaction i;
    i.uuid = bmc::new_uuid();
    i.contact_id = contact_id;
    i.date = bmc::parse_date("2026-03-04", bmc::Date{});
    i.note = note;
    i.created_at = i.updated_at = "2026-03-04T00:00:00Z";
    return i;
}

} // namespace

// If this fails after adding a table: add its name to undoable_table_names in
// src/repository_safety.cpp and give it a PRIMARY KEY (see "The undo history" in
// docs/ARCHITECTURE.md).
TEST_CASE("every data table is recorded for undo and has the primary key the session needs",
          "[repository][undo]") {
    TempDir tmp;
    const std::string path = (tmp.path / "bmc.db").string();
    { Repository repo(path); }
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    std::set<std::string> tables;
    SQLite::Statement st(raw, "SELECT name FROM sqlite_master WHERE type = 'table' AND name "
                              "NOT IN ('undo_changes', 'undo_log')");
    while (st.executeStep()) {
        tables.insert(st.getColumn(0).getString());
    }
    const Strings undoable = Repository::undoable_tables();
    CHECK(tables == std::set<std::string>(undoable.begin(), undoable.end()));
    CHECK(tables.size() >= 7);
    for (const std::string& table : tables) {
        INFO("table " << table);
        // A session ignores the changes of a table without a declared primary key.
        CHECK(raw.execAndGet("SELECT count(*) FROM pragma_table_info('" + table + "') WHERE pk > 0")
                  .getInt() > 0);
    }
    // Since schema version 8 there are no triggers for SQLite to parse on every open.
    CHECK(raw.execAndGet("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").getInt() ==
          0);
}

TEST_CASE("a recorded transaction is one undo entry, undo puts every row back",
          "[repository][undo]") {
    Repository repo(":memory:");
    repo.set_change_label("bmc add Ada");
    {
        Repository::Transaction tx(repo);
        Contact c = person("Ada");
        c.tags = {"math", "it's \"quoted\""};
        c.notes = "line one\nline two; 'quotes' and \\ backslash";
        repo.insert_contact(c);
        repo.set_setting("cadence.weak", "10m");
        tx.commit();
    }
    repo.set_change_label("bmc edit Ada");
    Contact before = *repo.find_contact(1);
    {
        Repository::Transaction tx(repo);
        Contact c = before;
        c.name = "Ada Lovelace";
        c.tags = {"poetry"};
        c.notes = std::nullopt;
        repo.update_contact(c);
        repo.delete_setting("cadence.weak");
        tx.commit();
    }
    // A rolled-back transaction and one that changes nothing leave no entry.
    {
        Repository::Transaction tx(repo);
        repo.set_setting("x", "y");
    }
    {
        Repository::Transaction tx(repo);
        tx.commit();
    }
    auto history = repo.undo_history(10);
    REQUIRE(history.size() == 2);
    CHECK(history[0].description == "bmc edit Ada");
    CHECK(history[0].rows["contacts"] == std::array<std::int64_t, 3>{0, 1, 0});
    CHECK(history[0].rows["settings"] == std::array<std::int64_t, 3>{0, 0, 1});
    CHECK(history[1].description == "bmc add Ada");

    repo.undo(history[0].id);
    const Contact after = *repo.find_contact(1);
    CHECK(after.name == "Ada");
    CHECK(after.tags == before.tags);
    CHECK(after.notes == before.notes);
    CHECK(repo.get_setting("cadence.weak") == "10m");
    // Only the newest entry can be undone.
    CHECK_THROWS_AS(repo.undo(history[0].id), bmc::DatabaseError);

    repo.undo(history[1].id);
    CHECK(repo.count_contacts() == 0);
    CHECK(repo.settings().empty());
    CHECK(repo.undo_history(10).empty());
}

TEST_CASE("changes are logged only inside a recorded transaction", "[repository][undo]") {
    TempDir tmp;
    const std::string path = (tmp.path / "bmc.db").string();
    Repository repo(path);
    const auto count = [&](const char* table) {
        SQLite::Database raw(path, SQLite::OPEN_READONLY);
        return raw.execAndGet(std::string("SELECT count(*) FROM ") + table).getInt();
    };
    const auto add = [&](const std::string& name) {
        Contact c = person(name);
        repo.insert_contact(c);
    };
    repo.set_change_label("bmc add Ada");
    {
        Repository::Transaction tx(repo);
        add("Ada");
        tx.commit();
    }
    CHECK(count("undo_log") == 1);
    CHECK(count("undo_changes WHERE open = 1") == 0); // the change is closed when it commits

    // Writes outside a recorded change log nothing: bmc's own, and another program's.
    {
        Repository::Transaction tx(repo, false);
        add("Bo");
        tx.commit();
    }
    {
        SQLite::Database raw(path, SQLite::OPEN_READWRITE);
        raw.exec("UPDATE contacts SET name = 'Ada L' WHERE name = 'Ada'");
    }
    CHECK(count("undo_log") == 1);
    // A recorded transaction that rolls back leaves no open change either.
    {
        Repository::Transaction tx(repo);
        add("Gone");
    }
    CHECK(count("undo_changes WHERE open = 1") == 0);
    CHECK(count("undo_log") == 1);

    // Undo's own statements are not logged, so nothing is left over to join a later change.
    repo.undo(repo.undo_history(1).at(0).id);
    CHECK(count("undo_log") == 0);
    CHECK(count("undo_changes") == 0);
    repo.set_change_label("bmc add Cy");
    {
        Repository::Transaction tx(repo);
        add("Cy");
        tx.commit();
    }
    auto history = repo.undo_history(10);
    REQUIRE(history.size() == 1);
    CHECK(history[0].rows ==
          std::map<std::string, std::array<std::int64_t, 3>>{{"contacts", {1, 0, 0}}});
    CHECK(count("undo_log") == 1);

    // Clearing the history (rm --purge) closes the change too.
    {
        Repository::Transaction tx(repo);
        add("Dee");
        repo.clear_undo_history();
        tx.commit();
    }
    CHECK(count("undo_log") == 0);
    CHECK(count("undo_changes") == 0);
    CHECK(repo.count_contacts() == 3); // Bo, Cy, Dee
}

TEST_CASE("undo refuses statements bmc did not write", "[repository][undo]") {
    TempDir tmp;
    const std::string path = (tmp.path / "bmc.db").string();
    const std::string victim = (tmp.path / "victim.db").string();
    {
        Repository repo(path);
        Repository::Transaction tx(repo);
        Contact c = person("Ada");
        repo.insert_contact(c);
        tx.commit();
    }
    const auto tamper = [&](const std::string& sql) {
        SQLite::Database raw(path, SQLite::OPEN_READWRITE);
        SQLite::Statement st(raw, "UPDATE undo_log SET statement = ?");
        st.bind(1, sql);
        st.exec();
    };
    for (const std::string& sql :
         {"ATTACH DATABASE '" + victim + "' AS v", std::string("DROP TABLE contacts"),
          std::string("DELETE FROM \"contacts\" WHERE 1; DROP TABLE contacts"),
          std::string("DELETE FROM \"undo_log\" WHERE 1")}) {
        INFO(sql);
        tamper(sql);
        Repository repo(path);
        const auto history = repo.undo_history(1);
        REQUIRE(history.size() == 1);
        CHECK_THROWS_WITH(repo.undo(history[0].id),
                          "the undo history holds a statement bmc did not write");
        CHECK(repo.count_contacts() == 1);
        CHECK_FALSE(fs::exists(victim));
    }
}

namespace {

struct Row {
    std::string table;
    std::string op;
    std::int64_t rows = 0;
};

std::vector<Row> undo_log_of(const std::string& path) {
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    SQLite::Statement st(raw, "SELECT tbl, op, rows FROM undo_log ORDER BY id");
    std::vector<Row> out;
    while (st.executeStep()) {
        out.push_back(
            {st.getColumn(0).getString(), st.getColumn(1).getString(), st.getColumn(2).getInt64()});
    }
    return out;
}

// Every row of the data tables, to compare states exactly.
std::string dump(const std::string& path) {
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    std::string out;
    for (const char* table : {"contacts", "contact_attrs", "interactions", "followups", "settings",
                              "introductions", "important_dates"}) {
        SQLite::Statement st(
            raw, std::string("SELECT * FROM ") + table +
                     (std::string(table) == "settings" ? " ORDER BY 1" : " ORDER BY 1, 2, 3"));
        out += std::string("== ") + table + "\n";
        while (st.executeStep()) {
            for (int i = 0; i < st.getColumnCount(); ++i) {
                out += st.getColumn(i).isNull() ? "NULL" : st.getColumn(i).getString();
                out += '|';
            }
            out += '\n';
        }
    }
    return out;
}

} // namespace

namespace {

// Every row of `table` with the type and SQL value of each column, to compare exactly.
std::string exact_rows(const std::string& path, const std::string& table) {
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    SQLite::Statement info(raw, "SELECT name FROM pragma_table_info('" + table + "')");
    std::string sql = "SELECT group_concat(''";
    while (info.executeStep()) {
        const std::string c = info.getColumn(0).getString();
        sql += " || typeof(" + c + ") || ':' || quote(" + c + ") || '|'";
    }
    return raw.execAndGet(sql + ", char(10)) FROM (SELECT * FROM " + table + " ORDER BY 1, 2, 3)")
        .getString();
}

Strings logged_statements(const std::string& path, std::int64_t change) {
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    SQLite::Statement st(raw, "SELECT op || ' ' || statement FROM undo_log WHERE change_id = ? "
                              "ORDER BY id");
    st.bind(1, change);
    Strings out;
    while (st.executeStep()) {
        out.push_back(st.getColumn(0).getString());
    }
    return out;
}

} // namespace

TEST_CASE("undo writes each old value back exactly, with the cascades", "[repository][undo]") {
    TempDir tmp;
    const std::string path = (tmp.path / "bmc.db").string();
    {
        Repository repo(path);
        Repository::Transaction tx(repo);
        Contact c = person("Ada");
        c.notes = "it's 100% %s";
        repo.insert_contact(c);
        bmc::Interaction i = conversation(c.id, "tea");
        repo.insert_interaction(i);
        tx.commit();
    }
    // Values bmc never stores itself, written by another program: a blob, and a real (position
    // has INTEGER affinity, so 0.1 + 0.2 stays a real).
    {
        SQLite::Database raw(path, SQLite::OPEN_READWRITE);
        raw.exec("UPDATE contacts SET company = X'00FF' WHERE id = 1");
        raw.exec("INSERT INTO contact_attrs VALUES (1, 'tag', 0.1 + 0.2, 'odd')");
    }
    const std::string contacts = exact_rows(path, "contacts");
    const std::string attrs = exact_rows(path, "contact_attrs");
    const std::string everything = dump(path);
    REQUIRE_THAT(contacts, Catch::Contains("blob:X'00FF'"));
    REQUIRE_THAT(attrs, Catch::Contains("real:3.00000000000000044408e-01"));

    Repository repo(path);
    repo.set_change_label("bmc edit Ada");
    {
        Repository::Transaction tx(repo);
        Contact c = *repo.find_contact(1);
        REQUIRE(c.tags == Strings{"odd"});
        c.name = "Ada L";
        c.tags = {"poetry"};
        repo.update_contact(c); // the company goes back as text: a change of type
        repo.update_contact(c); // changes nothing more
        tx.commit();
    }
    repo.set_change_label("bmc rm Ada");
    {
        Repository::Transaction tx(repo);
        repo.delete_contact(1);
        tx.commit();
    }
    const auto history = repo.undo_history(10);
    REQUIRE(history.size() == 3);
    // Undo runs them from the last: rows updated are put back first, then rows inserted are
    // deleted, then rows deleted come back. Of a row updated, only the columns that changed.
    // quote() writes a real with every digit it needs.
    CHECK(logged_statements(path, history[1].id) ==
          Strings{"delete INSERT INTO \"contact_attrs\" (\"contact_id\",\"kind\",\"position\","
                  "\"value\") VALUES (1,'tag',3.00000000000000044408e-01,'odd')",
                  "insert DELETE FROM \"contact_attrs\" WHERE \"contact_id\" IS 1 AND \"kind\" "
                  "IS 'tag' AND \"position\" IS 0",
                  "update UPDATE \"contacts\" SET \"name\" = 'Ada', \"name_key\" = 'ada', "
                  "\"company\" = X'00FF' WHERE \"id\" IS 1"});
    // The row and, through the foreign keys' cascades, the conversation and the tag.
    CHECK(history[0].rows ==
          std::map<std::string, std::array<std::int64_t, 3>>{
              {"contacts", {0, 0, 1}}, {"contact_attrs", {0, 0, 1}}, {"interactions", {0, 0, 1}}});
    std::string contact_insert;
    for (const std::string& s : logged_statements(path, history[0].id)) {
        if (s.rfind("delete INSERT INTO \"contacts\" (\"id\",\"uuid\",\"name\",", 0) == 0) {
            contact_insert = s;
        }
    }
    CHECK_THAT(contact_insert, Catch::Contains(") VALUES (1,'") &&
                                   Catch::Contains(",'it''s 100% %s',") &&
                                   Catch::EndsWith(",NULL)"));

    repo.undo(history[0].id);
    CHECK(repo.find_contact(1)->name == "Ada L");
    repo.undo(history[1].id);
    CHECK(exact_rows(path, "contacts") == contacts);
    CHECK(exact_rows(path, "contact_attrs") == attrs);
    CHECK(dump(path) == everything);
    CHECK(repo.storage_problems().empty());
}

TEST_CASE("undo gives a unique value back in the right order, and logs only net changes",
          "[repository][undo]") {
    TempDir tmp;
    const std::string path = (tmp.path / "bmc.db").string();
    Repository repo(path);
    Contact ada = person("Ada");
    Contact bo = person("Bo"); // a larger id, so that a new person does not get Ada's
    {
        Repository::Transaction tx(repo);
        repo.insert_contact(ada);
        repo.insert_contact(bo);
        tx.commit();
    }
    const std::string before = dump(path);
    // One change deletes Ada and stores another person under her uuid (unique): undo must
    // delete the newcomer before Ada can come back.
    repo.set_change_label("bmc replace");
    {
        Repository::Transaction tx(repo);
        repo.delete_contact(ada.id);
        Contact heir = person("Heir");
        heir.uuid = ada.uuid;
        repo.insert_contact(heir);
        REQUIRE(heir.id > bo.id);
        // Stored and removed again within the change: nothing to undo.
        Contact brief = person("Brief");
        repo.insert_contact(brief);
        repo.delete_contact(brief.id);
        tx.commit();
    }
    const auto history = repo.undo_history(10);
    REQUIRE(history.size() == 2);
    CHECK(history[0].rows ==
          std::map<std::string, std::array<std::int64_t, 3>>{{"contacts", {1, 0, 1}}});
    repo.undo(history[0].id);
    CHECK(dump(path) == before);
    CHECK(repo.find_contact(ada.id)->name == "Ada");
}

// An import can move a conversation to a person it adds (a newer copy names the new person).
// Undo must move it back before deleting that person, whose foreign key cascade would take it.
TEST_CASE("undo moves a conversation back before it deletes the person the change added",
          "[repository][undo]") {
    TempDir tmp;
    const std::string path = (tmp.path / "bmc.db").string();
    Repository repo(path);
    Contact ada = person("Ada");
    bmc::Interaction talk = conversation(0, "tea");
    {
        Repository::Transaction tx(repo);
        repo.insert_contact(ada);
        talk.contact_id = ada.id;
        repo.insert_interaction(talk);
        tx.commit();
    }
    const std::string before = dump(path);
    for (const bool bulk : {false, true}) {
        INFO((bulk ? "added by insert_new_people" : "added by insert_contact"));
        {
            Repository::Transaction tx(repo);
            Contact neo = person("Neo");
            if (bulk) {
                std::vector<bmc::NewPerson> people{{&neo, {}}};
                repo.insert_new_people(people);
            } else {
                repo.insert_contact(neo);
            }
            bmc::Interaction moved = talk;
            moved.contact_id = neo.id;
            moved.note = "tea, with Neo";
            repo.update_interaction(moved);
            tx.commit();
        }
        REQUIRE(repo.interactions_of(ada.id).empty());
        // The conversation's key changed (its person): in the history, one row changed.
        CHECK(repo.undo_history(1).at(0).rows["interactions"] ==
              std::array<std::int64_t, 3>{0, 1, 0});
        repo.undo(repo.undo_history(1).at(0).id);
        CHECK(dump(path) == before);
        CHECK(repo.interactions_of(ada.id).size() == 1);
    }
}

TEST_CASE("a conversation given another date is one change, put back by one update",
          "[repository][undo]") {
    TempDir tmp;
    const std::string path = (tmp.path / "bmc.db").string();
    Repository repo(path);
    Contact ada = person("Ada");
    repo.insert_contact(ada);
    bmc::Interaction talk = conversation(ada.id, "tea");
    repo.insert_interaction(talk);
    const std::string before = dump(path);
    repo.set_change_label("bmc edit");
    {
        Repository::Transaction tx(repo);
        talk.date = bmc::parse_date("2026-03-05", bmc::Date{});
        talk.note = "green tea";
        repo.update_interaction(talk);
        tx.commit();
    }
    const auto history = repo.undo_history(1);
    REQUIRE(history.size() == 1);
    CHECK(history[0].rows ==
          std::map<std::string, std::array<std::int64_t, 3>>{{"interactions", {0, 1, 0}}});
    CHECK(logged_statements(path, history[0].id) ==
          Strings{"update UPDATE \"interactions\" SET \"date\" = '2026-03-04', \"note\" = 'tea' "
                  "WHERE \"id\" IS 1 AND \"contact_id\" IS 1 AND \"date\" IS '2026-03-05'"});
    repo.undo(history[0].id);
    CHECK(dump(path) == before);
}

TEST_CASE("undo of rm puts back everything the cascades took or cleared", "[repository][undo]") {
    TempDir tmp;
    const std::string path = (tmp.path / "bmc.db").string();
    Repository repo(path);
    Contact ada = person("Ada");
    Contact bo = person("Bo");
    Contact cy = person("Cy");
    {
        Repository::Transaction tx(repo);
        ada.emails = {"ada@example.org"};
        ada.tags = {"math"};
        for (Contact* c : {&ada, &bo, &cy}) {
            repo.insert_contact(*c);
        }
        bmc::Interaction talk = conversation(ada.id, "engines");
        repo.insert_interaction(talk);
        bmc::FollowUp f;
        f.uuid = bmc::new_uuid();
        f.contact_id = ada.id;
        f.text = "send the notes";
        f.created_on = bmc::parse_date("2026-03-04", bmc::Date{});
        f.created_at = f.updated_at = "2026-03-04T00:00:00Z";
        repo.insert_followup(f);
        repo.set_date({ada.id, "birthday", bmc::parse_yearly_date("1815-12-10", "birthday")});
        bmc::Introduction intro;
        intro.uuid = bmc::new_uuid();
        intro.a = ada.id;
        intro.b = bo.id;
        intro.date = bmc::parse_date("2026-03-05", bmc::Date{});
        intro.created_at = intro.updated_at = "2026-03-05T00:00:00Z";
        repo.insert_introduction(intro);
        repo.set_introduced_by(cy.id, ada.id); // cleared (SET NULL) when Ada goes
        tx.commit();
    }
    const std::string before = dump(path);
    {
        Repository::Transaction tx(repo);
        repo.delete_contact(ada.id);
        tx.commit();
    }
    const auto history = repo.undo_history(1);
    REQUIRE(history.size() == 1);
    CHECK(history[0].rows ==
          std::map<std::string, std::array<std::int64_t, 3>>{{"contacts", {0, 1, 1}},
                                                             {"contact_attrs", {0, 0, 2}},
                                                             {"interactions", {0, 0, 1}},
                                                             {"followups", {0, 0, 1}},
                                                             {"important_dates", {0, 0, 1}},
                                                             {"introductions", {0, 0, 1}}});
    repo.undo(history[0].id);
    CHECK(dump(path) == before);
    CHECK(repo.storage_problems().empty());
}

TEST_CASE("insert_new_people refuses to follow a removal in the same change",
          "[repository][undo]") {
    TempDir tmp;
    const std::string path = (tmp.path / "bmc.db").string();
    Repository repo(path);
    {
        Repository::Transaction tx(repo);
        Contact a = person("A");
        Contact b = person("B");
        repo.insert_contact(a);
        repo.insert_contact(b);
        tx.commit();
    }
    {
        Repository::Transaction tx(repo);
        repo.delete_contact(2); // the largest id: a new person would get it again
        Contact c = person("C");
        std::vector<bmc::NewPerson> people{{&c, {}}};
        CHECK_THROWS_WITH(repo.insert_new_people(people),
                          Catch::StartsWith("cannot record how to undo this import"));
    }
    CHECK(repo.count_contacts() == 2);
    // The next change starts afresh.
    {
        Repository::Transaction tx(repo);
        Contact d = person("D");
        std::vector<bmc::NewPerson> people{{&d, {}}};
        repo.insert_new_people(people);
        tx.commit();
    }
    CHECK(repo.count_contacts() == 3);
}

TEST_CASE("insert_new_people logs one inverse per table instead of a row per row, and undo "
          "removes exactly those people",
          "[repository][undo]") {
    TempDir tmp;
    const std::string path = (tmp.path / "bmc.db").string();
    Repository repo(path);
    {
        Repository::Transaction tx(repo);
        Contact ada = person("Ada");
        ada.emails = {"ada@example.org"};
        repo.insert_contact(ada);
        repo.set_date({ada.id, "birthday", bmc::parse_yearly_date("1815-12-10", "birthday")});
        tx.commit();
    }
    const std::string before = dump(path);
    const std::size_t logged_before = undo_log_of(path).size();

    repo.set_change_label("bmc import");
    std::vector<Contact> added;
    {
        Repository::Transaction tx(repo);
        // Changes to people already stored, before and after, are logged row by row.
        Contact ada = *repo.find_contact(1);
        ada.company = "Analytical Engines";
        repo.update_contact(ada);
        for (int i = 0; i < 3; ++i) {
            added.push_back(person("New " + std::to_string(i)));
            added.back().tags = {"imported", "t" + std::to_string(i)};
        }
        std::vector<bmc::NewPerson> people;
        for (Contact& c : added) {
            people.push_back({&c, {}});
        }
        people[1].dates.push_back({0, "birthday", bmc::parse_yearly_date("--02-29", "birthday")});
        repo.insert_new_people(people);
        CHECK(added[0].id == 2);
        CHECK(added[2].id == 4);
        CHECK(people[1].dates[0].contact_id == 3);
        // The session records again: this is logged.
        repo.set_setting("cadence.weak", "10m");
        Contact later = *repo.find_contact(3);
        later.notes = "edited in the same change";
        repo.update_contact(later);
        tx.commit();
    }
    CHECK(repo.count_contacts() == 4);
    REQUIRE(repo.find_contact(3));
    CHECK(repo.find_contact(3)->tags == Strings{"imported", "t1"});
    CHECK(repo.dates_of(3).size() == 1);

    const auto log = undo_log_of(path);
    std::int64_t bulk_rows = 0;
    std::size_t bulk = 0;
    for (std::size_t i = logged_before; i < log.size(); ++i) {
        if (log[i].rows > 1 || log[i].table == "important_dates") {
            ++bulk;
            bulk_rows += log[i].rows;
        }
    }
    CHECK(bulk == 3);              // contacts, contact_attrs, important_dates
    CHECK(bulk_rows == 3 + 6 + 1); // people, tags, birthday
    // Besides: Ada's update (her row; her email, deleted and written again as it was, is no
    // change), the setting, and the later edit of a new person (their row; the same for tags).
    CHECK(log.size() - logged_before == 3 + 1 + 1 + 1);

    auto history = repo.undo_history(10);
    REQUIRE(history.size() == 2);
    CHECK(history[0].description == "bmc import");
    CHECK(history[0].rows["contacts"][0] == 3);
    CHECK(history[0].rows["contact_attrs"][0] >= 6);
    CHECK(history[0].rows["important_dates"] == std::array<std::int64_t, 3>{1, 0, 0});
    CHECK(history[0].rows["settings"] == std::array<std::int64_t, 3>{1, 0, 0});

    repo.undo(history[0].id);
    CHECK(dump(path) == before);
    CHECK(repo.storage_problems().empty());
    // The next change is logged as usual, and undone too.
    {
        Repository::Transaction tx(repo);
        Contact c = person("After");
        repo.insert_contact(c);
        tx.commit();
    }
    repo.undo(repo.undo_history(1)[0].id);
    CHECK(dump(path) == before);
}

TEST_CASE("insert_new_people outside a recorded change logs nothing, a failure leaves the "
          "session recording",
          "[repository][undo]") {
    TempDir tmp;
    const std::string path = (tmp.path / "bmc.db").string();
    Repository repo(path);
    {
        Repository::Transaction tx(repo, false);
        Contact c = person("Quiet");
        std::vector<bmc::NewPerson> people{{&c, {}}};
        repo.insert_new_people(people);
        tx.commit();
    }
    CHECK(repo.count_contacts() == 1);
    CHECK(undo_log_of(path).empty());
    {
        Repository::Transaction tx(repo);
        Contact dup = person("Duplicate uuid");
        dup.uuid = repo.find_contact(1)->uuid;
        std::vector<bmc::NewPerson> people{{&dup, {}}};
        CHECK_THROWS_AS(repo.insert_new_people(people), bmc::DatabaseError);
    }
    {
        Repository::Transaction tx(repo);
        Contact c = person("Logged");
        repo.insert_contact(c);
        tx.commit();
    }
    const auto log = undo_log_of(path);
    REQUIRE(log.size() == 1);
    CHECK(log[0].table == "contacts");
    CHECK(log[0].rows == 1);
}

TEST_CASE("insert_new_people refuses ids it could not undo by range", "[repository][undo]") {
    TempDir tmp;
    const std::string path = (tmp.path / "bmc.db").string();
    { Repository repo(path); }
    {
        // With the largest possible id taken, SQLite picks new ids at random.
        SQLite::Database raw(path, SQLite::OPEN_READWRITE);
        raw.exec("INSERT INTO contacts (id, uuid, name, name_key, strength, created_at, "
                 "updated_at) VALUES (9223372036854775807, '" +
                 bmc::new_uuid() + "', 'Last', 'last', 'weak', 'x', 'x')");
    }
    Repository repo(path);
    {
        Repository::Transaction tx(repo);
        Contact c = person("Random id");
        std::vector<bmc::NewPerson> people{{&c, {}}};
        CHECK_THROWS_AS(repo.insert_new_people(people), bmc::DatabaseError);
    }
    CHECK(repo.count_contacts() == 1);
    CHECK(repo.undo_history(10).empty());
}

namespace {

// How many temporary files SQLite has open in this process (named etilqs_…, already deleted).
int open_sqlite_temp_files() {
    int n = 0;
    for (const auto& fd : fs::directory_iterator("/proc/self/fd")) {
        std::error_code ec;
        const fs::path target = fs::read_symlink(fd.path(), ec);
        if (!ec && target.filename().string().find("etilqs_") != std::string::npos) {
            ++n;
        }
    }
    return n;
}

} // namespace

// Every statement that may fail after changing a page (foreign key checks; the undo triggers of
// schema versions 4 to 7) keeps a statement journal; on disk, a bulk write rewrote it in a
// temporary file for every statement (half the CPU time of a large import).
TEST_CASE("a bulk write keeps its statement journals in memory, not in a temporary file",
          "[repository][undo]") {
    TempDir tmp;
    Repository repo((tmp.path / "bmc.db").string());
    Repository::Transaction tx(repo);
    for (int i = 0; i < 3000; ++i) {
        Contact c = person("Person " + std::to_string(i));
        c.tags = {"imported", "batch"};
        repo.insert_contact(c);
    }
    CHECK(open_sqlite_temp_files() == 0);
    tx.commit();
    CHECK(repo.count_contacts() == 3000);
}

// Migrations ask for the opposite (migration 9 drops a whole table, whose freed pages a journal in
// memory would hold): one statement that changes many pages, a person's removal with thousands of
// conversations, then journals to a temporary file, kept open until the transaction ends.
TEST_CASE("a transaction asking for statement journals in files gets them", "[repository][undo]") {
    for (const auto journals :
         {Repository::StatementJournals::in_memory, Repository::StatementJournals::in_files}) {
        const bool in_files = journals == Repository::StatementJournals::in_files;
        INFO((in_files ? "in files" : "in memory"));
        TempDir tmp;
        Repository repo((tmp.path / "bmc.db").string());
        Contact ada = person("Ada");
        {
            Repository::Transaction tx(repo, false);
            repo.insert_contact(ada);
            for (int i = 0; i < 3000; ++i) {
                bmc::Interaction talk = conversation(ada.id, std::string(200, 'x'));
                repo.insert_interaction(talk);
            }
            tx.commit();
        }
        Repository::Transaction tx(repo, false, journals);
        repo.delete_contact(ada.id);
        CHECK((open_sqlite_temp_files() > 0) == in_files);
        tx.commit();
        CHECK(repo.count_contacts() == 0);
    }
}
