// RFC 4180 comma-separated values: reading a whole document into rows of fields, and writing
// fields so that any reader following the RFC gets them back unchanged. Pure: no I/O.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace bmc {

// One record of a CSV document and the line it starts on (1-based, counting physical lines, so a
// quoted field holding a newline makes the next record start two lines further on).
struct CsvRow {
    std::size_t line = 0;
    std::vector<std::string> fields;
};

// Parses a whole document. Accepts a UTF-8 byte order mark at the start, CRLF or LF line ends,
// quoted fields with doubled quotes ("") and commas, CR and LF inside them, and a last line
// without a line end. Blank lines (no bytes at all) are skipped. Throws DataError naming the line
// for a quote that is never closed or text after a closing quote (`"a"b`).
std::vector<CsvRow> parse_csv(std::string_view text);

// One field as it must be written: quoted (with inner quotes doubled) when it holds a comma, a
// quote, CR or LF, starts or ends with a space, or starts with U+FEFF (which would pass for a
// byte order mark); unchanged otherwise.
std::string csv_field(std::string_view value);

// A record: the fields joined by commas, ended with CRLF as RFC 4180 asks.
std::string csv_row(const std::vector<std::string>& fields);

} // namespace bmc
