// Unit tests of the repository's safety features (repository_safety.cpp): the undo triggers and
// history, and the refusal of tampered undo statements.
#include "bmc/errors.hpp"
#include "bmc/repository.hpp"
#include "bmc/uuid.hpp"

#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <stdexcept>
#include <string>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using bmc::Contact;
using bmc::Repository;

using bmc::test::TempDir;

Contact person(const std::string& name) {
    Contact c;
    c.uuid = bmc::new_uuid();
    c.name = name;
    c.created_at = c.updated_at = "2026-01-01T00:00:00Z";
    return c;
}

} // namespace

// If this fails after adding a table: add its name to undoable_tables in
// src/repository_safety.cpp (see "The undo history" in docs/ARCHITECTURE.md).
TEST_CASE("every data table has undo triggers", "[repository][undo]") {
    TempDir tmp;
    const std::string path = (tmp.path / "bmc.db").string();
    { Repository repo(path); }
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    std::set<std::string> triggers;
    SQLite::Statement t(raw, "SELECT name FROM sqlite_master WHERE type = 'trigger'");
    while (t.executeStep()) {
        triggers.insert(t.getColumn(0).getString());
    }
    SQLite::Statement tables(raw, "SELECT name FROM sqlite_master WHERE type = 'table' AND name "
                                  "NOT IN ('undo_changes', 'undo_log')");
    int count = 0;
    while (tables.executeStep()) {
        const std::string table = tables.getColumn(0).getString();
        ++count;
        for (const char* op : {"insert", "update", "delete"}) {
            INFO("table " << table);
            CHECK(triggers.count("undo_" + table + "_" + op) == 1);
        }
    }
    CHECK(count >= 5);
}

TEST_CASE("a recorded transaction is one undo entry; undo puts every row back",
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

TEST_CASE("undo refuses statements the triggers did not write", "[repository][undo]") {
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
