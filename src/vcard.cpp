#include "bmc/vcard.hpp"

#include "bmc/content_line.hpp"
#include "bmc/errors.hpp"
#include "bmc/text.hpp"
#include "bmc/uuid.hpp"

#include <date/date.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace bmc {

namespace {

std::string upper(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
        return static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    });
    return out;
}

DataError at(std::size_t line, const std::string& what) {
    return DataError("line " + std::to_string(line) + ": " + what,
                     "fix the card; nothing was imported");
}

// A property line split into its name (upper case, group removed), parameters (upper-cased
// names, values as written; bare 2.1 parameters are stored as TYPE or ENCODING) and raw value.
struct Property {
    std::string name;
    std::vector<std::pair<std::string, std::string>> params;
    std::string value;

    std::optional<std::string> param(std::string_view key) const {
        for (const auto& [k, v] : params) {
            if (k == key) {
                return v;
            }
        }
        return std::nullopt;
    }
};

std::optional<Property> split_property(std::string_view text) {
    // The value starts at the first colon outside a quoted parameter value.
    bool quoted = false;
    std::size_t colon = std::string_view::npos;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '"') {
            quoted = !quoted;
        } else if (text[i] == ':' && !quoted) {
            colon = i;
            break;
        }
    }
    if (colon == std::string_view::npos) {
        return std::nullopt;
    }
    Property p;
    p.value = std::string(text.substr(colon + 1));
    std::string_view head = text.substr(0, colon);
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    quoted = false;
    for (std::size_t i = 0; i <= head.size(); ++i) {
        if (i < head.size() && head[i] == '"') {
            quoted = !quoted;
        } else if (i == head.size() || (head[i] == ';' && !quoted)) {
            parts.push_back(head.substr(start, i - start));
            start = i + 1;
        }
    }
    std::string_view name = parts.front();
    if (const auto dot = name.rfind('.'); dot != std::string_view::npos) {
        name.remove_prefix(dot + 1);
    }
    p.name = upper(trim(name));
    for (std::size_t i = 1; i < parts.size(); ++i) {
        const std::string_view part = parts[i];
        const auto eq = part.find('=');
        if (eq == std::string_view::npos) {
            const std::string bare = upper(trim(part));
            const bool encoding = bare == "QUOTED-PRINTABLE" || bare == "BASE64" || bare == "8BIT";
            p.params.emplace_back(encoding ? "ENCODING" : "TYPE", bare);
        } else {
            std::string v(trim(part.substr(eq + 1)));
            if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
                v = v.substr(1, v.size() - 2);
            }
            p.params.emplace_back(upper(trim(part.substr(0, eq))), v);
        }
    }
    return p;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

std::string decode_quoted_printable(std::string_view value, std::size_t line) {
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] != '=') {
            out += value[i];
            continue;
        }
        if (i + 2 >= value.size()) {
            throw at(line, "a quoted-printable '=' is not followed by two hex digits");
        }
        const int hi = hex_value(value[i + 1]);
        const int lo = hex_value(value[i + 2]);
        if (hi < 0 || lo < 0) {
            throw at(line, "a quoted-printable '=' is not followed by two hex digits");
        }
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

// Windows-1252 characters 0x80-0x9F that differ from ISO-8859-1, as UTF-8.
const char* const cp1252_high[32] = {
    "\u20AC", "",       "\u201A", "\u0192", "\u201E", "\u2026", "\u2020", "\u2021",
    "\u02C6", "\u2030", "\u0160", "\u2039", "\u0152", "",       "\u017D", "",
    "",       "\u2018", "\u2019", "\u201C", "\u201D", "\u2022", "\u2013", "\u2014",
    "\u02DC", "\u2122", "\u0161", "\u203A", "\u0153", "",       "\u017E", "\u0178"};

std::string latin_to_utf8(std::string_view bytes, bool windows) {
    std::string out;
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x80) {
            out += ch;
        } else if (windows && c < 0xA0) {
            out += cp1252_high[c - 0x80];
        } else {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

// The decoded value of a property: quoted-printable and charset handled, still escaped.
std::string raw_value(const Property& p, std::size_t line) {
    std::string value = p.value;
    const auto encoding = p.param("ENCODING");
    if (encoding && upper(*encoding) == "QUOTED-PRINTABLE") {
        value = decode_quoted_printable(value, line);
    }
    const std::string charset = upper(p.param("CHARSET").value_or("UTF-8"));
    if (charset == "ISO-8859-1" || charset == "LATIN1") {
        return latin_to_utf8(value, false);
    }
    if (charset == "WINDOWS-1252" || charset == "CP1252") {
        return latin_to_utf8(value, true);
    }
    if (charset != "UTF-8" && charset != "US-ASCII") {
        throw at(line, "unsupported CHARSET " + quote(charset));
    }
    if (!is_valid_utf8(value)) {
        throw at(line, "the value is not valid UTF-8");
    }
    return value;
}

std::optional<std::string> non_empty(std::string s) {
    const std::string_view t = trim(s);
    if (t.empty()) {
        return std::nullopt;
    }
    return std::string(t);
}

std::string strip_prefix_ci(std::string value, std::string_view prefix) {
    if (upper(value.substr(0, prefix.size())) == upper(prefix)) {
        value.erase(0, prefix.size());
    }
    return value;
}

} // namespace

