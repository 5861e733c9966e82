// End-to-end tests of important dates: `--birthday` on add and edit, `date NAME [LABEL DATE]
// [--rm]`, the "coming up" section of `due` (text and JSON) with yearly recurrence, 29 February
// in non-leap years and the year-end wrap, `show`, export/import, and the errors.
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

// Everyone met on 2026-01-01 (medium, due 2026-07-01), so they are all due on any later day.
void add(Sandbox& sb, const std::string& name, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"add", name, "--met-on", "2026-01-01"};
    args.insert(args.end(), extra.begin(), extra.end());
    ok(sb, args);
}

} // namespace

TEST_CASE("add --birthday with or without a year, show and date list it", "[e2e][dates]") {
    Sandbox sb;
    add(sb, "Ada", {"--birthday", "1990-03-14"});
    add(sb, "Grace", {"--birthday", "--12-09"});
    CHECK_THAT(ok(sb, {"show", "Ada"}),
               Catch::Contains("Dates\n"
                               "  birthday           1990-03-14 · next 2027-03-14, turns 37 (in "
                               "112 days)\n"));
    CHECK_THAT(ok(sb, {"show", "Grace"}),
               Catch::Contains("  birthday           --12-09 · next 2026-12-09 (in 17 days)\n"));
    CHECK(ok(sb, {"date", "Grace"}) == "Dates of Grace (#2):\n"
                                       "  birthday       --12-09  next 2026-12-09 (in 17 days)\n");
    const json j = json::parse(ok(sb, {"show", "Ada", "--json"}));
    CHECK(j["birthday"] == "1990-03-14");
    CHECK(j["dates"] == json::parse(R"([{"label":"birthday","date":"1990-03-14",
        "on":"2027-03-14","in_days":112,"years":37}])"));
    CHECK(json::parse(ok(sb, {"date", "Grace", "--json"})) == json::parse(R"({"version":1,
        "today":"2026-11-22","person":{"id":2,"name":"Grace"},"dates":[{"label":"birthday",
        "date":"--12-09","on":"2026-12-09","in_days":17,"years":null}]})"));
}

TEST_CASE("date NAME LABEL DATE adds, changes and --rm removes a date", "[e2e][dates]") {
    Sandbox sb;
    add(sb, "Ada");
    CHECK(ok(sb, {"date", "Ada"}) ==
          "No dates for Ada (#1) yet; add one with `bmc date 1 LABEL DATE`.\n");
    CHECK(ok(sb, {"date", "Ada", "anniversary", "2015-06-20"}) ==
          "Added Ada's anniversary: 2015-06-20; next 2027-06-20, 12 years (in 210 days).\n");
    CHECK(ok(sb, {"date", "Ada", "Anniversary", "2016-06-20"}) ==
          "Changed Ada's Anniversary from 2015-06-20 to 2016-06-20; next 2027-06-20, 11 years "
          "(in 210 days).\n");
    CHECK(ok(sb, {"date", "Ada", "new job", "--03-01"}) ==
          "Added Ada's new job: --03-01; next 2027-03-01 (in 99 days).\n");
    CHECK(ok(sb, {"date", "Ada", "birthday", "--11-22"}) ==
          "Added Ada's birthday: --11-22; next 2026-11-22 (today).\n");
    CHECK(ok(sb, {"date", "Ada"}) ==
          "Dates of Ada (#1):\n"
          "  birthday       --11-22  next 2026-11-22 (today)\n"
          "  Anniversary    2016-06-20  next 2027-06-20, 11 years (in 210 days)\n"
          "  new job        --03-01  next 2027-03-01 (in 99 days)\n");
    CHECK(ok(sb, {"date", "Ada", "anniversary", "--rm"}) ==
          "Removed Ada's Anniversary (2016-06-20).\n");
    // --birthday none on edit removes the birthday.
    ok(sb, {"edit", "Ada", "--birthday", "none"});
    CHECK(ok(sb, {"date", "Ada"}) == "Dates of Ada (#1):\n"
                                     "  new job        --03-01  next 2027-03-01 (in 99 days)\n");
    // Global options may follow the command; --MM-DD is still read as the date.
    const Result late =
        sb.raw({"date", "Ada", "name day", "--07-26", "--db", sb.db(), "--today", "2026-11-22"});
    CHECK(late.code == 0);
    CHECK(late.out == "Added Ada's name day: --07-26; next 2027-07-26 (in 246 days).\n");
    ok(sb, {"date", "Ada", "name day", "--rm"});
    ok(sb, {"edit", "Ada", "--birthday", "--02-29"});
    CHECK_THAT(ok(sb, {"date", "Ada"}),
               Catch::Contains("  birthday       --02-29  next 2027-02-28 (in 98 days)\n"));
}

