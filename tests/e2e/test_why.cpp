// End-to-end tests of `bmc why NAME`: the strength or override, the interval, the anchor, a
// snooze, follow-ups with deadlines, the plan's shift and archiving, in sentences and as JSON,
// with "today" pinned at 2026-11-22.
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

// #1 Ada (strong, a coffee on 2026-11-01), #2 Grace (every 6 weeks, two follow-ups, one due
// 2026-12-01), #3 Bob (medium, due 2026-11-01, snoozed to 2026-12-15), #4 Cy and #5 Dee (weak,
// overdue), #6 Eve (archived); a quota of one a week.
void seed(Sandbox& sb) {
    ok(sb, {"add", "Ada", "-s", "strong", "--met-on", "2026-09-14"});
    ok(sb, {"log", "Ada", "-d", "2026-11-01", "--via", "coffee", "--by", "them"});
    ok(sb, {"add", "Grace", "--every", "6w", "--met-on", "2026-11-01"});
    ok(sb, {"add", "Bob", "--met-on", "2026-05-01"});
    ok(sb, {"snooze", "Bob", "2026-12-15"});
    ok(sb, {"add", "Cy", "-s", "weak", "--met-on", "2026-01-01"});
    ok(sb, {"add", "Dee", "-s", "weak", "--met-on", "2026-01-05"});
    ok(sb, {"todo", "Grace", "send the article", "--by", "2026-12-01"});
    ok(sb, {"todo", "Grace", "ask about Lisbon"});
    ok(sb, {"add", "Eve", "--met-on", "2026-01-01"});
    ok(sb, {"archive", "Eve"});
    ok(sb, {"config", "set", "routine.per-week", "1"});
}

} // namespace

TEST_CASE("why explains the strength, the anchor conversation and the interval", "[e2e][why]") {
    Sandbox sb;
    seed(sb);
    CHECK(ok(sb, {"why", "Ada"}) ==
          "Why Ada  #1\n"
          "  Ada is a strong tie, so the interval is 4 months (the strong default, "
          "`cadence.strong`).\n"
          "  It counts from your last conversation, on 2026-11-01 (coffee, they reached out).\n"
          "  2026-11-01 + 4 months = 2027-03-01.\n"
          "  Next reconnect: 2027-03-01 (due in 3 months).\n");
    // A snooze that ends before the cadence date is said to have no effect.
    ok(sb, {"snooze", "Ada", "2026-12-01"});
    CHECK(ok(sb, {"why", "#1"})
              .find("  A snooze until 2026-12-01 has no effect: the cadence "
                    "date is later.\n") != std::string::npos);
}

TEST_CASE("why explains an override, follow-up deadlines and the plan's shift", "[e2e][why]") {
    Sandbox sb;
    seed(sb);
    CHECK(ok(sb, {"why", "Grace"}) ==
          "Why Grace  #2\n"
          "  Grace has their own interval: every 6 weeks (it overrides the medium tie default).\n"
          "  No conversation is logged yet, so it counts from the day you met, 2026-11-01.\n"
          "  2026-11-01 + 6 weeks = 2026-12-13.\n"
          "  Follow-up [1] \"send the article\" has a deadline of 2026-12-01.\n"
          "  Follow-up [2] \"ask about Lisbon\" has no deadline, so it does not move the date.\n"
          "  That deadline, 2026-12-01, comes first, so they are due then.\n"
          "  Next reconnect: 2026-12-01 (due in 9 days).\n"
          "  Your routine quota of 1 a week moves them in the plan to the week of 2026-12-06, "
          "5 days after they are due.\n");
    CHECK(ok(sb, {"why", "Dee"})
              .find("  Your routine quota of 1 a week moves them in the plan "
                    "to the week of 2026-11-29, 55 days after they are "
                    "due.\n") != std::string::npos);
    CHECK(ok(sb, {"why", "Cy"})
              .find("  The plan keeps them in the week of 2026-11-22; your "
                    "routine quota of 1 a week has room.\n") != std::string::npos);
    // The same as `bmc plan` says.
    CHECK(ok(sb, {"plan"})
              .find("  Grace  #2  medium  due 2026-12-01  moved: planned for the "
                    "week of 2026-12-06, 5 days after due\n") != std::string::npos);

    // More overdue people fill the next four weeks: Grace waits beyond the plan.
    ok(sb, {"add", "Fay", "-s", "weak", "--met-on", "2026-01-10"});
    ok(sb, {"add", "Gus", "-s", "weak", "--met-on", "2026-01-15"});
    CHECK(ok(sb, {"why", "Grace"})
              .find("  Your routine quota of 1 a week is full for the next 4 "
                    "weeks: the plan has them wait until after "
                    "2026-12-19.\n") != std::string::npos);
}

