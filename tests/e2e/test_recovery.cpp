// End-to-end tests of recoverable changes: undo, rm --purge, backup, restore and check.
#include "run.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using bmc::e2e::read_file;
using bmc::e2e::Result;
using bmc::e2e::Sandbox;
using bmc::e2e::check::ok;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// The user data of the database (export without its timestamp), to compare states.
std::string state(Sandbox& sb) {
    json doc = json::parse(ok(sb, {"export", "--json"}));
    doc.erase("exported_at");
    return doc.dump() + ok(sb, {"config", "list"});
}

std::string text(const std::string& db, const std::string& sql) {
    SQLite::Database d(db, SQLite::OPEN_READONLY);
    return d.execAndGet(sql).getString();
}

std::int64_t scalar(const std::string& db, const std::string& sql) {
    SQLite::Database d(db, SQLite::OPEN_READONLY);
    return d.execAndGet(sql).getInt64();
}

unsigned mode_of(const std::string& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_mode & 0777;
}

} // namespace

TEST_CASE("undo reverts the most recent change, and repeated undo walks back", "[e2e]") {
    Sandbox sb;
    const std::string empty = state(sb);
    ok(sb, {"add", "Ada Lovelace", "--tag", "math", "--email", "ada@example.org"});
    const std::string s1 = state(sb);
    ok(sb, {"log", "Ada", "--via", "call", "--note", "new job", "--followup", "send the paper"});
    const std::string s2 = state(sb);
    ok(sb, {"edit", "Ada", "--company", "Analytical Engines", "--tag", "friend"});
    const std::string s3 = state(sb);
    ok(sb, {"config", "set", "cadence.medium", "3m"});
    const std::string s4 = state(sb);
    ok(sb, {"snooze", "Ada", "2027-01-10"});
    REQUIRE(state(sb) != s4);

    SECTION("without --yes it only says what it would revert") {
        const std::string before = sb.snapshot();
        const Result r = sb.bmc({"undo"});
        CHECK(r.code == 1);
        CHECK(r.out.empty());
        CHECK(r.err.rfind("bmc: error: not undone: this would revert #5 ", 0) == 0);
        CHECK(r.err.find("bmc snooze Ada 2027-01-10") != std::string::npos);
        CHECK(r.err.find("run again with --yes") != std::string::npos);
        CHECK((sb.snapshot() == before));
    }
    SECTION("each undo restores the state before one change") {
        const std::string out = ok(sb, {"undo", "--yes"});
        CHECK(out.rfind("Reverted #5 ", 0) == 0);
        CHECK(out.find("bmc snooze Ada 2027-01-10") != std::string::npos);
        CHECK(state(sb) == s4);
        CHECK(ok(sb, {"undo", "--yes"}).find("bmc config set cadence.medium 3m") !=
              std::string::npos);
        CHECK(state(sb) == s3);
        CHECK(ok(sb, {"undo", "-y"}).find("bmc edit Ada") != std::string::npos);
        CHECK(state(sb) == s2);
        CHECK(ok(sb, {"undo", "-y"}).find("bmc log Ada") != std::string::npos);
        CHECK(state(sb) == s1);
        CHECK(ok(sb, {"undo", "-y"}).find("bmc add 'Ada Lovelace'") != std::string::npos);
        CHECK(state(sb) == empty);
        const std::string before = sb.snapshot();
        const Result none = sb.bmc({"undo", "--yes"});
        CHECK(none.code == 1);
        CHECK(none.err == "bmc: error: there is nothing to undo — bmc keeps the last 100 "
                          "changes; see them with `bmc undo --list`\n");
        CHECK((sb.snapshot() == before));
        CHECK(text(sb.db(), "PRAGMA integrity_check") == "ok");
        CHECK(ok(sb, {"check"}).rfind("OK: ", 0) == 0);
    }
    SECTION("the history lists the changes, newest first, also as JSON") {
        const std::string list = ok(sb, {"undo", "--list"});
        CHECK(list.find("#5 ") < list.find("#1 "));
        CHECK(list.find("bmc log Ada --via call --note 'new job' --followup 'send the paper'") !=
              std::string::npos);
        const json j = json::parse(ok(sb, {"undo", "--list", "--json"}));
        REQUIRE(j["changes"].size() == 5);
        CHECK(j["changes"][0]["id"] == 5);
        CHECK(j["changes"][4]["description"] ==
              "bmc add 'Ada Lovelace' --tag math --email ada@example.org");
        CHECK(j["changes"][4]["rows"]["contacts"]["added"] == 1);
        CHECK(j["changes"][4]["rows"]["contact_attrs"]["added"] == 2);
        CHECK(j["changes"][3]["rows"]["interactions"]["added"] == 1);
        CHECK(j["changes"][3]["rows"]["followups"]["added"] == 1);
    }
    SECTION("a command that fails or changes nothing adds nothing to the history") {
        CHECK(sb.bmc({"log", "Ada", "Nobody"}).code != 0);
        CHECK(sb.bmc({"rm", "Ada"}).code == 1);
        ok(sb, {"edit", "Ada", "--company", "Analytical Engines"}); // the same value
        const json j = json::parse(ok(sb, {"undo", "--list", "--json"}));
        CHECK(j["changes"].size() == 5);
    }
}

