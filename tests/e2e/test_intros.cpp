// End-to-end tests of introductions: `add/edit --through`, `intro A B`, the Introductions section
// of `show` (text and JSON), `suggest intros`, export/import round trips and the errors, run
// through the real binary with "today" pinned at 2026-11-22.
#include "run.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <string>
#include <vector>

using bmc::e2e::Result;
using bmc::e2e::Sandbox;
using bmc::e2e::check::fails;
using bmc::e2e::check::join_args;
using bmc::e2e::check::ok;
using nlohmann::json;

namespace {

// #1 Ada (math, writing), #2 Grace (compilers, math; introduced by Ada), #3 Alan (math,
// running), #4 Kat (math, writing).
void seed(Sandbox& sb) {
    ok(sb, {"add", "Ada Lovelace", "--tag", "math", "--tag", "writing", "--met-on", "2026-01-10"});
    ok(sb, {"add", "Grace", "--tag", "compilers", "--tag", "math", "--through", "Ada", "--met-on",
            "2026-02-01"});
    ok(sb, {"add", "Alan", "--tag", "math", "--tag", "running", "--met-on", "2026-03-01"});
    ok(sb, {"add", "Kat", "--tag", "math", "--tag", "writing", "--met-on", "2026-04-01"});
}

} // namespace

TEST_CASE("add --through records who introduced you and show says it both ways", "[e2e][intros]") {
    Sandbox sb;
    seed(sb);
    const std::string grace = ok(sb, {"show", "Grace"});
    CHECK_THAT(grace, Catch::Contains("Introductions\n"
                                      "  introduced by      Ada Lovelace (#1)\n"));
    const std::string ada = ok(sb, {"show", "Ada"});
    CHECK_THAT(ada, Catch::Contains("Introductions\n"
                                    "  introduced you to  Grace (#2)\n"));
    // Nothing about introductions for someone without any.
    CHECK_THAT(ok(sb, {"show", "Alan"}), !Catch::Contains("Introductions"));

    const json g = json::parse(ok(sb, {"show", "Grace", "--json"}));
    CHECK(g["introduced_by"] == json::parse(R"({"id":1,"name":"Ada Lovelace"})"));
    CHECK(g["introduced_you_to"] == json::array());
    const json a = json::parse(ok(sb, {"show", "Ada", "--json"}));
    CHECK(a["introduced_by"].is_null());
    CHECK(a["introduced_you_to"] == json::parse(R"([{"id":2,"name":"Grace"}])"));
}

TEST_CASE("edit --through changes or forgets who introduced you", "[e2e][intros]") {
    Sandbox sb;
    seed(sb);
    CHECK(ok(sb, {"edit", "Grace", "--through", "Alan"}) ==
          "Updated #2 Grace: every 6 months, next reconnect 2026-08-01 (3 months overdue).\n");
    CHECK_THAT(ok(sb, {"show", "Alan"}), Catch::Contains("  introduced you to  Grace (#2)\n"));
    ok(sb, {"edit", "Grace", "--through", "none"});
    CHECK_THAT(ok(sb, {"show", "Grace"}), !Catch::Contains("introduced by"));
    fails(sb, {"edit", "Grace", "--through", "Grace"}, 1,
          "bmc: error: 'Grace' cannot have introduced you to themselves — name who introduced "
          "you, e.g. --through Grace\n");
}

TEST_CASE("add --through someone unknown fails and adds nobody", "[e2e][intros]") {
    Sandbox sb;
    seed(sb);
    const std::string before = sb.snapshot();
    const Result r = sb.bmc({"add", "Linus", "--through", "Nobody"});
    CHECK(r.code == 1);
    CHECK_THAT(r.err, Catch::StartsWith("bmc: error: nobody called 'Nobody'"));
    CHECK((sb.snapshot() == before));
    CHECK_THAT(ok(sb, {"list"}), !Catch::Contains("Linus"));
}

TEST_CASE("intro records the introduction and a conversation with both", "[e2e][intros]") {
    Sandbox sb;
    seed(sb);
    CHECK(
        ok(sb, {"intro", "Alan", "Kat", "--note", "both run marathons", "--date", "2026-11-20"}) ==
        "Introduced Alan (#3) and Kat (#4) on 2026-11-20; logged it with both.\n"
        "  Alan: next reconnect 2027-05-20 (due in 5 months)\n"
        "  Kat: next reconnect 2027-05-20 (due in 5 months)\n");
    const std::string alan = ok(sb, {"show", "Alan"});
    CHECK_THAT(alan, Catch::Contains("  you introduced     Kat (#4) on 2026-11-20: both run "
                                     "marathons\n"));
    CHECK_THAT(alan, Catch::Contains("  2026-11-20  other   me    Introduced to Kat: both run "
                                     "marathons\n"
                                     "                           gave: an introduction to Kat\n"));
    CHECK_THAT(alan, Catch::Contains("  exchanges  gave 1, received 0, asked 0\n"));
    CHECK_THAT(ok(sb, {"show", "Kat"}),
               Catch::Contains("  you introduced     Alan (#3) on 2026-11-20: both run "
                               "marathons\n"));
    const json k = json::parse(ok(sb, {"show", "Kat", "--json"}));
    REQUIRE(k["introductions"].size() == 1);
    CHECK(k["introductions"][0]["with"] == json::parse(R"({"id":3,"name":"Alan"})"));
    CHECK(k["introductions"][0]["date"] == "2026-11-20");
    CHECK(k["introductions"][0]["note"] == "both run marathons");
    CHECK(k["interactions"][0]["via"] == "other");

    // --via picks the channel.
    ok(sb, {"intro", "Ada", "Alan", "--via", "email"});
    CHECK(json::parse(ok(sb, {"show", "Ada", "--json"}))["interactions"][0]["via"] == "email");
}

