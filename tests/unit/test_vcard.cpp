// Unit tests for vCard reading and writing (bmc/vcard.hpp) and the content-line helpers they
// share with iCalendar (bmc/content_line.hpp).
#include "bmc/content_line.hpp"
#include "bmc/errors.hpp"
#include "bmc/vcard.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using bmc::parse_vcards;

namespace {

std::vector<std::string> physical_lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto end = text.find("\r\n", pos);
        REQUIRE(end != std::string::npos); // every line ends with CRLF
        out.push_back(text.substr(pos, end - pos));
        pos = end + 2;
    }
    return out;
}

} // namespace

TEST_CASE("text values escape backslash, comma, semicolon and line breaks", "[vcard]") {
    CHECK(bmc::escape_text_value("a\\b,c;d\r\ne\nf") == "a\\\\b\\,c\\;d\\ne\\nf");
    CHECK(bmc::unescape_text_value("a\\\\b\\,c\\;d\\ne\\Nf") == "a\\b,c;d\ne\nf");
    // A lone CR or other control characters can never end the line.
    CHECK(bmc::escape_text_value("x\ry\x01z") == "x\\nyz");
}

TEST_CASE("structured values split on unescaped separators only", "[vcard]") {
    CHECK(bmc::split_escaped("Doe;Jane\\;Q;;", ';') ==
          std::vector<std::string>{"Doe", "Jane;Q", "", ""});
}

TEST_CASE("long lines fold at 75 octets without splitting UTF-8 characters", "[vcard]") {
    std::string value = "NOTE:";
    for (int i = 0; i < 60; ++i) {
        value += "\xC3\xA9"; // é, two octets
    }
    const std::string folded = bmc::fold_content_line(value);
    const auto lines = physical_lines(folded);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].size() <= 75);
    CHECK(lines[1].size() <= 75);
    CHECK(lines[1][0] == ' ');
    // The fold never falls between the two octets of é.
    CHECK(static_cast<unsigned char>(lines[1][1]) == 0xC3);
    // Unfolding gives back the line.
    const auto unfolded = bmc::unfold_lines(folded);
    REQUIRE(unfolded.size() == 1);
    CHECK(unfolded[0].text == value);
}

TEST_CASE("a short line is not folded", "[vcard]") {
    CHECK(bmc::fold_content_line("FN:Ada") == "FN:Ada\r\n");
}

TEST_CASE("vCard 2.1 quoted-printable with charset and soft line breaks decodes", "[vcard]") {
    const std::string text =
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller\r\n"
        "NOTE;ENCODING=QUOTED-PRINTABLE:line one=0D=0Aline tw=\r\n"
        "o\r\n"
        "ORG;CHARSET=ISO-8859-1;QUOTED-PRINTABLE:Caf=E9\r\n"
        "TEL;CELL;PREF:+49 170 1234567\r\n"
        "END:VCARD\r\n";
    const auto cards = parse_vcards(text);
    REQUIRE(cards.size() == 1);
    CHECK(cards[0].version == "2.1");
    CHECK(cards[0].fn == "J\xC3\xBCrgen M\xC3\xBCller");
    CHECK(cards[0].note == "line one\r\nline two");
    CHECK(cards[0].org == "Caf\xC3\xA9");
    CHECK(cards[0].tels == std::vector<std::string>{"+49 170 1234567"});
}

TEST_CASE("folded 3.0 lines, groups, escapes and categories are read", "[vcard]") {
    const std::string text = "BEGIN:VCARD\nVERSION:3.0\nN:Hamilton;Margaret;;;\n"
                             "FN:Margaret Hamilton\nORG:Hamilton Tech\\, Inc.;Software\n"
                             "item1.EMAIL;type=INTERNET:mh@example.net\n"
                             "NOTE:first\\, second\\nthird part that is\n  folded\n"
                             "CATEGORIES:space,Software\nUID:abc-123\nX-UNKNOWN:ignored\n"
                             "END:VCARD\n";
    const auto cards = parse_vcards(text);
    REQUIRE(cards.size() == 1);
    const auto& c = cards[0];
    CHECK(c.n == std::vector<std::string>{"Hamilton", "Margaret", "", "", ""});
    CHECK(c.org == "Hamilton Tech, Inc.");
    CHECK(c.emails == std::vector<std::string>{"mh@example.net"});
    CHECK(c.note == "first, second\nthird part that is folded");
    CHECK(c.categories == std::vector<std::string>{"space", "Software"});
    CHECK(c.uid == "abc-123");
}

TEST_CASE("4.0 URIs in TEL and EMAIL lose their scheme", "[vcard]") {
    const auto cards = parse_vcards("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:K\r\n"
                                    "TEL;VALUE=uri;TYPE=\"voice,cell\":tel:+1-757-555-0199\r\n"
                                    "EMAIL:mailto:k@example.gov\r\nEND:VCARD\r\n");
    REQUIRE(cards.size() == 1);
    CHECK(cards[0].tels == std::vector<std::string>{"+1-757-555-0199"});
    CHECK(cards[0].emails == std::vector<std::string>{"k@example.gov"});
}

