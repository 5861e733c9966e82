// End-to-end tests of `import --format F` and `export --format F` on the fixture files in
// tests/fixtures. "Today" is pinned at 2026-11-22. The iCalendar output is checked with Python's
// icalendar package and the vCard directory with khard when CMake found them.
#include "run.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using bmc::e2e::Result;
using bmc::e2e::Sandbox;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const fs::path fixtures = BMC_FIXTURES_DIR;

std::string fixture(const std::string& name) {
    return (fixtures / name).string();
}

std::string ok(Sandbox& sb, const std::vector<std::string>& args, const std::string& in = "") {
    const Result r = sb.bmc(args, in);
    std::string line;
    for (const auto& a : args) {
        line += a + " ";
    }
    INFO("bmc " << line);
    INFO("stderr: " << r.err);
    REQUIRE(r.code == 0);
    return r.out;
}

// Every contact of the database, by name.
std::map<std::string, json> people(Sandbox& sb) {
    const json doc = json::parse(ok(sb, {"export", "--json"}));
    std::map<std::string, json> out;
    for (const auto& c : doc["contacts"]) {
        out[c["name"].get<std::string>()] = c;
    }
    return out;
}

using Strings = std::vector<std::string>;

Strings strings(const json& j) {
    return j.get<Strings>();
}

// The fields an import or export carries, without ids, timestamps and computed dates.
json user_fields(const json& c, bool with_every = true) {
    json out;
    for (const char* key : {"uuid", "name", "strength", "emails", "phones", "company", "title",
                            "tags", "met", "met_on", "notes", "birthday"}) {
        out[key] = c[key];
    }
    if (with_every) {
        out["every"] = c["every"];
    }
    return out;
}

// Runs a shell command, returning its exit code and what it printed.
std::pair<int, std::string> shell(const std::string& command, const fs::path& dir) {
    const fs::path out = dir / "shell-output.txt";
    const int status = std::system((command + " > " + out.string() + " 2>&1").c_str());
    std::ifstream in(out);
    std::ostringstream s;
    s << in.rdbuf();
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, s.str()};
}

} // namespace

TEST_CASE("import linkedin: fields, default strength and tag, idempotent", "[e2e][transfer]") {
    Sandbox sb;
    CHECK(ok(sb, {"import", "--format", "linkedin", fixture("linkedin_connections.csv")}) ==
          "added 4, updated 0, skipped 0 duplicates\n");
    auto all = people(sb);
    REQUIRE(all.size() == 4);
    const json& ada = all["Ada Lovelace"];
    CHECK(ada["strength"] == "weak");
    CHECK(strings(ada["tags"]) == Strings{"linkedin"});
    CHECK(strings(ada["emails"]) == Strings{"ada@example.org"});
    CHECK(ada["company"] == "Analytical Engines, Ltd.");
    CHECK(ada["title"] == "Chief Mathematician");
    CHECK(ada["met"] == "LinkedIn");
    CHECK(ada["met_on"] == "2024-03-04");
    CHECK(ada["notes"] == "LinkedIn: https://www.linkedin.com/in/ada-lovelace");
    CHECK(strings(all["Grace Hopper"]["emails"]).empty());
    CHECK(all["\xC3\x89lodie Durand"]["title"] == "Data Scientist \"ML\"");

    const std::string before = sb.snapshot();
    const std::string again =
        ok(sb, {"import", "--format", "linkedin", fixture("linkedin_connections.csv")});
    CHECK(again.rfind("added 0, updated 0, skipped 4 duplicates\n", 0) == 0);
    CHECK(again.find("skipped linkedin_connections.csv line 5: same email as #1 Ada Lovelace") !=
          std::string::npos);
    CHECK(again.find("line 6: same name as #2 Grace Hopper") != std::string::npos);
    CHECK(sb.snapshot() == before);
}

