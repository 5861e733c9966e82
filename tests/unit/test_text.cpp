// Unit tests for the text utilities (bmc/text.hpp).
#include "bmc/text.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

// U+FFFD REPLACEMENT CHARACTER in UTF-8.
const std::string replacement = "\xEF\xBF\xBD";

} // namespace

// ---------------------------------------------------------------------------------------------
// is_valid_utf8
// ---------------------------------------------------------------------------------------------

TEST_CASE("well-formed UTF-8 is valid", "[text]") {
    CHECK(bmc::is_valid_utf8(""));
    CHECK(bmc::is_valid_utf8("hello, world"));
    CHECK(bmc::is_valid_utf8(std::string_view("a\0b", 3)));
    CHECK(bmc::is_valid_utf8("\xC3\x89lodie"));                 // Élodie: 2-byte sequence
    CHECK(bmc::is_valid_utf8("\xC5\x81ukasz"));                 // Łukasz: 2-byte sequence
    CHECK(bmc::is_valid_utf8("\xE2\x82\xAC"));                  // €: 3-byte sequence
    CHECK(bmc::is_valid_utf8("\xF0\x9F\x98\x80"));              // U+1F600: 4-byte sequence
    CHECK(bmc::is_valid_utf8("\xC2\x80"));                      // U+0080: smallest 2-byte
    CHECK(bmc::is_valid_utf8("\xE0\xA0\x80"));                  // U+0800: smallest 3-byte
    CHECK(bmc::is_valid_utf8("\xF0\x90\x80\x80"));              // U+10000: smallest 4-byte
    CHECK(bmc::is_valid_utf8("\xED\x9F\xBF"));                  // U+D7FF: just below the surrogates
    CHECK(bmc::is_valid_utf8("\xEE\x80\x80"));                  // U+E000: just above the surrogates
    CHECK(bmc::is_valid_utf8("\xF4\x8F\xBF\xBF"));              // U+10FFFF: the last code point
    CHECK(bmc::is_valid_utf8("\xEF\xBF\xBD"));                  // U+FFFD itself
    CHECK(bmc::is_valid_utf8("Fran\xC3\xA7oise \xE6\x9D\x8E")); // mixed
}

TEST_CASE("overlong encodings are invalid", "[text]") {
    CHECK_FALSE(bmc::is_valid_utf8("\xC0\xAF"));         // '/' in two bytes
    CHECK_FALSE(bmc::is_valid_utf8("\xC0\x80"));         // NUL in two bytes
    CHECK_FALSE(bmc::is_valid_utf8("\xC1\xBF"));         // U+007F in two bytes
    CHECK_FALSE(bmc::is_valid_utf8("\xE0\x80\xAF"));     // '/' in three bytes
    CHECK_FALSE(bmc::is_valid_utf8("\xE0\x9F\xBF"));     // U+07FF in three bytes
    CHECK_FALSE(bmc::is_valid_utf8("\xF0\x80\x80\xAF")); // '/' in four bytes
    CHECK_FALSE(bmc::is_valid_utf8("\xF0\x8F\xBF\xBF")); // U+FFFF in four bytes
}

TEST_CASE("UTF-16 surrogates are invalid", "[text]") {
    CHECK_FALSE(bmc::is_valid_utf8("\xED\xA0\x80"));             // U+D800
    CHECK_FALSE(bmc::is_valid_utf8("\xED\xBF\xBF"));             // U+DFFF
    CHECK_FALSE(bmc::is_valid_utf8("\xED\xA0\xBD\xED\xB8\x80")); // a CESU-8 pair
}

TEST_CASE("truncated sequences are invalid", "[text]") {
    CHECK_FALSE(bmc::is_valid_utf8("\xC3"));
    CHECK_FALSE(bmc::is_valid_utf8("\xE2\x82"));
    CHECK_FALSE(bmc::is_valid_utf8("\xF0\x9F\x98"));
    CHECK_FALSE(bmc::is_valid_utf8("abc\xF0\x9F\x98"));
    CHECK_FALSE(bmc::is_valid_utf8("\xE2\x82"
                                   "abc")); // lead byte followed by ASCII
    CHECK_FALSE(bmc::is_valid_utf8("\xC3\x28"));
}