TEST_CASE("due lists dates coming up in the next 7 days, or within --within", "[e2e][dates]") {
    Sandbox sb;
    add(sb, "Ada", {"--birthday", "1990-11-25"});
    add(sb, "Grace", {"--birthday", "--11-29"});
    add(sb, "Alan", {"--birthday", "--11-30"});
    ok(sb, {"date", "Alan", "anniversary", "2020-11-22"});
    ok(sb, {"archive", "Grace"});
    const std::string due = ok(sb, {"due"});
    CHECK_THAT(due, Catch::EndsWith("\nComing up by 2026-11-29:\n"
                                    "  2026-11-22  Alan (#3)  anniversary, 6 years (today)\n"
                                    "  2026-11-25  Ada (#1)  birthday, turns 36 (in 3 days)\n"));
    CHECK_THAT(ok(sb, {"due", "--within", "8d"}),
               Catch::EndsWith("\nComing up by 2026-11-30:\n"
                               "  2026-11-22  Alan (#3)  anniversary, 6 years (today)\n"
                               "  2026-11-25  Ada (#1)  birthday, turns 36 (in 3 days)\n"
                               "  2026-11-30  Alan (#3)  birthday (in 8 days)\n"));
    const json j = json::parse(ok(sb, {"due", "--json"}));
    CHECK(j["dates_until"] == "2026-11-29");
    REQUIRE(j["coming_up"].size() == 2);
    CHECK(j["coming_up"][1] == json::parse(R"({"person":{"id":1,"name":"Ada"},"label":"birthday",
        "date":"1990-11-25","on":"2026-11-25","in_days":3,"years":36})"));
    // Nothing coming up: no section at all.
    sb.today = "2026-12-01";
    CHECK_THAT(ok(sb, {"due"}), !Catch::Contains("Coming up"));
    CHECK(json::parse(ok(sb, {"due", "--json"}))["coming_up"] == json::array());
}

TEST_CASE("coming up wraps at the year end and observes 29 February on 28 February",
          "[e2e][dates]") {
    Sandbox sb;
    add(sb, "Leap", {"--birthday", "2000-02-29"});
    add(sb, "NewYear", {"--birthday", "--01-03"});
    sb.today = "2026-12-30";
    CHECK_THAT(ok(sb, {"due"}),
               Catch::EndsWith("Coming up by 2027-01-06:\n"
                               "  2027-01-03  NewYear (#2)  birthday (in 4 days)\n"));
    sb.today = "2027-02-22";
    CHECK_THAT(ok(sb, {"due"}),
               Catch::EndsWith("Coming up by 2027-03-01:\n"
                               "  2027-02-28  Leap (#1)  birthday, turns 27 (in 6 days)\n"));
    sb.today = "2028-02-24";
    CHECK_THAT(ok(sb, {"due"}),
               Catch::EndsWith("Coming up by 2028-03-02:\n"
                               "  2028-02-29  Leap (#1)  birthday, turns 28 (in 5 days)\n"));
    sb.today = "2027-03-01";
    CHECK_THAT(ok(sb, {"due"}), !Catch::Contains("Leap (#1)  birthday"));
}

