// Unit tests for bmc's JSON document format (bmc/json_format.hpp): the contact and interaction
// objects, and reading import records with their defaults and validation errors.
#include "bmc/dates.hpp"
#include "bmc/errors.hpp"
#include "bmc/json_format.hpp"
#include "bmc/uuid.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace {

using bmc::Date;
using nlohmann::json;

constexpr const char* now = "2026-11-22T08:15:00Z";

Date d(const char* iso) {
    return bmc::parse_iso_date(iso);
}

Date today() {
    return d("2026-11-22");
}

std::vector<std::string> keys_of(const bmc::Json& j) {
    std::vector<std::string> out;
    for (const auto& item : j.items()) {
        out.push_back(item.key());
    }
    return out;
}

const std::vector<std::string> contact_keys = {
    "uuid",     "name",          "strength",   "every",      "emails",  "phones",
    "company",  "title",         "tags",       "met",        "met_on",  "notes",
    "archived", "snoozed_until", "created_at", "updated_at", "next_due"};

const std::vector<std::string> interaction_keys = {
    "uuid", "date", "via", "by", "note", "gave", "received", "asked", "created_at", "updated_at"};

// Reads `record`, which must be refused with a bmc::DataError whose message contains every
// fragment. Any other exception escapes and fails the test case.
void expect_refused(const json& record, const std::vector<std::string>& fragments) {
    INFO("record: " << record.dump());
    try {
        bmc::contact_from_json(record, today(), now);
        FAIL_CHECK("expected bmc::DataError");
    } catch (const bmc::DataError& e) {
        CHECK(e.code() == bmc::exit_runtime);
        for (const auto& fragment : fragments) {
            CHECK_THAT(std::string(e.what()), Catch::Contains(fragment));
        }
    }
}

