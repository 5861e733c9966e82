// Unit tests of the JSON and JSON Lines exports when their walk over the people is split between
// threads (service_export.cpp): the same bytes as the walk on one thread, errors that reach the
// caller with every thread ended, and the fall back to one thread. On database files (threads
// read through connections of their own), with a pinned clock.
#include "bmc/dates.hpp"
#include "bmc/errors.hpp"
#include "bmc/important_dates.hpp"
#include "bmc/repository.hpp"
#include "bmc/service.hpp"
#include "bmc/uuid.hpp"

#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <ios>
#include <ostream>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

namespace {

using bmc::Contact;
using bmc::ExportThreads;
using nlohmann::json;

class FixedClock : public bmc::Clock {
public:
    std::string now_utc() const override { return "2026-11-22T08:15:00Z"; }
};

constexpr const char* t0 = "2026-11-22T08:15:00Z";

// The walk on the calling thread alone.
constexpr ExportThreads one_thread{1, 256, 0};

// The walk split between `workers` threads, in chunks of `chunk` ids, however few people.
ExportThreads split(std::uint64_t chunk, std::size_t workers = 2) {
    return {workers, chunk, 0};
}

// A service on a database file; today is 2026-11-22.
struct World {
    bmc::test::TempDir tmp{"bmc-export"};
    std::string path = tmp.file("bmc.db");
    bmc::Repository repo{path};
    FixedClock clock;
    bmc::Service svc{repo, bmc::parse_iso_date("2026-11-22"), clock};

    std::string export_json(const ExportThreads& threads) {
        svc.set_export_threads(threads);
        std::ostringstream out;
        svc.export_json(out);
        return out.str();
    }

    std::string export_jsonl(const ExportThreads& threads) {
        svc.set_export_threads(threads);
        std::ostringstream out;
        svc.export_jsonl(out);
        return out.str();
    }
};

// Text no well-behaved program would store: quotes, backslashes, control characters, DEL,
// non-ASCII letters, a character outside the BMP, the JavaScript line separator and a script end.
const std::string hostile = "\"quoted\" \\back\\slash\\ \x01\x1f\x7f tab\there\nnew line\r\n\b\f "
                            "\xc3\xbc\xc3\x9f \xf0\x9f\x98\x80 \xe2\x80\xa8 </script>";

bmc::Interaction talk(std::int64_t contact_id, int day, std::string note) {
    bmc::Interaction i;
    i.uuid = bmc::new_uuid();
    i.contact_id = contact_id;
    i.date = bmc::add_days(bmc::parse_iso_date("2020-01-01"), day);
    i.note = std::move(note);
    i.via = day % 2 == 0 ? "call" : "coffee";
    i.by = day % 3 == 0 ? bmc::Initiator::me : bmc::Initiator::them;
    if (day % 4 == 0) {
        i.gave = "a book " + hostile;
    }
    i.created_at = i.updated_at = t0;
    return i;
}

// 40 people (ids 1-40), then people removed so that the ids have gaps: the first, the last, one
// alone and a run of five (whole chunks of two or three ids with nobody in them). Every third
// person has no conversations; #13 has more than a mebibyte of them (their record crosses
// pieces and chunks are handed over in several); follow-ups open and done, tags, emails, phones,
// important dates, who introduced whom, introductions, hostile text in names, notes and tags.
// Returns the ids of the people kept.
std::vector<std::int64_t> populate(World& w) {
    std::vector<std::int64_t> ids;
    {
        bmc::Repository::Transaction tx(w.repo);
        for (int k = 1; k <= 40; ++k) {
            Contact c;
            c.uuid = bmc::new_uuid();
            c.name = "Person " + std::to_string(k) + (k % 7 == 0 ? " " + hostile : "");
            c.strength = k % 3 == 0 ? bmc::Strength::strong : bmc::Strength::weak;
            if (k % 2 == 0) {
                c.emails = {"p" + std::to_string(k) + "@example.org", "second@example.org"};
                c.phones = {"+44 " + std::to_string(k)};
                c.tags = {"tag" + std::to_string(k % 4), "\xc3\xa9t\xc3\xa9"};
            }
            if (k % 5 == 0) {
                c.notes = "notes " + hostile;
                c.company = "Firm \"" + std::to_string(k) + "\"";
            }
            c.created_at = c.updated_at = t0;
            w.repo.insert_contact(c);
            ids.push_back(c.id);
            if (k % 3 == 0) {
                continue; // no conversations
            }
            const int talks = k == 13 ? 1600 : k % 4 + 1;
            for (int n = 0; n < talks; ++n) {
                bmc::Interaction i =
                    talk(c.id, n * 3 + k,
                         k == 13 ? std::string(static_cast<std::size_t>(600 + n % 41), 'n') +
                                       (n % 9 == 0 ? hostile : "")
                                 : "note " + std::to_string(n) + " " + hostile);
                w.repo.insert_interaction(i);
            }
        }
        w.repo.set_introduced_by(ids[4], ids[1]);
        w.repo.set_introduced_by(ids[20], ids[12]);
        tx.commit();
    }
    w.svc.add_followup("#5", "call back about " + std::string("\"the plan\""), std::nullopt);
    w.svc.add_followup("#13", "send the paper", bmc::parse_iso_date("2026-12-01"));
    const auto done = w.svc.add_followup("#13", "an older one", std::nullopt);
    w.svc.close_followup(done.followup.id, std::nullopt);
    w.svc.add_followup("#31", "ask about the move", std::nullopt);
    w.svc.set_date("#8", "birthday", bmc::parse_yearly_date("1990-02-28", "birthday"));
    w.svc.set_date("#8", "Wedding day", bmc::parse_yearly_date("--06-01", "date"));
    w.svc.set_date("#26", "birthday", bmc::parse_yearly_date("--12-24", "birthday"));
    bmc::NewIntroduction intro;
    intro.date = bmc::parse_iso_date("2026-05-01");
    intro.note = "both write";
    w.svc.introduce("#2", "#10", intro);
    w.svc.introduce("#10", "#33", {});
    // Ids with gaps: the first, the last, one alone and a run of five.
    for (const int k : {1, 40, 17, 20, 21, 22, 23, 24}) {
        w.repo.delete_contact(ids[static_cast<std::size_t>(k - 1)]);
    }
    std::vector<std::int64_t> kept;
    for (std::size_t k = 0; k < ids.size(); ++k) {
        if (w.repo.find_contact(ids[k])) {
            kept.push_back(ids[k]);
        }
    }
    return kept;
}

// A stream buffer that takes `room` bytes and then fails, as a full disk does.
class FullDisk final : public std::streambuf {
public:
    explicit FullDisk(std::size_t room) : m_room(room) {}
    std::size_t written() const { return m_written; }

protected:
    std::streamsize xsputn(const char*, std::streamsize n) override {
        const auto take = std::min(static_cast<std::size_t>(n), m_room - m_written);
        m_written += take;
        return static_cast<std::streamsize>(take);
    }
    int_type overflow(int_type ch) override {
        if (traits_type::eq_int_type(ch, traits_type::eof()) || m_written == m_room) {
            return traits_type::eof();
        }
        ++m_written;
        return ch;
    }

private:
    std::size_t m_room;
    std::size_t m_written = 0;
};

} // namespace

