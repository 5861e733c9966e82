// Unit tests for the SQLite storage (bmc/repository.hpp): schema and file checks, round trips of
// contacts, interactions and settings, the due and list queries, transactions and streaming.
#include "bmc/dates.hpp"
#include "bmc/errors.hpp"
#include "bmc/repository.hpp"
#include "bmc/text.hpp"
#include "bmc/uuid.hpp"

#include "temp_dir.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace {

namespace fs = std::filesystem;
using bmc::Contact;
using bmc::Date;
using bmc::Interaction;
using bmc::Repository;
using bmc::Strength;

Date d(const char* iso) {
    return bmc::parse_iso_date(iso);
}

using bmc::test::TempDir;

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

unsigned mode_of(const fs::path& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return static_cast<unsigned>(st.st_mode) & 07777u;
}

int pragma(const std::string& path, const char* name) {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    return raw.execAndGet(std::string("PRAGMA ") + name).getInt();
}

// Opens `path`, which must fail with a DatabaseError whose message contains `fragment`.
void expect_refused(const std::string& path, const std::string& fragment) {
    try {
        Repository repo(path);
        FAIL_CHECK("expected bmc::DatabaseError opening " << path);
    } catch (const bmc::DatabaseError& e) {
        CHECK_THAT(std::string(e.what()), Catch::Contains(fragment));
        CHECK_FALSE(e.hint().empty());
        CHECK(e.code() == bmc::exit_runtime);
    }
}

Contact minimal(const std::string& name) {
    Contact c;
    c.uuid = bmc::new_uuid();
    c.name = name;
    c.created_at = "2026-01-01T00:00:00Z";
    c.updated_at = "2026-01-02T00:00:00Z";
    return c;
}

Contact full() {
    Contact c;
    c.uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
    c.name = "Ada Lovelace";
    c.strength = Strength::strong;
    c.every = bmc::Interval{10, bmc::Interval::Unit::weeks};
    c.emails = {"zed@example.org", "ada@example.org", "m@example.org"};
    c.phones = {"+44 1", "+33 2"};
    c.company = "Analytical Engines";
    c.title = "Countess";
    c.tags = {"writing", "math", "art"};
    c.met = "PyCon, hallway";
    c.met_on = d("2024-05-01");
    c.notes = "line 1\nline 2\tand a tab";
    c.archived = true;
    c.snoozed_until = d("2027-01-02");
    c.created_at = "2026-01-01T10:00:00Z";
    c.updated_at = "2026-02-02T11:00:00Z";
    c.last_interaction = d("2026-10-01");
    c.next_due = d("2026-12-10");
    return c;
}

void check_same(const Contact& got, const Contact& want) {
    CHECK(got.id == want.id);
    CHECK(got.uuid == want.uuid);
    CHECK(got.name == want.name);
    CHECK(got.strength == want.strength);
    CHECK(got.every == want.every);
    CHECK(got.emails == want.emails);
    CHECK(got.phones == want.phones);
    CHECK(got.company == want.company);
    CHECK(got.title == want.title);
    CHECK(got.tags == want.tags);
    CHECK(got.met == want.met);
    CHECK(got.met_on == want.met_on);
    CHECK(got.notes == want.notes);
    CHECK(got.archived == want.archived);
    CHECK(got.snoozed_until == want.snoozed_until);
    CHECK(got.created_at == want.created_at);
    CHECK(got.updated_at == want.updated_at);
    CHECK(got.last_interaction == want.last_interaction);
    CHECK(got.next_due == want.next_due);
}

Interaction talk(std::int64_t contact_id, const char* date, const char* note = nullptr) {
    Interaction i;
    i.uuid = bmc::new_uuid();
    i.contact_id = contact_id;
    i.date = d(date);
    if (note != nullptr) {
        i.note = note;
    }
    i.created_at = i.updated_at = "2026-03-01T00:00:00Z";
    return i;
}

void check_same(const Interaction& got, const Interaction& want) {
    CHECK(got.id == want.id);
    CHECK(got.uuid == want.uuid);
    CHECK(got.contact_id == want.contact_id);
    CHECK(got.date == want.date);
    CHECK(got.via == want.via);
    CHECK(got.by == want.by);
    CHECK(got.note == want.note);
    CHECK(got.created_at == want.created_at);
    CHECK(got.updated_at == want.updated_at);
}

std::vector<std::int64_t> ids(const std::vector<bmc::ContactSummary>& rows) {
    std::vector<std::int64_t> out;
    for (const auto& r : rows) {
        out.push_back(r.contact.id);
    }
    return out;
}

std::vector<std::int64_t> ids(const std::vector<bmc::ContactRef>& refs) {
    std::vector<std::int64_t> out;
    for (const auto& r : refs) {
        out.push_back(r.id);
    }
    return out;
}

std::vector<std::int64_t> ids(const std::vector<bmc::ListRow>& rows) {
    std::vector<std::int64_t> out;
    for (const auto& r : rows) {
        out.push_back(r.id);
    }
    return out;
}

std::vector<std::int64_t> ids(const std::vector<Interaction>& list) {
    std::vector<std::int64_t> out;
    for (const auto& i : list) {
        out.push_back(i.id);
    }
    return out;
}

using Ids = std::vector<std::int64_t>;

} // namespace

// ---------------------------------------------------------------------------------------------
// Opening, schema and file checks
// ---------------------------------------------------------------------------------------------

TEST_CASE("the schema constants are version 3 or later and application id 'BMC1'", "[repository]") {
    STATIC_REQUIRE(Repository::schema_version >= 3);
    STATIC_REQUIRE(Repository::application_id == 0x424D4331);
}

TEST_CASE("a new in-memory database is empty and usable", "[repository]") {
    Repository repo(":memory:");
    CHECK(repo.path() == ":memory:");
    CHECK(repo.count_contacts() == 0);
    CHECK(repo.all_names().empty());
    CHECK(repo.settings().empty());
    CHECK(repo.due_contacts(d("9999-12-31"), std::nullopt).empty());
    CHECK(repo.list_contacts({}).empty());
    Contact c = minimal("Ada");
    repo.insert_contact(c);
    CHECK(c.id == 1);
    Interaction i = talk(c.id, "2026-01-01");
    repo.insert_interaction(i);
    CHECK(i.id == 1);
    repo.set_setting("k", "v");
    CHECK(repo.count_contacts() == 1);
    CHECK(repo.count_interactions(c.id) == 1);
    CHECK(repo.get_setting("k") == "v");
}

TEST_CASE("two in-memory databases are private to each other", "[repository]") {
    Repository a(":memory:");
    Repository b(":memory:");
    Contact c = minimal("Ada");
    a.insert_contact(c);
    CHECK(a.count_contacts() == 1);
    CHECK(b.count_contacts() == 0);
}