bmc::Contact full_contact() {
    bmc::Contact c;
    c.id = 7;
    c.uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
    c.name = "Ada Lovelace";
    c.strength = bmc::Strength::strong;
    c.every = bmc::Interval{10, bmc::Interval::Unit::days};
    c.emails = {"ada@example.org", "a@b.c"};
    c.phones = {"+44 20 7946 0000"};
    c.company = "Analytical Engines";
    c.title = "Countess";
    c.tags = {"math", "writing"};
    c.met = "PyCon";
    c.met_on = d("2024-05-01");
    c.notes = "likes poetry";
    c.archived = true;
    c.snoozed_until = d("2027-01-02");
    c.created_at = "2026-01-01T00:00:00Z";
    c.updated_at = "2026-02-02T00:00:00Z";
    c.last_interaction = d("2026-10-01");
    c.next_due = d("2026-10-11");
    return c;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

TEST_CASE("a contact's JSON has exactly the documented keys, in order", "[json]") {
    CHECK(keys_of(bmc::to_json(full_contact())) == contact_keys);
    CHECK(keys_of(bmc::to_json(bmc::Contact{})) == contact_keys);
}

TEST_CASE("a contact's JSON carries every field's value", "[json]") {
    const bmc::Json j = bmc::to_json(full_contact());
    CHECK(j["uuid"] == "0f8fad5b-d9cb-469f-a165-70867728950e");
    CHECK(j["name"] == "Ada Lovelace");
    CHECK(j["strength"] == "strong");
    CHECK(j["every"] == "10d");
    CHECK(j["emails"] == bmc::Json({"ada@example.org", "a@b.c"}));
    CHECK(j["phones"] == bmc::Json({"+44 20 7946 0000"}));
    CHECK(j["company"] == "Analytical Engines");
    CHECK(j["title"] == "Countess");
    CHECK(j["tags"] == bmc::Json({"math", "writing"}));
    CHECK(j["met"] == "PyCon");
    CHECK(j["met_on"] == "2024-05-01");
    CHECK(j["notes"] == "likes poetry");
    CHECK(j["archived"] == true);
    CHECK(j["snoozed_until"] == "2027-01-02");
    CHECK(j["created_at"] == "2026-01-01T00:00:00Z");
    CHECK(j["updated_at"] == "2026-02-02T00:00:00Z");
    CHECK(j["next_due"] == "2026-10-11");
    // Internal ids and materialised columns other than next_due stay out of the format.
    CHECK_FALSE(j.contains("id"));
    CHECK_FALSE(j.contains("last_interaction"));
}

TEST_CASE("unset optional contact fields are JSON null and empty lists are []", "[json]") {
    bmc::Contact c;
    c.uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
    c.name = "Grace";
    c.created_at = c.updated_at = now;
    const bmc::Json j = bmc::to_json(c);
    CHECK(j["strength"] == "medium");
    CHECK(j["archived"] == false);
    for (const char* key :
         {"every", "company", "title", "met", "met_on", "notes", "snoozed_until", "next_due"}) {
        INFO(key);
        CHECK(j[key].is_null());
    }
    for (const char* key : {"emails", "phones", "tags"}) {
        INFO(key);
        CHECK(j[key].is_array());
        CHECK(j[key].empty());
    }
}

TEST_CASE("an interaction's JSON has exactly the documented keys, nulls for unset", "[json]") {
    bmc::Interaction i;
    i.id = 3;
    i.contact_id = 9;
    i.uuid = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    i.date = d("2026-03-14");
    i.created_at = "2026-03-14T10:00:00Z";
    i.updated_at = "2026-03-15T10:00:00Z";
    bmc::Json j = bmc::to_json(i);
    CHECK(keys_of(j) == interaction_keys);
    CHECK(j["uuid"] == "7c9e6679-7425-40de-944b-e07fc1f90ae7");
    CHECK(j["date"] == "2026-03-14");
    CHECK(j["via"].is_null());
    CHECK(j["by"].is_null());
    CHECK(j["note"].is_null());
    CHECK(j["created_at"] == "2026-03-14T10:00:00Z");
    CHECK(j["updated_at"] == "2026-03-15T10:00:00Z");

    i.via = "coffee";
    i.by = bmc::Initiator::them;
    i.note = "talked \"shop\"";
    j = bmc::to_json(i);
    CHECK(keys_of(j) == interaction_keys);
    CHECK(j["via"] == "coffee");
    CHECK(j["by"] == "them");
    CHECK(j["note"] == "talked \"shop\"");
}

TEST_CASE("dump replaces invalid UTF-8 instead of throwing", "[json]") {
    const bmc::Json j = std::string("a\xff"
                                    "b");
    CHECK(bmc::dump(j) == "\"a\xEF\xBF\xBD"
                          "b\"");
    CHECK(bmc::dump(bmc::Json{{"k", 1}}) == "{\"k\":1}");
    CHECK(bmc::dump(bmc::Json{{"k", 1}}, 2) == "{\n  \"k\": 1\n}");
}

TEST_CASE("dump escapes DEL and the C1 controls a terminal would act on", "[json]") {
    // U+009B is CSI, U+0085 NEL; U+00A0 and é share the lead byte 0xC2/0xC3 but are printable.
    const bmc::Json j = std::string("a\x7f b\xc2\x9b[2J c\xc2\x85 d\xc2\xa0 \xc3\xa9");
    CHECK(bmc::dump(j) == "\"a\\u007f b\\u009b[2J c\\u0085 d\xc2\xa0 \xc3\xa9\"");
    CHECK(bmc::Json::parse(bmc::dump(j)) == j);
    CHECK(bmc::dump(bmc::Json{{"k\x7f", "plain"}}) == "{\"k\\u007f\":\"plain\"}");
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

TEST_CASE("a record with only a name takes the defaults", "[json]") {
    const auto ic = bmc::contact_from_json(json{{"name", "  Ada Lovelace  "}}, today(), now);
    const bmc::Contact& c = ic.contact;
    CHECK(c.name == "Ada Lovelace");
    CHECK_FALSE(ic.has_uuid);
    CHECK(bmc::is_uuid(c.uuid));
    CHECK(c.strength == bmc::Strength::medium);
    CHECK_FALSE(c.every.has_value());
    CHECK(c.emails.empty());
    CHECK(c.phones.empty());
    CHECK(c.tags.empty());
    CHECK_FALSE(c.company.has_value());
    CHECK_FALSE(c.title.has_value());
    CHECK_FALSE(c.met.has_value());
    CHECK(c.met_on == today());
    CHECK_FALSE(c.notes.has_value());
    CHECK_FALSE(c.archived);
    CHECK_FALSE(c.snoozed_until.has_value());
    CHECK(c.created_at == now);
    CHECK(c.updated_at == now);
    CHECK_FALSE(ic.has_updated_at);
    CHECK(ic.interactions.empty());
    // Defaults never invent schedule data; the service computes it.
    CHECK_FALSE(c.next_due.has_value());
    CHECK_FALSE(c.last_interaction.has_value());
}

TEST_CASE("two records without uuid get different fresh uuids", "[json]") {
    const auto a = bmc::contact_from_json(json{{"name", "A"}}, today(), now);
    const auto b = bmc::contact_from_json(json{{"name", "A"}}, today(), now);
    CHECK(a.contact.uuid != b.contact.uuid);
}

TEST_CASE("null fields count as absent", "[json]") {
    const json record = {{"name", "Ada"},          {"uuid", nullptr},     {"strength", nullptr},
                         {"every", nullptr},       {"emails", nullptr},   {"company", nullptr},
                         {"met_on", nullptr},      {"archived", nullptr}, {"updated_at", nullptr},
                         {"interactions", nullptr}};
    const auto ic = bmc::contact_from_json(record, today(), now);
    CHECK_FALSE(ic.has_uuid);
    CHECK(ic.contact.strength == bmc::Strength::medium);
    CHECK_FALSE(ic.contact.every.has_value());
    CHECK(ic.contact.emails.empty());
    CHECK_FALSE(ic.contact.company.has_value());
    CHECK(ic.contact.met_on == today());
    CHECK_FALSE(ic.contact.archived);
    CHECK_FALSE(ic.has_updated_at);
    CHECK(ic.contact.updated_at == now);
    CHECK(ic.interactions.empty());
}

TEST_CASE("a full record is read field by field", "[json]") {
    const json record = {
        {"uuid", "0F8FAD5B-D9CB-469F-A165-70867728950E"},
        {"name", "Ada Lovelace"},
        {"strength", "weak"},
        {"every", "3 weeks"},
        {"emails", json::array({" ada@example.org ", "a@b.c", "ada@example.org"})},
        {"phones", json::array({"+1 555", "+1 555 "})},
        {"company", " Engines "},
        {"title", "Countess"},
        {"tags", json::array({"Math", "writing", "MATH"})},
        {"met", "PyCon"},
        {"met_on", "2024-05-01"},
        {"notes", "line 1\nline 2"},
        {"archived", true},
        {"snoozed_until", "2027-01-02"},
        {"created_at", "2026-01-01T00:00:00Z"},
        {"updated_at", "2026-02-02T10:11:12.345Z"},
        {"next_due", "1999-01-01"}, // derived: ignored on import
        {"interactions", json::array({json{{"uuid", "7c9e6679-7425-40de-944b-e07fc1f90ae7"},
                                           {"date", "2026-03-14"},
                                           {"via", "coffee"},
                                           {"by", "me"},
                                           {"note", "hello"},
                                           {"created_at", "2026-03-14T10:00:00Z"},
                                           {"updated_at", "2026-03-15T10:00:00Z"}},
                                      json{{"date", "2026-04-01"}}})},
    };
    const auto ic = bmc::contact_from_json(record, today(), now);
    const bmc::Contact& c = ic.contact;
    CHECK(ic.has_uuid);
    CHECK(c.uuid == "0f8fad5b-d9cb-469f-a165-70867728950e"); // stored in lower case
    CHECK(c.name == "Ada Lovelace");
    CHECK(c.strength == bmc::Strength::weak);
    REQUIRE(c.every.has_value());
    CHECK(*c.every == bmc::Interval{3, bmc::Interval::Unit::weeks});
    CHECK(c.emails == std::vector<std::string>{"ada@example.org", "a@b.c"});
    CHECK(c.phones == std::vector<std::string>{"+1 555"});
    CHECK(c.company == "Engines");
    CHECK(c.title == "Countess");
    CHECK(c.tags == std::vector<std::string>{"math", "writing"});
    CHECK(c.met == "PyCon");
    CHECK(c.met_on == d("2024-05-01"));
    CHECK(c.notes == "line 1\nline 2");
    CHECK(c.archived);
    CHECK(c.snoozed_until == d("2027-01-02"));
    CHECK(c.created_at == "2026-01-01T00:00:00Z");
    CHECK(c.updated_at == "2026-02-02T10:11:12.345Z");
    CHECK(ic.has_updated_at);
    CHECK_FALSE(c.next_due.has_value());

    REQUIRE(ic.interactions.size() == 2);
    const auto& first = ic.interactions[0];
    CHECK(first.has_uuid);
    CHECK(first.has_updated_at);
    CHECK(first.interaction.uuid == "7c9e6679-7425-40de-944b-e07fc1f90ae7");
    CHECK(first.interaction.date == d("2026-03-14"));
    CHECK(first.interaction.via == "coffee");
    CHECK(first.interaction.by == bmc::Initiator::me);
    CHECK(first.interaction.note == "hello");
    CHECK(first.interaction.created_at == "2026-03-14T10:00:00Z");
    CHECK(first.interaction.updated_at == "2026-03-15T10:00:00Z");
    const auto& second = ic.interactions[1];
    CHECK_FALSE(second.has_uuid);
    CHECK(bmc::is_uuid(second.interaction.uuid));
    CHECK_FALSE(second.has_updated_at);
    CHECK(second.interaction.date == d("2026-04-01"));
    CHECK_FALSE(second.interaction.via.has_value());
    CHECK_FALSE(second.interaction.by.has_value());
    CHECK_FALSE(second.interaction.note.has_value());
    CHECK(second.interaction.created_at == now);
    CHECK(second.interaction.updated_at == now);
}

TEST_CASE("what to_json writes, contact_from_json reads back", "[json]") {
    bmc::Contact original = full_contact();
    const auto ic = bmc::contact_from_json(json::parse(bmc::to_json(original).dump()), today(),
                                           "2030-01-01T00:00:00Z");
    const bmc::Contact& c = ic.contact;
    CHECK(ic.has_uuid);
    CHECK(ic.has_updated_at);
    CHECK(c.uuid == original.uuid);
    CHECK(c.name == original.name);
    CHECK(c.strength == original.strength);
    CHECK(c.every == original.every);
    CHECK(c.emails == original.emails);
    CHECK(c.phones == original.phones);
    CHECK(c.company == original.company);
    CHECK(c.title == original.title);
    CHECK(c.tags == original.tags);
    CHECK(c.met == original.met);
    CHECK(c.met_on == original.met_on);
    CHECK(c.notes == original.notes);
    CHECK(c.archived == original.archived);
    CHECK(c.snoozed_until == original.snoozed_until);
    CHECK(c.created_at == original.created_at);
    CHECK(c.updated_at == original.updated_at);
}

TEST_CASE("a record that is missing its name is refused", "[json]") {
    expect_refused(json::object(), {"field 'name' is missing"});
    expect_refused(json{{"name", nullptr}}, {"field 'name' is missing"});
    expect_refused(json{{"company", "Acme"}}, {"field 'name' is missing"});
    expect_refused(json{{"name", "   "}}, {"the name is empty"});
}

TEST_CASE("a record that is not an object is refused", "[json]") {
    expect_refused(json::array({"Ada"}), {"must be a JSON object", "array"});
    expect_refused(json("Ada"), {"must be a JSON object", "string"});
    expect_refused(json(nullptr), {"must be a JSON object", "null"});
}

TEST_CASE("an unknown strength is refused", "[json]") {
    expect_refused(json{{"name", "Ada"}, {"strength", "stronk"}},
                   {"field 'strength' must be strong, medium or weak", "'stronk'"});
    expect_refused(json{{"name", "Ada"}, {"strength", "Strong"}}, {"field 'strength'", "'Strong'"});
    expect_refused(json{{"name", "Ada"}, {"strength", 1}},
                   {"field 'strength' must be a string", "number"});
}

TEST_CASE("a bad date is refused, naming the field", "[json]") {
    expect_refused(json{{"name", "Ada"}, {"met_on", "2026-02-30"}},
                   {"field 'met_on'", "'2026-02-30'", "does not exist"});
    expect_refused(json{{"name", "Ada"}, {"met_on", "14/03/2026"}},
                   {"invalid field 'met_on'", "'14/03/2026'"});
    expect_refused(json{{"name", "Ada"}, {"snoozed_until", "2026-13-01"}},
                   {"field 'snoozed_until'", "'2026-13-01'"});
    expect_refused(json{{"name", "Ada"}, {"met_on", 20260314}},
                   {"field 'met_on' must be a string", "number"});
}

TEST_CASE("a bad uuid is refused", "[json]") {
    expect_refused(json{{"name", "Ada"}, {"uuid", "not-a-uuid"}},
                   {"field 'uuid' is not a UUID", "'not-a-uuid'"});
    // One hexadecimal digit short, and one with a non-hex digit.
    expect_refused(json{{"name", "Ada"}, {"uuid", "0f8fad5b-d9cb-469f-a165-70867728950"}},
                   {"field 'uuid' is not a UUID"});
    expect_refused(json{{"name", "Ada"}, {"uuid", "0f8fad5b-d9cb-469f-a165-70867728950g"}},
                   {"field 'uuid' is not a UUID"});
    expect_refused(json{{"name", "Ada"}, {"uuid", 42}}, {"field 'uuid' must be a string"});
}

TEST_CASE("fields of the wrong JSON type are refused", "[json]") {
    expect_refused(json{{"name", 42}}, {"field 'name' must be a string", "number"});
    expect_refused(json{{"name", "Ada"}, {"company", true}},
                   {"field 'company' must be a string", "boolean"});
    expect_refused(json{{"name", "Ada"}, {"notes", json::array()}},
                   {"field 'notes' must be a string", "array"});
    expect_refused(json{{"name", "Ada"}, {"emails", "ada@example.org"}},
                   {"field 'emails' must be an array of strings"});
    expect_refused(json{{"name", "Ada"}, {"tags", json::array({"ok", 3})}},
                   {"field 'tags' must be a string", "number"});
    expect_refused(json{{"name", "Ada"}, {"phones", json::object()}},
                   {"field 'phones' must be an array of strings"});
    expect_refused(json{{"name", "Ada"}, {"archived", "yes"}},
                   {"field 'archived' must be true or false"});
    expect_refused(json{{"name", "Ada"}, {"archived", 1}},
                   {"field 'archived' must be true or false"});
    expect_refused(json{{"name", "Ada"}, {"every", 10}}, {"field 'every' must be a string"});
    expect_refused(json{{"name", "Ada"}, {"interactions", json::object()}},
                   {"field 'interactions' must be an array"});
}

TEST_CASE("a bad cadence override is refused", "[json]") {
    expect_refused(json{{"name", "Ada"}, {"every", "fortnightly"}}, {"field 'every'"});
    expect_refused(json{{"name", "Ada"}, {"every", "0d"}}, {"field 'every'"});
}

TEST_CASE("a timestamp that is not ISO 8601 UTC is refused", "[json]") {
    expect_refused(json{{"name", "Ada"}, {"created_at", "yesterday"}},
                   {"field 'created_at' is not an ISO 8601 UTC timestamp", "'yesterday'"});
    expect_refused(json{{"name", "Ada"}, {"updated_at", "2026-11-22 08:15:00"}},
                   {"field 'updated_at' is not an ISO 8601 UTC timestamp"});
    expect_refused(json{{"name", "Ada"}, {"updated_at", "2026-11-22T08:15:00+01:00"}},
                   {"field 'updated_at' is not an ISO 8601 UTC timestamp"});
    expect_refused(json{{"name", "Ada"}, {"updated_at", "2026-02-30T08:15:00Z"}},
                   {"field 'updated_at' has an invalid date"});
}

TEST_CASE("a timestamp whose time of day is not digits is refused", "[json]") {
    // The shape check only looks at the separators, so letters in the time pass; such values
    // then break the string comparison of updated_at that import uses to pick the newer record.
    expect_refused(json{{"name", "Ada"}, {"updated_at", "2026-11-22Tab:cd:efZ"}},
                   {"field 'updated_at'"});
    expect_refused(json{{"name", "Ada"}, {"updated_at", "2026-11-22T99:99:99Z"}},
                   {"field 'updated_at'"});
}

TEST_CASE("bad text values are refused, naming the field", "[json]") {
    expect_refused(json{{"name", "Ada"}, {"tags", json::array({"a,b"})}}, {"comma"});
    expect_refused(json{{"name", "Ada"}, {"tags", json::array({"  "})}}, {"a tag is empty"});
    expect_refused(json{{"name", "Ada"}, {"emails", json::array({""})}}, {"an email is empty"});
    expect_refused(json{{"name", "Ada"}, {"company", std::string(1001, 'x')}},
                   {"field 'company' is too long"});
    expect_refused(json{{"name", std::string("A\x01"
                                             "da")}},
                   {"control characters"});
}

TEST_CASE("bad interactions are refused, naming their position", "[json]") {
    const auto with = [](json interaction) {
        return json{{"name", "Ada"},
                    {"interactions", json::array({json{{"date", "2026-01-01"}}, interaction})}};
    };
    expect_refused(with(json{{"via", "call"}}), {"interaction 2", "has no 'date'"});
    expect_refused(with(json{{"date", "2026-02-30"}}), {"interaction 2", "field 'date'"});
    expect_refused(with(json{{"date", "2026-01-02"}, {"via", "pigeon"}}),
                   {"interaction 2", "unknown channel", "'pigeon'"});
    expect_refused(with(json{{"date", "2026-01-02"}, {"by", "someone"}}),
                   {"interaction 2", "field 'by' must be \"me\" or \"them\"", "'someone'"});
    expect_refused(with(json{{"date", "2026-01-02"}, {"uuid", "nope"}}),
                   {"interaction 2", "field 'uuid' is not a UUID"});
    expect_refused(with(json{{"date", "2026-01-02"}, {"note", 5}}),
                   {"interaction 2", "field 'note' must be a string"});
    expect_refused(with(json{{"date", "2026-01-02"}, {"updated_at", "now"}}),
                   {"interaction 2", "field 'updated_at'"});
    expect_refused(with(json("2026-01-02")), {"interaction 2", "must be an object"});
}

// ---------------------------------------------------------------------------------------------
// due, list and show documents
// ---------------------------------------------------------------------------------------------

namespace {

std::vector<std::string> summary_keys() {
    std::vector<std::string> keys = {"id"};
    keys.insert(keys.end(), contact_keys.begin(), contact_keys.end());
    keys.push_back("days_overdue");
    keys.push_back("last_interaction");
    keys.push_back("followups");
    return keys;
}

bmc::Contact plain(std::int64_t id, const char* name, std::optional<Date> next_due) {
    bmc::Contact c;
    c.id = id;
    c.uuid = bmc::new_uuid();
    c.name = name;
    c.met_on = d("2026-01-01");
    c.created_at = c.updated_at = now;
    c.next_due = next_due;
    c.archived = !next_due.has_value();
    return c;
}

} // namespace

TEST_CASE("due --json has version, today, until and contacts with id, days_overdue, last",
          "[json]") {
    bmc::Interaction last;
    last.uuid = bmc::new_uuid();
    last.date = d("2026-05-01");
    last.created_at = last.updated_at = now;
    bmc::DueReport r;
    r.today = today();
    r.until = d("2026-12-06");
    r.people.push_back({plain(4, "Overdue", d("2026-11-01")), last, {}});
    r.people.push_back({plain(2, "Today", d("2026-11-22")), std::nullopt, {}});
    r.people.push_back({plain(9, "Soon", d("2026-12-06")), std::nullopt, {}});
    const bmc::Json j = bmc::due_to_json(r);
    CHECK(keys_of(j) == std::vector<std::string>{"version", "today", "until", "contacts", "more",
                                                 "dates_until", "coming_up"});
    CHECK(j["version"] == 1);
    CHECK(j["today"] == "2026-11-22");
    CHECK(j["until"] == "2026-12-06");
    REQUIRE(j["contacts"].size() == 3);
    const auto& first = j["contacts"][0];
    CHECK(keys_of(first) == summary_keys());
    CHECK(first["id"] == 4);
    CHECK(first["name"] == "Overdue");
    CHECK(first["days_overdue"] == 21);
    CHECK(keys_of(first["last_interaction"]) == interaction_keys);
    CHECK(first["last_interaction"]["date"] == "2026-05-01");
    CHECK(j["contacts"][1]["days_overdue"] == 0);
    CHECK(j["contacts"][1]["last_interaction"].is_null());
    CHECK(j["contacts"][2]["days_overdue"] == -14);
}

TEST_CASE("list --json has version, today and contacts, archived people are never overdue",
          "[json]") {
    std::vector<bmc::ContactSummary> rows;
    rows.push_back({plain(1, "Archived", std::nullopt), std::nullopt, {}});
    rows.push_back({plain(3, "Later", d("2027-01-01")), std::nullopt, {}});
    const bmc::Json j = bmc::list_to_json(rows, today());
    CHECK(keys_of(j) == std::vector<std::string>{"version", "today", "contacts"});
    CHECK(j["version"] == 1);
    CHECK(j["today"] == "2026-11-22");
    REQUIRE(j["contacts"].size() == 2);
    CHECK(keys_of(j["contacts"][0]) == summary_keys());
    CHECK(j["contacts"][0]["id"] == 1);
    CHECK(j["contacts"][0]["archived"] == true);
    CHECK(j["contacts"][0]["next_due"].is_null());
    CHECK(j["contacts"][0]["days_overdue"].is_null());
    CHECK(j["contacts"][1]["days_overdue"] == -40);
    CHECK(bmc::list_to_json({}, today())["contacts"] == bmc::Json::array());
}

TEST_CASE("show --json adds the cadence and every interaction, newest first", "[json]") {
    bmc::Profile p;
    p.contact = plain(5, "Ada", d("2027-03-01"));
    p.contact.snoozed_until = d("2027-03-01");
    p.schedule.interval = bmc::Interval{4, bmc::Interval::Unit::months};
    p.schedule.source = bmc::IntervalSource::strength;
    p.schedule.anchor = d("2026-09-01");
    p.schedule.anchor_is_interaction = true;
    p.schedule.next_due = d("2027-01-01");
    p.schedule.snoozed_until = d("2027-03-01");
    p.schedule.effective_due = d("2027-03-01");
    for (const char* date : {"2026-09-01", "2026-02-01"}) {
        bmc::Interaction i;
        i.uuid = bmc::new_uuid();
        i.date = d(date);
        i.created_at = i.updated_at = now;
        p.interactions.push_back(i);
    }
    const bmc::Json j = bmc::profile_to_json(p, today());
    std::vector<std::string> keys = summary_keys();
    keys.push_back("cadence");
    keys.push_back("reciprocity");
    keys.push_back("interactions");
    for (const char* key :
         {"introduced_by", "introduced_you_to", "introductions", "birthday", "dates"}) {
        keys.push_back(key);
    }
    CHECK(keys_of(j) == keys);
    CHECK(j["id"] == 5);
    CHECK(j["days_overdue"] == -99);
    CHECK(j["last_interaction"]["date"] == "2026-09-01");
    const auto& cadence = j["cadence"];
    CHECK(keys_of(cadence) == std::vector<std::string>{"interval", "source", "anchor",
                                                       "anchor_kind", "scheduled", "snoozed_until",
                                                       "followup_by", "next_due"});
    CHECK(cadence["interval"] == "4m");
    CHECK(cadence["source"] == "strength");
    CHECK(cadence["anchor"] == "2026-09-01");
    CHECK(cadence["anchor_kind"] == "interaction");
    CHECK(cadence["scheduled"] == "2027-01-01");
    CHECK(cadence["snoozed_until"] == "2027-03-01");
    CHECK(cadence["next_due"] == "2027-03-01");
    REQUIRE(j["interactions"].size() == 2);
    CHECK(j["interactions"][0]["date"] == "2026-09-01");
    CHECK(j["interactions"][1]["date"] == "2026-02-01");

    // No interactions, an override and no snooze in effect.
    p.interactions.clear();
    p.schedule.source = bmc::IntervalSource::override;
    p.schedule.anchor_is_interaction = false;
    p.schedule.snoozed_until.reset();
    p.schedule.effective_due.reset();
    const bmc::Json k = bmc::profile_to_json(p, today());
    CHECK(k["last_interaction"].is_null());
    CHECK(k["interactions"] == bmc::Json::array());
    CHECK(k["cadence"]["source"] == "override");
    CHECK(k["cadence"]["anchor_kind"] == "met_on");
    CHECK(k["cadence"]["snoozed_until"].is_null());
    CHECK(k["cadence"]["next_due"].is_null());
}

TEST_CASE("an export record is to_json plus the interactions, byte for byte", "[json]") {
    bmc::Interaction a;
    a.uuid = "9b2c1d2e-0f3a-4b5c-8d6e-7f8091a2b3c4";
    a.date = d("2026-10-01");
    a.via = "coffee";
    a.by = bmc::Initiator::them;
    a.note = "quotes \" backslash \\ newline \n tab \t bell \x07 ü 日本";
    a.created_at = a.updated_at = now;
    bmc::Interaction b;
    b.uuid = "1b2c1d2e-0f3a-4b5c-8d6e-7f8091a2b3c4";
    b.date = d("2026-10-02");
    b.created_at = b.updated_at = now;

    SECTION("with every field set and text that needs escaping") {
        bmc::Contact c = full_contact();
        c.notes = "line one\nline \"two\" \\ \x1f";
        bmc::Json expected = bmc::to_json(c);
        expected["interactions"] = bmc::Json::array({bmc::to_json(a), bmc::to_json(b)});
        expected["followups"] = bmc::Json::array();
        expected["introduced_by"] = nullptr;
        expected["birthday"] = nullptr;
        expected["dates"] = bmc::Json::array();
        std::string out;
        bmc::append_export_record(out, c, {a, b}, {});
        CHECK(out == bmc::dump(expected));
    }
    SECTION("with nothing optional set and no interactions") {
        bmc::Contact c;
        c.uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
        c.name = "Bare";
        c.created_at = c.updated_at = now;
        bmc::Json expected = bmc::to_json(c);
        expected["interactions"] = bmc::Json::array();
        expected["followups"] = bmc::Json::array();
        expected["introduced_by"] = nullptr;
        expected["birthday"] = nullptr;
        expected["dates"] = bmc::Json::array();
        std::string out;
        bmc::append_export_record(out, c, {}, {});
        CHECK(out == bmc::dump(expected));
    }
    SECTION("DEL and C1 controls are escaped as dump() escapes them") {
        bmc::Contact c = full_contact();
        c.notes = "csi \xc2\x9b[2J del \x7f nbsp \xc2\xa0";
        bmc::Json expected = bmc::to_json(c);
        // Json::array: with one element, braces alone make clang copy the object instead.
        expected["interactions"] = bmc::Json::array({bmc::to_json(a)});
        expected["followups"] = bmc::Json::array();
        expected["introduced_by"] = nullptr;
        expected["birthday"] = nullptr;
        expected["dates"] = bmc::Json::array();
        std::string out;
        bmc::append_export_record(out, c, {a}, {});
        CHECK(out == bmc::dump(expected));
        CHECK(out.find("csi \\u009b[2J del \\u007f nbsp \xc2\xa0") != std::string::npos);
    }
    SECTION("invalid UTF-8 is replaced as dump() replaces it") {
        bmc::Contact c;
        c.uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
        c.name = "bad \xff byte";
        c.created_at = c.updated_at = now;
        bmc::Json expected = bmc::to_json(c);
        expected["interactions"] = bmc::Json::array();
        expected["followups"] = bmc::Json::array();
        expected["introduced_by"] = nullptr;
        expected["birthday"] = nullptr;
        expected["dates"] = bmc::Json::array();
        std::string out;
        bmc::append_export_record(out, c, {}, {});
        CHECK(out == bmc::dump(expected));
        CHECK(json::parse(out)["name"] == "bad \xEF\xBF\xBD byte");
    }
    SECTION("with who introduced them, a birthday and other dates") {
        bmc::Contact c;
        c.uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
        c.name = "Dated";
        c.created_at = c.updated_at = now;
        bmc::ExportConnections extra;
        extra.introduced_by = "1b2c1d2e-0f3a-4b5c-8d6e-7f8091a2b3c4";
        extra.dates = {{1, "birthday", {std::nullopt, 2, 29}}, {1, "anniversary", {2015, 6, 20}}};
        std::string out;
        bmc::append_export_record(out, c, {}, {}, extra);
        const json parsed = json::parse(out);
        CHECK(parsed["introduced_by"] == "1b2c1d2e-0f3a-4b5c-8d6e-7f8091a2b3c4");
        CHECK(parsed["birthday"] == "--02-29");
        CHECK(parsed["dates"] == json::parse(R"([{"label":"anniversary","date":"2015-06-20"}])"));
    }
}

namespace {

// What append_export_record must write: the tree the JSON library dumps.
std::string dumped_record(const bmc::Contact& c, const std::vector<bmc::Interaction>& talks) {
    bmc::Json expected = bmc::to_json(c);
    expected["interactions"] = bmc::Json::array();
    for (const auto& i : talks) {
        expected["interactions"].push_back(bmc::to_json(i));
    }
    expected["followups"] = bmc::Json::array();
    expected["introduced_by"] = nullptr;
    expected["birthday"] = nullptr;
    expected["dates"] = bmc::Json::array();
    return bmc::dump(expected);
}

} // namespace

TEST_CASE("export strings are escaped as dump() escapes them, whatever their bytes and length",
          "[json]") {
    // The writer checks 16 (or 8) bytes at a time and escapes ASCII in the same pass, so every
    // piece is tried at every offset and near every block boundary, alone and mixed with text
    // that takes the general path (UTF-8, C1 controls, invalid bytes).
    const std::vector<std::string> pieces = {"a",
                                             "Z",
                                             " ",
                                             "~",
                                             "\"",
                                             "\\",
                                             "\n",
                                             "\t",
                                             "\r",
                                             "\b",
                                             "\f",
                                             "\x01",
                                             "\x1f",
                                             "\x7f",
                                             "/",
                                             "\xc3\xbc",
                                             "日",
                                             "\xc2\x9b",
                                             "\xc2\xa0",
                                             "\xff",
                                             "\xc3",
                                             "\xed\xa0\x80",
                                             "\xf0\x9f\x98\x80",
                                             "0"};
    std::vector<std::string> texts = {""};
    for (const auto& piece : pieces) {
        for (const std::size_t before : {0u, 1u, 7u, 8u, 15u, 16u, 17u, 31u, 40u}) {
            for (const std::size_t after : {0u, 1u, 9u, 16u}) {
                texts.push_back(std::string(before, 'x') + piece + std::string(after, 'y'));
            }
        }
    }
    // Mixtures: an escape early and a byte from 0x80 on late, and the reverse.
    texts.push_back(std::string(20, 'q') + "\"" + std::string(20, 'r') + "\xc3\xa9" + "s");
    texts.push_back("\xc3\xa9" + std::string(30, 'r') + "\n\x7f");
    texts.push_back(std::string(33, 'p') + "\x7f" + std::string(17, 'p') + "\\");
    for (const auto& text : texts) {
        INFO("text: " << bmc::Json(text).dump(-1, ' ', true, bmc::Json::error_handler_t::replace));
        bmc::Contact c;
        c.uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
        c.name = text;
        c.notes = text;
        c.created_at = c.updated_at = now;
        bmc::Interaction i;
        i.uuid = "9b2c1d2e-0f3a-4b5c-8d6e-7f8091a2b3c4";
        i.date = d("2026-10-01");
        i.note = text;
        i.asked = text;
        i.created_at = i.updated_at = now;
        std::string out = "prefix";
        bmc::append_export_record(out, c, {i}, {});
        CHECK(out == "prefix" + dumped_record(c, {i}));
    }
}

TEST_CASE("export dates are written as format_date() writes them, from year 1 to 9999", "[json]") {
    bmc::Contact c;
    c.uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
    c.name = "Dates";
    c.created_at = c.updated_at = now;
    c.met_on = d("0001-01-01");
    c.snoozed_until = d("9999-12-31");
    c.next_due = d("2000-02-29");
    std::vector<bmc::Interaction> talks;
    for (const char* day : {"0001-01-01", "0999-09-09", "1970-01-01", "2026-11-22", "9999-12-31"}) {
        bmc::Interaction i;
        i.uuid = bmc::new_uuid();
        i.date = d(day);
        i.by = bmc::Initiator::me;
        i.created_at = i.updated_at = now;
        talks.push_back(i);
    }
    std::string out;
    bmc::append_export_record(out, c, talks, {});
    CHECK(out == dumped_record(c, talks));
    CHECK(out.find("\"date\":\"0001-01-01\"") != std::string::npos);
    CHECK(out.find("\"snoozed_until\":\"9999-12-31\"") != std::string::npos);
}

TEST_CASE("an export record written in parts from interaction rows is the whole record", "[json]") {
    bmc::Contact c = full_contact();
    bmc::Interaction a;
    a.id = 7;
    a.contact_id = 3;
    a.uuid = "9b2c1d2e-0f3a-4b5c-8d6e-7f8091a2b3c4";
    a.date = d("2026-10-01");
    a.via = "coffee";
    a.by = bmc::Initiator::them;
    a.note = "";
    a.gave = "a book";
    a.received = "advice \"quoted\"";
    a.asked = "nothing";
    a.created_at = now;
    a.updated_at = "2026-11-22T09:00:00Z";
    bmc::Interaction b;
    b.uuid = "1b2c1d2e-0f3a-4b5c-8d6e-7f8091a2b3c4";
    b.date = d("2026-10-02");
    b.created_at = b.updated_at = now;

    const bmc::InteractionRow row = bmc::interaction_row(a);
    CHECK(row.id == 7);
    CHECK(row.contact_id == 3);
    CHECK(row.uuid == a.uuid);
    CHECK(row.note == std::optional<std::string_view>(""));
    CHECK_FALSE(bmc::interaction_row(b).note.has_value());

    std::string parts;
    bmc::append_export_record_head(parts, c);
    bmc::append_export_interaction(parts, bmc::interaction_row(a), true);
    bmc::append_export_interaction(parts, bmc::interaction_row(b), false);
    bmc::append_export_record_tail(parts, {});
    std::string whole;
    bmc::append_export_record(whole, c, {a, b}, {});
    CHECK(parts == whole);
    CHECK(parts == dumped_record(c, {a, b}));
    const json parsed = json::parse(parts);
    CHECK(parsed["interactions"][0]["note"] == "");
    CHECK(parsed["interactions"][1]["note"].is_null());
    CHECK(parsed["interactions"][0]["by"] == "them");
}
