// The start-up baseline for `bmc --version`: a trivial C++ program, linked like bmc (dynamic
// libstdc++), that prints a version line with iostreams and exits.
#include <iostream>

int main() {
    std::ios::sync_with_stdio(false);
    std::cout << "bmc-bench-trivial 0.1.0\n";
    return 0;
}
