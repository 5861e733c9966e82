// Unit tests for the relationship practices computed from a history (bmc/practices.hpp):
// reciprocity_of counts who reached out and what changed hands, and the run of your reach-outs
// that are still unanswered.
#include "bmc/dates.hpp"
#include "bmc/domain.hpp"
#include "bmc/practices.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace {

using bmc::Initiator;
using bmc::Interaction;
using bmc::Reciprocity;

// One conversation: id, date, who reached out and what changed hands.
Interaction talk(std::int64_t id, const char* iso, std::optional<Initiator> by,
                 std::optional<std::string> gave = std::nullopt,
                 std::optional<std::string> received = std::nullopt,
                 std::optional<std::string> asked = std::nullopt) {
    Interaction i;
    i.id = id;
    i.uuid = "uuid-" + std::to_string(id);
    i.contact_id = 1;
    i.date = bmc::parse_iso_date(iso);
    i.by = by;
    i.gave = std::move(gave);
    i.received = std::move(received);
    i.asked = std::move(asked);
    i.created_at = "2026-11-22T08:15:00Z";
    i.updated_at = "2026-11-22T08:15:00Z";
    return i;
}

constexpr auto me = Initiator::me;
constexpr auto them = Initiator::them;
const std::optional<Initiator> nobody = std::nullopt;

} // namespace

TEST_CASE("reciprocity of an empty history is all zeros", "[practices]") {
    const Reciprocity r = bmc::reciprocity_of({});
    CHECK(r.by_me == 0);
    CHECK(r.by_them == 0);
    CHECK(r.gave == 0);
    CHECK(r.received == 0);
    CHECK(r.asked == 0);
    CHECK(r.unanswered == 0);
}

TEST_CASE("reciprocity counts reach-outs by me and by them; unknown initiators count for neither",
          "[practices]") {
    const std::vector<Interaction> history = {
        talk(1, "2026-01-10", me),     talk(2, "2026-02-10", them), talk(3, "2026-03-10", me),
        talk(4, "2026-04-10", nobody), talk(5, "2026-05-10", them), talk(6, "2026-06-10", me),
        talk(7, "2026-07-10", nobody), talk(8, "2026-08-10", them),
    };
    const Reciprocity r = bmc::reciprocity_of(history);
    CHECK(r.by_me == 3);
    CHECK(r.by_them == 3);
    CHECK(r.gave == 0);
    CHECK(r.received == 0);
    CHECK(r.asked == 0);
    CHECK(r.unanswered == 0); // the latest conversation was theirs
}

TEST_CASE("reciprocity counts the conversations in which something was given, received, asked",
          "[practices]") {
    const std::vector<Interaction> history = {
        talk(1, "2026-01-10", me, "an intro to Grace"),
        talk(2, "2026-02-10", them, "feedback on her talk", "a book", std::nullopt),
        talk(3, "2026-03-10", me, std::nullopt, std::nullopt, "a review of my slides"),
        talk(4, "2026-04-10", nobody, std::nullopt, "advice", "a job lead"),
        talk(5, "2026-05-10", them),
    };
    const Reciprocity r = bmc::reciprocity_of(history);
    CHECK(r.gave == 2);
    CHECK(r.received == 2);
    CHECK(r.asked == 2);
    CHECK(r.by_me == 2);
    CHECK(r.by_them == 2);
}

TEST_CASE("the unanswered run counts my latest reach-outs back to their last one", "[practices]") {
    SECTION("three of mine after theirs") {
        const Reciprocity r = bmc::reciprocity_of({
            talk(1, "2026-01-10", me),
            talk(2, "2026-02-10", them),
            talk(3, "2026-03-10", me),
            talk(4, "2026-04-10", me),
            talk(5, "2026-05-10", me),
        });
        CHECK(r.unanswered == 3);
        CHECK(r.by_me == 4);
        CHECK(r.by_them == 1);
    }
    SECTION("they never reached out: every one of mine counts") {
        const Reciprocity r = bmc::reciprocity_of({
            talk(1, "2026-01-10", me),
            talk(2, "2026-02-10", me),
        });
        CHECK(r.unanswered == 2);
    }
    SECTION("their latest reach-out ends the run at zero") {
        const Reciprocity r = bmc::reciprocity_of({
            talk(1, "2026-01-10", me),
            talk(2, "2026-02-10", me),
            talk(3, "2026-03-10", them),
        });
        CHECK(r.unanswered == 0);
    }
    SECTION("conversations without an initiator neither count nor stop the run") {
        const Reciprocity r = bmc::reciprocity_of({
            talk(1, "2026-01-10", them),
            talk(2, "2026-02-10", me),
            talk(3, "2026-03-10", nobody),
            talk(4, "2026-04-10", me),
            talk(5, "2026-05-10", nobody),
        });
        CHECK(r.unanswered == 2);
    }
    SECTION("only conversations without an initiator") {
        const Reciprocity r = bmc::reciprocity_of({
            talk(1, "2026-01-10", nobody),
            talk(2, "2026-02-10", nobody),
        });
        CHECK(r.unanswered == 0);
        CHECK(r.by_me == 0);
        CHECK(r.by_them == 0);
    }
}

TEST_CASE("the unanswered run follows dates, not the order of the input", "[practices]") {
    // Newest first, oldest first and shuffled give the same answer.
    const Interaction a = talk(1, "2026-01-10", me);
    const Interaction b = talk(2, "2026-02-10", them);
    const Interaction c = talk(3, "2026-03-10", me);
    const Interaction e = talk(4, "2026-04-10", me);
    CHECK(bmc::reciprocity_of({a, b, c, e}).unanswered == 2);
    CHECK(bmc::reciprocity_of({e, c, b, a}).unanswered == 2);
    CHECK(bmc::reciprocity_of({c, a, e, b}).unanswered == 2);

    // A backdated "them" logged last (highest id) is older than my two reach-outs.
    const Interaction backdated = talk(9, "2025-12-01", them);
    CHECK(bmc::reciprocity_of({a, c, e, backdated}).unanswered == 3);

    // Their reach-out dated after mine ends the run even when it has a lower id.
    const Interaction later_them = talk(0, "2026-05-01", them);
    CHECK(bmc::reciprocity_of({a, c, e, later_them}).unanswered == 0);
}

TEST_CASE("on the same date the higher id is the newer conversation", "[practices]") {
    SECTION("mine was logged after theirs on the same day: one unanswered") {
        const Reciprocity r = bmc::reciprocity_of({
            talk(7, "2026-06-01", me),
            talk(5, "2026-06-01", them),
        });
        CHECK(r.unanswered == 1);
    }
    SECTION("theirs was logged after mine on the same day: none unanswered") {
        const Reciprocity r = bmc::reciprocity_of({
            talk(5, "2026-06-01", me),
            talk(7, "2026-06-01", them),
        });
        CHECK(r.unanswered == 0);
    }
    SECTION("two of mine and theirs in between, all on one day") {
        const Reciprocity r = bmc::reciprocity_of({
            talk(3, "2026-06-01", me),
            talk(1, "2026-06-01", me),
            talk(2, "2026-06-01", them),
        });
        CHECK(r.unanswered == 1);
    }
}
