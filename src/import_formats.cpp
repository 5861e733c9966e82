#include "bmc/import_formats.hpp"

#include "bmc/csv.hpp"
#include "bmc/dates.hpp"
#include "bmc/errors.hpp"
#include "bmc/text.hpp"

#include <algorithm>
#include <map>

namespace bmc {

namespace {

DataError bad(const std::string& where, const std::string& what, const std::string& hint) {
    return DataError(where + ": " + what, hint + "; nothing was imported");
}

// The CSV rows of a document, with parse errors naming the file.
std::vector<CsvRow> rows_of(std::string_view text, const std::string& source) {
    try {
        return parse_csv(text);
    } catch (const DataError& e) {
        throw DataError(source + " " + e.what(), e.hint() + "; nothing was imported");
    }
}

// Column positions by header name (exact, after trimming).
class Columns {
public:
    explicit Columns(const std::vector<std::string>& header) {
        for (std::size_t i = 0; i < header.size(); ++i) {
            m_index.emplace(std::string(trim(header[i])), i);
        }
    }
    std::optional<std::size_t> find(const std::string& name) const {
        const auto it = m_index.find(name);
        return it == m_index.end() ? std::nullopt : std::optional(it->second);
    }
    bool has(const std::string& name) const { return find(name).has_value(); }
    // The trimmed cell of `row` under `name`, or "".
    std::string get(const CsvRow& row, const std::string& name) const {
        const auto i = find(name);
        if (!i || *i >= row.fields.size()) {
            return {};
        }
        return std::string(trim(row.fields[*i]));
    }
    const std::map<std::string, std::size_t>& all() const { return m_index; }

private:
    std::map<std::string, std::size_t> m_index;
};

std::optional<std::string> opt(std::string s) {
    if (s.empty()) {
        return std::nullopt;
    }
    return s;
}

// Splits on `separator`, trims, drops empty parts.
std::vector<std::string> split_list(std::string_view text, std::string_view separator) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find(separator, start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        const std::string_view part = trim(text.substr(start, end - start));
        if (!part.empty()) {
            out.emplace_back(part);
        }
        start = end + separator.size();
    }
    return out;
}

std::string joined(std::initializer_list<std::string> parts) {
    std::string out;
    for (const auto& p : parts) {
        if (!p.empty()) {
            out += (out.empty() ? "" : " ") + p;
        }
    }
    return out;
}

// A name for a record that has none: the first email, phone or company.
void fallback_name(PersonRecord& r) {
    if (!r.name.empty()) {
        return;
    }
    if (!r.emails.empty()) {
        r.name = r.emails.front();
    } else if (!r.phones.empty()) {
        r.name = r.phones.front();
    } else if (r.company) {
        r.name = *r.company;
    }
}

// "04 Mar 2024", "4 Mar 2024" or "2024-03-04".
std::optional<Date> parse_linkedin_date(std::string_view text) {
    static const char* const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};
    const auto parts = split_list(text, " ");
    if (parts.size() != 3) {
        try {
            return parse_iso_date(text);
        } catch (const UsageError&) {
            return std::nullopt;
        }
    }
    const std::string mon = fold_case(parts[1]).substr(0, 3);
    const auto m = std::find(std::begin(months), std::end(months), mon);
    if (m == std::end(months) || parts[0].size() > 2 || parts[2].size() != 4 ||
        !std::all_of(parts[0].begin(), parts[0].end(), ::isdigit) ||
        !std::all_of(parts[2].begin(), parts[2].end(), ::isdigit)) {
        return std::nullopt;
    }
    const Date d{date::year{std::stoi(parts[2])},
                 date::month{static_cast<unsigned>(m - std::begin(months) + 1)},
                 date::day{static_cast<unsigned>(std::stoi(parts[0]))}};
    if (!d.ok()) {
        return std::nullopt;
    }
    return d;
}

std::string joined_with(const std::vector<std::string>& values, std::string_view separator) {
    std::string out;
    for (const auto& v : values) {
        if (!out.empty()) {
            out += separator;
        }
        out += v;
    }
    return out;
}

std::string list_cell(const std::vector<std::string>& values) {
    return joined_with(values, ";");
}

} // namespace

