// End-to-end tests of the routine: `config set routine.per-week/per-month`, `plan` and
// `due --max`, run through the real binary with "today" pinned at 2026-11-22.
#include "run.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

using bmc::e2e::Result;
using bmc::e2e::Sandbox;
using nlohmann::json;

namespace {

std::string ok(Sandbox& sb, const std::vector<std::string>& args, const std::string& in = "") {
    const Result r = sb.bmc(args, in);
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

// #1 Ada (strong, due 2026-11-01), #2 Bob (medium, due 2026-11-10), #3 Cy (weak, due
// 2026-11-20), #4 Dee (medium, due 2026-12-01), #5 Eve (strong, due 2026-12-03).
void seed(Sandbox& sb) {
    ok(sb, {"import", "--json", "-"},
       R"([{"name":"Ada","strength":"strong","met_on":"2026-07-01"},
           {"name":"Bob","met_on":"2026-05-10"},
           {"name":"Cy","strength":"weak","met_on":"2026-02-20"},
           {"name":"Dee","met_on":"2026-06-01"},
           {"name":"Eve","strength":"strong","met_on":"2026-08-03"}])");
}

// `count` people, all met long ago so that everyone is overdue at once: every third strong, the
// rest medium and weak; met on one of five dates.
std::string backlog(int count) {
    json doc = json::array();
    const char* strengths[] = {"strong", "medium", "weak"};
    const char* met[] = {"2025-01-05", "2025-02-05", "2025-03-05", "2025-04-05", "2025-05-05"};
    for (int i = 0; i < count; ++i) {
        char name[24];
        std::snprintf(name, sizeof name, "Person %03d", i);
        doc.push_back({{"name", name}, {"strength", strengths[i % 3]}, {"met_on", met[i % 5]}});
    }
    return doc.dump();
}

} // namespace

TEST_CASE("without a quota the plan puts everyone in the week they are due", "[e2e][plan]") {
    Sandbox sb;
    seed(sb);
    CHECK(ok(sb, {"plan", "--weeks", "2"}) ==
          "Plan for 2 weeks from 2026-11-22 to 2026-12-05 · no routine quota: everyone in the "
          "week they are due (set one with `bmc config set routine.per-week 5`)\n"
          "\n"
          "Week 1  2026-11-22 – 2026-11-28  3 people\n"
          "  Ada  #1  strong  due 2026-11-01  3 weeks overdue\n"
          "  Bob  #2  medium  due 2026-11-10  12 days overdue\n"
          "  Cy   #3  weak    due 2026-11-20  2 days overdue\n"
          "\n"
          "Week 2  2026-11-29 – 2026-12-05  2 people\n"
          "  Dee  #4  medium  due 2026-12-01  due in 9 days\n"
          "  Eve  #5  strong  due 2026-12-03  due in 11 days\n"
          "\n"
          "5 people planned.\n");
    Sandbox empty;
    CHECK(ok(empty, {"plan"}) ==
          "Plan for 4 weeks from 2026-11-22 to 2026-12-19 · no routine quota: everyone in the "
          "week they are due (set one with `bmc config set routine.per-week 5`)\n"
          "Nobody is due by 2026-12-19.\n");
    CHECK_FALSE(std::filesystem::exists(empty.db())); // a read: no database file created
}

