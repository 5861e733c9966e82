// End-to-end tests of the daily loop: add, log, due, show, list, edit, snooze, archive, rm and
// config, run through the real binary with a pinned "today" (2026-11-22 unless a test says
// otherwise).
#include "run.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

using bmc::e2e::Result;
using bmc::e2e::Sandbox;

namespace {

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        out.push_back(line);
    }
    return out;
}

bool has_line(const std::string& text, const std::string& line) {
    for (const auto& l : split_lines(text)) {
        if (l == line) {
            return true;
        }
    }
    return false;
}

// Runs a command that must succeed quietly and returns its stdout.
std::string ok(Sandbox& sb, const std::vector<std::string>& args) {
    const Result r = sb.bmc(args);
    INFO("bmc command: " << [&] {
        std::string s;
        for (const auto& a : args) {
            s += a + " ";
        }
        return s;
    }());
    INFO("stderr: " << r.err);
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    return r.out;
}

// The NAME column of `bmc list` rows (names in these tests are single words).
std::vector<std::string> listed_names(const std::string& out) {
    std::vector<std::string> names;
    for (const auto& line : split_lines(out)) {
        if (line.rfind("  #", 0) == 0) {
            std::istringstream words(line);
            std::string id;
            std::string name;
            words >> id >> name;
            names.push_back(name);
        }
    }
    return names;
}

// The names of the people `bmc due` lists, in order.
std::vector<std::string> due_names(const std::string& out) {
    std::vector<std::string> names;
    for (const auto& line : split_lines(out)) {
        if (line.size() > 2 && line.rfind("  ", 0) == 0 && line[2] != ' ') {
            std::istringstream words(line);
            std::string name;
            words >> name;
            names.push_back(name);
        }
    }
    return names;
}

using Names = std::vector<std::string>;

} // namespace

TEST_CASE("add prints the id and the reconnect date set by the tie's strength", "[e2e]") {
    Sandbox sb;
    Result r = sb.bmc({"add", "Ada Lovelace", "--strength", "strong", "--met", "PyCon"});
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    CHECK(r.out ==
          "Added #1 Ada Lovelace (strong, every 4 months): reconnect by 2027-03-22 (due in 4 "
          "months).\n");

    CHECK(ok(sb, {"add", "Grace"}) ==
          "Added #2 Grace (medium, every 6 months): reconnect by 2027-05-22 (due in 6 months).\n");
    CHECK(ok(sb, {"add", "Alan Turing", "-s", "weak"}) ==
          "Added #3 Alan Turing (weak, every 9 months): reconnect by 2027-08-22 (due in 9 "
          "months).\n");
    CHECK(ok(sb, {"add", "Linus", "--every", "6w"}) ==
          "Added #4 Linus (medium, every 6 weeks): reconnect by 2027-01-03 (due in 6 weeks).\n");
    {
        // `--every default` means no interval of their own, as on edit (scripts can pass it).
        Sandbox other;
        CHECK(ok(other, {"add", "Dee", "-s", "weak", "--every", "default"}) ==
              "Added #1 Dee (weak, every 9 months): reconnect by 2027-08-22 (due in 9 months).\n");
    }
    CHECK(ok(sb, {"add", "Kat", "-s", "strong", "--met-on", "2026-10-01"}) ==
          "Added #5 Kat (strong, every 4 months): reconnect by 2027-02-01 (due in 2 months).\n");
    // A date met long ago makes someone overdue at once.
    CHECK(ok(sb, {"add", "Old", "-s", "weak", "--met-on", "2025-01-01"}) ==
          "Added #6 Old (weak, every 9 months): reconnect by 2025-10-01 (1 year overdue).\n");
    // Relative dates for --met-on count from --today.
    CHECK(ok(sb, {"add", "Yan", "--met-on", "yesterday"}) ==
          "Added #7 Yan (medium, every 6 months): reconnect by 2027-05-21 (due in 6 months).\n");
}

TEST_CASE("month arithmetic clamps at month ends", "[e2e]") {
    Sandbox sb;
    sb.today = "2025-11-01";
    CHECK(ok(sb, {"add", "Ada", "-s", "strong", "--met-on", "2025-10-31"}) ==
          "Added #1 Ada (strong, every 4 months): reconnect by 2026-02-28 (due in 3 months).\n");
    const std::string profile = ok(sb, {"show", "Ada"});
    CHECK(has_line(profile, "  anchor     2025-10-31 (date met)"));
    CHECK(has_line(profile, "  next due   2026-02-28 (due in 3 months)"));

    // Into a leap year: 2027-10-31 + 4 months is 2028-02-29.
    Sandbox leap;
    leap.today = "2027-11-01";
    CHECK(ok(leap, {"add", "Bob", "-s", "strong", "--met-on", "2027-10-31"}) ==
          "Added #1 Bob (strong, every 4 months): reconnect by 2028-02-29 (due in 4 months).\n");

    // A conversation on a month end anchors the same way.
    Sandbox logs;
    logs.today = "2026-01-15";
    ok(logs, {"add", "Cy", "-s", "strong", "--met-on", "2025-06-01"});
    CHECK(ok(logs, {"log", "Cy", "--date", "2025-10-31"}) ==
          "Logged a conversation with Cy on 2025-10-31. Next reconnect: 2026-02-28 (due in 6 "
          "weeks).\n");
}

