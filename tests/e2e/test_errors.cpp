// End-to-end tests of bmc's failure modes and its environment: every error exits with the
// documented code, says "bmc: error: <what> — <what to do>" on stderr and leaves the database
// byte-for-byte as it was; foreign and newer databases are refused untouched; stored text is
// made terminal-safe; colour only on a terminal; where the database lives. "Today" is pinned.
#include "run.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <map>
#include <pty.h>
#include <regex>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using bmc::e2e::Result;
using bmc::e2e::Sandbox;
namespace fs = std::filesystem;

namespace {

std::string join_args(const std::vector<std::string>& args) {
    std::string s;
    for (const auto& a : args) {
        s += "[" + a + "] ";
    }
    return s;
}

std::string ok(Sandbox& sb, const std::vector<std::string>& args) {
    const Result r = sb.bmc(args);
    INFO("bmc " << join_args(args));
    INFO("stderr: " << r.err);
    REQUIRE(r.code == 0);
    return r.out;
}

// Runs a command that must fail with `code`, print nothing on stdout, print an error that starts
// with `message` (and carries a hint after " — "), and leave the database exactly as it was.
void expect_error(Sandbox& sb, const std::vector<std::string>& args, int code,
                  const std::string& message) {
    const std::string before = sb.snapshot();
    const Result r = sb.bmc(args);
    INFO("bmc " << join_args(args));
    INFO("stderr: " << r.err);
    CHECK(r.code == code);
    CHECK(r.out.empty());
    CHECK(r.err.rfind("bmc: error: ", 0) == 0);
    CHECK(r.err.rfind(message, 0) == 0);
    const std::string first_line = r.err.substr(0, r.err.find('\n'));
    CHECK(first_line.find(" — ") != std::string::npos);
    CHECK((sb.snapshot() == before)); // unchanged
}

// #1 Ada Lovelace, #2 Grace Hopper (one conversation), #3 Ada Byron, #4 Alan Turing
void seed(Sandbox& sb) {
    ok(sb, {"add", "Ada Lovelace", "-s", "strong"});
    ok(sb, {"add", "Grace Hopper", "--met-on", "2026-01-01"});
    ok(sb, {"log", "Grace", "--date", "2026-10-01", "--via", "call"});
    ok(sb, {"add", "Ada Byron"});
    ok(sb, {"add", "Alan Turing", "-s", "weak"});
}

fs::perms mode_of(const fs::path& p) {
    return fs::status(p).permissions() & fs::perms::all;
}

constexpr fs::perms mode_0700 = fs::perms::owner_all;
constexpr fs::perms mode_0600 = fs::perms::owner_read | fs::perms::owner_write;

// Runs bmc with its stdout and stderr on a pseudo-terminal, so that it believes it writes to a
// terminal. Returns everything the terminal received.
Result run_on_tty(Sandbox& sb, const std::vector<std::string>& args,
                  const std::map<std::string, std::string>& env = {}) {
    std::vector<std::string> argv_strings = {BMC_BINARY, "--db", sb.db(), "--today", sb.today};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::map<std::string, std::string> vars = {{"HOME", (sb.dir() / "home").string()},
                                               {"PATH", "/usr/bin:/bin"},
                                               {"LANG", "C.UTF-8"},
                                               {"TERM", "xterm-256color"}};
    for (const auto& [k, v] : env) {
        vars[k] = v;
    }
    std::vector<std::string> env_strings;
    for (const auto& [k, v] : vars) {
        env_strings.push_back(k + "=" + v);
    }
    std::vector<char*> argv;
    for (auto& s : argv_strings) {
        argv.push_back(s.data());
    }
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (auto& s : env_strings) {
        envp.push_back(s.data());
    }
    envp.push_back(nullptr);
    const std::string dir = sb.dir().string();

    int master = -1;
    const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
    REQUIRE(pid >= 0);
    if (pid == 0) {
        if (::chdir(dir.c_str()) != 0) {
            ::_exit(126);
        }
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    Result r;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(master, buf, sizeof buf);
        if (n > 0) {
            r.out.append(buf, static_cast<std::size_t>(n));
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else {
            break; // EIO once the child has exited and closed the terminal
        }
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::close(master);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return r;
}

bool has_escape(const std::string& s) {
    return s.find('\x1b') != std::string::npos;
}

} // namespace

TEST_CASE("malformed dates are usage errors with a hint, and change nothing", "[e2e]") {
    Sandbox sb;
    seed(sb);
    for (const char* bad : {"2026-02-30", "2026-13-01", "2026-00-10", "2026-04-31"}) {
        const std::string b = bad;
        expect_error(sb, {"log", "Grace", "--date", b}, 2,
                     "bmc: error: --date '" + b +
                         "' does not exist — check the month (01-12) and the day of that month\n");
        expect_error(sb, {"add", "Xavier", "--met-on", b}, 2,
                     "bmc: error: --met-on '" + b + "' does not exist — ");
        expect_error(sb, {"edit", "Grace", "--met-on", b}, 2,
                     "bmc: error: --met-on '" + b + "' does not exist — ");
    }
    for (const char* bad : {"junk", "2026-3-14", "14/03/2026", "Today", "", "2026-11-22x",
                            "100001 days ago", "3 fortnights ago"}) {
        const std::string b = bad;
        expect_error(sb, {"log", "Grace", "--date", b}, 2,
                     "bmc: error: invalid --date '" + b + "'");
        expect_error(sb, {"add", "Xavier", "--met-on", b}, 2,
                     "bmc: error: invalid --met-on '" + b + "'");
    }
    expect_error(sb, {"log", "Grace", "--date", "junk"}, 2,
                 "bmc: error: invalid --date 'junk' — use a calendar date as YYYY-MM-DD, e.g. "
                 "2026-03-14\n");
    expect_error(sb, {"snooze", "Grace", "2026-02-30"}, 2,
                 "bmc: error: snooze time '2026-02-30' does not exist — ");
    // --today and BMC_TODAY take only YYYY-MM-DD.
    sb.today = "2026-13-01";
    expect_error(sb, {"due"}, 2, "bmc: error: --today '2026-13-01' does not exist — ");
    sb.today = "yesterday";
    expect_error(sb, {"list"}, 2, "bmc: error: invalid --today 'yesterday' — ");
}

TEST_CASE("dates in the future are refused", "[e2e]") {
    Sandbox sb;
    seed(sb);
    expect_error(sb, {"log", "Grace", "--date", "2026-11-23"}, 1,
                 "bmc: error: the date 2026-11-23 is in the future (today is 2026-11-22) — use a "
                 "date on or before today\n");
    expect_error(sb, {"log", "Grace", "--date", "tomorrow"}, 1,
                 "bmc: error: the date 2026-11-23 is in the future (today is 2026-11-22) — ");
    expect_error(sb, {"add", "Xavier", "--met-on", "2027-01-01"}, 1,
                 "bmc: error: the date met 2027-01-01 is in the future (today is 2026-11-22) — ");
    expect_error(sb, {"edit", "Grace", "--met-on", "tomorrow"}, 1,
                 "bmc: error: the date met 2026-11-23 is in the future (today is 2026-11-22) — ");
    // The same date is fine once it is today.
    sb.today = "2026-11-23";
    CHECK(ok(sb, {"log", "Grace", "--date", "2026-11-23"}).find("on 2026-11-23.") !=
          std::string::npos);
}

TEST_CASE("dates before year 1 are refused rather than stored", "[e2e]") {
    // "2026 years ago" is year 0, "30000 years ago" a negative year. add and edit store such a
    // met-on date (and a due date that cannot be read back); afterwards list, due, export and
    // even `rm --yes` fail with "invalid stored date", so the database is stuck until repaired
    // by hand. log refuses it, but only through that confusing stored-date message.
    Sandbox sb;
    seed(sb);
    expect_error(sb, {"add", "Xavier", "--met-on", "2026 years ago"}, 2, "bmc: error: ");
    expect_error(sb, {"add", "Yolanda", "--met-on", "30000 years ago"}, 2, "bmc: error: ");
    expect_error(sb, {"edit", "Grace", "--met-on", "3000 years ago"}, 2, "bmc: error: ");
    const Result log = sb.bmc({"log", "Grace", "--date", "2026 years ago"});
    CHECK(log.code == 2);
    CHECK(log.err.find("stored date") == std::string::npos);
    CHECK(log.err.find("--date") != std::string::npos);
    for (const char* cmd : {"list", "due"}) {
        const Result r = sb.bmc({cmd});
        INFO(cmd << " stderr: " << r.err);
        CHECK(r.code == 0);
    }
    CHECK(sb.bmc({"export", "--json"}).code == 0);
}

TEST_CASE("malformed durations are usage errors", "[e2e]") {
    Sandbox sb;
    seed(sb);
    expect_error(sb, {"add", "Xavier", "--every", "0d"}, 2,
                 "bmc: error: --every '0d' is zero — use at least 1 day, e.g. 1d or 2w\n");
    expect_error(sb, {"add", "Xavier", "--every", "999y"}, 2,
                 "bmc: error: --every '999y' is too long — use at most 10 years (10y, 120m or "
                 "3653d)\n");
    expect_error(sb, {"add", "Xavier", "--every", "5x"}, 2,
                 "bmc: error: invalid --every '5x' — write a number and a unit: 10d, 6w, 4m or "
                 "1y\n");
    for (const char* bad : {"11y", "121m", "3654d", "522w"}) {
        expect_error(sb, {"add", "Xavier", "--every", bad}, 2,
                     std::string("bmc: error: --every '") + bad + "' is too long — ");
    }
    for (const char* bad : {"4M", "-1d", "d", "", "1.5m", "6 fortnights", "99999999d"}) {
        expect_error(sb, {"add", "Xavier", "--every", bad}, 2,
                     std::string("bmc: error: invalid --every '") + bad + "' — ");
    }
    expect_error(sb, {"edit", "Grace", "--every", "0w"}, 2, "bmc: error: --every '0w' is zero — ");
    expect_error(sb, {"due", "--within", "5x"}, 2, "bmc: error: invalid --within '5x' — ");
    expect_error(sb, {"snooze", "Grace", "5x"}, 2, "bmc: error: invalid snooze time '5x' — ");
    expect_error(sb, {"config", "set", "cadence.weak", "0d"}, 2,
                 "bmc: error: cadence.weak '0d' is zero — ");
    expect_error(sb, {"config", "set", "cadence.weak", "forever"}, 2,
                 "bmc: error: invalid cadence.weak 'forever' — ");
    // The limits themselves are allowed.
    CHECK(ok(sb, {"add", "Ten", "--every", "10y", "--met-on", "2026-01-01"}) ==
          "Added #5 Ten (medium, every 10 years): reconnect by 2036-01-01 (due in 9 years).\n");
    CHECK(ok(sb, {"add", "Day", "--every", "1 day"}) ==
          "Added #6 Day (medium, every 1 day): reconnect by 2026-11-23 (due in 1 day).\n");
}

TEST_CASE("unknown strength, channel and initiator are usage errors", "[e2e]") {
    Sandbox sb;
    seed(sb);
    expect_error(sb, {"add", "Xavier", "-s", "strongest"}, 2,
                 "bmc: error: unknown strength 'strongest' — use strong, medium or weak\n");
    expect_error(sb, {"edit", "Grace", "--strength", "Strong"}, 2,
                 "bmc: error: unknown strength 'Strong' — use strong, medium or weak\n");
    expect_error(sb, {"list", "--strength", "huge"}, 2, "bmc: error: unknown strength 'huge' — ");
    expect_error(sb, {"log", "Grace", "--via", "fax"}, 2,
                 "bmc: error: unknown channel 'fax' — use one of coffee, call, video, email, "
                 "text, social, meeting, event, other\n");
    expect_error(sb, {"log", "Grace", "--via", "Coffee"}, 2, "bmc: error: unknown channel ");
    expect_error(sb, {"log", "Grace", "--by", "you"}, 2,
                 "bmc: error: --by must be 'me' or 'them', not 'you' — say who reached out: --by "
                 "me or --by them\n");
}

TEST_CASE("unknown commands, flags and missing arguments are usage errors", "[e2e]") {
    Sandbox sb;
    seed(sb);
    expect_error(sb, {"frobnicate"}, 2, "bmc: error: ");
    CHECK(sb.bmc({"frobnicate"}).err.find("frobnicate") != std::string::npos);
    CHECK(sb.bmc({"frobnicate"}).err.find("— see `bmc --help`") != std::string::npos);
    expect_error(sb, {"due", "--bogus"}, 2, "bmc: error: ");
    const Result flag = sb.bmc({"due", "--bogus"});
    CHECK(flag.err.find("--bogus") != std::string::npos);
    CHECK(flag.err.find("— see `bmc due --help`") != std::string::npos);
    expect_error(sb, {"add"}, 2, "bmc: error: NAME is required — see `bmc add --help`\n");
    expect_error(sb, {"snooze", "Grace"}, 2, "bmc: error: ");
    expect_error(sb, {"config"}, 2, "bmc: error: ");
    expect_error(sb, {"due", "--limit", "abc"}, 2, "bmc: error: ");
    expect_error(sb, {"due", "--limit", "-3"}, 2, "bmc: error: ");
    expect_error(sb, {"edit", "Grace"}, 2, "bmc: error: nothing to change — ");
    expect_error(sb, {"config", "get", "cadence.weeak"}, 2,
                 "bmc: error: unknown setting 'cadence.weeak' — did you mean cadence.weak? "
                 "known keys: cadence.strong, cadence.medium, cadence.weak, routine.per-week, "
                 "routine.per-month, due.limit\n");
    expect_error(sb, {"config", "set", "colour", "on"}, 2, "bmc: error: unknown setting 'colour'");
    expect_error(sb, {"export"}, 2, "bmc: error: choose an export format — ");
    expect_error(sb, {"import", "x.json"}, 2, "bmc: error: choose an import format — ");
}

TEST_CASE("unknown people get suggestions, ambiguous names list the candidates", "[e2e]") {
    Sandbox sb;
    seed(sb);
    const std::string before = sb.snapshot();

    Result r = sb.bmc({"show", "Grce"});
    CHECK(r.code == 1);
    CHECK(r.out.empty());
    CHECK(r.err == "bmc: error: nobody called 'Grce' — did you mean one of these? (name them by "
                   "name or id)\n  #2  Grace Hopper\n");

    r = sb.bmc({"log", "Zzyzx"});
    CHECK(r.code == 1);
    CHECK(r.err == "bmc: error: nobody called 'Zzyzx' — check the spelling, see everyone with "
                   "`bmc list`, or add them with `bmc add`\n");

    r = sb.bmc({"show", "Ada"});
    CHECK(r.code == 1);
    CHECK(r.out.empty());
    CHECK(r.err == "bmc: error: 'Ada' matches several people — use more of the name, or the id, "
                   "e.g. #3\n  #3  Ada Byron\n  #1  Ada Lovelace\n");

    for (const char* cmd : {"log", "edit", "snooze", "archive", "unarchive", "rm"}) {
        std::vector<std::string> args = {cmd, "ada"};
        if (std::string(cmd) == "edit") {
            args.insert(args.end(), {"--strength", "weak"});
        } else if (std::string(cmd) == "snooze") {
            args.push_back("2w");
        }
        const Result amb = sb.bmc(args);
        INFO(cmd);
        CHECK(amb.code == 1);
        CHECK(amb.err.rfind("bmc: error: 'ada' matches several people — ", 0) == 0);
        CHECK(amb.err.find("\n  #3  Ada Byron\n  #1  Ada Lovelace\n") != std::string::npos);
    }

    r = sb.bmc({"show", "#99"});
    CHECK(r.code == 1);
    CHECK(r.err == "bmc: error: nobody has the id #99 — see everyone's id with `bmc list`\n");
    r = sb.bmc({"log", "#99", "--via", "call"});
    CHECK(r.code == 1);

    // One unknown name among several logs nobody.
    r = sb.bmc({"log", "Grace", "Alan", "Nobody Atall", "--via", "call"});
    CHECK(r.code == 1);
    CHECK(r.out.empty());
    CHECK(r.err.rfind("bmc: error: nobody called 'Nobody Atall' — ", 0) == 0);
    CHECK((sb.snapshot() == before)); // unchanged
    CHECK(ok(sb, {"show", "Grace"}).find("Conversations (1)\n") != std::string::npos);

    // An exact name wins over a part of a longer one; an id wins over a name.
    CHECK(ok(sb, {"show", "ADA BYRON"}).rfind("Ada Byron  #3\n", 0) == 0);
    CHECK(ok(sb, {"show", "3"}).rfind("Ada Byron  #3\n", 0) == 0);
    CHECK(ok(sb, {"show", "  lovelace "}).rfind("Ada Lovelace  #1\n", 0) == 0);
}

TEST_CASE("duplicate and invalid names are refused", "[e2e]") {
    Sandbox sb;
    seed(sb);
    expect_error(sb, {"add", "grace hopper"}, 1,
                 "bmc: error: 'grace hopper' already exists as #2 — log with them by that name, "
                 "or use --force to add another person with the same name\n");
    expect_error(sb, {"add", "  Grace Hopper  "}, 1, "bmc: error: 'Grace Hopper' already exists");
    expect_error(sb, {"add", ""}, 1,
                 "bmc: error: the name is empty — give the person a name, e.g. bmc add \"Ada "
                 "Lovelace\"\n");
    expect_error(sb, {"add", "   "}, 1, "bmc: error: the name is empty — ");
    expect_error(sb, {"edit", "Grace", "--name", " "}, 1, "bmc: error: the name is empty — ");
    expect_error(sb, {"add", std::string(201, 'a')}, 1,
                 "bmc: error: the name is too long (201 bytes; the limit is 200) — shorten it\n");
    expect_error(sb, {"add", "Bad\xff"}, 1, "bmc: error: the name is not valid UTF-8 text — ");
    expect_error(sb, {"add", "Eve\x1b[31m"}, 1,
                 "bmc: error: the name 'Eve\\x1b[31m' contains control characters — ");
    expect_error(sb, {"log", "Grace", "--note", "hi\x1b[31m"}, 1,
                 "bmc: error: the note contains control characters — ");
    expect_error(sb, {"add", "Xavier", "--tag", "a,b"}, 1, "bmc: error: the tag 'a,b' contains ");
    expect_error(sb, {"add", "Xavier", "--note", std::string(65537, 'n')}, 1,
                 "bmc: error: the note is too long (65537 bytes; the limit is 65536) — ");

    CHECK(ok(sb, {"add", "Grace Hopper", "--force"}) ==
          "Added #5 Grace Hopper (medium, every 6 months): reconnect by 2027-05-22 (due in 6 "
          "months).\n");
    const Result two = sb.bmc({"show", "Grace Hopper"});
    CHECK(two.code == 1);
    CHECK(two.err == "bmc: error: 'Grace Hopper' matches 2 people — name one of them by id, e.g. "
                     "#2\n  #2  Grace Hopper\n  #5  Grace Hopper\n");
    CHECK(std::string(ok(sb, {"add", std::string(200, 'b')})).rfind("Added #6 ", 0) == 0);
}

TEST_CASE("a file that is not a database is refused and left untouched", "[e2e]") {
    Sandbox sb;
    {
        std::ofstream f(sb.db(), std::ios::binary);
        f << "hello";
    }
    const std::string before = sb.snapshot();
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"list"}, {"due"}, {"add", "Ada"}, {"export", "--json"}}) {
        const Result r = sb.bmc(args);
        INFO(join_args(args) << " stderr: " << r.err);
        CHECK(r.code == 1);
        CHECK(r.out.empty());
        CHECK(r.err.rfind("bmc: error: " + sb.db() + " is not a bmc database", 0) == 0);
        CHECK(r.err.find(" — pass a bmc database with --db or BMC_DB") != std::string::npos);
        CHECK((sb.snapshot() == before)); // unchanged
    }
    CHECK(bmc::e2e::read_file(sb.db()) == "hello");
    CHECK_FALSE(fs::exists(sb.db() + "-wal"));
    CHECK_FALSE(fs::exists(sb.db() + "-journal"));

    // A directory is refused too.
    Sandbox dir;
    fs::create_directory(dir.db());
    const Result r = dir.bmc({"add", "Ada"});
    CHECK(r.code == 1);
    CHECK(r.err.rfind("bmc: error: " + dir.db() + " is a directory, not a database file — ", 0) ==
          0);
    CHECK(fs::is_empty(dir.db()));
}

