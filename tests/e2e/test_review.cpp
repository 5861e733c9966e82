// End-to-end tests of `bmc review`: strength suggestions with their reasons, and --apply, with
// "today" pinned at 2026-11-22.
#include "run.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using bmc::e2e::Result;
using bmc::e2e::Sandbox;
using nlohmann::json;

namespace {

std::string ok(Sandbox& sb, const std::vector<std::string>& args) {
    const Result r = sb.bmc(args);
    INFO("stderr: " << r.err);
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    return r.out;
}

void fails(Sandbox& sb, const std::vector<std::string>& args, int code, const std::string& err) {
    const std::string before = sb.snapshot();
    const Result r = sb.bmc(args);
    CHECK(r.code == code);
    CHECK(r.out.empty());
    CHECK(r.err == err);
    CHECK((sb.snapshot() == before));
}

// #1 Ada (weak): she reached out three times this year. #2 Bob (strong): your last three
// reach-outs went unanswered. #3 Cy (medium): nothing to say.
void seed(Sandbox& sb) {
    ok(sb, {"add", "Ada", "-s", "weak", "--met-on", "2025-06-01"});
    ok(sb, {"add", "Bob", "-s", "strong", "--met-on", "2026-01-01"});
    ok(sb, {"add", "Cy", "--met-on", "2026-09-01"});
    for (const char* d : {"2026-02-01", "2026-06-01", "2026-10-01"}) {
        ok(sb, {"log", "Ada", "-d", d, "--by", "them"});
    }
    ok(sb, {"log", "Bob", "-d", "2026-03-01", "--by", "them"});
    for (const char* d : {"2026-06-01", "2026-08-01", "2026-10-01"}) {
        ok(sb, {"log", "Bob", "-d", d, "--by", "me"});
    }
}

} // namespace

TEST_CASE("review proposes changes with reasons and changes nothing", "[e2e][review]") {
    Sandbox sb;
    seed(sb);
    const std::string before = sb.snapshot();
    CHECK(ok(sb, {"review"}) ==
          "2 suggestions from the evidence, as of 2026-11-22 (nothing changes until you apply "
          "them):\n"
          "\n"
          "  #1  Ada  weak → medium  (promote)\n"
          "      they reached out 3 times in the last 12 months\n"
          "\n"
          "  #2  Bob  strong → medium  (demote)\n"
          "      your last 3 reach-outs went unanswered\n"
          "\n"
          "Apply the ones you agree with: bmc review --apply 1 2\n");
    const json j = json::parse(ok(sb, {"review", "--json"}));
    CHECK(j["today"] == "2026-11-22");
    REQUIRE(j["suggestions"].size() == 2);
    CHECK(j["suggestions"][0] ==
          json{{"id", 1},
               {"name", "Ada"},
               {"from", "weak"},
               {"to", "medium"},
               {"change", "promote"},
               {"reasons", {"they reached out 3 times in the last 12 months"}}});
    CHECK(j["suggestions"][1]["change"] == "demote");
    CHECK(j["applied"].empty());
    CHECK((sb.snapshot() == before)); // nothing changed

    Sandbox empty;
    CHECK(ok(empty, {"review"}) == "No strength changes to suggest as of 2026-11-22: the "
                                   "evidence fits every tie's strength.\n");
}

TEST_CASE("review --apply applies the chosen suggestions and recomputes due dates",
          "[e2e][review]") {
    Sandbox sb;
    seed(sb);
    // Ada: weak (9 months) from 2026-10-01 → medium (6 months).
    CHECK(ok(sb, {"show", "Ada"}).find("  next due   2027-07-01") != std::string::npos);
    CHECK(ok(sb, {"review", "--apply", "#1"}) == "Changed 1 strength:\n"
                                                 "  #1  Ada  weak → medium\n"
                                                 "Due dates follow the new strengths; `bmc why "
                                                 "NAME` shows how.\n");
    const std::string ada = ok(sb, {"show", "Ada"});
    CHECK(ada.find("  strength   medium\n") != std::string::npos);
    CHECK(ada.find("  next due   2027-04-01 (due in 4 months)\n") != std::string::npos);
    CHECK(ok(sb, {"show", "Bob"}).find("  strength   strong\n") != std::string::npos);

    // Applied once, the same evidence suggests nothing more for Ada.
    const json left = json::parse(ok(sb, {"review", "--json"}));
    REQUIRE(left["suggestions"].size() == 1);
    CHECK(left["suggestions"][0]["name"] == "Bob");

    // The same ID twice counts once; --json reports what was applied.
    const json applied = json::parse(ok(sb, {"review", "--apply", "2", "#2", "--json"}));
    REQUIRE(applied["applied"].size() == 1);
    CHECK(applied["applied"][0]["to"] == "medium");
    CHECK(ok(sb, {"show", "Bob"}).find("  strength   medium\n") != std::string::npos);
    CHECK(ok(sb, {"review"}).find("No strength changes to suggest") == 0);
}

TEST_CASE("review --apply with an unknown or bad ID changes nothing", "[e2e][review]") {
    Sandbox sb;
    seed(sb);
    // #3 exists but has no suggestion; Ada's valid one is not applied either.
    fails(sb, {"review", "--apply", "1", "3"}, 1,
          "bmc: error: there is no suggestion #3 — run `bmc review` to see the suggestions and "
          "their IDs; nothing was changed\n");
    fails(sb, {"review", "--apply", "99"}, 1,
          "bmc: error: there is no suggestion #99 — run `bmc review` to see the suggestions and "
          "their IDs; nothing was changed\n");
    fails(sb, {"review", "--apply", "Ada"}, 2,
          "bmc: error: suggestion ID must be a number like 12 or #12, not 'Ada' — see the IDs "
          "with `bmc review`\n");
    const Result none = sb.bmc({"review", "--apply"});
    CHECK(none.code == 2);
    CHECK(none.err.find("bmc: error: ") == 0);
    CHECK(ok(sb, {"show", "Ada"}).find("  strength   weak\n") != std::string::npos);
}