TEST_CASE("bad dates, future birthdays and unknown labels are refused and change nothing",
          "[e2e][dates]") {
    Sandbox sb;
    add(sb, "Ada");
    fails(sb, {"add", "Bob", "--birthday", "--02-30"}, 2,
          "bmc: error: --birthday '--02-30' is not a real date — check the month and the day, "
          "e.g. 1990-03-14 or --02-29\n");
    fails(sb, {"edit", "Ada", "--birthday", "2001-02-29"}, 2,
          "bmc: error: --birthday '2001-02-29' is not a real date — check the month and the day, "
          "e.g. 1990-03-14 or --02-29\n");
    fails(sb, {"edit", "Ada", "--birthday", "March 14"}, 2,
          "bmc: error: --birthday must be YYYY-MM-DD or --MM-DD (without the year), not 'March "
          "14' — e.g. 1990-03-14 or --03-14\n");
    fails(sb, {"edit", "Ada", "--birthday", "2026-11-23"}, 1,
          "bmc: error: the birthday 2026-11-23 is in the future (today is 2026-11-22) — give the "
          "year they were born, or --MM-DD without a year\n");
    fails(sb, {"add", "Bob", "--birthday", "2030-01-01"}, 1,
          "bmc: error: the birthday 2030-01-01 is in the future (today is 2026-11-22) — give the "
          "year they were born, or --MM-DD without a year\n");
    fails(sb, {"date", "Ada", "anniversary"}, 2,
          "bmc: error: say when the 'anniversary' is — e.g. bmc date Ada anniversary 2015-06-20 "
          "(or --06-20 without the year)\n");
    fails(sb, {"date", "Ada", "anniversary", "--rm"}, 1,
          "bmc: error: Ada has no date 'anniversary' — see their dates with `bmc date 1`\n");
    fails(sb, {"date", "Ada", "--rm"}, 2,
          "bmc: error: say which date to remove — e.g. bmc date Ada anniversary --rm\n");
    fails(sb, {"date", "Ada", "  ", "2020-01-01"}, 1,
          "bmc: error: the label is empty — name the date, e.g. bmc date Ada anniversary "
          "2015-06-20\n");
    fails(sb, {"date", "Nobody"}, 1,
          "bmc: error: nobody called 'Nobody' — check the spelling, see everyone with `bmc "
          "list`, or add them with `bmc add`\n");
    fails(sb, {"date", "Ada", "x", "--04-01", "--05-01"}, 2,
          "bmc: error: The following argument was not expected: 05-01 — see `bmc date --help`\n");
    // A planned date in the future is fine for other labels: it first comes up on the day.
    CHECK(ok(sb, {"date", "Ada", "wedding", "2027-06-12"}) ==
          "Added Ada's wedding: 2027-06-12; next 2027-06-12 (in 202 days).\n");
}

TEST_CASE("export and import keep birthdays and dates", "[e2e][dates]") {
    Sandbox sb;
    add(sb, "Ada", {"--birthday", "--02-29"});
    ok(sb, {"date", "Ada", "anniversary", "2015-06-20"});
    const std::string exported = ok(sb, {"export", "--json"});
    const json doc = json::parse(exported);
    CHECK(doc["contacts"][0]["birthday"] == "--02-29");
    CHECK(doc["contacts"][0]["dates"] ==
          json::parse(R"([{"label":"anniversary","date":"2015-06-20"}])"));

    Sandbox other;
    const std::string file = (other.dir() / "backup.json").string();
    std::ofstream(file) << exported;
    ok(other, {"import", "--json", file});
    CHECK(ok(other, {"date", "Ada"}) == ok(sb, {"date", "Ada"}));
    CHECK(json::parse(ok(other, {"export", "--json"}))["contacts"] == doc["contacts"]);

    // A bad date in an import is refused as a whole.
    const std::string bad = (other.dir() / "bad.json").string();
    std::ofstream(bad) << R"([{"name":"Bob","birthday":"--13-01"}])";
    const std::string before = other.snapshot();
    const Result r = other.bmc({"import", "--json", bad});
    CHECK(r.code == 1);
    CHECK_THAT(r.err, Catch::StartsWith("bmc: error: import rejected at contact 1 ('Bob'): field "
                                        "'birthday' must be YYYY-MM-DD or --MM-DD"));
    CHECK((other.snapshot() == before));
}
