// Unit tests for introductions and important dates through the repository and the service
// (repository.cpp, service_intros.cpp, service_dates.cpp): storage round trips, what deleting a
// person does to them, `introduce`, `--through`/`--birthday` on add and edit, the "coming up"
// part of `due`, and export/import round trips.
#include "bmc/dates.hpp"
#include "bmc/errors.hpp"
#include "bmc/repository.hpp"
#include "bmc/service.hpp"
#include "bmc/text_format.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace {

using bmc::Contact;
using bmc::Date;
using bmc::Repository;
using bmc::YearlyDate;

Date d(const char* iso) {
    return bmc::parse_iso_date(iso);
}

class FixedClock : public bmc::Clock {
public:
    std::string now_utc() const override { return m_now; }
    std::string m_now = "2026-11-22T08:15:00Z";
};

struct World {
    explicit World(const char* today = "2026-11-22") : svc(repo, d(today), clock) {}
    Repository repo{":memory:"};
    FixedClock clock;
    bmc::Service svc;

    Contact add(const std::string& name, std::vector<std::string> tags = {}) {
        bmc::NewContact n;
        n.name = name;
        n.tags = std::move(tags);
        n.met_on = d("2026-01-01");
        return svc.add(n);
    }
};

std::vector<std::string> labels(const std::vector<bmc::ImportantDate>& dates) {
    std::vector<std::string> out;
    for (const auto& x : dates) {
        out.push_back(x.label + "=" + bmc::format_yearly_date(x.date));
    }
    return out;
}

using Strings = std::vector<std::string>;

std::string counts(Repository& repo) {
    std::ostringstream out;
    out << repo.count_contacts() << " contacts, " << repo.all_introductions().size()
        << " introductions, " << repo.all_dates().size() << " people with dates";
    return out.str();
}

} // namespace

TEST_CASE("important dates round trip through the repository, one per folded label",
          "[connections]") {
    World w;
    const Contact ada = w.add("Ada");
    w.repo.set_date({ada.id, "Anniversary", {2015, 6, 20}});
    w.repo.set_date({ada.id, "birthday", {std::nullopt, 2, 29}});
    w.repo.set_date({ada.id, "anniversary", {2016, 6, 21}}); // replaces, keeps the new spelling
    CHECK(labels(w.repo.dates_of(ada.id)) == Strings{"birthday=--02-29", "anniversary=2016-06-21"});
    CHECK(w.repo.delete_date(ada.id, "ANNIVERSARY"));
    CHECK_FALSE(w.repo.delete_date(ada.id, "anniversary"));
    CHECK(labels(w.repo.dates_of(ada.id)) == Strings{"birthday=--02-29"});
    // Only active people, only in the ranges asked for.
    const auto found =
        w.repo.active_dates_in(bmc::month_day_ranges(d("2027-02-25"), d("2027-02-28")));
    REQUIRE(found.size() == 1);
    CHECK(found.front().first.name == "Ada");
    CHECK(w.repo.active_dates_in({{"03-01", "03-31"}}).empty());
    w.svc.set_archived("Ada", true);
    CHECK(w.repo.active_dates_in({{"01-01", "12-31"}}).empty());
}

TEST_CASE("introductions and --through round trip, deleting a person removes their edges",
          "[connections]") {
    World w;
    const Contact ada = w.add("Ada", {"math"});
    const Contact bob = w.add("Bob", {"math"});
    const Contact cy = w.add("Cy", {"math"});
    bmc::Introduction n;
    n.uuid = "5f0c0d8e-1a2b-4c3d-8e9f-0a1b2c3d4e5f";
    n.a = ada.id;
    n.b = cy.id;
    n.date = d("2026-11-01");
    n.created_at = n.updated_at = "2026-11-22T08:15:00Z";
    w.repo.insert_introduction(n);
    CHECK(w.repo.find_introduction(cy.id, ada.id)->uuid == n.uuid); // either order
    CHECK(w.repo.introductions_of(cy.id).size() == 1);
    w.repo.set_introduced_by(bob.id, ada.id);
    CHECK(w.repo.introduced_by(bob.id)->name == "Ada");
    CHECK(w.repo.introduced_through(ada.id).front().name == "Bob");
    CHECK(w.repo.connected_pairs().size() == 2);
    CHECK(w.repo.tagged_people().size() == 3);

    w.svc.remove("Ada", true);
    CHECK(w.repo.all_introductions().empty());
    CHECK_FALSE(w.repo.introduced_by(bob.id).has_value());
    CHECK(w.repo.count_contacts() == 2);
}