TEST_CASE("an SQLite database of another program is refused and left untouched", "[e2e]") {
    Sandbox sb;
    {
        SQLite::Database db(sb.db(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
        db.exec("INSERT INTO notes (body) VALUES ('keep me')");
    }
    const std::string before = sb.snapshot();
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"list"}, {"add", "Ada"}, {"import", "--json", "-"}}) {
        const Result r = sb.bmc(args, "[{\"name\": \"Ada\"}]");
        INFO(join_args(args) << " stderr: " << r.err);
        CHECK(r.code == 1);
        CHECK(r.out.empty());
        CHECK(r.err == "bmc: error: " + sb.db() +
                           " is an SQLite database, but not a bmc database — pass a bmc database "
                           "with --db or BMC_DB\n");
        CHECK((sb.snapshot() == before)); // unchanged
    }
    {
        SQLite::Database db(sb.db(), SQLite::OPEN_READONLY);
        CHECK(db.execAndGet("SELECT count(*) FROM sqlite_master WHERE type = 'table'").getInt() ==
              1);
        CHECK(db.execAndGet("SELECT body FROM notes").getString() == "keep me");
    }

    // One that announces another application id.
    Sandbox other;
    {
        SQLite::Database db(other.db(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("PRAGMA application_id = 305419896");
    }
    const std::string other_before = other.snapshot();
    const Result r = other.bmc({"add", "Ada"});
    CHECK(r.code == 1);
    CHECK(r.err.rfind("bmc: error: " + other.db() +
                          " is an SQLite database of another program, not bmc's — ",
                      0) == 0);
    CHECK((other.snapshot() == other_before)); // unchanged
}

TEST_CASE("a database written by a newer bmc is refused and left untouched", "[e2e]") {
    Sandbox sb;
    ok(sb, {"add", "Ada"});
    std::string current; // the schema version this bmc writes
    {
        SQLite::Database db(sb.db(), SQLite::OPEN_READWRITE);
        current = db.execAndGet("PRAGMA user_version").getString();
        db.exec("PRAGMA user_version = 99");
    }
    const std::string before = sb.snapshot();
    for (const std::vector<std::string>& args :
         std::vector<std::vector<std::string>>{{"list"},
                                               {"due"},
                                               {"show", "Ada"},
                                               {"add", "Bob"},
                                               {"log", "Ada"},
                                               {"export", "--json"}}) {
        const Result r = sb.bmc(args);
        INFO(join_args(args) << " stderr: " << r.err);
        CHECK(r.code == 1);
        CHECK(r.out.empty());
        CHECK(r.err == "bmc: error: " + sb.db() +
                           " was written by a newer bmc (schema 99, this bmc knows " + current +
                           ") — upgrade bmc; the database was left untouched\n");
        CHECK((sb.snapshot() == before)); // unchanged
    }
    SQLite::Database db(sb.db(), SQLite::OPEN_READONLY);
    CHECK(db.execAndGet("PRAGMA user_version").getInt() == 99);
    CHECK(db.execAndGet("SELECT count(*) FROM contacts").getInt() == 1);
}

TEST_CASE("stored control characters never reach the terminal raw", "[e2e]") {
    Sandbox sb;
    ok(sb, {"add", "Eve", "--met-on", "2026-01-01", "--company", "Acme", "-t", "tag", "-e",
            "eve@example.com"});
    ok(sb, {"log", "Eve", "--date", "2026-02-01", "--via", "call", "--note", "plain"});
    // Written behind bmc's back, as another tool or a damaged file could.
    const std::string evil = "\x1b[31mred\x1b[0m\xc2\x9b"
                             "2J";
    {
        SQLite::Database db(sb.db(), SQLite::OPEN_READWRITE);
        SQLite::Statement contact(db, "UPDATE contacts SET name = ?, company = ?, title = ?, "
                                      "met = ?, notes = ? WHERE id = 1");
        for (int i = 1; i <= 5; ++i) {
            contact.bind(i, "Eve " + evil);
        }
        contact.exec();
        SQLite::Statement attrs(db, "UPDATE contact_attrs SET value = ? WHERE contact_id = 1");
        attrs.bind(1, "x" + evil);
        attrs.exec();
        SQLite::Statement note(db, "UPDATE interactions SET note = ? WHERE contact_id = 1");
        note.bind(1, "note " + evil);
        note.exec();
    }
    for (const std::vector<std::string>& args :
         std::vector<std::vector<std::string>>{{"due"},
                                               {"show", "#1"},
                                               {"list"},
                                               {"list", "--search", "red"},
                                               {"edit", "#1", "--title", "t"},
                                               {"snooze", "#1", "2w"},
                                               {"log", "#1"},
                                               {"archive", "#1"},
                                               {"unarchive", "#1"}}) {
        const Result r = sb.bmc(args);
        INFO(join_args(args) << "\nstdout: " << r.out << "\nstderr: " << r.err);
        CHECK(r.code == 0);
        CHECK_FALSE(has_escape(r.out));
        CHECK(r.out.find("\xc2\x9b") == std::string::npos);
        CHECK_FALSE(has_escape(r.err));
    }
    const std::string profile = ok(sb, {"show", "#1"});
    CHECK(profile.rfind("Eve \\x1b[31mred\\x1b[0m\\x9b2J  #1\n", 0) == 0);
    CHECK(profile.find("note \\x1b[31mred") != std::string::npos);
    const Result missing = sb.bmc({"show", "Eve\x1b[31m"});
    CHECK(missing.code == 1);
    CHECK_FALSE(has_escape(missing.err));
    // JSON escapes the text instead, including DEL and the C1 controls that JSON allows raw.
    {
        SQLite::Database db(sb.db(), SQLite::OPEN_READWRITE);
        db.exec("UPDATE interactions SET note = note || char(127) WHERE note IS NOT NULL");
    }
    for (const std::vector<std::string>& args :
         std::vector<std::vector<std::string>>{{"show", "#1", "--json"},
                                               {"due", "--within", "1y", "--json"},
                                               {"list", "--json"},
                                               {"export", "--json"}}) {
        const std::string json = ok(sb, args);
        INFO(join_args(args) << "\nstdout: " << json);
        CHECK_FALSE(has_escape(json));
        CHECK(json.find("\xc2\x9b") == std::string::npos);
        CHECK(json.find('\x7f') == std::string::npos);
        CHECK(json.find("\\u001b[31mred") != std::string::npos);
        CHECK(json.find("\\u009b2J") != std::string::npos);
    }
    const std::string json = ok(sb, {"show", "#1", "--json"});
    // The oldest conversation carries the note written behind bmc's back; it reads back intact.
    CHECK(nlohmann::json::parse(json)["interactions"].back()["note"] == "note " + evil + "\x7f");
    const std::string exported = ok(sb, {"export", "--json"});
    CHECK(exported.find("\\u007f") != std::string::npos);
}

TEST_CASE("a stored channel is made terminal-safe like all stored text", "[e2e]") {
    // interaction_line() and render_profile() print `via` as stored, without terminal_safe(),
    // although docs/cli.md says all stored text is made safe before it reaches the terminal.
    Sandbox sb;
    ok(sb, {"add", "Eve", "--met-on", "2026-01-01"});
    ok(sb, {"log", "Eve", "--date", "2026-02-01", "--via", "call"});
    {
        SQLite::Database db(sb.db(), SQLite::OPEN_READWRITE);
        db.exec("UPDATE interactions SET via = 'call' || char(27) || '[2J'");
    }
    for (const char* cmd : {"due", "show"}) {
        const Result r = cmd == std::string("due") ? sb.bmc({"due"}) : sb.bmc({"show", "Eve"});
        INFO(cmd << " stdout: " << r.out);
        CHECK(r.code == 0);
        CHECK_FALSE(has_escape(r.out));
    }
}

TEST_CASE("usage errors never echo raw control characters", "[e2e]") {
    // CLI11's parse errors quote the offending argument; it must be made safe like the rest.
    Sandbox sb;
    const Result cmd = sb.bmc({"\x1b[31mfrobnicate"});
    CHECK(cmd.code == 2);
    CHECK_FALSE(has_escape(cmd.err));
    const Result limit = sb.bmc({"due", "--limit", "\x1b[2J"});
    CHECK(limit.code == 2);
    CHECK_FALSE(has_escape(limit.err));
}

TEST_CASE("colour only on a terminal, never with NO_COLOR or --no-color", "[e2e]") {
    Sandbox sb;
    ok(sb, {"add", "Ada", "-s", "strong", "--met-on", "2026-01-01"});
    ok(sb, {"add", "Bob", "--met-on", "2026-11-01"});

    // Not a terminal: plain text, whatever the environment says.
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"due"}, {"show", "Ada"}, {"list"}, {"add", "Cy"}, {"log", "Cy"}}) {
        const Result r = sb.bmc(args);
        INFO(join_args(args));
        CHECK(r.code == 0);
        CHECK_FALSE(has_escape(r.out));
        CHECK_FALSE(has_escape(r.err));
    }

    // A terminal: colour (the check that the others can fail).
    const Result tty = run_on_tty(sb, {"due"});
    CHECK(tty.code == 0);
    CHECK(tty.out.find("\x1b[31m6 months overdue\x1b[0m") != std::string::npos);
    CHECK(tty.out.find("\x1b[1mAda") != std::string::npos);
    CHECK(has_escape(run_on_tty(sb, {"list"}).out));
    CHECK(has_escape(run_on_tty(sb, {"show", "Ada"}).out));
    // NO_COLOR set but empty counts as unset.
    CHECK(has_escape(run_on_tty(sb, {"due"}, {{"NO_COLOR", ""}}).out));

    for (const char* cmd : {"due", "list", "show"}) {
        std::vector<std::string> args = {cmd};
        if (std::string(cmd) == "show") {
            args.push_back("Ada");
        }
        const Result env = run_on_tty(sb, args, {{"NO_COLOR", "1"}});
        INFO(cmd << " with NO_COLOR=1: " << env.out);
        CHECK(env.code == 0);
        CHECK(env.out.find("Ada") != std::string::npos);
        CHECK_FALSE(has_escape(env.out));

        std::vector<std::string> flagged = {"--no-color"};
        flagged.insert(flagged.end(), args.begin(), args.end());
        const Result flag = run_on_tty(sb, flagged);
        INFO(cmd << " with --no-color: " << flag.out);
        CHECK(flag.code == 0);
        CHECK(flag.out.find("Ada") != std::string::npos);
        CHECK_FALSE(has_escape(flag.out));
    }

    // Errors and JSON are never coloured, even on a terminal.
    const Result json = run_on_tty(sb, {"due", "--json"});
    CHECK(json.code == 0);
    CHECK_FALSE(has_escape(json.out));
    CHECK_NOTHROW(nlohmann::json::parse(json.out));
    const Result err = run_on_tty(sb, {"show", "Nobody"});
    CHECK(err.code == 1);
    CHECK_FALSE(has_escape(err.out));
}

