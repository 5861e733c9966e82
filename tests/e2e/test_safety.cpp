// End-to-end tests of bmc's safety promises (docs/reliability.md): many processes writing at once,
// imports killed at random moments. These run the real binary in parallel child processes.
#include "run.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using bmc::e2e::read_file;
using bmc::e2e::Result;
using bmc::e2e::Sandbox;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// Starts `argv` with stdout and stderr going to `out_path`; returns the child's pid.
pid_t spawn(const std::vector<std::string>& args, const fs::path& out_path, const fs::path& cwd) {
    std::vector<std::string> strings = args;
    std::vector<char*> argv;
    for (auto& s : strings) {
        argv.push_back(s.data());
    }
    argv.push_back(nullptr);
    std::string home = "HOME=" + (cwd / "home").string();
    std::string path = "PATH=/usr/bin:/bin";
    std::string lang = "LANG=C.UTF-8";
    char* envp[] = {home.data(), path.data(), lang.data(), nullptr};
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int in = ::open("/dev/null", O_RDONLY);
        ::dup2(in, 0);
        ::dup2(out, 1);
        ::dup2(out, 2);
        if (::chdir(cwd.c_str()) != 0) {
            ::_exit(126);
        }
        ::execve(argv[0], argv.data(), envp);
        ::_exit(127);
    }
    return pid;
}

int wait_code(pid_t pid) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::int64_t count(const std::string& db, const std::string& table) {
    SQLite::Database d(db, SQLite::OPEN_READONLY);
    return d.execAndGet("SELECT count(*) FROM " + table).getInt64();
}

std::string integrity(const std::string& db) {
    SQLite::Database d(db, SQLite::OPEN_READONLY);
    return d.execAndGet("PRAGMA integrity_check").getString();
}

} // namespace

TEST_CASE("8 processes logging 200 times each at once lose nothing and never fail", "[e2e][slow]") {
    Sandbox sb;
    REQUIRE(sb.bmc({"add", "Ada Lovelace"}).code == 0);
    constexpr int processes = 8;
    constexpr int writes = 200;
    // Each process is a shell loop running `bmc log` 200 times; it stops at the first failure.
    const std::string loop = "i=0; while [ $i -lt " + std::to_string(writes) +
                             " ]; do i=$((i+1)); \"$0\" --db \"$1\" --today 2026-11-22 log Ada "
                             "--note \"p$2 n$i\" >/dev/null || exit 1; done";
    const auto start = Clock::now();
    std::vector<pid_t> pids;
    for (int p = 0; p < processes; ++p) {
        pids.push_back(spawn({"/bin/sh", "-c", loop, BMC_BINARY, sb.db(), std::to_string(p)},
                             sb.dir() / ("proc" + std::to_string(p) + ".log"), sb.dir()));
    }
    for (int p = 0; p < processes; ++p) {
        const int code = wait_code(pids[static_cast<std::size_t>(p)]);
        const std::string log = read_file(sb.dir() / ("proc" + std::to_string(p) + ".log"));
        INFO("process " << p << " output: " << log);
        CHECK(code == 0);
        CHECK(log.find("locked") == std::string::npos);
        CHECK(log.find("busy") == std::string::npos);
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::cerr << "concurrency: " << processes << " processes x " << writes << " `bmc log` in "
              << seconds << " s\n";
    CHECK(count(sb.db(), "interactions") == processes * writes);
    // Every note arrived exactly once.
    SQLite::Database d(sb.db(), SQLite::OPEN_READONLY);
    CHECK(d.execAndGet("SELECT count(DISTINCT note) FROM interactions").getInt64() ==
          processes * writes);
    CHECK(integrity(sb.db()) == "ok");
    const Result check = sb.bmc({"show", "Ada", "--json"});
    CHECK(check.code == 0);
}

TEST_CASE("an import killed at random moments leaves all or nothing and an intact file",
          "[e2e][slow]") {
    Sandbox sb;
    // 5 000 people keep the test near 20 s on a busy machine; BMC_KILL_TEST_PEOPLE=30000 runs the
    // issue's full size (docs/reliability.md has the figures of both).
    const char* size = std::getenv("BMC_KILL_TEST_PEOPLE");
    const int people = size ? std::atoi(size) : 5000;
    REQUIRE(people > 0);
    constexpr int rounds = 12;
    {
        std::ofstream doc(sb.dir() / "people.json");
        doc << "[";
        for (int i = 0; i < people; ++i) {
            doc << (i ? "," : "") << "{\"name\": \"Person " << i << "\", \"tags\": [\"t" << i % 7
                << "\"], \"notes\": \"imported in the kill test\"}";
        }
        doc << "]";
    }
    // A template database with one person, copied fresh for every round.
    const fs::path tmpl = sb.dir() / "template.db";
    REQUIRE(sb.raw({"--db", tmpl.string(), "add", "Seed Person"}).code == 0);
    REQUIRE_FALSE(fs::exists(tmpl.string() + "-wal"));
    const std::vector<std::string> import = {
        BMC_BINARY, "--db",   sb.db(),  "--today",
        sb.today,   "import", "--json", (sb.dir() / "people.json").string()};
    auto fresh = [&] {
        fs::remove(sb.db());
        fs::remove(sb.db() + "-wal");
        fs::remove(sb.db() + "-shm");
        fs::copy_file(tmpl, sb.db());
    };

    // How long a whole import takes here, so the kills land all through it.
    fresh();
    auto start = Clock::now();
    REQUIRE(wait_code(spawn(import, sb.dir() / "import.log", sb.dir())) == 0);
    const auto full = Clock::now() - start;
    REQUIRE(count(sb.db(), "contacts") == people + 1);
    const auto full_ms = std::chrono::duration_cast<std::chrono::milliseconds>(full).count();

    std::mt19937 rng(20261122); // seeded: the same delays on every run
    // Kills land anywhere in [0, range]. When an import finishes before its kill, the machine got
    // faster than the first measurement: the range shrinks so later kills still land mid-import.
    long long range = full_ms + full_ms / 10;
    int killed = 0;
    int none = 0;
    int all = 0;
    for (int round = 0; round < rounds; ++round) {
        fresh();
        const long long ms = std::uniform_int_distribution<long long>(0, range)(rng);
        const pid_t pid = spawn(import, sb.dir() / "import.log", sb.dir());
        std::this_thread::sleep_for(std::chrono::milliseconds(ms));
        ::kill(pid, SIGKILL);
        const int code = wait_code(pid);
        if (code == 128 + SIGKILL) {
            ++killed;
        } else {
            CHECK(code == 0);
            range = std::max<long long>(1, ms * 9 / 10);
        }
        INFO("round " << round << ": killed after " << ms << " ms, exit " << code);
        REQUIRE(integrity(sb.db()) == "ok");
        const auto n = count(sb.db(), "contacts");
        CHECK((n == 1 || n == people + 1));
        (n == 1 ? none : all) += 1;
        CHECK(count(sb.db(), "contact_attrs") == (n == 1 ? 0 : people));
        // The database still works after the kill.
        REQUIRE(sb.bmc({"log", "Seed", "--note", "after the kill"}).code == 0);
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::cerr << "crash safety: " << people << "-person import took " << full_ms << " ms; "
              << killed << " of " << rounds << " runs SIGKILLed (" << none << " left nothing, "
              << all << " everything), " << seconds << " s in all\n";
    // Most kills must land mid-import, or the test proves little.
    CHECK(killed >= rounds / 2);
}