TEST_CASE("log records a conversation with channel, initiator and note", "[e2e]") {
    Sandbox sb;
    ok(sb, {"add", "Ada", "-s", "strong", "--met-on", "2026-01-10"});
    Result r =
        sb.bmc({"log", "Ada", "--via", "coffee", "--by", "me", "--note", "moving to Lisbon"});
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    CHECK(r.out ==
          "Logged coffee with Ada on 2026-11-22. Next reconnect: 2027-03-22 (due in 4 months).\n");

    const std::string profile = ok(sb, {"show", "Ada"});
    CHECK(has_line(profile, "  anchor     2026-11-22 (last conversation)"));
    CHECK(has_line(profile, "  next due   2027-03-22 (due in 4 months)"));
    CHECK(has_line(profile, "Conversations (1)"));
    CHECK(has_line(profile, "  2026-11-22  coffee  me    moving to Lisbon"));
}

TEST_CASE("log with relative and backdated dates", "[e2e]") {
    Sandbox sb;
    ok(sb, {"add", "Bob", "--met-on", "2026-01-01"});

    CHECK(ok(sb, {"log", "Bob", "--date", "2 weeks ago", "--via", "call"}) ==
          "Logged call with Bob on 2026-11-08. Next reconnect: 2027-05-08 (due in 5 months).\n");
    CHECK(ok(sb, {"log", "Bob", "--date", "yesterday", "--via", "text", "--by", "them"}) ==
          "Logged text with Bob on 2026-11-21. Next reconnect: 2027-05-21 (due in 6 months).\n");
    // Backdated before the latest conversation: recorded, but the due date stays.
    CHECK(ok(sb, {"log", "Bob", "--date", "2026-03-01", "--via", "email", "--note", "old mail"}) ==
          "Logged email with Bob on 2026-03-01. It is older than the latest conversation, so "
          "the date stays. Next reconnect: 2027-05-21 (due in 6 months).\n");
    CHECK(ok(sb, {"log", "Bob", "--date", "1 month ago"}) ==
          "Logged a conversation with Bob on 2026-10-22. It is older than the latest "
          "conversation, so the date stays. Next reconnect: 2027-05-21 (due in 6 months).\n");

    // The timeline is newest first, whatever order the conversations were logged in.
    const std::string profile = ok(sb, {"show", "Bob"});
    CHECK(has_line(profile, "  anchor     2026-11-21 (last conversation)"));
    CHECK(has_line(profile, "Conversations (4)"));
    const auto lines = split_lines(profile);
    std::vector<std::string> timeline;
    bool in_timeline = false;
    for (const auto& l : lines) {
        if (in_timeline) {
            timeline.push_back(l);
        }
        if (l == "Conversations (4)") {
            in_timeline = true;
        }
    }
    REQUIRE(timeline.size() == 4);
    CHECK(timeline[0] == "  2026-11-21  text    them");
    CHECK(timeline[1] == "  2026-11-08  call    -");
    CHECK(timeline[2] == "  2026-10-22  -       -");
    CHECK(timeline[3] == "  2026-03-01  email   -     old mail");
}

TEST_CASE("log with several people logs one conversation each", "[e2e]") {
    Sandbox sb;
    ok(sb, {"add", "Grace", "--met-on", "2026-01-01"});
    ok(sb, {"add", "Alan Turing", "-s", "weak", "--met-on", "2026-01-01"});
    ok(sb, {"add", "Ada", "-s", "strong", "--met-on", "2026-01-01"});
    // People can be named by part of a name or by id; naming someone twice logs once.
    Result r = sb.bmc({"log", "Grace", "alan", "#3", "Ada", "--date", "yesterday", "--via",
                       "meeting", "--by", "them", "--note", "planning day"});
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    CHECK(r.out ==
          "Logged meeting with Grace on 2026-11-21. Next reconnect: 2027-05-21 (due in 6 months).\n"
          "Logged meeting with Alan Turing on 2026-11-21. Next reconnect: 2027-08-21 (due in 9 "
          "months).\n"
          "Logged meeting with Ada on 2026-11-21. Next reconnect: 2027-03-21 (due in 3 months).\n");
    for (const char* who : {"Grace", "Alan", "Ada"}) {
        const std::string profile = ok(sb, {"show", who});
        CHECK(has_line(profile, "Conversations (1)"));
        CHECK(has_line(profile, "  2026-11-21  meeting them  planning day"));
    }
}

