// The command-line layer: parses arguments with CLI11, runs one command through the service and
// writes its output. The only module that knows CLI11 and the terminal.
#pragma once

#include "bmc/paths.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace bmc {

// Where a command's output goes and what it may assume about the terminal.
struct Terminal {
    std::ostream& out;
    std::ostream& err;
    std::istream& in;
    bool out_is_tty = false;
};

// Reads BMC_DB, BMC_TODAY, XDG_DATA_HOME, HOME and NO_COLOR from the process environment.
Environment environment_from_process();

// Runs bmc with `args` (without the program name). Returns the exit code: 0 success, 1 runtime
// error, 2 usage error. Errors are written to `term.err` as "bmc: error: <what> — <what to do>".
int run_cli(const std::vector<std::string>& args, const Environment& env, Terminal term);

} // namespace bmc
