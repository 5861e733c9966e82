// End-to-end tests of bad input and hostile files not covered in test_errors.cpp: oversized and
// NUL-laden text, damaged database files, read-only files and directories, a full disk. Every
// case must end in `bmc: error: …`, a non-zero exit (never a crash) and an unchanged database.
#include "run.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <grp.h>
#include <string>
#include <sys/resource.h>
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

void write(const fs::path& path, const std::string& bytes) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f << bytes;
}

bool has_raw_control(const std::string& s) {
    for (unsigned char c : s) {
        if ((c < 0x20 && c != '\n') || c == 0x7f) {
            return true;
        }
    }
    return false;
}

// Refused with `bmc: error: <start>…`, exit `code`, nothing on stdout, no raw control
// characters, database unchanged.
void refused(Sandbox& sb, const std::vector<std::string>& args, int code,
             const std::string& start) {
    const std::string before = sb.snapshot();
    const Result r = sb.bmc(args);
    INFO("bmc " << args.front() << " stderr: " << r.err);
    CHECK(r.code == code);
    CHECK(r.out.empty());
    CHECK(r.err.rfind("bmc: error: " + start, 0) == 0);
    CHECK_FALSE(has_raw_control(r.err));
    CHECK((sb.snapshot() == before));
}

struct Limits {
    bool as_nobody = false; // when running as root, drop to uid/gid 65534 so modes apply
    rlim_t file_size = RLIM_INFINITY;
    std::string db; // default: the sandbox's
};

// Runs bmc on the sandbox's database with the given limits.
Result run_limited(Sandbox& sb, const std::vector<std::string>& args, const Limits& limits) {
    std::vector<std::string> strings = {BMC_BINARY, "--db", limits.db.empty() ? sb.db() : limits.db,
                                        "--today", sb.today};
    strings.insert(strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : strings) {
        argv.push_back(s.data());
    }
    argv.push_back(nullptr);
    const fs::path out = sb.dir() / ".." / (sb.dir().filename().string() + ".out");
    const fs::path err = sb.dir() / ".." / (sb.dir().filename().string() + ".err");
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(o, 1);
        ::dup2(e, 2);
        if (limits.file_size != RLIM_INFINITY) {
            // A full disk: writes beyond the limit fail with EFBIG instead of killing bmc.
            ::signal(SIGXFSZ, SIG_IGN);
            const rlimit rl{limits.file_size, limits.file_size};
            ::setrlimit(RLIMIT_FSIZE, &rl);
        }
        if (limits.as_nobody && ::geteuid() == 0) {
            if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0) {
                ::_exit(125);
            }
        }
        char* envp[] = {nullptr};
        ::execve(argv[0], argv.data(), envp);
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    Result r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = read_file(out);
    r.err = read_file(err);
    fs::remove(out);
    fs::remove(err);
    return r;
}

std::int64_t count(const std::string& db, const std::string& sql) {
    SQLite::Database d(db, SQLite::OPEN_READONLY);
    return d.execAndGet(sql).getInt64();
}

} // namespace

TEST_CASE("oversized notes are refused with the limit stated, even at 1 MB", "[e2e]") {
    Sandbox sb;
    ok(sb, {"add", "Ada"});
    // Over the 64 KiB note limit on the command line (Linux caps one argument at 128 KiB).
    refused(sb, {"log", "Ada", "--note", std::string(100000, 'a')}, 1,
            "the note is too long (100000 bytes; the limit is 65536)");
    // A 1 MB note in an import.
    write(sb.dir() / "big.json",
          json::array({{{"name", "Big"}, {"notes", std::string(1 << 20, 'a')}}}).dump());
    refused(sb, {"import", "--json", (sb.dir() / "big.json").string()}, 1,
            "import rejected at contact 1 ('Big'): field 'notes' is too long (1048576 bytes; the "
            "limit is 65536)");
    // The limit itself is accepted.
    ok(sb, {"log", "Ada", "--note", std::string(65536, 'a')});
}

TEST_CASE("NUL bytes and invalid UTF-8 in an import are refused", "[e2e]") {
    Sandbox sb;
    ok(sb, {"add", "Ada"});
    write(sb.dir() / "nul.json", R"([{"name": "Eve\u0000Evil"}])");
    refused(sb, {"import", "--json", (sb.dir() / "nul.json").string()}, 1,
            "import rejected at contact 1 ('Eve\\x00Evil'): the name contains a NUL byte");
    write(sb.dir() / "nul2.json", R"([{"name": "Ok", "notes": "a\u0000b"}])");
    refused(sb, {"import", "--json", (sb.dir() / "nul2.json").string()}, 1,
            "import rejected at contact 1 ('Ok'): field 'notes' contains a NUL byte");
    write(sb.dir() / "bad.json", "[{\"name\": \"Bad \xff\xfe name\"}]");
    refused(sb, {"import", "--json", (sb.dir() / "bad.json").string()}, 1,
            "the import is not valid JSON");
    write(sb.dir() / "raw.json", std::string("[{\"name\": \"A\0B\"}]", 18));
    refused(sb, {"import", "--json", (sb.dir() / "raw.json").string()}, 1,
            "the import is not valid JSON");
    // Control characters are refused too (test_errors.cpp checks that stored ones never reach
    // the terminal raw).
    write(sb.dir() / "ctl.json", R"([{"name": "Eve", "notes": "\u001b]0;pwned\u0007"}])");
    refused(sb, {"import", "--json", (sb.dir() / "ctl.json").string()}, 1,
            "import rejected at contact 1 ('Eve'): field 'notes' contains control characters");
}

