// vCard (RFC 2426 3.0, RFC 6350 4.0 and the older 2.1 that phones still export): reading cards
// into a plain model and writing them back. Pure: no I/O, no database.
#pragma once

#include "bmc/important_dates.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bmc {

// The properties of one card that bmc understands. Unknown properties are skipped.
struct VCard {
    std::size_t line = 0; // where BEGIN:VCARD is
    std::string version;  // "2.1", "3.0" or "4.0" as the card says
    std::optional<std::string> uid;
    std::optional<std::string> fn;
    std::vector<std::string> n; // family, given, additional, prefixes, suffixes
    std::vector<std::string> emails;
    std::vector<std::string> tels;
    std::optional<std::string> org; // the organisation's name (first ORG component)
    std::optional<std::string> title;
    std::optional<std::string> note;
    std::vector<std::string> categories;
    std::optional<YearlyDate> bday; // the year may be missing (`BDAY:--0314`)
    std::optional<std::string> rev;
    // bmc's own extensions, so that an export imports back without loss.
    std::optional<std::string> x_strength; // X-BMC-STRENGTH
    std::optional<std::string> x_met;      // X-BMC-MET
    std::optional<std::string> x_met_on;   // X-BMC-MET-ON (YYYY-MM-DD)
};

// Parses every card of a document (one or many BEGIN:VCARD … END:VCARD blocks). Handles CRLF or
// LF, folded lines, RFC 6350 escaping, group prefixes (`item1.EMAIL`), vCard 2.1 bare parameters
// and ENCODING=QUOTED-PRINTABLE with soft line breaks and CHARSET (UTF-8, ISO-8859-1,
// Windows-1252). Throws DataError naming the line for a document that is not a vCard, a card
// without END:VCARD, text outside a card, a property line without a colon, broken
// quoted-printable or an unsupported charset.
std::vector<VCard> parse_vcards(std::string_view text);

// Parses a BDAY value: 1985-03-14, 19850314, --0314, --03-14 (a time part is ignored); year 0000
// means the year is not known.
std::optional<YearlyDate> parse_bday(std::string_view value);

// Writes one card as vCard 4.0 (`version` 4) or 3.0 (`version` 3): CRLF line ends, lines folded
// at 75 octets, text escaped. N is derived from `fn` when empty.
std::string write_vcard(const VCard& card, int version);

// A stable UUID for a card UID that is not a UUID itself (FNV-1a based, the same text always
// gives the same UUID). A UUID (also as "urn:uuid:…") is returned in lower case.
std::string uuid_for_uid(std::string_view uid);

} // namespace bmc
