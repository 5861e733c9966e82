// Unit tests for follow-ups and give-and-take in the service (bmc/service.hpp): log --followup,
// --done and --gave/--received/--asked, add_followup, close_followup, how a follow-up's deadline
// moves the due date, the "asking before giving" warning, and export/import of follow-ups. On an
// in-memory database with a pinned clock; today is 2026-11-22.
#include "bmc/dates.hpp"
#include "bmc/errors.hpp"
#include "bmc/repository.hpp"
#include "bmc/service.hpp"

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
using bmc::FollowUp;
using bmc::Strength;
using nlohmann::json;

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

const std::string asking_grace =
    "you are asking Grace for something but have not given them anything yet — give before you "
    "receive (recorded anyway)";

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

    Contact stored(std::int64_t id) {
        auto c = repo.find_contact(id);
        REQUIRE(c.has_value());
        return *c;
    }

    std::string next_due(std::int64_t id) { return show(stored(id).next_due); }

    FollowUp followup(std::int64_t id) {
        auto f = repo.find_followup(id);
        REQUIRE(f.has_value());
        return *f;
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

bmc::NewInteraction talk(std::vector<std::string> people, std::optional<Date> date = std::nullopt) {
    bmc::NewInteraction n;
    n.people = std::move(people);
    n.date = date;
    return n;
}

std::vector<std::string> texts(const std::vector<FollowUp>& followups) {
    std::vector<std::string> out;
    for (const auto& f : followups) {
        out.push_back(f.text);
    }
    return out;
}

std::vector<std::int64_t> ids(const std::vector<FollowUp>& followups) {
    std::vector<std::int64_t> out;
    for (const auto& f : followups) {
        out.push_back(f.id);
    }
    return out;
}

std::string without_exported_at(const std::string& text) {
    json doc = json::parse(text);
    doc.erase("exported_at");
    return doc.dump();
}

using Texts = std::vector<std::string>;
using Ids = std::vector<std::int64_t>;

// Evaluates `expr`, which must throw `Type` whose message is exactly `message`.
#define CHECK_ERROR(Type, expr, message)                                                           \
    do {                                                                                           \
        try {                                                                                      \
            static_cast<void>(expr);                                                               \
            FAIL_CHECK("expected " #Type " from: " #expr);                                         \
        } catch (const Type& caught_) {                                                            \
            CHECK(std::string(caught_.what()) == (message));                                       \
        }                                                                                          \
    } while (false)

} // namespace

// ---------------------------------------------------------------------------------------------
// log --followup, --done
// ---------------------------------------------------------------------------------------------

TEST_CASE("log with follow-ups records them on the conversation's date", "[followups]") {
    World w;
    const Contact ada = w.add("Ada Lovelace", Strength::strong, d("2026-09-14"));
    bmc::NewInteraction n = talk({"Ada"}, d("2026-11-01"));
    n.via = "coffee";
    n.followups = {"report back on the book", "  send the Lisbon article\n"};
    w.clock.set(t1);
    const auto out = w.svc.log(n);
    REQUIRE(out.size() == 1);
    REQUIRE(out[0].added.size() == 2);
    CHECK(out[0].closed.empty());
    CHECK(out[0].warnings.empty());

    const auto stored = w.repo.followups_of(ada.id, false);
    REQUIRE(stored.size() == 2);
    CHECK(ids(stored) == Ids{out[0].added[0].id, out[0].added[1].id});
    CHECK(texts(stored) == Texts{"report back on the book", "send the Lisbon article"});
    for (const auto& f : stored) {
        CHECK(f.contact_id == ada.id);
        CHECK(show(f.created_on) == "2026-11-01");
        CHECK(show(f.by) == "none");
        CHECK(show(f.done_on) == "none");
        CHECK(f.created_at == t1);
        CHECK(f.updated_at == t1);
        CHECK(f.uuid.size() == 36);
    }
    CHECK(stored[0].uuid != stored[1].uuid);
    // Follow-ups without a deadline do not move the due date: 2026-11-01 + 4 months.
    CHECK(w.next_due(ada.id) == "2027-03-01");
}

TEST_CASE("log of several people records each follow-up once per person", "[followups]") {
    World w;
    const Contact ada = w.add("Ada");
    const Contact grace = w.add("Grace");
    bmc::NewInteraction n = talk({"Ada", "Grace", "ada"});
    n.followups = {"send the slides"};
    const auto out = w.svc.log(n);
    REQUIRE(out.size() == 2);
    CHECK(texts(w.repo.followups_of(ada.id, false)) == Texts{"send the slides"});
    CHECK(texts(w.repo.followups_of(grace.id, false)) == Texts{"send the slides"});
    CHECK(w.repo.open_followups().size() == 2);
}

TEST_CASE("log with an empty follow-up is refused and writes nothing", "[followups]") {
    World w;
    const Contact ada = w.add("Ada");
    const std::string before = w.export_text();
    bmc::NewInteraction n = talk({"Ada"});
    n.followups = {"fine", "   "};
    CHECK_THROWS_AS(w.svc.log(n), bmc::DataError);
    CHECK(w.export_text() == before);
    CHECK(w.repo.count_interactions(ada.id) == 0);
}

TEST_CASE("log --done closes a follow-up on the conversation's date", "[followups]") {
    World w;
    const Contact ada = w.add("Ada Lovelace", Strength::strong, d("2026-09-14"));
    bmc::NewInteraction first = talk({"Ada"}, d("2026-10-01"));
    first.followups = {"report back on the book", "send the article"};
    const auto added = w.svc.log(first).front().added;
    REQUIRE(added.size() == 2);

    w.clock.set(t1);
    bmc::NewInteraction second = talk({"Ada"}, d("2026-11-20"));
    second.done = {added[0].id};
    const auto out = w.svc.log(second);
    REQUIRE(out.size() == 1);
    REQUIRE(out[0].closed.size() == 1);
    CHECK(out[0].closed[0].id == added[0].id);
    CHECK(show(out[0].closed[0].done_on) == "2026-11-20");

    const FollowUp done = w.followup(added[0].id);
    CHECK(show(done.done_on) == "2026-11-20");
    CHECK(show(done.created_on) == "2026-10-01");
    CHECK(done.updated_at == t1);
    CHECK(done.created_at == t0);
    const FollowUp open = w.followup(added[1].id);
    CHECK(show(open.done_on) == "none");
    CHECK(open.updated_at == t0);
    CHECK(ids(w.repo.followups_of(ada.id, true)) == Ids{added[1].id});
    CHECK(w.repo.count_interactions(ada.id) == 2);
}

TEST_CASE("log --done refuses a follow-up of someone not in the conversation, an unknown id and "
          "one already done, writing nothing",
          "[followups]") {
    World w;
    const Contact ada = w.add("Ada");
    const Contact grace = w.add("Grace");
    const auto graces = w.svc.add_followup("Grace", "tell her how the talk went", std::nullopt);
    const auto adas = w.svc.add_followup("Ada", "send the article", std::nullopt);
    const auto closed = w.svc.add_followup("Ada", "read the paper", std::nullopt);
    w.svc.close_followup(closed.followup.id, std::nullopt);
    const std::string before = w.export_text();

    bmc::NewInteraction n = talk({"Ada"});
    n.note = "coffee";
    n.followups = {"a new one that must not be kept"};
    n.done = {adas.followup.id};

    SECTION("someone else's") {
        n.done.push_back(graces.followup.id);
        CHECK_ERROR(bmc::DataError, w.svc.log(n),
                    "follow-up #" + std::to_string(graces.followup.id) +
                        " belongs to someone not in this conversation");
    }
    SECTION("an unknown id") {
        n.done.push_back(99);
        CHECK_ERROR(bmc::NotFoundError, w.svc.log(n), "there is no follow-up #99");
    }
    SECTION("one already done") {
        n.done.push_back(closed.followup.id);
        CHECK_ERROR(bmc::DataError, w.svc.log(n),
                    "follow-up #" + std::to_string(closed.followup.id) +
                        " is already done (on 2026-11-22)");
    }
    // Nothing was written: no conversation, no new follow-up, #adas still open.
    CHECK(w.export_text() == before);
    CHECK(w.repo.count_interactions(ada.id) == 0);
    CHECK(w.repo.count_interactions(grace.id) == 0);
    CHECK(w.repo.followups_of(ada.id, false).size() == 2);
    CHECK(show(w.followup(adas.followup.id).done_on) == "none");
    CHECK(show(w.followup(graces.followup.id).done_on) == "none");
}

TEST_CASE("log --done with someone else's follow-up works when they are in the conversation",
          "[followups]") {
    World w;
    w.add("Ada");
    const Contact grace = w.add("Grace");
    const auto graces = w.svc.add_followup("Grace", "tell her how the talk went", std::nullopt);
    bmc::NewInteraction n = talk({"Ada", "Grace"});
    n.done = {graces.followup.id};
    const auto out = w.svc.log(n);
    REQUIRE(out.size() == 2);
    CHECK(out[0].closed.empty());
    REQUIRE(out[1].closed.size() == 1);
    CHECK(out[1].contact.id == grace.id);
    CHECK(show(w.followup(graces.followup.id).done_on) == "2026-11-22");
}

TEST_CASE("log --done on a date before the follow-up was recorded is refused", "[followups]") {
    World w;
    const Contact ada = w.add("Ada", std::nullopt, d("2026-01-01"));
    const auto f = w.svc.add_followup("Ada", "send the article", std::nullopt); // on 2026-11-22
    const std::string before = w.export_text();
    bmc::NewInteraction n = talk({"Ada"}, d("2026-11-01"));
    n.done = {f.followup.id};
    CHECK_THROWS_AS(w.svc.log(n), bmc::DataError);
    CHECK(show(w.followup(f.followup.id).done_on) == "none");
    CHECK(w.export_text() == before);
    CHECK(w.repo.count_interactions(ada.id) == 0);
}

// ---------------------------------------------------------------------------------------------
// add_followup, close_followup and the deadline
// ---------------------------------------------------------------------------------------------

TEST_CASE("add_followup records a follow-up for today, with or without a deadline", "[followups]") {
    World w;
    const Contact ada = w.add("Ada Lovelace", Strength::strong, d("2026-09-14"));
    const auto v = w.svc.add_followup("love", "  send the article ", std::nullopt);
    CHECK(v.person.id == ada.id);
    CHECK(v.person.name == "Ada Lovelace");
    CHECK(v.followup.text == "send the article");
    CHECK(show(v.followup.created_on) == "2026-11-22");
    CHECK(show(v.followup.by) == "none");
    CHECK(show(v.followup.done_on) == "none");
    const FollowUp stored = w.followup(v.followup.id);
    CHECK(stored.text == "send the article");
    CHECK(stored.contact_id == ada.id);
    CHECK(stored.uuid == v.followup.uuid);
    CHECK(stored.created_at == t0);
    CHECK(w.next_due(ada.id) == "2027-01-14"); // no deadline, no change

    const auto today = w.svc.add_followup("Ada", "call about the job", d("2026-11-22"));
    CHECK(show(w.followup(today.followup.id).by) == "2026-11-22");
    CHECK(w.next_due(ada.id) == "2026-11-22");

    CHECK_ERROR(bmc::DataError, w.svc.add_followup("Ada", " \t", std::nullopt),
                "the follow-up is empty");
    CHECK_THROWS_AS(w.svc.add_followup("Nobody", "x", std::nullopt), bmc::NotFoundError);
    CHECK(w.repo.followups_of(ada.id, false).size() == 2);
}

TEST_CASE("a deadline before the cadence brings the due date forward, closing restores it",
          "[followups]") {
    World w;
    const Contact ada = w.add("Ada Lovelace", Strength::strong, d("2026-09-14"));
    REQUIRE(w.next_due(ada.id) == "2027-01-14");

    const auto dec1 = w.svc.add_followup("Ada", "send the article", d("2026-12-01"));
    CHECK(w.next_due(ada.id) == "2026-12-01");
    bmc::Schedule s = w.svc.schedule_of(w.stored(ada.id));
    CHECK(show(s.next_due) == "2027-01-14"); // the cadence date itself is unchanged
    CHECK(show(s.followup_by) == "2026-12-01");
    CHECK(show(s.effective_due) == "2026-12-01");

    const auto dec20 = w.svc.add_followup("Ada", "ask about Lisbon", d("2026-12-20"));
    CHECK(w.next_due(ada.id) == "2026-12-01"); // the earliest deadline counts
    const auto nov25 = w.svc.add_followup("Ada", "book tickets", d("2026-11-25"));
    CHECK(w.next_due(ada.id) == "2026-11-25");
    const auto late = w.svc.add_followup("Ada", "after the cadence", d("2027-02-01"));
    CHECK(w.next_due(ada.id) == "2026-11-25");

    const auto closed = w.svc.close_followup(nov25.followup.id, std::nullopt);
    CHECK(show(closed.followup.done_on) == "2026-11-22");
    CHECK(closed.person.name == "Ada Lovelace");
    CHECK(w.next_due(ada.id) == "2026-12-01");
    w.svc.close_followup(dec1.followup.id, std::nullopt);
    CHECK(w.next_due(ada.id) == "2026-12-20");
    w.svc.close_followup(dec20.followup.id, d("2026-11-22"));
    // Only the deadline after the cadence date is left: the cadence applies again.
    CHECK(w.next_due(ada.id) == "2027-01-14");
    s = w.svc.schedule_of(w.stored(ada.id));
    CHECK(show(s.followup_by) == "none");
    CHECK(show(s.effective_due) == "2027-01-14");
    CHECK(ids(w.repo.followups_of(ada.id, true)) == Ids{late.followup.id});
}

TEST_CASE("a deadline comes before a later snooze", "[followups]") {
    World w;
    const Contact ada = w.add("Ada Lovelace", Strength::strong, d("2026-09-14"));
    w.svc.snooze("Ada", d("2027-03-01"));
    CHECK(w.next_due(ada.id) == "2027-03-01");
    const auto f = w.svc.add_followup("Ada", "send the article", d("2026-12-01"));
    CHECK(w.next_due(ada.id) == "2026-12-01");
    w.svc.close_followup(f.followup.id, std::nullopt);
    CHECK(w.next_due(ada.id) == "2027-03-01");
}

TEST_CASE("a follow-up deadline in the past is refused and writes nothing", "[followups]") {
    World w;
    const Contact ada = w.add("Ada");
    const std::string before = w.export_text();
    CHECK_ERROR(bmc::DataError, w.svc.add_followup("Ada", "send the article", d("2026-11-21")),
                "the deadline 2026-11-21 is in the past");
    CHECK(w.export_text() == before);
    CHECK(w.repo.followups_of(ada.id, false).empty());
}

TEST_CASE("close_followup refuses a day before it was recorded, a future day, an unknown id and "
          "one already done",
          "[followups]") {
    World w;
    const Contact ada = w.add("Ada", std::nullopt, d("2026-11-01")); // due 2027-05-01
    const auto f = w.svc.add_followup("Ada", "send the article", d("2026-12-01"));
    const std::string before = w.export_text();
    const std::string id = std::to_string(f.followup.id);

    CHECK_ERROR(bmc::DataError, w.svc.close_followup(f.followup.id, d("2026-11-21")),
                "follow-up #" + id +
                    " was only recorded on 2026-11-22, so it cannot be done on 2026-11-21");
    CHECK_ERROR(bmc::DataError, w.svc.close_followup(f.followup.id, d("2026-11-23")),
                "the date 2026-11-23 is in the future (today is 2026-11-22)");
    CHECK_ERROR(bmc::NotFoundError, w.svc.close_followup(f.followup.id + 1, std::nullopt),
                "there is no follow-up #" + std::to_string(f.followup.id + 1));
    CHECK(w.export_text() == before);
    CHECK(w.next_due(ada.id) == "2026-12-01");

    w.clock.set(t1);
    const auto closed = w.svc.close_followup(f.followup.id, std::nullopt);
    CHECK(show(closed.followup.done_on) == "2026-11-22");
    CHECK(w.followup(f.followup.id).updated_at == t1);
    CHECK(w.next_due(ada.id) == "2027-05-01");
    const std::string after = w.export_text();
    CHECK_ERROR(bmc::DataError, w.svc.close_followup(f.followup.id, std::nullopt),
                "follow-up #" + id + " is already done (on 2026-11-22)");
    CHECK(w.export_text() == after);
}

TEST_CASE("open_followups lists every open follow-up, earliest deadline first, with its person",
          "[followups]") {
    World w;
    w.add("Ada Lovelace");
    w.add("Grace");
    const auto a1 = w.svc.add_followup("Ada", "no deadline", std::nullopt);
    const auto g1 = w.svc.add_followup("Grace", "late", d("2027-01-01"));
    const auto a2 = w.svc.add_followup("Ada", "early", d("2026-12-01"));
    const auto g2 = w.svc.add_followup("Grace", "closed", d("2026-11-30"));
    w.svc.close_followup(g2.followup.id, std::nullopt);
    const auto open = w.svc.open_followups();
    REQUIRE(open.size() == 3);
    CHECK(open[0].followup.id == a2.followup.id);
    CHECK(open[0].person.name == "Ada Lovelace");
    CHECK(open[1].followup.id == g1.followup.id);
    CHECK(open[1].person.name == "Grace");
    CHECK(open[2].followup.id == a1.followup.id);
    CHECK(open[2].person.name == "Ada Lovelace");
}

// ---------------------------------------------------------------------------------------------
// due, archive, cadence settings
// ---------------------------------------------------------------------------------------------

TEST_CASE("due lists someone whose deadline is reached before their cadence, with their open "
          "follow-ups",
          "[followups]") {
    World w;
    const Contact ada = w.add("Ada Lovelace", Strength::strong, d("2026-09-14")); // 2027-01-14
    const Contact grace = w.add("Grace", std::nullopt, d("2026-10-01"));          // 2027-04-01
    const Contact bob = w.add("Bob", std::nullopt, d("2026-01-01"));              // 2026-07-01
    {
        // Recorded on 2026-11-10 with a deadline that has passed by 2026-11-22.
        bmc::Service earlier(w.repo, d("2026-11-10"), w.clock);
        earlier.add_followup("Grace", "tell her how the talk went", d("2026-11-15"));
    }
    const auto other = w.svc.add_followup("Grace", "send the slides", std::nullopt);
    const auto done = w.svc.add_followup("Grace", "already done", std::nullopt);
    w.svc.close_followup(done.followup.id, std::nullopt);
    w.svc.add_followup("Ada", "not due yet", d("2026-12-01"));

    const bmc::DueReport r = w.svc.due(std::nullopt, std::nullopt);
    REQUIRE(r.people.size() == 2);
    CHECK(r.people[0].contact.id == bob.id);
    CHECK(r.people[0].followups.empty());
    CHECK(r.people[1].contact.id == grace.id);
    CHECK(show(r.people[1].contact.next_due) == "2026-11-15");
    CHECK(texts(r.people[1].followups) == Texts{"tell her how the talk went", "send the slides"});
    CHECK(r.people[1].followups[1].id == other.followup.id);

    // Ada's deadline is reached within two weeks.
    const bmc::DueReport ahead = w.svc.due(bmc::Interval{2, bmc::Interval::Unit::weeks}, 10);
    REQUIRE(ahead.people.size() == 3);
    CHECK(ahead.people[2].contact.id == ada.id);
    CHECK(texts(ahead.people[2].followups) == Texts{"not due yet"});
}

TEST_CASE("archived people with a follow-up deadline are never due", "[followups]") {
    World w;
    const Contact alan = w.add("Alan", Strength::weak, d("2026-10-01"));
    w.svc.set_archived("Alan", true);
    const auto f = w.svc.add_followup("Alan", "return the book", d("2026-11-22"));
    CHECK(w.next_due(alan.id) == "none");
    CHECK(show(w.svc.schedule_of(w.stored(alan.id)).effective_due) == "none");
    CHECK(w.svc.due(std::nullopt, std::nullopt).people.empty());
    CHECK(w.svc.due(bmc::Interval{10, bmc::Interval::Unit::years}, std::nullopt).people.empty());
    // Still listed as open, and unarchiving brings the deadline back.
    REQUIRE(w.svc.open_followups().size() == 1);
    w.svc.set_archived("Alan", false);
    CHECK(w.next_due(alan.id) == "2026-11-22");
    REQUIRE(w.svc.due(std::nullopt, std::nullopt).people.size() == 1);
    w.svc.set_archived("Alan", true);
    w.svc.close_followup(f.followup.id, std::nullopt);
    CHECK(w.next_due(alan.id) == "none");
}

TEST_CASE("changing a cadence keeps a follow-up deadline that comes first", "[followups]") {
    World w;
    const Contact lee = w.add("Lee", Strength::weak, d("2026-11-01"));   // 2027-08-01
    const Contact mo = w.add("Mo", Strength::weak, d("2026-11-01"));     // 2027-08-01
    const Contact ada = w.add("Ada", Strength::strong, d("2026-09-14")); // 2027-01-14
    w.svc.add_followup("Lee", "send the article", d("2026-12-15"));
    w.svc.add_followup("Ada", "call", d("2026-12-10"));
    REQUIRE(w.next_due(lee.id) == "2026-12-15");

    w.svc.set_setting("cadence.weak", "10m");
    CHECK(w.next_due(mo.id) == "2027-09-01");
    CHECK(w.next_due(lee.id) == "2026-12-15");

    w.svc.set_setting("cadence.weak", "2w"); // now the cadence comes first
    CHECK(w.next_due(mo.id) == "2026-11-15");
    CHECK(w.next_due(lee.id) == "2026-11-15");

    w.svc.set_setting("cadence.weak", "default");
    CHECK(w.next_due(mo.id) == "2027-08-01");
    CHECK(w.next_due(lee.id) == "2026-12-15");

    w.svc.set_setting("cadence.strong", "1y");
    CHECK(w.next_due(ada.id) == "2026-12-10");
}

// ---------------------------------------------------------------------------------------------
// give and take
// ---------------------------------------------------------------------------------------------

TEST_CASE("log stores what was given, received and asked", "[followups]") {
    World w;
    const Contact ada = w.add("Ada");
    bmc::NewInteraction n = talk({"Ada"}, d("2026-11-20"));
    n.gave = " an intro to Grace ";
    n.received = "a book tip";
    n.asked = "feedback on my talk";
    const auto out = w.svc.log(n);
    REQUIRE(out.size() == 1);
    CHECK(out[0].warnings.empty()); // asked, but gave in the same conversation
    const auto stored = w.repo.interactions_of(ada.id);
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].gave == std::optional<std::string>("an intro to Grace"));
    CHECK(stored[0].received == std::optional<std::string>("a book tip"));
    CHECK(stored[0].asked == std::optional<std::string>("feedback on my talk"));

    const bmc::Profile p = w.svc.show("Ada");
    CHECK(p.reciprocity.gave == 1);
    CHECK(p.reciprocity.received == 1);
    CHECK(p.reciprocity.asked == 1);
}