TEST_CASE("a new database file gets the schema, user_version and application_id", "[repository]") {
    TempDir tmp;
    const std::string path = tmp.file("bmc.db");
    {
        Repository repo(path);
        CHECK(repo.path() == path);
        CHECK(repo.count_contacts() == 0);
    }
    CHECK(pragma(path, "user_version") == Repository::schema_version);
    CHECK(pragma(path, "application_id") == Repository::application_id);
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    CHECK(raw.execAndGet("PRAGMA journal_mode").getString() == "wal");
    std::vector<std::string> tables;
    SQLite::Statement st(raw, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    while (st.executeStep()) {
        tables.push_back(st.getColumn(0).getString());
    }
    CHECK(tables == std::vector<std::string>{"contact_attrs", "contacts", "followups",
                                             "important_dates", "interactions", "introductions",
                                             "settings", "undo_changes", "undo_log"});
}

TEST_CASE("stored dates read back exactly, and a date that does not exist is refused",
          "[repository]") {
    TempDir tmp;
    const std::string path = tmp.file("bmc.db");
    {
        Repository repo(path);
        // Days past the 28th, month ends and leap days go through the full check.
        for (const char* day : {"2024-02-29", "2026-01-31", "2026-12-31", "2026-04-30",
                                "0001-01-01", "9999-12-28", "2026-11-28", "2026-11-09"}) {
            Contact c = minimal(std::string("Person ") + day);
            c.met_on = d(day);
            c.next_due = d(day);
            repo.insert_contact(c);
            const auto back = repo.find_contact(c.id);
            REQUIRE(back);
            CHECK(bmc::format_date(*back->met_on) == day);
            CHECK(bmc::format_date(*back->next_due) == day);
        }
    }
    // Dates changed outside bmc: each is refused as a database error, not misread.
    for (const char* bad : {"2023-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "0000-01-01",
                            "2026-1-01", "2026/01/01", "2026-01-0x", "2026-01-00"}) {
        {
            SQLite::Database raw(path, SQLite::OPEN_READWRITE);
            raw.exec(std::string("UPDATE contacts SET met_on = '") + bad + "' WHERE id = 1");
        }
        Repository repo(path);
        INFO(bad);
        CHECK_THROWS_AS(repo.find_contact(1), bmc::DatabaseError);
    }
}

TEST_CASE("foreign keys are enforced: a conversation needs its person", "[repository]") {
    TempDir tmp;
    Repository repo(tmp.file("bmc.db"));
    Interaction orphan = talk(4242, "2026-01-01");
    CHECK_THROWS(repo.insert_interaction(orphan));
}

// The conversations table has no rowid (schema 9): bmc gives the ids, as SQLite gave rowids.
TEST_CASE("a conversation gets the largest id plus one, and none is left after the largest",
          "[repository]") {
    TempDir tmp;
    const std::string path = tmp.file("bmc.db");
    Repository repo(path);
    Contact ada = minimal("Ada");
    repo.insert_contact(ada);
    std::vector<std::int64_t> ids;
    for (const char* day : {"2026-03-01", "2026-01-01", "2026-02-01"}) {
        Interaction i = talk(ada.id, day);
        repo.insert_interaction(i);
        ids.push_back(i.id);
    }
    CHECK(ids == std::vector<std::int64_t>{1, 2, 3});
    {
        SQLite::Database raw(path, SQLite::OPEN_READWRITE);
        raw.exec("UPDATE interactions SET id = 40 WHERE id = 2");
    }
    Interaction next = talk(ada.id, "2026-04-01");
    repo.insert_interaction(next);
    CHECK(next.id == 41);
    CHECK(repo.find_interaction_by_uuid(next.uuid)->id == 41);

    // The largest id there is in use: refused, and nothing stored.
    {
        SQLite::Database raw(path, SQLite::OPEN_READWRITE);
        raw.exec("UPDATE interactions SET id = 9223372036854775807 WHERE id = 41");
    }
    Interaction refused = talk(ada.id, "2026-05-01");
    CHECK_THROWS_AS(repo.insert_interaction(refused), bmc::DatabaseError);
    CHECK(repo.count_interactions(ada.id) == 4);
    CHECK_FALSE(repo.find_interaction_by_uuid(refused.uuid));
}

TEST_CASE("a writer waits for another process's write lock instead of failing", "[repository]") {
    TempDir tmp;
    const std::string path = tmp.file("bmc.db");
    Repository repo(path);
    // Another connection (as another bmc process would) holds the write lock for a while.
    SQLite::Database other(path, SQLite::OPEN_READWRITE);
    other.exec("BEGIN IMMEDIATE");
    other.exec("INSERT INTO settings(key, value) VALUES ('cadence.weak', '10m')");
    std::thread release([&other] {
        std::this_thread::sleep_for(std::chrono::milliseconds(700));
        other.exec("COMMIT");
    });
    const auto start = std::chrono::steady_clock::now();
    Contact c = full();
    bool stored = false;
    try {
        Repository::Transaction tx(repo);
        repo.insert_contact(c);
        tx.commit();
        stored = true;
    } catch (...) {
    }
    release.join();
    CHECK(stored);
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(500));
    CHECK(repo.count_contacts() == 1);
}

TEST_CASE("reopening a database file keeps its data and its version", "[repository]") {
    TempDir tmp;
    const std::string path = tmp.file("bmc.db");
    Contact c = full();
    {
        Repository repo(path);
        repo.insert_contact(c);
        Interaction i = talk(c.id, "2026-05-05", "hi");
        repo.insert_interaction(i);
        repo.set_setting("cadence.weak", "10m");
    }
    {
        Repository repo(path, false);
        const auto found = repo.find_contact(c.id);
        REQUIRE(found);
        check_same(*found, c);
        CHECK(repo.count_interactions(c.id) == 1);
        CHECK(repo.get_setting("cadence.weak") == "10m");
    }
    CHECK(pragma(path, "user_version") == Repository::schema_version);
}

TEST_CASE("an existing empty file becomes a new bmc database", "[repository]") {
    TempDir tmp;
    const std::string path = tmp.file("empty.db");
    write_bytes(path, "");
    {
        Repository repo(path);
        CHECK(repo.count_contacts() == 0);
    }
    CHECK(pragma(path, "user_version") == Repository::schema_version);
    CHECK(pragma(path, "application_id") == Repository::application_id);
}

TEST_CASE("opening a missing database without create fails and creates nothing", "[repository]") {
    TempDir tmp;
    const std::string path = (tmp.path / "sub" / "bmc.db").string();
    try {
        Repository repo(path, false);
        FAIL_CHECK("expected bmc::DatabaseError");
    } catch (const bmc::DatabaseError& e) {
        CHECK(std::string(e.what()) == "no database at " + path);
    }
    CHECK_FALSE(fs::exists(tmp.path / "sub"));
}

TEST_CASE("a directory is refused as a database path", "[repository]") {
    TempDir tmp;
    expect_refused(tmp.path.string(), "is a directory");
}

TEST_CASE("a file of garbage bytes is refused and left byte for byte unchanged", "[repository]") {
    TempDir tmp;
    SECTION("a large file") {
        std::string garbage;
        for (int i = 0; i < 1000; ++i) {
            garbage += "this is not a database; ";
            garbage += static_cast<char>(i % 256);
        }
        const std::string path = tmp.file("notes.txt");
        write_bytes(path, garbage);
        expect_refused(path, "is not a bmc database");
        CHECK(read_bytes(path) == garbage);
    }
    SECTION("a small file") {
        const std::string path = tmp.file("small.txt");
        write_bytes(path, "hello\n");
        expect_refused(path, "is not a bmc database");
        CHECK(read_bytes(path) == "hello\n");
    }
}

TEST_CASE("a database written by a newer bmc is refused and left unchanged", "[repository]") {
    TempDir tmp;
    const std::string path = tmp.file("bmc.db");
    {
        Repository repo(path);
        Contact c = minimal("Ada");
        repo.insert_contact(c);
    }
    {
        SQLite::Database raw(path, SQLite::OPEN_READWRITE);
        raw.exec("PRAGMA user_version = " + std::to_string(Repository::schema_version + 1));
    }
    const std::string before = read_bytes(path);
    REQUIRE_FALSE(before.empty());
    expect_refused(path, "newer bmc");
    CHECK(read_bytes(path) == before);
    CHECK(pragma(path, "user_version") == Repository::schema_version + 1);
}

