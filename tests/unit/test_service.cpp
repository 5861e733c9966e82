// Unit tests for the use cases (bmc/service.hpp) on an in-memory database, with a pinned clock
// and today = 2026-11-22.
#include "bmc/dates.hpp"
#include "bmc/errors.hpp"
#include "bmc/json_format.hpp"
#include "bmc/repository.hpp"
#include "bmc/service.hpp"
#include "bmc/uuid.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

using bmc::Contact;
using bmc::Date;
using bmc::Interval;
using bmc::Strength;
using nlohmann::json;
using Unit = bmc::Interval::Unit;

Date d(const char* iso) {
    return bmc::parse_iso_date(iso);
}

std::string show(const std::optional<Date>& date) {
    return date ? bmc::format_date(*date) : std::string("none");
}

// A clock that says whatever the test sets.
class FixedClock : public bmc::Clock {
public:
    explicit FixedClock(std::string now) : m_now(std::move(now)) {}
    std::string now_utc() const override { return m_now; }
    void set(std::string now) { m_now = std::move(now); }

private:
    std::string m_now;
};

constexpr const char* t0 = "2026-11-22T08:15:00Z";
constexpr const char* t1 = "2026-11-22T09:30:00Z";

// A service on a private in-memory database; today is 2026-11-22.
struct World {
    bmc::Repository repo{":memory:"};
    FixedClock clock{t0};
    bmc::Service svc{repo, d("2026-11-22"), clock};

    Contact add(const std::string& name, std::optional<Strength> strength = std::nullopt,
                std::optional<Date> met_on = std::nullopt) {
        bmc::NewContact n;
        n.name = name;
        n.strength = strength;
        n.met_on = met_on;
        return svc.add(n);
    }

    bmc::Logged log(const std::string& who, std::optional<Date> date = std::nullopt) {
        bmc::NewInteraction n;
        n.people = {who};
        n.date = date;
        const auto out = svc.log(n);
        REQUIRE(out.size() == 1);
        return out.front();
    }

    Contact stored(std::int64_t id) {
        auto c = repo.find_contact(id);
        REQUIRE(c.has_value());
        return *c;
    }

    std::string export_text() {
        std::ostringstream out;
        svc.export_json(out);
        return out.str();
    }

    bmc::ImportSummary import_text(const std::string& text) {
        std::istringstream in(text);
        return svc.import_json(in);
    }
};

std::vector<std::string> names(const std::vector<bmc::ContactSummary>& rows) {
    std::vector<std::string> out;
    for (const auto& r : rows) {
        out.push_back(r.contact.name);
    }
    return out;
}

using Names = std::vector<std::string>;

// Evaluates `expr`, which must throw `Type` whose message contains `fragment`.
#define CHECK_ERROR(Type, expr, fragment)                                                          \
    do {                                                                                           \
        try {                                                                                      \
            static_cast<void>(expr);                                                               \
            FAIL_CHECK("expected " #Type " from: " #expr);                                         \
        } catch (const Type& caught_) {                                                            \
            CHECK_THAT(std::string(caught_.what()), Catch::Contains(fragment));                    \
        }                                                                                          \
    } while (false)

} // namespace

// ---------------------------------------------------------------------------------------------
// add
// ---------------------------------------------------------------------------------------------

TEST_CASE("add fills in the defaults: medium, met today, due in six months", "[service]") {
    World w;
    const Contact c = w.add("  Ada Lovelace  ");
    CHECK(c.id == 1);
    CHECK(bmc::is_uuid(c.uuid));
    CHECK(c.name == "Ada Lovelace");
    CHECK(c.strength == Strength::medium);
    CHECK_FALSE(c.every.has_value());
    CHECK(show(c.met_on) == "2026-11-22");
    CHECK(show(c.next_due) == "2027-05-22");
    CHECK_FALSE(c.last_interaction.has_value());
    CHECK_FALSE(c.snoozed_until.has_value());
    CHECK_FALSE(c.archived);
    CHECK(c.created_at == t0);
    CHECK(c.updated_at == t0);
    CHECK(c.emails.empty());
    CHECK(c.tags.empty());
    CHECK_FALSE(c.company.has_value());

    const Contact s = w.stored(c.id);
    CHECK(s.uuid == c.uuid);
    CHECK(s.name == "Ada Lovelace");
    CHECK(s.strength == Strength::medium);
    CHECK(show(s.met_on) == "2026-11-22");
    CHECK(show(s.next_due) == "2027-05-22");
    CHECK(s.created_at == t0);
}

TEST_CASE("add uses the cadence of the strength", "[service]") {
    World w;
    CHECK(show(w.add("S", Strength::strong).next_due) == "2027-03-22");
    CHECK(show(w.add("M", Strength::medium).next_due) == "2027-05-22");
    CHECK(show(w.add("W", Strength::weak).next_due) == "2027-08-22");
    CHECK(show(w.add("Old", Strength::medium, d("2026-01-31")).next_due) == "2026-07-31");
    // Month arithmetic clamps to the end of the month.
    CHECK(show(w.add("Clamp", Strength::strong, d("2025-10-31")).next_due) == "2026-02-28");
}

TEST_CASE("add stores every field, cleaned", "[service]") {
    World w;
    bmc::NewContact n;
    n.name = "Grace Hopper";
    n.strength = Strength::weak;
    n.every = Interval{3, Unit::weeks};
    n.emails = {" grace@navy.mil ", "g@example.org", "grace@navy.mil"};
    n.phones = {"+1 555 0100"};
    n.company = "  US Navy ";
    n.title = "Rear Admiral";
    n.tags = {"Compilers", "mentoring", "COMPILERS"};
    n.met = "introduced by Ada";
    n.met_on = d("2026-01-10");
    n.notes = "   ";
    const Contact c = w.svc.add(n);
    const Contact s = w.stored(c.id);
    for (const Contact* x : {&c, &s}) {
        CHECK(x->strength == Strength::weak);
        CHECK(x->every == Interval{3, Unit::weeks});
        CHECK(x->emails == std::vector<std::string>{"grace@navy.mil", "g@example.org"});
        CHECK(x->phones == std::vector<std::string>{"+1 555 0100"});
        CHECK(x->company == "US Navy");
        CHECK(x->title == "Rear Admiral");
        CHECK(x->tags == std::vector<std::string>{"compilers", "mentoring"});
        CHECK(x->met == "introduced by Ada");
        CHECK(show(x->met_on) == "2026-01-10");
        CHECK_FALSE(x->notes.has_value());
        // The override wins over the strength: 2026-01-10 + 3 weeks.
        CHECK(show(x->next_due) == "2026-01-31");
    }
}

TEST_CASE("add refuses a name that exists already unless forced", "[service]") {
    World w;
    const Contact first = w.add("Ada Lovelace");
    CHECK_ERROR(bmc::DataError, w.add("Ada Lovelace"), "already exists as #1");
    CHECK_ERROR(bmc::DataError, w.add("  ada LOVELACE "), "already exists as #1");
    CHECK(w.repo.count_contacts() == 1);

    bmc::NewContact n;
    n.name = "ada lovelace";
    n.force = true;
    const Contact second = w.svc.add(n);
    CHECK(second.id == 2);
    CHECK(second.uuid != first.uuid);
    CHECK(w.repo.count_contacts() == 2);
    CHECK(w.repo.find_by_exact_name("ada lovelace").size() == 2);
}