TEST_CASE("import linkedin --overwrite keeps a stored strength: weak is only a default",
          "[e2e][transfer]") {
    Sandbox sb;
    ok(sb, {"add", "Ada Lovelace", "--strength", "strong"});
    ok(sb, {"import", "--format", "linkedin", "--overwrite", fixture("linkedin_connections.csv")});
    const json ada = people(sb)["Ada Lovelace"];
    CHECK(ada["strength"] == "strong");
    CHECK(ada["company"] == "Analytical Engines, Ltd.");
    CHECK(people(sb)["Grace Hopper"]["strength"] == "weak");
}

TEST_CASE("import linkedin: --strength and --tag replace the defaults", "[e2e][transfer]") {
    Sandbox sb;
    ok(sb, {"import", "--format", "linkedin", "--strength", "medium", "--tag", "work", "--tag",
            "ex-colleagues", fixture("linkedin_connections.csv")});
    const json ada = people(sb)["Ada Lovelace"];
    CHECK(ada["strength"] == "medium");
    CHECK(strings(ada["tags"]) == Strings{"work", "ex-colleagues"});
}

TEST_CASE("import vcard: a directory of 2.1, 3.0 and 4.0 files, UID re-import updates",
          "[e2e][transfer]") {
    Sandbox sb;
    const fs::path dir = sb.dir() / "cards";
    fs::create_directory(dir);
    for (const char* f : {"android_21.vcf", "folded_30.vcf", "folded_40.vcf"}) {
        fs::copy_file(fixtures / f, dir / f);
    }
    const std::string out = ok(sb, {"import", "--format", "vcard", dir.string()});
    CHECK(out.rfind("added 5, updated 0, skipped 0 duplicates\n", 0) == 0);
    auto all = people(sb);
    REQUIRE(all.size() == 5);
    // BDAY (2.1 with dashes, 3.0 with VALUE=date, 4.0 without a year) becomes the birthday.
    CHECK(all["J\xC3\xBCrgen M\xC3\xBC"
              "ller"]["birthday"] == "1975-06-01");
    CHECK(all["Margaret Hamilton"]["birthday"] == "1936-08-17");
    CHECK(all["Katherine Johnson"]["birthday"] == "--08-26");
    CHECK(all["Claire Dupont"]["birthday"].is_null());
    const json& j = all["J\xC3\xBCrgen M\xC3\xBC"
                        "ller"];
    CHECK(j["company"] == "B\xC3\xA4"
                          "ckerei M\xC3\xBC"
                          "ller");
    CHECK(strings(j["phones"]) == Strings{"+49 170 1234567", "+49 30 9876543"});
    CHECK(j["notes"] == "Backt das beste Brot in Kreuzberg.\nFragen nach dem Sauerteig-Rezept.");
    CHECK(j["strength"] == "medium");
    CHECK(j["met_on"] == "2026-11-22");
    const json& m = all["Margaret Hamilton"];
    CHECK(m["uuid"] == "6f1a8f3e-7a55-4c8b-9c2b-2d4e5f6a7b8c");
    CHECK(strings(m["tags"]) == Strings{"space", "software"});
    CHECK(strings(m["emails"]) == Strings{"margaret@example.com", "mh@example.net"});
    CHECK(all["Katherine Johnson"]["uuid"] == "0b9f6c3e-1d2a-4f5b-8c7d-9e0f1a2b3c4d");

    const std::string before = sb.snapshot();
    const std::string again = ok(sb, {"import", "--format", "vcard", dir.string()});
    CHECK(again.rfind("added 0, updated 0, skipped 5 duplicates\n", 0) == 0);
    CHECK(again.find("same uuid as") != std::string::npos);
    CHECK(sb.snapshot() == before);

    // The same UID with a new title, name and birthday: matched by UID, only filled in.
    const std::string changed = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Maggie Hamilton\r\n"
                                "TITLE:CEO\r\nTEL:+1 555\r\nBDAY:19360818\r\n"
                                "UID:6F1A8F3E-7A55-4C8B-9C2B-2D4E5F6A7B8C\r\nEND:VCARD\r\n";
    CHECK(ok(sb, {"import", "--format", "vcard", "-"}, changed)
              .rfind("added 0, updated 1, skipped 0 duplicates\n", 0) == 0);
    all = people(sb);
    CHECK(all["Margaret Hamilton"]["title"] == "Founder");
    CHECK(all["Margaret Hamilton"]["birthday"] == "1936-08-17");
    CHECK(strings(all["Margaret Hamilton"]["phones"]) == Strings{"+1 617 555 0100", "+1 555"});
    ok(sb, {"import", "--format", "vcard", "--overwrite", "-"}, changed);
    all = people(sb);
    REQUIRE(all.count("Maggie Hamilton") == 1);
    CHECK(all["Maggie Hamilton"]["title"] == "CEO");
    CHECK(all["Maggie Hamilton"]["birthday"] == "1936-08-18");
    CHECK(ok(sb, {"date", "Maggie"}).find("birthday       1936-08-18") != std::string::npos);

    // A birthday that has not happened yet is refused, naming the card; nothing is written.
    const std::string unborn = sb.snapshot();
    const Result future = sb.bmc({"import", "--format", "vcard", "-"},
                                 "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Future Kid\r\n"
                                 "BDAY:20300101\r\nEND:VCARD\r\n");
    CHECK(future.code == 1);
    CHECK(future.err.find("import rejected at <stdin> line 1 ('Future Kid'): the birthday "
                          "2030-01-01 is in the future") != std::string::npos);
    CHECK(sb.snapshot() == unborn);
}