TEST_CASE("an SQLite database of another program is refused and left unchanged", "[repository]") {
    TempDir tmp;
    SECTION("a foreign table, no application id") {
        const std::string path = tmp.file("other.db");
        {
            SQLite::Database raw(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            raw.exec("CREATE TABLE photos (id INTEGER PRIMARY KEY, file TEXT)");
            raw.exec("INSERT INTO photos (file) VALUES ('a.jpg')");
        }
        const std::string before = read_bytes(path);
        expect_refused(path, "not a bmc database");
        CHECK(read_bytes(path) == before);
        SQLite::Database raw(path, SQLite::OPEN_READWRITE);
        CHECK(raw.execAndGet("SELECT count(*) FROM sqlite_master").getInt() == 1);
    }
    SECTION("another application id") {
        const std::string path = tmp.file("other.db");
        {
            SQLite::Database raw(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            raw.exec("PRAGMA application_id = 1234");
        }
        const std::string before = read_bytes(path);
        expect_refused(path, "another program");
        CHECK(read_bytes(path) == before);
    }
    SECTION("no table but a user_version") {
        const std::string path = tmp.file("other.db");
        {
            SQLite::Database raw(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            raw.exec("PRAGMA user_version = 7");
        }
        const std::string before = read_bytes(path);
        expect_refused(path, "not a bmc database");
        CHECK(read_bytes(path) == before);
    }
}

TEST_CASE("a database in missing nested directories creates them 0700 and the file 0600",
          "[repository]") {
    TempDir tmp;
    fs::create_directory(tmp.path / "existing");
    fs::permissions(tmp.path / "existing", fs::perms(0755));
    const fs::path file = tmp.path / "existing" / "a" / "b" / "bmc.db";
    {
        Repository repo(file.string());
        Contact c = minimal("Ada");
        repo.insert_contact(c);
    }
    CHECK(mode_of(tmp.path / "existing") == 0755u); // existing directories keep their mode
    CHECK(mode_of(tmp.path / "existing" / "a") == 0700u);
    CHECK(mode_of(tmp.path / "existing" / "a" / "b") == 0700u);
    CHECK(mode_of(file) == 0600u);
    Repository again(file.string(), false);
    CHECK(again.count_contacts() == 1);
}

TEST_CASE("a path through a regular file is refused and the file left unchanged", "[repository]") {
    TempDir tmp;
    const std::string blocker = tmp.file("plain.txt");
    write_bytes(blocker, "keep me");
    expect_refused(blocker + "/sub/bmc.db", "cannot create directory");
    expect_refused(blocker + "/bmc.db", "cannot create database");
    CHECK(read_bytes(blocker) == "keep me");
}

TEST_CASE("a database file in an existing directory is created 0600", "[repository]") {
    TempDir tmp;
    const std::string path = tmp.file("bmc.db");
    { Repository repo(path); }
    CHECK(mode_of(path) == 0600u);
}

// ---------------------------------------------------------------------------------------------
// Contacts
// ---------------------------------------------------------------------------------------------

TEST_CASE("a contact with every field set round-trips, list order kept", "[repository]") {
    Repository repo(":memory:");
    Contact c = full();
    repo.insert_contact(c);
    CHECK(c.id == 1);
    const auto found = repo.find_contact(c.id);
    REQUIRE(found);
    check_same(*found, c);
    const auto by_uuid = repo.find_contact_by_uuid(c.uuid);
    REQUIRE(by_uuid);
    check_same(*by_uuid, c);
}

TEST_CASE("a contact with only the required fields round-trips with nulls", "[repository]") {
    Repository repo(":memory:");
    Contact c = minimal("Grace");
    c.strength = Strength::weak;
    repo.insert_contact(c);
    const auto found = repo.find_contact(c.id);
    REQUIRE(found);
    check_same(*found, c);
    CHECK_FALSE(found->every.has_value());
    CHECK_FALSE(found->company.has_value());
    CHECK_FALSE(found->title.has_value());
    CHECK_FALSE(found->met.has_value());
    CHECK_FALSE(found->met_on.has_value());
    CHECK_FALSE(found->notes.has_value());
    CHECK_FALSE(found->snoozed_until.has_value());
    CHECK_FALSE(found->last_interaction.has_value());
    CHECK_FALSE(found->next_due.has_value());
    CHECK(found->emails.empty());
    CHECK(found->phones.empty());
    CHECK(found->tags.empty());
    CHECK_FALSE(found->archived);
}

TEST_CASE("an empty string is stored as a value, not as null", "[repository]") {
    Repository repo(":memory:");
    Contact c = minimal("Grace");
    c.company = "";
    c.notes = "";
    repo.insert_contact(c);
    const auto found = repo.find_contact(c.id);
    REQUIRE(found);
    CHECK(found->company == std::optional<std::string>(""));
    CHECK(found->notes == std::optional<std::string>(""));
}

TEST_CASE("updating a contact rewrites every field, sets and clears", "[repository]") {
    Repository repo(":memory:");
    Contact other = full();
    other.uuid = bmc::new_uuid();
    other.name = "Other";
    repo.insert_contact(other);

    Contact c = minimal("Grace Hopper");
    repo.insert_contact(c);

    // Set everything.
    Contact changed = full();
    changed.id = c.id;
    changed.uuid = c.uuid;
    repo.update_contact(changed);
    auto found = repo.find_contact(c.id);
    REQUIRE(found);
    check_same(*found, changed);

    // Reorder and shrink lists, clear optionals.
    Contact cleared = changed;
    cleared.name = "Rear Admiral Hopper";
    cleared.strength = Strength::medium;
    cleared.every.reset();
    cleared.emails = {"m@example.org", "zed@example.org"};
    cleared.phones.clear();
    cleared.tags = {"art", "writing", "math", "new"};
    cleared.company.reset();
    cleared.title.reset();
    cleared.met.reset();
    cleared.met_on.reset();
    cleared.notes.reset();
    cleared.archived = false;
    cleared.snoozed_until.reset();
    cleared.last_interaction.reset();
    cleared.next_due.reset();
    cleared.updated_at = "2026-11-22T08:15:00Z";
    repo.update_contact(cleared);
    found = repo.find_contact(c.id);
    REQUIRE(found);
    check_same(*found, cleared);

    // The lookup key follows the new name.
    CHECK(repo.find_by_exact_name("grace hopper").empty());
    CHECK(ids(repo.find_by_exact_name("rear admiral hopper")) == Ids{c.id});

    // The other contact is untouched.
    const auto untouched = repo.find_contact(other.id);
    REQUIRE(untouched);
    check_same(*untouched, other);
}

TEST_CASE("unknown ids and uuids find nothing", "[repository]") {
    Repository repo(":memory:");
    Contact c = minimal("Ada");
    repo.insert_contact(c);
    CHECK_FALSE(repo.find_contact(c.id + 1).has_value());
    CHECK_FALSE(repo.find_contact(0).has_value());
    CHECK_FALSE(repo.find_contact_by_uuid(bmc::new_uuid()).has_value());
    CHECK_FALSE(repo.find_interaction_by_uuid(c.uuid).has_value());
}

TEST_CASE("deleting a contact removes it with its interactions and attributes only",
          "[repository]") {
    TempDir tmp;
    const std::string path = tmp.file("bmc.db");
    Contact keep = full();
    Contact gone = minimal("Gone");
    gone.emails = {"g@example.org"};
    gone.tags = {"x"};
    Interaction kept_talk;
    Interaction gone_talk;
    {
        Repository repo(path);
        repo.insert_contact(keep);
        repo.insert_contact(gone);
        kept_talk = talk(keep.id, "2026-01-01");
        gone_talk = talk(gone.id, "2026-01-02");
        Interaction second = talk(gone.id, "2026-01-03");
        repo.insert_interaction(kept_talk);
        repo.insert_interaction(gone_talk);
        repo.insert_interaction(second);
        REQUIRE(repo.count_interactions(gone.id) == 2);

        repo.delete_contact(gone.id);
        CHECK_FALSE(repo.find_contact(gone.id).has_value());
        CHECK_FALSE(repo.find_contact_by_uuid(gone.uuid).has_value());
        CHECK(repo.count_interactions(gone.id) == 0);
        CHECK(repo.interactions_of(gone.id).empty());
        CHECK_FALSE(repo.find_interaction_by_uuid(gone_talk.uuid).has_value());
        CHECK(repo.count_contacts() == 1);
        CHECK(repo.count_interactions(keep.id) == 1);
        const auto still = repo.find_contact(keep.id);
        REQUIRE(still);
        check_same(*still, keep);

        // Deleting an unknown id is a no-op.
        repo.delete_contact(999);
        CHECK(repo.count_contacts() == 1);
    }
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    CHECK(raw.execAndGet("SELECT count(*) FROM interactions").getInt() == 1);
    CHECK(raw.execAndGet("SELECT count(*) FROM contact_attrs WHERE contact_id = " +
                         std::to_string(gone.id))
              .getInt() == 0);
    CHECK(raw.execAndGet("SELECT count(*) FROM contact_attrs WHERE contact_id = " +
                         std::to_string(keep.id))
              .getInt() == 8); // 3 emails + 2 phones + 3 tags
}

TEST_CASE("quotes and semicolons in text are stored verbatim", "[repository]") {
    Repository repo(":memory:");
    Contact bystander = minimal("Bystander");
    repo.insert_contact(bystander);

    Contact c = minimal("Robert'); DROP TABLE contacts;--");
    c.company = "O'Brien \"Ltd\"; DELETE FROM contacts WHERE 1=1; --";
    c.title = "%_\\ ' \" ; */ /*";
    c.notes = "'; UPDATE contacts SET name = 'x' --";
    c.met = "\"quoted\"";
    c.emails = {"a'b@example.org", "x\"); DROP TABLE contact_attrs;--"};
    c.phones = {"1; DROP TABLE settings"};
    c.tags = {"it's", "semi;colon"};
    repo.insert_contact(c);
    Interaction i = talk(c.id, "2026-01-01", "'); DROP TABLE interactions;--");
    i.via = "call'); --";
    repo.insert_interaction(i);
    repo.set_setting("key'; DROP TABLE settings;--", "value'); --");

    const auto found = repo.find_contact(c.id);
    REQUIRE(found);
    check_same(*found, c);
    CHECK(repo.count_contacts() == 2);
    const auto other = repo.find_contact(bystander.id);
    REQUIRE(other);
    CHECK(other->name == "Bystander");
    CHECK(ids(repo.find_by_exact_name(bmc::fold_case(c.name))) == Ids{c.id});
    CHECK(ids(repo.find_by_name_part("'); drop table", 10)) == Ids{c.id});
    const auto talks = repo.interactions_of(c.id);
    REQUIRE(talks.size() == 1);
    check_same(talks[0], i);
    CHECK(repo.get_setting("key'; DROP TABLE settings;--") == "value'); --");
    bmc::ListQuery q;
    q.tag = "it's";
    CHECK(ids(repo.list_contacts(q)) == Ids{c.id});
}

TEST_CASE("inserting a second contact with the same uuid is a DatabaseError", "[repository]") {
    // The header promises "Errors surface as DatabaseError"; a failed statement currently
    // escapes as SQLite::Exception.
    Repository repo(":memory:");
    Contact a = minimal("Ada");
    repo.insert_contact(a);
    Contact b = minimal("Bob");
    b.uuid = a.uuid;
    CHECK_THROWS_AS(repo.insert_contact(b), bmc::DatabaseError);
    CHECK(repo.count_contacts() == 1);
}

// ---------------------------------------------------------------------------------------------
// Interactions
// ---------------------------------------------------------------------------------------------

TEST_CASE("an interaction round-trips with all fields and with nulls", "[repository]") {
    Repository repo(":memory:");
    Contact c = minimal("Ada");
    repo.insert_contact(c);

    Interaction with = talk(c.id, "2026-03-14", "a long\nnote");
    with.via = "coffee";
    with.by = bmc::Initiator::them;
    with.created_at = "2026-03-14T10:00:00Z";
    with.updated_at = "2026-03-15T10:00:00Z";
    repo.insert_interaction(with);
    CHECK(with.id == 1);

    Interaction without = talk(c.id, "2026-03-10");
    repo.insert_interaction(without);
    CHECK(without.id == 2);

    auto found = repo.find_interaction_by_uuid(with.uuid);
    REQUIRE(found);
    check_same(*found, with);
    found = repo.find_interaction_by_uuid(without.uuid);
    REQUIRE(found);
    check_same(*found, without);
    CHECK_FALSE(found->via.has_value());
    CHECK_FALSE(found->by.has_value());
    CHECK_FALSE(found->note.has_value());

    // Update every field, moving it to another person.
    Contact other = minimal("Bob");
    repo.insert_contact(other);
    Interaction changed = with;
    changed.contact_id = other.id;
    changed.date = d("2026-01-01");
    changed.via.reset();
    changed.by = bmc::Initiator::me;
    changed.note = "edited";
    changed.created_at = "2026-01-01T00:00:00Z";
    changed.updated_at = "2026-11-22T00:00:00Z";
    repo.update_interaction(changed);
    found = repo.find_interaction_by_uuid(with.uuid);
    REQUIRE(found);
    check_same(*found, changed);
    CHECK(repo.count_interactions(c.id) == 1);
    CHECK(repo.count_interactions(other.id) == 1);
}

TEST_CASE("interactions_of lists one person's interactions newest first", "[repository]") {
    Repository repo(":memory:");
    Contact a = minimal("Ada");
    Contact b = minimal("Bob");
    repo.insert_contact(a);
    repo.insert_contact(b);
    CHECK(repo.interactions_of(a.id).empty());
    CHECK_FALSE(repo.latest_interaction_date(a.id).has_value());
    CHECK(repo.count_interactions(a.id) == 0);

    Interaction i1 = talk(a.id, "2026-02-01");
    Interaction i2 = talk(a.id, "2026-05-01");
    Interaction i3 = talk(b.id, "2026-09-01");
    Interaction i4 = talk(a.id, "2025-12-31");
    Interaction i5 = talk(a.id, "2026-05-01"); // same day as i2, logged later
    for (Interaction* i : {&i1, &i2, &i3, &i4, &i5}) {
        repo.insert_interaction(*i);
    }
    CHECK(ids(repo.interactions_of(a.id)) == Ids{i5.id, i2.id, i1.id, i4.id});
    CHECK(ids(repo.interactions_of(b.id)) == Ids{i3.id});
    CHECK(repo.latest_interaction_date(a.id) == d("2026-05-01"));
    CHECK(repo.latest_interaction_date(b.id) == d("2026-09-01"));
    CHECK(repo.count_interactions(a.id) == 4);
    CHECK(repo.count_interactions(b.id) == 1);
}

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

TEST_CASE("due_contacts orders by due date, then strong before medium before weak, then name",
          "[repository]") {
    Repository repo(":memory:");
    const auto add = [&](const char* name, Strength s, std::optional<Date> due,
                         bool archived = false) {
        Contact c = minimal(name);
        c.strength = s;
        c.next_due = due;
        c.archived = archived;
        repo.insert_contact(c);
        return c.id;
    };
    const auto zed = add("Zed", Strength::weak, d("2026-11-01"));
    const auto yan = add("Yan", Strength::strong, d("2026-11-01"));
    const auto xia = add("xia", Strength::medium, d("2026-11-01"));
    const auto walt = add("Walt", Strength::weak, d("2026-10-01"));
    const auto abe = add("abe", Strength::strong, d("2026-11-01"));
    const auto later = add("Later", Strength::strong, d("2026-11-23"));
    add("Archived", Strength::strong, std::nullopt, true);
    const auto edge = add("Edge", Strength::weak, d("2026-11-22"));
    const auto old = add("Old", Strength::weak, d("2019-01-01"));

    const Date today = d("2026-11-22");
    CHECK(ids(repo.due_contacts(today, std::nullopt)) == Ids{old, walt, abe, yan, xia, zed, edge});
    CHECK(ids(repo.due_contacts(today, 3)) == Ids{old, walt, abe});
    CHECK(ids(repo.due_contacts(today, 1)) == Ids{old});
    CHECK(repo.due_contacts(today, 0).empty());
    CHECK(ids(repo.due_contacts(d("2026-11-23"), std::nullopt)) ==
          Ids{old, walt, abe, yan, xia, zed, edge, later});
    CHECK(ids(repo.due_contacts(d("2026-10-31"), std::nullopt)) == Ids{old, walt});
    CHECK(repo.due_contacts(d("2018-12-31"), std::nullopt).empty());
}

TEST_CASE("due_contacts carries each person's latest interaction", "[repository]") {
    Repository repo(":memory:");
    Contact a = minimal("Ada");
    a.next_due = d("2026-01-01");
    Contact b = minimal("Bob");
    b.next_due = d("2026-02-01");
    repo.insert_contact(a);
    repo.insert_contact(b);
    Interaction old = talk(a.id, "2025-01-01", "old");
    Interaction newest = talk(a.id, "2025-07-01", "newest");
    Interaction middle = talk(a.id, "2025-03-01", "middle");
    repo.insert_interaction(old);
    repo.insert_interaction(newest);
    repo.insert_interaction(middle);
    const auto rows = repo.due_contacts(d("2026-11-22"), std::nullopt);
    REQUIRE(rows.size() == 2);
    REQUIRE(rows[0].last.has_value());
    check_same(*rows[0].last, newest);
    CHECK_FALSE(rows[1].last.has_value());
    check_same(rows[0].contact, a);
    check_same(rows[1].contact, b);
}

TEST_CASE("due_contacts reads emails, phones and tags only with details", "[repository]") {
    Repository repo(":memory:");
    Contact a = minimal("Ada");
    a.next_due = d("2026-01-01");
    a.emails = {"ada@example.com"};
    a.phones = {"+44 20 7946 0000"};
    a.tags = {"math", "poetry"};
    repo.insert_contact(a);
    const auto full = repo.due_contacts(d("2026-11-22"), std::nullopt);
    REQUIRE(full.size() == 1);
    check_same(full[0].contact, a);
    const auto lean = repo.due_contacts(d("2026-11-22"), std::nullopt, false);
    REQUIRE(lean.size() == 1);
    CHECK(lean[0].contact.name == "Ada");
    CHECK(lean[0].contact.next_due == a.next_due);
    CHECK(lean[0].contact.emails.empty());
    CHECK(lean[0].contact.phones.empty());
    CHECK(lean[0].contact.tags.empty());
}

TEST_CASE("list_rows reads what the list table shows", "[repository]") {
    Repository repo(":memory:");
    Contact a = minimal("Ada");
    a.notes = "poetical science";
    a.tags = {"math"};
    a.strength = Strength::strong;
    a.last_interaction = d("2026-10-01");
    a.next_due = d("2027-01-31"); // past the 28th: the fully checked date path
    repo.insert_contact(a);
    Contact b = minimal("Babbage");
    b.strength = Strength::weak;
    b.archived = true; // archived: no due date
    repo.insert_contact(b);

    const auto rows = repo.list_rows({});
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].id == a.id);
    CHECK(rows[0].name == "Ada");
    CHECK(rows[0].strength == Strength::strong);
    CHECK(rows[0].last_interaction == a.last_interaction);
    CHECK(rows[0].next_due == a.next_due);

    bmc::ListQuery archived;
    archived.archived = true;
    const auto gone = repo.list_rows(archived);
    REQUIRE(gone.size() == 1);
    CHECK(gone[0].name == "Babbage");
    CHECK(gone[0].strength == Strength::weak);
    CHECK_FALSE(gone[0].next_due);
    CHECK_FALSE(gone[0].last_interaction);

    // list_contacts still gives the whole person, with or without details.
    bmc::ListQuery full;
    const auto whole = repo.list_contacts(full);
    REQUIRE(whole.size() == 1);
    check_same(whole[0].contact, a);
    full.with_details = false;
    CHECK(repo.list_contacts(full)[0].contact.notes == a.notes);
    CHECK(repo.list_contacts(full)[0].contact.tags.empty());
}

TEST_CASE("list_contacts and list_rows filter by tag, strength and archived, and sort",
          "[repository]") {
    Repository repo(":memory:");
    const auto add = [&](const char* name, Strength s, std::vector<std::string> tags,
                         std::optional<Date> due, std::optional<Date> last, bool archived) {
        Contact c = minimal(name);
        c.strength = s;
        c.tags = std::move(tags);
        c.next_due = due;
        c.last_interaction = last;
        c.archived = archived;
        repo.insert_contact(c);
        return c.id;
    };
    const auto carol =
        add("Carol", Strength::strong, {"climbing"}, d("2027-01-01"), d("2026-10-01"), false);
    const auto alice =
        add("alice", Strength::weak, {"work", "climbing"}, d("2026-12-01"), std::nullopt, false);
    const auto bob = add("Bob", Strength::medium, {"work"}, std::nullopt, d("2026-11-01"), false);
    const auto dave =
        add("Dave", Strength::strong, {"climbing"}, std::nullopt, d("2026-01-01"), true);
    const auto eve = add("Eve", Strength::medium, {}, d("2026-12-01"), d("2026-10-01"), false);

    // list_rows() must select and order exactly as list_contacts() does.
    const auto listed = [&](const bmc::ListQuery& query) {
        const Ids full = ids(repo.list_contacts(query));
        CHECK(ids(repo.list_rows(query)) == full);
        return full;
    };
    bmc::ListQuery q;
    CHECK(listed(q) == Ids{alice, bob, carol, eve});

    q.tag = "climbing";
    CHECK(listed(q) == Ids{alice, carol});
    q.tag = "work";
    CHECK(listed(q) == Ids{alice, bob});
    q.tag = "nope";
    CHECK(listed(q).empty());
    q.tag = "climbing";
    q.strength = Strength::weak;
    CHECK(listed(q) == Ids{alice});
    q.tag.reset();
    q.strength = Strength::strong;
    CHECK(listed(q) == Ids{carol});
    q.strength = Strength::medium;
    CHECK(listed(q) == Ids{bob, eve});

    q.strength.reset();
    q.archived = true;
    CHECK(listed(q) == Ids{dave});
    q.tag = "climbing";
    q.strength = Strength::strong;
    CHECK(listed(q) == Ids{dave});
    q.tag = "work";
    CHECK(listed(q).empty());

    bmc::ListQuery by_due;
    by_due.sort = bmc::ListQuery::Sort::due;
    CHECK(listed(by_due) == Ids{eve, alice, carol, bob});

    bmc::ListQuery by_last;
    by_last.sort = bmc::ListQuery::Sort::last;
    CHECK(listed(by_last) == Ids{bob, carol, eve, alice});

    bmc::ListQuery by_name;
    by_name.sort = bmc::ListQuery::Sort::name;
    CHECK(listed(by_name) == Ids{alice, bob, carol, eve});
}

TEST_CASE("find_by_exact_name matches the folded name, find_by_name_part a folded part",
          "[repository]") {
    Repository repo(":memory:");
    const auto add = [&](const char* name, bool archived = false) {
        Contact c = minimal(name);
        c.archived = archived;
        repo.insert_contact(c);
        return c.id;
    };
    const auto ada = add("Ada Lovelace");
    const auto ada2 = add("ADA LOVELACE");
    const auto adam = add("Adam Smith");
    const auto old = add("Aadam Archived", true);
    const auto zoe = add("Zoë Adams");
    const auto bob = add("Bob");

    auto exact = repo.find_by_exact_name("ada lovelace");
    CHECK(ids(exact) == Ids{ada, ada2});
    REQUIRE(exact.size() == 2);
    CHECK(exact[0].name == "Ada Lovelace");
    CHECK(exact[1].name == "ADA LOVELACE");
    CHECK(repo.find_by_exact_name("ada").empty());
    CHECK(ids(repo.find_by_exact_name("zoë adams")) == Ids{zoe});
    CHECK(ids(repo.find_by_exact_name("bob")) == Ids{bob});

    // Active people first, then by folded name, then id.
    CHECK(ids(repo.find_by_name_part("ada", 10)) == Ids{ada, ada2, adam, zoe, old});
    CHECK(ids(repo.find_by_name_part("ada", 2)) == Ids{ada, ada2});
    CHECK(ids(repo.find_by_name_part("smith", 10)) == Ids{adam});
    CHECK(ids(repo.find_by_name_part("ë a", 10)) == Ids{zoe});
    CHECK(repo.find_by_name_part("xyz", 10).empty());
    CHECK(repo.find_by_name_part("%", 10).empty());
    CHECK(repo.find_by_name_part("_", 10).empty());

    const auto all = repo.all_names();
    CHECK(ids(all) == Ids{ada, ada2, adam, old, zoe, bob});
    REQUIRE(all.size() == 6);
    CHECK(all[3].name == "Aadam Archived");
    CHECK(repo.count_contacts() == 6);
}

TEST_CASE("schedule_rows selects contacts of a strength without override, set_schedule stores",
          "[repository]") {
    Repository repo(":memory:");
    Contact weak = minimal("Weak");
    weak.strength = Strength::weak;
    weak.met_on = d("2026-01-10");
    weak.snoozed_until = d("2027-01-01");
    weak.last_interaction = d("2026-02-02");
    weak.next_due = d("2026-11-02");
    Contact weak_override = minimal("Weak override");
    weak_override.strength = Strength::weak;
    weak_override.every = bmc::Interval{3, bmc::Interval::Unit::months};
    Contact medium = minimal("Medium");
    medium.archived = true;
    for (Contact* c : {&weak, &weak_override, &medium}) {
        repo.insert_contact(*c);
    }

    const auto rows = repo.schedule_rows(Strength::weak);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].id == weak.id);
    CHECK(rows[0].strength == Strength::weak);
    CHECK_FALSE(rows[0].every.has_value());
    CHECK(rows[0].met_on == d("2026-01-10"));
    CHECK(rows[0].snoozed_until == d("2027-01-01"));
    CHECK(rows[0].last_interaction == d("2026-02-02"));
    CHECK(rows[0].next_due == d("2026-11-02"));
    CHECK_FALSE(rows[0].archived);

    CHECK(repo.schedule_rows(Strength::strong).empty());
    const auto all = repo.schedule_rows(std::nullopt);
    REQUIRE(all.size() == 3);
    CHECK(all[1].every == bmc::Interval{3, bmc::Interval::Unit::months});
    CHECK(all[2].archived);
    CHECK(all[2].strength == Strength::medium);

    repo.set_schedule(weak.id, d("2026-03-03"), d("2026-12-03"));
    auto found = repo.find_contact(weak.id);
    REQUIRE(found);
    CHECK(found->last_interaction == d("2026-03-03"));
    CHECK(found->next_due == d("2026-12-03"));
    CHECK(found->updated_at == weak.updated_at);
    repo.set_schedule(weak.id, std::nullopt, std::nullopt);
    found = repo.find_contact(weak.id);
    REQUIRE(found);
    CHECK_FALSE(found->last_interaction.has_value());
    CHECK_FALSE(found->next_due.has_value());
}

