// Several bmc processes started at once on a database file that does not exist yet: the first
// creates it, the others wait for it; none may mistake the half-created file for another
// program's database.
#include "run.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using bmc::e2e::read_file;
using bmc::e2e::Sandbox;

namespace {

// Starts `bmc ARGS...` without waiting, its output in files next to the database.
pid_t spawn(const Sandbox& box, const std::vector<std::string>& args, const std::string& tag) {
    std::vector<std::string> strings = {BMC_BINARY};
    strings.insert(strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : strings) {
        argv.push_back(s.data());
    }
    argv.push_back(nullptr);
    const std::string out = (box.dir() / (tag + ".out")).string();
    const std::string err = (box.dir() / (tag + ".err")).string();
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(o, 1);
        ::dup2(e, 2);
        char* envp[] = {nullptr};
        ::execve(argv[0], argv.data(), envp);
        ::_exit(127);
    }
    return pid;
}

int wait_for(pid_t pid) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

} // namespace

TEST_CASE("processes that start together on a new database all succeed") {
    constexpr int rounds = 4;
    constexpr int processes = 12;
    for (int round = 0; round < rounds; ++round) {
        Sandbox box;
        const std::string db = (box.dir() / "new" / "bmc.db").string();
        std::vector<pid_t> pids;
        for (int i = 0; i < processes; ++i) {
            pids.push_back(spawn(
                box, {"--db", db, "--today", "2026-11-22", "add", "Person " + std::to_string(i)},
                std::to_string(i)));
        }
        for (int i = 0; i < processes; ++i) {
            const int code = wait_for(pids[static_cast<std::size_t>(i)]);
            INFO("round " << round << ", process " << i << ": "
                          << read_file(box.dir() / (std::to_string(i) + ".err")));
            CHECK(code == 0);
        }
        SQLite::Database check(db);
        CHECK(check.execAndGet("SELECT count(*) FROM contacts").getInt() == processes);
    }
}
