// Runs the real bmc binary for end-to-end tests: a fresh temporary directory per test, a pinned
// "today", and captured stdout, stderr and exit code.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace bmc::e2e {

struct Result {
    int code = -1;
    std::string out;
    std::string err;
};

// A temporary home for one test: its own directory and database path, removed afterwards.
class Sandbox {
public:
    Sandbox();
    ~Sandbox();
    Sandbox(const Sandbox&) = delete;
    Sandbox& operator=(const Sandbox&) = delete;

    const std::filesystem::path& dir() const { return m_dir; }
    std::string db() const { return (m_dir / "bmc.db").string(); }

    // Runs `bmc --db <db> --today <today> ARGS...` with HOME inside the sandbox and no BMC_*,
    // NO_COLOR or XDG variables unless given in `env`.
    Result bmc(const std::vector<std::string>& args, const std::string& stdin_text = "");
    // Runs bmc with exactly these arguments and environment additions (no --db/--today added).
    Result raw(const std::vector<std::string>& args,
               const std::map<std::string, std::string>& env = {},
               const std::string& stdin_text = "");

    std::string today = "2026-11-22";

    // Bytes of the database file and its WAL, to check that a failed command changed nothing.
    std::string snapshot() const;

private:
    std::filesystem::path m_dir;
};

// Reads a whole file.
std::string read_file(const std::filesystem::path& path);

// Helpers for test files; in their own namespace so that argument-dependent lookup does not
// bring them into files that still have helpers of the same name.
namespace check {

// The arguments joined with spaces, for test messages.
std::string join_args(const std::vector<std::string>& args);

// Runs a command (with `in` on its stdin) that must succeed with nothing on stderr and returns
// its stdout.
std::string ok(Sandbox& sb, const std::vector<std::string>& args, const std::string& in = "");

// Runs a command that must fail with `code` and exactly `err` on stderr, print nothing on stdout
// and leave the database as it was.
void fails(Sandbox& sb, const std::vector<std::string>& args, int code, const std::string& err);

} // namespace check

} // namespace bmc::e2e
