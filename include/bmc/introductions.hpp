// Introductions: the ones you made between two people, and who to introduce to whom next (pairs
// of people who share tags, communities of interest, and are not connected yet). Pure: no I/O.
// See docs/practices.md ("Introductions") for the rules in words.
#pragma once

#include "bmc/domain.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bmc {

// You introduced two people to each other. Stored once per pair, with a < b (contact ids).
struct Introduction {
    std::int64_t id = 0;
    std::string uuid;
    std::int64_t a = 0;
    std::int64_t b = 0;
    Date date{};
    std::optional<std::string> note;
    std::string created_at; // ISO 8601 UTC
    std::string updated_at; // ISO 8601 UTC
};

// A person as the suggestion rule needs them: tags already folded to lower case.
struct TaggedPerson {
    std::int64_t id = 0;
    std::string name;
    std::vector<std::string> tags;
};

struct IntroSuggestion {
    std::int64_t a = 0; // the one whose name sorts first
    std::string a_name;
    std::int64_t b = 0;
    std::string b_name;
    std::vector<std::string> shared_tags; // smallest community first, then alphabetical
    std::size_t smallest_community = 0;   // people holding the rarest shared tag
};

struct BroadTag {
    std::string tag;
    std::size_t people = 0;
};

struct IntroSuggestions {
    std::vector<IntroSuggestion> pairs; // best first
    // Tags too large to propose pairs within the work limit (by name): they still count as
    // shared tags of pairs found through smaller tags.
    std::vector<BroadTag> broad_tags;
};

// How many pairs of people sharing a tag suggest_intros() compares at most: tags propose pairs
// from the smallest up while their pairs (n * (n - 1) / 2 each) fit; larger ones are "broad".
// About 20,000 people with 40 tags of 700 fit; the work stays a fraction of a second.
inline constexpr std::size_t max_intro_pairs = 25'000'000;

// The best `limit` pairs of `people` who share at least one tag and are not in `connected`
// (pairs of ids, either order: introduced already, or one introduced you to the other).
// Best first: more shared tags; then the smaller community (the rarest shared tag has fewer
// members); then by the folded names of the first and second person; then by ids.
// Work is bounded by `max_pairs` pair comparisons plus one pass over everyone's tags.
IntroSuggestions suggest_intros(const std::vector<TaggedPerson>& people,
                                const std::vector<std::pair<std::int64_t, std::int64_t>>& connected,
                                std::size_t limit, std::size_t max_pairs = max_intro_pairs);

} // namespace bmc