TEST_CASE("a weekly quota moves people to later weeks and says so", "[e2e][plan]") {
    Sandbox sb;
    seed(sb);
    CHECK(ok(sb, {"config", "set", "routine.per-week", "2"}) == "routine.per-week = 2\n");
    CHECK(ok(sb, {"config", "get", "routine.per-week"}) == "2\n");
    CHECK(ok(sb, {"plan", "--weeks", "2"}) ==
          "Plan for 2 weeks from 2026-11-22 to 2026-12-05 · routine quota 2 a week\n"
          "\n"
          "Week 1  2026-11-22 – 2026-11-28  2 of 2\n"
          "  Ada  #1  strong  due 2026-11-01  3 weeks overdue\n"
          "  Bob  #2  medium  due 2026-11-10  12 days overdue\n"
          "\n"
          "Week 2  2026-11-29 – 2026-12-05  2 of 2\n"
          "  Cy   #3  weak    due 2026-11-20  moved: planned for the week of 2026-11-29, 9 days "
          "after due\n"
          "  Dee  #4  medium  due 2026-12-01  due in 9 days\n"
          "\n"
          "4 people planned, 1 moved past the week they are due to keep to the quota.\n"
          "1 more person due by 2026-12-05 does not fit the quota and waits for later weeks: "
          "raise it (`bmc config set routine.per-week N`) or look further (`bmc plan --weeks "
          "4`).\n");

    const json plan = json::parse(ok(sb, {"plan", "--weeks", "2", "--json"}));
    CHECK(plan["today"] == "2026-11-22");
    CHECK(plan["until"] == "2026-12-05");
    CHECK(plan["quota"] == json{{"period", "week"}, {"count", 2}});
    REQUIRE(plan["weeks"].size() == 2);
    CHECK(plan["weeks"][1]["start"] == "2026-11-29");
    CHECK(plan["weeks"][1]["capacity"] == 2);
    const json& cy = plan["weeks"][1]["contacts"][0];
    CHECK(cy["name"] == "Cy");
    CHECK(cy["due"] == "2026-11-20");
    CHECK(cy["days_overdue"] == 2);
    CHECK(cy["moved"] == true);
    CHECK(cy["days_after_due"] == 9);
    CHECK(plan["weeks"][0]["contacts"][0]["moved"] == false);
    CHECK(plan["weeks"][0]["contacts"][0]["days_after_due"].is_null());
    REQUIRE(plan["unplanned"].size() == 1);
    CHECK(plan["unplanned"][0]["name"] == "Eve");

    // Reaching out takes people off the plan; the next one moves up.
    ok(sb, {"log", "Ada"});
    const json after = json::parse(ok(sb, {"plan", "--weeks", "2", "--json"}));
    CHECK(after["weeks"][0]["contacts"][1]["name"] == "Cy");
    CHECK(after["weeks"][0]["contacts"][1]["moved"] == false);

    // `none` removes the quota.
    CHECK(ok(sb, {"config", "set", "routine.per-week", "none"}) == "routine.per-week = none\n");
    CHECK(json::parse(ok(sb, {"plan", "--json"}))["quota"].is_null());
}

TEST_CASE("a backlog of hundreds is spread over the weeks within the quota, the same every time",
          "[e2e][plan]") {
    Sandbox sb;
    CHECK(ok(sb, {"import", "--json", "-"}, backlog(400)) ==
          "Imported: 400 added, 0 updated, 0 unchanged; 0 interactions added, 0 updated.\n");
    ok(sb, {"config", "set", "routine.per-week", "15"});
    const std::string text = ok(sb, {"plan", "--weeks", "6"});
    CHECK(ok(sb, {"plan", "--weeks", "6"}) == text); // deterministic
    CHECK(text.find("90 people planned, 75 moved past the week they are due to keep to the "
                    "quota.\n310 more people due by 2027-01-02 do not fit the quota") !=
          std::string::npos);

    const json plan = json::parse(ok(sb, {"plan", "--weeks", "6", "--json"}));
    REQUIRE(plan["weeks"].size() == 6);
    std::set<std::int64_t> seen;
    std::string last_due;
    int last_rank = -1;
    const auto rank = [](const std::string& s) {
        return s == "strong" ? 0 : s == "medium" ? 1 : 2;
    };
    for (const json& week : plan["weeks"]) {
        CHECK(week["capacity"] == 15);
        CHECK(week["contacts"].size() == 15); // the quota, never more
        for (const json& c : week["contacts"]) {
            CHECK(seen.insert(c["id"].get<std::int64_t>()).second); // each person once
            // Most overdue first, then stronger first.
            const std::string due = c["due"];
            CHECK(due >= last_due);
            if (due == last_due) {
                CHECK(rank(c["strength"]) >= last_rank);
            }
            last_due = due;
            last_rank = rank(c["strength"]);
        }
    }
    CHECK(plan["unplanned"].size() == 310);
    // Everyone after the first week was moved by the plan and says how far.
    const json& moved = plan["weeks"][5]["contacts"][0];
    CHECK(moved["moved"] == true);
    CHECK(moved["days_after_due"].get<int>() > 0);
    // The first in line: met earliest (2025-01-05), strong, due 4 months later.
    CHECK(plan["weeks"][0]["contacts"][0]["name"] == "Person 000");
    CHECK(plan["weeks"][0]["contacts"][0]["due"] == "2025-05-05");

    // due --max caps the list and says how many more are due.
    const std::string capped = ok(sb, {"due", "--max", "2"});
    CHECK(capped.find("400 people to reconnect with, as of 2026-11-22; the first 2:\n") == 0);
    const std::string more = "\n… and 398 more due: `bmc due --all` lists everyone; `bmc plan` "
                             "spreads them over the coming weeks.\n";
    CHECK(capped.substr(capped.size() - more.size()) == more);
    CHECK(json::parse(ok(sb, {"due", "--max", "2", "--json"}))["more"] == 398);
    CHECK(json::parse(ok(sb, {"due", "--json"}))["more"] == 0);
}