TEST_CASE("undo of an import removes exactly what it added and changed", "[e2e]") {
    Sandbox sb;
    ok(sb, {"add", "Ada Lovelace", "--company", "Old Co"});
    ok(sb, {"log", "Ada", "--note", "before the import"});
    const std::string before = state(sb);
    const json ada = json::parse(ok(sb, {"export", "--json"}))["contacts"][0];
    json doc = json::array();
    json changed = {{"uuid", ada["uuid"]}, {"name", "Ada Lovelace"}, {"company", "New Co"}};
    doc.push_back(changed);
    for (int i = 0; i < 300; ++i) {
        doc.push_back({{"name", "Person " + std::to_string(i)}, {"tags", {"imported"}}});
    }
    {
        std::ofstream f(sb.dir() / "in.json");
        f << doc.dump();
    }
    ok(sb, {"import", "--json", (sb.dir() / "in.json").string()});
    REQUIRE(scalar(sb.db(), "SELECT count(*) FROM contacts") == 301);
    // A change after the import, by hand, is not touched when that later change is undone first.
    ok(sb, {"log", "Person 7", "--note", "after the import"});
    ok(sb, {"undo", "--yes"});
    CHECK(scalar(sb.db(), "SELECT count(*) FROM contacts") == 301);
    const std::string out = ok(sb, {"undo", "--yes"});
    CHECK(out.find("bmc import --json") != std::string::npos);
    CHECK(out.find("contacts: 300 added") != std::string::npos);
    CHECK(state(sb) == before);
    CHECK(scalar(sb.db(), "SELECT count(*) FROM contacts") == 1);
    CHECK(ok(sb, {"check"}).rfind("OK: 1 person, 1 conversation,", 0) == 0);
}