TEST_CASE("why explains a snooze and an archived person", "[e2e][why]") {
    Sandbox sb;
    seed(sb);
    CHECK(ok(sb, {"why", "Bob"}) ==
          "Why Bob  #3\n"
          "  Bob is a medium tie, so the interval is 6 months (the medium default, "
          "`cadence.medium`).\n"
          "  No conversation is logged yet, so it counts from the day you met, 2026-05-01.\n"
          "  2026-05-01 + 6 months = 2026-11-01.\n"
          "  You snoozed them until 2026-12-15, which is later, so the cadence date waits until "
          "then.\n"
          "  Next reconnect: 2026-12-15 (due in 3 weeks).\n"
          "  The plan keeps them in the week of 2026-12-13; your routine quota of 1 a week has "
          "room.\n");
    CHECK(ok(sb, {"why", "Eve"}) ==
          "Why Eve  #6\n"
          "  Eve is a medium tie, so the interval is 6 months (the medium default, "
          "`cadence.medium`).\n"
          "  No conversation is logged yet, so it counts from the day you met, 2026-01-01.\n"
          "  2026-01-01 + 6 months = 2026-07-01.\n"
          "  Eve is archived, so bmc never lists them as due; `bmc unarchive '#6'` brings them "
          "back.\n");
}

TEST_CASE("why --json has the facts and the sentences", "[e2e][why]") {
    Sandbox sb;
    seed(sb);
    const json g = json::parse(ok(sb, {"why", "Grace", "--json"}));
    CHECK(g["id"] == 2);
    CHECK(g["name"] == "Grace");
    CHECK(g["interval"] == "6w");
    CHECK(g["source"] == "override");
    CHECK(g["anchor"] == "2026-11-01");
    CHECK(g["anchor_kind"] == "met_on");
    CHECK(g["anchor_interaction"].is_null());
    CHECK(g["scheduled"] == "2026-12-13");
    CHECK(g["followup_by"] == "2026-12-01");
    CHECK(g["next_due"] == "2026-12-01");
    REQUIRE(g["followups"].size() == 2);
    CHECK(g["followups"][0] == json{{"id", 1}, {"text", "send the article"}, {"by", "2026-12-01"}});
    CHECK(g["followups"][1]["by"].is_null());
    CHECK(g["plan"] == json{{"weeks", 4},
                            {"quota", {{"period", "week"}, {"count", 1}}},
                            {"week_start", "2026-12-06"},
                            {"moved", true},
                            {"days_after_due", 5},
                            {"waits_beyond_plan", false}});
    REQUIRE(g["sentences"].size() == 8);
    CHECK(g["sentences"][5] == "That deadline, 2026-12-01, comes first, so they are due then.");

    const json a = json::parse(ok(sb, {"why", "Ada", "--json"}));
    CHECK(a["anchor_kind"] == "interaction");
    CHECK(a["anchor_interaction"]["date"] == "2026-11-01");
    CHECK(a["anchor_interaction"]["via"] == "coffee");
    CHECK(a["plan"]["week_start"].is_null()); // due after the plan's weeks

    const json b = json::parse(ok(sb, {"why", "Bob", "--json"}));
    CHECK(b["snoozed_until"] == "2026-12-15");
    CHECK(b["snooze_applies"] == true);
    const json e = json::parse(ok(sb, {"why", "Eve", "--json"}));
    CHECK(e["archived"] == true);
    CHECK(e["next_due"].is_null());
}

TEST_CASE("why for nobody or without a name fails and changes nothing", "[e2e][why]") {
    Sandbox sb;
    seed(sb);
    const std::string before = sb.snapshot();
    const Result nobody = sb.bmc({"why", "Nobody"});
    CHECK(nobody.code == 1);
    CHECK(nobody.out.empty());
    CHECK(nobody.err == "bmc: error: nobody called 'Nobody' — check the spelling, see everyone "
                        "with `bmc list`, or add them with `bmc add`\n");
    const Result missing = sb.bmc({"why"});
    CHECK(missing.code == 2);
    CHECK(missing.err.find("bmc: error: ") == 0);
    CHECK((sb.snapshot() == before));
    Sandbox empty;
    CHECK(empty.bmc({"why", "Ada"}).code == 1);
    CHECK_FALSE(std::filesystem::exists(empty.db()));
}