TEST_CASE("the JSON export split between threads is byte for byte the export of one thread",
          "[service][export]") {
    World w;
    const std::vector<std::int64_t> kept = populate(w);
    const std::string one = w.export_json(one_thread);
    CHECK(w.svc.last_export_walkers() == 1);
    const json doc = json::parse(one);
    REQUIRE(doc["contacts"].size() == kept.size());
    CHECK(doc["contacts"][0]["name"] == "Person 2"); // #1 was removed
    CHECK(doc["introductions"].size() == 2);
    CHECK(one.size() > (std::size_t{1} << 20));

    // A file this small is exported on one thread unless told otherwise.
    CHECK(w.export_json(ExportThreads{}) == one);
    CHECK(w.svc.last_export_walkers() == 1);

    for (const std::uint64_t chunk : {1, 2, 3, 7, 256}) {
        INFO("chunks of " << chunk << " ids");
        CHECK(w.export_json(split(chunk)) == one);
        CHECK(w.svc.last_export_walkers() == 2);
    }
    CHECK(w.export_json(split(2, 3)) == one);
    CHECK(w.svc.last_export_walkers() == 3);
}

TEST_CASE("the JSON Lines export split between threads is byte for byte the export of one thread",
          "[service][export]") {
    World w;
    const std::vector<std::int64_t> kept = populate(w);
    const std::string one = w.export_jsonl(one_thread);
    CHECK(w.svc.last_export_walkers() == 1);
    CHECK(static_cast<std::size_t>(std::count(one.begin(), one.end(), '\n')) == kept.size());
    for (const std::uint64_t chunk : {1, 2, 3, 7, 256}) {
        INFO("chunks of " << chunk << " ids");
        CHECK(w.export_jsonl(split(chunk)) == one);
        CHECK(w.svc.last_export_walkers() == 2);
    }
}