TEST_CASE("a truncated or corrupted database file never crashes bmc", "[e2e]") {
    Sandbox sb;
    json doc = json::array();
    for (int i = 0; i < 2000; ++i) {
        doc.push_back({{"name", "Person " + std::to_string(i)}, {"notes", std::string(200, 'x')}});
    }
    write(sb.dir() / "people.json", doc.dump());
    ok(sb, {"import", "--json", (sb.dir() / "people.json").string()});
    const std::string good = read_file(sb.db());
    REQUIRE_FALSE(fs::exists(sb.db() + "-wal"));

    SECTION("truncated: refused by every command, the file untouched") {
        write(sb.db(), good.substr(0, good.size() / 3));
        for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
                 {"list"}, {"log", "Person 1"}, {"check"}, {"export", "--json"}, {"undo", "-y"}}) {
            refused(sb, args, 1, sb.db() + " is not a bmc database (or it is damaged)");
        }
    }
    SECTION("pages overwritten: check reports it; other commands fail cleanly or work") {
        std::string bad = good;
        // One page two thirds into the file: a table page, not the schema.
        const std::size_t page = bad.size() / 4096 * 2 / 3;
        for (std::size_t i = page * 4096 + 100; i < page * 4096 + 4000; ++i) {
            bad[i] = static_cast<char>(0xA5 ^ (i & 0xff));
        }
        write(sb.db(), bad);
        const Result check = sb.bmc({"check"});
        CHECK(check.code == 1);
        CHECK(check.out.find("problem: integrity: ") != std::string::npos);
        CHECK_FALSE(has_raw_control(check.out));
        for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
                 {"list"}, {"due"}, {"show", "Person 1999"}, {"export", "--json"}}) {
            const Result r = sb.bmc(args);
            INFO(args.front() << ": " << r.err);
            CHECK((r.code == 0 || r.code == 1)); // never a signal
            if (r.code != 0) {
                CHECK(r.err.rfind("bmc: error: ", 0) == 0);
            }
        }
    }
}

TEST_CASE("a read-only database file or directory: reads work, writes fail cleanly", "[e2e]") {
    Sandbox sb;
    ok(sb, {"add", "Ada"});
    if (::geteuid() == 0) {
        // Root ignores file modes: the writes below run as nobody, who must own the files.
        REQUIRE(::chown(sb.dir().c_str(), 65534, 65534) == 0);
        REQUIRE(::chown(sb.db().c_str(), 65534, 65534) == 0);
    }
    const Limits nobody{true, RLIM_INFINITY, ""};
    const std::string before = read_file(sb.db());
    SECTION("read-only file: reads work, writes are refused") {
        fs::permissions(sb.db(), fs::perms::owner_read);
        const Result list = run_limited(sb, {"list"}, nobody);
        CHECK(list.code == 0);
        CHECK(list.out.find("Ada") != std::string::npos);
        const Result log = run_limited(sb, {"log", "Ada"}, nobody);
        INFO(log.err);
        CHECK(log.code == 1);
        CHECK(log.err == "bmc: error: cannot write to " + sb.db() +
                             ": attempt to write a readonly database — check that the file and "
                             "its directory are writable\n");
        CHECK(read_file(sb.db()) == before);
        CHECK((fs::status(sb.db()).permissions() & fs::perms::all) == fs::perms::owner_read);
    }
    SECTION("read-only directory: the write-ahead log cannot be created, so bmc says so") {
        fs::permissions(sb.dir(), fs::perms::owner_read | fs::perms::owner_exec);
        for (const std::vector<std::string>& args :
             std::vector<std::vector<std::string>>{{"list"}, {"log", "Ada"}}) {
            const Result r = run_limited(sb, args, nobody);
            INFO(r.err);
            CHECK(r.code == 1);
            CHECK(r.out.empty());
            CHECK(r.err.rfind("bmc: error: cannot open database " + sb.db() + ": ", 0) == 0);
            CHECK(r.err.find("— check that the file and its directory are readable and "
                             "writable\n") != std::string::npos);
        }
        CHECK(read_file(sb.db()) == before);
        const std::string fresh = (sb.dir() / "new.db").string();
        const Result add = run_limited(sb, {"add", "Bo"}, Limits{true, RLIM_INFINITY, fresh});
        INFO(add.err);
        CHECK(add.code == 1);
        CHECK(add.err.rfind("bmc: error: cannot create database " + fresh + ": ", 0) == 0);
        CHECK_FALSE(fs::exists(fresh));
        fs::permissions(sb.dir(), fs::perms::owner_all);
    }
}

TEST_CASE("a full disk fails the write cleanly and changes nothing", "[e2e]") {
    Sandbox sb;
    ok(sb, {"add", "Ada"});
    json doc = json::array();
    for (int i = 0; i < 2000; ++i) {
        doc.push_back({{"name", "Person " + std::to_string(i)}, {"notes", std::string(500, 'n')}});
    }
    write(sb.dir() / "people.json", doc.dump());
    // No file may grow beyond 300 KB: the import needs about 2 MB.
    const Result r = run_limited(sb, {"import", "--json", (sb.dir() / "people.json").string()},
                                 Limits{false, 300 * 1024, ""});
    INFO(r.err);
    CHECK(r.code == 1);
    CHECK(r.out.empty());
    CHECK(r.err == "bmc: error: could not write to the disk (is it full?); nothing was changed — "
                   "free some space and try again\n");
    CHECK(count(sb.db(), "SELECT count(*) FROM contacts") == 1);
    CHECK(ok(sb, {"check"}).rfind("OK: 1 person", 0) == 0);
    // With room again, the same import works.
    CHECK(ok(sb, {"import", "--json", (sb.dir() / "people.json").string()})
              .rfind("Imported: 2000 added", 0) == 0);
}