TEST_CASE("add refuses a date met in the future and bad text", "[service]") {
    World w;
    CHECK_ERROR(bmc::DataError, w.add("Ada", std::nullopt, d("2026-11-23")), "in the future");
    CHECK_ERROR(bmc::DataError, w.add("   "), "the name is empty");
    bmc::NewContact n;
    n.name = "Ada";
    n.tags = {"a,b"};
    CHECK_THROWS_AS(w.svc.add(n), bmc::DataError);
    CHECK(w.repo.count_contacts() == 0);
    // Today itself is fine.
    CHECK(show(w.add("Ada", std::nullopt, d("2026-11-22")).met_on) == "2026-11-22");
}

// ---------------------------------------------------------------------------------------------
// log
// ---------------------------------------------------------------------------------------------

TEST_CASE("logging a conversation moves the due date", "[service]") {
    World w;
    const Contact ada = w.add("Ada Lovelace", Strength::medium, d("2026-01-10"));
    REQUIRE(show(ada.next_due) == "2026-07-10");

    w.clock.set(t1);
    bmc::NewInteraction n;
    n.people = {"ada"};
    n.date = d("2026-11-01");
    n.via = "coffee";
    n.by = bmc::Initiator::me;
    n.note = "  talked about engines \n";
    const auto out = w.svc.log(n);
    REQUIRE(out.size() == 1);
    const bmc::Logged& l = out[0];
    CHECK(l.moved_anchor);
    CHECK(l.contact.id == ada.id);
    CHECK(show(l.contact.last_interaction) == "2026-11-01");
    CHECK(show(l.contact.next_due) == "2027-05-01");
    CHECK(l.interaction.id == 1);
    CHECK(bmc::is_uuid(l.interaction.uuid));
    CHECK(l.interaction.contact_id == ada.id);
    CHECK(show(l.interaction.date) == "2026-11-01");
    CHECK(l.interaction.via == "coffee");
    CHECK(l.interaction.by == bmc::Initiator::me);
    CHECK(l.interaction.note == "talked about engines");
    CHECK(l.interaction.created_at == t1);
    CHECK(l.interaction.updated_at == t1);

    const Contact s = w.stored(ada.id);
    CHECK(show(s.last_interaction) == "2026-11-01");
    CHECK(show(s.next_due) == "2027-05-01");
    const auto talks = w.repo.interactions_of(ada.id);
    REQUIRE(talks.size() == 1);
    CHECK(talks[0].uuid == l.interaction.uuid);
    CHECK(talks[0].note == "talked about engines");

    // Without a date, the conversation is today.
    const auto today = w.log("Ada Lovelace");
    CHECK(show(today.interaction.date) == "2026-11-22");
    CHECK(today.moved_anchor);
    CHECK(show(w.stored(ada.id).next_due) == "2027-05-22");
}

TEST_CASE("a backdated log older than the latest does not move the due date", "[service]") {
    World w;
    const Contact ada = w.add("Ada", Strength::medium, d("2026-01-10"));
    w.log("Ada", d("2026-11-01"));
    const auto older = w.log("Ada", d("2026-10-01"));
    CHECK_FALSE(older.moved_anchor);
    CHECK(show(older.contact.last_interaction) == "2026-11-01");
    CHECK(show(older.contact.next_due) == "2027-05-01");
    const Contact s = w.stored(ada.id);
    CHECK(show(s.last_interaction) == "2026-11-01");
    CHECK(show(s.next_due) == "2027-05-01");
    CHECK(w.repo.count_interactions(ada.id) == 2);

    // Same day as the latest counts as moving it (to the same place).
    const auto same = w.log("Ada", d("2026-11-01"));
    CHECK(same.moved_anchor);
    CHECK(show(w.stored(ada.id).next_due) == "2027-05-01");
}

TEST_CASE("a log in the future is refused and writes nothing", "[service]") {
    World w;
    const Contact ada = w.add("Ada", Strength::medium, d("2026-01-10"));
    bmc::NewInteraction n;
    n.people = {"Ada"};
    n.date = d("2026-11-23");
    CHECK_ERROR(bmc::DataError, w.svc.log(n), "2026-11-23 is in the future");
    CHECK(w.repo.count_interactions(ada.id) == 0);
    CHECK(show(w.stored(ada.id).next_due) == "2026-07-10");
}

TEST_CASE("a log with a bad channel, no person or an unknown person writes nothing", "[service]") {
    World w;
    const Contact ada = w.add("Ada");
    bmc::NewInteraction n;
    n.people = {"Ada"};
    n.via = "pigeon";
    CHECK_ERROR(bmc::UsageError, w.svc.log(n), "unknown channel 'pigeon'");
    n.via.reset();
    n.people.clear();
    CHECK_ERROR(bmc::UsageError, w.svc.log(n), "no person given");
    // All or nothing: the known first person is not logged when the second is unknown.
    n.people = {"Ada", "Nobody Atall"};
    CHECK_ERROR(bmc::NotFoundError, w.svc.log(n), "nobody called 'Nobody Atall'");
    CHECK(w.repo.count_interactions(ada.id) == 0);
    CHECK_FALSE(w.stored(ada.id).last_interaction.has_value());
}

TEST_CASE("one log can name several people, each once", "[service]") {
    World w;
    const Contact ada = w.add("Ada", Strength::strong, d("2026-01-10"));
    const Contact bob = w.add("Bob", Strength::weak, d("2026-01-10"));
    bmc::NewInteraction n;
    n.people = {"Ada", "#2", "ada", "#1"};
    n.date = d("2026-11-20");
    n.via = "meeting";
    const auto out = w.svc.log(n);
    REQUIRE(out.size() == 2);
    CHECK(out[0].contact.id == ada.id);
    CHECK(out[1].contact.id == bob.id);
    CHECK(out[0].interaction.uuid != out[1].interaction.uuid);
    CHECK(show(out[0].contact.next_due) == "2027-03-20");
    CHECK(show(out[1].contact.next_due) == "2027-08-20");
    CHECK(w.repo.count_interactions(ada.id) == 1);
    CHECK(w.repo.count_interactions(bob.id) == 1);
}

TEST_CASE("a log that moves the anchor ends a snooze, a backdated one does not", "[service]") {
    World w;
    const Contact ada = w.add("Ada", Strength::medium, d("2026-01-10"));
    w.log("Ada", d("2026-06-01"));
    REQUIRE(show(w.stored(ada.id).next_due) == "2026-12-01");
    w.svc.snooze("Ada", d("2027-03-01"));
    REQUIRE(show(w.stored(ada.id).next_due) == "2027-03-01");

    w.clock.set(t1);
    const auto older = w.log("Ada", d("2026-05-01"));
    CHECK_FALSE(older.moved_anchor);
    CHECK(show(older.contact.snoozed_until) == "2027-03-01");
    CHECK(show(w.stored(ada.id).snoozed_until) == "2027-03-01");
    CHECK(show(w.stored(ada.id).next_due) == "2027-03-01");
    CHECK(w.stored(ada.id).updated_at == t0);

    const auto now = w.log("Ada");
    CHECK(now.moved_anchor);
    CHECK_FALSE(now.contact.snoozed_until.has_value());
    const Contact s = w.stored(ada.id);
    CHECK_FALSE(s.snoozed_until.has_value());
    CHECK(show(s.next_due) == "2027-05-22");
    CHECK(s.updated_at == t1);
}

// ---------------------------------------------------------------------------------------------
// snooze, archive, due, show
// ---------------------------------------------------------------------------------------------

