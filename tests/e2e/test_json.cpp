// End-to-end tests of bmc's JSON: `export --json`, `import --json` and the --json views of due,
// list and show. "Today" is pinned at 2026-11-22.
#include "run.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

using bmc::e2e::Result;
using bmc::e2e::Sandbox;
using bmc::e2e::check::join_args;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string ok(Sandbox& sb, const std::vector<std::string>& args, const std::string& in = "") {
    const Result r = sb.bmc(args, in);
    INFO("bmc " << join_args(args));
    INFO("stderr: " << r.err);
    REQUIRE(r.code == 0);
    return r.out;
}

// Parses stdout, which must be one JSON document and nothing else.
json parse_only_json(const std::string& text) {
    json j;
    INFO("output: " << text);
    REQUIRE_NOTHROW(j = json::parse(text));
    return j;
}

json export_doc(Sandbox& sb) {
    const Result r = sb.bmc({"export", "--json"});
    INFO("stderr: " << r.err);
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    return parse_only_json(r.out);
}

// The export without the one field that legitimately differs between two exports.
json without_exported_at(json doc) {
    doc.erase("exported_at");
    return doc;
}

void write(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

bool is_date(const json& j) {
    static const std::regex re(R"(\d{4}-\d{2}-\d{2})");
    return j.is_string() && std::regex_match(j.get<std::string>(), re);
}

bool is_timestamp(const json& j) {
    static const std::regex re(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z)");
    return j.is_string() && std::regex_match(j.get<std::string>(), re);
}

bool is_uuid_v4(const json& j) {
    static const std::regex re(
        R"([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})");
    return j.is_string() && std::regex_match(j.get<std::string>(), re);
}

bool is_string_or_null(const json& j) {
    return j.is_string() || j.is_null();
}

bool is_string_array(const json& j) {
    if (!j.is_array()) {
        return false;
    }
    for (const auto& item : j) {
        if (!item.is_string()) {
            return false;
        }
    }
    return true;
}

std::set<std::string> keys_of(const json& object) {
    std::set<std::string> keys;
    for (const auto& item : object.items()) {
        keys.insert(item.key());
    }
    return keys;
}

void check_interaction_shape(const json& i) {
    INFO("interaction: " << i.dump());
    REQUIRE(i.is_object());
    for (const char* key : {"uuid", "date", "via", "by", "note", "gave", "received", "asked"}) {
        CHECK(i.contains(key));
    }
    CHECK(is_uuid_v4(i["uuid"]));
    CHECK(is_date(i["date"]));
    CHECK(is_string_or_null(i["via"]));
    CHECK((i["by"].is_null() || i["by"] == "me" || i["by"] == "them"));
    CHECK(is_string_or_null(i["note"]));
    if (i.contains("created_at")) {
        CHECK(is_timestamp(i["created_at"]));
    }
    if (i.contains("updated_at")) {
        CHECK(is_timestamp(i["updated_at"]));
    }
}

// The contact fields of docs/json.md, shared by export and the --json views.
const std::set<std::string> contact_fields = {
    "uuid",     "name",          "strength",   "every",      "emails",  "phones",
    "company",  "title",         "tags",       "met",        "met_on",  "notes",
    "archived", "snoozed_until", "created_at", "updated_at", "next_due"};

void check_contact_types(const json& c) {
    INFO("contact: " << c.dump());
    CHECK(is_uuid_v4(c["uuid"]));
    CHECK(c["name"].is_string());
    CHECK((c["strength"] == "strong" || c["strength"] == "medium" || c["strength"] == "weak"));
    CHECK(is_string_or_null(c["every"]));
    CHECK(is_string_array(c["emails"]));
    CHECK(is_string_array(c["phones"]));
    CHECK(is_string_or_null(c["company"]));
    CHECK(is_string_or_null(c["title"]));
    CHECK(is_string_array(c["tags"]));
    CHECK(is_string_or_null(c["met"]));
    CHECK((c["met_on"].is_null() || is_date(c["met_on"])));
    CHECK(is_string_or_null(c["notes"]));
    CHECK(c["archived"].is_boolean());
    CHECK((c["snoozed_until"].is_null() || is_date(c["snoozed_until"])));
    CHECK(is_timestamp(c["created_at"]));
    CHECK(is_timestamp(c["updated_at"]));
    CHECK((c["next_due"].is_null() || is_date(c["next_due"])));
}

// Four people: a richly filled-in strong tie with two conversations and a snooze, a plain
// medium tie, and two people called Sam (one archived).
void seed(Sandbox& sb) {
    ok(sb, {"add",       "Ada Lovelace",
            "-s",        "strong",
            "--every",   "3m",
            "-e",        "ada@example.com",
            "-e",        "ada@work.example",
            "-p",        "+44 20 7946 0000",
            "--company", "Acme",
            "--title",   "CTO",
            "-t",        "Math",
            "-t",        "poetry",
            "--met",     "PyCon, hallway",
            "--met-on",  "2026-01-10",
            "--note",    "two lines\nof notes"});
    ok(sb, {"log", "Ada", "--date", "2026-06-01", "--via", "coffee", "--by", "me", "--note",
            "first chat"});
    ok(sb, {"log", "Ada", "--date", "2026-11-08", "--via", "video", "--by", "them"});
    ok(sb, {"snooze", "Ada", "2027-03-01"});
    ok(sb, {"add", "Grace"});
    ok(sb, {"add", "Sam", "-s", "weak", "--met-on", "2025-01-01"});
    ok(sb, {"add", "Sam", "--force", "--met-on", "2026-02-01"});
    ok(sb, {"log", "#4", "--date", "2026-03-01", "--note", "the other Sam"});
    ok(sb, {"archive", "#4"});
}

} // namespace