TEST_CASE("import google: old and current layouts", "[e2e][transfer]") {
    Sandbox sb;
    ok(sb, {"import", "--format", "google", fixture("google_old.csv")});
    ok(sb, {"import", "--format", "google", fixture("google_new.csv")});
    auto all = people(sb);
    REQUIRE(all.size() == 4);
    CHECK(strings(all["Barbara Liskov"]["emails"]) ==
          Strings{"barbara@example.edu", "liskov@example.org"});
    CHECK(strings(all["Donald E. Knuth"]["tags"]) == Strings{"books", "research"});
    CHECK(strings(all["Frances Allen"]["phones"]).size() == 3);
    CHECK(all["Frances Allen"]["birthday"] == "--08-04");
    CHECK(all["Barbara Liskov"]["birthday"] == "1939-11-07");
    CHECK(all["Donald E. Knuth"]["birthday"].is_null());
    CHECK(strings(all["Tim Berners-Lee"]["tags"]) == Strings{"friends"});
    CHECK(all["Frances Allen"]["company"] == "IBM");
}

TEST_CASE("import csv: matches by name and email fill in, --overwrite replaces",
          "[e2e][transfer]") {
    Sandbox sb;
    ok(sb, {"add", "ada  LOVELACE", "--company", "Babbage & Co", "--strength", "medium"});
    ok(sb, {"add", "Gracie", "--email", "GRACE@navy.example"});
    const std::string csv = "name,email,company,strength,tags\r\n"
                            "Ada Lovelace,ada@example.org,Engines,strong,math\r\n"
                            "Grace Hopper,grace@navy.example,US Navy,,\r\n"
                            "Alan Turing,,,weak,\r\n";
    const std::string out = ok(sb, {"import", "--format", "csv", "-"}, csv);
    CHECK(out.rfind("added 1, updated 2, skipped 0 duplicates\n", 0) == 0);
    CHECK(out.find("updated <stdin> line 2: same name as #1 ada  LOVELACE") != std::string::npos);
    CHECK(out.find("updated <stdin> line 3: same email as #2 Gracie") != std::string::npos);
    auto all = people(sb);
    REQUIRE(all.size() == 3);
    CHECK(all["ada  LOVELACE"]["company"] == "Babbage & Co"); // not overwritten
    CHECK(all["ada  LOVELACE"]["strength"] == "medium");
    CHECK(strings(all["ada  LOVELACE"]["emails"]) == Strings{"ada@example.org"});
    CHECK(strings(all["ada  LOVELACE"]["tags"]) == Strings{"math"});
    CHECK(all["Gracie"]["company"] == "US Navy"); // was empty: filled in
    CHECK(all["Alan Turing"]["strength"] == "weak");

    CHECK(ok(sb, {"import", "--format", "csv", "-"}, csv)
              .rfind("added 0, updated 0, skipped 3 duplicates\n", 0) == 0);
    ok(sb, {"import", "--format", "csv", "--overwrite", "-"}, csv);
    all = people(sb);
    REQUIRE(all.count("Ada Lovelace") == 1);
    CHECK(all["Ada Lovelace"]["company"] == "Engines");
    CHECK(all["Ada Lovelace"]["strength"] == "strong");
}

