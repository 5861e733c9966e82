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

TEST_CASE("reciprocity counts reach-outs by me and by them, unknown initiators count for neither",
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

// ---- Stages ----

namespace {

using bmc::Interval;
using bmc::Stage;
using bmc::Strength;

const Interval four_months{4, Interval::Unit::months};

Interaction via(std::int64_t id, const char* iso, const char* channel) {
    Interaction i = talk(id, iso, std::nullopt);
    i.via = channel;
    return i;
}

} // namespace

TEST_CASE("on cadence means within the interval plus half of it", "[practices][stages]") {
    const auto d = [](const char* iso) { return bmc::parse_iso_date(iso); };
    CHECK(bmc::on_cadence(d("2026-01-01"), d("2026-05-01"), four_months));
    // 4 months from 2026-01-01 is 120 days; 1.5 × 120 = 180 days.
    CHECK(bmc::on_cadence(d("2026-01-01"), d("2026-06-30"), four_months));
    CHECK_FALSE(bmc::on_cadence(d("2026-01-01"), d("2026-07-01"), four_months));
}

TEST_CASE("a tie is a connection until something personal happens", "[practices][stages]") {
    const auto today = bmc::parse_iso_date("2026-11-22");
    CHECK(bmc::stage_of({}, four_months, today) == Stage::connection);
    CHECK(bmc::stage_of({via(1, "2026-10-01", "email"), via(2, "2026-11-01", "social")},
                        four_months, today) == Stage::connection);
    // A personal exchange: coffee, a call or a video call.
    CHECK(bmc::stage_of({via(1, "2026-10-01", "coffee")}, four_months, today) == Stage::meaningful);
    CHECK(bmc::stage_of({via(1, "2026-10-01", "video")}, four_months, today) == Stage::meaningful);
    // Help given or received.
    CHECK(bmc::stage_of({talk(1, "2026-10-01", me, "feedback")}, four_months, today) ==
          Stage::meaningful);
    CHECK(bmc::stage_of({talk(1, "2026-10-01", them, std::nullopt, "a job lead")}, four_months,
                        today) == Stage::meaningful);
    // Several conversations: three on different days (two on one day count once).
    CHECK(bmc::stage_of({via(1, "2026-10-01", "email"), via(2, "2026-10-01", "email"),
                         via(3, "2026-11-01", "email")},
                        four_months, today) == Stage::connection);
    CHECK(bmc::stage_of({via(1, "2026-09-01", "email"), via(2, "2026-10-01", "email"),
                         via(3, "2026-11-01", "email")},
                        four_months, today) == Stage::meaningful);
}

TEST_CASE("a sustained tie was reconnected on cadence for a year and still is",
          "[practices][stages]") {
    const auto today = bmc::parse_iso_date("2026-11-22");
    const std::vector<Interaction> steady{
        via(1, "2025-09-01", "email"), via(2, "2026-01-01", "email"), via(3, "2026-05-01", "email"),
        via(4, "2026-09-01", "email")};
    CHECK(bmc::stage_of(steady, four_months, today) == Stage::sustained);
    // Less than a year of on-cadence conversations: meaningful only.
    CHECK(bmc::stage_of({steady.begin() + 1, steady.end()}, four_months, today) ==
          Stage::meaningful);
    // A gap of 8 months breaks the run: the run since then is too short.
    CHECK(bmc::stage_of({via(1, "2025-01-01", "email"), via(2, "2025-05-01", "email"),
                         via(3, "2026-01-01", "email"), via(4, "2026-05-01", "email"),
                         via(5, "2026-09-01", "email")},
                        four_months, today) == Stage::meaningful);
    // Lapsed now (more than 6 months since the last one): no longer sustained.
    CHECK(bmc::stage_of(steady, four_months, bmc::parse_iso_date("2027-03-10")) ==
          Stage::meaningful);
    CHECK(bmc::to_string(Stage::sustained) == "sustained");
}

// ---- Strength review ----

TEST_CASE("review promotes when they reach out, on-cadence reconnections or two-way help",
          "[practices][review]") {
    const auto today = bmc::parse_iso_date("2026-11-22");
    // They reached out three times in the last 12 months.
    const auto reach = bmc::review_strength(
        {talk(1, "2026-02-01", them), talk(2, "2026-06-01", them), talk(3, "2026-10-01", them)},
        Strength::weak, four_months, std::nullopt, today);
    REQUIRE(reach);
    CHECK(reach->from == Strength::weak);
    CHECK(reach->to == Strength::medium);
    CHECK(reach->promote());
    CHECK(reach->reasons == std::vector<std::string>{"they reached out 3 times in the last 12 "
                                                     "months"});
    // Two reach-outs of theirs, one of them older than 12 months: no suggestion.
    CHECK_FALSE(bmc::review_strength(
        {talk(1, "2025-11-01", them), talk(2, "2026-06-01", them), talk(3, "2026-10-01", them)},
        Strength::weak, four_months, std::nullopt, today));
    // Reconnected on cadence three times in a row (and not all unanswered).
    const auto steady =
        bmc::review_strength({talk(1, "2025-09-01", them), talk(2, "2026-01-01", me),
                              talk(3, "2026-05-01", me), talk(4, "2026-09-01", std::nullopt)},
                             Strength::weak, four_months, std::nullopt, today);
    REQUIRE(steady);
    CHECK(steady->to == Strength::medium);
    CHECK(steady->reasons ==
          std::vector<std::string>{"you reconnected on cadence 3 times in a row"});
    // Help both ways.
    const auto both = bmc::review_strength(
        {talk(1, "2026-06-01", me, "feedback"), talk(2, "2026-10-01", them, {}, "a job lead")},
        Strength::weak, four_months, std::nullopt, today);
    REQUIRE(both);
    CHECK(both->reasons == std::vector<std::string>{"help went both ways in the last 12 months "
                                                    "(you gave once, received once)"});
    // One kind of evidence points at medium: a medium tie stays (so applying a suggestion
    // settles it), and a strong one is not touched.
    CHECK_FALSE(bmc::review_strength(
        {talk(1, "2026-06-01", me, "feedback"), talk(2, "2026-10-01", them, {}, "a job lead")},
        Strength::medium, four_months, std::nullopt, today));
    CHECK_FALSE(bmc::review_strength(
        {talk(1, "2026-06-01", me, "feedback"), talk(2, "2026-10-01", them, {}, "a job lead")},
        Strength::strong, four_months, std::nullopt, today));
    // Two kinds point at strong, from weak or medium.
    const std::vector<Interaction> close{talk(1, "2026-02-01", them, "advice"),
                                         talk(2, "2026-06-01", them),
                                         talk(3, "2026-10-01", them, {}, "an intro")};
    const auto twice =
        bmc::review_strength(close, Strength::medium, four_months, std::nullopt, today);
    REQUIRE(twice);
    CHECK(twice->to == Strength::strong);
    CHECK(twice->reasons.size() == 2);
    CHECK(bmc::review_strength(close, Strength::weak, four_months, std::nullopt, today)->to ==
          Strength::strong);
    CHECK_FALSE(bmc::review_strength(close, Strength::strong, four_months, std::nullopt, today));
}

TEST_CASE("review demotes after unanswered reach-outs or when long overdue again and again",
          "[practices][review]") {
    const auto today = bmc::parse_iso_date("2026-11-22");
    const auto unanswered =
        bmc::review_strength({talk(1, "2026-03-01", them), talk(2, "2026-06-01", me),
                              talk(3, "2026-08-01", me), talk(4, "2026-10-01", me)},
                             Strength::strong, four_months, std::nullopt, today);
    REQUIRE(unanswered);
    CHECK(unanswered->to == Strength::medium);
    CHECK_FALSE(unanswered->promote());
    CHECK(unanswered->reasons ==
          std::vector<std::string>{"your last 3 reach-outs went unanswered"});
    // Two gaps over twice the interval (8 months) within 3 years: met 2024-06-01, first talk
    // 2025-03-01 (9 months), then nothing until today (almost 21 months).
    const auto late = bmc::review_strength({talk(1, "2025-03-01", std::nullopt)}, Strength::strong,
                                           four_months, bmc::parse_iso_date("2024-06-01"), today);
    REQUIRE(late);
    CHECK(late->to == Strength::medium);
    // One kind of evidence points at medium: a medium tie is not pushed further down.
    CHECK_FALSE(bmc::review_strength({talk(1, "2025-03-01", std::nullopt)}, Strength::medium,
                                     four_months, bmc::parse_iso_date("2024-06-01"), today));
    // Both kinds point at weak.
    const auto both = bmc::review_strength(
        {talk(1, "2025-03-01", me), talk(2, "2025-04-01", me), talk(3, "2025-05-01", me)},
        Strength::medium, four_months, bmc::parse_iso_date("2024-06-01"), today);
    REQUIRE(both);
    CHECK(both->to == Strength::weak);
    CHECK(both->reasons.size() == 2);
    CHECK(late->reasons == std::vector<std::string>{"long overdue twice in the last 3 years (gaps "
                                                    "over twice the 4 months interval)"});
    // Only once long overdue: nothing.
    CHECK_FALSE(bmc::review_strength({talk(1, "2026-06-01", std::nullopt)}, Strength::medium,
                                     four_months, bmc::parse_iso_date("2025-06-01"), today));
    // Weak ties are not demoted further.
    CHECK_FALSE(bmc::review_strength({talk(1, "2025-03-01", std::nullopt)}, Strength::weak,
                                     four_months, bmc::parse_iso_date("2024-06-01"), today));
}

TEST_CASE("long-standing ties are not demoted for one quiet year", "[practices][review]") {
    // Known since 2019, five conversations, long gaps twice lately, last talk 14 months ago.
    const std::vector<Interaction> old_friend{
        talk(1, "2019-05-01", std::nullopt), talk(2, "2020-01-01", std::nullopt),
        talk(3, "2021-01-01", std::nullopt), talk(4, "2024-01-01", std::nullopt),
        talk(5, "2025-09-01", std::nullopt)};
    CHECK_FALSE(bmc::review_strength(old_friend, Strength::strong, four_months, std::nullopt,
                                     bmc::parse_iso_date("2026-11-01")));
    // Quiet for more than two years: the lateness counts again.
    const auto lapsed = bmc::review_strength(old_friend, Strength::strong, four_months,
                                             std::nullopt, bmc::parse_iso_date("2027-09-02"));
    REQUIRE(lapsed);
    CHECK(lapsed->to == Strength::medium);
}

TEST_CASE("evidence both ways suggests nothing", "[practices][review]") {
    const auto today = bmc::parse_iso_date("2026-11-22");
    // They reached out three times this year, then three of yours went unanswered.
    CHECK_FALSE(bmc::review_strength({talk(1, "2026-01-01", them), talk(2, "2026-02-01", them),
                                      talk(3, "2026-03-01", them), talk(4, "2026-05-01", me),
                                      talk(5, "2026-07-01", me), talk(6, "2026-09-01", me)},
                                     Strength::medium, four_months, std::nullopt, today));
}
