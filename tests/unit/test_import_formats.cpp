// Unit tests for the import readers (bmc/import_formats.hpp), on the fixture files in
// tests/fixtures: every field of every record is checked.
#include "bmc/import_formats.hpp"

#include "bmc/csv.hpp"
#include "bmc/dates.hpp"
#include "bmc/errors.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using Strings = std::vector<std::string>;

namespace {

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(BMC_FIXTURES_DIR) + "/" + name, std::ios::binary);
    REQUIRE(in);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

bmc::Date ymd(int y, unsigned m, unsigned d) {
    return bmc::Date{date::year{y}, date::month{m}, date::day{d}};
}

} // namespace

TEST_CASE("LinkedIn: preamble, BOM, quoted commas and empty emails", "[import_formats]") {
    const auto people = bmc::read_linkedin_csv(fixture("linkedin_connections.csv"), "c.csv");
    REQUIRE(people.size() == 4);
    const auto& ada = people[0];
    CHECK(ada.where == "c.csv line 5");
    CHECK(ada.name == "Ada Lovelace");
    CHECK(ada.emails == Strings{"ada@example.org"});
    CHECK(ada.company == "Analytical Engines, Ltd.");
    CHECK(ada.title == "Chief Mathematician");
    CHECK(ada.met_on == ymd(2024, 3, 4));
    CHECK(ada.met == "LinkedIn");
    CHECK(ada.notes == "LinkedIn: https://www.linkedin.com/in/ada-lovelace");
    CHECK(ada.phones.empty());
    CHECK(ada.tags.empty()); // the tag comes from the import options
    CHECK_FALSE(ada.uuid);
    const auto& grace = people[1];
    CHECK(grace.emails.empty());
    CHECK(grace.title == "Rear Admiral, Retired");
    CHECK(grace.met_on == ymd(2023, 1, 17));
    CHECK(people[2].name == "\xC3\x89lodie Durand");
    CHECK(people[2].title == "Data Scientist \"ML\"");
    CHECK(people[2].met_on == ymd(2021, 12, 1));
    CHECK(people[3].company == std::nullopt);
    CHECK(people[3].met_on == ymd(2020, 2, 28));
}

TEST_CASE("LinkedIn: a file without the header row or with a bad date is refused",
          "[import_formats]") {
    CHECK_THROWS_WITH(bmc::read_linkedin_csv("Name,Email\nAda,a@b\n", "x.csv"),
                      Catch::Contains("no LinkedIn header row"));
    CHECK_THROWS_WITH(bmc::read_linkedin_csv(fixture("malformed_bad_date.csv"), "bad.csv"),
                      Catch::Contains("bad.csv line 3") && Catch::Contains("32 Foo 2023"));
    CHECK_THROWS_WITH(bmc::read_linkedin_csv(fixture("malformed_unclosed_quote.csv"), "q.csv"),
                      Catch::Contains("q.csv line 2"));
}

TEST_CASE("Google, old layout: Name, Group Membership, ::: multi-values", "[import_formats]") {
    const auto people = bmc::read_google_csv(fixture("google_old.csv"), "g.csv");
    REQUIRE(people.size() == 2); // the row with nothing in it is skipped
    const auto& b = people[0];
    CHECK(b.name == "Barbara Liskov");
    CHECK(b.emails == Strings{"barbara@example.edu", "liskov@example.org"});
    CHECK(b.phones == Strings{"+1 617 555 0142"});
    CHECK(b.company == "MIT");
    CHECK(b.title == "Institute Professor");
    CHECK(b.tags == Strings{"Research"});
    CHECK(b.notes == "Met at the SOSP dinner, talked about CLU");
    REQUIRE(b.birthday);
    CHECK(b.birthday->year == 1939);
    CHECK(b.birthday->month == 11);
    const auto& d = people[1];
    CHECK(d.name == "Donald E. Knuth"); // Given + Additional + Family when Name is empty
    CHECK(d.tags == Strings{"Books", "Research"});
    CHECK(d.company == "Stanford");
    CHECK(d.title == std::nullopt);
}

TEST_CASE("Google, current layout: First/Last Name, Labels", "[import_formats]") {
    const auto people = bmc::read_google_csv(fixture("google_new.csv"), "g.csv");
    REQUIRE(people.size() == 2);
    const auto& f = people[0];
    CHECK(f.name == "Frances Allen");
    CHECK(f.emails == Strings{"fran@example.com"});
    CHECK(f.phones == Strings{"+1 914 555 0110", "+1 914 555 0111", "+1 914 555 0120"});
    CHECK(f.company == "IBM");
    CHECK(f.title == "Fellow");
    CHECK(f.tags == Strings{"Mentors"});
    CHECK(f.notes == "Compilers; ask about\r\nthe PTRAN project");
    REQUIRE(f.birthday);
    CHECK_FALSE(f.birthday->year);
    CHECK(f.birthday->day == 4);
    const auto& t = people[1];
    CHECK(t.name == "Tim Berners-Lee");
    CHECK(t.emails == Strings{"tim@example.org", "timbl@example.net"});
    CHECK(t.tags == Strings{"Friends"});
    CHECK(t.where == "g.csv line 4"); // the quoted line break in the row above counts
}

