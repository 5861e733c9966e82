// Relationship practices computed from a person's history. Pure: no I/O.
#pragma once

#include "bmc/domain.hpp"

#include <vector>

namespace bmc {

// "Give before you receive": who reaches out, and what changes hands.
struct Reciprocity {
    int by_me = 0;      // conversations you started
    int by_them = 0;    // conversations they started
    int gave = 0;       // conversations in which you gave something
    int received = 0;   // ... received something
    int asked = 0;      // ... asked for something
    int unanswered = 0; // your latest reach-outs in a row since they last reached out
};

// Counts over `interactions` in any order (the run of unanswered reach-outs follows dates).
Reciprocity reciprocity_of(const std::vector<Interaction>& interactions);

} // namespace bmc
