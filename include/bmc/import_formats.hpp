// Reading people from other programs' files: LinkedIn's Connections.csv, Google Contacts CSV,
// bmc's own CSV columns and vCard. Each reader turns a whole document into PersonRecords and
// throws DataError naming the file and line of anything it cannot read; validation of the values
// (lengths, UTF-8, dates in the future) and matching with the database happen in the service.
// Writing bmc's CSV and vCard from contacts lives here too, so that both directions share one
// column list. Pure: no I/O, no database.
#pragma once

#include "bmc/domain.hpp"
#include "bmc/vcard.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bmc {

// A person as an import file describes them.
struct PersonRecord {
    std::string where;               // "Connections.csv line 7", for messages
    std::optional<std::string> uuid; // set by bmc CSV (uuid column) and vCard (UID)
    std::string name;
    std::vector<std::string> emails;
    std::vector<std::string> phones;
    std::vector<std::string> tags;
    std::optional<std::string> company;
    std::optional<std::string> title;
    std::optional<std::string> met;
    std::optional<Date> met_on;
    std::optional<std::string> notes;
    std::optional<Strength> strength;
    // vCard BDAY, Google's Birthday column, bmc CSV's birthday column; stored as the important
    // date labelled "birthday".
    std::optional<YearlyDate> birthday;
};

// LinkedIn's Connections.csv: notes before the header row (found by its First Name/Last Name
// columns), "Connected On" as "04 Mar 2024" (→ met_on), Company, Position, URL (kept in notes as
// "LinkedIn: URL"), Email Address (often empty).
std::vector<PersonRecord> read_linkedin_csv(std::string_view text, const std::string& source);

// Google Contacts CSV, old layout (Name, Given Name, Family Name, Group Membership, E-mail 1 -
// Value...) or current one (First Name, Last Name, Labels, E-mail 1 - Value...). Multi-value
// cells split on " ::: "; system labels ("* myContacts", "* starred") dropped, others → tags.
std::vector<PersonRecord> read_google_csv(std::string_view text, const std::string& source);

// bmc's CSV: a header naming bmc_csv_columns (any order, `name` required); lists (emails,
// phones, tags) separated by ";" (tags also by ","); met_on as YYYY-MM-DD; birthday as YYYY-MM-DD
// or --MM-DD; strength as strong/medium/weak.
std::vector<PersonRecord> read_bmc_csv(std::string_view text, const std::string& source);

// Every card of a vCard document (see vcard.hpp), as records. The UID becomes the uuid (a
// non-UUID UID is mapped to a stable UUID by uuid_for_uid()).
std::vector<PersonRecord> read_vcard_people(std::string_view text, const std::string& source);

// The columns of bmc's CSV, in export order: name, email, phone, company, title, tags, strength,
// met, met_on, birthday, notes, uuid.
const std::vector<std::string>& bmc_csv_columns();
// One contact and their birthday as a row of those columns.
std::vector<std::string> bmc_csv_fields(const Contact& contact,
                                        const std::optional<YearlyDate>& birthday);

// A contact as a vCard (UID = its uuid; BDAY; X-BMC-* for strength, met and met_on). `rev` is
// the REV value (UTC, "20261122T101500Z").
VCard contact_to_vcard(const Contact& contact, const std::optional<YearlyDate>& birthday,
                       const std::string& rev);

} // namespace bmc