// ---------------------------------------------------------------------------------------------
// Settings, transactions, streaming
// ---------------------------------------------------------------------------------------------

TEST_CASE("settings can be set, overwritten, listed and deleted", "[repository]") {
    Repository repo(":memory:");
    CHECK_FALSE(repo.get_setting("cadence.weak").has_value());
    repo.set_setting("cadence.weak", "10m");
    repo.set_setting("cadence.strong", "2m");
    CHECK(repo.get_setting("cadence.weak") == "10m");
    repo.set_setting("cadence.weak", "1y");
    CHECK(repo.get_setting("cadence.weak") == "1y");
    CHECK(repo.settings() ==
          std::map<std::string, std::string>{{"cadence.strong", "2m"}, {"cadence.weak", "1y"}});
    repo.delete_setting("cadence.weak");
    CHECK_FALSE(repo.get_setting("cadence.weak").has_value());
    CHECK(repo.get_setting("cadence.strong") == "2m");
    repo.delete_setting("never.set");
    CHECK(repo.settings() == std::map<std::string, std::string>{{"cadence.strong", "2m"}});
    repo.set_setting("empty", "");
    CHECK(repo.get_setting("empty") == std::optional<std::string>(""));
}

TEST_CASE("a transaction without commit rolls everything back", "[repository]") {
    Repository repo(":memory:");
    Contact kept = minimal("Kept");
    repo.insert_contact(kept);
    {
        Repository::Transaction tx(repo);
        Contact c = minimal("Ada");
        repo.insert_contact(c);
        Interaction i = talk(kept.id, "2026-01-01");
        repo.insert_interaction(i);
        repo.set_setting("k", "v");
        Contact renamed = kept;
        renamed.name = "Renamed";
        renamed.tags = {"t"};
        repo.update_contact(renamed);
        CHECK(repo.count_contacts() == 2); // visible inside the transaction
    }
    CHECK(repo.count_contacts() == 1);
    CHECK(repo.count_interactions(kept.id) == 0);
    CHECK_FALSE(repo.get_setting("k").has_value());
    const auto found = repo.find_contact(kept.id);
    REQUIRE(found);
    check_same(*found, kept);

    // An exception unwinding through a transaction rolls it back too.
    try {
        Repository::Transaction tx(repo);
        Contact c = minimal("Ada");
        repo.insert_contact(c);
        throw std::runtime_error("boom");
    } catch (const std::runtime_error&) {
    }
    CHECK(repo.count_contacts() == 1);

    // A committed transaction stays, and a new one can start afterwards.
    {
        Repository::Transaction tx(repo);
        Contact c = minimal("Ada");
        repo.insert_contact(c);
        tx.commit();
    }
    CHECK(repo.count_contacts() == 2);
    {
        Repository::Transaction tx(repo);
        repo.delete_contact(kept.id);
        tx.commit();
    }
    CHECK(repo.count_contacts() == 1);
}