std::optional<YearlyDate> parse_bday(std::string_view value) {
    value = trim(value);
    if (const auto t = value.find('T'); t != std::string_view::npos) {
        value = value.substr(0, t);
    }
    std::string digits;
    bool no_year = false;
    if (value.substr(0, 2) == "--") {
        no_year = true;
        value.remove_prefix(2);
    }
    for (const char c : value) {
        if (c >= '0' && c <= '9') {
            digits += c;
        } else if (c != '-') {
            return std::nullopt;
        }
    }
    YearlyDate b;
    if (no_year && digits.size() == 4) {
        b.month = static_cast<unsigned>(std::stoi(digits.substr(0, 2)));
        b.day = static_cast<unsigned>(std::stoi(digits.substr(2, 2)));
    } else if (!no_year && digits.size() == 8) {
        // Year 0000 is how some phones write a birthday without its year.
        if (const int year = std::stoi(digits.substr(0, 4)); year > 0) {
            b.year = year;
        }
        b.month = static_cast<unsigned>(std::stoi(digits.substr(4, 2)));
        b.day = static_cast<unsigned>(std::stoi(digits.substr(6, 2)));
    } else {
        return std::nullopt;
    }
    const int year = b.year.value_or(2000); // a leap year, so --0229 is fine
    const date::year_month_day ymd{date::year{year}, date::month{b.month}, date::day{b.day}};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    return b;
}

std::vector<VCard> parse_vcards(std::string_view text) {
    const auto lines = unfold_lines(text);
    std::vector<VCard> cards;
    std::optional<VCard> card;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::size_t line = lines[i].line;
        std::string logical = lines[i].text;
        auto prop = split_property(logical);
        if (!prop) {
            throw at(line, "expected a property (NAME:value), found " + quote(logical));
        }
        // vCard 2.1 quoted-printable soft line breaks: a value ending in '=' goes on.
        const auto encoding = prop->param("ENCODING");
        if (encoding && upper(*encoding) == "QUOTED-PRINTABLE") {
            while (!prop->value.empty() && prop->value.back() == '=' && i + 1 < lines.size()) {
                prop->value.pop_back();
                prop->value += lines[++i].text;
            }
        }
        const std::string& name = prop->name;
        if (name == "BEGIN" && upper(trim(prop->value)) == "VCARD") {
            if (card) {
                throw at(line, "BEGIN:VCARD inside the card that starts on line " +
                                   std::to_string(card->line) + " (is its END:VCARD missing?)");
            }
            card = VCard{};
            card->line = line;
            continue;
        }
        if (!card) {
            throw at(line, "expected BEGIN:VCARD, found " + quote(logical));
        }
        if (name == "END" && upper(trim(prop->value)) == "VCARD") {
            cards.push_back(std::move(*card));
            card.reset();
            continue;
        }
        const auto value = [&] { return raw_value(*prop, line); };
        const auto text_value = [&] { return non_empty(unescape_text_value(value())); };
        if (name == "VERSION") {
            card->version = std::string(trim(prop->value));
        } else if (name == "FN") {
            card->fn = text_value();
        } else if (name == "N") {
            card->n = split_escaped(value(), ';');
        } else if (name == "EMAIL") {
            if (auto v = text_value()) {
                card->emails.push_back(strip_prefix_ci(*v, "mailto:"));
            }
        } else if (name == "TEL") {
            if (auto v = text_value()) {
                card->tels.push_back(strip_prefix_ci(*v, "tel:"));
            }
        } else if (name == "ORG") {
            const auto parts = split_escaped(value(), ';');
            if (!parts.empty()) {
                card->org = non_empty(parts.front());
            }
        } else if (name == "TITLE") {
            card->title = text_value();
        } else if (name == "NOTE") {
            card->note = text_value();
        } else if (name == "CATEGORIES") {
            for (auto& c : split_escaped(value(), ',')) {
                if (auto v = non_empty(c)) {
                    card->categories.push_back(*v);
                }
            }
        } else if (name == "BDAY") {
            card->bday = parse_bday(value());
            // Apple Contacts writes a birthday without its year as 1604-03-14 with
            // X-APPLE-OMIT-YEAR=1604.
            if (const auto omit = prop->param("X-APPLE-OMIT-YEAR");
                card->bday && card->bday->year && omit &&
                trim(*omit) == std::to_string(*card->bday->year)) {
                card->bday->year.reset();
            }
        } else if (name == "UID") {
            card->uid = non_empty(value());
        } else if (name == "REV") {
            card->rev = non_empty(value());
        } else if (name == "X-BMC-STRENGTH") {
            card->x_strength = text_value();
        } else if (name == "X-BMC-MET") {
            card->x_met = text_value();
        } else if (name == "X-BMC-MET-ON") {
            card->x_met_on = text_value();
        }
        // Anything else (PHOTO, ADR, URL, X-…) is not bmc's business.
    }
    if (card) {
        throw at(card->line, "the card has no END:VCARD");
    }
    if (cards.empty()) {
        throw DataError("no BEGIN:VCARD found: this is not a vCard file",
                        "export contacts as vCard (.vcf); nothing was imported");
    }
    return cards;
}