TEST_CASE("export --json writes version and contacts with fixed fields and types", "[e2e]") {
    Sandbox sb;
    seed(sb);
    const Result r = sb.bmc({"export", "--json"});
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    const json doc = parse_only_json(r.out);

    REQUIRE(doc.is_object());
    CHECK(doc["version"] == 1);
    CHECK(is_timestamp(doc["exported_at"]));
    CHECK(doc["settings"] == json{{"cadence.strong", "4m"},
                                  {"cadence.medium", "6m"},
                                  {"cadence.weak", "9m"},
                                  {"routine.per-week", "none"},
                                  {"routine.per-month", "none"},
                                  {"due.limit", "20"}});
    REQUIRE(doc["contacts"].is_array());
    REQUIRE(doc["contacts"].size() == 4);

    std::set<std::string> expected_keys = contact_fields;
    expected_keys.insert({"interactions", "followups", "introduced_by", "birthday", "dates"});
    std::set<std::string> uuids;
    for (const auto& c : doc["contacts"]) {
        CHECK(keys_of(c) == expected_keys);
        check_contact_types(c);
        uuids.insert(c["uuid"].get<std::string>());
        REQUIRE(c["interactions"].is_array());
        for (const auto& i : c["interactions"]) {
            check_interaction_shape(i);
            uuids.insert(i["uuid"].get<std::string>());
        }
    }
    CHECK(uuids.size() == 4 + 3); // every contact and interaction has its own UUID

    // The exact values of the richly filled-in contact.
    const json& ada = doc["contacts"][0];
    CHECK(ada["name"] == "Ada Lovelace");
    CHECK(ada["strength"] == "strong");
    CHECK(ada["every"] == "3m");
    CHECK(ada["emails"] == json::array({"ada@example.com", "ada@work.example"}));
    CHECK(ada["phones"] == json::array({"+44 20 7946 0000"}));
    CHECK(ada["company"] == "Acme");
    CHECK(ada["title"] == "CTO");
    CHECK(ada["tags"] == json::array({"math", "poetry"}));
    CHECK(ada["met"] == "PyCon, hallway");
    CHECK(ada["met_on"] == "2026-01-10");
    CHECK(ada["notes"] == "two lines\nof notes");
    CHECK(ada["archived"] == false);
    CHECK(ada["snoozed_until"] == "2027-03-01");
    CHECK(ada["next_due"] == "2027-03-01"); // the snooze is later than 2026-11-08 + 3m
    REQUIRE(ada["interactions"].size() == 2);
    CHECK(ada["interactions"][0]["date"] == "2026-06-01");
    CHECK(ada["interactions"][0]["via"] == "coffee");
    CHECK(ada["interactions"][0]["by"] == "me");
    CHECK(ada["interactions"][0]["note"] == "first chat");
    CHECK(ada["interactions"][1]["date"] == "2026-11-08");
    CHECK(ada["interactions"][1]["via"] == "video");
    CHECK(ada["interactions"][1]["by"] == "them");
    CHECK(ada["interactions"][1]["note"].is_null());

    // The plain contact: absent values are null or empty arrays, never missing.
    const json& grace = doc["contacts"][1];
    CHECK(grace["name"] == "Grace");
    CHECK(grace["strength"] == "medium");
    CHECK(grace["every"].is_null());
    CHECK(grace["emails"] == json::array());
    CHECK(grace["company"].is_null());
    CHECK(grace["met_on"] == "2026-11-22");
    CHECK(grace["snoozed_until"].is_null());
    CHECK(grace["next_due"] == "2027-05-22");
    CHECK(grace["interactions"] == json::array());

    const json& archived = doc["contacts"][3];
    CHECK(archived["name"] == "Sam");
    CHECK(archived["archived"] == true);
    CHECK(archived["next_due"].is_null());
    CHECK(doc["contacts"][2]["next_due"] == "2025-10-01");
}

TEST_CASE("export --output writes the file with mode 0600 and nothing on stdout", "[e2e]") {
    Sandbox sb;
    seed(sb);
    const fs::path file = sb.dir() / "backup.json";
    write(file, "old contents");
    fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                              fs::perms::others_read);

    const Result r = sb.bmc({"export", "--json", "--output", file.string()});
    CHECK(r.code == 0);
    CHECK(r.out.empty());
    CHECK(r.err == "Exported to " + file.string() + ".\n");
    REQUIRE(fs::exists(file));
    CHECK((fs::status(file).permissions() & fs::perms::all) ==
          (fs::perms::owner_read | fs::perms::owner_write));
    const json from_file = parse_only_json(bmc::e2e::read_file(file));
    CHECK(without_exported_at(from_file) == without_exported_at(export_doc(sb)));

    // A new file gets the same mode, and no temporary file is left behind.
    const fs::path fresh = sb.dir() / "fresh.json";
    CHECK(sb.bmc({"export", "--json", "-o", fresh.string()}).code == 0);
    CHECK((fs::status(fresh).permissions() & fs::perms::all) ==
          (fs::perms::owner_read | fs::perms::owner_write));
    for (const auto& entry : fs::directory_iterator(sb.dir())) {
        CHECK(entry.path().filename().string().rfind(".bmc-export-", 0) != 0);
    }

    const Result no_format = sb.bmc({"export"});
    CHECK(no_format.code == 2);
    CHECK(no_format.err == "bmc: error: choose an export format — use bmc export --json\n");
}