TEST_CASE("asking before having given warns, and the conversation is recorded anyway",
          "[followups]") {
    World w;
    const Contact grace = w.add("Grace");
    const Contact ada = w.add("Ada");

    SECTION("no conversation at all yet") {
        bmc::NewInteraction n = talk({"Grace"});
        n.asked = "a review of my slides";
        const auto out = w.svc.log(n);
        REQUIRE(out.size() == 1);
        CHECK(out[0].warnings == std::vector<std::string>{asking_grace});
        const auto stored = w.repo.interactions_of(grace.id);
        REQUIRE(stored.size() == 1);
        CHECK(stored[0].asked == std::optional<std::string>("a review of my slides"));
    }
    SECTION("earlier conversations, none of them giving") {
        bmc::NewInteraction before = talk({"Grace"}, d("2026-10-01"));
        before.received = "advice";
        w.svc.log(before);
        bmc::NewInteraction n = talk({"Grace"});
        n.asked = "an intro";
        CHECK(w.svc.log(n).front().warnings == std::vector<std::string>{asking_grace});
        CHECK(w.repo.count_interactions(grace.id) == 2);
    }
    SECTION("an earlier conversation gave something: no warning") {
        bmc::NewInteraction before = talk({"Grace"}, d("2026-10-01"));
        before.gave = "an intro to Ada";
        w.svc.log(before);
        bmc::NewInteraction n = talk({"Grace"});
        n.asked = "an intro";
        CHECK(w.svc.log(n).front().warnings.empty());
        CHECK(w.repo.count_interactions(grace.id) == 2);
    }
    SECTION("giving in the same conversation: no warning") {
        bmc::NewInteraction n = talk({"Grace"});
        n.asked = "an intro";
        n.gave = "a book";
        CHECK(w.svc.log(n).front().warnings.empty());
    }
    SECTION("not asking: no warning") {
        bmc::NewInteraction n = talk({"Grace"});
        n.received = "a book";
        CHECK(w.svc.log(n).front().warnings.empty());
    }
    SECTION("several people: only those never given to get a warning") {
        bmc::NewInteraction before = talk({"Ada"}, d("2026-10-01"));
        before.gave = "a book";
        w.svc.log(before);
        bmc::NewInteraction n = talk({"Ada", "Grace"});
        n.asked = "a hand with the move";
        const auto out = w.svc.log(n);
        REQUIRE(out.size() == 2);
        CHECK(out[0].contact.id == ada.id);
        CHECK(out[0].warnings.empty());
        CHECK(out[1].warnings == std::vector<std::string>{asking_grace});
        CHECK(w.repo.count_interactions(ada.id) == 2);
        CHECK(w.repo.count_interactions(grace.id) == 1);
    }
}