TEST_CASE("Google: a CSV that is not from Google is refused", "[import_formats]") {
    CHECK_THROWS_WITH(bmc::read_google_csv("name,email\nAda,a@b\n", "x.csv"),
                      Catch::Contains("no Google Contacts header"));
}

TEST_CASE("bmc CSV: every column, lists and line breaks", "[import_formats]") {
    const auto people = bmc::read_bmc_csv(fixture("bmc_people.csv"), "p.csv");
    REQUIRE(people.size() == 2);
    const auto& a = people[0];
    CHECK(a.name == "Ada Lovelace");
    CHECK(a.emails == Strings{"ada@example.org", "countess@example.org"});
    CHECK(a.phones == Strings{"+44 20 7946 0000"});
    CHECK(a.company == "Analytical Engines, Ltd.");
    CHECK(a.title == "Mathematician");
    CHECK(a.tags == Strings{"math", "writing"});
    CHECK(a.strength == bmc::Strength::strong);
    CHECK(a.met == "PyCon 2024");
    CHECK(a.met_on == ymd(2024, 5, 17));
    CHECK(a.notes == "Loves poetry\r\nand engines");
    const auto& g = people[1];
    CHECK(g.name == "Grace Hopper");
    CHECK(g.emails.empty());
    CHECK(g.tags == Strings{"compilers"});
    CHECK_FALSE(g.strength);
    CHECK_FALSE(g.met_on);
}

TEST_CASE("bmc CSV: unknown columns, bad values and missing name are refused", "[import_formats]") {
    CHECK_THROWS_WITH(bmc::read_bmc_csv("name,emial\nAda,a\n", "x.csv"),
                      Catch::Contains("unknown column 'emial'"));
    CHECK_THROWS_WITH(bmc::read_bmc_csv("email\na@b\n", "x.csv"), Catch::Contains("\"name\""));
    CHECK_THROWS_WITH(bmc::read_bmc_csv("name,strength\nAda,huge\n", "x.csv"),
                      Catch::Contains("x.csv line 2"));
    CHECK_THROWS_WITH(bmc::read_bmc_csv("name,met_on\nAda,04/03/2024\n", "x.csv"),
                      Catch::Contains("x.csv line 2"));
    CHECK_THROWS_WITH(bmc::read_bmc_csv("name\nAda,extra\n", "x.csv"),
                      Catch::Contains("x.csv line 2"));
}

TEST_CASE("bmc CSV: a written contact reads back the same", "[import_formats]") {
    bmc::Contact c;
    c.uuid = "0b9f6c3e-1d2a-4f5b-8c7d-9e0f1a2b3c4d";
    c.name = "Ada, Countess";
    c.emails = {"a@example.org", "b@example.org"};
    c.phones = {"+44 1"};
    c.company = "Engines \"Ltd\"";
    c.tags = {"math", "writing"};
    c.strength = bmc::Strength::weak;
    c.met_on = ymd(2024, 1, 2);
    c.notes = "two\nlines";
    const bmc::YearlyDate birthday{std::nullopt, 2, 29};
    std::string text =
        bmc::csv_row(bmc::bmc_csv_columns()) + bmc::csv_row(bmc::bmc_csv_fields(c, birthday));
    CHECK(text.rfind(
              "name,email,phone,company,title,tags,strength,met,met_on,birthday,notes,uuid\r\n",
              0) == 0);
    const auto back = bmc::read_bmc_csv(text, "x.csv");
    REQUIRE(back.size() == 1);
    CHECK(back[0].birthday == birthday);
    CHECK(back[0].name == c.name);
    CHECK(back[0].emails == c.emails);
    CHECK(back[0].phones == c.phones);
    CHECK(back[0].company == c.company);
    CHECK(back[0].tags == c.tags);
    CHECK(back[0].strength == c.strength);
    CHECK(back[0].met_on == c.met_on);
    CHECK(back[0].notes == c.notes);
    CHECK(back[0].uuid == c.uuid);
}

TEST_CASE("vCard: Android 2.1 quoted-printable cards", "[import_formats]") {
    const auto people = bmc::read_vcard_people(fixture("android_21.vcf"), "a.vcf");
    REQUIRE(people.size() == 2);
    const auto& j = people[0];
    CHECK(j.where == "a.vcf line 1");
    CHECK(j.name == "J\xC3\xBCrgen M\xC3\xBCller");
    CHECK(j.phones == Strings{"+49 170 1234567", "+49 30 9876543"});
    CHECK(j.emails == Strings{"juergen@example.de"});
    CHECK(j.company == "B\xC3\xA4"
                       "ckerei M\xC3\xBCller");
    CHECK(j.notes == "Backt das beste Brot in Kreuzberg.\r\nFragen nach dem Sauerteig-Rezept.");
    REQUIRE(j.birthday);
    CHECK(j.birthday->year == 1975);
    CHECK_FALSE(j.uuid);
    const auto& c = people[1];
    CHECK(c.name == "Claire Dupont");
    CHECK(c.notes == "Rencontr\xC3\xA9"
                     "e \xC3\xA0 la conf\xC3\xA9rence");
}