TEST_CASE("intro refuses one person twice, a future date, a repeat and bad channels",
          "[e2e][intros]") {
    Sandbox sb;
    seed(sb);
    fails(sb, {"intro", "Ada", "#1"}, 1,
          "bmc: error: cannot introduce 'Ada Lovelace' to themselves — name two different "
          "people, e.g. bmc intro Ada Grace\n");
    fails(sb, {"intro", "Ada", "Kat", "--date", "2026-11-23"}, 1,
          "bmc: error: the date 2026-11-23 is in the future (today is 2026-11-22) — use a date on "
          "or before today\n");
    fails(sb, {"intro", "Ada", "Kat", "--via", "pigeon"}, 2,
          "bmc: error: unknown channel 'pigeon' — use one of coffee, call, video, email, text, "
          "social, meeting, event, other\n");
    fails(sb, {"intro", "Ada"}, 2, "bmc: error: B is required — see `bmc intro --help`\n");
    ok(sb, {"intro", "Ada", "Kat", "--date", "2026-10-01"});
    fails(sb, {"intro", "Kat", "Ada"}, 1,
          "bmc: error: Kat and Ada Lovelace were already introduced on 2026-10-01 — see `bmc show "
          "4`; to log another conversation use `bmc log`\n");
    fails(sb, {"intro", "Ada", "Nobody"}, 1,
          "bmc: error: nobody called 'Nobody' — check the spelling, see everyone with `bmc "
          "list`, or add them with `bmc add`\n");
}

TEST_CASE("suggest intros proposes pairs sharing tags, best first, leaving out connected pairs",
          "[e2e][intros]") {
    Sandbox sb;
    seed(sb);
    CHECK(ok(sb, {"suggest", "intros"}) ==
          "People who share interests and have not been introduced:\n"
          "  Ada Lovelace (#1) + Kat (#4)  share writing, math\n"
          "  Ada Lovelace (#1) + Alan (#3)  share math\n"
          "  Alan (#3) + Grace (#2)  share math\n"
          "  Alan (#3) + Kat (#4)  share math\n"
          "  Grace (#2) + Kat (#4)  share math\n"
          "Record one you make with `bmc intro A B`.\n");
    ok(sb, {"intro", "Ada", "Kat"});
    ok(sb, {"archive", "Alan"});
    CHECK(ok(sb, {"suggest", "intros", "--limit", "1"}) ==
          "People who share interests and have not been introduced:\n"
          "  Grace (#2) + Kat (#4)  share math\n"
          "Record one you make with `bmc intro A B`.\n");
    const json j = json::parse(ok(sb, {"suggest", "intros", "--json"}));
    CHECK(j["today"] == "2026-11-22");
    REQUIRE(j["suggestions"].size() == 1);
    CHECK(j["suggestions"][0] == json::parse(R"({"a":{"id":2,"name":"Grace"},
        "b":{"id":4,"name":"Kat"},"shared_tags":["math"],"smallest_community":3})"));
    CHECK(j["broad_tags"] == json::array());
    ok(sb, {"intro", "Grace", "Kat"});
    CHECK(ok(sb, {"suggest", "intros"}) ==
          "No introductions to suggest: nobody shares a tag with someone they are not connected "
          "to yet.\nTag people with their interests (`bmc edit NAME --tag climbing`) to find "
          "matches.\n");
    fails(sb, {"suggest", "intros", "--limit", "0"}, 2,
          "bmc: error: --limit must be a positive number — e.g. --limit 10\n");
}

TEST_CASE("export and import keep introductions and who introduced whom", "[e2e][intros]") {
    Sandbox sb;
    seed(sb);
    ok(sb, {"intro", "Alan", "Kat", "--note", "marathons"});
    const std::string exported = ok(sb, {"export", "--json"});
    const json doc = json::parse(exported);
    CHECK(doc["contacts"][1]["introduced_by"] == doc["contacts"][0]["uuid"]);
    REQUIRE(doc["introductions"].size() == 1);
    CHECK(doc["introductions"][0]["a"] == doc["contacts"][2]["uuid"]);
    CHECK(doc["introductions"][0]["b"] == doc["contacts"][3]["uuid"]);
    CHECK(doc["introductions"][0]["note"] == "marathons");

    Sandbox other;
    const std::string file = (other.dir() / "backup.json").string();
    std::ofstream(file) << exported;
    CHECK(ok(other, {"import", "--json", file}) ==
          "Imported: 4 added, 0 updated, 0 unchanged; 2 interactions added, 0 updated; 1 "
          "introductions added.\n");
    CHECK_THAT(ok(other, {"show", "Grace"}), Catch::Contains("introduced by      Ada Lovelace"));
    CHECK_THAT(ok(other, {"show", "Kat"}), Catch::Contains("you introduced     Alan (#3)"));
    const std::string again = ok(other, {"export", "--json"});
    CHECK(json::parse(again)["contacts"] == doc["contacts"]);
    CHECK(json::parse(again)["introductions"] == doc["introductions"]);
}