TEST_CASE("export --output into a pipe or through a symbolic link keeps what is there", "[e2e]") {
    // Writing to a temporary file and renaming it over the target must not replace a device or
    // a pipe (as root, `-o /dev/null` turned /dev/null into a regular file) or a link.
    Sandbox sb;
    seed(sb);
    const fs::path fifo = sb.dir() / "pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    // Our end of the pipe is open before bmc runs (the small export fits in the pipe's buffer),
    // so neither side waits; if bmc replaced the pipe, nothing arrives here.
    const int fd = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
    REQUIRE(fd >= 0);
    const Result r = sb.bmc({"export", "--json", "-o", fifo.string()});
    std::string received;
    char buf[4096];
    for (ssize_t n = 0; (n = ::read(fd, buf, sizeof buf)) > 0;) {
        received.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    CHECK(r.code == 0);
    CHECK(fs::is_fifo(fs::symlink_status(fifo)));
    CHECK(without_exported_at(parse_only_json(received)) == without_exported_at(export_doc(sb)));

    const fs::path real = sb.dir() / "real.json";
    const fs::path link = sb.dir() / "link.json";
    write(real, "old contents");
    fs::create_symlink(real, link);
    REQUIRE(sb.bmc({"export", "--json", "-o", link.string()}).code == 0);
    CHECK(fs::is_symlink(fs::symlink_status(link)));
    CHECK(without_exported_at(parse_only_json(bmc::e2e::read_file(real))) ==
          without_exported_at(export_doc(sb)));
}

TEST_CASE("export, import into an empty database, export again gives the same document", "[e2e]") {
    Sandbox first;
    seed(first);
    const json original = export_doc(first);
    const fs::path file = first.dir() / "backup.json";
    REQUIRE(first.bmc({"export", "--json", "-o", file.string()}).code == 0);

    Sandbox second;
    const Result r = second.bmc({"import", "--json", file.string()});
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    CHECK(r.out == "Imported: 4 added, 0 updated, 0 unchanged; 3 interactions added, 0 "
                   "updated.\n");
    CHECK(without_exported_at(export_doc(second)) == without_exported_at(original));

    // The imported database behaves like the original one.
    CHECK(ok(second, {"due"}) == ok(first, {"due"}));
    CHECK(ok(second, {"list", "--archived"}) == ok(first, {"list", "--archived"}));
    CHECK(ok(second, {"show", "Ada"}) == ok(first, {"show", "Ada"}));
}

TEST_CASE("changed cadences travel with the export and schedule the imported people", "[e2e]") {
    Sandbox first;
    ok(first, {"add", "Mia", "--met-on", "2026-01-10"});
    ok(first, {"add", "Sol", "--met-on", "2026-01-10", "--strength", "weak"});
    ok(first, {"config", "set", "cadence.medium", "5m"});
    const json original = export_doc(first);
    CHECK(original["settings"]["cadence.medium"] == "5m");
    CHECK(original["contacts"][0]["next_due"] == "2026-06-10");
    const fs::path file = first.dir() / "backup.json";
    write(file, original.dump());

    Sandbox second;
    ok(second, {"config", "set", "cadence.weak", "10m"}); // replaced by the file's 9m
    CHECK(ok(second, {"import", "--json", file.string()}) ==
          "Imported: 2 added, 0 updated, 0 unchanged; 0 interactions added, 0 updated; 2 "
          "settings changed.\n");
    CHECK(without_exported_at(export_doc(second)) == without_exported_at(original));
    CHECK(ok(second, {"config", "get", "cadence.medium"}).find("5m") != std::string::npos);
    // Importing it again changes nothing and says nothing about settings.
    CHECK(ok(second, {"import", "--json", file.string()}) ==
          "Imported: 0 added, 0 updated, 2 unchanged; 0 interactions added, 0 updated.\n");
}

TEST_CASE("a bad setting in an import rejects the whole import", "[e2e]") {
    const std::pair<const char*, const char*> cases[] = {
        {R"({"cadence.medium": "soon"})", "import rejected at setting 'cadence.medium': "},
        {R"({"cadence.often": "2w"})", "import rejected at setting 'cadence.often': "},
        {R"({"cadence.weak": 9})", "import rejected at setting 'cadence.weak': "},
        {R"({"due.limit": "0"})", "import rejected at setting 'due.limit': due.limit must be a "
                                  "whole number from 1 to 10000, or all, not '0'"},
        {R"(["cadence.weak"])", "\"settings\" must be an object"},
    };
    for (const auto& [settings, message] : cases) {
        Sandbox sb;
        ok(sb, {"add", "Mia", "--met-on", "2026-01-10"});
        const std::string before = sb.snapshot();
        const fs::path file = sb.dir() / "in.json";
        write(file, std::string(R"({"version": 1, "settings": )") + settings +
                        R"(, "contacts": [{"name": "Ola"}]})");
        const Result r = sb.bmc({"import", "--json", file.string()});
        INFO(settings << "\n" << r.err);
        CHECK(r.code == 1);
        CHECK(r.err.rfind(std::string("bmc: error: ") + message, 0) == 0);
        CHECK(r.out.empty());
        CHECK(sb.snapshot() == before);
    }
}

TEST_CASE("importing the same file again changes nothing", "[e2e]") {
    Sandbox first;
    seed(first);
    const fs::path file = first.dir() / "backup.json";
    REQUIRE(first.bmc({"export", "--json", "-o", file.string()}).code == 0);

    // Back into the database it came from.
    const json before = without_exported_at(export_doc(first));
    CHECK(ok(first, {"import", "--json", file.string()}) ==
          "Imported: 0 added, 0 updated, 4 unchanged; 0 interactions added, 0 updated.\n");
    CHECK(without_exported_at(export_doc(first)) == before);

    // Twice into a new one.
    Sandbox second;
    CHECK(ok(second, {"import", "--json", file.string()}) ==
          "Imported: 4 added, 0 updated, 0 unchanged; 3 interactions added, 0 updated.\n");
    const json once = without_exported_at(export_doc(second));
    CHECK(ok(second, {"import", "--json", file.string()}) ==
          "Imported: 0 added, 0 updated, 4 unchanged; 0 interactions added, 0 updated.\n");
    CHECK(without_exported_at(export_doc(second)) == once);
}

TEST_CASE("hand-written imports need only names, from a file or standard input", "[e2e]") {
    Sandbox sb;
    const fs::path file = sb.dir() / "people.json";
    write(file, R"([{"name": "Ada"}])");
    CHECK(ok(sb, {"import", "--json", file.string()}) ==
          "Imported: 1 added, 0 updated, 0 unchanged; 0 interactions added, 0 updated.\n");
    const json ada = export_doc(sb)["contacts"][0];
    CHECK(ada["name"] == "Ada");
    CHECK(ada["strength"] == "medium");
    CHECK(ada["met_on"] == "2026-11-22"); // the date met defaults to today
    CHECK(ada["next_due"] == "2027-05-22");
    CHECK(is_uuid_v4(ada["uuid"]));
    CHECK(is_timestamp(ada["created_at"]));

    // The object form, from standard input, with a few optional fields.
    const Result r = sb.bmc({"import", "--json", "-"},
                            R"({"contacts": [{"name": "Bob", "strength": "strong",
                                 "interactions": [{"date": "2026-11-01", "via": "call"}]},
                                {"name": "Cy", "tags": ["Climbing"], "met_on": "2026-01-01"}]})");
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    CHECK(r.out == "Imported: 2 added, 0 updated, 0 unchanged; 1 interactions added, 0 updated.\n");
    const json doc = export_doc(sb);
    REQUIRE(doc["contacts"].size() == 3);
    CHECK(doc["contacts"][1]["name"] == "Bob");
    CHECK(doc["contacts"][1]["strength"] == "strong");
    CHECK(doc["contacts"][1]["next_due"] == "2027-03-01");
    CHECK(doc["contacts"][1]["interactions"][0]["via"] == "call");
    CHECK(doc["contacts"][2]["tags"] == json::array({"climbing"}));
    CHECK(doc["contacts"][2]["next_due"] == "2026-07-01");

    // Names without UUIDs match existing people by name: importing again adds nobody.
    CHECK(ok(sb, {"import", "--json", file.string()}) ==
          "Imported: 0 added, 0 updated, 1 unchanged; 0 interactions added, 0 updated.\n");
    CHECK(ok(sb, {"import", "--json", "-"}, R"([{"name": "bob"}])") ==
          "Imported: 0 added, 0 updated, 1 unchanged; 0 interactions added, 0 updated.\n");
    CHECK(export_doc(sb)["contacts"].size() == 3);
}