TEST_CASE("show counts reach-outs and unanswered ones over the whole history", "[followups]") {
    World w;
    w.add("Ada");
    for (const char* day : {"2026-06-01", "2026-07-01", "2026-08-01", "2026-09-01"}) {
        bmc::NewInteraction n = talk({"Ada"}, d(day));
        n.by = std::string(day) == "2026-07-01" ? bmc::Initiator::them : bmc::Initiator::me;
        w.svc.log(n);
    }
    const bmc::Profile p = w.svc.show("Ada");
    CHECK(p.reciprocity.by_me == 3);
    CHECK(p.reciprocity.by_them == 1);
    CHECK(p.reciprocity.unanswered == 2);
}

// ---------------------------------------------------------------------------------------------
// export and import
// ---------------------------------------------------------------------------------------------

namespace {

// Ada: three conversations (gave, received, asked), one open follow-up with a deadline, one open
// without, one done. Grace: archived, with an open follow-up. Bob: nothing.
void populate(World& w) {
    w.add("Ada Lovelace", Strength::strong, d("2026-09-14"));
    w.add("Grace", std::nullopt, d("2026-10-01"));
    w.add("Bob", Strength::weak, d("2026-02-01"));
    bmc::NewInteraction a = talk({"Ada"}, d("2026-10-01"));
    a.via = "coffee";
    a.by = bmc::Initiator::them;
    a.note = "she recommended a book";
    a.received = "a book tip";
    a.followups = {"report back on the book", "send the Lisbon article"};
    w.svc.log(a);
    w.clock.set(t1);
    bmc::NewInteraction b = talk({"Ada"}, d("2026-11-20"));
    b.by = bmc::Initiator::me;
    b.gave = "an intro to Grace";
    b.asked = "a review of my slides";
    b.done = {1};
    w.svc.log(b);
    w.svc.add_followup("Ada", "call about the job", d("2026-12-01"));
    w.svc.add_followup("Grace", "return her umbrella", d("2026-11-30"));
    w.svc.set_archived("Grace", true);
}

} // namespace