TEST_CASE("code points past U+10FFFF and stray bytes are invalid", "[text]") {
    CHECK_FALSE(bmc::is_valid_utf8("\xF4\x90\x80\x80"));     // U+110000
    CHECK_FALSE(bmc::is_valid_utf8("\xF5\x80\x80\x80"));     // lead byte F5
    CHECK_FALSE(bmc::is_valid_utf8("\xF7\xBF\xBF\xBF"));     // U+1FFFFF
    CHECK_FALSE(bmc::is_valid_utf8("\xF8\x88\x80\x80\x80")); // old 5-byte form
    CHECK_FALSE(bmc::is_valid_utf8("\xFE"));
    CHECK_FALSE(bmc::is_valid_utf8("\xFF"));
    CHECK_FALSE(bmc::is_valid_utf8("\x80")); // lone continuation byte
    CHECK_FALSE(bmc::is_valid_utf8("a\xBF"
                                   "b"));            // continuation byte between ASCII
    CHECK_FALSE(bmc::is_valid_utf8("\xC3\x89\x89")); // valid É then a stray continuation
}

// ---------------------------------------------------------------------------------------------
// trim
// ---------------------------------------------------------------------------------------------

TEST_CASE("trim removes leading and trailing ASCII white space only", "[text]") {
    CHECK(bmc::trim("  Alice Smith  ") == "Alice Smith");
    CHECK(bmc::trim("\t\r\n Alice \f\v") == "Alice");
    CHECK(bmc::trim("Alice") == "Alice");
    CHECK(bmc::trim("a  b") == "a  b");
    CHECK(bmc::trim("") == "");
    CHECK(bmc::trim(" \t\n ") == "");
    CHECK(bmc::trim(" x") == "x");
    CHECK(bmc::trim("x ") == "x");
    // A no-break space (U+00A0) is not ASCII white space.
    CHECK(bmc::trim("\xC2\xA0x") == "\xC2\xA0x");
}

// ---------------------------------------------------------------------------------------------
// fold_case
// ---------------------------------------------------------------------------------------------