TEST_CASE("snooze sets the effective due date", "[service]") {
    World w;
    const Contact ada = w.add("Ada", Strength::medium, d("2026-01-10")); // due 2026-07-10
    CHECK(w.svc.due(std::nullopt, std::nullopt).people.size() == 1);

    w.clock.set(t1);
    const Contact c = w.svc.snooze("Ada", d("2026-12-15"));
    CHECK(show(c.snoozed_until) == "2026-12-15");
    CHECK(show(c.next_due) == "2026-12-15");
    CHECK(c.updated_at == t1);
    const Contact s = w.stored(ada.id);
    CHECK(show(s.snoozed_until) == "2026-12-15");
    CHECK(show(s.next_due) == "2026-12-15");
    CHECK(w.svc.due(std::nullopt, std::nullopt).people.empty());
    CHECK(w.svc.due(Interval{22, Unit::days}, std::nullopt).people.empty());
    CHECK(w.svc.due(Interval{23, Unit::days}, std::nullopt).people.size() == 1);

    const auto schedule = w.svc.schedule_of(s);
    CHECK(show(schedule.next_due) == "2026-07-10");
    CHECK(show(schedule.snoozed_until) == "2026-12-15");
    CHECK(show(schedule.effective_due) == "2026-12-15");
}

TEST_CASE("a snooze earlier than the due date does not bring it forward", "[service]") {
    World w;
    const Contact ada = w.add("Ada"); // due 2027-05-22
    const Contact c = w.svc.snooze("Ada", d("2027-01-01"));
    CHECK(show(c.snoozed_until) == "2027-01-01");
    CHECK(show(c.next_due) == "2027-05-22");
    CHECK(show(w.stored(ada.id).next_due) == "2027-05-22");
}

TEST_CASE("snoozing until today or a past day is refused and changes nothing", "[service]") {
    World w;
    const Contact ada = w.add("Ada", Strength::medium, d("2026-01-10"));
    w.clock.set(t1);
    CHECK_ERROR(bmc::DataError, w.svc.snooze("Ada", d("2026-11-22")),
                "cannot snooze until 2026-11-22");
    CHECK_ERROR(bmc::DataError, w.svc.snooze("Ada", d("2026-11-01")),
                "cannot snooze until 2026-11-01");
    const Contact s = w.stored(ada.id);
    CHECK_FALSE(s.snoozed_until.has_value());
    CHECK(show(s.next_due) == "2026-07-10");
    CHECK(s.updated_at == t0);
    CHECK_ERROR(bmc::NotFoundError, w.svc.snooze("Nobody", d("2027-01-01")), "nobody called");
}

TEST_CASE("an archived person is never due, unarchiving brings the due date back", "[service]") {
    World w;
    const Contact ada = w.add("Ada", Strength::medium, d("2026-01-10"));
    w.add("Bob", Strength::medium, d("2026-02-10"));
    CHECK(names(w.svc.due(std::nullopt, std::nullopt).people) == Names{"Ada", "Bob"});

    w.clock.set(t1);
    const Contact a = w.svc.set_archived("Ada", true);
    CHECK(a.archived);
    CHECK_FALSE(a.next_due.has_value());
    CHECK(a.updated_at == t1);
    CHECK(w.stored(ada.id).archived);
    CHECK_FALSE(w.stored(ada.id).next_due.has_value());
    CHECK(names(w.svc.due(std::nullopt, std::nullopt).people) == Names{"Bob"});
    CHECK(names(w.svc.due(Interval{10, Unit::years}, std::nullopt).people) == Names{"Bob"});
    // Logging does not bring them back either.
    w.log("Ada", d("2026-11-01"));
    CHECK_FALSE(w.stored(ada.id).next_due.has_value());
    CHECK(names(w.svc.due(Interval{10, Unit::years}, std::nullopt).people) == Names{"Bob"});

    bmc::ListOptions archived;
    archived.query.archived = true;
    CHECK(names(w.svc.list(archived)) == Names{"Ada"});
    CHECK(names(w.svc.list({})) == Names{"Bob"});

    const Contact back = w.svc.set_archived("Ada", false);
    CHECK_FALSE(back.archived);
    CHECK(show(back.next_due) == "2027-05-01");
    CHECK(show(w.stored(ada.id).next_due) == "2027-05-01");
    CHECK(names(w.svc.due(Interval{1, Unit::years}, std::nullopt).people) == Names{"Bob", "Ada"});
}

TEST_CASE("archiving someone already archived changes nothing", "[service]") {
    World w;
    const Contact ada = w.add("Ada");
    w.svc.set_archived("Ada", true);
    w.clock.set(t1);
    const Contact again = w.svc.set_archived("Ada", true);
    CHECK(again.archived);
    CHECK(w.stored(ada.id).updated_at == t0);
}

TEST_CASE("due lists who is due until today plus the window, most overdue first", "[service]") {
    World w;
    w.add("Ada", Strength::medium, d("2026-05-01")); // due 2026-11-01
    w.add("Bob", Strength::strong, d("2026-07-22")); // due 2026-11-22, today
    w.add("Cat", Strength::weak, d("2026-02-25"));   // due 2026-11-25
    w.add("Dan", Strength::medium, d("2026-06-10")); // due 2026-12-10
    w.add("Eve", Strength::medium, d("2026-11-22")); // due 2027-05-22
    const auto now = w.svc.due(std::nullopt, std::nullopt);
    CHECK(show(now.today) == "2026-11-22");
    CHECK(show(now.until) == "2026-11-22");
    CHECK(names(now.people) == Names{"Ada", "Bob"});
    const auto week = w.svc.due(Interval{1, Unit::weeks}, std::nullopt);
    CHECK(show(week.until) == "2026-11-29");
    CHECK(names(week.people) == Names{"Ada", "Bob", "Cat"});
    const auto month = w.svc.due(Interval{1, Unit::months}, std::nullopt);
    CHECK(show(month.until) == "2026-12-22");
    CHECK(names(month.people) == Names{"Ada", "Bob", "Cat", "Dan"});
    CHECK(names(w.svc.due(Interval{1, Unit::months}, 2).people) == Names{"Ada", "Bob"});
}

TEST_CASE("show returns the contact, its schedule and its interactions newest first", "[service]") {
    World w;
    const Contact ada = w.add("Ada Lovelace", Strength::strong, d("2026-01-10"));
    w.log("Ada", d("2026-03-01"));
    w.log("Ada", d("2026-09-01"));
    w.log("Ada", d("2026-06-01"));
    const bmc::Profile p = w.svc.show("lovelace");
    CHECK(p.contact.id == ada.id);
    CHECK(show(p.contact.next_due) == "2027-01-01");
    REQUIRE(p.interactions.size() == 3);
    CHECK(show(p.interactions[0].date) == "2026-09-01");
    CHECK(show(p.interactions[1].date) == "2026-06-01");
    CHECK(show(p.interactions[2].date) == "2026-03-01");
    CHECK(p.schedule.interval == Interval{4, Unit::months});
    CHECK(p.schedule.source == bmc::IntervalSource::strength);
    CHECK(show(p.schedule.anchor) == "2026-09-01");
    CHECK(p.schedule.anchor_is_interaction);
    CHECK(show(p.schedule.effective_due) == "2027-01-01");
    CHECK_ERROR(bmc::NotFoundError, w.svc.show("#9"), "nobody has the id #9");
}

// ---------------------------------------------------------------------------------------------
// edit
// ---------------------------------------------------------------------------------------------

