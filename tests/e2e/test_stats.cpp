// End-to-end tests of `bmc stats`: counts by strength and stage, conversations per month, who
// reaches out and the routine quota, with "today" pinned at 2026-11-22.
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

// Ada: strong, on cadence every 4 months since 2025-07 (sustained). Bob: one coffee
// (meaningful). Cy: one email (connection). Dee: never talked to, overdue (connection).
// Eve: archived.
void seed(Sandbox& sb) {
    ok(sb, {"add", "Ada", "-s", "strong", "--met-on", "2025-01-01"});
    ok(sb, {"add", "Bob", "--met-on", "2026-10-01"});
    ok(sb, {"add", "Cy", "-s", "weak", "--met-on", "2026-09-01"});
    ok(sb, {"add", "Dee", "-s", "weak", "--met-on", "2024-01-01"});
    ok(sb, {"add", "Eve", "--met-on", "2026-01-01"});
    ok(sb, {"archive", "Eve"});
    ok(sb, {"log", "Ada", "-d", "2025-07-01", "--via", "coffee", "--by", "me"});
    ok(sb, {"log", "Ada", "-d", "2025-11-01", "--via", "email", "--by", "them"});
    ok(sb, {"log", "Ada", "-d", "2026-03-01", "--via", "call", "--by", "me"});
    ok(sb, {"log", "Ada", "-d", "2026-07-01", "--via", "email", "--by", "them"});
    ok(sb, {"log", "Ada", "-d", "2026-11-01", "--via", "email", "--by", "me"});
    ok(sb, {"log", "Bob", "-d", "2026-10-15", "--via", "coffee", "--by", "them"});
    ok(sb, {"log", "Cy", "-d", "2026-10-20", "--via", "email", "--by", "me"});
}

const char* const network = "Network on 2026-11-22\n"
                            "  people      4 active, 1 archived\n"
                            "  strength    strong 1 · medium 1 · weak 2\n"
                            "  stages      connection 2 · meaningful 1 · sustained 1\n"
                            "  depth       1 sustained of 4 (25%)\n"
                            "  due now     1 (1 overdue)\n"
                            "  reach-outs  you 4 · them 3 · not recorded 0\n"
                            "Conversations per month\n"
                            "  2025-12                                 0\n"
                            "  2026-01                                 0\n"
                            "  2026-02                                 0\n"
                            "  2026-03  ###############                1\n"
                            "  2026-04                                 0\n"
                            "  2026-05                                 0\n"
                            "  2026-06                                 0\n"
                            "  2026-07  ###############                1\n"
                            "  2026-08                                 0\n"
                            "  2026-09                                 0\n"
                            "  2026-10  ############################## 2\n"
                            "  2026-11  ###############                1\n";

} // namespace

TEST_CASE("stats counts strengths, stages, conversations per month and who reaches out",
          "[e2e][stats]") {
    Sandbox sb;
    seed(sb);
    CHECK(ok(sb, {"stats"}) ==
          std::string(network) +
              "People reached per week (no routine quota; set one with `bmc config set "
              "routine.per-week 5`)\n"
              "  2026-09-28 – 2026-10-04  0 people\n"
              "  2026-10-05 – 2026-10-11  0 people\n"
              "  2026-10-12 – 2026-10-18  1 person\n"
              "  2026-10-19 – 2026-10-25  1 person\n"
              "  2026-10-26 – 2026-11-01  1 person\n"
              "  2026-11-02 – 2026-11-08  0 people\n"
              "  2026-11-09 – 2026-11-15  0 people\n"
              "  2026-11-16 – 2026-11-22  0 people\n");

    // A year later without a word, Ada is no longer sustained.
    sb.today = "2027-11-22";
    CHECK(ok(sb, {"stats"}).find("  stages      connection 2 · meaningful 2 · sustained 0\n") !=
          std::string::npos);
}

TEST_CASE("stats shows how often the routine quota was met", "[e2e][stats]") {
    Sandbox sb;
    seed(sb);
    ok(sb, {"config", "set", "routine.per-week", "1"});
    const std::string weekly = ok(sb, {"stats"});
    CHECK(weekly.find("Routine quota 1 a week\n"
                      "  2026-09-28 – 2026-10-04  0 of 1\n"
                      "  2026-10-05 – 2026-10-11  0 of 1\n"
                      "  2026-10-12 – 2026-10-18  1 of 1  met\n"
                      "  2026-10-19 – 2026-10-25  1 of 1  met\n"
                      "  2026-10-26 – 2026-11-01  1 of 1  met\n"
                      "  2026-11-02 – 2026-11-08  0 of 1\n"
                      "  2026-11-09 – 2026-11-15  0 of 1\n"
                      "  2026-11-16 – 2026-11-22  0 of 1\n"
                      "  met in 3 of the last 8 weeks\n") != std::string::npos);

    ok(sb, {"config", "set", "routine.per-week", "none"});
    ok(sb, {"config", "set", "routine.per-month", "2"});
    CHECK(ok(sb, {"stats"}) == std::string(network) + "Routine quota 2 a month\n"
                                                      "  2026-06  0 of 2\n"
                                                      "  2026-07  1 of 2\n"
                                                      "  2026-08  0 of 2\n"
                                                      "  2026-09  0 of 2\n"
                                                      "  2026-10  2 of 2  met\n"
                                                      "  2026-11  1 of 2\n"
                                                      "  met in 1 of the last 6 months\n");
}

TEST_CASE("stats --json has the numbers", "[e2e][stats]") {
    Sandbox sb;
    seed(sb);
    ok(sb, {"config", "set", "routine.per-month", "2"});
    const json j = json::parse(ok(sb, {"stats", "--json"}));
    CHECK(j["version"] == 1);
    CHECK(j["today"] == "2026-11-22");
    CHECK(j["people"] == json{{"active", 4}, {"archived", 1}});
    CHECK(j["strength"] == json{{"strong", 1}, {"medium", 1}, {"weak", 2}});
    CHECK(j["stages"] == json{{"connection", 2}, {"meaningful", 1}, {"sustained", 1}});
    CHECK(j["depth"] == json{{"sustained", 1}, {"total", 4}});
    CHECK(j["due_now"] == 1);
    CHECK(j["overdue"] == 1);
    REQUIRE(j["interactions_per_month"].size() == 12);
    CHECK(j["interactions_per_month"][0] == json{{"month", "2025-12"}, {"count", 0}});
    CHECK(j["interactions_per_month"][10] == json{{"month", "2026-10"}, {"count", 2}});
    CHECK(j["reach_outs"] == json{{"me", 4}, {"them", 3}, {"unknown", 0}});
    CHECK(j["quota"] == json{{"period", "month"}, {"count", 2}});
    REQUIRE(j["routine"].size() == 6);
    CHECK(j["routine"][4] == json{{"start", "2026-10-01"},
                                  {"end", "2026-10-31"},
                                  {"reached", 2},
                                  {"quota", 2},
                                  {"met", true}});
    CHECK(j["routine"][5]["end"] == "2026-11-22"); // the current month, up to today

    // An empty network: zeros, not errors, and no file created.
    Sandbox empty;
    const json none = json::parse(ok(empty, {"stats", "--json"}));
    CHECK(none["people"]["active"] == 0);
    CHECK(none["quota"].is_null());
    CHECK(none["routine"][0]["met"].is_null());
    CHECK_FALSE(std::filesystem::exists(empty.db()));
    const Result extra = empty.bmc({"stats", "Ada"});
    CHECK(extra.code == 2);
    CHECK(extra.err.find("bmc: error: ") == 0);
}
