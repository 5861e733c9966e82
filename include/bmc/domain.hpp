// The vocabulary of bmc: people, interactions and the values they are made of.
// Plain data only: no I/O, no SQL, no terminal. Every other module depends on this one.
#pragma once

#include <date/date.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bmc {

using Date = date::year_month_day;

// How strong a tie is; it sets the default reconnect interval.
enum class Strength { strong, medium, weak };

// Canonical lower-case name ("strong", "medium", "weak").
std::string_view to_string(Strength s);
// Parses a strength name; std::nullopt when it is not one of the three.
std::optional<Strength> parse_strength(std::string_view text);
// Ordering rank used for ties in `due`: strong < medium < weak.
int rank(Strength s);

// A calendar interval: a count of days, weeks, months or years. Months and years are calendar
// units (clamped at month ends), days and weeks are exact days.
struct Interval {
    enum class Unit { days, weeks, months, years };
    int count = 0;
    Unit unit = Unit::days;

    friend bool operator==(const Interval&, const Interval&) = default;
};

// Short canonical form: "10d", "6w", "4m", "1y".
std::string to_string(const Interval& interval);
// Human form: "10 days", "6 weeks", "4 months", "1 year".
std::string describe(const Interval& interval);

// Who started a conversation.
enum class Initiator { me, them };
std::string_view to_string(Initiator who);
std::optional<Initiator> parse_initiator(std::string_view text);

// The channels an interaction can happen through.
inline constexpr std::string_view via_values[] = {"coffee", "call",    "video", "email", "text",
                                                  "social", "meeting", "event", "other"};
bool is_valid_via(std::string_view text);

struct Interaction {
    std::int64_t id = 0;
    std::string uuid;
    std::int64_t contact_id = 0;
    Date date{};
    std::optional<std::string> via;
    std::optional<Initiator> by;
    std::optional<std::string> note;
    // Give before you receive: what changed hands in this conversation, if anything.
    std::optional<std::string> gave;     // help, advice, an introduction you gave
    std::optional<std::string> received; // what you received
    std::optional<std::string> asked;    // what you asked for
    std::string created_at;              // ISO 8601 UTC
    std::string updated_at;              // ISO 8601 UTC
};

// Something to do or report back on with a person ("tell her I read the book").
struct FollowUp {
    std::int64_t id = 0;
    std::string uuid;
    std::int64_t contact_id = 0;
    std::string text;
    std::optional<Date> by; // a deadline: the person is due on this date at the latest
    Date created_on{};
    std::optional<Date> done_on; // empty while open
    std::string created_at;      // ISO 8601 UTC
    std::string updated_at;      // ISO 8601 UTC
};

struct Contact {
    std::int64_t id = 0;
    std::string uuid;
    std::string name;
    Strength strength = Strength::medium;
    std::optional<Interval> every; // per-contact override of the cadence
    std::vector<std::string> emails;
    std::vector<std::string> phones;
    std::optional<std::string> company;
    std::optional<std::string> title;
    std::vector<std::string> tags;
    std::optional<std::string> met; // how/where we met
    std::optional<Date> met_on;     // the anchor when there is no interaction
    std::optional<std::string> notes;
    bool archived = false;
    std::optional<Date> snoozed_until;
    std::string created_at; // ISO 8601 UTC
    std::string updated_at; // ISO 8601 UTC

    // Materialised by the service from the scheduler; kept in the database for fast queries.
    std::optional<Date> last_interaction; // date of the most recent interaction
    std::optional<Date> next_due;         // effective due date; empty when archived
};

// The default cadence per strength; each value can be changed with `bmc config`.
struct Cadence {
    Interval strong{4, Interval::Unit::months};
    Interval medium{6, Interval::Unit::months};
    Interval weak{9, Interval::Unit::months};

    const Interval& for_strength(Strength s) const;
};

} // namespace bmc
