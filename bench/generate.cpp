// bmc-generate: writes a realistic, reproducible bmc database (or JSON import file) for the
// benchmarks in bench/run.
//
// Everything goes through bmc::Repository, so the file is exactly what bmc itself writes; the
// materialised last_interaction/next_due columns come from bmc::compute_schedule with the default
// cadence. The same --contacts, --interactions, --seed and --today always give the same data: the
// generator uses its own mt19937_64 mappings (not std::uniform_*_distribution, whose output
// differs between standard libraries), derives UUIDs and timestamps from the seed and --today,
// and never reads the clock.
//
//   bmc-generate --contacts 10000 --interactions 200000 --seed 42 --today 2026-11-22
//                --db small.db [--json small.json] [--linkedin connections.csv]
#include "bmc/dates.hpp"
#include "bmc/domain.hpp"
#include "bmc/errors.hpp"
#include "bmc/repository.hpp"
#include "bmc/scheduler.hpp"
#include "bmc/service.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

namespace {

namespace fs = std::filesystem;
using bmc::Date;

// ---------------------------------------------------------------------------------------------
// Deterministic random numbers.

__extension__ typedef unsigned __int128 uint128; // GCC/Clang; -Wpedantic-clean

class Rng {
public:
    explicit Rng(std::uint64_t seed) : m_engine(seed) {}

    std::uint64_t next() { return m_engine(); }

    // Uniform in [0, n) by the multiply-shift mapping (Lemire); n > 0. The tiny bias is
    // irrelevant here and the result is the same on every platform.
    std::uint64_t below(std::uint64_t n) {
        return static_cast<std::uint64_t>((static_cast<uint128>(next()) * n) >> 64);
    }
    int between(int lo, int hi) { // inclusive
        return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo + 1)));
    }
    // True with probability percent / 100.
    bool percent(int p) { return below(100) < static_cast<std::uint64_t>(p); }
    // True with probability per_mille / 1000.
    bool per_mille(int p) { return below(1000) < static_cast<std::uint64_t>(p); }

    template <class T, std::size_t N>
    const T& pick(const T (&items)[N]) {
        return items[below(N)];
    }

    // A random version 4 UUID, lower case, from this generator.
    std::string uuid() {
        std::array<unsigned char, 16> bytes{};
        for (std::size_t i = 0; i < bytes.size(); i += 8) {
            const std::uint64_t word = next();
            for (std::size_t k = 0; k < 8; ++k) {
                bytes[i + k] = static_cast<unsigned char>(word >> (8 * k));
            }
        }
        bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);
        bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);
        static constexpr char hex[] = "0123456789abcdef";
        std::string out;
        out.reserve(36);
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                out += '-';
            }
            out += hex[bytes[i] >> 4];
            out += hex[bytes[i] & 0x0F];
        }
        return out;
    }

private:
    std::mt19937_64 m_engine;
};

// ---------------------------------------------------------------------------------------------
// Vocabularies. Names carry an ASCII form for email addresses.

struct Name {
    const char* text;
    const char* ascii;
};

constexpr Name first_names[] = {
    {"Ada", "ada"},
    {"Alan", "alan"},
    {"Grace", "grace"},
    {"Linus", "linus"},
    {"Margaret", "margaret"},
    {"Katherine", "katherine"},
    {"Barbara", "barbara"},
    {"Dennis", "dennis"},
    {"Ken", "ken"},
    {"Bjarne", "bjarne"},
    {"Guido", "guido"},
    {"James", "james"},
    {"Mary", "mary"},
    {"John", "john"},
    {"Patricia", "patricia"},
    {"Robert", "robert"},
    {"Jennifer", "jennifer"},
    {"Michael", "michael"},
    {"Linda", "linda"},
    {"William", "william"},
    {"Elizabeth", "elizabeth"},
    {"David", "david"},
    {"Susan", "susan"},
    {"Richard", "richard"},
    {"Jessica", "jessica"},
    {"Joseph", "joseph"},
    {"Sarah", "sarah"},
    {"Thomas", "thomas"},
    {"Karen", "karen"},
    {"Charles", "charles"},
    {"Nancy", "nancy"},
    {"Daniel", "daniel"},
    {"Lisa", "lisa"},
    {"Matthew", "matthew"},
    {"Sandra", "sandra"},
    {"Anthony", "anthony"},
    {"Emily", "emily"},
    {"Mark", "mark"},
    {"Donna", "donna"},
    {"Paul", "paul"},
    {"Michelle", "michelle"},
    {"Steven", "steven"},
    {"Laura", "laura"},
    {"Andrew", "andrew"},
    {"Kimberly", "kimberly"},
    {"Joshua", "joshua"},
    {"Amy", "amy"},
    {"Kevin", "kevin"},
    {"Angela", "angela"},
    {"Brian", "brian"},
    {"Helen", "helen"},
    {"George", "george"},
    {"Anna", "anna"},
    {"Edward", "edward"},
    {"Ruth", "ruth"},
    {"Ronald", "ronald"},
    {"Maria", "maria"},
    {"Timothy", "timothy"},
    {"Olivia", "olivia"},
    {"Jason", "jason"},
    {"Sophie", "sophie"},
    {"Ryan", "ryan"},
    {"Chloe", "chloe"},
    {"Jacob", "jacob"},
    {"Hannah", "hannah"},
    {"Gary", "gary"},
    {"Nina", "nina"},
    {"Nicholas", "nicholas"},
    {"Priya", "priya"},
    {"Eric", "eric"},
    {"Aisha", "aisha"},
    {"Stephen", "stephen"},
    {"Mei", "mei"},
    {"Jonathan", "jonathan"},
    {"Yuki", "yuki"},
    {"Larry", "larry"},
    {"Fatima", "fatima"},
    {"Justin", "justin"},
    {"Ingrid", "ingrid"},
    {"Scott", "scott"},
    {"Olga", "olga"},
    {"Brandon", "brandon"},
    {"Camille", "camille"},
    {"Benjamin", "benjamin"},
    {"Lucía", "lucia"},
    {"Samuel", "samuel"},
    {"Zoë", "zoe"},
    {"Frank", "frank"},
    {"Chiara", "chiara"},
    {"Gregory", "gregory"},
    {"Amélie", "amelie"},
    {"Raymond", "raymond"},
    {"Sofía", "sofia"},
    {"Alexander", "alexander"},
    {"Björn", "bjorn"},
    {"Patrick", "patrick"},
    {"Noémie", "noemie"},
    {"Jack", "jack"},
    {"Łukasz", "lukasz"},
    {"Dmitri", "dmitri"},
    {"Renée", "renee"},
    {"Tariq", "tariq"},
    {"Ines", "ines"},
    {"Kwame", "kwame"},
    {"Freya", "freya"},
    {"Hiroshi", "hiroshi"},
    {"Leila", "leila"},
    {"Mateo", "mateo"},
    {"Astrid", "astrid"},
    {"Ravi", "ravi"},
    {"Elena", "elena"},
    {"Omar", "omar"},
    {"Signe", "signe"},
    {"Jürgen", "jurgen"},
    {"Tomás", "tomas"},
    {"Wei", "wei"},
    {"Ana", "ana"},
};