TEST_CASE("import --dry-run reports and writes nothing", "[e2e][transfer]") {
    Sandbox sb;
    ok(sb, {"add", "Grace Hopper"});
    const std::string before = sb.snapshot();
    const std::string out = ok(
        sb, {"import", "--format", "linkedin", "--dry-run", fixture("linkedin_connections.csv")});
    CHECK(out.rfind("Dry run: would have added 3, updated 1, skipped 0 duplicates\n", 0) == 0);
    CHECK(out.find("Nothing was written (--dry-run).") != std::string::npos);
    CHECK(sb.snapshot() == before);
}

TEST_CASE("malformed files are rejected with their position and nothing is written",
          "[e2e][transfer]") {
    Sandbox sb;
    ok(sb, {"add", "Someone"});
    const std::string before = sb.snapshot();
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"linkedin", fixture("malformed_unclosed_quote.csv")},
         "malformed_unclosed_quote.csv line 2: a quoted field is never closed"},
        {{"linkedin", fixture("malformed_bad_date.csv")}, "malformed_bad_date.csv line 3"},
        {{"vcard", fixture("malformed_no_end.vcf")},
         "malformed_no_end.vcf line 5: the card has no END:VCARD"},
        {{"vcard", fixture("malformed_bad_qp.vcf")}, "malformed_bad_qp.vcf line 7"},
        {{"google", fixture("linkedin_connections.csv")}, "no Google Contacts header"},
        {{"vcard", fixture("google_new.csv")}, "google_new.csv line 1: expected a property"},
    };
    for (const auto& [args, message] : cases) {
        const Result r = sb.bmc({"import", "--format", args[0], args[1]});
        INFO(args[1]);
        CHECK(r.code == 1);
        CHECK(r.out.empty());
        CHECK(r.err.rfind("bmc: error: ", 0) == 0);
        CHECK(r.err.find(message) != std::string::npos);
        CHECK(r.err.find("nothing was imported") != std::string::npos);
    }
    // A record that reads fine but cannot be stored rejects the whole file.
    const Result r = sb.bmc({"import", "--format", "csv", "-"},
                            "name,met_on\nGood Person,2020-01-01\nLater Person,2030-01-01\n");
    CHECK(r.code == 1);
    CHECK(r.err.find("<stdin> line 3 ('Later Person')") != std::string::npos);
    CHECK(r.err.find("in the future") != std::string::npos);
    CHECK(sb.snapshot() == before);
}

TEST_CASE("import and export usage errors", "[e2e][transfer]") {
    Sandbox sb;
    CHECK(sb.bmc({"import", "x.csv"}).code == 2);
    CHECK(sb.bmc({"import", "--format", "excel", "x.csv"}).code == 2);
    CHECK(sb.bmc({"import", "--json", "--format", "csv", "x.csv"}).code == 2);
    CHECK(sb.bmc({"import", "--json", "--dry-run", "x.json"}).code == 2);
    CHECK(sb.bmc({"import", "--format", "csv", sb.dir().string()}).code == 2);
    CHECK(sb.bmc({"export"}).code == 2);
    CHECK(sb.bmc({"export", "--format", "pdf"}).code == 2);
    CHECK(sb.bmc({"export", "--format", "csv", "--alarm"}).code == 2);
    CHECK(sb.bmc({"export", "--format", "vcard", "--vcard-version", "2.1"}).code == 2);
    const Result missing = sb.bmc({"import", "--format", "csv", "nope.csv"});
    CHECK(missing.code == 1);
    CHECK(missing.err.find("cannot read 'nope.csv'") != std::string::npos);
}