TEST_CASE("fold_case lower-cases ASCII letters and keeps everything else", "[text]") {
    CHECK(bmc::fold_case("Alice SMITH") == "alice smith");
    CHECK(bmc::fold_case("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "abcdefghijklmnopqrstuvwxyz");
    CHECK(bmc::fold_case("already lower") == "already lower");
    CHECK(bmc::fold_case("O'Brien-Smith 3rd @ACME!") == "o'brien-smith 3rd @acme!");
    CHECK(bmc::fold_case("[\\]^_`{|}~@") == "[\\]^_`{|}~@");
    CHECK(bmc::fold_case("") == "");
}

TEST_CASE("fold_case lower-cases accented Latin capitals", "[text]") {
    CHECK(bmc::fold_case("\xC3\x89LODIE") == "\xC3\xA9lodie");  // ÉLODIE -> élodie
    CHECK(bmc::fold_case("\xC5\x81ukasz") == "\xC5\x82ukasz");  // Łukasz -> łukasz
    CHECK(bmc::fold_case("\xC5\x81UKASZ") == "\xC5\x82ukasz");  // ŁUKASZ -> łukasz
    CHECK(bmc::fold_case("\xC3\x80\xC3\x96\xC3\x98\xC3\x9E") == // ÀÖØÞ
          "\xC3\xA0\xC3\xB6\xC3\xB8\xC3\xBE");                  // àöøþ
    CHECK(bmc::fold_case("\xC3\x87"
                         "ELIK") == "\xC3\xA7"
                                    "elik");         // ÇELIK -> çelik
    CHECK(bmc::fold_case("\xC4\x9E") == "\xC4\x9F"); // Ğ -> ğ
    CHECK(bmc::fold_case("\xC4\x8C") == "\xC4\x8D"); // Č -> č
    CHECK(bmc::fold_case("\xC5\xB9") == "\xC5\xBA"); // Ź -> ź
    CHECK(bmc::fold_case("\xC5\xBD") == "\xC5\xBE"); // Ž -> ž
    CHECK(bmc::fold_case("\xC5\x87") == "\xC5\x88"); // Ň -> ň
    CHECK(bmc::fold_case("\xC5\x90") == "\xC5\x91"); // Ő -> ő
    CHECK(bmc::fold_case("\xC5\x9A") == "\xC5\x9B"); // Ś -> ś
    CHECK(bmc::fold_case("\xC5\xB8") == "\xC3\xBF"); // Ÿ -> ÿ
}

TEST_CASE("fold_case leaves small letters and non-letters alone", "[text]") {
    CHECK(bmc::fold_case("\xC3\xA9lodie") == "\xC3\xA9lodie");       // élodie
    CHECK(bmc::fold_case("\xC5\x82ukasz") == "\xC5\x82ukasz");       // łukasz
    CHECK(bmc::fold_case("\xC5\x88") == "\xC5\x88");                 // ň
    CHECK(bmc::fold_case("\xC4\xB8") == "\xC4\xB8");                 // ĸ
    CHECK(bmc::fold_case("\xC3\x97") == "\xC3\x97");                 // × is not a letter
    CHECK(bmc::fold_case("\xC3\x9F") == "\xC3\x9F");                 // ß
    CHECK(bmc::fold_case("\xC3\xBF") == "\xC3\xBF");                 // ÿ
    CHECK(bmc::fold_case("\xE2\x82\xAC") == "\xE2\x82\xAC");         // €
    CHECK(bmc::fold_case("\xF0\x9F\x98\x80") == "\xF0\x9F\x98\x80"); // emoji
    CHECK(bmc::fold_case("\xE6\x9D\x8E") == "\xE6\x9D\x8E");         // 李
}

TEST_CASE("fold_case lower-cases basic Greek and Cyrillic capitals", "[text]") {
    CHECK(bmc::fold_case("\xCE\x91\xCE\x92\xCE\x93") == "\xCE\xB1\xCE\xB2\xCE\xB3"); // ΑΒΓ
    CHECK(bmc::fold_case("\xCE\xA9") == "\xCF\x89");                                 // Ω -> ω
    CHECK(bmc::fold_case("\xD0\x9F\xD0\x81\xD0\xA2\xD0\xA0") ==                      // ПЁТР
          "\xD0\xBF\xD1\x91\xD1\x82\xD1\x80");                                       // пётр
    CHECK(bmc::fold_case("\xD0\xAF") == "\xD1\x8F");                                 // Я -> я
}

TEST_CASE("fold_case makes different capitalisations equal and is idempotent", "[text]") {
    CHECK(bmc::fold_case("\xC3\x89lodie") == bmc::fold_case("\xC3\xA9LODIE"));
    CHECK(bmc::fold_case("\xC5\x81ukasz") == bmc::fold_case("\xC5\x82UKASZ"));
    const std::string once = bmc::fold_case("\xC3\x89LODIE \xC5\x81UKASZ Alice");
    CHECK(bmc::fold_case(once) == once);
}

TEST_CASE("fold_case keeps invalid bytes as they are", "[text]") {
    CHECK(bmc::fold_case("A\xFF"
                         "B") == "a\xFF"
                                 "b");
    CHECK(bmc::fold_case("\xC0\xAF"
                         "X") == "\xC0\xAF"
                                 "x");
}

// ---------------------------------------------------------------------------------------------
// terminal_safe
// ---------------------------------------------------------------------------------------------

TEST_CASE("terminal_safe leaves ordinary text untouched", "[text]") {
    CHECK(bmc::terminal_safe("Alice Smith <alice@example.com>") ==
          "Alice Smith <alice@example.com>");
    CHECK(bmc::terminal_safe("\xC3\x89lodie \xC5\x81ukasz \xF0\x9F\x98\x80") ==
          "\xC3\x89lodie \xC5\x81ukasz \xF0\x9F\x98\x80");
    CHECK(bmc::terminal_safe("\xC2\xA0") == "\xC2\xA0"); // U+00A0 is printable
    CHECK(bmc::terminal_safe("") == "");
}

TEST_CASE("terminal_safe escapes terminal control sequences", "[text]") {
    CHECK(bmc::terminal_safe("\x1b[31m") == "\\x1b[31m");
    CHECK(bmc::terminal_safe("\x1b[31mred\x1b[0m") == "\\x1b[31mred\\x1b[0m");
    CHECK(bmc::terminal_safe("bell\x07") == "bell\\x07");
    CHECK(bmc::terminal_safe(std::string_view("a\0b", 3)) == "a\\x00b");
    CHECK(bmc::terminal_safe("\x1f") == "\\x1f");
    CHECK(bmc::terminal_safe("\x08") == "\\x08");
}

TEST_CASE("terminal_safe escapes DEL and C1 controls", "[text]") {
    CHECK(bmc::terminal_safe("\x7f") == "\\x7f");
    CHECK(bmc::terminal_safe("\xC2\x9B"
                             "31m") == "\\x9b31m"); // U+009B CSI
    CHECK(bmc::terminal_safe("\xC2\x80") == "\\x80");
    CHECK(bmc::terminal_safe("\xC2\x9F") == "\\x9f");
    CHECK(bmc::terminal_safe("\xC2\x85") == "\\x85"); // NEL
}

TEST_CASE("terminal_safe handles line breaks by mode", "[text]") {
    SECTION("single line (the default): newlines, tabs and returns become spaces") {
        CHECK(bmc::terminal_safe("a\nb") == "a b");
        CHECK(bmc::terminal_safe("a\nb", true) == "a b");
        CHECK(bmc::terminal_safe("a\tb", true) == "a b");
        CHECK(bmc::terminal_safe("a\r\nb", true) == "a  b");
    }
    SECTION("multi-line: newlines and tabs are kept, a carriage return is escaped") {
        CHECK(bmc::terminal_safe("a\nb", false) == "a\nb");
        CHECK(bmc::terminal_safe("a\tb", false) == "a\tb");
        CHECK(bmc::terminal_safe("a\rb", false) == "a\\x0db");
        CHECK(bmc::terminal_safe("line 1\n\x1b[2Jline 2", false) == "line 1\n\\x1b[2Jline 2");
    }
}

TEST_CASE("terminal_safe replaces invalid UTF-8 with U+FFFD", "[text]") {
    CHECK(bmc::terminal_safe("\xFF") == replacement);
    CHECK(bmc::terminal_safe("a\xFF"
                             "b") == "a" + replacement + "b");
    CHECK(bmc::terminal_safe("\x80") == replacement);

    for (const std::string_view bad :
         {std::string_view("x\xC0\xAFy"), std::string_view("x\xED\xA0\x80y"),
          std::string_view("x\xE2\x82y"), std::string_view("x\xF4\x90\x80\x80y")}) {
        const std::string out = bmc::terminal_safe(bad);
        INFO("output = " << out);
        CHECK(bmc::is_valid_utf8(out));
        CHECK(out.front() == 'x');
        CHECK(out.back() == 'y');
        CHECK(out.find(replacement) == 1u);
        CHECK(out.find_first_not_of(replacement, 1) == out.size() - 1);
    }
}

namespace {

// terminal_safe as the specification says it, one code point at a time with no fast paths: the
// implementation copies runs of printable ASCII and valid sequences as they are, and must give
// exactly this.
std::string terminal_safe_reference(std::string_view s, bool single_line) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        std::size_t len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;
        if (b >= 0x80 && ((b & 0xC0) == 0x80 || b >= 0xF8 || i + len > s.size() ||
                          !bmc::is_valid_utf8(s.substr(i, len)))) {
            out += replacement;
            ++i;
            continue;
        }
        const std::string_view ch = s.substr(i, len);
        i += len;
        const bool c1 = ch.size() == 2 && static_cast<unsigned char>(ch[0]) == 0xC2 &&
                        static_cast<unsigned char>(ch[1]) < 0xA0;
        if (ch == "\n" || ch == "\t" || (ch == "\r" && single_line)) {
            out += single_line ? std::string(" ") : std::string(ch);
        } else if ((ch.size() == 1 && (b < 0x20 || b == 0x7F)) || c1) {
            const unsigned cp = c1 ? static_cast<unsigned char>(ch[1]) : b;
            out += "\\x";
            out += "0123456789abcdef"[cp >> 4];
            out += "0123456789abcdef"[cp & 0xF];
        } else {
            out += ch;
        }
    }
    return out;
}

// truncate by its definition: measure the whole, then keep the characters that fit in one
// column less than `width`, and add the ellipsis.
std::string truncate_reference(std::string_view s, std::size_t width) {
    if (bmc::display_width(s) <= width || width == 0) {
        return std::string(width == 0 ? std::string_view{} : s);
    }
    std::string out;
    std::size_t cols = 0;
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        std::size_t len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;
        if (i + len > s.size() || !bmc::is_valid_utf8(s.substr(i, len))) {
            len = 1;
        }
        cols += bmc::display_width(s.substr(i, len));
        if (cols > width - 1) {
            break;
        }
        out.append(s.substr(i, len));
        i += len;
    }
    return out + "…";
}

} // namespace