TEST_CASE("a new conversation ends a snooze, an older backdated one does not", "[e2e]") {
    Sandbox sb;
    ok(sb, {"add", "Ada", "-s", "strong", "--met-on", "2026-01-10"});
    CHECK(ok(sb, {"log", "Ada", "--date", "2026-06-01"}) ==
          "Logged a conversation with Ada on 2026-06-01. Next reconnect: 2026-10-01 (7 weeks "
          "overdue).\n");
    CHECK(ok(sb, {"snooze", "Ada", "2w"}) ==
          "Snoozed Ada until 2026-12-06; next reconnect 2026-12-06. A new conversation ends the "
          "snooze.\n");
    CHECK(has_line(ok(sb, {"show", "Ada"}), "  snoozed    until 2026-12-06 (due in 2 weeks)"));

    // Older than the latest conversation: the snooze stays.
    CHECK(ok(sb, {"log", "Ada", "--date", "2026-05-01"}) ==
          "Logged a conversation with Ada on 2026-05-01. It is older than the latest "
          "conversation, so the date stays. Next reconnect: 2026-12-06 (due in 2 weeks).\n");
    CHECK(has_line(ok(sb, {"show", "Ada"}), "  snoozed    until 2026-12-06 (due in 2 weeks)"));

    // A newer conversation ends it.
    CHECK(ok(sb, {"log", "Ada", "--via", "call"}) ==
          "Logged call with Ada on 2026-11-22. Next reconnect: 2027-03-22 (due in 4 months).\n");
    const std::string profile = ok(sb, {"show", "Ada"});
    CHECK(profile.find("snoozed") == std::string::npos);
    CHECK(has_line(profile, "  next due   2027-03-22 (due in 4 months)"));
    CHECK(ok(sb, {"show", "Ada", "--json"}).find("\"snoozed_until\": null") != std::string::npos);
}

TEST_CASE("due says when nobody is due", "[e2e]") {
    Sandbox sb;
    // No database at all yet.
    CHECK(ok(sb, {"due"}) ==
          "Nobody is due today (2026-11-22). Look ahead with `bmc due --within 2w`.\n");
    ok(sb, {"add", "Ada"});
    CHECK(ok(sb, {"due"}) ==
          "Nobody is due today (2026-11-22). Look ahead with `bmc due --within 2w`.\n");
    CHECK(ok(sb, {"due", "--within", "1w"}) == "Nobody is due by 2026-11-29.\n");
}

namespace {

// Eight people with known due dates as of 2026-11-22:
//   #1 Bob  weak    due 2026-09-01 (last conversation 2025-12-01)
//   #2 Ada  strong  due 2026-11-01
//   #3 abe  strong  due 2026-11-01
//   #4 Fay  strong  due 2026-11-01
//   #5 Gus  medium  due 2026-11-01 (own interval of 4 months)
//   #6 Cy   medium  due 2026-11-22
//   #7 Dee  strong  due 2026-11-27
//   #8 Eli  weak    due 2027-08-22
void seed_due(Sandbox& sb) {
    ok(sb, {"add", "Bob", "-s", "weak", "--met-on", "2025-06-01"});
    ok(sb, {"log", "Bob", "--date", "2025-12-01", "--via", "call", "--by", "them", "--note",
            "new job at Acme"});
    ok(sb, {"add", "Ada", "-s", "strong", "--met-on", "2026-07-01", "--met", "PyCon"});
    ok(sb, {"add", "abe", "-s", "strong", "--met-on", "2026-07-01"});
    ok(sb, {"add", "Fay", "-s", "strong", "--met-on", "2026-07-01"});
    ok(sb, {"add", "Gus", "-s", "medium", "--every", "4m", "--met-on", "2026-07-01"});
    ok(sb, {"add", "Cy", "-s", "medium", "--met-on", "2026-05-22"});
    ok(sb, {"add", "Dee", "-s", "strong", "--met-on", "2026-07-27"});
    ok(sb, {"add", "Eli", "-s", "weak"});
}

} // namespace

TEST_CASE("due lists the most overdue first, then stronger ties, then by name", "[e2e]") {
    Sandbox sb;
    seed_due(sb);
    const Result r = sb.bmc({"due"});
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    CHECK(r.out == "6 people to reconnect with, as of 2026-11-22:\n"
                   "\n"
                   "  Bob  #1  weak    due 2026-09-01  2 months overdue\n"
                   "      last: 2025-12-01 call (they reached out): new job at Acme\n"
                   "  abe  #3  strong  due 2026-11-01  3 weeks overdue\n"
                   "      no conversation logged yet; met 2026-07-01\n"
                   "  Ada  #2  strong  due 2026-11-01  3 weeks overdue\n"
                   "      no conversation logged yet; met 2026-07-01 (PyCon)\n"
                   "  Fay  #4  strong  due 2026-11-01  3 weeks overdue\n"
                   "      no conversation logged yet; met 2026-07-01\n"
                   "  Gus  #5  medium  due 2026-11-01  3 weeks overdue\n"
                   "      no conversation logged yet; met 2026-07-01\n"
                   "  Cy   #6  medium  due 2026-11-22  due today\n"
                   "      no conversation logged yet; met 2026-05-22\n");
}