TEST_CASE("round trips: CSV, vCard (file and directory) and JSON give the same people",
          "[e2e][transfer]") {
    Sandbox source;
    ok(source, {"demo"});
    ok(source, {"edit", "Ada", "--email", "ada@example.org", "--phone", "+44 20 1", "--note",
                "line one\nline two, with \"quotes\"; and more", "--birthday", "1815-12-10"});
    ok(source, {"edit", "Grace", "--birthday", "--02-29"});
    const auto original = people(source);
    REQUIRE(original.size() == 6);

    struct Way {
        std::vector<std::string> export_args;
        std::vector<std::string> import_args;
        bool keeps_every;
    };
    const fs::path file = source.dir() / "out";
    const std::vector<Way> ways = {
        {{"export", "--format", "csv", "--output", file.string() + ".csv"},
         {"import", "--format", "csv", file.string() + ".csv"},
         false},
        {{"export", "--format", "vcard", "--output", file.string() + ".vcf"},
         {"import", "--format", "vcard", file.string() + ".vcf"},
         false},
        {{"export", "--format", "vcard", "--vcard-version", "3.0", "--output",
          file.string() + "-dir/"},
         {"import", "--format", "vcard", file.string() + "-dir"},
         false},
        {{"export", "--json", "--output", file.string() + ".json"},
         {"import", "--json", file.string() + ".json"},
         true},
    };
    for (const auto& way : ways) {
        INFO(way.import_args[2]);
        ok(source, way.export_args);
        Sandbox target;
        ok(target, way.import_args);
        const auto copy = people(target);
        REQUIRE(copy.size() == original.size());
        for (const auto& [name, c] : original) {
            INFO(name);
            REQUIRE(copy.count(name) == 1);
            CHECK(user_fields(copy.at(name), way.keeps_every) == user_fields(c, way.keeps_every));
        }
        // Importing the same file again changes nothing.
        const std::string before = target.snapshot();
        ok(target, way.import_args);
        CHECK(target.snapshot() == before);
    }
}

TEST_CASE("export jsonl: one contact per line", "[e2e][transfer]") {
    Sandbox sb;
    ok(sb, {"demo"});
    ok(sb, {"edit", "Ada", "--birthday", "1815-12-10"});
    std::istringstream lines(ok(sb, {"export", "--format", "jsonl"}));
    std::string line;
    std::vector<std::string> names;
    while (std::getline(lines, line)) {
        const json c = json::parse(line);
        names.push_back(c["name"]);
        CHECK(c["interactions"].is_array());
    }
    CHECK(names.size() == 6);
    CHECK(names.front() == "Ada Lovelace");
    // Each line is the record of the JSON document, birthday and dates included.
    const json doc = json::parse(ok(sb, {"export", "--json"}));
    std::istringstream again(ok(sb, {"export", "--format", "jsonl"}));
    for (const auto& c : doc["contacts"]) {
        REQUIRE(std::getline(again, line));
        CHECK(json::parse(line) == c);
    }
    CHECK(doc["contacts"][0]["birthday"] == "1815-12-10");
}

TEST_CASE("export vcard: CRLF, folding, escaping, stable UID", "[e2e][transfer]") {
    Sandbox sb;
    ok(sb, {"add", "Ada Lovelace", "--company", "Engines, Ltd.", "--note",
            std::string(100, 'x') + "\xC3\xA9"});
    const std::string first = ok(sb, {"export", "--format", "vcard"});
    const std::string uuid = people(sb)["Ada Lovelace"]["uuid"];
    CHECK(first.find("UID:urn:uuid:" + uuid + "\r\n") != std::string::npos);
    CHECK(first.find("ORG:Engines\\, Ltd.\r\n") != std::string::npos);
    CHECK(first.find("\r\n x") != std::string::npos); // folded
    for (std::size_t pos = 0, end; (end = first.find("\r\n", pos)) != std::string::npos;
         pos = end + 2) {
        CHECK(end - pos <= 75);
    }
    CHECK(first.find('\n') == first.find("\r\n") + 1);
    const std::string v3 = ok(sb, {"export", "--format", "vcard", "--vcard-version", "3.0"});
    CHECK(v3.find("VERSION:3.0\r\n") != std::string::npos);
    CHECK(v3.find("UID:" + uuid + "\r\n") != std::string::npos);
}

