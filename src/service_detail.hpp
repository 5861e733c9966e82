// Internals shared by the service's source files (service.cpp and the service_*.cpp files that
// hold a group of Service methods). Not part of the public include/ tree.
#pragma once

#include "bmc/domain.hpp"
#include "bmc/json_format.hpp"
#include "bmc/repository.hpp"
#include "bmc/service.hpp"
#include "bmc/views.hpp"

#include <algorithm>
#include <iosfwd>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace bmc::detail {

bool is_after(Date a, Date b);

// Stores a setting's canonical value, or removes the setting (back to its default) when
// `value` is nullopt.
void store_setting(Repository& repo, const std::string& key,
                   const std::optional<std::string>& value);

// Appends `value` unless the list already holds it.
template <class T>
void add_unique(std::vector<T>& list, T value) {
    if (std::find(list.begin(), list.end(), value) == list.end()) {
        list.push_back(std::move(value));
    }
}

// Whether two records hold the same user data (ids, timestamps and materialised columns aside).
bool same_content(const Contact& a, const Contact& b);
bool same_content(const Interaction& a, const Interaction& b);

// Whether ISO 8601 UTC timestamp `a` is later than `b` (fractions of a second count).
bool timestamp_after(const std::string& a, const std::string& b);

// `existing` with the fields an import record carries replaced by the record's values.
Contact merge_present(const Contact& existing, const ImportedContact& ic);

// DataError "<what> <date> is in the future (today is …)" when `d` is after `today`.
void check_not_future(Date d, Date today, const std::string& what);

// DataError when a follow-up would be done before the day it was recorded.
void check_done_after_created(const FollowUp& f, Date done_on, const std::string& what);

// Keeps only the people whose text fields contain `search` (case-insensitive).
void erase_non_matching(std::vector<ContactSummary>& rows, const std::string& search);

// Attaches each person's open follow-ups (earliest deadline first) to their row.
void attach_open_followups(Repository& repo, std::vector<ContactSummary>& rows);

// UsageError for a channel that is not one of bmc's.
void check_via(const std::optional<std::string>& via);

// clean_text for an optional value.
std::optional<std::string> clean_opt(std::string_view field, const std::optional<std::string>& v,
                                     std::size_t max_bytes);

// Introductions and important dates in export and import (service_intros.cpp).
struct ExportConnectionData {
    std::map<std::int64_t, ExportConnections> contacts; // only those who have any
    std::vector<Introduction> introductions;
    std::map<std::int64_t, std::string> uuid_of; // the people in `introductions`
};
ExportConnectionData load_export_connections(Repository& repo);
// Writes every contact's export record to `out`, straight from the repository's rows (no
// `Interaction` built), in chunks of about a mebibyte: `before_first` before the first record,
// `before_next` before each later one, `after_each` after every one (service_export.cpp).
void write_export_records(Repository& repo, const ExportConnectionData& connections,
                          std::ostream& out, std::string_view before_first,
                          std::string_view before_next, std::string_view after_each);
// How many threads an export's walk may use: ExportThreads::workers, or when that is 0, 2 on a
// machine with two cores or more, else 1.
std::size_t worker_count(const ExportThreads& threads);
// The people's records of a JSON or JSON Lines export, read in one snapshot with the rest of the
// document (service_export.cpp). Construction starts the snapshot: the caller reads the settings
// and connections through `repo` after it. write() writes what write_export_records() writes;
// when `threads` allow and the file is large enough, it splits the walk between threads, each
// reading through a connection of its own on the same snapshot (Repository::SharedSnapshot),
// and writes their records in order from the calling thread. An error in a thread stops the
// others and is thrown again by write() once every thread has ended. Returns how many threads
// walked the people (1: the calling thread alone).
class ExportWalk {
public:
    ExportWalk(Repository& repo, const ExportThreads& threads);
    std::size_t write(const ExportConnectionData& connections, std::ostream& out,
                      std::string_view before_first, std::string_view before_next,
                      std::string_view after_each);

private:
    Repository& m_repo;
    ExportThreads m_threads;
    Repository::SharedSnapshot m_snapshot;
};
// Throws DataError when a birthday with a year lies after `today` (service_dates.cpp).
void check_birthday(const YearlyDate& d, Date today);
// Checks what can be checked before writing: birthdays and introduction dates not in the future,
// introduction uuids unique (added to `uuids`). Throws DataError.
void check_import_connections(const std::vector<ImportedContact>& incoming,
                              const std::vector<ImportedIntroduction>& intros,
                              std::set<std::string>& uuids, Date today);
// Applies a record's introduced_by, birthday and dates to a contact; true when something changed.
bool import_contact_connections(Repository& repo, const ImportedContact& ic,
                                std::int64_t contact_id);
// Adds or updates the document's introductions (matched by uuid, else by pair); returns how many
// were added.
int import_introductions(Repository& repo, const std::vector<ImportedIntroduction>& intros);

// A full name as duplicates are matched (import, dupes, merge): case-folded, runs of white
// space as one space (service_import.cpp).
std::string normalised_name(std::string_view name);

} // namespace bmc::detail
