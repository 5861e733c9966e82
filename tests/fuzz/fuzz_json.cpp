// Fuzz harness: `bmc import --json` (the JSON document or a bare array of contacts) into a fresh
// in-memory database. Any input is imported or refused with bmc::Error, and a refused import
// writes nothing; what was imported exports to a document that imports again into an empty
// database with the same number of people.
#include "bmc/errors.hpp"
#include "bmc/repository.hpp"
#include "bmc/service.hpp"
#include "check.hpp"

#include <sstream>
#include <string>

namespace {

class FixedClock : public bmc::Clock {
public:
    std::string now_utc() const override { return "2026-11-22T08:00:00Z"; }
};

const bmc::Date today{date::year{2026}, date::month{11}, date::day{22}};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const FixedClock clock;
    bmc::Repository repo(":memory:");
    bmc::Service svc(repo, today, clock);
    std::istringstream in{std::string(bmc::fuzz::text_of(data, size))};
    try {
        svc.import_json(in);
    } catch (const bmc::Error&) {
        BMC_FUZZ_CHECK(repo.count_contacts() == 0);
        return 0;
    }
    std::ostringstream exported;
    svc.export_json(exported);
    bmc::Repository copy_repo(":memory:");
    bmc::Service copy(copy_repo, today, clock);
    std::istringstream again(exported.str());
    copy.import_json(again); // must not throw: bmc reads back what it wrote
    BMC_FUZZ_CHECK(copy_repo.count_contacts() == repo.count_contacts());
    return 0;
}