constexpr Name last_names[] = {
    {"Lovelace", "lovelace"},
    {"Turing", "turing"},
    {"Hopper", "hopper"},
    {"Torvalds", "torvalds"},
    {"Hamilton", "hamilton"},
    {"Johnson", "johnson"},
    {"Liskov", "liskov"},
    {"Ritchie", "ritchie"},
    {"Thompson", "thompson"},
    {"Stroustrup", "stroustrup"},
    {"van Rossum", "vanrossum"},
    {"Gosling", "gosling"},
    {"Smith", "smith"},
    {"Williams", "williams"},
    {"Brown", "brown"},
    {"Jones", "jones"},
    {"Garcia", "garcia"},
    {"Miller", "miller"},
    {"Davis", "davis"},
    {"Rodriguez", "rodriguez"},
    {"Martinez", "martinez"},
    {"Hernandez", "hernandez"},
    {"Lopez", "lopez"},
    {"Gonzalez", "gonzalez"},
    {"Wilson", "wilson"},
    {"Anderson", "anderson"},
    {"Taylor", "taylor"},
    {"Moore", "moore"},
    {"Jackson", "jackson"},
    {"Martin", "martin"},
    {"Lee", "lee"},
    {"Perez", "perez"},
    {"White", "white"},
    {"Harris", "harris"},
    {"Sanchez", "sanchez"},
    {"Clark", "clark"},
    {"Ramirez", "ramirez"},
    {"Lewis", "lewis"},
    {"Robinson", "robinson"},
    {"Walker", "walker"},
    {"Young", "young"},
    {"Allen", "allen"},
    {"King", "king"},
    {"Wright", "wright"},
    {"Scott", "scott"},
    {"Torres", "torres"},
    {"Nguyen", "nguyen"},
    {"Hill", "hill"},
    {"Flores", "flores"},
    {"Green", "green"},
    {"Adams", "adams"},
    {"Nelson", "nelson"},
    {"Baker", "baker"},
    {"Hall", "hall"},
    {"Rivera", "rivera"},
    {"Campbell", "campbell"},
    {"Mitchell", "mitchell"},
    {"Carter", "carter"},
    {"Roberts", "roberts"},
    {"Müller", "muller"},
    {"Schmidt", "schmidt"},
    {"Schneider", "schneider"},
    {"Fischer", "fischer"},
    {"Weber", "weber"},
    {"Dubois", "dubois"},
    {"Lefèvre", "lefevre"},
    {"Moreau", "moreau"},
    {"Rossi", "rossi"},
    {"Russo", "russo"},
    {"Ferrari", "ferrari"},
    {"Esposito", "esposito"},
    {"Bianchi", "bianchi"},
    {"Kowalski", "kowalski"},
    {"Nowak", "nowak"},
    {"Wiśniewski", "wisniewski"},
    {"Novák", "novak"},
    {"Svensson", "svensson"},
    {"Johansson", "johansson"},
    {"Nielsen", "nielsen"},
    {"Hansen", "hansen"},
    {"Jensen", "jensen"},
    {"Andersen", "andersen"},
    {"Virtanen", "virtanen"},
    {"Korhonen", "korhonen"},
    {"Ivanov", "ivanov"},
    {"Petrov", "petrov"},
    {"Smirnova", "smirnova"},
    {"Yamamoto", "yamamoto"},
    {"Tanaka", "tanaka"},
    {"Suzuki", "suzuki"},
    {"Watanabe", "watanabe"},
    {"Kim", "kim"},
    {"Park", "park"},
    {"Chen", "chen"},
    {"Wang", "wang"},
    {"Zhang", "zhang"},
    {"Liu", "liu"},
    {"Patel", "patel"},
    {"Sharma", "sharma"},
    {"Singh", "singh"},
    {"Gupta", "gupta"},
    {"Khan", "khan"},
    {"Okafor", "okafor"},
    {"Mensah", "mensah"},
    {"Diallo", "diallo"},
    {"Haddad", "haddad"},
    {"Silva", "silva"},
    {"Santos", "santos"},
    {"Oliveira", "oliveira"},
    {"Pereira", "pereira"},
    {"Costa", "costa"},
    {"O'Brien", "obrien"},
    {"Murphy", "murphy"},
    {"Byrne", "byrne"},
    {"MacDonald", "macdonald"},
    {"Fraser", "fraser"},
    {"Łukasik", "lukasik"},
    {"Çelik", "celik"},
    {"Yılmaz", "yilmaz"},
    {"Şahin", "sahin"},
};