TEST_CASE("a bad record rejects the whole import and changes nothing", "[e2e]") {
    struct Case {
        const char* third;   // the third record
        const char* message; // what stderr must say
    };
    const Case cases[] = {
        {R"({"name": "Cy", "strength": "strongest"})",
         "bmc: error: import rejected at contact 3 ('Cy'): field 'strength' must be strong, "
         "medium or weak, not 'strongest' — "},
        {R"({"name": "Cy", "met_on": "2026-02-30"})",
         "bmc: error: import rejected at contact 3 ('Cy'): field 'met_on' '2026-02-30' does "
         "not exist"},
        {R"({"strength": "weak"})",
         "bmc: error: import rejected at contact 3: field 'name' is missing — "},
        {R"({"name": 42})", "bmc: error: import rejected at contact 3: field 'name' must be a "
                            "string, not number — "},
        {R"({"name": "   "})",
         "bmc: error: import rejected at contact 3 ('   '): the name is empty"},
        {R"({"name": "Cy", "interactions": [{"date": "2026-02-30"}]})",
         "bmc: error: import rejected at contact 3 ('Cy'): interaction 1: field 'date' "
         "'2026-02-30' does not exist"},
        {R"({"name": "Cy", "interactions": [{"date": "2026-12-01"}]})",
         "bmc: error: import rejected at contact 3 ('Cy'): the interaction date 2026-12-01 is "
         "in the future (today is 2026-11-22)"},
        {R"({"name": "Cy", "interactions": [{"date": "2026-11-01", "via": "fax"}]})",
         "bmc: error: import rejected at contact 3 ('Cy'): interaction 1: field 'via' has an "
         "unknown channel 'fax'"},
        {R"({"name": "Cy", "every": "0d"})",
         "bmc: error: import rejected at contact 3 ('Cy'): field 'every' '0d' is zero"},
        {R"({"name": "Cy", "uuid": "11111111-1111-4111-8111-111111111111"})",
         "bmc: error: import rejected at contact 3 ('Cy'): uuid "
         "11111111-1111-4111-8111-111111111111 appears twice in the file"},
        {R"("Cy")", "bmc: error: import rejected at contact 3: a contact must be a JSON object, "
                    "not string"},
    };
    // One database for every case: a rejected import must leave it exactly as it was.
    Sandbox sb;
    ok(sb, {"add", "Zoe"});
    const json before_doc = without_exported_at(export_doc(sb));
    const std::string before = sb.snapshot();
    const fs::path file = sb.dir() / "bad.json";
    bool from_stdin = false;
    for (const auto& c : cases) {
        const std::string doc =
            std::string(R"([{"name": "Ann", "uuid": "11111111-1111-4111-8111-111111111111"},)") +
            R"({"name": "Ben", "interactions": [{"date": "2026-11-01"}]},)" + c.third + "]";
        write(file, doc);
        // Alternately from a file and from standard input.
        const Result r = from_stdin ? sb.bmc({"import", "--json", "-"}, doc)
                                    : sb.bmc({"import", "--json", file.string()});
        from_stdin = !from_stdin;
        INFO("third record: " << c.third);
        INFO("stderr: " << r.err);
        CHECK(r.code == 1);
        CHECK(r.out.empty());
        CHECK(r.err.rfind(c.message, 0) == 0);
        CHECK(r.err.find(" — fix that record and import again; nothing was imported\n") !=
              std::string::npos);
        CHECK((sb.snapshot() == before)); // unchanged
    }
    CHECK(without_exported_at(export_doc(sb)) == before_doc);
    CHECK(ok(sb, {"list"}).find("  #1  Zoe ") != std::string::npos);
    CHECK(ok(sb, {"list"}).find("1 person\n") != std::string::npos);
}