TEST_CASE("export then import of follow-ups and give-and-take gives the same document",
          "[followups]") {
    World source;
    populate(source);
    const std::string first = source.export_text();
    const json doc = json::parse(first);
    REQUIRE(doc["contacts"].size() == 3);
    const json& ada = doc["contacts"][0];
    CHECK(ada["next_due"] == "2026-12-01");
    REQUIRE(ada["interactions"].size() == 2);
    CHECK(ada["interactions"][0]["received"] == "a book tip");
    CHECK(ada["interactions"][0]["gave"].is_null());
    CHECK(ada["interactions"][1]["gave"] == "an intro to Grace");
    CHECK(ada["interactions"][1]["asked"] == "a review of my slides");
    REQUIRE(ada["followups"].size() == 3);
    CHECK(ada["followups"][0]["text"] == "report back on the book");
    CHECK(ada["followups"][0]["created_on"] == "2026-10-01");
    CHECK(ada["followups"][0]["done_on"] == "2026-11-20");
    CHECK(ada["followups"][0]["created_at"] == t0);
    CHECK(ada["followups"][0]["updated_at"] == t1);
    CHECK(ada["followups"][1]["done_on"].is_null());
    CHECK(ada["followups"][1]["by"].is_null());
    CHECK(ada["followups"][2]["by"] == "2026-12-01");
    CHECK(doc["contacts"][1]["followups"].size() == 1);
    CHECK(doc["contacts"][1]["next_due"].is_null());
    CHECK(doc["contacts"][2]["followups"] == json::array());

    World target;
    target.clock.set("2030-01-01T00:00:00Z");
    const bmc::ImportSummary summary = target.import_text(first);
    CHECK(summary.added == 3);
    CHECK(summary.interactions_added == 2);
    CHECK(summary.followups_added == 4);
    CHECK(summary.followups_updated == 0);
    const std::string second = target.export_text();
    CHECK(json::parse(second)["exported_at"] == "2030-01-01T00:00:00Z");
    CHECK(without_exported_at(second) == without_exported_at(first));

    // The deadline counts in the imported database too.
    const auto due = target.svc.due(bmc::Interval{2, bmc::Interval::Unit::weeks}, std::nullopt);
    REQUIRE(due.people.size() == 2);
    CHECK(due.people[0].contact.name == "Bob");
    CHECK(due.people[1].contact.name == "Ada Lovelace");
    CHECK(texts(due.people[1].followups) == Texts{"call about the job", "send the Lisbon article"});
}

