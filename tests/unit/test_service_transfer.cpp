// Unit tests of the service's import of PersonRecords and its vCard/iCalendar exports, on an
// in-memory database with a pinned clock (so DTSTAMP and REV are known).
#include "bmc/dates.hpp"
#include "bmc/errors.hpp"
#include "bmc/repository.hpp"
#include "bmc/service.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

class FixedClock : public bmc::Clock {
public:
    std::string now_utc() const override { return "2026-11-22T08:15:00Z"; }
};

struct World {
    bmc::Repository repo{":memory:"};
    FixedClock clock;
    bmc::Service svc{repo, bmc::parse_iso_date("2026-11-22"), clock};
};

bmc::PersonRecord person(const std::string& name, const std::string& where = "f line 2") {
    bmc::PersonRecord r;
    r.name = name;
    r.where = where;
    return r;
}

} // namespace

TEST_CASE("import_people: DTSTAMP and REV of the exports come from the injected clock",
          "[service_transfer]") {
    World w;
    auto ada = person("Ada Lovelace");
    ada.met_on = bmc::parse_iso_date("2026-01-10");
    ada.strength = bmc::Strength::strong;
    w.svc.import_people({ada, person("Bob")}, {});
    std::string cards;
    w.svc.export_vcards(4, [&](const std::string&, const std::string& card) { cards += card; });
    CHECK(cards.find("\r\nREV:20261122T081500Z\r\n") != std::string::npos);
    const std::string ics = w.svc.export_ics(std::nullopt, false);
    CHECK(ics.find("\r\nDTSTAMP:20261122T081500Z\r\n") != std::string::npos);
    // Ada (strong, met 2026-01-10) was due 2026-05-10: overdue, so placed on today.
    CHECK(ics.find("SUMMARY:Reconnect with Ada Lovelace\r\n") != std::string::npos);
    CHECK(ics.find("DTSTART;VALUE=DATE:20261122\r\n") != std::string::npos);
    // Bob (medium, met today) is due 2027-05-22: outside --within 4w.
    const std::string soon = w.svc.export_ics(bmc::parse_interval("4w"), false);
    CHECK(soon.find("Bob") == std::string::npos);
    CHECK(soon.find("Ada Lovelace") != std::string::npos);
}

TEST_CASE("import_people: the same email in the file twice merges into one person",
          "[service_transfer]") {
    World w;
    auto a = person("Ada Lovelace", "f line 2");
    a.emails = {"ada@example.org"};
    auto b = person("Countess of Lovelace", "f line 3");
    b.emails = {"ADA@example.org"};
    b.company = "Engines";
    const auto result = w.svc.import_people({a, b}, {});
    CHECK(result.added == 1);
    CHECK(result.updated == 1);
    REQUIRE(result.matches.size() == 1);
    CHECK(result.matches[0].by == "email");
    CHECK(result.matches[0].where == "f line 3");
    CHECK(w.repo.count_contacts() == 1);
}

TEST_CASE("import_people: a dry run and a rejected record write nothing", "[service_transfer]") {
    World w;
    bmc::ImportOptions dry;
    dry.dry_run = true;
    const auto result = w.svc.import_people({person("Ada")}, dry);
    CHECK(result.added == 1);
    CHECK(w.repo.count_contacts() == 0);
    auto bad = person("", "f line 9");
    CHECK_THROWS_WITH(w.svc.import_people({person("Ada"), bad}, {}),
                      Catch::Contains("f line 9") && Catch::Contains("the name is empty"));
    CHECK(w.repo.count_contacts() == 0);
}

TEST_CASE("import_people: birthdays are stored, kept without --overwrite, refused in the future",
          "[service_transfer]") {
    World w;
    auto ada = person("Ada Lovelace", "f line 2");
    ada.birthday = bmc::YearlyDate{1815, 12, 10};
    auto bob = person("Bob", "f line 3");
    auto result = w.svc.import_people({ada, bob}, {});
    CHECK(result.added == 2);
    REQUIRE(w.repo.dates_of(1).size() == 1);
    CHECK(w.repo.dates_of(1)[0].label == "birthday");
    CHECK(w.repo.dates_of(1)[0].date == bmc::YearlyDate{1815, 12, 10});
    CHECK(w.repo.dates_of(2).empty());

    // The same records again: nothing to do.
    result = w.svc.import_people({ada, bob}, {});
    CHECK(result.skipped == 2);
    CHECK(result.updated == 0);

    // A birthday fills in a person who had none; a different one does not replace it...
    auto bob_born = person("Bob", "g line 2");
    bob_born.birthday = bmc::YearlyDate{std::nullopt, 2, 29};
    auto ada_other = person("Ada Lovelace", "g line 3");
    ada_other.birthday = bmc::YearlyDate{1815, 12, 11};
    result = w.svc.import_people({bob_born, ada_other}, {});
    CHECK(result.updated == 1);
    CHECK(result.skipped == 1);
    CHECK(w.repo.dates_of(2)[0].date == bmc::YearlyDate{std::nullopt, 2, 29});
    CHECK(w.repo.dates_of(1)[0].date == bmc::YearlyDate{1815, 12, 10});
    // ...unless told to overwrite.
    bmc::ImportOptions overwrite;
    overwrite.overwrite = true;
    result = w.svc.import_people({ada_other}, overwrite);
    CHECK(result.updated == 1);
    CHECK(w.repo.dates_of(1)[0].date == bmc::YearlyDate{1815, 12, 11});

    auto unborn = person("Kid", "h line 4");
    unborn.birthday = bmc::YearlyDate{2027, 1, 1};
    CHECK_THROWS_WITH(w.svc.import_people({unborn}, {}),
                      Catch::Contains("h line 4") &&
                          Catch::Contains("the birthday 2027-01-01 is in the future"));
    CHECK(w.repo.count_contacts() == 2);
}