TEST_CASE("a rolled-back transaction leaves nothing in the database file", "[repository]") {
    TempDir tmp;
    const std::string path = tmp.file("bmc.db");
    {
        Repository repo(path);
        {
            Repository::Transaction tx(repo);
            Contact c = minimal("Ada");
            repo.insert_contact(c);
        }
        {
            Repository::Transaction tx(repo);
            Contact c = minimal("Bob");
            repo.insert_contact(c);
            tx.commit();
        }
    }
    Repository repo(path, false);
    const auto names = repo.all_names();
    REQUIRE(names.size() == 1);
    CHECK(names[0].name == "Bob");
}

TEST_CASE("for_each_contact streams every contact by id with its interactions oldest first",
          "[repository]") {
    Repository repo(":memory:");
    Contact a = full();
    Contact none = minimal("Nobody talked");
    Contact deleted = minimal("Deleted");
    Contact c = minimal("Carol");
    Contact last = minimal("Last, no talks");
    for (Contact* x : {&a, &none, &deleted, &c, &last}) {
        repo.insert_contact(*x);
    }
    // Inserted out of date order and interleaved between people.
    Interaction a2 = talk(a.id, "2026-05-01", "a2");
    Interaction c1 = talk(c.id, "2026-01-01", "c1");
    Interaction a1 = talk(a.id, "2026-01-01", "a1");
    Interaction x1 = talk(deleted.id, "2026-01-01", "x1");
    Interaction a3 = talk(a.id, "2026-05-01", "a3"); // same day as a2, later id
    Interaction a0 = talk(a.id, "2025-01-01", "a0");
    for (Interaction* i : {&a2, &c1, &a1, &x1, &a3, &a0}) {
        repo.insert_interaction(*i);
    }
    repo.delete_contact(deleted.id);

    std::vector<Contact> seen;
    std::vector<Ids> batches;
    std::vector<std::int64_t> owners;
    repo.for_each_contact([&](const Contact& contact, const std::vector<Interaction>& list,
                              const std::vector<bmc::FollowUp>&) {
        seen.push_back(contact);
        batches.push_back(ids(list));
        for (const auto& i : list) {
            owners.push_back(i.contact_id == contact.id ? 1 : 0);
        }
    });
    REQUIRE(seen.size() == 4);
    check_same(seen[0], a);
    check_same(seen[1], none);
    check_same(seen[2], c);
    check_same(seen[3], last);
    CHECK(batches == std::vector<Ids>{Ids{a0.id, a1.id, a2.id, a3.id}, Ids{}, Ids{c1.id}, Ids{}});
    CHECK(owners == Ids{1, 1, 1, 1, 1});
}