TEST_CASE("an import that is not valid JSON changes nothing", "[e2e]") {
    Sandbox sb;
    ok(sb, {"add", "Zoe"});
    const std::string before = sb.snapshot();
    const std::string broken = R"([{"name": "Ann"}, {"name": "Ben"}, {"name": "Cy",]})";
    const Result r = sb.bmc({"import", "--json", "-"}, broken);
    CHECK(r.code == 1);
    CHECK(r.out.empty());
    CHECK(r.err.rfind("bmc: error: the import is not valid JSON (at byte ", 0) == 0);
    CHECK(r.err.find(") — check the file; nothing was imported\n") != std::string::npos);
    CHECK((sb.snapshot() == before)); // unchanged

    for (const char* doc :
         {"", "{}", R"({"contacts": {}})", R"({"version": 2, "contacts": []})", "42"}) {
        const Result bad = sb.bmc({"import", "--json", "-"}, doc);
        INFO("document: " << doc);
        CHECK(bad.code == 1);
        CHECK(bad.err.rfind("bmc: error: ", 0) == 0);
        CHECK(bad.err.find("nothing was imported") != std::string::npos);
        CHECK((sb.snapshot() == before)); // unchanged
    }

    const Result huge = sb.bmc({"import", "--json", "-"}, R"([{"name": "Ann", "x": -2e999}])");
    CHECK(huge.code == 1);
    CHECK(huge.out.empty());
    CHECK(huge.err == "bmc: error: the import holds a number too large to read '-2e999' — check "
                      "the file; nothing was imported\n");
    CHECK((sb.snapshot() == before)); // unchanged

    const Result missing = sb.bmc({"import", "--json", (sb.dir() / "nope.json").string()});
    CHECK(missing.code == 1);
    CHECK(missing.err.rfind("bmc: error: cannot read '", 0) == 0);
    CHECK((sb.snapshot() == before)); // unchanged

    const Result no_format = sb.bmc({"import", "-"}, "[]");
    CHECK(no_format.code == 2);
    CHECK(no_format.err == "bmc: error: choose an import format — use bmc import --json FILE\n");
    CHECK((sb.snapshot() == before)); // unchanged
}

