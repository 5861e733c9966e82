// bmc's entry point: everything else lives in the core library.
#include "bmc/cli.hpp"

#include <iostream>
#include <unistd.h>

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    const std::vector<std::string> args(argv + 1, argv + argc);
    return bmc::run_cli(args, bmc::environment_from_process(),
                        {std::cout, std::cerr, std::cin, ::isatty(STDOUT_FILENO) == 1});
}