TEST_CASE("for_each_contact on an empty database calls nothing", "[repository]") {
    Repository repo(":memory:");
    int calls = 0;
    repo.for_each_contact([&](const Contact&, const std::vector<Interaction>&,
                              const std::vector<bmc::FollowUp>&) { ++calls; });
    CHECK(calls == 0);
    // A contact without interactions still comes, with an empty list.
    Contact c = minimal("Solo");
    repo.insert_contact(c);
    repo.for_each_contact([&](const Contact& contact, const std::vector<Interaction>& list,
                              const std::vector<bmc::FollowUp>&) {
        ++calls;
        CHECK(contact.id == c.id);
        CHECK(list.empty());
    });
    CHECK(calls == 1);
}

namespace {

// Records what for_each_contact_row() hands over, copying the rows' text (valid only during
// the call) into Interactions.
class RowLog final : public Repository::ContactVisitor {
public:
    std::vector<std::string> events;
    std::vector<Contact> contacts;
    std::vector<std::vector<Interaction>> talks;
    std::vector<std::vector<bmc::FollowUp>> notes;

    void contact(const Contact& c) override {
        events.push_back("contact " + c.name);
        contacts.push_back(c);
        talks.emplace_back();
    }
    void interaction(const bmc::InteractionRow& r) override {
        events.push_back("interaction");
        const auto copy = [](const std::optional<std::string_view>& v) {
            return v ? std::optional<std::string>(std::string(*v)) : std::nullopt;
        };
        Interaction i;
        i.id = r.id;
        i.uuid = std::string(r.uuid);
        i.contact_id = r.contact_id;
        i.date = r.date;
        i.via = copy(r.via);
        i.by = r.by;
        i.note = copy(r.note);
        i.gave = copy(r.gave);
        i.received = copy(r.received);
        i.asked = copy(r.asked);
        i.created_at = std::string(r.created_at);
        i.updated_at = std::string(r.updated_at);
        talks.back().push_back(std::move(i));
    }
    void end_contact(const Contact& c, const std::vector<bmc::FollowUp>& f) override {
        events.push_back("end " + c.name);
        notes.push_back(f);
    }
};

} // namespace