// The lines of `due` that name a person (two spaces, then the name).
std::vector<std::string> due_people(const std::string& out) {
    std::vector<std::string> people;
    std::size_t at = 0;
    while ((at = out.find("\n  P", at)) != std::string::npos) {
        at += 3;
        people.push_back(out.substr(at, out.find("  ", at) - at));
    }
    return people;
}

TEST_CASE("due shows the first 20 by default, --all, due.limit and --json show more",
          "[e2e][plan]") {
    Sandbox sb;
    ok(sb, {"import", "--json", "-"}, backlog(45));
    const std::string more25 = "\n… and 25 more due: `bmc due --all` lists everyone; `bmc plan` "
                               "spreads them over the coming weeks.\n";

    const std::string page = ok(sb, {"due"});
    CHECK(page.find("45 people to reconnect with, as of 2026-11-22; the first 20:\n\n") == 0);
    CHECK(due_people(page).size() == 20);
    CHECK(page.substr(page.size() - more25.size()) == more25);
    // The first 20 of the whole list, in its order.
    const std::string everyone = ok(sb, {"due", "--all"});
    CHECK(everyone.find("45 people to reconnect with, as of 2026-11-22:\n\n") == 0);
    const auto all = due_people(everyone);
    REQUIRE(all.size() == 45);
    CHECK(due_people(page) == std::vector<std::string>(all.begin(), all.begin() + 20));
    CHECK(everyone.find("more due") == std::string::npos);
    CHECK(ok(sb, {"due", "-a"}) == everyone);
    // --within counts the people due by then the same way; the hint keeps the window.
    const std::string ahead = ok(sb, {"due", "--within", "2w"});
    CHECK(ahead.find("45 people to reconnect with, due by 2026-12-06; the first 20:") == 0);
    const std::string add_all = "\n… and 25 more due: add `--all` to list everyone; `bmc plan` "
                                "spreads them over the coming weeks.\n";
    CHECK(ahead.substr(ahead.size() - add_all.size()) == add_all);
    CHECK(due_people(ok(sb, {"due", "--within", "2w", "--all"})).size() == 45);

    // Scripts get everyone unless they ask for fewer.
    const json j = json::parse(ok(sb, {"due", "--json"}));
    CHECK(j["contacts"].size() == 45);
    CHECK(j["more"] == 0);
    CHECK(json::parse(ok(sb, {"due", "--json", "--limit", "20"}))["more"] == 25);
    CHECK(ok(sb, {"due", "--json", "--all"}) == ok(sb, {"due", "--json"}));

    // The page size is a setting.
    CHECK(ok(sb, {"config", "set", "due.limit", "5"}) == "due.limit = 5\n");
    CHECK(ok(sb, {"config", "get", "due.limit"}) == "5\n");
    CHECK(due_people(ok(sb, {"due"})).size() == 5);
    CHECK(due_people(ok(sb, {"due", "--limit", "7"})).size() == 7); // --limit wins
    CHECK(json::parse(ok(sb, {"due", "--json"}))["contacts"].size() == 45);
    CHECK(ok(sb, {"config", "set", "due.limit", "all"}) == "due.limit = all\n");
    CHECK(ok(sb, {"due"}) == everyone);
    CHECK(ok(sb, {"config", "set", "due.limit", "007"}) == "due.limit = 7\n");
    CHECK(due_people(ok(sb, {"due"})).size() == 7);
    CHECK(ok(sb, {"config", "set", "due.limit", "default"}) == "due.limit = 20\n");
    CHECK(ok(sb, {"due"}) == page);
    CHECK(
        ok(sb, {"config", "list"}).find("due.limit         20    how many people bmc due shows") !=
        std::string::npos);
    // An export carries the setting and an import brings it back.
    ok(sb, {"config", "set", "due.limit", "3"});
    const std::string exported = ok(sb, {"export", "--json"});
    CHECK(json::parse(exported)["settings"]["due.limit"] == "3");
    Sandbox other;
    ok(other, {"import", "--json", "-"}, exported);
    CHECK(due_people(ok(other, {"due"})).size() == 3);

    // Nobody hidden when fewer are due than the page holds.
    Sandbox few;
    ok(few, {"import", "--json", "-"}, backlog(20));
    const std::string twenty = ok(few, {"due"});
    CHECK(twenty.find("20 people to reconnect with, as of 2026-11-22:\n\n") == 0);
    CHECK(due_people(twenty).size() == 20);
    CHECK(twenty.find("more due") == std::string::npos);
}