namespace {

const char* const ada_uuid = "11111111-1111-4111-8111-111111111111";
const char* const talk_uuid = "33333333-3333-4333-8333-333333333333";

std::string ada_record(const std::string& updated_at, const std::string& strength,
                       const std::string& company, const std::string& note,
                       const std::string& talk_updated_at) {
    json record = {{"uuid", ada_uuid},
                   {"name", "Ada"},
                   {"strength", strength},
                   {"company", company},
                   {"met_on", "2026-01-01"},
                   {"created_at", "2026-01-01T09:00:00Z"},
                   {"updated_at", updated_at},
                   {"interactions",
                    {{{"uuid", talk_uuid},
                      {"date", "2026-02-01"},
                      {"via", "call"},
                      {"note", note},
                      {"created_at", "2026-02-01T09:00:00Z"},
                      {"updated_at", talk_updated_at}}}}};
    return json::array({record}).dump();
}

} // namespace

TEST_CASE("on import a newer updated_at wins and an older one does not overwrite", "[e2e]") {
    Sandbox sb;
    CHECK(ok(sb, {"import", "--json", "-"},
             ada_record("2026-05-01T10:00:00Z", "medium", "Old Co", "first note",
                        "2026-05-01T10:00:00Z")) ==
          "Imported: 1 added, 0 updated, 0 unchanged; 1 interactions added, 0 updated.\n");
    json ada = export_doc(sb)["contacts"][0];
    CHECK(ada["next_due"] == "2026-08-01"); // 2026-02-01 + 6 months

    // Newer: the record replaces what is stored, the creation time stays.
    CHECK(ok(sb, {"import", "--json", "-"},
             ada_record("2026-06-01T10:00:00Z", "strong", "New Co", "second note",
                        "2026-06-01T10:00:00Z")) ==
          "Imported: 0 added, 1 updated, 0 unchanged; 0 interactions added, 1 updated.\n");
    ada = export_doc(sb)["contacts"][0];
    CHECK(ada["strength"] == "strong");
    CHECK(ada["company"] == "New Co");
    CHECK(ada["created_at"] == "2026-01-01T09:00:00Z");
    CHECK(ada["updated_at"] == "2026-06-01T10:00:00Z");
    CHECK(ada["next_due"] == "2026-06-01"); // strong: 2026-02-01 + 4 months
    CHECK(ada["interactions"][0]["note"] == "second note");

    // Older: nothing is overwritten.
    const json before = without_exported_at(export_doc(sb));
    CHECK(ok(sb, {"import", "--json", "-"},
             ada_record("2026-03-01T10:00:00Z", "weak", "Older Co", "older note",
                        "2026-03-01T10:00:00Z")) ==
          "Imported: 0 added, 0 updated, 1 unchanged; 0 interactions added, 0 updated.\n");
    CHECK(without_exported_at(export_doc(sb)) == before);

    // The same updated_at with other content does not overwrite either.
    CHECK(ok(sb, {"import", "--json", "-"},
             ada_record("2026-06-01T10:00:00Z", "weak", "Same Time Co", "same time",
                        "2026-06-01T10:00:00Z")) ==
          "Imported: 0 added, 0 updated, 1 unchanged; 0 interactions added, 0 updated.\n");
    CHECK(without_exported_at(export_doc(sb)) == before);
    CHECK(ok(sb, {"list"}).find("#1  Ada   strong") != std::string::npos);
}

TEST_CASE("a newer import record changes only the fields it has", "[e2e]") {
    Sandbox sb;
    const json full = {{"uuid", ada_uuid},
                       {"name", "Ada"},
                       {"strength", "medium"},
                       {"company", "Acme"},
                       {"title", "CTO"},
                       {"tags", {"math"}},
                       {"emails", {"ada@example.com", "ada@example.com"}},
                       {"met_on", "2026-01-01"},
                       {"updated_at", "2026-05-01T10:00:00Z"}};
    ok(sb, {"import", "--json", "-"}, json::array({full}).dump());
    json ada = export_doc(sb)["contacts"][0];
    CHECK(ada["emails"] == json::array({"ada@example.com"})); // de-duplicated

    // Present fields replace, a null clears, absent fields stay.
    const json partial = {{"uuid", ada_uuid},
                          {"name", "Ada L."},
                          {"strength", "strong"},
                          {"title", nullptr},
                          {"updated_at", "2026-06-01T10:00:00Z"}};
    CHECK(ok(sb, {"import", "--json", "-"}, json::array({partial}).dump()) ==
          "Imported: 0 added, 1 updated, 0 unchanged; 0 interactions added, 0 updated.\n");
    ada = export_doc(sb)["contacts"][0];
    CHECK(ada["name"] == "Ada L.");
    CHECK(ada["strength"] == "strong");
    CHECK(ada["title"].is_null());
    CHECK(ada["company"] == "Acme");
    CHECK(ada["tags"] == json::array({"math"}));
    CHECK(ada["met_on"] == "2026-01-01");
    CHECK(ada["next_due"] == "2026-05-01");
    CHECK(ada["updated_at"] == "2026-06-01T10:00:00Z");

    // Newer but with nothing different: unchanged.
    const json before = without_exported_at(export_doc(sb));
    const json same = {
        {"uuid", ada_uuid}, {"name", "Ada L."}, {"updated_at", "2026-07-01T10:00:00Z"}};
    CHECK(ok(sb, {"import", "--json", "-"}, json::array({same}).dump()) ==
          "Imported: 0 added, 0 updated, 1 unchanged; 0 interactions added, 0 updated.\n");
    CHECK(without_exported_at(export_doc(sb)) == before);

    // Without updated_at a record never changes an existing person (matched here by name).
    CHECK(ok(sb, {"import", "--json", "-"}, R"([{"name": "ada l.", "strength": "weak"}])") ==
          "Imported: 0 added, 0 updated, 1 unchanged; 0 interactions added, 0 updated.\n");
    CHECK(without_exported_at(export_doc(sb)) == before);
}