TEST_CASE("editing the strength or the interval recomputes the due date", "[service]") {
    World w;
    const Contact ada = w.add("Ada", Strength::medium, d("2026-01-10"));
    REQUIRE(show(ada.next_due) == "2026-07-10");

    bmc::ContactEdit strong;
    strong.strength = Strength::strong;
    w.clock.set(t1);
    Contact c = w.svc.edit("Ada", strong);
    CHECK(c.strength == Strength::strong);
    CHECK(show(c.next_due) == "2026-05-10");
    CHECK(c.updated_at == t1);
    CHECK(show(w.stored(ada.id).next_due) == "2026-05-10");
    CHECK(w.stored(ada.id).strength == Strength::strong);

    bmc::ContactEdit every;
    every.every = std::optional<Interval>(Interval{2, Unit::weeks});
    c = w.svc.edit("Ada", every);
    CHECK(c.every == Interval{2, Unit::weeks});
    CHECK(show(c.next_due) == "2026-01-24");
    CHECK(w.stored(ada.id).every == Interval{2, Unit::weeks});
    CHECK(show(w.stored(ada.id).next_due) == "2026-01-24");
    CHECK(w.svc.schedule_of(w.stored(ada.id)).source == bmc::IntervalSource::override);

    // With an override, the strength no longer sets the interval.
    bmc::ContactEdit weak;
    weak.strength = Strength::weak;
    c = w.svc.edit("Ada", weak);
    CHECK(show(c.next_due) == "2026-01-24");

    // "default": the override goes, and the strength's cadence is back.
    bmc::ContactEdit back;
    back.every = std::optional<Interval>();
    c = w.svc.edit("Ada", back);
    CHECK_FALSE(c.every.has_value());
    CHECK_FALSE(w.stored(ada.id).every.has_value());
    CHECK(show(c.next_due) == "2026-10-10");
    CHECK(show(w.stored(ada.id).next_due) == "2026-10-10");
    CHECK(w.svc.schedule_of(w.stored(ada.id)).source == bmc::IntervalSource::strength);

    // The date met is the anchor until there is an interaction.
    bmc::ContactEdit met;
    met.met_on = std::optional<Date>(d("2026-03-01"));
    c = w.svc.edit("Ada", met);
    CHECK(show(c.met_on) == "2026-03-01");
    CHECK(show(c.next_due) == "2026-12-01");
    CHECK(show(w.stored(ada.id).next_due) == "2026-12-01");
}

TEST_CASE("edit sets, adds, removes and clears every field", "[service]") {
    World w;
    bmc::NewContact n;
    n.name = "Ada";
    n.emails = {"a@x.org", "b@x.org"};
    n.phones = {"111", "222"};
    n.tags = {"math", "art"};
    n.company = "Engines";
    n.title = "Countess";
    n.met = "PyCon";
    n.met_on = d("2026-01-10");
    n.notes = "old notes";
    const Contact ada = w.svc.add(n);

    bmc::ContactEdit e;
    e.name = "  Ada King ";
    e.add_emails = {"c@x.org", "a@x.org"};
    e.remove_emails = {" b@x.org "};
    e.add_phones = {"333"};
    e.remove_phones = {"111"};
    e.add_tags = {"Writing", "MATH"};
    e.remove_tags = {"ART"};
    e.company = std::optional<std::string>("Analytical Engines");
    e.title = std::optional<std::string>();
    e.met = std::optional<std::string>("  ");
    e.notes = std::optional<std::string>("new notes");
    w.clock.set(t1);
    const Contact c = w.svc.edit("#1", e);
    const Contact s = w.stored(ada.id);
    for (const Contact* x : {&c, &s}) {
        CHECK(x->name == "Ada King");
        CHECK(x->emails == std::vector<std::string>{"a@x.org", "c@x.org"});
        CHECK(x->phones == std::vector<std::string>{"222", "333"});
        CHECK(x->tags == std::vector<std::string>{"math", "writing"});
        CHECK(x->company == "Analytical Engines");
        CHECK_FALSE(x->title.has_value());
        CHECK_FALSE(x->met.has_value());
        CHECK(x->notes == "new notes");
        CHECK(show(x->met_on) == "2026-01-10");
        CHECK(x->updated_at == t1);
        CHECK(x->created_at == t0);
        CHECK(x->uuid == ada.uuid);
    }
    CHECK(bmc::resolve_person(w.repo, "ada king").id == ada.id);

    bmc::ContactEdit clear;
    clear.company = std::optional<std::string>();
    clear.notes = std::optional<std::string>();
    w.svc.edit("Ada King", clear);
    CHECK_FALSE(w.stored(ada.id).company.has_value());
    CHECK_FALSE(w.stored(ada.id).notes.has_value());
}

TEST_CASE("an edit that changes nothing writes nothing", "[service]") {
    World w;
    bmc::NewContact n;
    n.name = "Ada";
    n.tags = {"math"};
    n.company = "Engines";
    const Contact ada = w.svc.add(n);
    w.clock.set(t1);
    bmc::ContactEdit e;
    e.add_tags = {"MATH"};
    e.company = std::optional<std::string>("Engines");
    e.strength = Strength::medium;
    const Contact c = w.svc.edit("Ada", e);
    CHECK(c.updated_at == t0);
    CHECK(w.stored(ada.id).updated_at == t0);
}

TEST_CASE("edit refuses to rename onto an existing name unless forced", "[service]") {
    World w;
    w.add("Ada");
    const Contact bob = w.add("Bob");
    bmc::ContactEdit e;
    e.name = "ADA";
    CHECK_ERROR(bmc::DataError, w.svc.edit("Bob", e), "already exists as #1");
    CHECK(w.stored(bob.id).name == "Bob");
    // A change of case of one's own name is fine.
    bmc::ContactEdit own;
    own.name = "BOB";
    CHECK(w.svc.edit("Bob", own).name == "BOB");
    e.force = true;
    CHECK(w.svc.edit("#2", e).name == "ADA");
    CHECK(w.repo.find_by_exact_name("ada").size() == 2);
}

TEST_CASE("edit refuses a date met in the future", "[service]") {
    World w;
    const Contact ada = w.add("Ada", Strength::medium, d("2026-01-10"));
    bmc::ContactEdit e;
    e.met_on = std::optional<Date>(d("2026-12-01"));
    CHECK_ERROR(bmc::DataError, w.svc.edit("Ada", e), "in the future");
    CHECK(show(w.stored(ada.id).met_on) == "2026-01-10");
}

// ---------------------------------------------------------------------------------------------
// settings
// ---------------------------------------------------------------------------------------------

TEST_CASE("settings list the three cadences, the routine quotas and due.limit with their defaults",
          "[service]") {
    World w;
    const auto all = w.svc.settings();
    REQUIRE(all.size() == 6);
    CHECK(all[5].key == "due.limit");
    CHECK(all[5].value == "20");
    CHECK(all[3].key == "routine.per-week");
    CHECK(all[3].value == "none");
    CHECK(all[4].key == "routine.per-month");
    CHECK(all[0].key == "cadence.strong");
    CHECK(all[0].value == "4m");
    CHECK(all[0].default_value == "4m");
    CHECK(all[1].key == "cadence.medium");
    CHECK(all[1].value == "6m");
    CHECK(all[2].key == "cadence.weak");
    CHECK(all[2].value == "9m");
    CHECK(all[2].description == "reconnect interval for weak ties");
    const auto weak = w.svc.setting("cadence.weak");
    CHECK(weak.value == "9m");
    CHECK(weak.default_value == "9m");
}