namespace {

// Every row of the data tables, ids and timestamps included, to compare states exactly.
std::string dump(const std::string& db) {
    SQLite::Database d(db, SQLite::OPEN_READONLY);
    std::string out;
    for (const char* table : {"contacts", "contact_attrs", "interactions", "followups", "settings",
                              "introductions", "important_dates"}) {
        SQLite::Statement st(
            d, std::string("SELECT * FROM ") + table +
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

// A bmc CSV file with new people, one of them three times in the file (merged into the first),
// birthdays, and Ada (by email) with a new company and a birthday.
void write_people_csv(const fs::path& file, int people) {
    std::ofstream f(file);
    f << "name,email,phone,company,title,tags,strength,met,met_on,notes,birthday\n";
    f << "Zed Newman,zed@example.org,,Acme,,new,strong,,,,\n";
    for (int i = 0; i < people; ++i) {
        f << "Person " << i << ",p" << i << "@example.org,,,,imported,,,,,"
          << (i % 3 == 0 ? "--02-29" : "") << "\n";
    }
    f << "Zed Newman,zed2@example.org,+1 555 0100,Other Co,CTO,extra,weak,conf,2020-01-02,a "
         "note,--05-06\n";
    f << "Ada Lovelace,ada@example.org,,New Co,,,,,,,1815-12-10\n";
    f << "Zed Newman,,,,,,,,,,1970-07-08\n";
}

} // namespace

TEST_CASE("undo of an import of new people is exact, into an empty database and into one whose "
          "people it merges",
          "[e2e]") {
    Sandbox sb;
    const fs::path file = sb.dir() / "people.csv";
    write_people_csv(file, 200);
    const std::string csv = file.string();

    SECTION("into a database without people") {
        ok(sb, {"config", "set", "cadence.weak", "10m"}); // creates the file
        const std::string settings = state(sb);
        const std::string rows_before = dump(sb.db());
        ok(sb, {"import", "--format", "csv", csv});
        CHECK(scalar(sb.db(), "SELECT count(*) FROM contacts") == 202);
        // One entry; the new people are one statement per table, not one per row.
        const json j = json::parse(ok(sb, {"undo", "--list", "--json"}));
        REQUIRE(j["changes"].size() == 2);
        CHECK(j["changes"][0]["rows"]["contacts"]["added"] == 202);
        CHECK(j["changes"][0]["rows"]["important_dates"]["added"] == 69);
        CHECK(scalar(sb.db(), "SELECT count(*) FROM undo_log WHERE change_id = 2") == 3);
        CHECK(ok(sb, {"undo", "--yes"}).find("contacts: 202 added") != std::string::npos);
        CHECK(state(sb) == settings);
        CHECK(dump(sb.db()) == rows_before);
        CHECK(scalar(sb.db(), "SELECT count(*) FROM contacts") == 0);
        CHECK(scalar(sb.db(), "SELECT count(*) FROM contact_attrs") == 0);
        CHECK(scalar(sb.db(), "SELECT count(*) FROM important_dates") == 0);
        CHECK(ok(sb, {"check"}).rfind("OK: 0 people,", 0) == 0);
    }
    for (const bool overwrite : {false, true}) {
        SECTION(overwrite ? "merging with --overwrite" : "merging") {
            ok(sb, {"add", "Ada Lovelace", "--email", "ada@example.org", "--company", "Old Co",
                    "--tag", "math"});
            ok(sb, {"log", "Ada", "--note", "before the import", "--followup", "write back"});
            ok(sb, {"date", "Ada", "anniversary", "2020-06-01"});
            const std::string before = state(sb);
            const std::string rows_before = dump(sb.db());
            std::vector<std::string> args{"import", "--format", "csv", csv};
            if (overwrite) {
                args.emplace_back("--overwrite");
            }
            ok(sb, args);
            CHECK(scalar(sb.db(), "SELECT count(*) FROM contacts") == 202); // Ada merged
            CHECK(text(sb.db(), "SELECT company FROM contacts WHERE id = 1") ==
                  (overwrite ? "New Co" : "Old Co"));
            CHECK(text(sb.db(),
                       "SELECT date FROM important_dates WHERE contact_id = 1 AND label_key = "
                       "'birthday'") == "1815-12-10");
            const std::string imported = dump(sb.db());
            // Later changes, to a new person and to Ada, are undone first, one by one.
            ok(sb, {"log", "Zed Newman", "--note", "after the import"});
            ok(sb, {"edit", "Ada", "--company", "Later Co"});
            ok(sb, {"undo", "--yes"});
            ok(sb, {"undo", "--yes"});
            CHECK(dump(sb.db()) == imported);
            const json j = json::parse(ok(sb, {"undo", "--list", "--json"}));
            REQUIRE(j["changes"].size() == 4);
            CHECK(j["changes"][0]["description"].get<std::string>().rfind("bmc import", 0) == 0);
            CHECK(j["changes"][0]["rows"]["contacts"]["added"] == 201);
            // Ada: her birthday is new either way; her company only with --overwrite.
            CHECK(j["changes"][0]["rows"]["important_dates"]["added"] == 69); // 67 + Zed + Ada
            if (overwrite) {
                CHECK(j["changes"][0]["rows"]["contacts"]["changed"] >= 1);
            } else {
                CHECK(j["changes"][0]["rows"]["contacts"]["changed"] == 0);
            }
            ok(sb, {"undo", "--yes"});
            CHECK(state(sb) == before);
            CHECK(dump(sb.db()) == rows_before);
            CHECK(scalar(sb.db(), "SELECT count(*) FROM contacts") == 1);
            CHECK(ok(sb, {"check"}).rfind("OK: 1 person, 1 conversation, 1 follow-up", 0) == 0);
        }
    }
}

TEST_CASE("the undo history keeps the last 100 changes", "[e2e]") {
    Sandbox sb;
    ok(sb, {"add", "Ada"});
    for (int i = 0; i < 105; ++i) {
        ok(sb, {"log", "Ada", "--note", "n" + std::to_string(i)});
    }
    CHECK(scalar(sb.db(), "SELECT count(*) FROM undo_changes") == 100);
    const json j = json::parse(ok(sb, {"undo", "--list", "--json"}));
    REQUIRE(j["changes"].size() == 100);
    CHECK(j["changes"][0]["description"] == "bmc log Ada --note n104");
    CHECK(j["changes"][99]["description"] == "bmc log Ada --note n5");
    for (int i = 0; i < 100; ++i) {
        ok(sb, {"undo", "--yes"});
    }
    CHECK(scalar(sb.db(), "SELECT count(*) FROM interactions") == 5);
    CHECK(sb.bmc({"undo", "--yes"}).code == 1);
    CHECK(scalar(sb.db(), "SELECT count(*) FROM contacts") == 1);
}

TEST_CASE("rm keeps the person recoverable with undo, rm --purge leaves nothing", "[e2e]") {
    Sandbox sb;
    ok(sb, {"add", "Ada Lovelace", "--note", "secret-marker-1"});
    ok(sb, {"log", "Ada", "--note", "secret-marker-2", "--followup", "secret-marker-3"});
    ok(sb, {"edit", "Ada", "--note", "plain"});
    const std::string before = state(sb);
    ok(sb, {"rm", "Ada", "--yes"});
    CHECK(ok(sb, {"list"}) == "Nobody matches.\n");
    CHECK(ok(sb, {"undo", "--yes"}).find("bmc rm Ada --yes") != std::string::npos);
    CHECK(state(sb) == before);

    ok(sb, {"add", "Bob"});
    CHECK(ok(sb, {"rm", "Ada", "--yes", "--purge"}) ==
          "Deleted #1 Ada Lovelace and 1 conversation; the undo history was erased too.\n");
    CHECK(sb.bmc({"undo", "--yes"}).code == 1);
    CHECK(ok(sb, {"list"}).find("Bob") != std::string::npos);
    // Nothing of Ada is left in the file or its write-ahead log, not even in free pages.
    const std::string bytes = sb.snapshot();
    for (const char* marker : {"secret-marker-1", "secret-marker-2", "secret-marker-3"}) {
        INFO(marker);
        CHECK(bytes.find(marker) == std::string::npos);
    }
}

TEST_CASE("backup writes a consistent 0600 copy and never overwrites without --force", "[e2e]") {
    Sandbox sb;
    ok(sb, {"add", "Ada"});
    ok(sb, {"log", "Ada", "--note", "first"});
    const std::string copy = (sb.dir() / "copy.db").string();
    CHECK(ok(sb, {"backup", copy}) == "Backed up " + sb.db() + " to " + copy + ".\n");
    CHECK(mode_of(copy) == 0600);
    CHECK_FALSE(fs::exists(copy + "-wal"));
    CHECK(scalar(copy, "SELECT count(*) FROM interactions") == 1);

    ok(sb, {"log", "Ada", "--note", "second"});
    const std::string copy_before = read_file(copy);
    const Result again = sb.bmc({"backup", copy});
    CHECK(again.code == 1);
    CHECK(again.err == "bmc: error: '" + copy +
                           "' exists already — choose a new name, or pass --force to replace it\n");
    CHECK(read_file(copy) == copy_before);
    ok(sb, {"backup", copy, "--force"});
    CHECK(scalar(copy, "SELECT count(*) FROM interactions") == 2);
    CHECK(mode_of(copy) == 0600);

    const Result nodir = sb.bmc({"backup", (sb.dir() / "missing" / "x.db").string()});
    CHECK(nodir.code == 1);
    CHECK(nodir.err.find("no directory") != std::string::npos);
    CHECK_FALSE(fs::exists(sb.dir() / "missing"));
    CHECK(sb.raw({"--db", (sb.dir() / "none.db").string(), "backup", copy + "2"}).code == 1);
    CHECK_FALSE(fs::exists(copy + "2"));
}

TEST_CASE("backup is consistent while other processes write", "[e2e]") {
    Sandbox sb;
    ok(sb, {"add", "Ada"});
    // A writer logging continuously while backups are taken.
    const pid_t writer = ::fork();
    REQUIRE(writer >= 0);
    if (writer == 0) {
        const std::string db = sb.db();
        for (int i = 0; i < 150; ++i) {
            const pid_t p = ::fork();
            if (p == 0) {
                const int null = ::open("/dev/null", O_WRONLY);
                ::dup2(null, 1);
                ::execl(BMC_BINARY, BMC_BINARY, "--db", db.c_str(), "--today", "2026-11-22", "log",
                        "Ada", "--note", "busy", static_cast<char*>(nullptr));
                ::_exit(127);
            }
            int st = 0;
            ::waitpid(p, &st, 0);
        }
        ::_exit(0);
    }
    std::vector<std::int64_t> counts;
    for (int i = 0; i < 5; ++i) {
        const std::string copy = (sb.dir() / ("b" + std::to_string(i) + ".db")).string();
        ok(sb, {"backup", copy});
        CHECK(text(copy, "PRAGMA integrity_check") == "ok");
        const auto n = scalar(copy, "SELECT count(*) FROM interactions");
        // The stored last_interaction agrees with the interactions in the same copy.
        CHECK(scalar(copy, "SELECT count(*) FROM contacts WHERE last_interaction IS " +
                               std::string(n > 0 ? "NOT NULL" : "NULL")) == 1);
        counts.push_back(n);
    }
    int status = 0;
    ::waitpid(writer, &status, 0);
    CHECK(std::is_sorted(counts.begin(), counts.end()));
    CHECK(scalar(sb.db(), "SELECT count(*) FROM interactions") == 150);
}

TEST_CASE("restore checks the file, keeps the replaced database and replaces it", "[e2e]") {
    Sandbox sb;
    ok(sb, {"add", "Ada"});
    const std::string copy = (sb.dir() / "copy.db").string();
    ok(sb, {"backup", copy});
    const std::string at_backup = state(sb);
    ok(sb, {"add", "Bob"});
    const std::string after = state(sb);

    const std::string out = ok(sb, {"restore", copy});
    CHECK(out.rfind("Restored " + sb.db() + " from " + copy + ".\n", 0) == 0);
    const std::string prefix = "The database it replaced is kept in ";
    const auto at = out.find(prefix);
    REQUIRE(at != std::string::npos);
    const std::string kept = out.substr(at + prefix.size(), out.size() - at - prefix.size() - 2);
    CHECK(kept.rfind(sb.db() + ".before-restore-", 0) == 0);
    CHECK(mode_of(kept) == 0600);
    CHECK(state(sb) == at_backup);
    ok(sb, {"restore", kept});
    CHECK(state(sb) == after);

    SECTION("files that are not intact bmc databases are refused and nothing changes") {
        const std::string before = sb.snapshot();
        const auto refused = [&](const std::string& file, const std::string& why) {
            const Result r = sb.bmc({"restore", file});
            INFO(r.err);
            CHECK(r.code == 1);
            CHECK(r.err.find(why) != std::string::npos);
            CHECK((sb.snapshot() == before));
        };
        const fs::path text = sb.dir() / "text.db";
        std::ofstream(text) << "hello, not a database";
        refused(text.string(), "is not a bmc database");
        refused((sb.dir() / "nothing.db").string(), "no database file at");
        const fs::path other = sb.dir() / "other.db";
        {
            SQLite::Database d(other.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            d.exec("CREATE TABLE t (x)");
        }
        refused(other.string(), "is not a bmc database");
        const fs::path newer = sb.dir() / "newer.db";
        fs::copy_file(copy, newer);
        {
            SQLite::Database d(newer.string(), SQLite::OPEN_READWRITE);
            d.exec("PRAGMA user_version = 999");
        }
        refused(newer.string(), "was written by a newer bmc");
        // A truncated copy: the header survives, the pages do not.
        const fs::path cut = sb.dir() / "cut.db";
        std::string bytes = read_file(copy);
        bytes.resize(bytes.size() / 2);
        std::ofstream(cut, std::ios::binary) << bytes;
        refused(cut.string(), "damaged");
    }
}

TEST_CASE("check reports damage and broken invariants with exit code 1", "[e2e]") {
    Sandbox sb;
    ok(sb, {"add", "Ada Lovelace", "--met-on", "2026-01-01"});
    ok(sb, {"add", "Bob", "--met-on", "2026-01-01"});
    ok(sb, {"log", "Ada", "--date", "2026-11-01"});
    CHECK(ok(sb, {"check"}) == "OK: 2 people, 1 conversation, 0 follow-ups checked.\n");

    const auto tamper = [&](const std::string& sql) {
        SQLite::Database d(sb.db(), SQLite::OPEN_READWRITE);
        d.exec(sql);
    };
    tamper("UPDATE contacts SET next_due = '2030-01-01' WHERE name = 'Bob'");
    tamper("UPDATE contacts SET name_key = 'someone else' WHERE name = 'Ada Lovelace'");
    tamper("UPDATE contacts SET last_interaction = NULL WHERE name = 'Ada Lovelace'");
    tamper("UPDATE interactions SET uuid = 'not-a-uuid'");
    const Result r = sb.bmc({"check"});
    INFO(r.out << r.err);
    CHECK(r.code == 1);
    CHECK(r.out.find("problem: contacts row 2 stores next_due 2030-01-01 but the scheduler says "
                     "2026-07-01") != std::string::npos);
    CHECK(r.out.find("problem: contacts row 1 ('Ada Lovelace') has a stale name_key "
                     "'someone else'") != std::string::npos);
    CHECK(r.out.find("problem: contacts row 1 stores last_interaction (none) but its latest "
                     "conversation is 2026-11-01") != std::string::npos);
    CHECK(r.out.find("problem: interactions row 1 has an invalid uuid 'not-a-uuid'") !=
          std::string::npos);
    CHECK(r.out.find("4 problems in 2 people") != std::string::npos);
    CHECK(r.err.rfind("bmc: error: the database has problems", 0) == 0);

    SECTION("foreign keys") {
        tamper("PRAGMA foreign_keys = OFF; INSERT INTO contact_attrs VALUES (99, 'tag', 0, 'x')");
        const Result fk = sb.bmc({"check"});
        CHECK(fk.code == 1);
        CHECK(fk.out.find("problem: foreign key: a row of contact_attrs points to a missing "
                          "contacts row") != std::string::npos);
    }
    SECTION("foreign keys of conversations") {
        tamper("PRAGMA foreign_keys = OFF; INSERT INTO interactions (id, uuid, contact_id, date, "
               "created_at, updated_at) VALUES (7, '0b7a4d3e-4c1f-4f0e-9a51-2f4de5a7c111', 99, "
               "'2026-01-01', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
        const Result fk = sb.bmc({"check"});
        CHECK(fk.code == 1);
        CHECK(fk.out.find("problem: foreign key: a row of interactions points to a missing "
                          "contacts row") != std::string::npos);
    }
}

TEST_CASE("a command on a file of an older schema says it upgrades it, once", "[e2e]") {
    Sandbox sb;
    ok(sb, {"add", "Ada Lovelace", "--strength", "strong"});
    ok(sb, {"log", "Ada", "--date", "2026-11-01", "--note", "tea"});
    {
        // As a bmc of schema 8 left it (migration 9 rebuilds the conversations table, whatever
        // its form).
        SQLite::Database d(sb.db(), SQLite::OPEN_READWRITE);
        d.exec("PRAGMA user_version = 8");
    }
    const Result first = sb.bmc({"list"});
    CHECK(first.code == 0);
    CHECK(first.err == "bmc: note: upgrading the database from schema 8 to 9 (once; a very large "
                       "file can take a minute)\n");
    CHECK(first.out.find("Ada Lovelace") != std::string::npos);
    const Result again = sb.bmc({"show", "Ada"});
    CHECK(again.code == 0);
    CHECK(again.err.empty());
    CHECK(again.out.find("tea") != std::string::npos);
    // A new file is created at the current schema without a note.
    const Result fresh = sb.raw({"--db", (sb.dir() / "new.db").string(), "add", "Bo"});
    CHECK(fresh.code == 0);
    CHECK(fresh.err.empty());
}