TEST_CASE("the output of list --json can be imported", "[e2e]") {
    Sandbox first;
    ok(first, {"add", "Ada", "-s", "strong", "-t", "math", "--met-on", "2026-01-01"});
    ok(first, {"log", "Ada", "--date", "2026-02-01"});
    ok(first, {"add", "Bob"});
    const std::string listed = ok(first, {"list", "--json"});

    Sandbox second;
    CHECK(ok(second, {"import", "--json", "-"}, listed) ==
          "Imported: 2 added, 0 updated, 0 unchanged; 0 interactions added, 0 updated.\n");
    const json doc = export_doc(second);
    const json original = export_doc(first);
    REQUIRE(doc["contacts"].size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        json a = original["contacts"][i];
        json b = doc["contacts"][i];
        // Conversations are not in list --json, so the due date counts from the date met.
        for (const char* k : {"interactions", "next_due"}) {
            a.erase(k);
            b.erase(k);
        }
        CHECK(a == b);
    }
    CHECK(doc["contacts"][0]["next_due"] == "2026-05-01");
    CHECK(doc["contacts"][0]["interactions"] == json::array());
}

TEST_CASE("on import an updated_at with fractions of a second compares as a time", "[e2e]") {
    // Fractions of a second are accepted in timestamps, but updated_at values are compared as
    // strings: "...:00.500Z" sorts before "...:00Z" ('.' < 'Z'), so a record half a second
    // newer is treated as older and silently not applied.
    Sandbox sb;
    ok(sb, {"import", "--json", "-"},
       ada_record("2026-05-01T10:00:00Z", "medium", "Old Co", "note", "2026-05-01T10:00:00Z"));
    const Result r =
        sb.bmc({"import", "--json", "-"}, ada_record("2026-05-01T10:00:00.500Z", "strong", "New Co",
                                                     "note", "2026-05-01T10:00:00Z"));
    CHECK(r.code == 0);
    CHECK(r.out == "Imported: 0 added, 1 updated, 0 unchanged; 0 interactions added, 0 updated.\n");
    const json ada = export_doc(sb)["contacts"][0];
    CHECK(ada["strength"] == "strong");
    CHECK(ada["company"] == "New Co");
}

TEST_CASE("an import that moves a conversation to another person reschedules both", "[e2e]") {
    // A newer interaction record with a known UUID under another contact moves the
    // conversation; the contact it left must lose it as an anchor.
    Sandbox sb;
    ok(sb, {"import", "--json", "-"},
       ada_record("2026-05-01T10:00:00Z", "medium", "Co", "note", "2026-05-01T10:00:00Z"));
    CHECK(export_doc(sb)["contacts"][0]["next_due"] == "2026-08-01");

    const json bob = {{"uuid", "22222222-2222-4222-8222-222222222222"},
                      {"name", "Bob"},
                      {"met_on", "2026-01-01"},
                      {"interactions",
                       {{{"uuid", talk_uuid},
                         {"date", "2026-02-01"},
                         {"via", "call"},
                         {"note", "note"},
                         {"updated_at", "2026-06-01T10:00:00Z"}}}}};
    CHECK(ok(sb, {"import", "--json", "-"}, json::array({bob}).dump()) ==
          "Imported: 1 added, 0 updated, 0 unchanged; 0 interactions added, 1 updated.\n");

    const json doc = export_doc(sb);
    REQUIRE(doc["contacts"].size() == 2);
    CHECK(doc["contacts"][0]["interactions"] == json::array());
    CHECK(doc["contacts"][1]["interactions"].size() == 1);
    // Ada has no conversation left: she is due 6 months after the date met.
    CHECK(doc["contacts"][0]["next_due"] == "2026-07-01");
    const json shown = parse_only_json(ok(sb, {"show", "Ada", "--json"}));
    CHECK(shown["cadence"]["anchor_kind"] == "met_on");
    CHECK(shown["cadence"]["anchor"] == "2026-01-01");
    CHECK(shown["last_interaction"].is_null());
}

namespace {

// #1 Ada strong, met 2026-07-01, due 2026-11-01 (21 days overdue), no conversation
// #2 Bob weak, last conversation 2025-12-01, due 2026-09-01 (82 days overdue)
// #3 Cy medium, met today, due 2027-05-22 (181 days ahead)
void seed_views(Sandbox& sb) {
    ok(sb, {"add", "Ada", "-s", "strong", "--met-on", "2026-07-01"});
    ok(sb, {"add", "Bob", "-s", "weak", "--met-on", "2025-06-01"});
    ok(sb, {"log", "Bob", "--date", "2025-12-01", "--via", "call", "--by", "them", "--note",
            "new job at Acme"});
    ok(sb, {"add", "Cy"});
}

void check_view_row(const json& row) {
    INFO("row: " << row.dump());
    std::set<std::string> expected = contact_fields;
    expected.insert({"id", "days_overdue", "last_interaction", "followups"});
    CHECK(keys_of(row) == expected);
    CHECK(row["id"].is_number_integer());
    CHECK((row["days_overdue"].is_number_integer() || row["days_overdue"].is_null()));
    CHECK((row["last_interaction"].is_null() || row["last_interaction"].is_object()));
    if (row["last_interaction"].is_object()) {
        check_interaction_shape(row["last_interaction"]);
    }
    check_contact_types(row);
}

} // namespace