TEST_CASE("for_each_contact_row hands over every field of the rows that for_each_contact builds",
          "[repository]") {
    Repository repo(":memory:");
    Contact a = full();
    Contact b = minimal("Bob");
    Contact c = minimal("Carol");
    for (Contact* x : {&a, &b, &c}) {
        repo.insert_contact(*x);
    }
    Interaction every = talk(a.id, "2026-05-01", "a note with \"quotes\" and ü");
    every.via = "coffee";
    every.by = bmc::Initiator::them;
    every.gave = "a book";
    every.received = "advice";
    every.asked = "a favour";
    every.updated_at = "2026-03-02T00:00:00Z";
    Interaction empty = talk(a.id, "2026-01-01", ""); // empty text is not NULL
    empty.via = "";
    empty.by = bmc::Initiator::me;
    Interaction bare = talk(c.id, "0001-01-01"); // every optional field NULL
    for (Interaction* i : {&every, &empty, &bare}) {
        repo.insert_interaction(*i);
    }
    bmc::FollowUp f;
    f.uuid = bmc::new_uuid();
    f.contact_id = c.id;
    f.text = "send the paper";
    f.created_on = d("2026-03-01");
    f.created_at = f.updated_at = "2026-03-01T00:00:00Z";
    repo.insert_followup(f);

    RowLog log;
    repo.for_each_contact_row(log);
    CHECK(log.events == std::vector<std::string>{"contact Ada Lovelace", "interaction",
                                                 "interaction", "end Ada Lovelace", "contact Bob",
                                                 "end Bob", "contact Carol", "interaction",
                                                 "end Carol"});
    REQUIRE(log.contacts.size() == 3);
    check_same(log.contacts[0], a);
    check_same(log.contacts[2], c);
    REQUIRE(log.talks[0].size() == 2);
    check_same(log.talks[0][0], empty); // oldest first
    check_same(log.talks[0][1], every);
    REQUIRE(log.talks[2].size() == 1);
    check_same(log.talks[2][0], bare);
    CHECK(log.talks[0][0].note == std::optional<std::string>(""));
    CHECK(log.talks[0][0].via == std::optional<std::string>(""));
    CHECK_FALSE(log.talks[2][0].note.has_value());
    CHECK_FALSE(log.talks[2][0].by.has_value());
    REQUIRE(log.notes.size() == 3);
    CHECK(log.notes[0].empty());
    REQUIRE(log.notes[2].size() == 1);
    CHECK(log.notes[2][0].text == "send the paper");

    // for_each_contact, built on the same walk, gives the same interactions.
    std::vector<std::vector<Interaction>> built;
    repo.for_each_contact([&](const Contact&, const std::vector<Interaction>& list,
                              const std::vector<bmc::FollowUp>&) { built.push_back(list); });
    REQUIRE(built.size() == 3);
    REQUIRE(built[0].size() == 2);
    check_same(built[0][0], empty);
    check_same(built[0][1], every);
    CHECK(built[1].empty());
    check_same(built[2][0], bare);
}

TEST_CASE("for_each_contact_row walks only the people in a range of ids", "[repository]") {
    Repository repo(":memory:");
    std::vector<Contact> people;
    for (const char* name : {"A", "B", "C", "D", "E"}) {
        Contact c = minimal(name);
        c.tags = {std::string("t") + name};
        repo.insert_contact(c);
        people.push_back(c);
        Interaction i = talk(c.id, "2026-01-01");
        repo.insert_interaction(i);
        bmc::FollowUp f;
        f.uuid = bmc::new_uuid();
        f.contact_id = c.id;
        f.text = std::string("ask ") + name;
        f.created_on = d("2026-03-01");
        f.created_at = f.updated_at = "2026-03-01T00:00:00Z";
        repo.insert_followup(f);
    }
    RowLog part;
    repo.for_each_contact_row(part, {people[1].id, people[3].id});
    CHECK(part.events == std::vector<std::string>{"contact B", "interaction", "end B", "contact C",
                                                  "interaction", "end C", "contact D",
                                                  "interaction", "end D"});
    REQUIRE(part.contacts.size() == 3);
    CHECK(part.contacts[0].tags == std::vector<std::string>{"tB"});
    CHECK(part.contacts[2].tags == std::vector<std::string>{"tD"});
    REQUIRE(part.notes.size() == 3);
    REQUIRE(part.notes[1].size() == 1);
    CHECK(part.notes[1][0].text == "ask C");

    RowLog one;
    repo.for_each_contact_row(one, {people[4].id, people[4].id});
    CHECK(one.events == std::vector<std::string>{"contact E", "interaction", "end E"});
    RowLog none;
    repo.for_each_contact_row(none, {people[4].id + 1, people[4].id + 100});
    CHECK(none.events.empty());
    const auto range = repo.contact_ids();
    REQUIRE(range.has_value());
    CHECK(range->first == people[0].id);
    CHECK(range->last == people[4].id);
    CHECK_FALSE(Repository(":memory:").contact_ids().has_value());
}

TEST_CASE("a shared snapshot's readers see its snapshot, not later writes, writers are not kept "
          "out",
          "[repository][snapshot]") {
    TempDir tmp;
    const std::string path = tmp.file("bmc.db");
    Repository repo(path);
    for (const char* name : {"A", "B", "C"}) {
        Contact c = minimal(name);
        repo.insert_contact(c);
    }
    {
        Repository::SharedSnapshot snapshot(repo, 2);
        REQUIRE(snapshot.readers().size() == 2);
        // Another process writes while the readers read, without waiting: the write lock that
        // lined the readers up is no longer held.
        SQLite::Database other(path, SQLite::OPEN_READWRITE);
        other.exec("INSERT INTO settings (key, value) VALUES ('cadence.weak', '10m')");
        other.exec("DELETE FROM contacts WHERE name = 'B'");
        CHECK(other.execAndGet("SELECT count(*) FROM contacts").getInt() == 2);
        for (Repository* r : {&repo, snapshot.readers()[0].get(), snapshot.readers()[1].get()}) {
            CHECK(r->count_contacts() == 3);
            CHECK(r->settings().empty());
        }
    }
    // Once it ends, the main connection reads the database as it is now.
    CHECK(repo.count_contacts() == 2);
    CHECK(repo.get_setting("cadence.weak") == "10m");
}

TEST_CASE("a shared snapshot's readers and its connection read the same state while another "
          "connection commits",
          "[repository][snapshot]") {
    TempDir tmp;
    const std::string path = tmp.file("bmc.db");
    Repository repo(path);
    std::atomic<bool> done{false};
    std::atomic<int> commits{0};
    // Commits a new row every fraction of a millisecond; it waits for a lock it meets.
    std::thread writer([&] {
        try {
            SQLite::Database other(path, SQLite::OPEN_READWRITE, 5000);
            for (int k = 0; !done; ++k) {
                other.exec("INSERT INTO settings (key, value) VALUES ('k" + std::to_string(k) +
                           "', 'v')");
                ++commits;
                std::this_thread::sleep_for(std::chrono::microseconds(200));
            }
        } catch (const std::exception&) {
            commits = -1000000;
        }
    });
    int shared = 0;
    for (int round = 0; round < 60; ++round) {
        Repository::SharedSnapshot snapshot(repo, 2);
        const std::size_t seen = repo.settings().size();
        for (const auto& reader : snapshot.readers()) {
            CHECK(reader->settings().size() == seen);
        }
        // Reading again in the same snapshot gives the same count.
        CHECK(repo.settings().size() == seen);
        shared += snapshot.readers().empty() ? 0 : 1;
    }
    done = true;
    writer.join();
    // Most rounds find the lock free (the writer holds it only for a moment), and none of them
    // saw two states.
    CHECK(shared > 0);
    CHECK(commits > 0);
}

