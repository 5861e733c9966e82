// Fuzz harness: name resolution (`bmc show NAME`, every command that takes a person) against a
// small database, and the text helpers every name passes through on its way to the terminal.
// Resolution finds someone or fails with bmc::Error; terminal-safe text never holds a control
// character or invalid UTF-8.
#include "bmc/errors.hpp"
#include "bmc/import_formats.hpp"
#include "bmc/repository.hpp"
#include "bmc/service.hpp"
#include "bmc/text.hpp"
#include "check.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace {

class FixedClock : public bmc::Clock {
public:
    std::string now_utc() const override { return "2026-11-22T08:00:00Z"; }
};

// Names chosen to make resolution work: shared parts, case and accents, digits, LIKE
// wildcards, a name that is a number.
bmc::Repository& people() {
    static const FixedClock clock;
    static bmc::Repository repo(":memory:");
    static bool seeded = false;
    if (!seeded) {
        bmc::Service svc(repo, bmc::Date{date::year{2026}, date::month{11}, date::day{22}}, clock);
        std::vector<bmc::PersonRecord> records;
        for (const char* name :
             {"Ada Lovelace", "Ada Byron", "Grace Hopper", "\xC3\x89lodie Durand", "elodie durand",
              "100% Pure", "under_score", "12", "Jos\xC3\xA9 O'Neil",
              "\xE6\x9D\x8E\xE5\xB0\x8F"
              "\xE9\xBE\x8D"}) {
            bmc::PersonRecord r;
            r.where = "seed";
            r.name = name;
            records.push_back(r);
        }
        svc.import_people(records, {});
        seeded = true;
    }
    return repo;
}

bool terminal_clean(std::string_view s) {
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) {
            return false;
        }
    }
    return bmc::is_valid_utf8(s);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = bmc::fuzz::text_of(data, size);
    bmc::Repository& repo = people();
    try {
        const bmc::ContactRef found = bmc::resolve_person(repo, text);
        BMC_FUZZ_CHECK(repo.find_contact(found.id).has_value());
    } catch (const bmc::Error& e) {
        // A message may list candidates on lines of their own; each line is clean.
        std::string_view message = e.what();
        for (std::size_t end; (end = message.find('\n')) != std::string_view::npos;
             message.remove_prefix(end + 1)) {
            BMC_FUZZ_CHECK(terminal_clean(message.substr(0, end)));
        }
        BMC_FUZZ_CHECK(terminal_clean(message));
    }
    const std::string safe = bmc::terminal_safe(text);
    BMC_FUZZ_CHECK(terminal_clean(safe));
    BMC_FUZZ_CHECK(terminal_clean(bmc::quote(text)));
    BMC_FUZZ_CHECK(bmc::display_width(bmc::truncate(text, 10)) <= 10);
    BMC_FUZZ_CHECK(bmc::display_width(bmc::pad_right(safe, 30)) >= 30);
    BMC_FUZZ_CHECK(bmc::fold_case(bmc::fold_case(text)) == bmc::fold_case(text));
    BMC_FUZZ_CHECK(bmc::edit_distance(text, "Ada Lovelace") <= std::max<std::size_t>(size, 12));
    return 0;
}