TEST_CASE("due --json prints only JSON with id, days_overdue and last_interaction", "[e2e]") {
    Sandbox sb;
    seed_views(sb);
    const Result r = sb.bmc({"due", "--json"});
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    const json doc = parse_only_json(r.out);
    CHECK(doc["version"] == 1);
    CHECK(doc["today"] == "2026-11-22");
    CHECK(doc["until"] == "2026-11-22");
    REQUIRE(doc["contacts"].size() == 2);
    for (const auto& row : doc["contacts"]) {
        check_view_row(row);
    }
    // "id" comes first in every contact object.
    const auto ordered = nlohmann::ordered_json::parse(r.out);
    for (const auto& row : ordered["contacts"]) {
        CHECK(row.begin().key() == "id");
    }
    const json& bob = doc["contacts"][0];
    CHECK(bob["id"] == 2);
    CHECK(bob["name"] == "Bob");
    CHECK(bob["days_overdue"] == 82);
    CHECK(bob["next_due"] == "2026-09-01");
    CHECK(bob["last_interaction"]["date"] == "2025-12-01");
    CHECK(bob["last_interaction"]["via"] == "call");
    CHECK(bob["last_interaction"]["by"] == "them");
    CHECK(bob["last_interaction"]["note"] == "new job at Acme");
    const json& ada = doc["contacts"][1];
    CHECK(ada["id"] == 1);
    CHECK(ada["days_overdue"] == 21);
    CHECK(ada["last_interaction"].is_null());

    const json ahead = parse_only_json(ok(sb, {"due", "--json", "--within", "1y", "--limit", "3"}));
    CHECK(ahead["until"] == "2027-11-22");
    REQUIRE(ahead["contacts"].size() == 3);
    CHECK(ahead["contacts"][2]["name"] == "Cy");
    CHECK(ahead["contacts"][2]["days_overdue"] == -181);

    // Nobody due: still one JSON document, with an empty list.
    Sandbox empty;
    const json none = parse_only_json(ok(empty, {"due", "--json"}));
    CHECK(none["contacts"] == json::array());
}

TEST_CASE("list --json and show --json print only JSON", "[e2e]") {
    Sandbox sb;
    seed_views(sb);
    ok(sb, {"archive", "Cy"});

    const Result list = sb.bmc({"list", "--json"});
    CHECK(list.code == 0);
    CHECK(list.err.empty());
    const json rows = parse_only_json(list.out);
    CHECK(rows["version"] == 1);
    CHECK(rows["today"] == "2026-11-22");
    REQUIRE(rows["contacts"].size() == 2);
    CHECK(rows["contacts"][0]["name"] == "Ada");
    CHECK(rows["contacts"][1]["name"] == "Bob");
    for (const auto& row : rows["contacts"]) {
        check_view_row(row);
    }
    const json archived = parse_only_json(ok(sb, {"list", "--archived", "--json"}));
    REQUIRE(archived["contacts"].size() == 1);
    check_view_row(archived["contacts"][0]);
    CHECK(archived["contacts"][0]["days_overdue"].is_null());
    CHECK(archived["contacts"][0]["next_due"].is_null());

    const Result show = sb.bmc({"show", "Bob", "--json"});
    CHECK(show.code == 0);
    CHECK(show.err.empty());
    json bob = parse_only_json(show.out);
    CHECK(bob["id"] == 2);
    CHECK(bob["days_overdue"] == 82);
    CHECK(bob["last_interaction"]["note"] == "new job at Acme");
    CHECK(bob["cadence"] == json({{"interval", "9m"},
                                  {"source", "strength"},
                                  {"anchor", "2025-12-01"},
                                  {"anchor_kind", "interaction"},
                                  {"scheduled", "2026-09-01"},
                                  {"snoozed_until", nullptr},
                                  {"followup_by", nullptr},
                                  {"next_due", "2026-09-01"}}));
    CHECK(bob["reciprocity"] == json({{"by_me", 0},
                                      {"by_them", 1},
                                      {"gave", 0},
                                      {"received", 0},
                                      {"asked", 0},
                                      {"unanswered", 0}}));
    REQUIRE(bob["interactions"].size() == 1);
    check_interaction_shape(bob["interactions"][0]);
    CHECK(bob["interactions"][0] == bob["last_interaction"]);
    CHECK(bob["introduced_by"].is_null());
    CHECK(bob["introduced_you_to"] == json::array());
    CHECK(bob["introductions"] == json::array());
    CHECK(bob["birthday"].is_null());
    CHECK(bob["dates"] == json::array());
    for (const char* key : {"cadence", "interactions", "reciprocity", "introduced_by",
                            "introduced_you_to", "introductions", "birthday", "dates"}) {
        bob.erase(key);
    }
    check_view_row(bob);
}