TEST_CASE("due --within looks ahead and --limit caps the list", "[e2e]") {
    Sandbox sb;
    seed_due(sb);
    const std::string ahead = ok(sb, {"due", "--within", "1w"});
    CHECK(split_lines(ahead).front() == "7 people to reconnect with, due by 2026-11-29:");
    CHECK(due_names(ahead) == Names{"Bob", "abe", "Ada", "Fay", "Gus", "Cy", "Dee"});
    CHECK(has_line(ahead, "  Dee  #7  strong  due 2026-11-27  due in 5 days"));

    const std::string all = ok(sb, {"due", "--within", "1y"});
    CHECK(split_lines(all).front() == "8 people to reconnect with, due by 2027-11-22:");
    CHECK(has_line(all, "  Eli  #8  weak    due 2027-08-22  due in 9 months"));

    const std::string two = ok(sb, {"due", "--limit", "2"});
    CHECK(split_lines(two).front() == "6 people to reconnect with, as of 2026-11-22; the first 2:");
    CHECK(due_names(two) == Names{"Bob", "abe"});

    const std::string one = ok(sb, {"due", "-w", "1w", "-l", "1"});
    CHECK(split_lines(one).front() ==
          "7 people to reconnect with, due by 2026-11-29; the first 1:");
    CHECK(due_names(one) == Names{"Bob"});

    const Result zero = sb.bmc({"due", "--limit", "0"});
    CHECK(zero.code == 2);
    CHECK(zero.out.empty());
    CHECK(zero.err == "bmc: error: --limit must be a positive number — e.g. --limit 10\n");
}

TEST_CASE("show prints the profile, the cadence and the timeline newest first", "[e2e]") {
    Sandbox sb;
    ok(sb,
       {"add",      "Ada Lovelace", "-s",     "strong",          "--company", "Analytical Engines",
        "--title",  "Countess",     "-e",     "ada@example.com", "-p",        "+44 20 7946 0000",
        "-t",       "Math",         "-t",     "writing",         "--met",     "PyCon, hallway",
        "--met-on", "2026-01-10",   "--note", "likes poetry"});
    const std::string before = ok(sb, {"show", "Ada"});
    CHECK(before == "Ada Lovelace  #1\n"
                    "  strength   strong\n"
                    "  company    Analytical Engines\n"
                    "  title      Countess\n"
                    "  emails     ada@example.com\n"
                    "  phones     +44 20 7946 0000\n"
                    "  tags       math, writing\n"
                    "  met        PyCon, hallway, on 2026-01-10\n"
                    "  notes      likes poetry\n"
                    "Cadence\n"
                    "  every      4 months (strong tie default)\n"
                    "  anchor     2026-01-10 (date met)\n"
                    "  next due   2026-05-10 (6 months overdue)\n"
                    "Give and take\n"
                    "  reach-outs you 0, them 0\n"
                    "  exchanges  gave 0, received 0, asked 0\n"
                    "Conversations (0)\n"
                    "  none yet; log one with `bmc log`\n");

    ok(sb, {"log", "Ada", "--date", "2026-11-08", "--via", "video", "--by", "them", "--note",
            "new job in March"});
    ok(sb, {"log", "Ada", "--date", "2026-06-01", "--via", "coffee", "--by", "me", "--note",
            "first chat"});
    // By id and by a part of the name, case-insensitively.
    const std::string after = ok(sb, {"show", "#1"});
    CHECK(ok(sb, {"show", "ada love"}) == after);
    CHECK(after == "Ada Lovelace  #1\n"
                   "  strength   strong\n"
                   "  company    Analytical Engines\n"
                   "  title      Countess\n"
                   "  emails     ada@example.com\n"
                   "  phones     +44 20 7946 0000\n"
                   "  tags       math, writing\n"
                   "  met        PyCon, hallway, on 2026-01-10\n"
                   "  notes      likes poetry\n"
                   "Cadence\n"
                   "  every      4 months (strong tie default)\n"
                   "  anchor     2026-11-08 (last conversation)\n"
                   "  next due   2027-03-08 (due in 3 months)\n"
                   "Give and take\n"
                   "  reach-outs you 1, them 1\n"
                   "  exchanges  gave 0, received 0, asked 0\n"
                   "Conversations (2)\n"
                   "  2026-11-08  video   them  new job in March\n"
                   "  2026-06-01  coffee  me    first chat\n");
}