TEST_CASE("importing follow-ups twice adds none the second time", "[followups]") {
    World source;
    populate(source);
    const std::string doc = source.export_text();

    World target;
    REQUIRE(target.import_text(doc).followups_added == 4);
    const std::string after_first = target.export_text();
    const auto second = target.import_text(doc);
    CHECK(second.followups_added == 0);
    CHECK(second.followups_updated == 0);
    CHECK(second.unchanged == 3);
    CHECK(target.export_text() == after_first);
    CHECK(target.repo.open_followups().size() == 3);

    // Into its own database: nothing changes either.
    const auto self = source.import_text(doc);
    CHECK(self.followups_added == 0);
    CHECK(source.export_text() == doc);
}

TEST_CASE("hand-written follow-ups without uuid match the same person and the same text",
          "[followups]") {
    World w;
    const std::string records =
        R"([{"name": "Ada", "followups": [{"text": "send the article", "by": "2026-12-01"},
                                          {"text": "read the paper", "created_on": "2026-11-01",
                                           "done_on": "2026-11-10"}]},
            {"name": "Bob", "followups": [{"text": "send the article"}]}])";
    const auto first = w.import_text(records);
    CHECK(first.added == 2);
    CHECK(first.followups_added == 3);
    const auto ada = w.svc.show("Ada");
    REQUIRE(ada.followups.size() == 2);
    CHECK(ada.followups[0].text == "send the article");
    CHECK(show(ada.followups[0].by) == "2026-12-01");
    CHECK(show(ada.followups[0].created_on) == "2026-11-22"); // default: today
    CHECK(show(ada.followups[1].done_on) == "2026-11-10");
    CHECK(show(ada.contact.next_due) == "2026-12-01");
    const std::string after_first = w.export_text();

    w.clock.set(t1);
    const auto second = w.import_text(records);
    CHECK(second.followups_added == 0);
    CHECK(second.followups_updated == 0);
    CHECK(without_exported_at(w.export_text()) == without_exported_at(after_first));
    CHECK(w.repo.open_followups().size() == 2);
}