TEST_CASE("changing the weak cadence recomputes only weak contacts without an override",
          "[service]") {
    World w;
    const Contact weak = w.add("W", Strength::weak, d("2026-01-10"));
    const Contact medium = w.add("M", Strength::medium, d("2026-01-10"));
    const Contact strong = w.add("S", Strength::strong, d("2026-01-10"));
    bmc::NewContact n;
    n.name = "WO";
    n.strength = Strength::weak;
    n.every = Interval{3, Unit::months};
    n.met_on = d("2026-01-10");
    const Contact overridden = w.svc.add(n);
    const Contact archived = w.add("WA", Strength::weak, d("2026-01-10"));
    w.svc.set_archived("WA", true);
    const Contact talked = w.add("WL", Strength::weak, d("2025-01-01"));
    w.log("WL", d("2026-02-01"));
    const Contact snoozed = w.add("WS", Strength::weak, d("2026-01-10"));
    w.svc.snooze("WS", d("2026-12-15"));
    REQUIRE(show(w.stored(weak.id).next_due) == "2026-10-10");
    REQUIRE(show(w.stored(talked.id).next_due) == "2026-11-01");

    w.clock.set(t1);
    const bmc::SettingInfo info = w.svc.set_setting("cadence.weak", "10m");
    CHECK(info.key == "cadence.weak");
    CHECK(info.value == "10m");
    CHECK(info.default_value == "9m");
    CHECK(w.svc.setting("cadence.weak").value == "10m");
    CHECK(w.repo.get_setting("cadence.weak") == "10m");
    CHECK(w.svc.cadence().weak == Interval{10, Unit::months});

    CHECK(show(w.stored(weak.id).next_due) == "2026-11-10");
    CHECK(show(w.stored(talked.id).next_due) == "2026-12-01");
    CHECK(show(w.stored(snoozed.id).next_due) == "2026-12-15");
    CHECK(show(w.stored(overridden.id).next_due) == "2026-04-10");
    CHECK(show(w.stored(medium.id).next_due) == "2026-07-10");
    CHECK(show(w.stored(strong.id).next_due) == "2026-05-10");
    CHECK_FALSE(w.stored(archived.id).next_due.has_value());
    // A cadence change is not an edit of the people.
    CHECK(w.stored(weak.id).updated_at == t0);

    // New people use the new cadence.
    CHECK(show(w.add("New weak", Strength::weak).next_due) == "2027-09-22");

    // Values are stored in canonical form, and changing back restores the dates.
    CHECK(w.svc.set_setting("cadence.weak", "9 months").value == "9m");
    CHECK(w.repo.get_setting("cadence.weak") == "9m");
    CHECK(show(w.stored(weak.id).next_due) == "2026-10-10");
}

TEST_CASE("changing the medium cadence leaves weak and strong alone", "[service]") {
    World w;
    const Contact weak = w.add("W", Strength::weak, d("2026-01-10"));
    const Contact medium = w.add("M", Strength::medium, d("2026-01-10"));
    w.svc.set_setting("cadence.medium", "1y");
    CHECK(show(w.stored(medium.id).next_due) == "2027-01-10");
    CHECK(show(w.stored(weak.id).next_due) == "2026-10-10");
}

TEST_CASE("an unknown setting key or a bad value is a usage error", "[service]") {
    World w;
    const Contact weak = w.add("W", Strength::weak, d("2026-01-10"));
    try {
        w.svc.set_setting("cadence.wek", "10m");
        FAIL_CHECK("expected bmc::UsageError");
    } catch (const bmc::UsageError& e) {
        CHECK(std::string(e.what()) == "unknown setting 'cadence.wek'");
        CHECK_THAT(e.hint(), Catch::StartsWith("did you mean cadence.weak?"));
        CHECK(e.code() == bmc::exit_usage);
    }
    try {
        w.svc.setting("theme");
        FAIL_CHECK("expected bmc::UsageError");
    } catch (const bmc::UsageError& e) {
        CHECK(e.hint() == "known keys: cadence.strong, cadence.medium, cadence.weak, "
                          "routine.per-week, routine.per-month, due.limit");
    }
    CHECK_THROWS_AS(w.svc.set_setting("cadence.weak", "0m"), bmc::UsageError);
    CHECK_THROWS_AS(w.svc.set_setting("cadence.weak", "often"), bmc::UsageError);
    CHECK(w.repo.settings().empty());
    CHECK(show(w.stored(weak.id).next_due) == "2026-10-10");
}

TEST_CASE("due.limit is how many people due shows: 20 unless set, a number or all", "[service]") {
    World w;
    CHECK(w.svc.due_limit() == 20);
    CHECK(w.svc.set_setting("due.limit", "5").value == "5");
    CHECK(w.repo.get_setting("due.limit") == "5");
    CHECK(w.svc.due_limit() == 5);
    CHECK(w.svc.set_setting("due.limit", "10000").value == "10000");
    CHECK(w.svc.set_setting("due.limit", "007").value == "7"); // stored in canonical form
    CHECK(w.repo.get_setting("due.limit") == "7");
    CHECK(w.svc.set_setting("due.limit", "all").value == "all");
    CHECK_FALSE(w.svc.due_limit().has_value());
    CHECK(w.svc.set_setting("due.limit", "default").value == "20");
    CHECK_FALSE(w.repo.get_setting("due.limit").has_value());
    CHECK(w.svc.due_limit() == 20);
    for (const char* bad : {"0", "10001", "-1", "+5", "5 ", "twenty", "none", ""}) {
        INFO(bad);
        CHECK_THROWS_AS(w.svc.set_setting("due.limit", bad), bmc::UsageError);
    }
    CHECK(w.repo.settings().empty());
    // A value the database should never hold is reported, not guessed at.
    w.repo.set_setting("due.limit", "lots");
    CHECK_THROWS_AS(w.svc.due_limit(), bmc::DatabaseError);
}

// ---------------------------------------------------------------------------------------------
// remove
// ---------------------------------------------------------------------------------------------

TEST_CASE("remove without confirmation only reports, with it, deletes", "[service]") {
    World w;
    const Contact ada = w.add("Ada");
    const Contact bob = w.add("Bob");
    w.log("Ada", d("2026-10-01"));
    w.log("Ada", d("2026-11-01"));
    w.log("Bob", d("2026-11-01"));

    const bmc::Removal dry = w.svc.remove("Ada", false);
    CHECK_FALSE(dry.removed);
    CHECK(dry.interactions == 2);
    CHECK(dry.contact.id == ada.id);
    CHECK(w.repo.count_contacts() == 2);
    CHECK(w.repo.count_interactions(ada.id) == 2);
    CHECK(w.stored(ada.id).name == "Ada");

    const bmc::Removal done = w.svc.remove("ada", true);
    CHECK(done.removed);
    CHECK(done.interactions == 2);
    CHECK(done.contact.name == "Ada");
    CHECK(w.repo.count_contacts() == 1);
    CHECK_FALSE(w.repo.find_contact(ada.id).has_value());
    CHECK(w.repo.count_interactions(ada.id) == 0);
    CHECK(w.repo.count_interactions(bob.id) == 1);
    CHECK_THROWS_AS(w.svc.show("Ada"), bmc::NotFoundError);
}

// ---------------------------------------------------------------------------------------------
// list
// ---------------------------------------------------------------------------------------------

TEST_CASE("list search matches company, title, notes, tags, emails case-insensitively",
          "[service]") {
    World w;
    const auto add = [&](const char* name, const char* company, const char* notes,
                         std::vector<std::string> tags, std::vector<std::string> emails = {},
                         const char* title = nullptr) {
        bmc::NewContact n;
        n.name = name;
        if (company != nullptr) {
            n.company = company;
        }
        if (notes != nullptr) {
            n.notes = notes;
        }
        if (title != nullptr) {
            n.title = title;
        }
        n.tags = std::move(tags);
        n.emails = std::move(emails);
        return w.svc.add(n);
    };
    add("Ada", "Acme Corp", nullptr, {});
    add("Bob", nullptr, "Plays the PIANO on Sundays", {"music"});
    add("Carol", nullptr, nullptr, {"Climbing"});
    add("Dave", nullptr, nullptr, {}, {}, "CTO");
    add("Eve", nullptr, nullptr, {}, {"eve@ACME.io"});
    add("Frank", "Initech", "nothing to see", {"work"});

    // The text table's rows (list_rows) match the same people as the full ones (list).
    const auto search = [&](const char* text) {
        bmc::ListOptions o;
        o.search = text;
        o.query.with_last = true; // as `list --json` asks; list_rows does without
        const Names full = names(w.svc.list(o));
        Names table;
        for (const auto& r : w.svc.list_rows(o)) {
            table.push_back(r.name);
        }
        CHECK(table == full);
        return full;
    };
    CHECK(search("acme") == Names{"Ada", "Eve"});
    CHECK(search("ACME CORP") == Names{"Ada"});
    CHECK(search("piano") == Names{"Bob"});
    CHECK(search("climb") == Names{"Carol"});
    CHECK(search("CLIMBING") == Names{"Carol"});
    CHECK(search("  cto ") == Names{"Dave"});
    CHECK(search("fRaN") == Names{"Frank"});
    CHECK(search("zzz").empty());
    CHECK(search("") == Names{"Ada", "Bob", "Carol", "Dave", "Eve", "Frank"});

    // Search narrows the query's other filters.
    bmc::ListOptions tagged;
    tagged.query.tag = "work";
    tagged.search = "acme";
    CHECK(names(w.svc.list(tagged)).empty());
    tagged.search = "initech";
    CHECK(names(w.svc.list(tagged)) == Names{"Frank"});
    w.svc.set_archived("Ada", true);
    CHECK(search("acme") == Names{"Eve"});
}

