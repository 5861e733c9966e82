#include "bmc/validate.hpp"

#include "bmc/errors.hpp"
#include "bmc/text.hpp"

namespace bmc {

namespace {

// C0 controls, DEL, and C1 controls (U+0080..U+009F, encoded as C2 80..C2 9F in UTF-8).
bool has_control(std::string_view s, bool allow_newlines) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (allow_newlines && (c == '\n' || c == '\t')) {
            continue;
        }
        if (c < 0x20 || c == 0x7F) {
            return true;
        }
        if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0xA0) {
            return true;
        }
    }
    return false;
}

// Line breaks as "\n" only: CRLF and lone CR (from Windows or old Mac files) become LF.
std::string normalise_newlines(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\r') {
            out += '\n';
            if (i + 1 < s.size() && s[i + 1] == '\n') {
                ++i;
            }
        } else {
            out += s[i];
        }
    }
    return out;
}

void check_encoding(std::string_view field, std::string_view value) {
    if (!is_valid_utf8(value)) {
        throw DataError(std::string(field) + " is not valid UTF-8 text",
                        "convert it to UTF-8 and try again");
    }
    if (value.find('\0') != std::string_view::npos) {
        throw DataError(std::string(field) + " contains a NUL byte", "remove it and try again");
    }
}

void check_length(std::string_view field, std::string_view value, std::size_t max_bytes) {
    if (value.size() > max_bytes) {
        throw DataError(std::string(field) + " is too long (" + std::to_string(value.size()) +
                            " bytes; the limit is " + std::to_string(max_bytes) + ")",
                        "shorten it");
    }
}

} // namespace

std::string clean_name(std::string_view name) {
    check_encoding("the name", name);
    const std::string_view t = trim(name);
    if (t.empty()) {
        throw DataError("the name is empty",
                        "give the person a name, e.g. bmc add \"Ada Lovelace\"");
    }
    check_length("the name", t, max_name_bytes);
    if (has_control(t, false)) {
        throw DataError("the name " + quote(t) + " contains control characters",
                        "use printable characters only");
    }
    return std::string(t);
}

std::optional<std::string> clean_text(std::string_view field, std::string_view value,
                                      std::size_t max_bytes) {
    check_encoding(field, value);
    const std::string normalised = normalise_newlines(value);
    const std::string_view t = trim(normalised);
    check_length(field, t, max_bytes);
    if (has_control(t, true)) {
        throw DataError(std::string(field) + " contains control characters",
                        "use printable characters, newlines and tabs only");
    }
    if (t.empty()) {
        return std::nullopt;
    }
    return std::string(t);
}

std::string clean_tag(std::string_view tag) {
    check_encoding("a tag", tag);
    const std::string folded = fold_case(trim(tag));
    if (folded.empty()) {
        throw DataError("a tag is empty", "give tags a name, e.g. --tag climbing");
    }
    check_length("a tag", folded, max_field_bytes);
    if (has_control(folded, false) || folded.find(',') != std::string::npos) {
        throw DataError("the tag " + quote(folded) + " contains a comma or control character",
                        "use one --tag per tag");
    }
    return folded;
}

std::string clean_handle(std::string_view field, std::string_view value) {
    check_encoding(field, value);
    const std::string_view t = trim(value);
    if (t.empty()) {
        throw DataError(std::string(field) + " is empty", "give a value or leave the option out");
    }
    check_length(field, t, max_field_bytes);
    if (has_control(t, false)) {
        throw DataError(std::string(field) + " " + quote(t) + " contains control characters",
                        "use printable characters only");
    }
    return std::string(t);
}

} // namespace bmc
