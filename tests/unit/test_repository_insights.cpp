// Unit tests for the repository queries behind plan, stats and review (bmc/repository.hpp):
// plan candidates, counts by strength, conversations per period and by who reached out, people
// reached per period, and the streamed history of active people.
#include "bmc/dates.hpp"
#include "bmc/repository.hpp"
#include "bmc/uuid.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

namespace {

using bmc::Contact;
using bmc::Date;
using bmc::Interaction;
using bmc::Repository;
using bmc::Strength;

Date d(const char* iso) {
    return bmc::parse_iso_date(iso);
}

std::int64_t add(Repository& repo, const char* name, Strength s, const char* due,
                 bool archived = false) {
    Contact c;
    c.uuid = bmc::new_uuid();
    c.name = name;
    c.strength = s;
    c.met_on = d("2026-01-01");
    c.archived = archived;
    if (!archived) {
        c.next_due = d(due);
    }
    c.created_at = c.updated_at = "2026-01-01T00:00:00Z";
    repo.insert_contact(c);
    return c.id;
}

void talk(Repository& repo, std::int64_t who, const char* date,
          std::optional<bmc::Initiator> by = std::nullopt, bool gave = false) {
    Interaction i;
    i.uuid = bmc::new_uuid();
    i.contact_id = who;
    i.date = d(date);
    i.by = by;
    i.note = "a note";
    if (gave) {
        i.gave = "advice";
    }
    i.created_at = i.updated_at = "2026-01-01T00:00:00Z";
    repo.insert_interaction(i);
}

} // namespace

TEST_CASE("the insight queries count, select and stream what plan, stats and review need",
          "[repository][insights]") {
    Repository repo(":memory:");
    const auto ada = add(repo, "Ada", Strength::strong, "2026-11-01");
    const auto bob = add(repo, "Bob", Strength::weak, "2026-12-20");
    const auto eve = add(repo, "Eve", Strength::medium, "", true);
    talk(repo, ada, "2026-10-01", bmc::Initiator::me, true);
    talk(repo, ada, "2026-11-20", bmc::Initiator::them);
    talk(repo, bob, "2026-11-21");
    talk(repo, eve, "2026-11-21", bmc::Initiator::me);

    const auto candidates = repo.plan_candidates(d("2026-12-01"));
    REQUIRE(candidates.size() == 1);
    CHECK(candidates[0].id == ada);
    CHECK(candidates[0].name == "Ada");
    CHECK(candidates[0].key == "ada");
    CHECK(candidates[0].strength == Strength::strong);
    CHECK(candidates[0].due == d("2026-11-01"));
    CHECK(repo.count_due(d("2026-12-31")) == 2);
    CHECK(repo.count_due(d("2026-10-31")) == 0);

    const auto by_strength = repo.count_by_strength();
    CHECK(by_strength.at(Strength::strong) == 1);
    CHECK(by_strength.at(Strength::medium) == 0); // Eve is archived
    CHECK(by_strength.at(Strength::weak) == 1);
    CHECK(repo.count_archived() == 1);

    const auto counts = repo.count_conversations(
        {{d("2026-10-01"), d("2026-10-31")}, {d("2026-11-01"), d("2026-11-30")}});
    CHECK(counts.per_period == std::vector<std::int64_t>{1, 3});
    CHECK(counts.by.me == 2);
    CHECK(counts.by.them == 1);
    CHECK(counts.by.unknown == 1);

    CHECK(repo.people_reached({{d("2026-09-01"), d("2026-10-31")},
                               {d("2026-11-15"), d("2026-11-20")},
                               {d("2026-11-21"), d("2026-11-22")}}) ==
          std::vector<std::int64_t>{1, 1, 2});
    CHECK(repo.people_reached({}).empty());

    std::vector<std::string> names;
    std::vector<std::size_t> sizes;
    repo.for_each_history([&](const bmc::HistoryContact& c, const std::vector<Interaction>& h) {
        names.push_back(c.name);
        sizes.push_back(h.size());
        if (c.id == ada) {
            REQUIRE(h.size() == 2);
            CHECK(h[0].date == d("2026-10-01")); // oldest first
            CHECK(h[0].gave.has_value());
            CHECK(h[0].by == bmc::Initiator::me);
            CHECK_FALSE(h[0].note.has_value()); // notes are not read
            CHECK(h[1].by == bmc::Initiator::them);
        }
    });
    CHECK(names == std::vector<std::string>{"Ada", "Bob"}); // archived people are left out
    CHECK(sizes == std::vector<std::size_t>{2, 1});
}
