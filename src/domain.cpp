#include "bmc/domain.hpp"

#include <algorithm>

namespace bmc {

std::string_view to_string(Strength s) {
    switch (s) {
    case Strength::strong:
        return "strong";
    case Strength::medium:
        return "medium";
    case Strength::weak:
        return "weak";
    }
    return "medium";
}

std::optional<Strength> parse_strength(std::string_view text) {
    if (text == "strong") {
        return Strength::strong;
    }
    if (text == "medium") {
        return Strength::medium;
    }
    if (text == "weak") {
        return Strength::weak;
    }
    return std::nullopt;
}

int rank(Strength s) {
    return static_cast<int>(s);
}

std::string to_string(const Interval& interval) {
    static constexpr char units[] = {'d', 'w', 'm', 'y'};
    return std::to_string(interval.count) + units[static_cast<int>(interval.unit)];
}

std::string describe(const Interval& interval) {
    static constexpr std::string_view names[] = {"day", "week", "month", "year"};
    std::string out = std::to_string(interval.count) + " ";
    out += names[static_cast<int>(interval.unit)];
    if (interval.count != 1) {
        out += 's';
    }
    return out;
}

std::string_view to_string(Initiator who) {
    return who == Initiator::me ? "me" : "them";
}

std::optional<Initiator> parse_initiator(std::string_view text) {
    if (text == "me") {
        return Initiator::me;
    }
    if (text == "them") {
        return Initiator::them;
    }
    return std::nullopt;
}

bool is_valid_via(std::string_view text) {
    return std::find(std::begin(via_values), std::end(via_values), text) != std::end(via_values);
}

const Interval& Cadence::for_strength(Strength s) const {
    switch (s) {
    case Strength::strong:
        return strong;
    case Strength::weak:
        return weak;
    case Strength::medium:
        break;
    }
    return medium;
}

} // namespace bmc
