// Relationship practices computed from a person's history. Pure: no I/O.
#pragma once

#include "bmc/domain.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bmc {

// "Give before you receive": who reaches out, and what changes hands.
struct Reciprocity {
    int by_me = 0;      // conversations you started
    int by_them = 0;    // conversations they started
    int gave = 0;       // conversations in which you gave something
    int received = 0;   // ... received something
    int asked = 0;      // ... asked for something
    int unanswered = 0; // your latest reach-outs in a row since they last reached out
};

// Counts over `interactions` in any order (the run of unanswered reach-outs follows dates).
Reciprocity reciprocity_of(const std::vector<Interaction>& interactions);

// ---- Stages: how deep a tie has grown (docs/practices.md, "Stages") ----

// connection: you met. meaningful: a personal exchange (coffee, a call or a video call), help
// given or received, or several conversations. sustained: reconnected on cadence for a year or
// more, and still on cadence today.
enum class Stage { connection, meaningful, sustained };
std::string_view to_string(Stage stage);

// "Several conversations": this many, on different days.
inline constexpr int several_conversations = 3;
// A sustained tie's run of on-cadence conversations spans at least this many days.
inline constexpr int sustained_span_days = 365;

// Whether a conversation on `to` came on cadence after one on `from`: no later than the interval
// plus half of it (a 4-month cadence allows 6 months).
bool on_cadence(Date from, Date to, const Interval& interval);

// The stage of a tie from its conversations (any order), the interval in force and today.
Stage stage_of(const std::vector<Interaction>& interactions, const Interval& interval, Date today);

// ---- Strength review: ties that are growing or fading (docs/practices.md, "Strength review") ----

// The thresholds of the review rules.
struct ReviewRules {
    int recent_days = 365;         // "recently": within this many days before today
    int they_reach_out = 3;        // promote: they started this many conversations recently
    int on_cadence_reconnects = 3; // promote: this many on-cadence reconnections in a row
    int unanswered = 3;            // demote: this many of your reach-outs unanswered in a row
    int long_overdue_times = 2;    // demote: this many gaps longer than twice the interval...
    int long_overdue_window_days = 3 * 365; // ... within this many days before today
    int long_standing_days = 3 * 365;       // a long-standing tie: known this long...
    int long_standing_conversations = 5;    // ... with this many conversations
    int quiet_days = 2 * 365; // a long-standing tie is demoted for lateness only this long quiet
};

// A proposed change of strength, with the evidence in plain words.
struct StrengthChange {
    Strength from = Strength::medium;
    Strength to = Strength::medium;
    std::vector<std::string> reasons;
    bool promote() const { return rank(to) < rank(from); }
};

// What the evidence says about a tie of `strength`, or nothing when it says nothing new. One kind
// of evidence for a stronger tie points at medium, two or more kinds at strong; one kind for a
// weaker tie points at medium, two kinds at weak. A change is suggested only when that points
// past the current strength, and never when there is evidence both ways. `met_on` is when the
// history starts when it predates the first conversation.
std::optional<StrengthChange> review_strength(const std::vector<Interaction>& interactions,
                                              Strength strength, const Interval& interval,
                                              std::optional<Date> met_on, Date today,
                                              const ReviewRules& rules = {});

} // namespace bmc