constexpr const char* email_domains[] = {
    "gmail.com",   "outlook.com", "proton.me",  "fastmail.com", "yahoo.com",
    "example.org", "posteo.de",   "icloud.com", "hey.com",      "mailbox.org",
};

constexpr const char* companies[] = {
    "Acme Corp",
    "Globex",
    "Initech",
    "Umbrella Labs",
    "Hooli",
    "Pied Piper",
    "Stark Industries",
    "Wayne Enterprises",
    "Cyberdyne Systems",
    "Soylent",
    "Tyrell Corp",
    "Aperture Science",
    "Black Mesa",
    "Massive Dynamic",
    "Vandelay Industries",
    "Wonka Industries",
    "Gringotts",
    "Monsters Inc",
    "Oscorp",
    "Dunder Mifflin",
    "Prestige Worldwide",
    "Bluth Company",
    "Sterling Cooper",
    "Los Pollos Hermanos",
    "Nakatomi Trading",
    "Weyland-Yutani",
    "Virtucon",
    "Gekko & Co",
    "Rekall",
    "Ollivanders",
    "Blue Sun",
    "Omni Consumer Products",
    "Duff Brewery",
    "Krusty Krab",
    "Spacely Sprockets",
    "Cogswell Cogs",
    "Mom's Friendly Robots",
    "Planet Express",
    "Ministry of Silly Walks",
    "Yoyodyne",
    "University of Leeds",
    "ETH Zürich",
    "Freelance",
    "Mozilla",
    "Red Hat",
    "Canonical",
    "Debian Project",
    "The Linux Foundation",
    "Wikimedia",
    "Local Council",
    "City Hospital",
    "Riverside High School",
};

constexpr const char* titles[] = {
    "Software Engineer",
    "Senior Software Engineer",
    "Staff Engineer",
    "Engineering Manager",
    "CTO",
    "Founder",
    "Co-founder & CEO",
    "Product Manager",
    "Designer",
    "UX Researcher",
    "Data Scientist",
    "Site Reliability Engineer",
    "Recruiter",
    "Developer Advocate",
    "Professor",
    "PhD student",
    "Consultant",
    "Sales Director",
    "Account Executive",
    "Marketing Lead",
    "Teacher",
    "Nurse",
    "Architect",
    "Journalist",
    "Investor",
    "Operations Manager",
    "Security Engineer",
    "Technical Writer",
    "Mobile Developer",
    "Open-source maintainer",
    "Head of Platform",
    "VP Engineering",
};

constexpr const char* tag_vocabulary[] = {
    "rust",         "cpp",      "python",     "golang",      "devops",   "security", "ml",
    "startups",     "investor", "hiring",     "mentor",      "mentee",   "climbing", "running",
    "chess",        "music",    "books",      "family",      "school",   "uni",      "neighbour",
    "ex-colleague", "client",   "conference", "meetup",      "podcast",  "writing",  "design",
    "open-source",  "linux",    "kernel",     "databases",   "frontend", "cloud",    "berlin",
    "london",       "lisbon",   "remote",     "board-games", "cycling",
};

constexpr const char* met_places[] = {
    "PyCon, hallway track",
    "FOSDEM, Rust devroom",
    "CppCon dinner",
    "introduced by a friend",
    "old team at work",
    "university lab",
    "local meetup",
    "climbing gym",
    "a wedding",
    "conference speaker dinner",
    "Hacker News thread",
    "mailing list",
    "LinkedIn message",
    "neighbour",
    "kids' school",
    "coworking space",
    "book club",
    "hackathon",
    "job interview",
    "customer call",
    "open-source project",
    "running club",
    "startup weekend",
    "flight to Lisbon",
    "friend's birthday party",
    "alumni event",
    "Discord server",
    "KubeCon, booth",
    "workshop I taught",
    "podcast guest",
};

// Notes are sentences built from these parts: realistic text of varied length.
constexpr const char* note_openers[] = {
    "Talked about",       "Caught up on",          "Asked me about",
    "We discussed",       "Quick chat about",      "Long conversation about",
    "She mentioned",      "He mentioned",          "They mentioned",
    "Shared thoughts on", "Went deep into",        "Compared notes on",
    "Gave me advice on",  "Asked for feedback on", "Brainstormed",
};

