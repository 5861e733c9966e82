// Fuzz harness: the vCard reader (2.1 quoted-printable, 3.0, 4.0, folding, escapes) and the
// importer built on it. Any input is read or refused with bmc::Error; every card read writes
// back, as 4.0 and as 3.0, to a document that reads as exactly one card with the same name,
// categories and birthday (as far as a content line can carry them: line breaks come back as LF,
// other control characters are left out, white space at the ends is trimmed).
#include "bmc/errors.hpp"
#include "bmc/import_formats.hpp"
#include "bmc/text.hpp"
#include "bmc/vcard.hpp"
#include "check.hpp"

#include <optional>
#include <string>
#include <vector>

namespace {

// A value as the writer can carry it: line breaks (CR, LF, CRLF) as LF, other control characters
// (tab, NUL, DEL...) left out, as a content line cannot hold them, and white space at the ends
// trimmed.
std::string lf_text(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\r') {
            out += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
            }
        } else if (c == '\n' || (c >= 0x20 && c != 0x7f)) {
            out += text[i];
        }
    }
    return std::string(bmc::trim(out)); // the reader trims values, as it did the original's
}

// What is left empty is no value at all, as when reading.
std::optional<std::string> lf(const std::optional<std::string>& text) {
    if (!text || lf_text(*text).empty()) {
        return std::nullopt;
    }
    return lf_text(*text);
}

std::vector<std::string> lf(const std::vector<std::string>& texts) {
    std::vector<std::string> out;
    for (const auto& t : texts) {
        if (auto v = lf(std::optional<std::string>(t))) {
            out.push_back(*v);
        }
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = bmc::fuzz::text_of(data, size);
    try {
        for (const auto& card : bmc::parse_vcards(text)) {
            for (const int version : {4, 3}) {
                const auto back = bmc::parse_vcards(bmc::write_vcard(card, version));
                BMC_FUZZ_CHECK(back.size() == 1);
                BMC_FUZZ_CHECK(back[0].fn == lf(card.fn));
                BMC_FUZZ_CHECK(back[0].categories == lf(card.categories));
                BMC_FUZZ_CHECK(back[0].bday == card.bday);
            }
        }
    } catch (const bmc::Error&) {
    }
    try {
        for (const auto& person : bmc::read_vcard_people(text, "fuzz.vcf")) {
            BMC_FUZZ_CHECK(!person.where.empty());
        }
    } catch (const bmc::Error&) {
    }
    return 0;
}