TEST_CASE("a split export of one person, of nobody, and of people only in later chunks",
          "[service][export]") {
    World w;
    CHECK(w.export_json(split(2)) == w.export_json(one_thread));
    CHECK(w.export_jsonl(split(2)).empty());

    const std::vector<std::int64_t> kept = populate(w);
    // Only people far into the id range are left: the first chunks are empty, and the first
    // record written still opens with the document's first separator.
    for (std::size_t k = 0; k + 3 < kept.size(); ++k) {
        w.repo.delete_contact(kept[k]);
    }
    const std::string one = w.export_json(one_thread);
    CHECK(json::parse(one)["contacts"].size() == 3);
    CHECK(w.export_json(split(2)) == one);
    CHECK(w.svc.last_export_walkers() == 2);
    CHECK(w.export_jsonl(split(1)) == w.export_jsonl(one_thread));
    w.repo.delete_contact(kept[kept.size() - 1]);
    w.repo.delete_contact(kept[kept.size() - 2]);
    CHECK(w.export_json(split(3)) == w.export_json(one_thread));
}

TEST_CASE("an error in a thread of a split export reaches the caller as the same DatabaseError",
          "[service][export]") {
    World w;
    const std::vector<std::int64_t> kept = populate(w);
    // A stored date that is no date (written by another program), far into the walk.
    {
        SQLite::Database other(w.path, SQLite::OPEN_READWRITE);
        SQLite::Statement st(other, "UPDATE interactions SET date = '2026-02-30' WHERE id = "
                                    "(SELECT max(id) FROM interactions WHERE contact_id = ?)");
        st.bind(1, kept[kept.size() - 3]);
        REQUIRE(st.exec() == 1);
    }
    std::string expected;
    try {
        w.export_json(one_thread);
    } catch (const bmc::DatabaseError& e) {
        expected = e.what();
    }
    REQUIRE_FALSE(expected.empty());
    for (const std::uint64_t chunk : {1, 3}) {
        CHECK_THROWS_WITH(w.export_json(split(chunk)), expected);
        CHECK_THROWS_AS(w.export_json(split(chunk)), bmc::DatabaseError);
        CHECK_THROWS_WITH(w.export_jsonl(split(chunk)), expected);
    }
    // The threads ended: the database is free to be written.
    CHECK(w.svc.set_setting("cadence.weak", "10m").value == "10m");
}

TEST_CASE("a split export to a stream that fails stops its threads", "[service][export]") {
    World w;
    populate(w);
    // The disk fills up in the middle of the big record, with pieces queued behind it.
    FullDisk full(200000);
    std::ostream out(&full);
    w.svc.set_export_threads(split(2));
    w.svc.export_json(out);
    CHECK(out.bad());
    CHECK(full.written() == 200000);

    // A stream that throws: the exception comes out once the threads have ended.
    FullDisk also_full(200000);
    std::ostream throwing(&also_full);
    throwing.exceptions(std::ios::badbit);
    CHECK_THROWS_AS(w.svc.export_jsonl(throwing), std::ios_base::failure);
    CHECK(w.svc.set_setting("cadence.weak", "10m").value == "10m");
}

TEST_CASE("an export falls back to one thread, with the same bytes, when the readers cannot share "
          "a snapshot",
          "[service][export]") {
    World w;
    populate(w);
    const std::string json_split = w.export_json(split(2));
    const std::string lines_split = w.export_jsonl(split(2));
    REQUIRE(w.svc.last_export_walkers() == 2);

    // Another process holds the write lock (it is writing): no waiting for it.
    SQLite::Database other(w.path, SQLite::OPEN_READWRITE);
    other.exec("BEGIN IMMEDIATE");
    other.exec("DELETE FROM contacts");
    CHECK(w.export_json(split(2)) == json_split);
    CHECK(w.svc.last_export_walkers() == 1);
    CHECK(w.export_jsonl(split(2)) == lines_split);
    CHECK(w.svc.last_export_walkers() == 1);
    other.exec("ROLLBACK");
    CHECK(w.export_json(split(2)) == json_split);
    CHECK(w.svc.last_export_walkers() == 2);

    // An in-memory database has no file to open other connections to.
    bmc::Repository memory(":memory:");
    FixedClock clock;
    bmc::Service svc(memory, bmc::parse_iso_date("2026-11-22"), clock);
    bmc::NewContact ada;
    ada.name = "Ada";
    svc.add(ada);
    svc.set_export_threads(split(1));
    std::ostringstream out;
    svc.export_json(out);
    CHECK(svc.last_export_walkers() == 1);
    CHECK(json::parse(out.str())["contacts"].size() == 1);
}
