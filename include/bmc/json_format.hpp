// bmc's JSON document format (docs/json.md): contacts and interactions to and from JSON.
// Field names are a contract with users' scripts: add fields, never rename them.
#pragma once

#include "bmc/domain.hpp"
#include "bmc/insight_views.hpp"
#include "bmc/views.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace bmc {

using Json = nlohmann::ordered_json;

// Version of the export document; bumped only for incompatible changes.
inline constexpr int json_format_version = 1;

Json to_json(const Interaction& interaction);
// A follow-up's fields in export (without the local `id`).
Json to_json(const FollowUp& followup);
// `todo --json`: {version, today, followups: [{id, ...fields, person: {id, name}}]}.
Json undo_history_to_json(const std::vector<UndoChange>& history);
Json todo_to_json(const std::vector<FollowUpView>& open, Date today);
// The contact fields shared by export, due, list and show (without `interactions`).
Json to_json(const Contact& contact);

// The documents of `due --json`, `list --json` and `show --json`: the contact fields plus
// `id`, `days_overdue` (negative when not yet due; null when archived) and `last_interaction`.
Json due_to_json(const DueReport& report);
Json list_to_json(const std::vector<ContactSummary>& rows, Date today);
Json profile_to_json(const Profile& profile, Date today);
// `dupes --json`: {version, dupes: [{reason, value, people: [{id, name}]}]}.
Json dupes_to_json(const std::vector<DupeGroup>& groups);

// A contact read from an import document, with what the record left out.
struct ImportedContact {
    Contact contact;
    bool has_uuid = false;
    bool has_updated_at = false;
    std::set<std::string> fields; // the keys the record has (null values included)
    struct Entry {
        Interaction interaction;
        bool has_uuid = false;
        bool has_updated_at = false;
    };
    std::vector<Entry> interactions;
    struct Note {
        FollowUp followup;
        bool has_uuid = false;
        bool has_updated_at = false;
    };
    std::vector<Note> followups;
    // Introductions and important dates; each applies only when `fields` has its key.
    std::optional<std::string> introduced_by; // uuid of the person who introduced you
    std::optional<YearlyDate> birthday;
    std::vector<ImportantDate> dates; // other than the birthday (contact_id 0)
};

// One entry of an export document's `introductions` array.
struct ImportedIntroduction {
    Introduction introduction; // a and b not set yet
    std::string a_uuid;
    std::string b_uuid;
    bool has_uuid = false;
    bool has_updated_at = false;
};

// Reads the `introductions` array of an import document (none when it is absent or the document
// is a bare array of contacts). Throws DataError naming the entry and the reason.
std::vector<ImportedIntroduction> introductions_from_json(const nlohmann::json& doc,
                                                          const std::string& now);

// What an export record holds besides the contact's own fields.
struct ExportConnections {
    std::optional<std::string> introduced_by; // uuid
    std::vector<ImportantDate> dates;         // the birthday among them is written as `birthday`
};

// `"introductions":[...]` of the export document, contacts named by `uuid_of`.
void append_export_introductions(std::string& out, const std::vector<Introduction>& intros,
                                 const std::map<std::int64_t, std::string>& uuid_of);

// `suggest intros --json` and the JSON of `date NAME`.
Json suggestions_to_json(const IntroSuggestions& s, Date today);
Json person_dates_to_json(const PersonDates& d, Date today);
// The `introduced_by`, `introduced_you_to`, `introductions`, `birthday` and `dates` fields of
// `show --json`, added to `j`.
void add_connections_json(Json& j, const Connections& c, Date today);
// A coming-up date: {person, label, date, on, in_days, years}.
Json to_json(const ComingDate& d, Date today);

// Reads one contact record. Only `name` is required; absent fields take their defaults
// (timestamps default to `now`, the date met to `today`). Throws DataError with the reason;
// the caller adds the record's position.
ImportedContact contact_from_json(const nlohmann::json& record, Date today, const std::string& now);

// Appends one export record (the contact fields of to_json plus `interactions` and
// `followups`) as compact
// JSON to `out`. Equivalent to dumping to_json() with the interactions added, but written
// directly, without building a JSON tree: `export` streams 100k records through it.
void append_export_record(std::string& out, const Contact& contact,
                          const std::vector<Interaction>& interactions,
                          const std::vector<FollowUp>& followups,
                          const ExportConnections& connections = {});

// The same record in three parts, for writing it straight from the database's rows without
// building an `Interaction` each (Service::export_json): the contact's fields up to the opening
// of `interactions`; each conversation, `first` for a person's first; then the follow-ups and
// connections that close the record. append_export_record() is these three in a row.
void append_export_record_head(std::string& out, const Contact& contact);
void append_export_interaction(std::string& out, const InteractionRow& interaction, bool first);
void append_export_record_tail(std::string& out, const std::vector<FollowUp>& followups,
                               const ExportConnections& connections = {});
// An interaction seen as a row (its text viewed in place, valid while `interaction` lives).
InteractionRow interaction_row(const Interaction& interaction);

// Dumps JSON safely: invalid UTF-8 is replaced rather than thrown on, and DEL and the C1
// controls (U+0080–U+009F) are written as \u escapes so that a terminal never acts on them.
std::string dump(const Json& json, int indent = -1);

} // namespace bmc

// ---- The routine and insight commands (json_format_insights.cpp) ----

namespace bmc {

Json plan_to_json(const PlanReport& report);
Json stats_to_json(const NetworkStats& stats);
Json review_to_json(const ReviewReport& report);
// `sentences` are explain(report) from text_format.
Json why_to_json(const WhyReport& report, const std::vector<std::string>& sentences);

} // namespace bmc