std::vector<PersonRecord> read_linkedin_csv(std::string_view text, const std::string& source) {
    const auto rows = rows_of(text, source);
    std::size_t header_at = rows.size();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Columns c(rows[i].fields);
        if (c.has("First Name") && c.has("Last Name") &&
            (c.has("Connected On") || c.has("URL") || c.has("Email Address"))) {
            header_at = i;
            break;
        }
    }
    if (header_at == rows.size()) {
        throw bad(source,
                  "no LinkedIn header row (First Name, Last Name, URL, Email Address, "
                  "Company, Position, Connected On)",
                  "use the Connections.csv file from LinkedIn's data export");
    }
    const Columns cols(rows[header_at].fields);
    std::vector<PersonRecord> out;
    out.reserve(rows.size() - header_at);
    for (std::size_t i = header_at + 1; i < rows.size(); ++i) {
        const CsvRow& row = rows[i];
        PersonRecord r;
        r.where = source + " line " + std::to_string(row.line);
        r.name = joined({cols.get(row, "First Name"), cols.get(row, "Last Name")});
        if (auto e = cols.get(row, "Email Address"); !e.empty()) {
            r.emails.push_back(e);
        }
        r.company = opt(cols.get(row, "Company"));
        r.title = opt(cols.get(row, "Position"));
        if (auto url = cols.get(row, "URL"); !url.empty()) {
            r.notes = "LinkedIn: " + url;
        }
        if (auto on = cols.get(row, "Connected On"); !on.empty()) {
            r.met_on = parse_linkedin_date(on);
            if (!r.met_on) {
                throw bad(r.where,
                          "\"Connected On\" " + quote(on) + " is not a date like 04 Mar 2024",
                          "fix that row");
            }
        }
        fallback_name(r);
        if (r.name.empty() && !r.notes) {
            continue; // an empty row (LinkedIn shows hidden connections this way)
        }
        r.met = "LinkedIn";
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<PersonRecord> read_google_csv(std::string_view text, const std::string& source) {
    const auto rows = rows_of(text, source);
    if (rows.empty()) {
        throw bad(source, "the file is empty", "export the contacts from Google Contacts as CSV");
    }
    const Columns cols(rows.front().fields);
    const bool old_layout = cols.has("Given Name") || cols.has("Group Membership");
    const bool new_layout = cols.has("First Name") || cols.has("Labels");
    if (!old_layout && !new_layout) {
        throw bad(source + " line " + std::to_string(rows.front().line),
                  "no Google Contacts header (Name/Given Name/Family Name or First Name/Last "
                  "Name/Labels)",
                  "export from Google Contacts as \"Google CSV\"");
    }
    // Numbered columns: "E-mail 1 - Value", "Phone 2 - Value"...
    std::vector<std::size_t> email_cols;
    std::vector<std::size_t> phone_cols;
    for (const auto& [name, index] : cols.all()) {
        if (name.rfind("E-mail ", 0) == 0 && name.size() > 8 &&
            name.compare(name.size() - 8, 8, " - Value") == 0) {
            email_cols.push_back(index);
        } else if (name.rfind("Phone ", 0) == 0 && name.size() > 8 &&
                   name.compare(name.size() - 8, 8, " - Value") == 0) {
            phone_cols.push_back(index);
        }
    }
    std::sort(email_cols.begin(), email_cols.end());
    std::sort(phone_cols.begin(), phone_cols.end());
    std::vector<PersonRecord> out;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const CsvRow& row = rows[i];
        PersonRecord r;
        r.where = source + " line " + std::to_string(row.line);
        const auto cell = [&](std::size_t index) {
            return index < row.fields.size() ? std::string(trim(row.fields[index])) : "";
        };
        if (old_layout) {
            r.name = cols.get(row, "Name");
            if (r.name.empty()) {
                r.name = joined({cols.get(row, "Given Name"), cols.get(row, "Additional Name"),
                                 cols.get(row, "Family Name")});
            }
            r.company = opt(cols.get(row, "Organization 1 - Name"));
            r.title = opt(cols.get(row, "Organization 1 - Title"));
        } else {
            r.name = joined({cols.get(row, "First Name"), cols.get(row, "Middle Name"),
                             cols.get(row, "Last Name")});
            r.company = opt(cols.get(row, "Organization Name"));
            r.title = opt(cols.get(row, "Organization Title"));
        }
        if (r.name.empty()) {
            r.name = cols.get(row, "Nickname");
        }
        for (const auto c : email_cols) {
            for (auto& e : split_list(cell(c), ":::")) {
                r.emails.push_back(std::move(e));
            }
        }
        for (const auto c : phone_cols) {
            for (auto& p : split_list(cell(c), ":::")) {
                r.phones.push_back(std::move(p));
            }
        }
        const std::string labels =
            cols.has("Labels") ? cols.get(row, "Labels") : cols.get(row, "Group Membership");
        for (auto& l : split_list(labels, ":::")) {
            if (l.front() != '*') {
                r.tags.push_back(std::move(l));
            }
        }
        r.notes = opt(cols.get(row, "Notes"));
        if (auto b = cols.get(row, "Birthday"); !b.empty()) {
            r.birthday = parse_bday(b);
        }
        fallback_name(r);
        if (r.name.empty()) {
            continue; // Google exports rows with nothing in them (deleted or merged contacts)
        }
        out.push_back(std::move(r));
    }
    return out;
}

const std::vector<std::string>& bmc_csv_columns() {
    static const std::vector<std::string> columns{"name",   "email",    "phone",    "company",
                                                  "title",  "tags",     "strength", "met",
                                                  "met_on", "birthday", "notes",    "uuid"};
    return columns;
}