TEST_CASE("on import, a follow-up with a newer updated_at wins and an older one does not",
          "[followups]") {
    World w;
    const Contact ada = w.add("Ada", std::nullopt, d("2026-11-01")); // due 2027-05-01
    const auto f = w.svc.add_followup("Ada", "send the article", d("2026-12-01"));
    const std::string uuid = f.followup.uuid;
    const auto record = [&](const char* updated_at, const char* done_on) {
        return std::string(R"([{"uuid": ")") + ada.uuid + R"(", "name": "Ada", "followups": [)" +
               R"({"uuid": ")" + uuid +
               R"(", "text": "send the article", "by": "2026-12-01", "created_on": "2026-11-22", )" +
               R"("done_on": ")" + done_on + R"(", "updated_at": ")" + updated_at + R"("}]}])";
    };

    const auto older = w.import_text(record("2026-11-22T08:00:00Z", "2026-11-22"));
    CHECK(older.followups_added == 0);
    CHECK(older.followups_updated == 0);
    CHECK(show(w.followup(f.followup.id).done_on) == "none");
    CHECK(w.next_due(ada.id) == "2026-12-01");

    const auto newer = w.import_text(record("2026-11-22T10:00:00Z", "2026-11-22"));
    CHECK(newer.followups_added == 0);
    CHECK(newer.followups_updated == 1);
    const FollowUp stored = w.followup(f.followup.id);
    CHECK(show(stored.done_on) == "2026-11-22");
    CHECK(stored.updated_at == "2026-11-22T10:00:00Z");
    CHECK(stored.created_at == t0);
    CHECK(w.next_due(ada.id) == "2027-05-01"); // the deadline no longer applies
}