TEST_CASE("introduce records the pair and a conversation with each, given by you",
          "[connections]") {
    World w;
    w.add("Ada");
    w.add("Grace");
    bmc::NewIntroduction in;
    in.note = "both write compilers";
    in.date = d("2026-11-20");
    const bmc::Introduced r = w.svc.introduce("Grace", "Ada", in);
    CHECK(r.introduction.a == 1); // stored with the smaller id first
    CHECK(r.introduction.b == 2);
    CHECK(bmc::format_date(*r.a.next_due) == "2027-05-20");
    const auto talks = w.repo.interactions_of(1);
    REQUIRE(talks.size() == 1);
    CHECK(talks.front().note == "Introduced to Grace: both write compilers");
    CHECK(talks.front().gave == "an introduction to Grace");
    CHECK(talks.front().via == "other");
    CHECK(talks.front().by == bmc::Initiator::me);
    CHECK(w.svc.show("Grace").connections.introductions.front().other.name == "Ada");
}

TEST_CASE("introduce refuses the same person twice, a future date and a pair already introduced",
          "[connections]") {
    World w;
    w.add("Ada");
    w.add("Grace");
    CHECK_THROWS_WITH(w.svc.introduce("Ada", "#1", {}), "cannot introduce 'Ada' to themselves");
    bmc::NewIntroduction future;
    future.date = d("2026-11-23");
    CHECK_THROWS_AS(w.svc.introduce("Ada", "Grace", future), bmc::DataError);
    w.svc.introduce("Ada", "Grace", {});
    CHECK_THROWS_WITH(w.svc.introduce("Grace", "Ada", {}),
                      "Grace and Ada were already introduced on 2026-11-22");
    CHECK(w.repo.count_interactions(1) == 1);
    CHECK(w.repo.all_introductions().size() == 1);
}

TEST_CASE("add and edit set who introduced you and the birthday", "[connections]") {
    World w;
    w.add("Ada");
    bmc::NewContact n;
    n.name = "Grace";
    n.through = "Ada";
    n.birthday = YearlyDate{1906, 12, 9};
    w.svc.add(n);
    CHECK(w.repo.introduced_by(2)->name == "Ada");
    CHECK(labels(w.repo.dates_of(2)) == Strings{"birthday=1906-12-09"});

    bmc::ContactEdit e;
    e.through = std::optional<std::string>();
    e.birthday = std::optional<YearlyDate>();
    w.clock.m_now = "2026-11-22T09:00:00Z";
    w.svc.edit("Grace", e);
    CHECK_FALSE(w.repo.introduced_by(2).has_value());
    CHECK(w.repo.dates_of(2).empty());
    CHECK(w.repo.find_contact(2)->updated_at == "2026-11-22T09:00:00Z");

    bmc::ContactEdit self;
    self.through = "Grace";
    CHECK_THROWS_AS(w.svc.edit("Grace", self), bmc::DataError);
    bmc::ContactEdit future;
    future.birthday = YearlyDate{2027, 1, 1};
    CHECK_THROWS_WITH(w.svc.edit("Grace", future),
                      "the birthday 2027-01-01 is in the future (today is 2026-11-22)");
    bmc::NewContact missing;
    missing.name = "Alan";
    missing.through = "Nobody";
    CHECK_THROWS_AS(w.svc.add(missing), bmc::NotFoundError);
    CHECK(w.repo.count_contacts() == 2); // the failed add wrote nothing
}

TEST_CASE("due lists the dates coming up within a week, or within --within", "[connections]") {
    World w("2027-02-22");
    w.add("Ada");
    w.add("Zed");
    w.svc.set_date("Ada", "birthday", {2000, 2, 29});
    w.svc.set_date("Zed", "anniversary", {std::nullopt, 3, 10});
    auto r = w.svc.due(std::nullopt, std::nullopt);
    CHECK(bmc::format_date(r.dates_until) == "2027-03-01");
    REQUIRE(r.coming_up.size() == 1);
    CHECK(bmc::format_date(r.coming_up.front().on) == "2027-02-28");
    CHECK(r.coming_up.front().years == 27);
    r = w.svc.due(bmc::Interval{3, bmc::Interval::Unit::weeks}, std::nullopt);
    REQUIRE(r.coming_up.size() == 2);
    CHECK(r.coming_up.back().person.name == "Zed");
}