// ---------------------------------------------------------------------------------------------
// export and import
// ---------------------------------------------------------------------------------------------

namespace {

// A database with a bit of everything in it.
void populate(World& w) {
    bmc::NewContact ada;
    ada.name = "Ada Lovelace";
    ada.strength = Strength::strong;
    ada.every = Interval{3, Unit::weeks};
    ada.emails = {"ada@example.org", "a@b.c"};
    ada.phones = {"+44 1"};
    ada.company = "Analytical Engines";
    ada.title = "Countess";
    ada.tags = {"math", "writing"};
    ada.met = "PyCon";
    ada.met_on = d("2025-03-01");
    ada.notes = "likes \"poetical science\"\nsecond line";
    w.svc.add(ada);
    w.add("Bob", Strength::weak, d("2026-01-10"));
    w.add("Carol", Strength::medium, d("2024-02-29"));
    bmc::NewContact twin;
    twin.name = "ada lovelace";
    twin.force = true;
    w.svc.add(twin);
    w.add("Zoë Ünal");

    w.clock.set(t1);
    bmc::NewInteraction talk;
    talk.people = {"#1"};
    talk.date = d("2026-10-01");
    talk.via = "coffee";
    talk.by = bmc::Initiator::them;
    talk.note = "it's; \"quoted\"";
    w.svc.log(talk);
    w.log("#1", d("2026-04-01"));
    w.log("Carol", d("2026-11-20"));
    w.svc.snooze("Bob", d("2027-02-01"));
    w.svc.set_archived("Carol", true);
}

json without_exported_at(const std::string& text) {
    json j = json::parse(text);
    j.erase("exported_at");
    return j;
}

} // namespace

TEST_CASE("export writes the version, the time and every contact with interactions", "[service]") {
    World w;
    populate(w);
    w.clock.set("2026-11-22T12:00:00Z");
    const json doc = json::parse(w.export_text());
    CHECK(doc["version"] == 1);
    CHECK(doc["exported_at"] == "2026-11-22T12:00:00Z");
    REQUIRE(doc["contacts"].size() == 5);
    const json& ada = doc["contacts"][0];
    CHECK(ada["name"] == "Ada Lovelace");
    CHECK(ada["every"] == "3w");
    CHECK(ada["next_due"] == "2026-10-22");
    CHECK(ada["tags"] == json({"math", "writing"}));
    REQUIRE(ada["interactions"].size() == 2);
    CHECK(ada["interactions"][0]["date"] == "2026-04-01"); // oldest first
    CHECK(ada["interactions"][1]["date"] == "2026-10-01");
    CHECK(ada["interactions"][1]["via"] == "coffee");
    CHECK(ada["interactions"][1]["by"] == "them");
    CHECK(ada["interactions"][1]["note"] == "it's; \"quoted\"");
    CHECK(ada["interactions"][1]["created_at"] == t1);
    CHECK(doc["contacts"][1]["name"] == "Bob");
    CHECK(doc["contacts"][1]["snoozed_until"] == "2027-02-01");
    CHECK(doc["contacts"][1]["next_due"] == "2027-02-01");
    CHECK(doc["contacts"][1]["interactions"] == json::array());
    CHECK(doc["contacts"][2]["archived"] == true);
    CHECK(doc["contacts"][2]["next_due"].is_null());
    CHECK(doc["contacts"][3]["name"] == "ada lovelace");
    CHECK(doc["contacts"][4]["name"] == "Zoë Ünal");
}

TEST_CASE("export of an empty database is a valid document with no contacts", "[service]") {
    World w;
    const json doc = json::parse(w.export_text());
    CHECK(doc["version"] == 1);
    CHECK(doc["exported_at"] == t0);
    CHECK(doc["contacts"] == json::array());
}

TEST_CASE("export then import into a fresh database gives an identical export", "[service]") {
    World source;
    populate(source);
    const std::string first = source.export_text();

    World target;
    target.clock.set("2030-01-01T00:00:00Z");
    const bmc::ImportSummary summary = target.import_text(first);
    CHECK(summary.added == 5);
    CHECK(summary.updated == 0);
    CHECK(summary.unchanged == 0);
    CHECK(summary.interactions_added == 3);
    CHECK(summary.interactions_updated == 0);
    const std::string second = target.export_text();
    CHECK(json::parse(second)["exported_at"] == "2030-01-01T00:00:00Z");
    CHECK(without_exported_at(second) == without_exported_at(first));
    CHECK(json::parse(first)["contacts"].size() == 5);

    // The materialised due dates work after the import.
    CHECK(names(target.svc.due(std::nullopt, std::nullopt).people) == Names{"Ada Lovelace"});
}

TEST_CASE("importing the same document twice adds nothing the second time", "[service]") {
    World source;
    populate(source);
    const std::string doc = source.export_text();

    World target;
    const auto first = target.import_text(doc);
    CHECK(first.added == 5);
    const std::string after_first = target.export_text();
    const auto second = target.import_text(doc);
    CHECK(second.added == 0);
    CHECK(second.updated == 0);
    CHECK(second.unchanged == 5);
    CHECK(second.interactions_added == 0);
    CHECK(second.interactions_updated == 0);
    CHECK(target.export_text() == after_first);

    // Importing an export into its own database changes nothing either.
    const auto self = source.import_text(doc);
    CHECK(self.added == 0);
    CHECK(self.unchanged == 5);
    CHECK(self.interactions_added == 0);
    CHECK(source.export_text() == doc);
}

TEST_CASE("hand-written records with only a name import with defaults, idempotently", "[service]") {
    World w;
    const auto first =
        w.import_text(R"([{"name": "Ada Lovelace"}, {"name": "Grace", "interactions": )"
                      R"([{"date": "2026-10-01", "note": "hi"}, {"date": "2026-11-01"}]}])");
    CHECK(first.added == 2);
    CHECK(first.interactions_added == 2);
    REQUIRE(w.repo.count_contacts() == 2);
    const Contact ada = w.stored(1);
    CHECK(ada.name == "Ada Lovelace");
    CHECK(bmc::is_uuid(ada.uuid));
    CHECK(ada.strength == Strength::medium);
    CHECK(show(ada.met_on) == "2026-11-22");
    CHECK(show(ada.next_due) == "2027-05-22");
    CHECK(ada.created_at == t0);
    CHECK(ada.updated_at == t0);
    const Contact grace = w.stored(2);
    CHECK(show(grace.last_interaction) == "2026-11-01");
    CHECK(show(grace.next_due) == "2027-05-01");

    // Matched by name the second time: nothing added, nothing duplicated.
    const auto second =
        w.import_text(R"({"contacts": [{"name": "ada lovelace"}, {"name": "Grace", )"
                      R"("interactions": [{"date": "2026-11-01"}, {"date": "2026-10-01", )"
                      R"("note": "hi"}]}]})");
    CHECK(second.added == 0);
    CHECK(second.unchanged == 2);
    CHECK(second.interactions_added == 0);
    CHECK(w.repo.count_contacts() == 2);
    CHECK(w.repo.count_interactions(2) == 2);
    CHECK(w.stored(1).name == "Ada Lovelace");
}

