// The "content line" syntax that vCard (RFC 6350) and iCalendar (RFC 5545) share: text escaping,
// folding long lines at 75 octets, and unfolding them again. Pure string functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bmc {

// Escapes a TEXT value: backslash, comma and semicolon get a backslash, a line break (CRLF, CR or
// LF) becomes "\n". Other control characters are dropped, so a value can never end a line and
// start a property of its own.
std::string escape_text_value(std::string_view value);

// Undoes escape_text_value: "\n" and "\N" become a line feed, "\," "\;" "\\" "\:" the character.
std::string unescape_text_value(std::string_view value);

// Splits a structured value (N, ORG, CATEGORIES) on an unescaped `separator` and unescapes each
// part.
std::vector<std::string> split_escaped(std::string_view value, char separator);

// One content line, folded so that no physical line is longer than 75 octets (not counting the
// line break) and never inside a UTF-8 character; each physical line ends with CRLF and
// continuation lines start with one space.
std::string fold_content_line(std::string_view line);

// A logical line of a vCard or iCalendar file and the physical line it starts on (1-based).
struct ContentLine {
    std::size_t line = 0;
    std::string text;
};

// Splits a document into logical lines: accepts CRLF or LF, joins lines that start with a space or
// a tab to the previous one (dropping that one character), drops empty lines and a leading byte
// order mark. Quoted-printable soft line breaks are not handled here (see vcard.hpp).
std::vector<ContentLine> unfold_lines(std::string_view text);

} // namespace bmc
