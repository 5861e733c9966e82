// End-to-end tests of follow-ups and give-and-take: `log --followup/--done/--gave/--received/
// --asked`, `todo`, `done`, the follow-up lines of `due` and the sections of `show`, run through
// the real binary with "today" pinned at 2026-11-22.
#include "run.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

using bmc::e2e::Result;
using bmc::e2e::Sandbox;
using bmc::e2e::check::fails;
using bmc::e2e::check::join_args;
using bmc::e2e::check::ok;
using nlohmann::json;

namespace {

// #1 Ada Lovelace (strong, due 2027-01-14), #2 Grace (medium, due 2027-04-01).
void seed(Sandbox& sb) {
    ok(sb, {"add", "Ada Lovelace", "--strength", "strong", "--met-on", "2026-09-14"});
    ok(sb, {"add", "Grace", "--met-on", "2026-10-01"});
}

// seed(), then follow-ups [1] and [2] for Ada (from a coffee) and [3] for Grace, by 2026-11-29.
void seed_followups(Sandbox& sb) {
    seed(sb);
    ok(sb, {"log", "Ada", "--via", "coffee", "--by", "them", "--note", "she recommended a book",
            "--followup", "report back on the book", "-f", "send the Lisbon article"});
    ok(sb, {"todo", "Grace", "tell her how the talk went", "--by", "1w"});
}

json parse_only_json(const std::string& text) {
    json j;
    INFO("output: " << text);
    REQUIRE_NOTHROW(j = json::parse(text));
    return j;
}

const std::regex uuid_re("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
const std::regex timestamp_re("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$");

} // namespace

TEST_CASE("log --followup records follow-ups and todo lists them", "[e2e][followups]") {
    Sandbox sb;
    seed(sb);
    CHECK(ok(sb, {"todo"}) == "No open follow-ups. Add one with `bmc todo NAME TEXT` or `bmc log "
                              "NAME --followup TEXT`.\n");

    CHECK(
        ok(sb, {"log", "Ada", "--via", "coffee", "--by", "them", "--note", "she recommended a book",
                "--followup", "report back on the book", "-f", "send the Lisbon article"}) ==
        "Logged coffee with Ada Lovelace on 2026-11-22. Next reconnect: 2027-03-22 (due in 4 "
        "months).\n"
        "  + follow-up [1]: report back on the book\n"
        "  + follow-up [2]: send the Lisbon article\n");

    CHECK(ok(sb, {"todo", "Grace", "tell her how the talk went", "--by", "1w"}) ==
          "Follow-up [3] for Grace: tell her how the talk went (by 2026-11-29, due in 7 days).\n");
    CHECK(ok(sb, {"todo", "love", "call about the job", "--by", "2026-11-22"}) ==
          "Follow-up [4] for Ada Lovelace: call about the job (by 2026-11-22, due today).\n");
    CHECK(ok(sb, {"todo", "#2", "return the umbrella"}) ==
          "Follow-up [5] for Grace: return the umbrella.\n");

    // Earliest deadline first; those without a deadline last, in the order they were recorded.
    CHECK(ok(sb, {"todo"}) ==
          "  Ada Lovelace  to do [4]: call about the job (by 2026-11-22, reached)\n"
          "  Grace         to do [3]: tell her how the talk went (by 2026-11-29, in 7 days)\n"
          "  Ada Lovelace  to do [1]: report back on the book\n"
          "  Ada Lovelace  to do [2]: send the Lisbon article\n"
          "  Grace         to do [5]: return the umbrella\n"
          "5 open\n");
}

TEST_CASE("due lists a follow-up's deadline and the open follow-ups under each row",
          "[e2e][followups]") {
    Sandbox sb;
    seed_followups(sb);
    // Grace's cadence says 2027-04-01; her follow-up's deadline is 2026-11-29.
    CHECK(ok(sb, {"due"}) ==
          "Nobody is due today (2026-11-22). Look ahead with `bmc due --within 2w`.\n");
    CHECK(ok(sb, {"due", "--within", "1w"}) ==
          "1 person to reconnect with, due by 2026-11-29:\n"
          "\n"
          "  Grace  #2  medium  due 2026-11-29  due in 7 days\n"
          "      no conversation logged yet; met 2026-10-01\n"
          "      to do [3]: tell her how the talk went (by 2026-11-29, in 7 days)\n");
    CHECK(ok(sb, {"due", "--within", "4m"}) ==
          "2 people to reconnect with, due by 2027-03-22:\n"
          "\n"
          "  Grace         #2  medium  due 2026-11-29  due in 7 days\n"
          "      no conversation logged yet; met 2026-10-01\n"
          "      to do [3]: tell her how the talk went (by 2026-11-29, in 7 days)\n"
          "  Ada Lovelace  #1  strong  due 2027-03-22  due in 4 months\n"
          "      last: 2026-11-22 coffee (they reached out): she recommended a book\n"
          "      to do [1]: report back on the book\n"
          "      to do [2]: send the Lisbon article\n");

    sb.today = "2026-11-29";
    CHECK(ok(sb, {"due"}) == "1 person to reconnect with, as of 2026-11-29:\n"
                             "\n"
                             "  Grace  #2  medium  due 2026-11-29  due today\n"
                             "      no conversation logged yet; met 2026-10-01\n"
                             "      to do [3]: tell her how the talk went (by 2026-11-29, "
                             "reached)\n");

    // Closing it puts Grace back on her cadence.
    sb.today = "2026-11-22";
    CHECK(ok(sb, {"done", "3"}) ==
          "Done [3] with Grace: tell her how the talk went (on 2026-11-22).\n");
    CHECK(ok(sb, {"due", "--within", "1w"}) == "Nobody is due by 2026-11-29.\n");
    CHECK(ok(sb, {"list", "--sort", "due"}) ==
          "  ID  NAME          STRENGTH  NEXT DUE                        LAST TALKED\n"
          "  #1  Ada Lovelace  strong    2027-03-22  due in 4 months     2026-11-22 (today)\n"
          "  #2  Grace         medium    2027-04-01  due in 4 months     never\n"
          "2 people\n");
}

TEST_CASE("done closes a follow-up, log --done closes it with a conversation", "[e2e][followups]") {
    Sandbox sb;
    seed_followups(sb);
    CHECK(ok(sb, {"done", "#2", "--date", "today"}) ==
          "Done [2] with Ada Lovelace: send the Lisbon article (on 2026-11-22).\n");
    CHECK(ok(sb, {"log", "Ada", "--by", "me", "--gave", "an intro to Grace", "--done", "1",
                  "--note", "finished the book"}) ==
          "Logged a conversation with Ada Lovelace on 2026-11-22. Next reconnect: 2027-03-22 (due "
          "in 4 months).\n"
          "  done [1]: report back on the book\n");
    CHECK(ok(sb, {"todo"}) ==
          "  Grace  to do [3]: tell her how the talk went (by 2026-11-29, in 7 days)\n"
          "1 open\n");
    // Grace's follow-up can be closed in a conversation with both of them.
    CHECK(ok(sb, {"log", "Ada", "Grace", "--via", "meeting", "--done", "3"}) ==
          "Logged meeting with Ada Lovelace on 2026-11-22. Next reconnect: 2027-03-22 (due in 4 "
          "months).\n"
          "Logged meeting with Grace on 2026-11-22. Next reconnect: 2027-05-22 (due in 6 "
          "months).\n"
          "  done [3]: tell her how the talk went\n");
    CHECK(ok(sb, {"todo"}) == "No open follow-ups. Add one with `bmc todo NAME TEXT` or `bmc log "
                              "NAME --followup TEXT`.\n");
}

TEST_CASE("show has a give-and-take section and the follow-ups, open first", "[e2e][followups]") {
    Sandbox sb;
    seed_followups(sb);
    ok(sb, {"log", "Ada", "--by", "me", "--gave", "an intro to Grace", "--received", "a book tip",
            "--done", "1", "--note", "finished the book"});
    CHECK(ok(sb, {"show", "Ada"}) == "Ada Lovelace  #1\n"
                                     "  strength   strong\n"
                                     "  met        on 2026-09-14\n"
                                     "Cadence\n"
                                     "  every      4 months (strong tie default)\n"
                                     "  anchor     2026-11-22 (last conversation)\n"
                                     "  next due   2027-03-22 (due in 4 months)\n"
                                     "Give and take\n"
                                     "  reach-outs you 1, them 1\n"
                                     "  exchanges  gave 1, received 1, asked 0\n"
                                     "Follow-ups (1 open, 1 done)\n"
                                     "  to do [2]: send the Lisbon article\n"
                                     "  done [1]: report back on the book (on 2026-11-22)\n"
                                     "Conversations (2)\n"
                                     "  2026-11-22  -       me    finished the book\n"
                                     "                           gave: an intro to Grace\n"
                                     "                           received: a book tip\n"
                                     "  2026-11-22  coffee  them  she recommended a book\n");

    // Grace: a deadline row, and three reach-outs of mine in a row.
    ok(sb, {"log", "Grace", "--by", "me", "--date", "2026-11-01", "--gave", "feedback"});
    ok(sb, {"log", "Grace", "--by", "me", "--date", "2026-11-10"});
    ok(sb, {"log", "Grace", "--by", "me", "--date", "2026-11-20", "--note", "no answer yet"});
    CHECK(ok(sb, {"show", "Grace"}) ==
          "Grace  #2\n"
          "  strength   medium\n"
          "  met        on 2026-10-01\n"
          "Cadence\n"
          "  every      6 months (medium tie default)\n"
          "  anchor     2026-11-20 (last conversation)\n"
          "  next due   2027-05-20 (due in 5 months)\n"
          "  deadline   2026-11-29 (an open follow-up is due then, before the cadence)\n"
          "Give and take\n"
          "  reach-outs you 3, them 0 · 3 of yours unanswered in a row\n"
          "  exchanges  gave 1, received 0, asked 0\n"
          "Follow-ups (1 open, 0 done)\n"
          "  to do [3]: tell her how the talk went (by 2026-11-29, in 7 days)\n"
          "Conversations (3)\n"
          "  2026-11-20  -       me    no answer yet\n"
          "  2026-11-10  -       me\n"
          "  2026-11-01  -       me\n"
          "                           gave: feedback\n");

    // Someone with no history and no follow-ups: zeros, and no follow-ups section.
    ok(sb, {"add", "Alan", "--strength", "weak", "--met-on", "2026-11-01"});
    const std::string alan = ok(sb, {"show", "Alan"});
    CHECK(alan.find("Give and take\n"
                    "  reach-outs you 0, them 0\n"
                    "  exchanges  gave 0, received 0, asked 0\n"
                    "Conversations (0)\n") != std::string::npos);
    CHECK(alan.find("Follow-ups") == std::string::npos);
}

TEST_CASE("asking before giving warns on stderr, exits 0 and records the conversation",
          "[e2e][followups]") {
    Sandbox sb;
    seed(sb);
    const Result r = sb.bmc({"log", "Grace", "--asked", "a review of my slides", "--by", "me"});
    CHECK(r.code == 0);
    CHECK(r.err == "bmc: warning: you are asking Grace for something but have not given them "
                   "anything yet — give before you receive (recorded anyway)\n");
    CHECK(r.out == "Logged a conversation with Grace on 2026-11-22. Next reconnect: 2027-05-22 "
                   "(due in 6 months).\n");
    const std::string shown = ok(sb, {"show", "Grace"});
    CHECK(shown.find("  exchanges  gave 0, received 0, asked 1\n") != std::string::npos);
    CHECK(shown.find("Conversations (1)\n"
                     "  2026-11-22  -       me\n"
                     "                           asked: a review of my slides\n") !=
          std::string::npos);

    // Once something was given, asking is quiet; so is asking and giving at once.
    ok(sb, {"log", "Grace", "--gave", "an intro to Ada"});
    CHECK(ok(sb, {"log", "Grace", "--asked", "another favour"}) ==
          "Logged a conversation with Grace on 2026-11-22. Next reconnect: 2027-05-22 (due in 6 "
          "months).\n");
    CHECK(ok(sb, {"log", "Ada", "--asked", "a job lead", "--gave", "a book"}) ==
          "Logged a conversation with Ada Lovelace on 2026-11-22. Next reconnect: 2027-03-22 (due "
          "in 4 months).\n");

    // Several people at once: only those never given to are named.
    ok(sb, {"add", "Alan", "--met-on", "2026-11-01"});
    const Result both = sb.bmc({"log", "Ada", "Alan", "Grace", "--asked", "help with the move"});
    CHECK(both.code == 0);
    CHECK(both.err == "bmc: warning: you are asking Alan for something but have not given them "
                      "anything yet — give before you receive (recorded anyway)\n");
    CHECK(ok(sb, {"show", "Alan"}).find("Conversations (1)\n") != std::string::npos);
}

TEST_CASE("todo --json lists the open follow-ups with their person", "[e2e][followups]") {
    Sandbox sb;
    seed_followups(sb);
    ok(sb, {"done", "1"});
    const std::string text = ok(sb, {"todo", "--json"});
    const json doc = parse_only_json(text);
    // Keys in the order bmc writes them.
    const auto ordered = nlohmann::ordered_json::parse(text);
    REQUIRE(doc.is_object());
    std::vector<std::string> keys;
    for (const auto& [key, value] : ordered.items()) {
        keys.push_back(key);
    }
    CHECK(keys == std::vector<std::string>{"version", "today", "followups"});
    CHECK(doc["version"] == 1);
    CHECK(doc["today"] == "2026-11-22");
    REQUIRE(doc["followups"].size() == 2);

    const json& first = doc["followups"][0];
    std::vector<std::string> fields;
    for (const auto& [key, value] : ordered["followups"][0].items()) {
        fields.push_back(key);
    }
    CHECK(fields == std::vector<std::string>{"id", "uuid", "text", "by", "created_on", "done_on",
                                             "created_at", "updated_at", "person"});
    CHECK(first["id"] == 3);
    CHECK(std::regex_match(first["uuid"].get<std::string>(), uuid_re));
    CHECK(first["text"] == "tell her how the talk went");
    CHECK(first["by"] == "2026-11-29");
    CHECK(first["created_on"] == "2026-11-22");
    CHECK(first["done_on"].is_null());
    CHECK(std::regex_match(first["created_at"].get<std::string>(), timestamp_re));
    CHECK(first["updated_at"] == first["created_at"]);
    CHECK(first["person"] == json({{"id", 2}, {"name", "Grace"}}));

    const json& second = doc["followups"][1];
    CHECK(second["id"] == 2);
    CHECK(second["text"] == "send the Lisbon article");
    CHECK(second["by"].is_null());
    CHECK(second["person"] == json({{"id", 1}, {"name", "Ada Lovelace"}}));
    CHECK(second["uuid"] != first["uuid"]);

    // Nothing open: an empty array, and without a database no file is created.
    Sandbox empty;
    CHECK(parse_only_json(ok(empty, {"todo", "--json"})) ==
          json({{"version", 1}, {"today", "2026-11-22"}, {"followups", json::array()}}));
    CHECK_FALSE(std::filesystem::exists(empty.db()));
}

TEST_CASE("due and show --json carry the follow-ups, the deadline and the reciprocity",
          "[e2e][followups]") {
    Sandbox sb;
    seed_followups(sb);
    ok(sb, {"log", "Grace", "--by", "me", "--asked", "slides", "--gave", "feedback"});
    const json due = parse_only_json(ok(sb, {"due", "--within", "1w", "--json"}));
    REQUIRE(due["contacts"].size() == 1);
    const json& grace = due["contacts"][0];
    CHECK(grace["next_due"] == "2026-11-29");
    CHECK(grace["days_overdue"] == -7);
    CHECK(grace["last_interaction"]["gave"] == "feedback");
    CHECK(grace["last_interaction"]["asked"] == "slides");
    CHECK(grace["last_interaction"]["received"].is_null());
    REQUIRE(grace["followups"].size() == 1);
    CHECK(grace["followups"][0]["id"] == 3);
    CHECK(grace["followups"][0]["by"] == "2026-11-29");

    const json show = parse_only_json(ok(sb, {"show", "Grace", "--json"}));
    CHECK(show["cadence"]["scheduled"] == "2027-05-22");
    CHECK(show["cadence"]["followup_by"] == "2026-11-29");
    CHECK(show["cadence"]["next_due"] == "2026-11-29");
    CHECK(show["reciprocity"] == json({{"by_me", 1},
                                       {"by_them", 0},
                                       {"gave", 1},
                                       {"received", 0},
                                       {"asked", 1},
                                       {"unanswered", 1}}));
    REQUIRE(show["followups"].size() == 1);
    CHECK(show["followups"][0]["text"] == "tell her how the talk went");

    const json ada = parse_only_json(ok(sb, {"show", "Ada", "--json"}));
    CHECK(ada["cadence"]["followup_by"].is_null());
    CHECK(ada["reciprocity"]["by_them"] == 1);
}

TEST_CASE("list --json carries each person's open follow-ups", "[e2e][followups]") {
    Sandbox sb;
    seed_followups(sb);
    const json doc = parse_only_json(ok(sb, {"list", "--json"}));
    REQUIRE(doc["contacts"].size() == 2);
    CHECK(doc["contacts"][0]["name"] == "Ada Lovelace");
    CHECK(doc["contacts"][0]["followups"].size() == 2);
    CHECK(doc["contacts"][1]["followups"].size() == 1);
}

TEST_CASE("export and import carry follow-ups and what changed hands", "[e2e][followups]") {
    Sandbox sb;
    seed_followups(sb);
    ok(sb, {"log", "Ada", "--gave", "an intro", "--received", "a tip", "--asked", "a review",
            "--done", "1"});
    const Result exported = sb.bmc({"export", "--json"});
    REQUIRE(exported.code == 0);
    const json doc = parse_only_json(exported.out);
    const json& ada = doc["contacts"][0];
    REQUIRE(ada["followups"].size() == 2);
    CHECK(ada["followups"][0]["done_on"] == "2026-11-22");
    CHECK(ada["interactions"][1]["gave"] == "an intro");
    CHECK(ada["interactions"][1]["received"] == "a tip");
    CHECK(ada["interactions"][1]["asked"] == "a review");

    Sandbox other;
    CHECK(other.bmc({"import", "--json", "-"}, exported.out).out ==
          "Imported: 2 added, 0 updated, 0 unchanged; 2 interactions added, 0 updated; 3 "
          "follow-ups added, 0 updated.\n");
    CHECK(other.bmc({"import", "--json", "-"}, exported.out).out ==
          "Imported: 0 added, 0 updated, 2 unchanged; 0 interactions added, 0 updated.\n");
    json again = parse_only_json(ok(other, {"export", "--json"}));
    json original = doc;
    again.erase("exported_at");
    original.erase("exported_at");
    CHECK(again == original);
    CHECK(ok(other, {"todo"}) ==
          "  Grace         to do [3]: tell her how the talk went (by 2026-11-29, in 7 days)\n"
          "  Ada Lovelace  to do [2]: send the Lisbon article\n"
          "2 open\n");
}

TEST_CASE("follow-up errors exit with 1 or 2 and change nothing", "[e2e][followups]") {
    Sandbox sb;
    seed_followups(sb);
    ok(sb, {"done", "2"});

    fails(sb, {"done", "99"}, 1,
          "bmc: error: there is no follow-up #99 — see open follow-ups with `bmc todo`\n");
    fails(sb, {"done", "2"}, 1,
          "bmc: error: follow-up #2 is already done (on 2026-11-22) — see open follow-ups with "
          "`bmc todo`\n");
    fails(sb, {"done", "1", "--date", "yesterday"}, 1,
          "bmc: error: follow-up #1 was only recorded on 2026-11-22, so it cannot be done on "
          "2026-11-21 — give a date on or after 2026-11-22\n");
    fails(sb, {"log", "Ada", "--date", "yesterday", "--done", "1"}, 1,
          "bmc: error: follow-up #1 was only recorded on 2026-11-22, so it cannot be done on "
          "2026-11-21 — give a date on or after 2026-11-22\n");
    fails(sb, {"done", "abc"}, 2,
          "bmc: error: follow-up ID must be a number, not 'abc' — see the numbers with `bmc "
          "todo`\n");
    fails(sb, {"done", "0"}, 2,
          "bmc: error: follow-up ID must be a number, not '0' — see the numbers with `bmc "
          "todo`\n");
    fails(sb, {"todo", "Ada"}, 2,
          "bmc: error: say what the follow-up is — e.g. bmc todo Ada \"send the article\"\n");
    fails(sb, {"todo", "Ada", "send the article", "--by", "2026-11-21"}, 1,
          "bmc: error: the deadline 2026-11-21 is in the past — give a date from today on, e.g. "
          "--by 2w\n");
    fails(sb, {"todo", "Ada", "send the article", "--by", "1 day ago"}, 1,
          "bmc: error: the deadline 2026-11-21 is in the past — give a date from today on, e.g. "
          "--by 2w\n");
    fails(sb, {"todo", "Ada", "send the article", "--by", "2036-11-23"}, 1,
          "bmc: error: the deadline 2036-11-23 is more than 10 years away — give a nearer date, "
          "e.g. --by 3m\n");
    fails(sb, {"todo", "--by", "1w"}, 2,
          "bmc: error: --by needs a person and a follow-up — e.g. bmc todo Ada \"send the "
          "article\" --by 2w\n");
    fails(sb, {"todo", "Ada", "x", "--json"}, 2,
          "bmc: error: --json lists follow-ups; it does not go with NAME TEXT — run `bmc todo "
          "--json` on its own\n");
    fails(sb, {"todo", "Nobody", "x"}, 1,
          "bmc: error: nobody called 'Nobody' — check the spelling, see everyone with `bmc list`, "
          "or add them with `bmc add`\n");

    // A log that cannot close what it names logs nothing, not even its follow-ups.
    fails(sb, {"log", "Ada", "--followup", "new", "--done", "3"}, 1,
          "bmc: error: follow-up #3 belongs to someone not in this conversation — close it with "
          "`bmc done 3`\n");
    fails(sb, {"log", "Ada", "--followup", "new", "--done", "1", "--done", "99"}, 1,
          "bmc: error: there is no follow-up #99 — see open follow-ups with `bmc todo`\n");
    fails(sb, {"log", "Ada", "--done", "2"}, 1,
          "bmc: error: follow-up #2 is already done (on 2026-11-22) — see open follow-ups with "
          "`bmc todo`\n");
    const std::string before = sb.snapshot();
    const Result bad_id = sb.bmc({"log", "Ada", "--done", "x"});
    CHECK(bad_id.code == 2);
    CHECK((sb.snapshot() == before));

    CHECK(ok(sb, {"todo"}) ==
          "  Grace         to do [3]: tell her how the talk went (by 2026-11-29, in 7 days)\n"
          "  Ada Lovelace  to do [1]: report back on the book\n"
          "2 open\n");
    CHECK(ok(sb, {"show", "Ada"}).find("Conversations (1)\n") != std::string::npos);

    // Without a database, done finds nothing and creates no file.
    Sandbox empty;
    const Result none = empty.bmc({"done", "1"});
    CHECK(none.code == 1);
    CHECK(none.err ==
          "bmc: error: there is no follow-up #1 — see open follow-ups with `bmc todo`\n");
    CHECK_FALSE(std::filesystem::exists(empty.db()));
}