TEST_CASE("every --json flag prints nothing but JSON on stdout", "[e2e]") {
    Sandbox sb;
    ok(sb, {"add", "Ada", "-s", "strong", "--met-on", "2026-01-01"});
    ok(sb, {"log", "Ada", "--date", "2026-02-01", "--note", "hello"});
    for (const std::vector<std::string>& args :
         std::vector<std::vector<std::string>>{{"due", "--json"},
                                               {"due", "--json", "--within", "1y"},
                                               {"list", "--json"},
                                               {"list", "--json", "--archived"},
                                               {"show", "Ada", "--json"},
                                               {"export", "--json"},
                                               {"export", "--json", "-o", "-"}}) {
        const Result r = sb.bmc(args);
        INFO(join_args(args) << "\nstdout: " << r.out);
        CHECK(r.code == 0);
        CHECK(r.err.empty());
        CHECK_NOTHROW(nlohmann::json::parse(r.out));
        CHECK(r.out.back() == '\n');
        CHECK((r.out.front() == '{'));
    }
}

TEST_CASE("the database path: --db, then BMC_DB, then XDG_DATA_HOME, then HOME", "[e2e]") {
    const std::string T = "2026-11-22";
    Sandbox sb;
    const fs::path home = sb.dir() / "home";
    const fs::path home_db = home / ".local/share/bmc/bmc.db";

    // BMC_DB when there is no --db.
    const std::string env_db = (sb.dir() / "env.db").string();
    Result r = sb.raw({"--today", T, "add", "Ada"}, {{"BMC_DB", env_db}});
    CHECK(r.code == 0);
    CHECK(fs::exists(env_db));
    CHECK(mode_of(env_db) == mode_0600);
    CHECK_FALSE(fs::exists(home / ".local"));
    r = sb.raw({"--today", T, "list"}, {{"BMC_DB", env_db}});
    CHECK(r.out.find("#1  Ada") != std::string::npos);

    // --db wins over BMC_DB, and global options may follow the command.
    r = sb.raw({"add", "Bob", "--db", sb.db(), "--today", T}, {{"BMC_DB", env_db}});
    CHECK(r.code == 0);
    CHECK(r.out.rfind("Added #1 Bob ", 0) == 0);
    CHECK(fs::exists(sb.db()));
    CHECK(sb.raw({"--today", T, "show", "Bob"}, {{"BMC_DB", env_db}}).code == 1);

    // XDG_DATA_HOME when absolute: missing directories are created 0700, the file 0600.
    const fs::path xdg = sb.dir() / "xdg";
    r = sb.raw({"--today", T, "add", "Cy"}, {{"XDG_DATA_HOME", xdg.string()}});
    CHECK(r.code == 0);
    CHECK(fs::exists(xdg / "bmc/bmc.db"));
    CHECK(mode_of(xdg) == mode_0700);
    CHECK(mode_of(xdg / "bmc") == mode_0700);
    CHECK(mode_of(xdg / "bmc/bmc.db") == mode_0600);
    CHECK_FALSE(fs::exists(home / ".local"));
    // BMC_DB still wins over XDG_DATA_HOME.
    r = sb.raw({"--today", T, "show", "Ada"},
               {{"XDG_DATA_HOME", xdg.string()}, {"BMC_DB", env_db}});
    CHECK(r.code == 0);

    // An existing directory keeps its mode.
    const fs::path xdg2 = sb.dir() / "xdg2";
    fs::create_directory(xdg2);
    fs::permissions(xdg2, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
    CHECK(sb.raw({"--today", T, "add", "Dee"}, {{"XDG_DATA_HOME", xdg2.string()}}).code == 0);
    CHECK(mode_of(xdg2) == (fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                            fs::perms::others_read | fs::perms::others_exec));
    CHECK(mode_of(xdg2 / "bmc") == mode_0700);

    // A relative XDG_DATA_HOME is ignored: $HOME/.local/share/bmc/bmc.db.
    r = sb.raw({"--today", T, "add", "Eli"}, {{"XDG_DATA_HOME", "relative/data"}});
    CHECK(r.code == 0);
    CHECK_FALSE(fs::exists(sb.dir() / "relative"));
    REQUIRE(fs::exists(home_db));
    CHECK(mode_of(home / ".local") == mode_0700);
    CHECK(mode_of(home / ".local/share") == mode_0700);
    CHECK(mode_of(home / ".local/share/bmc") == mode_0700);
    CHECK(mode_of(home_db) == mode_0600);
    // Empty variables count as unset.
    r = sb.raw({"--today", T, "show", "Eli"}, {{"XDG_DATA_HOME", ""}, {"BMC_DB", ""}});
    CHECK(r.code == 0);
    CHECK(r.out.rfind("Eli  #1\n", 0) == 0);

    // bmc never changes the mode of an existing database file.
    fs::permissions(home_db,
                    fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    CHECK(sb.raw({"--today", T, "log", "Eli"}).code == 0);
    CHECK(mode_of(home_db) ==
          (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));

    // Nothing to go on at all.
    r = sb.raw({"--today", T, "due"}, {{"HOME", ""}});
    CHECK(r.code == 2);
    CHECK(r.err == "bmc: error: cannot tell where the database is: HOME is not set — pass --db "
                   "PATH or set BMC_DB\n");
}

TEST_CASE("BMC_TODAY pins today when --today is not given", "[e2e]") {
    Sandbox sb;
    Result r =
        sb.raw({"--db", sb.db(), "add", "Ada", "-s", "strong"}, {{"BMC_TODAY", "2026-01-15"}});
    CHECK(r.code == 0);
    CHECK(r.out ==
          "Added #1 Ada (strong, every 4 months): reconnect by 2026-05-15 (due in 4 months).\n");
    r = sb.raw({"--db", sb.db(), "due"}, {{"BMC_TODAY", "2026-01-15"}});
    CHECK(r.out == "Nobody is due today (2026-01-15). Look ahead with `bmc due --within 2w`.\n");
    r = sb.raw({"--db", sb.db(), "due"}, {{"BMC_TODAY", "2026-05-15"}});
    CHECK(r.out.rfind("1 person to reconnect with, as of 2026-05-15:\n", 0) == 0);
    // --today wins.
    r = sb.raw({"--db", sb.db(), "--today", "2026-11-22", "due"}, {{"BMC_TODAY", "2026-01-15"}});
    CHECK(r.out.rfind("1 person to reconnect with, as of 2026-11-22:\n", 0) == 0);

    const std::string before = sb.snapshot();
    r = sb.raw({"--db", sb.db(), "log", "Ada"}, {{"BMC_TODAY", "15/01/2026"}});
    CHECK(r.code == 2);
    CHECK(r.err.rfind("bmc: error: invalid BMC_TODAY '15/01/2026' — ", 0) == 0);
    CHECK((sb.snapshot() == before)); // unchanged
}

TEST_CASE("read-only commands on a missing database create nothing", "[e2e]") {
    Sandbox sb;
    struct Case {
        std::vector<std::string> args;
        int code;
        std::string out_start;
    };
    const std::vector<Case> cases = {
        {{"due"}, 0, "Nobody is due today (2026-11-22)."},
        {{"due", "--json"}, 0, "{"},
        {{"list"}, 0, "Nobody matches."},
        {{"list", "--json"}, 0, "{"},
        {{"show", "Ada"}, 1, ""},
        {{"export", "--json"}, 0, "{\"version\":1,"},
        {{"config", "list"}, 0, "cadence.strong    4m"},
        {{"config", "get", "cadence.medium"}, 0, "6m\n"},
    };
    for (const auto& c : cases) {
        const Result r = sb.bmc(c.args);
        INFO(join_args(c.args) << " stderr: " << r.err);
        CHECK(r.code == c.code);
        CHECK(r.out.rfind(c.out_start, 0) == 0);
        CHECK_FALSE(fs::exists(sb.db()));
        CHECK_FALSE(fs::exists(sb.db() + "-wal"));
    }
    // Commands that need an existing person cannot succeed either, and create nothing.
    for (const std::vector<std::string>& args :
         std::vector<std::vector<std::string>>{{"log", "Ada"},
                                               {"edit", "Ada", "--strength", "strong"},
                                               {"snooze", "Ada", "2w"},
                                               {"archive", "Ada"},
                                               {"unarchive", "Ada"},
                                               {"rm", "Ada", "--yes"}}) {
        const Result r = sb.bmc(args);
        INFO(join_args(args));
        CHECK(r.code == 1);
        CHECK(r.err.rfind("bmc: error: nobody called 'Ada' — ", 0) == 0);
        CHECK_FALSE(fs::exists(sb.db()));
    }
    const nlohmann::json doc = nlohmann::json::parse(sb.bmc({"export", "--json"}).out);
    CHECK(doc["contacts"] == nlohmann::json::array());

    // Nor the default directories.
    const fs::path xdg = sb.dir() / "xdg";
    for (const char* cmd : {"due", "list", "export"}) {
        std::vector<std::string> args = {"--today", "2026-11-22", cmd};
        if (std::string(cmd) == "export") {
            args.push_back("--json");
        }
        CHECK(sb.raw(args).code == 0);
        CHECK(sb.raw(args, {{"XDG_DATA_HOME", xdg.string()}}).code == 0);
    }
    CHECK_FALSE(fs::exists(sb.dir() / "home/.local"));
    CHECK_FALSE(fs::exists(xdg));
}

TEST_CASE("global options in every spelling reach the command, which alone is built", "[e2e]") {
    // bmc builds only the command a command line names (after --db, --today, --no-color): each
    // spelling of the global options must still find it, and a word that is no command still
    // gets the error of the full interface.
    Sandbox sb;
    REQUIRE(sb.bmc({"add", "Ada Lovelace", "--strength", "strong"}).code == 0);
    const Result spaced = sb.raw({"--db", sb.db(), "--today", "2027-06-01", "due"});
    REQUIRE(spaced.code == 0);
    CHECK(spaced.out.find("Ada Lovelace") != std::string::npos);
    CHECK(sb.raw({"--db=" + sb.db(), "--today=2027-06-01", "due"}).out == spaced.out);
    CHECK(sb.raw({"--no-color", "--today", "2027-06-01", "--db", sb.db(), "due"}).out ==
          spaced.out);
    const Result unknown = sb.raw({"--db", sb.db(), "frobnicate"});
    CHECK(unknown.code == 2);
    CHECK(unknown.err.find("frobnicate") != std::string::npos);
    CHECK(unknown.err.find("— see `bmc --help`") != std::string::npos);
    // An option bmc does not know before the command: the full interface reports it.
    const Result bad_option = sb.raw({"--frob", "due"});
    CHECK(bad_option.code == 2);
    CHECK(bad_option.err.find("--frob") != std::string::npos);
    // A command's own help is complete (its options), and the top-level help lists them all.
    const Result due_help = sb.raw({"--db", sb.db(), "due", "--help"});
    CHECK(due_help.code == 0);
    CHECK(due_help.out.find("--within") != std::string::npos);
    const Result help = sb.raw({"--help"});
    for (const char* command : {"add", "log", "due", "undo", "plan", "intro", "todo", "export"}) {
        CHECK(help.out.find(std::string("  ") + command + " ") != std::string::npos);
    }
}

TEST_CASE("the --version and --help flags", "[e2e]") {
    Sandbox sb;
    Result r = sb.raw({"--version"});
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    CHECK(std::regex_match(r.out, std::regex("bmc [0-9]+\\.[0-9]+\\.[0-9]+\n")));
    // `--version` alone takes a fast path; with other options CLI11 answers: the same text.
    const Result with_options = sb.raw({"--no-color", "--version"});
    CHECK(with_options.code == 0);
    CHECK(with_options.out == r.out);

    const std::vector<std::vector<std::string>> commands = {{"add"},           {"log"},
                                                            {"due"},           {"show"},
                                                            {"list"},          {"edit"},
                                                            {"snooze"},        {"archive"},
                                                            {"unarchive"},     {"rm"},
                                                            {"config"},        {"config", "list"},
                                                            {"config", "get"}, {"config", "set"},
                                                            {"export"},        {"import"},
                                                            {"demo"}};
    for (const auto& cmd : commands) {
        for (const char* flag : {"--help", "-h"}) {
            if (std::string(flag) == "-h" && cmd.size() > 1) {
                continue;
            }
            std::vector<std::string> args = cmd;
            args.push_back(flag);
            r = sb.bmc(args);
            INFO(join_args(args));
            CHECK(r.code == 0);
            CHECK(r.err.empty());
            std::string usage = "Usage: bmc"; // the whole command path, e.g. "bmc config set"
            for (const auto& word : cmd) {
                usage += " " + word;
            }
            CHECK(r.out.find(usage + " [OPTIONS]") != std::string::npos);
            CHECK(r.out.find("\nExamples:\n  bmc " + cmd.front()) != std::string::npos);
        }
    }
    CHECK(sb.bmc({"log", "--help"}).out.find("--via") != std::string::npos);
    CHECK_FALSE(fs::exists(sb.db())); // help never opens the database

    for (const std::vector<std::string>& args :
         std::vector<std::vector<std::string>>{{"--help"}, {}}) {
        r = sb.raw(args);
        CHECK(r.code == 0);
        CHECK(r.out.find("Subcommands:") != std::string::npos);
        CHECK(r.out.find("Examples:") != std::string::npos);
    }
    CHECK_FALSE(fs::exists(sb.dir() / "home/.local"));
}