constexpr const char* note_topics[] = {
    "the new job offer",
    "moving to Lisbon next spring",
    "their startup's seed round",
    "hiring a senior backend engineer",
    "the Rust rewrite of the billing service",
    "burnout and taking a sabbatical",
    "the kids starting school",
    "a conference talk proposal",
    "migrating everything to Kubernetes",
    "writing a book on distributed systems",
    "the marathon training plan",
    "buying a house outside the city",
    "their PhD defence",
    "open-sourcing the internal tooling",
    "the reorg at work",
    "learning Japanese",
    "an idea for a side project",
    "the database migration that went wrong",
    "a trip to Patagonia",
    "becoming an engineering manager",
    "the climbing trip in Fontainebleau",
    "mentoring junior developers",
    "remote work and time zones",
    "the podcast they started",
    "their parents' health",
    "switching from Python to Go",
    "a promotion to staff engineer",
    "the security incident last quarter",
    "the wedding plans",
    "a board game night",
};

constexpr const char* note_follow_ups[] = {
    "Promised to send the article.",
    "Follow up in a month about the intro.",
    "They want an intro to someone at Globex.",
    "Send them the slides from my talk.",
    "Ask how the interview went.",
    "Recommended 'The Mythical Man-Month'.",
    "Remember to congratulate them on the launch.",
    "Offered to review their CV.",
    "Next time: ask about the new apartment.",
    "Owe them a coffee.",
    "Lend them my copy of 'Designing Data-Intensive Applications'.",
    "Check whether the conference accepted the talk.",
    "They might be looking for a job in the autumn.",
    "Said they would be in town in March.",
    "",
};

constexpr const char* note_connectors[] = {
    "Also",
    "Then",
    "Later we talked about",
    "Briefly touched on",
    "Ended with",
    "Before leaving we talked about",
};

constexpr const char* gave_texts[] = {
    "an intro to a recruiter at Hooli",
    "feedback on their CV",
    "my notes from the talk",
    "a book recommendation",
    "a reference letter",
    "two hours of code review",
    "an intro to an investor",
    "advice on salary negotiation",
    "my old monitor",
    "a referral for the open role",
};

constexpr const char* received_texts[] = {
    "an intro to their CTO",  "a ticket to the conference",
    "feedback on my slides",  "a job lead",
    "a great restaurant tip", "help with the visa paperwork",
    "a review of my draft",   "advice on hiring",
};

constexpr const char* asked_texts[] = {
    "an intro to someone at Globex", "a reference",         "feedback on my side project",
    "advice on moving to Lisbon",    "a quote for my blog", "help finding a flat",
};

constexpr const char* followup_texts[] = {
    "Send the article about distributed tracing",
    "Tell them I read the book",
    "Ask how the interview went",
    "Introduce them to Priya",
    "Send the slides from my talk",
    "Congratulate them on the launch",
    "Share the flat-hunting spreadsheet",
    "Review their draft",
    "Check whether the talk was accepted",
    "Return the borrowed book",
    "Send the recruiter's contact",
    "Ask about the new apartment",
};

// A note of 40–300 characters, most of them short (like real notes).
std::string make_note(Rng& rng) {
    // Skewed towards short notes: the product of two uniforms.
    const int target = 40 + static_cast<int>((rng.below(261) * rng.below(261)) / 260);
    std::string note = std::string(rng.pick(note_openers)) + " " + rng.pick(note_topics) + ".";
    while (static_cast<int>(note.size()) < target) {
        if (rng.percent(50)) {
            const char* f = rng.pick(note_follow_ups);
            if (*f != '\0') {
                note += ' ';
                note += f;
            }
        } else {
            note += ' ';
            note += rng.pick(note_connectors);
            note += ' ';
            note += rng.pick(note_topics);
            note += '.';
        }
    }
    if (note.size() > 300) {
        const auto cut = note.rfind(' ', 296);
        note.resize(cut);
        note += "...";
    }
    return note;
}

std::string make_contact_notes(Rng& rng) {
    std::string notes = make_note(rng);
    if (rng.percent(20)) {
        notes += "\nPartner: " + std::string(rng.pick(first_names).text) +
                 ". Kids: " + std::to_string(rng.between(0, 3)) + ".";
    }
    return notes;
}

// ---------------------------------------------------------------------------------------------
// Dates and timestamps, all from --today.

Date day_to_date(int day) {
    return Date{date::sys_days{date::days{day}}};
}

int date_to_day(Date d) {
    return static_cast<int>(date::sys_days{d}.time_since_epoch().count());
}

std::string timestamp(Rng& rng, int day) {
    const int seconds = rng.between(7 * 3600, 23 * 3600);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", bmc::format_date(day_to_date(day)).c_str(),
                  seconds / 3600, seconds / 60 % 60, seconds % 60);
    return buf;
}

class FixedClock : public bmc::Clock {
public:
    explicit FixedClock(std::string now) : m_now(std::move(now)) {}
    std::string now_utc() const override { return m_now; }

private:
    std::string m_now;
};

// ---------------------------------------------------------------------------------------------
// The plan: contacts and interaction slots, decided before anything is written.

struct Options {
    std::int64_t contacts = 10000;
    std::int64_t interactions = 200000;
    std::uint64_t seed = 42;
    std::string today = "2026-11-22";
    std::string db;
    std::string json;
    std::string linkedin;               // a LinkedIn Connections.csv to write
    std::int64_t linkedin_rows = 30000; // its number of connections
    bool quiet = false;
};

struct Slot {
    std::int32_t day;      // days since the epoch
    std::uint32_t contact; // index into the contact plan
};