TEST_CASE("a shared snapshot without readers: in memory, or while another connection holds the "
          "write lock",
          "[repository][snapshot]") {
    Repository memory(":memory:");
    {
        Repository::SharedSnapshot snapshot(memory, 2);
        CHECK(snapshot.readers().empty());
        CHECK(memory.count_contacts() == 0);
    }

    TempDir tmp;
    const std::string path = tmp.file("bmc.db");
    Repository repo(path);
    Contact c = minimal("A");
    repo.insert_contact(c);
    SQLite::Database other(path, SQLite::OPEN_READWRITE);
    other.exec("BEGIN IMMEDIATE");
    other.exec("DELETE FROM contacts");
    {
        // No waiting for the lock (that would hold up the export): the connection reads alone,
        // in a read transaction of its own.
        const auto start = std::chrono::steady_clock::now();
        Repository::SharedSnapshot snapshot(repo, 2);
        CHECK(snapshot.readers().empty());
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
        CHECK(repo.count_contacts() == 1);
        other.exec("COMMIT");
        CHECK(repo.count_contacts() == 1); // still the snapshot
    }
    CHECK(repo.count_contacts() == 0);

    // Inside a transaction of the caller's, that transaction is the snapshot.
    Repository::Transaction tx(repo);
    Contact b = minimal("B");
    repo.insert_contact(b);
    {
        Repository::SharedSnapshot snapshot(repo, 2);
        CHECK(snapshot.readers().empty());
        CHECK(repo.count_contacts() == 1);
    }
    tx.commit();
    CHECK(repo.count_contacts() == 1);
}

TEST_CASE("stored dates outside the plain YYYY-MM-DD form read as before", "[repository]") {
    TempDir dir;
    const std::string path = (dir.path / "dates.db").string();
    Contact c = minimal("Dee");
    {
        Repository repo(path);
        repo.insert_contact(c);
        Interaction i = talk(c.id, "2026-05-01");
        repo.insert_interaction(i);
    }
    const auto stored_as = [&](const std::string& text) {
        {
            SQLite::Database raw(path, SQLite::OPEN_READWRITE);
            SQLite::Statement st(raw, "UPDATE interactions SET date = ?");
            st.bind(1, text);
            st.exec();
        }
        Repository repo(path);
        RowLog log;
        repo.for_each_contact_row(log);
        REQUIRE(log.talks.size() == 1);
        REQUIRE(log.talks[0].size() == 1);
        return bmc::format_date(log.talks[0][0].date);
    };
    CHECK(stored_as("2026-05-01") == "2026-05-01");
    CHECK(stored_as("0001-01-01") == "0001-01-01");
    CHECK(stored_as("2024-02-29") == "2024-02-29");
    // Not the form bmc writes, but what the general parser accepts: the same date as ever.
    CHECK(stored_as(" 2026-05-02 ") == "2026-05-02");
    for (const char* bad : {"2026-02-30", "0000-01-01", "2026-13-01", "2026-5-1", "20260501xx",
                            "2026/05/01", "abcd-ef-gh"}) {
        INFO(bad);
        try {
            stored_as(bad);
            FAIL_CHECK("expected a DatabaseError");
        } catch (const bmc::DatabaseError& e) {
            CHECK_THAT(std::string(e.what()), Catch::Contains("invalid date"));
        }
    }
}

TEST_CASE("open follow-ups and attributes read the same by lookups and by one pass",
          "[repository]") {
    // A few people are read with one indexed query each, many with one pass over the table:
    // both must give the same lists in the same order (deadlines first, earliest first).
    Repository repo(":memory:");
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 600; ++i) {
        Contact c = minimal("Person " + std::to_string(i));
        c.emails = {"p" + std::to_string(i) + "@example.org"};
        c.tags = {"b", "a"};
        repo.insert_contact(c);
        ids.push_back(c.id);
        for (int k = 0; k < i % 4; ++k) {
            bmc::FollowUp f;
            f.uuid = bmc::new_uuid();
            f.contact_id = c.id;
            f.text = "task " + std::to_string(k);
            if (k != 1) {
                f.by = d(k == 0 ? "2027-03-01" : "2027-01-15");
            }
            f.created_on = d("2026-11-01");
            f.done_on =
                (i % 7 == 0 && k == 0) ? std::optional<bmc::Date>(d("2026-11-02")) : std::nullopt;
            f.created_at = f.updated_at = "2026-11-01T00:00:00Z";
            repo.insert_followup(f);
        }
    }
    const auto all = repo.open_followups_of(ids); // 600 of 600: one pass
    const std::vector<std::int64_t> few(ids.begin() + 100, ids.begin() + 140);
    const auto some = repo.open_followups_of(few); // 40: lookups
    REQUIRE(repo.few_contacts(few.size()));
    REQUIRE_FALSE(repo.few_contacts(ids.size()));
    std::size_t compared = 0;
    for (const std::int64_t id : few) {
        const auto a = all.find(id);
        const auto b = some.find(id);
        REQUIRE((a == all.end()) == (b == some.end()));
        if (a == all.end()) {
            continue;
        }
        REQUIRE(a->second.size() == b->second.size());
        for (std::size_t k = 0; k < a->second.size(); ++k) {
            CHECK(a->second[k].id == b->second[k].id);
            ++compared;
        }
        // Deadlines first, the earliest first; the one without a deadline last.
        if (a->second.size() == 3) {
            CHECK(a->second[0].text == "task 2");
            CHECK(a->second[1].text == "task 0");
            CHECK(a->second[2].text == "task 1");
        }
    }
    CHECK(compared > 40);
    const auto listed = repo.list_contacts({}); // everyone: one pass over contact_attrs
    REQUIRE(listed.size() == 600);
    CHECK(listed.front().contact.tags == std::vector<std::string>{"b", "a"});
    const auto one = repo.find_contact(ids[5]); // one person: a lookup
    REQUIRE(one);
    CHECK(one->tags == std::vector<std::string>{"b", "a"});
    CHECK(one->emails == std::vector<std::string>{"p5@example.org"});
}

// The statements a bulk command reuses (Repository::cached) must not carry a failure over.
TEST_CASE("after a failed insert, the same statement works again", "[repository]") {
    Repository repo(":memory:");
    Contact ada;
    ada.uuid = bmc::new_uuid();
    ada.name = "Ada";
    ada.created_at = ada.updated_at = "2026-01-01T00:00:00Z";
    {
        Repository::Transaction tx(repo);
        repo.insert_contact(ada);
        tx.commit();
    }
    {
        Repository::Transaction tx(repo);
        Contact same_uuid = ada;
        same_uuid.name = "Copy";
        CHECK_THROWS_AS(repo.insert_contact(same_uuid), bmc::DatabaseError);
    }
    Contact grace = ada;
    grace.uuid = bmc::new_uuid();
    grace.name = "Grace";
    {
        Repository::Transaction tx(repo);
        CHECK_NOTHROW(repo.insert_contact(grace));
        tx.commit();
    }
    CHECK(repo.count_contacts() == 2);
}

TEST_CASE("the page cache size is fixed by the first open", "[repository]") {
    Repository first(":memory:"); // sets up the process's page cache (if no test did before)
    const std::size_t kib = Repository::page_cache_kib();
    CHECK((kib == Repository::small_page_cache_kib || kib == Repository::large_page_cache_kib));

    // Too late now: the pool exists, so another size is ignored.
    Repository::set_page_cache_kib(kib == Repository::small_page_cache_kib
                                       ? Repository::large_page_cache_kib
                                       : Repository::small_page_cache_kib);
    CHECK(Repository::page_cache_kib() == kib);
    Repository second(":memory:");
    CHECK(Repository::page_cache_kib() == kib);
}