namespace {

// #1 Ada strong (tag math, company Acme), last talked 2026-11-01, due 2027-03-01
// #2 Bob weak (tag climbing), never talked, due 2027-08-22
// #3 Cy medium (tags math, climbing; notes mention Rust), last talked 2026-11-15, due 2027-05-15
// #4 Dee medium, archived
void seed_list(Sandbox& sb) {
    ok(sb, {"add", "Ada", "-s", "strong", "-t", "math", "--company", "Acme Corp"});
    ok(sb, {"add", "Bob", "-s", "weak", "-t", "climbing"});
    ok(sb, {"add", "Cy", "-t", "math", "-t", "climbing", "--note", "Loves Rust"});
    ok(sb, {"add", "Dee"});
    ok(sb, {"log", "Ada", "--date", "2026-11-01"});
    ok(sb, {"log", "Cy", "--date", "2026-11-15"});
    ok(sb, {"archive", "Dee"});
}

} // namespace

TEST_CASE("list shows everyone active, sorted by name", "[e2e]") {
    Sandbox sb;
    seed_list(sb);
    const Result r = sb.bmc({"list"});
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    CHECK(r.out ==
          "  ID  NAME  STRENGTH  NEXT DUE                        LAST TALKED\n"
          "  #1  Ada   strong    2027-03-01  due in 3 months     2026-11-01 (3 weeks ago)\n"
          "  #2  Bob   weak      2027-08-22  due in 9 months     never\n"
          "  #3  Cy    medium    2027-05-15  due in 5 months     2026-11-15 (7 days ago)\n"
          "3 people\n");
    CHECK(ok(sb, {"list", "--sort", "name"}) == r.out);
}

TEST_CASE("list and due stay aligned with wide characters and combining accents", "[e2e]") {
    Sandbox sb;
    ok(sb, {"add", "\xE6\x9D\x8E\xE5\xB0\x8F\xE9\xBE\x8D"}); // 李小龍: six columns
    ok(sb, {"add", "Bob Smith", "-s", "weak"});
    ok(sb, {"add", "Jose\xCC\x81", "--met-on", "2025-01-01"}); // José, combining accent
    CHECK(
        ok(sb, {"list"}) ==
        "  ID  NAME       STRENGTH  NEXT DUE                        LAST TALKED\n"
        "  #2  Bob Smith  weak      2027-08-22  due in 9 months     never\n"
        "  #3  Jose\xCC\x81       medium    2025-07-01  1 year overdue      never\n"
        "  #1  \xE6\x9D\x8E\xE5\xB0\x8F\xE9\xBE\x8D     medium    2027-05-22  due in 6 months     "
        "never\n"
        "3 people\n");
    const std::string due = ok(sb, {"due", "--within", "1y"});
    CHECK(due.find("  Jose\xCC\x81       #3  medium") != std::string::npos);
    CHECK(due.find("  \xE6\x9D\x8E\xE5\xB0\x8F\xE9\xBE\x8D     #1  medium") != std::string::npos);
    CHECK(due.find("  Bob Smith  #2  weak") != std::string::npos);
}

TEST_CASE("list filters by tag, strength, search text and archived", "[e2e]") {
    Sandbox sb;
    seed_list(sb);
    const std::string math = ok(sb, {"list", "--tag", "math"});
    CHECK(listed_names(math) == Names{"Ada", "Cy"});
    CHECK(has_line(math, "2 people"));
    CHECK(listed_names(ok(sb, {"list", "-t", "MATH"})) == Names{"Ada", "Cy"});
    CHECK(listed_names(ok(sb, {"list", "--tag", "climbing"})) == Names{"Bob", "Cy"});

    const std::string weak = ok(sb, {"list", "--strength", "weak"});
    CHECK(listed_names(weak) == Names{"Bob"});
    CHECK(has_line(weak, "1 person"));
    CHECK(listed_names(ok(sb, {"list", "-s", "medium", "-t", "math"})) == Names{"Cy"});

    CHECK(listed_names(ok(sb, {"list", "--search", "acme"})) == Names{"Ada"});
    CHECK(listed_names(ok(sb, {"list", "--search", "RUST"})) == Names{"Cy"});
    CHECK(listed_names(ok(sb, {"list", "--search", "b"})) == Names{"Bob", "Cy"}); // climbing
    CHECK(ok(sb, {"list", "--search", "nobody-has-this"}) == "Nobody matches.\n");

    const std::string archived = ok(sb, {"list", "--archived"});
    CHECK(archived == "  ID  NAME  STRENGTH  NEXT DUE                        LAST TALKED\n"
                      "  #4  Dee   medium    archived                        never\n"
                      "1 person\n");
}