// A follow-up recorded with the conversation at slot `slot` (bmc log --followup).
struct PlannedFollowUp {
    std::size_t slot;
    std::int32_t by;      // deadline, or INT32_MIN for none
    std::int32_t done_on; // or INT32_MIN while open
};

constexpr int history_days = 3652; // ten years
constexpr std::size_t heavy_interactions = 1000;

void log_progress(const Options& o, const std::string& what) {
    if (!o.quiet) {
        std::cerr << "bmc-generate: " << what << '\n';
    }
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string fixed(double v, int decimals = 1) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

// Fills `repo` with the data set described by `o`.
void generate(bmc::Repository& repo, const Options& o) {
    const auto start = std::chrono::steady_clock::now();
    Rng rng(o.seed);
    const Date today = bmc::parse_iso_date(o.today, "--today");
    const int today_day = date_to_day(today);
    const int first_day = today_day - history_days;
    const std::size_t n = static_cast<std::size_t>(o.contacts);
    const std::size_t m = static_cast<std::size_t>(o.interactions);

    // Contacts: the day each was met (sorted, so ids follow the order people were added), and
    // how often you talk to them. Contact 0 ("Benchmark Heavy") was met ten years ago and gets
    // exactly 1000 interactions; contact 1 ("Benchmark Typical") is an ordinary medium tie.
    std::vector<std::int32_t> met(n);
    for (std::size_t i = 0; i < n; ++i) {
        met[i] = static_cast<std::int32_t>(first_day + rng.between(0, history_days - 1));
    }
    std::sort(met.begin(), met.end());
    if (n > 0) {
        met[0] = first_day;
    }
    std::vector<bmc::Contact> people(n);
    std::vector<std::uint32_t> weight(n);
    static constexpr bmc::Interval overrides[] = {
        {2, bmc::Interval::Unit::weeks},  {1, bmc::Interval::Unit::months},
        {2, bmc::Interval::Unit::months}, {3, bmc::Interval::Unit::months},
        {6, bmc::Interval::Unit::weeks},  {45, bmc::Interval::Unit::days},
        {1, bmc::Interval::Unit::years},  {6, bmc::Interval::Unit::months},
    };
    for (std::size_t i = 0; i < n; ++i) {
        bmc::Contact& c = people[i];
        c.uuid = rng.uuid();
        const Name& first = rng.pick(first_names);
        const Name& last = rng.pick(last_names);
        c.name = std::string(first.text) + " " + last.text;
        if (rng.percent(15)) { // a middle initial makes most names unique
            c.name = std::string(first.text) + " " + static_cast<char>('A' + rng.below(26)) + ". " +
                     last.text;
        }
        const auto s = rng.below(10);
        c.strength = s < 2   ? bmc::Strength::strong
                     : s < 7 ? bmc::Strength::medium
                             : bmc::Strength::weak;
        if (rng.percent(10)) {
            c.every = rng.pick(overrides);
        }
        const int emails = rng.percent(70) ? (rng.percent(20) ? 2 : 1) : 0;
        for (int e = 0; e < emails; ++e) {
            c.emails.push_back(std::string(first.ascii) + (e == 0 ? "." : "") + last.ascii +
                               (rng.percent(30) ? std::to_string(rng.between(1, 99)) : "") + "@" +
                               rng.pick(email_domains));
        }
        if (rng.percent(40)) {
            c.phones.push_back("+" + std::to_string(rng.between(1, 99)) + " " +
                               std::to_string(rng.between(100, 999)) + " " +
                               std::to_string(rng.between(1000000, 9999999)));
        }
        if (rng.percent(65)) {
            c.company = rng.pick(companies);
        }
        if (rng.percent(55)) {
            c.title = rng.pick(titles);
        }
        const int tags = static_cast<int>(rng.below(4)); // 0–3
        for (int t = 0; t < tags; ++t) {
            const std::string tag = rng.pick(tag_vocabulary);
            if (std::find(c.tags.begin(), c.tags.end(), tag) == c.tags.end()) {
                c.tags.push_back(tag);
            }
        }
        if (rng.percent(60)) {
            c.met = rng.pick(met_places);
        }
        c.met_on = day_to_date(met[i]);
        if (rng.percent(20)) {
            c.notes = make_contact_notes(rng);
        }
        c.archived = rng.percent(5);
        if (!c.archived && rng.percent(3)) {
            c.snoozed_until = day_to_date(today_day + rng.between(1, 120));
        }
        c.created_at = timestamp(rng, met[i]);
        c.updated_at =
            rng.percent(30)
                ? timestamp(rng, met[i] + static_cast<int>(rng.below(
                                              static_cast<std::uint64_t>(today_day - met[i] + 1))))
                : c.created_at;
        if (c.updated_at < c.created_at) {
            c.updated_at = c.created_at;
        }
        // Activity: 5% never talked to again, then rarely, sometimes, often, very often.
        const auto a = rng.below(100);
        weight[i] = a < 5 ? 0 : a < 35 ? 1 : a < 70 ? 3 : a < 90 ? 10 : 30;
        if (c.strength == bmc::Strength::strong) {
            weight[i] *= 2;
        }
        if (c.archived) {
            weight[i] = (weight[i] + 3) / 4;
        }
    }
    if (n > 0) {
        people[0].name = "Benchmark Heavy";
        people[0].strength = bmc::Strength::strong;
        people[0].every.reset();
        people[0].archived = false;
        people[0].snoozed_until.reset();
        weight[0] = 0; // gets its own 1000
    }
    if (n > 1) {
        people[1].name = "Benchmark Typical";
        people[1].strength = bmc::Strength::medium;
        people[1].archived = false;
        people[1].snoozed_until.reset();
        if (weight[1] == 0) {
            weight[1] = 3;
        }
    }

    // How many interactions each contact gets: the heavy contact exactly 1000, the rest drawn by
    // weight.
    std::vector<std::uint32_t> count(n, 0);
    if (n > 0) {
        count[0] = static_cast<std::uint32_t>(std::min(m, heavy_interactions));
    }
    std::vector<std::uint64_t> cumulative(n);
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < n; ++i) {
        total += weight[i];
        cumulative[i] = total;
    }
    std::size_t planned = n > 0 ? count[0] : 0;
    for (; planned < m && total > 0; ++planned) {
        const std::uint64_t r = rng.below(total);
        ++count[static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), r) -
                                         cumulative.begin())];
    }

    // When: a user who mostly keeps up. For 90% of the people talked to, the latest conversation
    // lies within about one reconnect interval before today (a few are just past due); for the
    // other 10% ("lapsed") anywhere since the day met. Earlier conversations fall uniformly
    // between the day met and the latest one.
    const bmc::Cadence cadence;
    const auto approx_days = [](const bmc::Interval& iv) {
        switch (iv.unit) {
        case bmc::Interval::Unit::days:
            return iv.count;
        case bmc::Interval::Unit::weeks:
            return 7 * iv.count;
        case bmc::Interval::Unit::months:
            return iv.count * 3044 / 100;
        case bmc::Interval::Unit::years:
            return iv.count * 365;
        }
        return iv.count;
    };
    std::vector<Slot> slots;
    slots.reserve(planned);
    const auto uniform_day = [&](int from, int to) { // inclusive
        return static_cast<std::int32_t>(
            from + static_cast<int>(rng.below(static_cast<std::uint64_t>(to - from + 1))));
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (count[i] == 0) {
            continue;
        }
        const bmc::Contact& c = people[i];
        const int interval = approx_days(c.every ? *c.every : cadence.for_strength(c.strength));
        std::int32_t latest = 0;
        if (i > 1 && rng.percent(10)) {
            latest = uniform_day(met[i], today_day);
        } else {
            latest = uniform_day(std::max(met[i], today_day - interval * 105 / 100), today_day);
        }
        slots.push_back({latest, static_cast<std::uint32_t>(i)});
        for (std::uint32_t k = 1; k < count[i]; ++k) {
            slots.push_back({uniform_day(met[i], latest), static_cast<std::uint32_t>(i)});
        }
    }
    // Logged in the order they happened, as a user would over the years.
    std::stable_sort(slots.begin(), slots.end(), [](const Slot& a, const Slot& b) {
        return a.day != b.day ? a.day < b.day : a.contact < b.contact;
    });

    // Follow-ups: about 6% of conversations leave one. Those older than two months were nearly
    // all done within a few weeks; recent ones are mostly still open. Two in five have a
    // deadline a week to two months out.
    std::vector<PlannedFollowUp> followups;
    std::vector<std::int32_t> followup_by(n, INT32_MAX); // earliest open deadline per contact
    for (std::size_t k = 0; k < slots.size(); ++k) {
        if (!rng.percent(6)) {
            continue;
        }
        const Slot& s = slots[k];
        PlannedFollowUp f{k, INT32_MIN, INT32_MIN};
        if (rng.percent(40)) {
            f.by = s.day + rng.between(7, 60);
        }
        const bool recent = s.day > today_day - 60;
        if (!(recent ? rng.percent(70) : rng.per_mille(30))) {
            f.done_on = std::min(today_day, s.day + rng.between(0, 45));
        }
        if (f.done_on == INT32_MIN && f.by != INT32_MIN) {
            followup_by[s.contact] = std::min(followup_by[s.contact], f.by);
        }
        followups.push_back(f);
    }

    // The materialised schedule: last interaction and effective due date, from the scheduler.
    std::vector<std::int32_t> last(n, INT32_MIN);
    for (const Slot& s : slots) {
        last[s.contact] = std::max(last[s.contact], s.day);
    }
    for (std::size_t i = 0; i < n; ++i) {
        bmc::Contact& c = people[i];
        if (last[i] != INT32_MIN) {
            c.last_interaction = day_to_date(last[i]);
        }
        std::optional<Date> earliest_deadline;
        if (followup_by[i] != INT32_MAX) {
            earliest_deadline = day_to_date(followup_by[i]);
        }
        const bmc::Schedule s =
            bmc::compute_schedule({c.strength, c.every, c.last_interaction, *c.met_on,
                                   c.snoozed_until, c.archived, earliest_deadline},
                                  cadence);
        c.next_due = s.effective_due;
    }
    log_progress(o, "planned " + std::to_string(n) + " contacts, " + std::to_string(slots.size()) +
                        " interactions and " + std::to_string(followups.size()) +
                        " follow-ups in " + fixed(seconds_since(start)) + " s");

    // Write: contacts in the order they were met, interleaved with the interactions logged
    // since, all in one transaction.
    static constexpr const char* vias[] = {"coffee", "call",    "call",  "video",  "video",
                                           "email",  "email",   "email", "text",   "text",
                                           "social", "meeting", "event", "coffee", "other"};
    bmc::Repository::Transaction tx(repo);
    std::size_t next_contact = 0;
    const auto insert_contacts_until = [&](std::int32_t day) {
        while (next_contact < n && met[next_contact] <= day) {
            repo.insert_contact(people[next_contact]);
            if (people[next_contact].id != static_cast<std::int64_t>(next_contact) + 1) {
                throw bmc::DataError("bmc-generate needs an empty database");
            }
            ++next_contact;
        }
    };
    std::size_t written = 0;
    std::size_t next_followup = 0;
    for (std::size_t k = 0; k < slots.size(); ++k) {
        const Slot& s = slots[k];
        insert_contacts_until(s.day);
        bmc::Interaction i;
        i.uuid = rng.uuid();
        i.contact_id = static_cast<std::int64_t>(s.contact) + 1;
        i.date = day_to_date(s.day);
        if (rng.percent(95)) {
            i.via = rng.pick(vias);
        }
        const auto by = rng.below(100);
        if (by < 55) {
            i.by = bmc::Initiator::me;
        } else if (by < 95) {
            i.by = bmc::Initiator::them;
        }
        if (rng.percent(90)) {
            i.note = make_note(rng);
        }
        // Give and take: what changed hands, now and then.
        if (rng.percent(10)) {
            i.gave = rng.pick(gave_texts);
        }
        if (rng.percent(7)) {
            i.received = rng.pick(received_texts);
        }
        if (rng.percent(5)) {
            i.asked = rng.pick(asked_texts);
        }
        i.created_at = i.updated_at = timestamp(rng, s.day);
        repo.insert_interaction(i);
        for (; next_followup < followups.size() && followups[next_followup].slot == k;
             ++next_followup) {
            const PlannedFollowUp& p = followups[next_followup];
            bmc::FollowUp f;
            f.uuid = rng.uuid();
            f.contact_id = i.contact_id;
            f.text = rng.pick(followup_texts);
            if (p.by != INT32_MIN) {
                f.by = day_to_date(p.by);
            }
            f.created_on = i.date;
            f.created_at = i.created_at;
            f.updated_at = i.created_at;
            if (p.done_on != INT32_MIN) {
                f.done_on = day_to_date(p.done_on);
                f.updated_at = std::max(f.created_at, timestamp(rng, p.done_on));
            }
            repo.insert_followup(f);
        }
        if (++written % 500000 == 0) {
            log_progress(o, std::to_string(written) + " interactions written (" +
                                fixed(seconds_since(start)) + " s)");
        }
    }
    insert_contacts_until(INT32_MAX);
    tx.commit();
    log_progress(o, "wrote " + std::to_string(n) + " contacts, " + std::to_string(written) +
                        " interactions and " + std::to_string(followups.size()) +
                        " follow-ups in " + fixed(seconds_since(start)) + " s");
}