TEST_CASE("terminal_safe, display_width and truncate agree with their plain definitions",
          "[text]") {
    // Pseudo-random strings (a fixed seed) built from pieces that exercise every branch: runs of
    // printable ASCII, controls, DEL, C1 controls, valid 2-4 byte sequences, wide and zero-width
    // characters, and broken sequences.
    const std::vector<std::string> pieces = {"abc",
                                             " ",
                                             "Z~",
                                             "\n",
                                             "\t",
                                             "\r",
                                             "\x1b[31m",
                                             "\x7f",
                                             "\xC2\x85",
                                             "\xC2\xA0",
                                             "\xC3\x89",
                                             "\xE2\x82\xAC",
                                             "\xE4\xB8\xAD",
                                             "\xCC\x81",
                                             "\xF0\x9F\x98\x80",
                                             "\xFF",
                                             "\x80",
                                             "\xC0\xAF",
                                             "\xED\xA0\x80",
                                             "\xE2\x82",
                                             "\xF4\x90\x80\x80",
                                             std::string(1, '\0'),
                                             "a very long run of text"};
    std::uint32_t state = 20261123;
    const auto next = [&state] {
        state = state * 1664525u + 1013904223u;
        return state >> 8;
    };
    for (int round = 0; round < 2000; ++round) {
        std::string s;
        const std::uint32_t n = next() % 12;
        for (std::uint32_t k = 0; k < n; ++k) {
            s += pieces[next() % pieces.size()];
        }
        INFO("input bytes: " << s.size() << " round " << round);
        for (const bool single_line : {true, false}) {
            CHECK(bmc::terminal_safe(s, single_line) == terminal_safe_reference(s, single_line));
        }
        // The width of terminal-safe text is the sum of its characters' widths.
        std::size_t width = 0;
        const std::string safe = bmc::terminal_safe(s);
        for (std::size_t i = 0, len = 0; i < safe.size(); i += len) {
            const auto b = static_cast<unsigned char>(safe[i]);
            len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;
            width += bmc::display_width(safe.substr(i, len));
        }
        CHECK(bmc::display_width(safe) == width);
        for (const std::size_t w : {0u, 1u, 2u, 3u, 8u, 20u}) {
            CHECK(bmc::truncate(s, w) == truncate_reference(s, w)); // raw bytes too
            const std::string cut = bmc::truncate(safe, w);
            CHECK(cut == truncate_reference(safe, w));
            CHECK(bmc::display_width(cut) <= w);
            if (w > 0) { // width 0 gives "" even for text of zero width (a combining mark)
                CHECK((cut == safe) == (bmc::display_width(safe) <= w));
            }
            if (cut != safe) {
                CHECK(safe.rfind(cut.substr(0, cut.size() - std::string("…").size()), 0) == 0);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// display_width, pad_right, truncate
// ---------------------------------------------------------------------------------------------

TEST_CASE("display_width counts terminal columns, not bytes", "[text]") {
    CHECK(bmc::display_width("") == 0u);
    CHECK(bmc::display_width("Alice") == 5u);
    CHECK(bmc::display_width("\xC3\x89lodie") == 6u); // 7 bytes
    CHECK(bmc::display_width("\xC5\x81ukasz") == 6u); // 7 bytes
    CHECK(bmc::display_width("\xE2\x82\xAC"
                             "5") == 2u); // €5, 4 bytes
    CHECK(bmc::display_width("a b") == 3u);
}

TEST_CASE("display_width: wide characters take two columns, combining marks none", "[text]") {
    CHECK(bmc::display_width("\xE6\x9D\x8E\xE5\xB0\x8F\xE9\xBE\x8D") == 6u); // 李小龍
    CHECK(bmc::display_width("\xEA\xB9\x80 Kim") == 6u);                     // 김 Kim
    CHECK(bmc::display_width("\xEF\xBC\xA1") == 2u);                         // fullwidth A
    CHECK(bmc::display_width("\xF0\x9F\x98\x80") == 2u);                     // 😀
    CHECK(bmc::display_width("Jose\xCC\x81") == 4u); // José with a combining acute accent
    CHECK(bmc::display_width("a\xE2\x80\x8B"
                             "b") == 2u); // a zero-width space
    CHECK(bmc::display_width("\xFF"
                             "a") == 2u); // an invalid byte counts as one column
    CHECK(bmc::display_width(bmc::pad_right("\xE6\x9D\x8E", 5)) == 5u);
    CHECK(bmc::pad_right("\xE6\x9D\x8E", 5) == "\xE6\x9D\x8E   ");
}

TEST_CASE("truncate never splits a wide character or drops a combining mark", "[text]") {
    // 李小龍王 is 8 columns; in 5 columns two characters fit before the ellipsis.
    CHECK(bmc::truncate("\xE6\x9D\x8E\xE5\xB0\x8F\xE9\xBE\x8D\xE7\x8E\x8B", 5) ==
          "\xE6\x9D\x8E\xE5\xB0\x8F\xE2\x80\xA6");
    CHECK(bmc::display_width(bmc::truncate("\xE6\x9D\x8E\xE5\xB0\x8F\xE9\xBE\x8D", 4)) <= 4u);
    CHECK(bmc::truncate("Jose\xCC\x81 Garc\xC3\xAD"
                        "a",
                        5) == "Jose\xCC\x81\xE2\x80\xA6");
}

TEST_CASE("pad_right pads to a display width and never truncates", "[text]") {
    CHECK(bmc::pad_right("ab", 5) == "ab   ");
    CHECK(bmc::pad_right("abc", 4) == "abc ");
    CHECK(bmc::pad_right("", 3) == "   ");
    CHECK(bmc::pad_right("abc", 3) == "abc");
    CHECK(bmc::pad_right("abcdef", 3) == "abcdef");
    CHECK(bmc::pad_right("abc", 0) == "abc");
    CHECK(bmc::pad_right("\xC3\x89lodie", 8) == "\xC3\x89lodie  ");
    CHECK(bmc::display_width(bmc::pad_right("\xC5\x81ukasz", 10)) == 10u);
}

TEST_CASE("truncate shortens to a display width ending in an ellipsis", "[text]") {
    SECTION("text that fits is unchanged") {
        CHECK(bmc::truncate("abcdef", 10) == "abcdef");
        CHECK(bmc::truncate("abcdef", 6) == "abcdef");
        CHECK(bmc::truncate("\xC3\x89lodie", 6) == "\xC3\x89lodie");
        CHECK(bmc::truncate("", 3) == "");
    }
    SECTION("text that does not fit is cut and ends in an ellipsis") {
        CHECK(bmc::truncate("abcdef", 5) == "abcd\xE2\x80\xA6");
        CHECK(bmc::truncate("abcdef", 2) == "a\xE2\x80\xA6");
        CHECK(bmc::truncate("abcdef", 1) == "\xE2\x80\xA6");
        CHECK(bmc::display_width(bmc::truncate("abcdefghij", 7)) == 7u);
    }
    SECTION("multi-byte characters are never split") {
        CHECK(bmc::truncate("\xC3\x89lodie Dupont", 7) == "\xC3\x89lodie\xE2\x80\xA6");
        CHECK(bmc::truncate("\xC5\x81ukasz", 3) == "\xC5\x81u\xE2\x80\xA6");
        // An emoji takes two columns: in three, one fits before the ellipsis; in two, none.
        CHECK(bmc::truncate("\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80", 3) ==
              "\xF0\x9F\x98\x80\xE2\x80\xA6");
        CHECK(bmc::truncate("\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80", 2) ==
              "\xE2\x80\xA6");
        CHECK(bmc::is_valid_utf8(bmc::truncate("\xE6\x9D\x8E\xE6\x9D\x8E\xE6\x9D\x8E", 2)));
    }
    SECTION("zero width gives an empty string") {
        CHECK(bmc::truncate("abcdef", 0) == "");
        CHECK(bmc::truncate("", 0) == "");
    }
}

// ---------------------------------------------------------------------------------------------
// quote
// ---------------------------------------------------------------------------------------------

TEST_CASE("quote wraps text in single quotes", "[text]") {
    CHECK(bmc::quote("Alice") == "'Alice'");
    CHECK(bmc::quote("") == "''");
    CHECK(bmc::quote("\xC3\x89lodie") == "'\xC3\x89lodie'");
}

TEST_CASE("quote makes text terminal-safe and single-line", "[text]") {
    CHECK(bmc::quote("\x1b[31mx") == "'\\x1b[31mx'");
    CHECK(bmc::quote("two\nlines") == "'two lines'");
    CHECK(bmc::quote("bad\xFF") == "'bad" + replacement + "'");
}

TEST_CASE("quote cuts long text after 60 columns", "[text]") {
    const std::string sixty(60, 'x');
    CHECK(bmc::quote(sixty) == "'" + sixty + "'");

    const std::string long_text(200, 'y');
    const std::string out = bmc::quote(long_text);
    CHECK(out == "'" + std::string(59, 'y') + "\xE2\x80\xA6'");
    CHECK(bmc::display_width(out) == 62u);

    CHECK(bmc::quote(std::string(61, 'z')) == "'" + std::string(59, 'z') + "\xE2\x80\xA6'");
}

// ---------------------------------------------------------------------------------------------
// edit_distance
// ---------------------------------------------------------------------------------------------

TEST_CASE("edit_distance is the Levenshtein distance", "[text]") {
    CHECK(bmc::edit_distance("", "") == 0u);
    CHECK(bmc::edit_distance("alice", "alice") == 0u);
    CHECK(bmc::edit_distance("abc", "") == 3u);
    CHECK(bmc::edit_distance("", "abc") == 3u);
    CHECK(bmc::edit_distance("kitten", "sitting") == 3u);
    CHECK(bmc::edit_distance("sitting", "kitten") == 3u);
    CHECK(bmc::edit_distance("flaw", "lawn") == 2u);
    CHECK(bmc::edit_distance("alice", "alise") == 1u);  // substitution
    CHECK(bmc::edit_distance("alice", "alce") == 1u);   // deletion
    CHECK(bmc::edit_distance("alice", "allice") == 1u); // insertion
    CHECK(bmc::edit_distance("ab", "ba") == 2u);        // no transpositions
    CHECK(bmc::edit_distance("bob", "alice") == 5u);
}

TEST_CASE("edit_distance ignores case", "[text]") {
    CHECK(bmc::edit_distance("Alice", "ALICE") == 0u);
    CHECK(bmc::edit_distance("Alice", "ALISE") == 1u);
    CHECK(bmc::edit_distance("\xC3\x89LODIE", "\xC3\xA9lodie") == 0u); // ÉLODIE / élodie
    CHECK(bmc::edit_distance("\xC5\x81ukasz", "\xC5\x82UKASZ") == 0u); // Łukasz / łUKASZ
}

TEST_CASE("edit_distance counts bytes of the folded strings", "[text]") {
    // é is two bytes and e is one: one substitution plus one deletion.
    CHECK(bmc::edit_distance("\xC3\xA9lodie", "elodie") == 2u);
}

TEST_CASE("parse_whole_number takes plain digits within the bounds", "[text]") {
    using bmc::parse_whole_number;
    CHECK(parse_whole_number("1", 1, 10) == 1);
    CHECK(parse_whole_number("10", 1, 10) == 10);
    CHECK(parse_whole_number("007", 1, 10) == 7);
    CHECK(parse_whole_number("9223372036854775807", 1, INT64_MAX) == INT64_MAX);
    // Outside the bounds, or too large for 64 bits.
    CHECK_FALSE(parse_whole_number("0", 1, 10));
    CHECK_FALSE(parse_whole_number("11", 1, 10));
    CHECK_FALSE(parse_whole_number("9223372036854775808", 1, INT64_MAX));
    // Anything but digits: signs, spaces, fractions, words, nothing.
    for (const char* bad : {"", "-1", "+1", " 1", "1 ", "1.0", "1e2", "0x5", "five", "#3"}) {
        INFO(bad);
        CHECK_FALSE(parse_whole_number(bad, 0, 100));
    }
}