TEST_CASE("BDAY forms: full dates, basic format and --MMDD without a year", "[vcard]") {
    const auto full = bmc::parse_bday("1985-03-14");
    REQUIRE(full);
    CHECK(full->year == 1985);
    CHECK(full->month == 3);
    CHECK(full->day == 14);
    CHECK(bmc::parse_bday("19850314")->day == 14);
    const auto no_year = bmc::parse_bday("--0229");
    REQUIRE(no_year);
    CHECK_FALSE(no_year->year);
    CHECK(no_year->month == 2);
    CHECK(no_year->day == 29);
    CHECK(bmc::parse_bday("--08-04")->month == 8);
    CHECK(bmc::parse_bday("1985-03-14T00:00:00Z")->year == 1985);
    CHECK_FALSE(bmc::parse_bday("2023-02-29"));
    CHECK_FALSE(bmc::parse_bday("sometime in May"));
    // Found by fuzzing: year 0000 came through as year 0, which bmc cannot store or write back.
    const auto zero = bmc::parse_bday("0000-11-01");
    REQUIRE(zero);
    CHECK_FALSE(zero->year);
    CHECK(zero->month == 11);
    CHECK(zero->day == 1);
}

TEST_CASE("Apple's BDAY without a year (X-APPLE-OMIT-YEAR) has no year", "[vcard]") {
    const auto cards = bmc::parse_vcards("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\n"
                                         "BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-14\r\nEND:VCARD\r\n"
                                         "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Old\r\n"
                                         "BDAY:1604-03-14\r\nEND:VCARD\r\n");
    REQUIRE(cards.size() == 2);
    CHECK(cards[0].bday == bmc::YearlyDate{std::nullopt, 3, 14});
    CHECK(cards[1].bday == bmc::YearlyDate{1604, 3, 14});
}

TEST_CASE("several cards in one document are all read", "[vcard]") {
    const auto cards = parse_vcards("BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\nEND:VCARD\n");
    REQUIRE(cards.size() == 2);
    CHECK(cards[1].fn == "B");
    CHECK(cards[1].line == 4);
}

TEST_CASE("malformed vCards are rejected with the line", "[vcard]") {
    CHECK_THROWS_WITH(parse_vcards("BEGIN:VCARD\nFN:A\n"),
                      Catch::Contains("line 1") && Catch::Contains("END:VCARD"));
    CHECK_THROWS_WITH(parse_vcards("FN:A\n"), Catch::Contains("line 1"));
    CHECK_THROWS_WITH(parse_vcards("BEGIN:VCARD\nFN:A\nno colon here\nEND:VCARD\n"),
                      Catch::Contains("line 3"));
    CHECK_THROWS_WITH(parse_vcards("BEGIN:VCARD\nFN;ENCODING=QUOTED-PRINTABLE:A=Z1\nEND:VCARD\n"),
                      Catch::Contains("line 2"));
    CHECK_THROWS_WITH(parse_vcards("BEGIN:VCARD\nFN;CHARSET=KOI8-R:x\nEND:VCARD\n"),
                      Catch::Contains("CHARSET"));
    CHECK_THROWS_AS(parse_vcards("hello"), bmc::DataError);
    CHECK_THROWS_AS(parse_vcards(""), bmc::DataError);
}

TEST_CASE("written cards are CRLF, escaped, folded and read back", "[vcard]") {
    bmc::VCard card;
    card.uid = "0b9f6c3e-1d2a-4f5b-8c7d-9e0f1a2b3c4d";
    card.fn = "Ada Lovelace";
    card.emails = {"ada@example.org"};
    card.org = "Engines, Ltd.";
    card.note = "line one\nline two; with a very long tail that certainly needs folding "
                "because it is longer than seventy-five octets \xC3\xA9\xC3\xA9";
    card.categories = {"math", "writing"};
    card.bday = bmc::YearlyDate{std::nullopt, 3, 14};
    card.rev = "20261122T101500Z";
    for (const int version : {3, 4}) {
        const std::string text = bmc::write_vcard(card, version);
        for (const auto& line : physical_lines(text)) {
            CHECK(line.size() <= 75);
        }
        CHECK(text.find(version == 4 ? "VERSION:4.0\r\n" : "VERSION:3.0\r\n") != std::string::npos);
        CHECK(text.find("N:Lovelace;Ada;;;\r\n") != std::string::npos);
        CHECK(text.find("ORG:Engines\\, Ltd.\r\n") != std::string::npos);
        CHECK(text.find(version == 4 ? "UID:urn:uuid:0b9f" : "UID:0b9f") != std::string::npos);
        const auto back = parse_vcards(text);
        REQUIRE(back.size() == 1);
        CHECK(back[0].fn == card.fn);
        CHECK(back[0].note == card.note);
        CHECK(back[0].org == card.org);
        CHECK(back[0].categories == card.categories);
        CHECK(back[0].bday->month == 3);
        CHECK(bmc::uuid_for_uid(*back[0].uid) == *card.uid);
    }
}

TEST_CASE("UIDs become stable UUIDs", "[vcard]") {
    CHECK(bmc::uuid_for_uid("urn:uuid:0B9F6C3E-1D2A-4F5B-8C7D-9E0F1A2B3C4D") ==
          "0b9f6c3e-1d2a-4f5b-8c7d-9e0f1a2b3c4d");
    const std::string a = bmc::uuid_for_uid("khard-7c1e2b");
    CHECK(a == bmc::uuid_for_uid("khard-7c1e2b"));
    CHECK(a != bmc::uuid_for_uid("khard-7c1e2c"));
    CHECK(a.size() == 36);
    CHECK(a[14] == '8');
}