TEST_CASE("on import, a newer conversation that only changes what was given is applied",
          "[followups]") {
    World w;
    const std::string person = R"({"uuid": "11111111-1111-4111-8111-111111111111", "name": "Ada")";
    const auto doc = [&](const char* gave, const char* updated_at) {
        return "[" + person +
               R"(, "interactions": [{"uuid": "22222222-2222-4222-8222-222222222222", )" +
               R"("date": "2026-11-01", "gave": )" + gave + R"(, "updated_at": ")" + updated_at +
               R"("}]}])";
    };
    REQUIRE(w.import_text(doc("null", "2026-11-01T00:00:00Z")).interactions_added == 1);
    const auto second = w.import_text(doc(R"("an intro to Grace")", "2026-11-02T00:00:00Z"));
    CHECK(second.interactions_updated == 1);
    const auto found = w.repo.find_interaction_by_uuid("22222222-2222-4222-8222-222222222222");
    REQUIRE(found.has_value());
    CHECK(found->gave == std::optional<std::string>("an intro to Grace"));
}

TEST_CASE("import refuses follow-ups done in the future or before they were recorded",
          "[followups]") {
    const auto doc = [](const char* created_on, const char* done_on) {
        return std::string(R"([{"name": "Ada", "followups": [{"text": "send the article", )") +
               R"("created_on": ")" + created_on + R"(", "done_on": ")" + done_on + R"("}]}])";
    };
    const auto rejected = [&](const char* created_on, const char* done_on,
                              const std::string& fragment) {
        World w;
        const std::string before = w.export_text();
        try {
            w.import_text(doc(created_on, done_on));
            FAIL("the import was accepted");
        } catch (const bmc::DataError& e) {
            CHECK_THAT(std::string(e.what()), Catch::Contains(fragment));
        }
        CHECK(w.repo.list_contacts({}).empty());
        CHECK(w.repo.open_followups().empty());
    };
    rejected("2026-11-23", "2026-11-23", "created_on 2026-11-23 is in the future");
    rejected("2026-11-01", "2026-11-23", "done_on 2026-11-23 is in the future");
    rejected("2026-11-10", "2026-11-09",
             "was only recorded on 2026-11-10, so it cannot be done on 2026-11-09");

    World w;
    const auto ok = w.import_text(doc("2026-11-10", "2026-11-10"));
    CHECK(ok.followups_added == 1);
}