void remove_database(const std::string& path) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        fs::remove(path + suffix, ec);
    }
}

// A CSV field as LinkedIn writes it: quoted when it holds a comma, a quote or a line break.
std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        return std::string(text);
    }
    std::string out = "\"";
    for (const char c : text) {
        out += c;
        if (c == '"') {
            out += '"';
        }
    }
    return out + "\"";
}

// Writes a LinkedIn "Connections.csv" export with `o.linkedin_rows` people, as LinkedIn makes it:
// a byte order mark, a few lines of notes before the header row, CRLF line ends, quoted fields
// where a company or position holds a comma, and no email for most people (LinkedIn shows only
// those its members allow). Dates are "04 Mar 2024", over the ten years before --today.
void write_linkedin(const Options& o) {
    Rng rng(o.seed ^ 0x4c696e6b6564496eULL); // "LinkedIn": independent of the database's data
    const int today_day = date_to_day(bmc::parse_iso_date(o.today, "--today"));
    static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static constexpr const char* suffixes[] = {", Inc.", ", LLC", " GmbH", " Ltd", "", "", "", ""};
    std::ofstream out(o.linkedin, std::ios::binary | std::ios::trunc);
    out << "\xEF\xBB\xBFNotes:\r\n"
           "\"When exporting your connection data, you may notice that some of the email "
           "addresses are missing. You will only see email addresses for connections who have "
           "allowed their connections to see or download their email address using this setting "
           "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
           "https://www.linkedin.com/help/linkedin/answer/261\"\r\n"
           "\r\n"
           "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n";
    for (std::int64_t i = 0; i < o.linkedin_rows; ++i) {
        const Name& first = rng.pick(first_names);
        const Name& last = rng.pick(last_names);
        // As in a real export nearly every row is a different person: a middle initial in the
        // First Name column and, for some, a second family name keep the generated names apart
        // (30 000 rows: about 50 share a name; without them more than half did, and the
        // benchmark timed a merge rather than an import).
        std::string first_name =
            std::string(first.text) + " " + static_cast<char>('A' + rng.below(26)) + ".";
        std::string last_name = last.text;
        if (rng.percent(20)) {
            last_name += "-" + std::string(rng.pick(last_names).text);
        }
        const std::string slug = std::string(first.ascii) + "-" + last.ascii + "-" +
                                 std::to_string(rng.below(1'000'000'000));
        std::string email;
        if (rng.percent(15)) {
            email = std::string(first.ascii) + "." + last.ascii + std::to_string(i) + "@" +
                    rng.pick(email_domains);
        }
        std::string company;
        std::string position;
        if (rng.percent(90)) {
            company = std::string(rng.pick(companies)) + rng.pick(suffixes);
            position = rng.pick(titles);
            if (rng.percent(10)) {
                position += ", " + std::string(rng.pick(tag_vocabulary));
            }
        }
        const Date connected = day_to_date(today_day - rng.between(0, history_days - 1));
        char when[16];
        std::snprintf(when, sizeof when, "%02u %s %d", static_cast<unsigned>(connected.day()),
                      months[static_cast<unsigned>(connected.month()) - 1],
                      static_cast<int>(connected.year()));
        out << csv_field(first_name) << ',' << csv_field(last_name)
            << ",https://www.linkedin.com/in/" << slug << ',' << csv_field(email) << ','
            << csv_field(company) << ',' << csv_field(position) << ',' << when << "\r\n";
    }
    out.flush();
    if (!out) {
        throw bmc::DataError("cannot write " + o.linkedin);
    }
    log_progress(o, "wrote " + std::to_string(o.linkedin_rows) + " LinkedIn connections to " +
                        o.linkedin);
}

int run(const Options& o) {
    if (o.db.empty() && o.json.empty() && o.linkedin.empty()) {
        throw bmc::UsageError("nothing to write",
                              "give --db PATH, --json PATH and/or --linkedin PATH");
    }
    if (o.linkedin_rows < 0 || o.linkedin_rows > 10'000'000) {
        throw bmc::UsageError("--linkedin-rows must be between 0 and 10M");
    }
    if (o.contacts < 0 || o.interactions < 0 || o.contacts > 10'000'000 ||
        o.interactions > 100'000'000) {
        throw bmc::UsageError("--contacts and --interactions must be between 0 and 10M / 100M");
    }
    if (o.interactions > 0 && o.contacts == 0) {
        throw bmc::UsageError("interactions need at least one contact");
    }
    for (const auto* path : {&o.db, &o.json, &o.linkedin}) {
        if (!path->empty() && fs::exists(*path)) {
            throw bmc::UsageError(*path + " already exists", "give a new path; it is never "
                                                             "overwritten");
        }
    }
    if (!o.linkedin.empty()) {
        write_linkedin(o);
    }
    if (o.db.empty() && o.json.empty()) {
        return 0;
    }
    // Without --db the data goes to a temporary database next to the JSON file.
    std::string db = o.db;
    const bool temporary = db.empty();
    if (temporary) {
        db = o.json + ".tmp-" + std::to_string(::getpid()) + ".db";
        remove_database(db);
    }
    try {
        bmc::Repository repo(db);
        generate(repo, o);
        if (!o.json.empty()) {
            const auto start = std::chrono::steady_clock::now();
            // A fixed clock: exported_at is the noon of --today, so the file is reproducible.
            const FixedClock clock(o.today + "T12:00:00Z");
            bmc::Service service(repo, bmc::parse_iso_date(o.today, "--today"), clock);
            std::ofstream out(o.json, std::ios::binary | std::ios::trunc);
            service.export_json(out);
            out.flush();
            if (!out) {
                throw bmc::DataError("cannot write " + o.json);
            }
            log_progress(o, "exported " + o.json + " in " + fixed(seconds_since(start)) + " s");
        }
    } catch (...) {
        if (temporary) {
            remove_database(db);
        }
        throw;
    }
    if (temporary) {
        remove_database(db);
    }
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"Writes a reproducible, realistic bmc database or JSON import file for "
                 "benchmarks. The same --contacts, --interactions, --seed and --today give the "
                 "same data.",
                 "bmc-generate"};
    Options o;
    app.add_option("-c,--contacts", o.contacts, "Number of contacts (N)")->capture_default_str();
    app.add_option("-i,--interactions", o.interactions, "Number of interactions (M)")
        ->capture_default_str();
    app.add_option("-s,--seed", o.seed, "Random seed")->capture_default_str();
    app.add_option("--today", o.today, "The date the data set ends on (YYYY-MM-DD)")
        ->capture_default_str();
    app.add_option("--db", o.db, "Write a bmc database here (a new file)");
    app.add_option("--json", o.json, "Write a JSON import file here (bmc's export format)");
    app.add_option("--linkedin", o.linkedin,
                   "Write a LinkedIn Connections.csv export here (a new file), for import");
    app.add_option("--linkedin-rows", o.linkedin_rows, "Connections in the --linkedin file")
        ->capture_default_str();
    app.add_flag("-q,--quiet", o.quiet, "No progress on standard error");
    app.footer(
        "\nContact #1 is \"Benchmark Heavy\" with exactly 1000 interactions (when M allows);\n"
        "contact #2 is \"Benchmark Typical\". About 5% are archived, 3% snoozed, 10% have\n"
        "their own interval; strengths are 20% strong, 50% medium, 30% weak; about 6% of\n"
        "conversations leave a follow-up. See bench/README.md.");
    try {
        app.parse(argc, argv);
        return run(o);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const bmc::Error& e) {
        std::cerr << "bmc-generate: error: " << e.what();
        if (!e.hint().empty()) {
            std::cerr << " — " << e.hint();
        }
        std::cerr << '\n';
        return e.code();
    } catch (const std::exception& e) {
        std::cerr << "bmc-generate: error: " << e.what() << '\n';
        return 1;
    }
}
