// Unit tests for resolving what a user typed to one person (bmc/service.hpp: resolve_person).
#include "bmc/dates.hpp"
#include "bmc/errors.hpp"
#include "bmc/repository.hpp"
#include "bmc/service.hpp"
#include "bmc/text.hpp"
#include "bmc/uuid.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace {

std::int64_t add(bmc::Repository& repo, const std::string& name, bool archived = false) {
    bmc::Contact c;
    c.uuid = bmc::new_uuid();
    c.name = name;
    c.archived = archived;
    c.met_on = bmc::parse_iso_date("2026-01-01");
    c.created_at = c.updated_at = "2026-01-01T00:00:00Z";
    repo.insert_contact(c);
    return c.id;
}

// A small address book: ids 1 to 5 in this order.
struct Book {
    bmc::Repository repo{":memory:"};
    std::int64_t ada = add(repo, "Ada Lovelace");
    std::int64_t adam = add(repo, "Adam Smith");
    std::int64_t alan = add(repo, "Alan Turing");
    std::int64_t grace = add(repo, "Grace Hopper");
    std::int64_t agent = add(repo, "Agent 47");
};

// Resolves `who`, which must fail with bmc::NotFoundError; returns it for further checks.
bmc::NotFoundError not_found(bmc::Repository& repo, const std::string& who) {
    try {
        const bmc::ContactRef ref = bmc::resolve_person(repo, who);
        FAIL("expected bmc::NotFoundError for '" << who << "', got #" << ref.id << " " << ref.name);
    } catch (const bmc::NotFoundError& e) {
        return e;
    }
    throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("the ids of the book are 1 to 5", "[resolve]") {
    Book b;
    CHECK(b.ada == 1);
    CHECK(b.adam == 2);
    CHECK(b.alan == 3);
    CHECK(b.grace == 4);
    CHECK(b.agent == 5);
}

TEST_CASE("'#id' resolves to that person", "[resolve]") {
    Book b;
    const auto ref = bmc::resolve_person(b.repo, "#3");
    CHECK(ref.id == 3);
    CHECK(ref.name == "Alan Turing");
    CHECK(bmc::resolve_person(b.repo, "#1").name == "Ada Lovelace");
    CHECK(bmc::resolve_person(b.repo, "  #4  ").name == "Grace Hopper");
}

TEST_CASE("a bare number resolves to the person with that id", "[resolve]") {
    Book b;
    const auto ref = bmc::resolve_person(b.repo, "2");
    CHECK(ref.id == 2);
    CHECK(ref.name == "Adam Smith");
    CHECK(bmc::resolve_person(b.repo, "04").id == 4);
}

TEST_CASE("a bare number that is no id may still be part of a name", "[resolve]") {
    Book b;
    const auto ref = bmc::resolve_person(b.repo, "47");
    CHECK(ref.id == b.agent);
    CHECK(ref.name == "Agent 47");
}

TEST_CASE("'#99' names an id nobody has", "[resolve]") {
    Book b;
    const auto e = not_found(b.repo, "#99");
    CHECK(std::string(e.what()) == "nobody has the id #99");
    CHECK_THAT(e.hint(), Catch::Contains("bmc list"));
    CHECK(e.details().empty());
    // "#47" is an id too, even though "47" is part of a name.
    CHECK(std::string(not_found(b.repo, "#47").what()) == "nobody has the id #47");
}

TEST_CASE("an exact name resolves case-insensitively", "[resolve]") {
    Book b;
    CHECK(bmc::resolve_person(b.repo, "Alan Turing").id == b.alan);
    CHECK(bmc::resolve_person(b.repo, "alan turing").id == b.alan);
    CHECK(bmc::resolve_person(b.repo, "GRACE HOPPER").id == b.grace);
    CHECK(bmc::resolve_person(b.repo, "  ada lovelace ").id == b.ada);
    // Non-ASCII capitals fold too.
    const auto eloise = add(b.repo, "Éloïse Durand");
    CHECK(bmc::resolve_person(b.repo, "éloïse durand").id == eloise);
    CHECK(bmc::resolve_person(b.repo, "ÉLOÏSE").id == eloise);
}

TEST_CASE("an exact name wins over longer names that contain it", "[resolve]") {
    Book b;
    const auto ada = add(b.repo, "Ada");
    // "Ada" is also part of "Ada Lovelace" and "Adam Smith".
    CHECK(bmc::resolve_person(b.repo, "ada").id == ada);
}

TEST_CASE("a part of a name that only one person has resolves to them", "[resolve]") {
    Book b;
    CHECK(bmc::resolve_person(b.repo, "turing").id == b.alan);
    CHECK(bmc::resolve_person(b.repo, "Hop").id == b.grace);
    CHECK(bmc::resolve_person(b.repo, "ace h").id == b.grace);
    CHECK(bmc::resolve_person(b.repo, "lovelace").name == "Ada Lovelace");
}

TEST_CASE("a part of a name several people share is ambiguous and lists them with ids",
          "[resolve]") {
    Book b;
    const auto e = not_found(b.repo, "ada");
    CHECK(std::string(e.what()) == "'ada' matches several people");
    CHECK(e.details() == "  #1  Ada Lovelace\n  #2  Adam Smith");
    CHECK_THAT(e.hint(), Catch::Contains("#1"));
    CHECK(e.code() == bmc::exit_runtime);

    // Sorted by name, not by id; archived people come last.
    const auto e2 = not_found(b.repo, "a");
    CHECK(e2.details() == "  #1  Ada Lovelace\n  #2  Adam Smith\n  #5  Agent 47\n"
                          "  #3  Alan Turing\n  #4  Grace Hopper");
    const auto zed = add(b.repo, "Zed Adair", true);
    const auto abe = add(b.repo, "Abe Adams");
    const auto e3 = not_found(b.repo, "ada");
    CHECK(e3.details() == "  #" + std::to_string(abe) + "  Abe Adams\n  #1  Ada Lovelace\n" +
                              "  #2  Adam Smith\n  #" + std::to_string(zed) + "  Zed Adair");
}

TEST_CASE("an ambiguous part lists at most ten candidates", "[resolve]") {
    bmc::Repository repo(":memory:");
    for (int i = 0; i < 12; ++i) {
        add(repo, "Person " + std::string(1, static_cast<char>('a' + i)));
    }
    const auto e = not_found(repo, "person");
    std::string expected;
    for (int i = 0; i < 10; ++i) {
        expected += (i == 0 ? "  #" : "\n  #") + std::to_string(i + 1) + "  Person " +
                    std::string(1, static_cast<char>('a' + i));
    }
    CHECK(e.details() == expected + "\n  …");
}

TEST_CASE("two people with the same exact name are ambiguous", "[resolve]") {
    Book b;
    const auto twin = add(b.repo, "alan turing");
    const auto e = not_found(b.repo, "Alan Turing");
    CHECK(std::string(e.what()) == "'Alan Turing' matches 2 people");
    CHECK(e.details() == "  #3  Alan Turing\n  #" + std::to_string(twin) + "  alan turing");
    CHECK_THAT(e.hint(), Catch::Contains("#3"));
    // Each of them is still reachable by id.
    CHECK(bmc::resolve_person(b.repo, "#" + std::to_string(twin)).name == "alan turing");
}

TEST_CASE("an unknown name suggests the closest names in details", "[resolve]") {
    Book b;
    const auto e = not_found(b.repo, "Alan Turning");
    CHECK(std::string(e.what()) == "nobody called 'Alan Turning'");
    CHECK(e.details() == "  #3  Alan Turing");
    CHECK_THAT(e.hint(), Catch::Contains("did you mean"));

    // The first word alone counts as close.
    const auto first = not_found(b.repo, "Grase");
    CHECK(first.details() == "  #4  Grace Hopper");

    // Up to three suggestions, closest first.
    bmc::Repository repo(":memory:");
    add(repo, "Anna");   // #1, distance 2 from "Ama"
    add(repo, "Ann");    // #2, distance 2
    add(repo, "Ana B");  // #3, first word at distance 1
    add(repo, "Anya");   // #4, distance 2 but the fourth
    add(repo, "Xavier"); // #5, far
    const auto e2 = not_found(repo, "Ama");
    CHECK(e2.details() == "  #3  Ana B\n  #1  Anna\n  #2  Ann");
}

TEST_CASE("an unknown name with nobody close has no suggestions", "[resolve]") {
    Book b;
    const auto e = not_found(b.repo, "Zzyzx Qwerty");
    CHECK(std::string(e.what()) == "nobody called 'Zzyzx Qwerty'");
    CHECK(e.details().empty());
    CHECK_THAT(e.hint(), Catch::Contains("bmc add"));

    bmc::Repository empty(":memory:");
    CHECK(not_found(empty, "Ada").details().empty());
    // A number that is neither an id nor part of a name.
    CHECK(std::string(not_found(empty, "12").what()) == "nobody called '12'");
}

TEST_CASE("an empty name is a usage error", "[resolve]") {
    Book b;
    CHECK_THROWS_AS(bmc::resolve_person(b.repo, ""), bmc::UsageError);
    CHECK_THROWS_AS(bmc::resolve_person(b.repo, "   "), bmc::UsageError);
}

TEST_CASE("a name part is matched literally, not as a pattern", "[resolve]") {
    Book b;
    const auto e = not_found(b.repo, "%");
    CHECK(std::string(e.what()) == "nobody called '%'");
    CHECK(std::string(not_found(b.repo, "_").what()) == "nobody called '_'");
    const auto pct = add(b.repo, "100% Cotton");
    CHECK(bmc::resolve_person(b.repo, "0%").id == pct);
}