TEST_CASE("list sorts by name, due date or last conversation", "[e2e]") {
    Sandbox sb;
    seed_list(sb);
    CHECK(listed_names(ok(sb, {"list", "--sort", "name"})) == Names{"Ada", "Bob", "Cy"});
    CHECK(listed_names(ok(sb, {"list", "--sort", "due"})) == Names{"Ada", "Cy", "Bob"});
    CHECK(listed_names(ok(sb, {"list", "--sort", "last"})) == Names{"Cy", "Ada", "Bob"});

    const Result bad = sb.bmc({"list", "--sort", "age"});
    CHECK(bad.code == 2);
    CHECK(bad.out.empty());
    CHECK(bad.err == "bmc: error: unknown sort order 'age' — use name, due or last\n");
}

TEST_CASE("edit changes strength, interval, tags and name and recomputes the due date", "[e2e]") {
    Sandbox sb;
    ok(sb, {"add", "Ada", "--met-on", "2026-01-10"});
    ok(sb, {"add", "Bob"});

    CHECK(ok(sb, {"edit", "Ada", "--strength", "strong"}) ==
          "Updated #1 Ada: every 4 months, next reconnect 2026-05-10 (6 months overdue).\n");
    CHECK(ok(sb, {"edit", "Ada", "--every", "6w"}) ==
          "Updated #1 Ada: every 6 weeks, next reconnect 2026-02-21 (9 months overdue).\n");
    CHECK(has_line(ok(sb, {"show", "Ada"}), "  every      6 weeks (own interval)"));
    // With an own interval, the strength no longer sets the date.
    CHECK(ok(sb, {"edit", "Ada", "-s", "weak"}) ==
          "Updated #1 Ada: every 6 weeks, next reconnect 2026-02-21 (9 months overdue).\n");
    CHECK(ok(sb, {"edit", "Ada", "--every", "default"}) ==
          "Updated #1 Ada: every 9 months, next reconnect 2026-10-10 (6 weeks overdue).\n");
    CHECK(has_line(ok(sb, {"show", "Ada"}), "  every      9 months (weak tie default)"));

    ok(sb, {"edit", "Ada", "--tag", "Math", "--tag", "writing"});
    CHECK(has_line(ok(sb, {"show", "Ada"}), "  tags       math, writing"));
    ok(sb, {"edit", "Ada", "--untag", "MATH"});
    CHECK(has_line(ok(sb, {"show", "Ada"}), "  tags       writing"));

    CHECK(ok(sb, {"edit", "Ada", "--name", "Ada Lovelace"}) ==
          "Updated #1 Ada Lovelace: every 9 months, next reconnect 2026-10-10 (6 weeks "
          "overdue).\n");
    CHECK(split_lines(ok(sb, {"show", "lovelace"})).front() == "Ada Lovelace  #1");

    // Renaming onto someone else's name is refused without --force.
    const std::string before = sb.snapshot();
    const Result clash = sb.bmc({"edit", "Ada", "--name", "bob"});
    CHECK(clash.code == 1);
    CHECK(clash.err == "bmc: error: 'bob' already exists as #2 — choose another name, or use "
                       "--force to allow two people with the same name\n");
    CHECK((sb.snapshot() == before)); // unchanged

    const Result nothing = sb.bmc({"edit", "Ada"});
    CHECK(nothing.code == 2);
    CHECK(nothing.err.rfind("bmc: error: nothing to change — ", 0) == 0);
}

