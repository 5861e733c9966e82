// Unit tests for the introduction suggestions (bmc/introductions.hpp): who shares tags, the
// ranking (more shared tags, then the smaller community, then names), pairs already connected
// left out, the limit, and tags too broad to propose pairs on their own.
#include "bmc/introductions.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

using bmc::TaggedPerson;

std::vector<std::string> pairs(const bmc::IntroSuggestions& s) {
    std::vector<std::string> out;
    for (const auto& p : s.pairs) {
        std::string tags;
        for (const auto& t : p.shared_tags) {
            tags += (tags.empty() ? "" : ",") + t;
        }
        out.push_back(p.a_name + "+" + p.b_name + ":" + tags);
    }
    return out;
}

} // namespace

TEST_CASE("suggest_intros ranks more shared tags first, then rarer communities, then names",
          "[introductions]") {
    const std::vector<TaggedPerson> people = {
        {1, "Zoe", {"climbing", "rust", "jazz"}},
        {2, "ada", {"climbing", "rust"}},
        {3, "Bob", {"climbing"}},
        {4, "Cy", {"jazz"}},
        {5, "Dee", {"knitting"}},
    };
    const auto s = bmc::suggest_intros(people, {}, 10);
    // climbing has 3 people, jazz 2: Cy+Zoe (jazz) comes before the climbing-only pairs.
    CHECK(pairs(s) == std::vector<std::string>{"ada+Zoe:rust,climbing", "Cy+Zoe:jazz",
                                               "ada+Bob:climbing", "Bob+Zoe:climbing"});
    CHECK(s.pairs.front().a == 2);
    CHECK(s.pairs.front().b == 1);
    CHECK(s.pairs.front().smallest_community == 2);
    CHECK(s.broad_tags.empty());
}

TEST_CASE("suggest_intros leaves out pairs already connected, in either order", "[introductions]") {
    const std::vector<TaggedPerson> people = {
        {1, "Ada", {"math"}}, {2, "Bob", {"math"}}, {3, "Cy", {"math"}}};
    CHECK(pairs(bmc::suggest_intros(people, {{2, 1}, {2, 3}}, 10)) ==
          std::vector<std::string>{"Ada+Cy:math"});
    CHECK(pairs(bmc::suggest_intros(people, {{1, 2}, {3, 1}, {2, 3}}, 10)).empty());
    // Connections to people not in the list are ignored.
    CHECK(pairs(bmc::suggest_intros(people, {{1, 99}}, 10)).size() == 3);
}

TEST_CASE("suggest_intros keeps the best `limit` pairs and is deterministic", "[introductions]") {
    std::vector<TaggedPerson> people;
    for (int k = 0; k < 30; ++k) {
        people.push_back({k + 1, "P" + std::to_string(100 + k), {"go"}});
    }
    people[7].tags.push_back("chess");
    people[19].tags.push_back("chess");
    const auto s = bmc::suggest_intros(people, {}, 3);
    CHECK(pairs(s) ==
          std::vector<std::string>{"P107+P119:chess,go", "P100+P101:go", "P100+P102:go"});
    auto reversed = people;
    std::reverse(reversed.begin(), reversed.end());
    CHECK(pairs(bmc::suggest_intros(reversed, {}, 3)) == pairs(s));
    CHECK(bmc::suggest_intros(people, {}, 0).pairs.empty());
}

TEST_CASE(
    "tags too large for the work limit do not propose pairs on their own, but count as shared",
    "[introductions]") {
    std::vector<TaggedPerson> people;
    for (int k = 0; k < 5; ++k) {
        people.push_back({k + 1, "P" + std::to_string(k), {"work"}});
    }
    people[0].tags.push_back("sailing");
    people[3].tags.push_back("sailing");
    // sailing (1 pair) fits in a limit of 5 pairs; work (10 pairs) does not.
    const auto s = bmc::suggest_intros(people, {}, 10, 5);
    CHECK(pairs(s) == std::vector<std::string>{"P0+P3:sailing,work"});
    REQUIRE(s.broad_tags.size() == 1);
    CHECK(s.broad_tags.front().tag == "work");
    CHECK(s.broad_tags.front().people == 5);
}

TEST_CASE("suggest_intros stays fast on thousands of people", "[introductions]") {
    std::vector<TaggedPerson> people;
    for (int k = 0; k < 5000; ++k) {
        people.push_back({k + 1,
                          "Person " + std::to_string(k),
                          {"t" + std::to_string(k % 50), "u" + std::to_string(k % 37), "all"}});
    }
    const auto s = bmc::suggest_intros(people, {}, 10, 1'000'000);
    REQUIRE(s.pairs.size() == 10);
    // Sharing both t and u tags (k ≡ k' mod 1850): more shared than any single-tag pair.
    CHECK(s.pairs.front().shared_tags.size() == 3);
    // The t and u tags (100 to 136 people) fit in a million pairs; "all" (5000) does not.
    REQUIRE(s.broad_tags.size() == 1);
    CHECK(s.broad_tags.front().tag == "all");
    // With the default limit every tag proposes pairs, and the result starts the same.
    const auto all = bmc::suggest_intros(people, {}, 10);
    CHECK(all.broad_tags.empty());
    CHECK(all.pairs.front().a == s.pairs.front().a);
    CHECK(all.pairs.front().b == s.pairs.front().b);
}
