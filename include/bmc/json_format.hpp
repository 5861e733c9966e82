// bmc's JSON document format (docs/json.md): contacts and interactions to and from JSON.
// Field names are a contract with users' scripts: add fields, never rename them.
#pragma once

#include "bmc/domain.hpp"
#include "bmc/views.hpp"

#include <nlohmann/json.hpp>

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
};

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
                          const std::vector<FollowUp>& followups);

// Dumps JSON safely: invalid UTF-8 is replaced rather than thrown on.
std::string dump(const Json& json, int indent = -1);

} // namespace bmc