TEST_CASE("due.limit and --all reject bad values and change nothing", "[e2e][plan]") {
    Sandbox sb;
    seed(sb);
    const std::string hint =
        " — e.g. bmc config set due.limit 10; `all` lists everyone who is due\n";
    for (const std::string bad : {"0", "-3", "ten", "10001", " 5", "5.0", "none", ""}) {
        INFO(bad);
        fails(sb, {"config", "set", "due.limit", bad}, 2,
              "bmc: error: due.limit must be a whole number from 1 to 10000, or all, not '" + bad +
                  "'" + hint);
    }
    fails(sb, {"due", "--all", "--limit", "3"}, 2,
          "bmc: error: --limit excludes --all — see `bmc due --help`\n");
    // The ids other commands take are as strict (the quota: below).
    fails(sb, {"done", "+1"}, 2,
          "bmc: error: follow-up ID must be a number, not '+1' — see the numbers with `bmc "
          "todo`\n");
    fails(sb, {"review", "--apply", "-1"}, 2,
          "bmc: error: suggestion ID must be a number like 12 or #12, not '-1' — see the IDs with "
          "`bmc review`\n");

    // A value the database should not hold is reported by plain `due`; the others still work.
    {
        SQLite::Database db(sb.db(), SQLite::OPEN_READWRITE);
        db.exec("INSERT INTO settings (key, value) VALUES ('due.limit', 'lots')");
    }
    const Result r = sb.bmc({"due"});
    CHECK(r.code == 1);
    CHECK(r.out.empty());
    CHECK(r.err == "bmc: error: the database holds an invalid due.limit 'lots' — set it again "
                   "with `bmc config set due.limit N`\n");
    CHECK(ok(sb, {"due", "--all"}).find("3 people to reconnect with") == 0);
    CHECK(ok(sb, {"config", "set", "due.limit", "4"}) == "due.limit = 4\n");
    CHECK(ok(sb, {"due"}).find("3 people to reconnect with") == 0);
}

TEST_CASE("a monthly quota is spread evenly over the weeks", "[e2e][plan]") {
    Sandbox sb;
    ok(sb, {"import", "--json", "-"}, backlog(100));
    CHECK(ok(sb, {"config", "set", "routine.per-month", "20"}) == "routine.per-month = 20\n");
    const json plan = json::parse(ok(sb, {"plan", "--json"}));
    CHECK(plan["quota"] == json{{"period", "month"}, {"count", 20}});
    std::vector<int> sizes;
    for (const json& week : plan["weeks"]) {
        CHECK(week["capacity"] == week["contacts"].size());
        sizes.push_back(static_cast<int>(week["contacts"].size()));
    }
    CHECK(sizes == std::vector<int>{4, 5, 4, 5}); // 20 × 12 ÷ 52 a week
    CHECK(ok(sb, {"plan", "--weeks", "1"}).find("routine quota 20 a month\n") != std::string::npos);
}

TEST_CASE("routine settings and plan reject bad values and change nothing", "[e2e][plan]") {
    Sandbox sb;
    seed(sb);
    ok(sb, {"config", "set", "routine.per-week", "3"});
    for (const std::string bad : {"0", "2.5", "+3", "99999999999999999999"}) {
        INFO(bad);
        fails(sb, {"config", "set", "routine.per-week", bad}, 2,
              "bmc: error: routine.per-week must be a whole number from 1 to 1000, not '" + bad +
                  "' — e.g. bmc config set routine.per-week 5; `none` removes the quota\n");
    }
    fails(sb, {"config", "set", "routine.per-month", "20"}, 1,
          "bmc: error: routine.per-week is set already (3); bmc keeps one routine quota, a "
          "week's or a month's — remove it first with `bmc config set routine.per-week none`\n");
    fails(sb, {"config", "set", "routine.per-wek", "3"}, 2,
          "bmc: error: unknown setting 'routine.per-wek' — did you mean routine.per-week? known "
          "keys: cadence.strong, cadence.medium, cadence.weak, routine.per-week, "
          "routine.per-month, due.limit\n");
    fails(sb, {"plan", "--weeks", "0"}, 2,
          "bmc: error: --weeks must be from 1 to 52, not 0 — e.g. bmc plan --weeks 8\n");
    fails(sb, {"plan", "--weeks", "53"}, 2,
          "bmc: error: --weeks must be from 1 to 52, not 53 — e.g. bmc plan --weeks 8\n");
    const Result word = sb.bmc({"plan", "--weeks", "many"});
    CHECK(word.code == 2);
    CHECK(word.err.find("bmc: error: ") == 0);
    fails(sb, {"due", "--max", "0"}, 2,
          "bmc: error: --limit must be a positive number — e.g. --limit 10\n");
}