std::vector<PersonRecord> read_bmc_csv(std::string_view text, const std::string& source) {
    const auto rows = rows_of(text, source);
    if (rows.empty()) {
        throw bad(source, "the file is empty", "start with a header row, e.g. name,email,tags");
    }
    const Columns cols(rows.front().fields);
    const auto& known = bmc_csv_columns();
    for (const auto& [name, index] : cols.all()) {
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            throw bad(source + " line " + std::to_string(rows.front().line),
                      "unknown column " + quote(name),
                      "use the columns " + joined_with(known, ",") +
                          " (see docs/import-export.md)");
        }
    }
    if (!cols.has("name")) {
        throw bad(source + " line " + std::to_string(rows.front().line),
                  "the header has no \"name\" column", "add one; it is the only required column");
    }
    std::vector<PersonRecord> out;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const CsvRow& row = rows[i];
        PersonRecord r;
        r.where = source + " line " + std::to_string(row.line);
        if (row.fields.size() > cols.all().size()) {
            throw bad(r.where,
                      "the row has " + std::to_string(row.fields.size()) + " fields, the header " +
                          std::to_string(cols.all().size()),
                      "quote fields that hold commas");
        }
        r.name = cols.get(row, "name");
        r.emails = split_list(cols.get(row, "email"), ";");
        r.phones = split_list(cols.get(row, "phone"), ";");
        for (auto& group : split_list(cols.get(row, "tags"), ";")) {
            for (auto& t : split_list(group, ",")) {
                r.tags.push_back(std::move(t));
            }
        }
        r.company = opt(cols.get(row, "company"));
        r.title = opt(cols.get(row, "title"));
        r.met = opt(cols.get(row, "met"));
        if (cols.find("notes")) {
            // Notes keep their inner line breaks and spacing; only the ends are trimmed.
            r.notes = opt(cols.get(row, "notes"));
        }
        if (auto s = cols.get(row, "strength"); !s.empty()) {
            r.strength = parse_strength(fold_case(s));
            if (!r.strength) {
                throw bad(r.where, "strength " + quote(s) + " is not strong, medium or weak",
                          "fix that row");
            }
        }
        if (auto d = cols.get(row, "met_on"); !d.empty()) {
            try {
                r.met_on = parse_iso_date(d, "met_on");
            } catch (const UsageError& e) {
                throw bad(r.where, e.what(), "write dates as YYYY-MM-DD");
            }
        }
        if (auto b = cols.get(row, "birthday"); !b.empty()) {
            try {
                r.birthday = parse_yearly_date(b, "birthday");
            } catch (const UsageError& e) {
                throw bad(r.where, e.what(),
                          "write birthdays as YYYY-MM-DD, or --MM-DD without a year");
            }
        }
        if (auto u = cols.get(row, "uuid"); !u.empty()) {
            r.uuid = uuid_for_uid(u);
        }
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<PersonRecord> read_vcard_people(std::string_view text, const std::string& source) {
    std::vector<VCard> cards;
    try {
        cards = parse_vcards(text);
    } catch (const DataError& e) {
        throw DataError(source + " " + e.what(), e.hint());
    }
    std::vector<PersonRecord> out;
    out.reserve(cards.size());
    for (auto& card : cards) {
        PersonRecord r;
        r.where = source + " line " + std::to_string(card.line);
        if (card.fn) {
            r.name = *card.fn;
        } else if (!card.n.empty()) {
            const auto part = [&](std::size_t i) { return i < card.n.size() ? card.n[i] : ""; };
            r.name = joined({part(3), part(1), part(2), part(0), part(4)});
        }
        r.emails = std::move(card.emails);
        r.phones = std::move(card.tels);
        r.company = card.org;
        r.title = card.title;
        r.notes = card.note;
        r.tags = std::move(card.categories);
        r.birthday = card.bday;
        r.met = card.x_met;
        if (card.uid) {
            r.uuid = uuid_for_uid(*card.uid);
        }
        if (card.x_strength) {
            r.strength = parse_strength(fold_case(*card.x_strength));
        }
        if (card.x_met_on) {
            try {
                r.met_on = parse_iso_date(*card.x_met_on, "X-BMC-MET-ON");
            } catch (const UsageError& e) {
                throw bad(r.where, e.what(), "fix the card");
            }
        }
        fallback_name(r);
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<std::string> bmc_csv_fields(const Contact& c,
                                        const std::optional<YearlyDate>& birthday) {
    return {c.name,
            list_cell(c.emails),
            list_cell(c.phones),
            c.company.value_or(""),
            c.title.value_or(""),
            list_cell(c.tags),
            std::string(to_string(c.strength)),
            c.met.value_or(""),
            c.met_on ? format_date(*c.met_on) : "",
            birthday ? format_yearly_date(*birthday) : "",
            c.notes.value_or(""),
            c.uuid};
}

VCard contact_to_vcard(const Contact& c, const std::optional<YearlyDate>& birthday,
                       const std::string& rev) {
    VCard v;
    v.bday = birthday;
    v.uid = c.uuid;
    v.fn = c.name;
    v.emails = c.emails;
    v.tels = c.phones;
    v.org = c.company;
    v.title = c.title;
    v.note = c.notes;
    v.categories = c.tags;
    v.rev = rev;
    v.x_strength = std::string(to_string(c.strength));
    v.x_met = c.met;
    if (c.met_on) {
        v.x_met_on = format_date(*c.met_on);
    }
    return v;
}

} // namespace bmc