TEST_CASE("import is all-or-nothing: a bad third record writes nothing", "[service]") {
    World w;
    const Contact existing = w.add("Existing");
    const std::string doc =
        R"({"version": 1, "contacts": [{"name": "One"}, {"name": "Two", "interactions": )"
        R"([{"date": "2026-01-01"}]}, {"name": "Three", "strength": "stronk"}]})";
    try {
        w.import_text(doc);
        FAIL_CHECK("expected bmc::DataError");
    } catch (const bmc::DataError& e) {
        const std::string what = e.what();
        CHECK_THAT(what, Catch::Contains("contact 3"));
        CHECK_THAT(what, Catch::Contains("'Three'"));
        CHECK_THAT(what, Catch::Contains("field 'strength'"));
        CHECK_THAT(e.hint(), Catch::Contains("nothing was imported"));
    }
    CHECK(w.repo.count_contacts() == 1);
    CHECK(w.repo.all_names().front().name == "Existing");
    CHECK(w.repo.count_interactions(existing.id) == 0);
}

TEST_CASE("import refuses bad documents with the record's position", "[service]") {
    World w;
    w.add("Existing");
    CHECK_ERROR(bmc::DataError, w.import_text("{not json"), "not valid JSON");
    // A number beyond a double is valid JSON that nlohmann refuses with out_of_range, not
    // parse_error; it used to escape as an unexpected error.
    CHECK_ERROR(bmc::DataError, w.import_text(R"([{"name": "A", "x": 1E400}])"),
                "the import holds a number too large to read '1E400'");
    CHECK_ERROR(bmc::DataError, w.import_text(R"({"version": 1})"), "no \"contacts\" array");
    CHECK_ERROR(bmc::DataError, w.import_text(R"({"contacts": {}})"), "must be an array");
    CHECK_ERROR(bmc::DataError, w.import_text(R"({"version": 2, "contacts": []})"),
                "format version 2");
    CHECK_ERROR(bmc::DataError,
                w.import_text(R"([{"name": "A"}, {"name": "B", "met_on": )"
                              R"("2026-11-23"}])"),
                "contact 2 ('B')");
    CHECK_ERROR(bmc::DataError,
                w.import_text(R"([{"name": "A", "interactions": [{"date": "2027-01-01"}]}])"),
                "contact 1 ('A')");
    CHECK_ERROR(bmc::DataError, w.import_text(R"([{"name": "A"}, 42])"), "contact 2:");
    const std::string uuid = bmc::new_uuid();
    CHECK_ERROR(bmc::DataError,
                w.import_text(R"([{"name": "A", "uuid": ")" + uuid +
                              R"("}, {"name": "B", "uuid": ")" + uuid + R"("}])"),
                "appears twice");
    CHECK(w.repo.count_contacts() == 1);
}

TEST_CASE("on import, a newer updated_at wins and an older one does not", "[service]") {
    World w;
    bmc::NewContact n;
    n.name = "Ada";
    n.company = "Old Co";
    n.met_on = d("2026-01-10");
    const Contact ada = w.svc.add(n);
    w.log("Ada", d("2026-06-01"));
    const json exported = json::parse(w.export_text());
    json record = exported["contacts"][0];
    REQUIRE(record["updated_at"] == t0);

    // Older: ignored.
    record["company"] = "Older Co";
    record["updated_at"] = "2026-11-01T00:00:00Z";
    auto summary = w.import_text(json::array({record}).dump());
    CHECK(summary.unchanged == 1);
    CHECK(summary.updated == 0);
    CHECK(w.stored(ada.id).company == "Old Co");
    CHECK(w.stored(ada.id).updated_at == t0);

    // Same time: ignored too.
    record["updated_at"] = t0;
    summary = w.import_text(json::array({record}).dump());
    CHECK(summary.unchanged == 1);
    CHECK(w.stored(ada.id).company == "Old Co");

    // Newer: wins, keeping the identity and creation time.
    record["company"] = "New Co";
    record["strength"] = "strong";
    record["created_at"] = "2020-01-01T00:00:00Z";
    record["updated_at"] = t1;
    record["interactions"][0]["note"] = "edited";
    record["interactions"][0]["updated_at"] = t1;
    summary = w.import_text(json::array({record}).dump());
    CHECK(summary.updated == 1);
    CHECK(summary.added == 0);
    CHECK(summary.unchanged == 0);
    CHECK(summary.interactions_updated == 1);
    CHECK(summary.interactions_added == 0);
    const Contact s = w.stored(ada.id);
    CHECK(s.company == "New Co");
    CHECK(s.strength == Strength::strong);
    CHECK(s.updated_at == t1);
    CHECK(s.created_at == t0);
    CHECK(s.uuid == ada.uuid);
    CHECK(show(s.next_due) == "2026-10-01"); // recomputed: last talk 2026-06-01 + 4 months
    const auto talks = w.repo.interactions_of(ada.id);
    REQUIRE(talks.size() == 1);
    CHECK(talks[0].note == "edited");
    CHECK(talks[0].updated_at == t1);
    CHECK(w.repo.count_contacts() == 1);

    // Newer but identical: nothing to update.
    record["updated_at"] = "2026-11-22T10:00:00Z";
    summary = w.import_text(json::array({record}).dump());
    CHECK(summary.unchanged == 1);
    CHECK(summary.updated == 0);
    CHECK(w.stored(ada.id).updated_at == t1);
}

TEST_CASE("the output of list --json can be imported, without conversations", "[service]") {
    World source;
    populate(source);
    const std::string listed =
        bmc::dump(bmc::list_to_json(source.svc.list({}), source.svc.today()));
    World target;
    const auto summary = target.import_text(listed);
    CHECK(summary.added == 4); // Carol is archived, so not listed
    CHECK(summary.interactions_added == 0);
    const auto ada = target.repo.find_contact_by_uuid(source.stored(1).uuid);
    REQUIRE(ada.has_value());
    CHECK(ada->name == "Ada Lovelace");
    CHECK(ada->every == Interval{3, Unit::weeks});
    CHECK(ada->tags == std::vector<std::string>{"math", "writing"});
    // No conversations came along, so the date met is the anchor again.
    CHECK(show(ada->next_due) == "2025-03-22");
}

TEST_CASE("an import with a format version beyond 32 bits is refused", "[service]") {
    World w;
    CHECK_ERROR(bmc::DataError,
                w.import_text(R"({"version": 4294967297, "contacts": [{"name": "A"}]})"),
                "format version 4294967297");
    CHECK(w.repo.count_contacts() == 0);
}

TEST_CASE("an import with a format version beyond 63 bits is refused", "[service]") {
    // 18446744073709551615 = 2^64 - 1 is read with get<long long>() and becomes -1, so it passes
    // the "no higher than 1" check and the import goes ahead.
    World w;
    CHECK_ERROR(bmc::DataError,
                w.import_text(R"({"version": 18446744073709551615, "contacts": [{"name": "A"}]})"),
                "format version 18446744073709551615");
    CHECK(w.repo.count_contacts() == 0);
}