TEST_CASE("vCard: folded 3.0 and 4.0 cards with UIDs", "[import_formats]") {
    const auto v3 = bmc::read_vcard_people(fixture("folded_30.vcf"), "3.vcf");
    REQUIRE(v3.size() == 1);
    const auto& m = v3[0];
    CHECK(m.name == "Margaret Hamilton");
    CHECK(m.company == "Hamilton Technologies, Inc.");
    CHECK(m.title == "Founder");
    CHECK(m.emails == Strings{"margaret@example.com", "mh@example.net"});
    CHECK(m.phones == Strings{"+1 617 555 0100"});
    CHECK(m.tags == Strings{"space", "Software"});
    CHECK(m.notes == "Led the Apollo flight software team; wrote \"software engineering\" in the "
                     "1960s.\nLoves long walks.");
    CHECK(m.uuid == "6f1a8f3e-7a55-4c8b-9c2b-2d4e5f6a7b8c");
    CHECK(m.birthday->month == 8);
    const auto v4 = bmc::read_vcard_people(fixture("folded_40.vcf"), "4.vcf");
    REQUIRE(v4.size() == 2);
    CHECK(v4[0].name == "Katherine Johnson");
    CHECK(v4[0].uuid == "0b9f6c3e-1d2a-4f5b-8c7d-9e0f1a2b3c4d");
    CHECK(v4[0].phones == Strings{"+1-757-555-0199"});
    CHECK(v4[0].title == "Research Mathematician at the Langley Research Center, Flight "
                         "Research Division");
    CHECK_FALSE(v4[0].birthday->year);
    CHECK(v4[0].birthday->day == 26);
    CHECK(v4[1].name == "Linus Torvalds");
    CHECK(v4[1].uuid == bmc::uuid_for_uid("khard-7c1e2b"));
}

TEST_CASE("vCard: malformed files name the file and line", "[import_formats]") {
    CHECK_THROWS_WITH(bmc::read_vcard_people(fixture("malformed_no_end.vcf"), "n.vcf"),
                      Catch::Contains("n.vcf line 5"));
    CHECK_THROWS_WITH(bmc::read_vcard_people(fixture("malformed_bad_qp.vcf"), "q.vcf"),
                      Catch::Contains("q.vcf line 7"));
}

TEST_CASE("bmc CSV: the birthday column takes YYYY-MM-DD or --MM-DD", "[import_formats]") {
    const auto people =
        bmc::read_bmc_csv("name,birthday\nAda,1815-12-10\nGrace,--12-09\nAlan,\n", "b.csv");
    REQUIRE(people.size() == 3);
    CHECK(people[0].birthday == bmc::YearlyDate{1815, 12, 10});
    CHECK(people[1].birthday == bmc::YearlyDate{std::nullopt, 12, 9});
    CHECK_FALSE(people[2].birthday);
    CHECK_THROWS_WITH(bmc::read_bmc_csv("name,birthday\nAda,1815-02-30\n", "b.csv"),
                      Catch::StartsWith("b.csv line 2: ") && Catch::Contains("birthday"));
    CHECK_THROWS_WITH(bmc::read_bmc_csv("name,birthday,age\nAda,,3\n", "b.csv"),
                      Catch::Contains("unknown column 'age'"));
}

TEST_CASE("a contact's vCard carries the birthday as BDAY", "[import_formats]") {
    bmc::Contact c;
    c.uuid = "0b9f6c3e-1d2a-4f5b-8c7d-9e0f1a2b3c4d";
    c.name = "Ada Lovelace";
    const auto with_year = bmc::write_vcard(
        bmc::contact_to_vcard(c, bmc::YearlyDate{1815, 12, 10}, "20261122T000000Z"), 4);
    CHECK(with_year.find("\r\nBDAY:18151210\r\n") != std::string::npos);
    const auto without = bmc::write_vcard(
        bmc::contact_to_vcard(c, bmc::YearlyDate{std::nullopt, 2, 29}, "20261122T000000Z"), 4);
    CHECK(without.find("\r\nBDAY:--0229\r\n") != std::string::npos);
    const auto none =
        bmc::write_vcard(bmc::contact_to_vcard(c, std::nullopt, "20261122T000000Z"), 4);
    CHECK(none.find("BDAY") == std::string::npos);
    const auto back = bmc::read_vcard_people(without, "x.vcf");
    REQUIRE(back.size() == 1);
    CHECK(back[0].birthday == bmc::YearlyDate{std::nullopt, 2, 29});
}