std::string write_vcard(const VCard& card, int version) {
    std::string out;
    const auto put = [&](std::string_view line) { out += fold_content_line(line); };
    put("BEGIN:VCARD");
    put(version == 3 ? "VERSION:3.0" : "VERSION:4.0");
    if (card.uid) {
        put("UID:" + std::string(version == 3 ? "" : "urn:uuid:") + *card.uid);
    }
    const std::string fn = card.fn.value_or("");
    put("FN:" + escape_text_value(fn));
    std::vector<std::string> n = card.n;
    if (n.empty()) {
        // Family name: the last word; given names: the rest.
        const std::string_view t = trim(fn);
        const auto space = t.rfind(' ');
        if (space == std::string_view::npos) {
            n = {std::string(t), ""};
        } else {
            n = {std::string(t.substr(space + 1)), std::string(trim(t.substr(0, space)))};
        }
    }
    n.resize(5);
    std::string nline = "N:";
    for (std::size_t i = 0; i < n.size(); ++i) {
        nline += (i > 0 ? ";" : "") + escape_text_value(n[i]);
    }
    put(nline);
    for (const auto& e : card.emails) {
        put("EMAIL:" + escape_text_value(e));
    }
    for (const auto& t : card.tels) {
        put((version == 3 ? "TEL:" : "TEL;VALUE=text:") + escape_text_value(t));
    }
    if (card.org) {
        put("ORG:" + escape_text_value(*card.org));
    }
    if (card.title) {
        put("TITLE:" + escape_text_value(*card.title));
    }
    if (!card.categories.empty()) {
        std::string line = "CATEGORIES:";
        for (std::size_t i = 0; i < card.categories.size(); ++i) {
            line += (i > 0 ? "," : "") + escape_text_value(card.categories[i]);
        }
        put(line);
    }
    if (card.bday) {
        char buf[16];
        if (card.bday->year) {
            std::snprintf(buf, sizeof buf, "%04d%02u%02u", *card.bday->year, card.bday->month,
                          card.bday->day);
        } else {
            std::snprintf(buf, sizeof buf, "--%02u%02u", card.bday->month, card.bday->day);
        }
        put(std::string("BDAY:") + buf);
    }
    if (card.note) {
        put("NOTE:" + escape_text_value(*card.note));
    }
    if (card.x_strength) {
        put("X-BMC-STRENGTH:" + escape_text_value(*card.x_strength));
    }
    if (card.x_met) {
        put("X-BMC-MET:" + escape_text_value(*card.x_met));
    }
    if (card.x_met_on) {
        put("X-BMC-MET-ON:" + escape_text_value(*card.x_met_on));
    }
    if (card.rev) {
        put("REV:" + *card.rev);
    }
    put("END:VCARD");
    return out;
}

std::string uuid_for_uid(std::string_view uid) {
    std::string_view u = trim(uid);
    if (upper(u.substr(0, 9)) == "URN:UUID:") {
        u.remove_prefix(9);
    }
    if (is_uuid(u)) {
        std::string out(u);
        std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
            return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        });
        return out;
    }
    // Two FNV-1a passes with different offsets give 128 bits; marked as a version 8 UUID.
    const auto fnv = [&](std::uint64_t h) {
        for (const char c : u) {
            h ^= static_cast<unsigned char>(c);
            h *= 0x100000001b3ULL;
        }
        return h;
    };
    std::uint64_t hi = fnv(0xcbf29ce484222325ULL);
    std::uint64_t lo = fnv(0x84222325cbf29ce4ULL ^ u.size());
    hi = (hi & ~0xF000ULL) | 0x8000ULL;                 // version 8
    lo = (lo & ~(0xC000ULL << 48)) | (0x8000ULL << 48); // RFC 4122 variant
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                  static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                  static_cast<unsigned>(lo >> 48),
                  static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
    return buf;
}

} // namespace bmc