TEST_CASE("a new snooze replaces the old one, even an earlier one", "[service]") {
    World w;
    const Contact ada = w.add("Ada", Strength::medium, d("2026-01-10")); // due 2026-07-10
    w.svc.snooze("Ada", d("2027-03-01"));
    const Contact c = w.svc.snooze("Ada", d("2026-12-01"));
    CHECK(show(c.snoozed_until) == "2026-12-01");
    CHECK(show(c.next_due) == "2026-12-01");
    CHECK(show(w.stored(ada.id).snoozed_until) == "2026-12-01");
    CHECK(show(w.stored(ada.id).next_due) == "2026-12-01");
}

TEST_CASE("a conversation before the date met still becomes the anchor", "[service]") {
    World w;
    const Contact ada = w.add("Ada", Strength::medium, d("2026-06-01")); // due 2026-12-01
    const auto l = w.log("Ada", d("2026-01-01"));
    CHECK(l.moved_anchor);
    CHECK(show(l.contact.next_due) == "2026-07-01");
    CHECK(show(w.stored(ada.id).next_due) == "2026-07-01");
    CHECK(names(w.svc.due(std::nullopt, std::nullopt).people) == Names{"Ada"});
}

TEST_CASE("setting a cadence to \"default\" removes the setting and restores the dates",
          "[service]") {
    World w;
    const Contact weak = w.add("W", Strength::weak, d("2026-01-10"));
    w.svc.set_setting("cadence.weak", "1m");
    REQUIRE(show(w.stored(weak.id).next_due) == "2026-02-10");
    const auto info = w.svc.set_setting("cadence.weak", "default");
    CHECK(info.value == "9m");
    CHECK_FALSE(w.repo.get_setting("cadence.weak").has_value());
    CHECK(w.svc.setting("cadence.weak").value == "9m");
    CHECK(show(w.stored(weak.id).next_due) == "2026-10-10");
}

TEST_CASE("snoozing more than ten years ahead is refused", "[service]") {
    World w;
    const Contact ada = w.add("Ada");
    CHECK_ERROR(bmc::DataError, w.svc.snooze("Ada", d("2040-01-01")), "more than 10 years");
    CHECK_FALSE(w.stored(ada.id).snoozed_until.has_value());
    CHECK(show(w.svc.snooze("Ada", d("2036-11-01")).snoozed_until) == "2036-11-01");
}

TEST_CASE("a newer import record changes only the fields it names, null clears", "[service]") {
    World w;
    bmc::NewContact n;
    n.name = "Ada";
    n.strength = Strength::strong;
    n.emails = {"ada@example.org"};
    n.tags = {"math"};
    n.company = "Engines";
    n.title = "Countess";
    n.met_on = d("2026-01-10");
    const Contact ada = w.svc.add(n);
    const json record = {{"uuid", ada.uuid},
                         {"name", "Ada"},
                         {"company", "New Co"},
                         {"title", nullptr},
                         {"updated_at", t1}};
    const auto summary = w.import_text(json::array({record}).dump());
    CHECK(summary.updated == 1);
    const Contact s = w.stored(ada.id);
    CHECK(s.company == "New Co");
    CHECK_FALSE(s.title.has_value());
    CHECK(s.strength == Strength::strong);
    CHECK(s.emails == std::vector<std::string>{"ada@example.org"});
    CHECK(s.tags == std::vector<std::string>{"math"});
    CHECK(show(s.met_on) == "2026-01-10");
    CHECK(show(s.next_due) == "2026-05-10");
    CHECK(s.updated_at == t1);
}

TEST_CASE("an import that moves a conversation to someone else reschedules both", "[service]") {
    World w;
    const Contact ada = w.add("Ada", Strength::medium, d("2026-01-10"));
    const Contact bob = w.add("Bob", Strength::medium, d("2026-01-10"));
    const auto talk = w.log("Ada", d("2026-10-01")).interaction;
    REQUIRE(show(w.stored(ada.id).next_due) == "2027-04-01");

    json moved = bmc::to_json(talk);
    moved["updated_at"] = t1;
    json record = bmc::to_json(w.stored(bob.id));
    record["interactions"] = json::array({moved});
    const auto summary = w.import_text(json::array({record}).dump());
    CHECK(summary.unchanged == 1);
    CHECK(summary.interactions_updated == 1);
    CHECK(summary.interactions_added == 0);
    CHECK(w.repo.count_interactions(ada.id) == 0);
    CHECK(w.repo.count_interactions(bob.id) == 1);
    CHECK(show(w.stored(bob.id).next_due) == "2027-04-01");
    CHECK_FALSE(w.stored(ada.id).last_interaction.has_value());
    CHECK(show(w.stored(ada.id).next_due) == "2026-07-10");
}

TEST_CASE("import refuses a version that is not a whole number and a document of neither shape",
          "[service]") {
    World w;
    CHECK_ERROR(bmc::DataError, w.import_text(R"({"version": "1", "contacts": []})"),
                "\"version\" must be a whole number");
    CHECK_ERROR(bmc::DataError, w.import_text(R"({"version": 1.5, "contacts": []})"),
                "\"version\" must be a whole number");
    CHECK_ERROR(bmc::DataError, w.import_text(R"("Ada")"),
                "must be an object with a \"contacts\" array, or an array of contacts");
    // An older or equal version is fine, and an empty import adds nothing.
    const auto empty = w.import_text(R"({"version": 1, "contacts": []})");
    CHECK(empty.added == 0);
    CHECK(empty.unchanged == 0);
    CHECK(w.repo.count_contacts() == 0);
}

TEST_CASE("export writes the records of the rows in chunks, byte for byte as record by record",
          "[service][export]") {
    World w;
    const Contact a = w.add("Ada");
    const Contact b = w.add("Bob \"the builder\"");
    const Contact c = w.add("Cy");
    // Ada's history alone is larger than the 1 MiB chunk, so it is flushed in the middle of her
    // record; escapes and UTF-8 in the notes take every path of the string writer.
    for (int k = 0; k < 1500; ++k) {
        bmc::Interaction i;
        i.uuid = bmc::new_uuid();
        i.contact_id = a.id;
        i.date = bmc::add_days(d("2020-01-01"), k);
        i.note = std::string(static_cast<std::size_t>(600 + k % 37), 'n') +
                 (k % 3 == 0 ? "\"\n" : "") + (k % 5 == 0 ? "\xc3\xbc" : "");
        i.via = "call";
        i.by = k % 2 == 0 ? bmc::Initiator::me : bmc::Initiator::them;
        i.created_at = i.updated_at = t0;
        w.repo.insert_interaction(i);
    }
    w.log("Cy", d("2026-11-01"));

    // The records as append_export_record() writes them from built Interactions.
    std::vector<std::string> records;
    w.repo.for_each_contact([&](const Contact& contact, const std::vector<bmc::Interaction>& list,
                                const std::vector<bmc::FollowUp>& followups) {
        std::string record;
        bmc::append_export_record(record, contact, list, followups);
        records.push_back(record);
    });
    REQUIRE(records.size() == 3);
    REQUIRE(records[0].size() > (std::size_t{1} << 20));

    std::string lines;
    for (const auto& r : records) {
        lines += r + "\n";
    }
    std::ostringstream jsonl;
    w.svc.export_jsonl(jsonl);
    CHECK(jsonl.str() == lines);

    const std::string doc = w.export_text();
    const std::string body = "\"contacts\":[\n" + records[0] + ",\n" + records[1] + ",\n" +
                             records[2] + "\n],\"introductions\":[";
    CHECK(doc.find(body) != std::string::npos);
    CHECK(json::parse(doc)["contacts"][0]["interactions"].size() == 1500);
    static_cast<void>(b);
    static_cast<void>(c);
}
