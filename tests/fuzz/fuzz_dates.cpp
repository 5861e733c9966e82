// Fuzz harness: the date and duration parsers (what --date, --every, --snooze, --birthday and
// the importers' dates go through). Any input either parses or is refused with bmc::Error;
// whatever parses prints back to text that parses to the same value.
#include "bmc/dates.hpp"
#include "bmc/errors.hpp"
#include "bmc/important_dates.hpp"
#include "bmc/scheduler.hpp"
#include "bmc/vcard.hpp"
#include "check.hpp"

#include <string>

namespace {

const bmc::Date today{date::year{2026}, date::month{11}, date::day{22}};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = bmc::fuzz::text_of(data, size);
    try {
        const bmc::Date d = bmc::parse_iso_date(text);
        BMC_FUZZ_CHECK(d.ok());
        BMC_FUZZ_CHECK(bmc::parse_iso_date(bmc::format_date(d)) == d);
    } catch (const bmc::Error&) {
    }
    try {
        const bmc::Date d = bmc::parse_date(text, today);
        BMC_FUZZ_CHECK(d.ok());
    } catch (const bmc::Error&) {
    }
    try {
        const bmc::Interval interval = bmc::parse_interval(text);
        BMC_FUZZ_CHECK(bmc::parse_interval(bmc::to_string(interval)) == interval);
        const bmc::Date later = bmc::add_interval(today, interval);
        BMC_FUZZ_CHECK(later.ok());
        BMC_FUZZ_CHECK(date::sys_days{later} > date::sys_days{today});
    } catch (const bmc::Error&) {
    }
    try {
        const bmc::Date d = bmc::parse_date_or_duration(text, today, "--until");
        BMC_FUZZ_CHECK(d.ok());
    } catch (const bmc::Error&) {
    }
    try {
        const bmc::YearlyDate y = bmc::parse_yearly_date(text, "--birthday");
        BMC_FUZZ_CHECK(bmc::parse_yearly_date(bmc::format_yearly_date(y), "--birthday") == y);
        const bmc::Date next = bmc::next_occurrence(y, today);
        BMC_FUZZ_CHECK(next.ok());
    } catch (const bmc::Error&) {
    }
    if (const auto bday = bmc::parse_bday(text)) {
        BMC_FUZZ_CHECK(bmc::parse_yearly_date(bmc::format_yearly_date(*bday), "BDAY") == *bday);
    }
    return 0;
}