TEST_CASE("export and import carry introductions, who introduced whom and dates", "[connections]") {
    World w;
    w.add("Ada");
    bmc::NewContact n;
    n.name = "Grace";
    n.through = "Ada";
    n.birthday = YearlyDate{std::nullopt, 12, 9};
    w.svc.add(n);
    w.add("Alan");
    w.svc.set_date("Alan", "new job", {2026, 3, 1});
    bmc::NewIntroduction in;
    in.note = "chess";
    w.svc.introduce("Alan", "Grace", in);
    std::ostringstream out;
    w.svc.export_json(out);

    World copy;
    std::istringstream first(out.str());
    const auto summary = copy.svc.import_json(first);
    CHECK(summary.added == 3);
    CHECK(summary.introductions_added == 1);
    CHECK(counts(copy.repo) == counts(w.repo));
    CHECK(copy.repo.introduced_by(2)->name == "Ada");
    CHECK(labels(copy.repo.dates_of(2)) == Strings{"birthday=--12-09"});
    CHECK(labels(copy.repo.dates_of(3)) == Strings{"new job=2026-03-01"});
    CHECK(copy.repo.find_introduction(2, 3)->note == "chess");

    // Importing the same document again changes nothing.
    std::istringstream again(out.str());
    const auto second = copy.svc.import_json(again);
    CHECK(second.unchanged == 3);
    CHECK(second.updated == 0);
    CHECK(second.introductions_added == 0);
    std::ostringstream out2;
    copy.svc.export_json(out2);
    const auto strip = [](std::string s) { return s.substr(s.find("\"contacts\"")); };
    CHECK(strip(out2.str()) == strip(out.str()));
}

TEST_CASE("import refuses an introduction naming nobody, and writes nothing", "[connections]") {
    World w;
    const std::string doc = R"({"version":1,"contacts":[{"name":"Ada",
        "uuid":"0f8fad5b-d9cb-469f-a165-70867728950e"}],
        "introductions":[{"a":"0f8fad5b-d9cb-469f-a165-70867728950e",
                          "b":"1b2c1d2e-0f3a-4b5c-8d6e-7f8091a2b3c4","date":"2026-01-01"}]})";
    std::istringstream in(doc);
    CHECK_THROWS_AS(w.svc.import_json(in), bmc::DataError);
    CHECK(w.repo.count_contacts() == 0);
    std::istringstream bad_birthday(R"([{"name":"Ada","birthday":"2030-01-01"}])");
    CHECK_THROWS_AS(w.svc.import_json(bad_birthday), bmc::DataError);
    CHECK(w.repo.count_contacts() == 0);
}

TEST_CASE("set_date writes nothing when the date is already so, but follows a new spelling",
          "[connections]") {
    World w;
    w.add("Ada");
    w.svc.set_date("Ada", "anniversary", {2015, 6, 20});
    w.clock.m_now = "2026-11-22T09:00:00Z";
    const auto again = w.svc.set_date("Ada", "anniversary", {2015, 6, 20});
    CHECK(again.previous == YearlyDate{2015, 6, 20});
    CHECK(w.repo.find_contact(1)->updated_at == "2026-11-22T08:15:00Z");
    w.svc.set_date("Ada", "Anniversary", {2015, 6, 20});
    CHECK(labels(w.repo.dates_of(1)) == Strings{"Anniversary=2015-06-20"});
    CHECK(w.repo.find_contact(1)->updated_at == "2026-11-22T09:00:00Z");
}

TEST_CASE("the coming-up renderers say when and how many years", "[connections]") {
    const Date today = d("2026-12-30");
    CHECK(bmc::describe_in(today, today) == "today");
    CHECK(bmc::describe_in(d("2026-12-31"), today) == "tomorrow");
    CHECK(bmc::describe_in(d("2027-01-03"), today) == "in 4 days");
    bmc::ComingDate birthday{{1, "Ada"}, "birthday", {1990, 1, 3}, d("2027-01-03"), 37};
    bmc::ComingDate wedding{{2, "Bob"}, "wedding", {2026, 12, 31}, d("2026-12-31"), 0};
    bmc::ComingDate job{{2, "Bob"}, "new job", {2025, 12, 31}, d("2026-12-31"), 1};
    CHECK(bmc::describe_date(birthday) == "birthday, turns 37");
    CHECK(bmc::describe_date(wedding) == "wedding"); // the day itself: no "0 years"
    CHECK(bmc::describe_date(job) == "new job, 1 year");
    bmc::DueReport r;
    r.today = r.until = today;
    r.dates_until = d("2027-01-06");
    r.coming_up = {job, birthday};
    CHECK(bmc::render_due(r, {}) ==
          "Nobody is due today (2026-12-30). Look ahead with `bmc due --within 2w`.\n"
          "\n"
          "Coming up by 2027-01-06:\n"
          "  2026-12-31  Bob (#2)  new job, 1 year (tomorrow)\n"
          "  2027-01-03  Ada (#1)  birthday, turns 37 (in 4 days)\n");
    r.coming_up.clear();
    CHECK(bmc::render_due(r, {}) ==
          "Nobody is due today (2026-12-30). Look ahead with `bmc due --within 2w`.\n");
}