TEST_CASE("export ics: one all-day event per active person, escaped notes, --within, --alarm",
          "[e2e][transfer]") {
    Sandbox sb;
    ok(sb, {"add", "Ada Lovelace", "--strength", "strong", "--birthday", "1815-12-10"});
    ok(sb, {"date", "Ada", "Anniversary", "2015-06-20"});
    ok(sb, {"add", "Bob Archived", "--birthday", "--01-01"});
    ok(sb, {"archive", "Bob"});
    ok(sb, {"add", "Carol Later", "--strength", "weak", "--birthday", "--02-29"});
    ok(sb, {"log", "Ada", "--date", "2026-10-01", "--note",
            "hi\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:injected"});
    ok(sb, {"todo", "Ada", "send the paper"});
    const std::string ics = ok(sb, {"export", "--format", "ics"});
    const std::string uuid = people(sb)["Ada Lovelace"]["uuid"];
    CHECK(ics.find("\r\nUID:" + uuid + "@bmc\r\n") != std::string::npos);
    CHECK(ics.find("\r\nDTSTART;VALUE=DATE:20270201\r\n") != std::string::npos);
    CHECK(ics.find("\r\nDTEND;VALUE=DATE:20270202\r\n") != std::string::npos);
    CHECK(ics.find("\r\nSUMMARY:Reconnect with Ada Lovelace\r\n") != std::string::npos);
    CHECK(ics.find("\r\nBEGIN:VEVENT\r\nSUMMARY:injected") == std::string::npos);
    CHECK(ics.find("Bob") == std::string::npos);
    // Important dates are yearly events with a stable UID; 29 February falls on the last day
    // of February.
    CHECK(ics.find("\r\nUID:" + uuid + "-birthday@bmc\r\nDTSTAMP:") != std::string::npos);
    CHECK(ics.find("\r\nDTSTART;VALUE=DATE:18151210\r\nDTEND;VALUE=DATE:18151211\r\n"
                   "RRULE:FREQ=YEARLY\r\nSUMMARY:Ada Lovelace \xE2\x80\x94 birthday\r\n"
                   "DESCRIPTION:Born 1815-12-10\r\n") != std::string::npos);
    CHECK(ics.find("\r\nSUMMARY:Ada Lovelace \xE2\x80\x94 Anniversary\r\n") != std::string::npos);
    CHECK(ics.find("\r\nDTSTART;VALUE=DATE:20000229\r\nDTEND;VALUE=DATE:20000301\r\n"
                   "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1\r\n"
                   "SUMMARY:Carol Later \xE2\x80\x94 birthday\r\n") != std::string::npos);
    // Stable from one export to the next, but for DTSTAMP (the time of the export: the second
    // may change between the two runs).
    const auto without_stamps = [](const std::string& text) {
        std::string out;
        std::size_t at = 0;
        while (at < text.size()) {
            std::size_t end = text.find("\r\n", at);
            end = end == std::string::npos ? text.size() : end + 2;
            if (text.compare(at, 8, "DTSTAMP:") != 0) {
                out.append(text, at, end - at);
            }
            at = end;
        }
        return out;
    };
    CHECK(ics.find("\r\nDTSTAMP:") != std::string::npos);
    CHECK(without_stamps(ok(sb, {"export", "--format", "ics"})) == without_stamps(ics));
    const std::string soon = ok(sb, {"export", "--format", "ics", "--within", "3m", "--alarm"});
    CHECK(soon.find("Reconnect with Ada Lovelace") != std::string::npos);
    CHECK(soon.find("Reconnect with Carol") == std::string::npos);
    CHECK(soon.find("Carol Later \xE2\x80\x94 birthday") != std::string::npos);
    CHECK(soon.find("\r\nBEGIN:VALARM\r\n") != std::string::npos);

#ifdef BMC_ICAL_PYTHON
    const fs::path file = sb.dir() / "bmc.ics";
    ok(sb, {"export", "--format", "ics", "--alarm", "--output", file.string()});
    const fs::path script = sb.dir() / "check.py";
    std::ofstream(script) << R"(import sys, datetime, icalendar
from dateutil.rrule import rrulestr
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
assert str(cal['VERSION']) == '2.0' and 'PRODID' in cal
for e in cal.walk('VEVENT'):
    start, end = e['DTSTART'].dt, e['DTEND'].dt
    assert type(start) is datetime.date and end - start == datetime.timedelta(days=1)
    assert e['DTSTAMP'].dt.tzinfo is not None
    alarms = e.walk('VALARM')
    assert len(alarms) == 1
    when = start.isoformat()
    if 'RRULE' in e:
        # The days it falls on in 2027 and 2028, as a calendar expands the rule.
        rule = rrulestr(e['RRULE'].to_ical().decode(),
                        dtstart=datetime.datetime.combine(start, datetime.time()))
        when += ' yearly ' + ' '.join(
            rule.after(datetime.datetime(y, 1, 1), inc=True).date().isoformat()
            for y in (2027, 2028))
    print(e['UID'], '|', e['SUMMARY'], '|', when, '|',
          str(e.get('DESCRIPTION', '')).replace('\n', '/'))
)";
    const auto [code, out] =
        shell(std::string(BMC_ICAL_PYTHON) + " " + script.string() + " " + file.string(), sb.dir());
    INFO(out);
    REQUIRE(code == 0);
    CHECK(out.find(uuid + "@bmc | Reconnect with Ada Lovelace | 2027-02-01 | Last note "
                          "(2026-10-01): hi/END:VEVENT/BEGIN:VEVENT/SUMMARY:injected/"
                          "Follow-up: send the paper\n") != std::string::npos);
    CHECK(out.find("Reconnect with Carol Later") != std::string::npos);
    CHECK(out.find(uuid + "-birthday@bmc | Ada Lovelace \xE2\x80\x94 birthday | 1815-12-10 yearly "
                          "2027-12-10 2028-12-10 | Born 1815-12-10\n") != std::string::npos);
    CHECK(out.find("| Ada Lovelace \xE2\x80\x94 Anniversary | 2015-06-20 yearly 2027-06-20 "
                   "2028-06-20 | Since 2015-06-20\n") != std::string::npos);
    CHECK(out.find("| Carol Later \xE2\x80\x94 birthday | 2000-02-29 yearly 2027-02-28 "
                   "2028-02-29 | \n") != std::string::npos);
    CHECK(std::count(out.begin(), out.end(), '\n') == 5);
