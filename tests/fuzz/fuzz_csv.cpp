// Fuzz harness: the RFC 4180 reader and the three CSV importers built on it (LinkedIn, Google,
// bmc's own columns). Any input is read or refused with bmc::Error; every record read writes
// back (csv_row) to text that reads to the same fields.
#include "bmc/csv.hpp"
#include "bmc/errors.hpp"
#include "bmc/import_formats.hpp"
#include "check.hpp"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = bmc::fuzz::text_of(data, size);
    try {
        const auto rows = bmc::parse_csv(text);
        std::string written;
        for (const auto& row : rows) {
            BMC_FUZZ_CHECK(!row.fields.empty());
            written += bmc::csv_row(row.fields);
        }
        const auto again = bmc::parse_csv(written);
        BMC_FUZZ_CHECK(again.size() == rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i) {
            BMC_FUZZ_CHECK(again[i].fields == rows[i].fields);
        }
    } catch (const bmc::Error&) {
    }
    for (auto* read : {&bmc::read_linkedin_csv, &bmc::read_google_csv, &bmc::read_bmc_csv}) {
        try {
            for (const auto& person : read(text, "fuzz.csv")) {
                BMC_FUZZ_CHECK(!person.where.empty());
            }
        } catch (const bmc::Error&) {
        }
    }
    return 0;
}