TEST_CASE("snooze puts someone off until a duration or a date, never into the past", "[e2e]") {
    Sandbox sb;
    ok(sb, {"add", "Ada", "-s", "strong", "--met-on", "2026-01-10"});
    CHECK(due_names(ok(sb, {"due"})) == Names{"Ada"});

    CHECK(ok(sb, {"snooze", "Ada", "2w"}) ==
          "Snoozed Ada until 2026-12-06; next reconnect 2026-12-06. A new conversation ends the "
          "snooze.\n");
    CHECK(ok(sb, {"due"}) ==
          "Nobody is due today (2026-11-22). Look ahead with `bmc due --within 2w`.\n");
    CHECK(has_line(ok(sb, {"due", "--within", "2w"}),
                   "  Ada  #1  strong  due 2026-12-06  due in 2 weeks"));

    CHECK(ok(sb, {"snooze", "Ada", "2026-12-25"}) ==
          "Snoozed Ada until 2026-12-25; next reconnect 2026-12-25. A new conversation ends the "
          "snooze.\n");
    const std::string profile = ok(sb, {"show", "Ada"});
    CHECK(has_line(profile, "  next due   2026-05-10 (6 months overdue)"));
    CHECK(has_line(profile, "  snoozed    until 2026-12-25 (due in 4 weeks)"));

    // A snooze earlier than the scheduled date has no effect; a new snooze replaces the old.
    ok(sb, {"log", "Ada", "--date", "2026-11-01"});
    CHECK(ok(sb, {"snooze", "Ada", "1w"}) ==
          "Snoozed Ada until 2026-11-29; next reconnect 2027-03-01. A new conversation ends the "
          "snooze.\n");
    CHECK(ok(sb, {"show", "Ada"}).find("snoozed") == std::string::npos);
    CHECK(ok(sb, {"snooze", "Ada", "2027-04-01"}) ==
          "Snoozed Ada until 2027-04-01; next reconnect 2027-04-01. A new conversation ends the "
          "snooze.\n");
    CHECK(ok(sb, {"snooze", "Ada", "tomorrow"}) ==
          "Snoozed Ada until 2026-11-23; next reconnect 2027-03-01. A new conversation ends the "
          "snooze.\n");
    // Archived people stay never due.
    ok(sb, {"add", "Bob"});
    ok(sb, {"archive", "Bob"});
    CHECK(ok(sb, {"snooze", "Bob", "2w"}) ==
          "Snoozed Bob until 2026-12-06; next reconnect never. A new conversation ends the "
          "snooze.\n");

    const std::string before = sb.snapshot();
    for (const char* until : {"2026-11-01", "today", "yesterday"}) {
        const Result r = sb.bmc({"snooze", "Ada", until});
        CHECK(r.code == 1);
        CHECK(r.out.empty());
        CHECK(r.err.find("bmc: error: cannot snooze until ") == 0);
        CHECK(r.err.find("that is not after today (2026-11-22) — ") != std::string::npos);
    }
    CHECK((sb.snapshot() == before)); // unchanged
    const Result far = sb.bmc({"snooze", "Ada", "2036-11-23"});
    CHECK(far.code == 1);
    CHECK(far.err == "bmc: error: cannot snooze until 2036-11-23: that is more than 10 years "
                     "away — archive them instead with `bmc archive`\n");
    CHECK(ok(sb, {"snooze", "Ada", "10y"}).rfind("Snoozed Ada until 2036-11-22;", 0) == 0);
}

TEST_CASE("archived people are never due until unarchived", "[e2e]") {
    Sandbox sb;
    ok(sb, {"add", "Bob", "-s", "weak", "--met-on", "2025-01-01"});
    ok(sb, {"add", "Cy", "--met-on", "2026-01-01"});
    CHECK(due_names(ok(sb, {"due"})) == Names{"Bob", "Cy"});

    CHECK(ok(sb, {"archive", "Bob"}) ==
          "Archived Bob: kept with their history, never due. Undo with `bmc unarchive`.\n");
    CHECK(due_names(ok(sb, {"due"})) == Names{"Cy"});
    CHECK(due_names(ok(sb, {"due", "--within", "10y"})) == Names{"Cy"});
    CHECK(listed_names(ok(sb, {"list"})) == Names{"Cy"});
    CHECK(listed_names(ok(sb, {"list", "--archived"})) == Names{"Bob"});
    const std::string archived_profile = ok(sb, {"show", "Bob"});
    CHECK(has_line(archived_profile,
                   "  status     archived (never due; `bmc unarchive` to bring back)"));
    CHECK(has_line(archived_profile, "  next due   never (archived)"));
    CHECK(ok(sb, {"edit", "Bob", "--company", "Acme"}) ==
          "Updated #1 Bob: every 9 months, next reconnect never (archived).\n");

    // Logging with an archived person keeps them archived.
    CHECK(ok(sb, {"log", "Bob", "--date", "2026-02-01"}) ==
          "Logged a conversation with Bob on 2026-02-01. (Archived: never due.)\n");
    CHECK(due_names(ok(sb, {"due", "--within", "10y"})) == Names{"Cy"});

    CHECK(ok(sb, {"unarchive", "Bob"}) == "Unarchived Bob; next reconnect 2026-11-01.\n");
    CHECK(due_names(ok(sb, {"due"})) == Names{"Cy", "Bob"});
    CHECK(listed_names(ok(sb, {"list", "--archived"})).empty());
}

TEST_CASE("rm refuses without --yes and deletes with it", "[e2e]") {
    Sandbox sb;
    ok(sb, {"add", "Ada"});
    ok(sb, {"add", "Bob"});
    ok(sb, {"log", "Ada", "--date", "yesterday"});
    ok(sb, {"log", "Ada", "--via", "call"});
    ok(sb, {"log", "Bob"});

    const std::string before = sb.snapshot();
    const Result refused = sb.bmc({"rm", "Ada"});
    CHECK(refused.code == 1);
    CHECK(refused.out.empty());
    CHECK(refused.err ==
          "bmc: error: not deleted: this would delete #1 Ada and 2 conversations — run again "
          "with --yes to delete, or `bmc archive` to keep them without reminders\n");
    CHECK((sb.snapshot() == before)); // unchanged
    CHECK(has_line(ok(sb, {"show", "Ada"}), "Conversations (2)"));

    CHECK(ok(sb, {"rm", "Ada", "--yes"}) ==
          "Deleted #1 Ada and 2 conversations. `bmc undo --yes` brings them back.\n");
    const Result gone = sb.bmc({"show", "#1"});
    CHECK(gone.code == 1);
    CHECK(gone.err.find("nobody has the id #1") != std::string::npos);
    CHECK(listed_names(ok(sb, {"list"})) == Names{"Bob"});
    CHECK(ok(sb, {"export", "--json"}).find("\"Ada\"") == std::string::npos);

    CHECK(ok(sb, {"rm", "Bob", "-y", "--purge"}) ==
          "Deleted #2 Bob and 1 conversation; the undo history was erased too.\n");
    CHECK(ok(sb, {"list"}) == "Nobody matches.\n");
}