#endif
}

#ifdef BMC_KHARD
TEST_CASE("export vcard to a directory: khard lists every person", "[e2e][transfer]") {
    Sandbox sb;
    ok(sb, {"import", "--format", "vcard", fixture("folded_30.vcf")});
    ok(sb, {"add", "Ada Lovelace", "--email", "ada@example.org"});
    ok(sb, {"add", "\xC3\x89lodie Durand", "--email", "elodie@example.fr"});
    const fs::path dir = sb.dir() / "book";
    ok(sb, {"export", "--format", "vcard", "--output", dir.string() + "/"});
    const fs::path config = sb.dir() / "khard.conf";
    std::ofstream(config) << "[addressbooks]\n[[bmc]]\npath = " << dir.string()
                          << "\n[general]\ndefault_action = list\neditor = /bin/false\n"
                             "merge_editor = /bin/false\n";
    const auto [code, out] = shell("HOME=" + sb.dir().string() + " " + BMC_KHARD + " -c " +
                                       config.string() + " email --parsable",
                                   sb.dir());
    INFO(out);
    REQUIRE(code == 0);
    CHECK(out.find("ada@example.org\tAda Lovelace") != std::string::npos);
    CHECK(out.find("elodie@example.fr\t\xC3\x89lodie Durand") != std::string::npos);
    CHECK(out.find("margaret@example.com\tMargaret Hamilton") != std::string::npos);
    CHECK(out.find("mh@example.net\tMargaret Hamilton") != std::string::npos);
}
#endif