TEST_CASE("config lists, gets and sets cadences, due dates follow", "[e2e]") {
    Sandbox sb;
    CHECK(ok(sb, {"config", "list"}) ==
          "cadence.strong    4m    reconnect interval for strong ties\n"
          "cadence.medium    6m    reconnect interval for medium ties\n"
          "cadence.weak      9m    reconnect interval for weak ties\n"
          "routine.per-week  none  routine quota: people to reconnect with per week (bmc plan)\n"
          "routine.per-month none  routine quota: people to reconnect with per month (bmc "
          "plan)\n"
          "due.limit         20    how many people bmc due shows; all for everyone\n");
    CHECK(ok(sb, {"config", "get", "cadence.weak"}) == "9m\n");

    ok(sb, {"add", "Wes", "-s", "weak", "--met-on", "2026-01-01"});
    ok(sb, {"add", "Wil", "-s", "weak", "--every", "3m", "--met-on", "2026-01-01"});
    ok(sb, {"add", "Sam", "-s", "strong", "--met-on", "2026-01-01"});
    ok(sb, {"add", "Old", "-s", "weak", "--met-on", "2026-01-01"});
    ok(sb, {"archive", "Old"});
    CHECK(has_line(ok(sb, {"show", "Wes"}), "  next due   2026-10-01 (7 weeks overdue)"));

    CHECK(ok(sb, {"config", "set", "cadence.weak", "10m"}) == "cadence.weak = 10m\n");
    CHECK(ok(sb, {"config", "get", "cadence.weak"}) == "10m\n");
    CHECK(ok(sb, {"config", "list"}) ==
          "cadence.strong    4m    reconnect interval for strong ties\n"
          "cadence.medium    6m    reconnect interval for medium ties\n"
          "cadence.weak      10m   reconnect interval for weak ties (default 9m)\n"
          "routine.per-week  none  routine quota: people to reconnect with per week (bmc plan)\n"
          "routine.per-month none  routine quota: people to reconnect with per month (bmc "
          "plan)\n"
          "due.limit         20    how many people bmc due shows; all for everyone\n");

    // Weak ties without their own interval move; everyone else stays.
    const std::string wes = ok(sb, {"show", "Wes"});
    CHECK(has_line(wes, "  every      10 months (weak tie default)"));
    CHECK(has_line(wes, "  next due   2026-11-01 (3 weeks overdue)"));
    CHECK(has_line(ok(sb, {"show", "Wil"}), "  next due   2026-04-01 (7 months overdue)"));
    CHECK(has_line(ok(sb, {"show", "Sam"}), "  next due   2026-05-01 (6 months overdue)"));
    const std::string due = ok(sb, {"due"});
    CHECK(due_names(due) == Names{"Wil", "Sam", "Wes"});
    CHECK(has_line(due, "  Wes  #1  weak    due 2026-11-01  3 weeks overdue"));
    CHECK(ok(sb, {"list", "--archived", "--json"}).find("\"next_due\": null") != std::string::npos);
    // New weak ties get the new cadence.
    CHECK(ok(sb, {"add", "Nia", "-s", "weak"}) ==
          "Added #5 Nia (weak, every 10 months): reconnect by 2027-09-22 (due in 10 months).\n");

    // Values are normalised to the short form.
    CHECK(ok(sb, {"config", "set", "cadence.strong", "3 months"}) == "cadence.strong = 3m\n");
    CHECK(has_line(ok(sb, {"show", "Sam"}), "  next due   2026-04-01 (7 months overdue)"));

    // "default" goes back to the default value, and the due dates follow.
    CHECK(ok(sb, {"config", "set", "cadence.weak", "default"}) == "cadence.weak = 9m\n");
    CHECK(ok(sb, {"config", "get", "cadence.weak"}) == "9m\n");
    CHECK(has_line(ok(sb, {"show", "Wes"}), "  next due   2026-10-01 (7 weeks overdue)"));
    CHECK(has_line(ok(sb, {"config", "list"}),
                   "cadence.weak      9m    reconnect interval for weak ties"));
}
