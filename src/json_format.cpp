#include "bmc/json_format.hpp"

#include "bmc/dates.hpp"
#include "bmc/errors.hpp"
#include "bmc/text.hpp"
#include "bmc/uuid.hpp"
#include "bmc/validate.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace bmc {

namespace {

void append_connections(std::string& out, const ExportConnections& c);
void read_connections(const nlohmann::json& record, ImportedContact& out);

template <class T>
Json opt(const std::optional<T>& value) {
    return value ? Json(*value) : Json(nullptr);
}

Json opt_date(const std::optional<Date>& value) {
    return value ? Json(format_date(*value)) : Json(nullptr);
}

// Reading import records: each helper names the field in its error.
const nlohmann::json* field(const nlohmann::json& record, const char* name) {
    const auto it = record.find(name);
    if (it == record.end() || it->is_null()) {
        return nullptr;
    }
    return &*it;
}

std::string need_string(const nlohmann::json& value, const std::string& name) {
    if (!value.is_string()) {
        throw DataError("field '" + name + "' must be a string, not " +
                        std::string(value.type_name()));
    }
    return value.get<std::string>();
}

std::optional<std::string> text_field(const nlohmann::json& record, const char* name,
                                      std::size_t max_bytes) {
    const auto* value = field(record, name);
    if (value == nullptr) {
        return std::nullopt;
    }
    return clean_text(std::string("field '") + name + "'", need_string(*value, name), max_bytes);
}

std::optional<Date> date_field(const nlohmann::json& record, const char* name) {
    const auto* value = field(record, name);
    if (value == nullptr) {
        return std::nullopt;
    }
    try {
        return parse_iso_date(need_string(*value, name), std::string("field '") + name + "'");
    } catch (const UsageError& e) {
        throw DataError(std::string(e.what()) + " (" + e.hint() + ")");
    }
}

std::string timestamp_field(const nlohmann::json& record, const char* name, const std::string& now,
                            bool& present) {
    const auto* value = field(record, name);
    present = value != nullptr;
    if (value == nullptr) {
        return now;
    }
    const std::string text = need_string(*value, name);
    // ISO 8601 UTC as bmc writes it: YYYY-MM-DDTHH:MM:SSZ (fractions of a second allowed).
    const auto digits = [&](std::size_t from, std::size_t n) {
        return std::all_of(text.begin() + static_cast<long>(from),
                           text.begin() + static_cast<long>(from + n),
                           [](char c) { return c >= '0' && c <= '9'; });
    };
    const auto number = [&](std::size_t from) {
        return (text[from] - '0') * 10 + text[from + 1] - '0';
    };
    bool shape = text.size() >= 20 && text.size() <= 30 && text[10] == 'T' && text.back() == 'Z' &&
                 text[13] == ':' && text[16] == ':' && digits(11, 2) && digits(14, 2) &&
                 digits(17, 2);
    if (shape && text.size() > 20) { // fractions of a second: ".digits"
        shape = text[19] == '.' && text.size() > 21 && digits(20, text.size() - 21);
    }
    shape = shape && number(11) < 24 && number(14) < 60 && number(17) < 61;
    if (!shape) {
        throw DataError("field '" + std::string(name) + "' is not an ISO 8601 UTC timestamp: " +
                        quote(text) + " (write e.g. 2026-11-22T08:15:00Z)");
    }
    try {
        parse_iso_date(std::string_view(text).substr(0, 10), name);
    } catch (const UsageError&) {
        throw DataError("field '" + std::string(name) + "' has an invalid date: " + quote(text));
    }
    return text;
}

std::string uuid_field(const nlohmann::json& record, bool& present) {
    const auto* value = field(record, "uuid");
    present = value != nullptr;
    if (value == nullptr) {
        return new_uuid();
    }
    std::string text = need_string(*value, "uuid");
    if (!is_uuid(text)) {
        throw DataError("field 'uuid' is not a UUID: " + quote(text));
    }
    return fold_case(text);
}

std::vector<std::string> list_field(const nlohmann::json& record, const char* name) {
    const auto* value = field(record, name);
    if (value == nullptr) {
        return {};
    }
    if (!value->is_array()) {
        throw DataError("field '" + std::string(name) + "' must be an array of strings");
    }
    std::vector<std::string> out;
    for (const auto& item : *value) {
        out.push_back(need_string(item, name));
    }
    return out;
}

Interaction interaction_from_json(const nlohmann::json& record, const std::string& now,
                                  ImportedContact::Entry& entry) {
    if (!record.is_object()) {
        throw DataError("an interaction must be an object");
    }
    Interaction i;
    i.uuid = uuid_field(record, entry.has_uuid);
    const auto d = date_field(record, "date");
    if (!d) {
        throw DataError("an interaction has no 'date' (write it as YYYY-MM-DD)");
    }
    i.date = *d;
    if (const auto* via = field(record, "via")) {
        const std::string text = need_string(*via, "via");
        if (!is_valid_via(text)) {
            throw DataError("field 'via' has an unknown channel " + quote(text) +
                            " (use coffee, call, video, email, text, social, meeting, event or "
                            "other)");
        }
        i.via = text;
    }
    if (const auto* by = field(record, "by")) {
        const std::string text = need_string(*by, "by");
        i.by = parse_initiator(text);
        if (!i.by) {
            throw DataError("field 'by' must be \"me\" or \"them\", not " + quote(text));
        }
    }
    i.note = text_field(record, "note", max_note_bytes);
    i.gave = text_field(record, "gave", max_field_bytes);
    i.received = text_field(record, "received", max_field_bytes);
    i.asked = text_field(record, "asked", max_field_bytes);
    bool ignored = false;
    i.created_at = timestamp_field(record, "created_at", now, ignored);
    i.updated_at = timestamp_field(record, "updated_at", now, entry.has_updated_at);
    return i;
}

FollowUp followup_from_json(const nlohmann::json& record, Date today, const std::string& now,
                            ImportedContact::Note& note) {
    if (!record.is_object()) {
        throw DataError("a follow-up must be an object");
    }
    FollowUp f;
    f.uuid = uuid_field(record, note.has_uuid);
    const auto* text = field(record, "text");
    if (text == nullptr) {
        throw DataError("a follow-up has no 'text'");
    }
    auto clean = clean_text("field 'text'", need_string(*text, "text"), max_field_bytes);
    if (!clean) {
        throw DataError("a follow-up's 'text' is empty");
    }
    f.text = *clean;
    f.by = date_field(record, "by");
    f.created_on = date_field(record, "created_on").value_or(today);
    f.done_on = date_field(record, "done_on");
    bool ignored = false;
    f.created_at = timestamp_field(record, "created_at", now, ignored);
    f.updated_at = timestamp_field(record, "updated_at", now, note.has_updated_at);
    return f;
}

} // namespace

Json to_json(const Interaction& i) {
    Json j;
    j["uuid"] = i.uuid;
    j["date"] = format_date(i.date);
    j["via"] = opt(i.via);
    j["by"] = i.by ? Json(std::string(to_string(*i.by))) : Json(nullptr);
    j["note"] = opt(i.note);
    j["gave"] = opt(i.gave);
    j["received"] = opt(i.received);
    j["asked"] = opt(i.asked);
    j["created_at"] = i.created_at;
    j["updated_at"] = i.updated_at;
    return j;
}

Json to_json(const FollowUp& f) {
    Json j;
    j["uuid"] = f.uuid;
    j["text"] = f.text;
    j["by"] = opt_date(f.by);
    j["created_on"] = format_date(f.created_on);
    j["done_on"] = opt_date(f.done_on);
    j["created_at"] = f.created_at;
    j["updated_at"] = f.updated_at;
    return j;
}

Json followup_view_to_json(const FollowUpView& v) {
    Json j;
    j["id"] = v.followup.id;
    const Json fields = to_json(v.followup);
    for (const auto& [key, value] : fields.items()) {
        j[key] = value;
    }
    j["person"] = {{"id", v.person.id}, {"name", v.person.name}};
    return j;
}

Json todo_to_json(const std::vector<FollowUpView>& open, Date today) {
    Json j;
    j["version"] = json_format_version;
    j["today"] = format_date(today);
    j["followups"] = Json::array();
    for (const auto& v : open) {
        j["followups"].push_back(followup_view_to_json(v));
    }
    return j;
}

Json to_json(const Contact& c) {
    Json j;
    j["uuid"] = c.uuid;
    j["name"] = c.name;
    j["strength"] = std::string(to_string(c.strength));
    j["every"] = c.every ? Json(to_string(*c.every)) : Json(nullptr);
    j["emails"] = c.emails;
    j["phones"] = c.phones;
    j["company"] = opt(c.company);
    j["title"] = opt(c.title);
    j["tags"] = c.tags;
    j["met"] = opt(c.met);
    j["met_on"] = opt_date(c.met_on);
    j["notes"] = opt(c.notes);
    j["archived"] = c.archived;
    j["snoozed_until"] = opt_date(c.snoozed_until);
    j["created_at"] = c.created_at;
    j["updated_at"] = c.updated_at;
    j["next_due"] = opt_date(c.next_due);
    return j;
}

namespace {

Json summary_to_json(const ContactSummary& row, Date today) {
    Json j;
    j["id"] = row.contact.id;
    const Json fields = to_json(row.contact);
    for (const auto& [key, value] : fields.items()) {
        j[key] = value;
    }
    j["days_overdue"] =
        row.contact.next_due ? Json(days_between(*row.contact.next_due, today)) : Json(nullptr);
    j["last_interaction"] = row.last ? to_json(*row.last) : Json(nullptr);
    Json followups = Json::array();
    for (const auto& f : row.followups) {
        Json fj;
        fj["id"] = f.id;
        const Json followup_fields = to_json(f);
        for (const auto& [key, value] : followup_fields.items()) {
            fj[key] = value;
        }
        followups.push_back(std::move(fj));
    }
    j["followups"] = std::move(followups);
    return j;
}

} // namespace

Json due_to_json(const DueReport& report) {
    Json j;
    j["version"] = json_format_version;
    j["today"] = format_date(report.today);
    j["until"] = format_date(report.until);
    j["contacts"] = Json::array();
    for (const auto& row : report.people) {
        j["contacts"].push_back(summary_to_json(row, report.today));
    }
    j["more"] = report.more;
    j["dates_until"] = format_date(report.dates_until);
    j["coming_up"] = Json::array();
    for (const auto& d : report.coming_up) {
        j["coming_up"].push_back(to_json(d, report.today));
    }
    return j;
}

Json list_to_json(const std::vector<ContactSummary>& rows, Date today) {
    Json j;
    j["version"] = json_format_version;
    j["today"] = format_date(today);
    j["contacts"] = Json::array();
    for (const auto& row : rows) {
        j["contacts"].push_back(summary_to_json(row, today));
    }
    return j;
}

Json profile_to_json(const Profile& p, Date today) {
    ContactSummary row{p.contact, std::nullopt, p.followups};
    if (!p.interactions.empty()) {
        row.last = p.interactions.front();
    }
    Json j = summary_to_json(row, today);
    const Schedule& s = p.schedule;
    Json cadence;
    cadence["interval"] = to_string(s.interval);
    cadence["source"] = s.source == IntervalSource::override ? "override" : "strength";
    cadence["anchor"] = format_date(s.anchor);
    cadence["anchor_kind"] = s.anchor_is_interaction ? "interaction" : "met_on";
    cadence["scheduled"] = format_date(s.next_due);
    cadence["snoozed_until"] = opt_date(s.snoozed_until);
    cadence["followup_by"] = opt_date(s.followup_by);
    cadence["next_due"] = opt_date(s.effective_due);
    j["cadence"] = cadence;
    const Reciprocity& r = p.reciprocity;
    j["reciprocity"] = {{"by_me", r.by_me}, {"by_them", r.by_them},
                        {"gave", r.gave},   {"received", r.received},
                        {"asked", r.asked}, {"unanswered", r.unanswered}};
    j["interactions"] = Json::array();
    for (const auto& i : p.interactions) {
        j["interactions"].push_back(to_json(i));
    }
    add_connections_json(j, p.connections, today);
    return j;
}

ImportedContact contact_from_json(const nlohmann::json& record, Date today,
                                  const std::string& now) {
    if (!record.is_object()) {
        throw DataError("a contact must be a JSON object, not " + std::string(record.type_name()));
    }
    ImportedContact out;
    for (const auto& [key, value] : record.items()) {
        out.fields.insert(key);
    }
    Contact& c = out.contact;
    const auto* name = field(record, "name");
    if (name == nullptr) {
        throw DataError("field 'name' is missing");
    }
    c.name = clean_name(need_string(*name, "name"));
    c.uuid = uuid_field(record, out.has_uuid);
    if (const auto* strength = field(record, "strength")) {
        const std::string text = need_string(*strength, "strength");
        const auto parsed = parse_strength(text);
        if (!parsed) {
            throw DataError("field 'strength' must be strong, medium or weak, not " + quote(text));
        }
        c.strength = *parsed;
    }
    if (const auto* every = field(record, "every")) {
        const std::string text = need_string(*every, "every");
        try {
            c.every = parse_interval(text, "field 'every'");
        } catch (const UsageError& e) {
            throw DataError(std::string(e.what()) + " (" + e.hint() + ")");
        }
    }
    const auto add_unique = [](std::vector<std::string>& list, std::string value) {
        if (std::find(list.begin(), list.end(), value) == list.end()) {
            list.push_back(std::move(value));
        }
    };
    for (const auto& e : list_field(record, "emails")) {
        add_unique(c.emails, clean_handle("an email", e));
    }
    for (const auto& p : list_field(record, "phones")) {
        add_unique(c.phones, clean_handle("a phone", p));
    }
    for (const auto& t : list_field(record, "tags")) {
        add_unique(c.tags, clean_tag(t));
    }
    c.company = text_field(record, "company", max_field_bytes);
    c.title = text_field(record, "title", max_field_bytes);
    c.met = text_field(record, "met", max_field_bytes);
    c.met_on = date_field(record, "met_on").value_or(today);
    c.notes = text_field(record, "notes", max_note_bytes);
    if (const auto* archived = field(record, "archived")) {
        if (!archived->is_boolean()) {
            throw DataError("field 'archived' must be true or false");
        }
        c.archived = archived->get<bool>();
    }
    c.snoozed_until = date_field(record, "snoozed_until");
    bool ignored = false;
    c.created_at = timestamp_field(record, "created_at", now, ignored);
    c.updated_at = timestamp_field(record, "updated_at", now, out.has_updated_at);
    if (const auto* interactions = field(record, "interactions")) {
        if (!interactions->is_array()) {
            throw DataError("field 'interactions' must be an array");
        }
        std::size_t index = 0;
        for (const auto& item : *interactions) {
            ++index;
            ImportedContact::Entry entry;
            try {
                entry.interaction = interaction_from_json(item, now, entry);
            } catch (const DataError& e) {
                throw DataError("interaction " + std::to_string(index) + ": " + e.what());
            }
            out.interactions.push_back(std::move(entry));
        }
    }
    if (const auto* followups = field(record, "followups")) {
        if (!followups->is_array()) {
            throw DataError("field 'followups' must be an array");
        }
        std::size_t index = 0;
        for (const auto& item : *followups) {
            ++index;
            ImportedContact::Note note;
            try {
                note.followup = followup_from_json(item, today, now, note);
            } catch (const DataError& e) {
                throw DataError("follow-up " + std::to_string(index) + ": " + e.what());
            }
            out.followups.push_back(std::move(note));
        }
    }
    read_connections(record, out);
    return out;
}

namespace {

constexpr char hex_digits[] = "0123456789abcdef";

void append_unicode_escape(std::string& out, unsigned code) {
    out += "\\u00";
    out += hex_digits[(code >> 4) & 0xF];
    out += hex_digits[code & 0xF];
}

// Escapes DEL (U+007F) and the C1 controls (U+0080–U+009F) in valid UTF-8 JSON text from `from`
// on. JSON allows them raw, but a terminal would act on them (U+009B starts a control sequence),
// and JSON output often goes straight to a terminal. They only occur inside strings, so a byte
// level rewrite is safe.
void escape_terminal_controls(std::string& text, std::size_t from = 0) {
    std::size_t k = from;
    for (; k < text.size(); ++k) {
        const auto c = static_cast<unsigned char>(text[k]);
        if (c == 0x7F ||
            (c == 0xC2 && k + 1 < text.size() && static_cast<unsigned char>(text[k + 1]) < 0xA0)) {
            break;
        }
    }
    if (k == text.size()) {
        return; // the common case: nothing to escape, nothing copied
    }
    std::string out = text.substr(0, k);
    for (; k < text.size(); ++k) {
        const auto c = static_cast<unsigned char>(text[k]);
        if (c == 0x7F) {
            append_unicode_escape(out, c);
        } else if (c == 0xC2 && k + 1 < text.size() &&
                   static_cast<unsigned char>(text[k + 1]) < 0xA0) {
            append_unicode_escape(out, static_cast<unsigned char>(text[k + 1]));
            ++k;
        } else {
            out += static_cast<char>(c);
        }
    }
    text = std::move(out);
}

// The escape of '"', '\\' or a control character below 0x20, as dump() writes it.
void append_escape(std::string& out, unsigned char c) {
    switch (c) {
    case '"':
        out += "\\\"";
        break;
    case '\\':
        out += "\\\\";
        break;
    case '\b':
        out += "\\b";
        break;
    case '\f':
        out += "\\f";
        break;
    case '\n':
        out += "\\n";
        break;
    case '\r':
        out += "\\r";
        break;
    case '\t':
        out += "\\t";
        break;
    default:
        append_unicode_escape(out, c);
    }
}

// A JSON string literal, escaped as dump() writes it (invalid UTF-8 replaced): any text.
void append_string_general(std::string& out, std::string_view s) {
    const bool valid = is_valid_utf8(s);
    if (!valid) {
        out += dump(Json(std::string(s)));
        return;
    }
    const std::size_t begin = out.size();
    out += '"';
    std::size_t start = 0; // the run of characters that need no escaping starts here
    bool controls = false; // DEL or a C1 control seen
    for (std::size_t k = 0; k < s.size(); ++k) {
        const auto c = static_cast<unsigned char>(s[k]);
        if (c == 0x7F || c == 0xC2) {
            controls = true;
        }
        if (c >= 0x20 && c != '"' && c != '\\') {
            continue;
        }
        out.append(s.data() + start, k - start);
        start = k + 1;
        append_escape(out, c);
    }
    out.append(s.data() + start, s.size() - start);
    out += '"';
    if (controls) {
        escape_terminal_controls(out, begin);
    }
}

// Whether a byte goes into a JSON string as it is: printable ASCII other than '"' and '\\'.
bool plain_byte(char byte) {
    const auto c = static_cast<unsigned char>(byte);
    return c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
}

// The number of plain_byte()s that [p, p + n) starts with, found 16 bytes at a time where the
// processor has SSE2 (every x86-64), else 8 at a time in a 64-bit word.
std::size_t plain_prefix(const char* p, std::size_t n) {
    std::size_t k = 0;
#if defined(__SSE2__)
    const __m128i space = _mm_set1_epi8(0x20);
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i del = _mm_set1_epi8(0x7F);
    for (; k + 16 <= n; k += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + k));
        // Compared as signed bytes, those from 0x80 on are negative: below 0x20 as well.
        const __m128i bad =
            _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(v, space), _mm_cmpeq_epi8(v, quote)),
                         _mm_or_si128(_mm_cmpeq_epi8(v, backslash), _mm_cmpeq_epi8(v, del)));
        const int mask = _mm_movemask_epi8(bad);
        if (mask != 0) {
            return k + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
        }
    }
#else
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t high = 0x8080808080808080ULL;
    // Non-zero when some byte of v is zero (exact as a yes/no answer).
    const auto has_zero = [](std::uint64_t v) { return (v - ones) & ~v & high; };
    for (; k + 8 <= n; k += 8) {
        std::uint64_t w = 0;
        std::memcpy(&w, p + k, sizeof w);
        const std::uint64_t below_space = (w - ones * 0x20) & ~w & high; // a byte < 0x20
        const std::uint64_t special =
            has_zero(w ^ (ones * '"')) | has_zero(w ^ (ones * '\\')) | has_zero(w ^ (ones * 0x7F));
        if (((w & high) | below_space | special) != 0) {
            break;
        }
    }
#endif
    while (k < n && plain_byte(p[k])) {
        ++k;
    }
    return k;
}

// A JSON string literal, escaped as dump() writes it (invalid UTF-8 replaced). Export writes
// millions of them, nearly all printable ASCII: runs of plain bytes are found 16 bytes at a time
// and copied in one piece; ASCII that needs escaping is escaped in the same pass; text with
// bytes from 0x80 on (to be checked as UTF-8 and for C1 controls) takes the general path.
void append_string(std::string& out, std::string_view s) {
    const char* const p = s.data();
    const std::size_t n = s.size();
    std::size_t k = plain_prefix(p, n);
    const std::size_t begin = out.size();
    if (k == n) {
        out.reserve(begin + n + 2);
        out += '"';
        out.append(p, n);
        out += '"';
        return;
    }
    out += '"';
    std::size_t start = 0; // the run of characters that need no escaping starts here
    while (k < n) {
        const auto c = static_cast<unsigned char>(p[k]);
        if (c >= 0x80) {
            out.resize(begin);
            append_string_general(out, s);
            return;
        }
        out.append(p + start, k - start);
        if (c == 0x7F) {
            append_unicode_escape(out, c); // as escape_terminal_controls() writes DEL
        } else {
            append_escape(out, c);
        }
        start = ++k;
        k += plain_prefix(p + k, n - k);
    }
    out.append(p + start, n - start);
    out += '"';
}

// Appends a string literal, its length known when compiling (`out += "..."` measures it).
template <std::size_t N>
void put(std::string& out, const char (&literal)[N]) {
    out.append(literal, N - 1);
}

void append_opt(std::string& out, const std::optional<std::string>& s) {
    if (s) {
        append_string(out, *s);
    } else {
        put(out, "null");
    }
}

void append_opt(std::string& out, const std::optional<std::string_view>& s) {
    if (s) {
        append_string(out, *s);
    } else {
        put(out, "null");
    }
}

// A date as a JSON string, as format_date() writes it, without a string of its own.
void append_date(std::string& out, Date d) {
    const int y = static_cast<int>(d.year());
    if (y < 0 || y > 9999) {
        out += '"';
        out += format_date(d);
        out += '"';
        return;
    }
    const auto year = static_cast<unsigned>(y);
    const auto m = static_cast<unsigned>(d.month());
    const auto day = static_cast<unsigned>(d.day());
    const auto digit = [](unsigned v) { return static_cast<char>('0' + v); };
    const char text[] = {'"',
                         digit(year / 1000),
                         digit(year / 100 % 10),
                         digit(year / 10 % 10),
                         digit(year % 10),
                         '-',
                         digit(m / 10),
                         digit(m % 10),
                         '-',
                         digit(day / 10),
                         digit(day % 10),
                         '"'};
    out.append(text, sizeof text);
}

void append_date(std::string& out, const std::optional<Date>& d) {
    if (d) {
        append_date(out, *d);
    } else {
        put(out, "null");
    }
}

void append_list(std::string& out, const std::vector<std::string>& list) {
    out += '[';
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (i != 0) {
            out += ',';
        }
        append_string(out, list[i]);
    }
    out += ']';
}

} // namespace

void append_export_record_head(std::string& out, const Contact& c) {
    put(out, "{\"uuid\":");
    append_string(out, c.uuid);
    put(out, ",\"name\":");
    append_string(out, c.name);
    put(out, ",\"strength\":\"");
    out += to_string(c.strength);
    put(out, "\",\"every\":");
    append_opt(out, c.every ? std::optional<std::string>(to_string(*c.every)) : std::nullopt);
    put(out, ",\"emails\":");
    append_list(out, c.emails);
    put(out, ",\"phones\":");
    append_list(out, c.phones);
    put(out, ",\"company\":");
    append_opt(out, c.company);
    put(out, ",\"title\":");
    append_opt(out, c.title);
    put(out, ",\"tags\":");
    append_list(out, c.tags);
    put(out, ",\"met\":");
    append_opt(out, c.met);
    put(out, ",\"met_on\":");
    append_date(out, c.met_on);
    put(out, ",\"notes\":");
    append_opt(out, c.notes);
    put(out, ",\"archived\":");
    if (c.archived) {
        put(out, "true");
    } else {
        put(out, "false");
    }
    put(out, ",\"snoozed_until\":");
    append_date(out, c.snoozed_until);
    put(out, ",\"created_at\":");
    append_string(out, c.created_at);
    put(out, ",\"updated_at\":");
    append_string(out, c.updated_at);
    put(out, ",\"next_due\":");
    append_date(out, c.next_due);
    put(out, ",\"interactions\":[");
}

void append_export_interaction(std::string& out, const InteractionRow& i, bool first) {
    if (!first) {
        out += ',';
    }
    put(out, "{\"uuid\":");
    append_string(out, i.uuid);
    put(out, ",\"date\":");
    append_date(out, i.date);
    put(out, ",\"via\":");
    append_opt(out, i.via);
    put(out, ",\"by\":");
    append_opt(out, i.by ? std::optional<std::string_view>(to_string(*i.by)) : std::nullopt);
    put(out, ",\"note\":");
    append_opt(out, i.note);
    put(out, ",\"gave\":");
    append_opt(out, i.gave);
    put(out, ",\"received\":");
    append_opt(out, i.received);
    put(out, ",\"asked\":");
    append_opt(out, i.asked);
    put(out, ",\"created_at\":");
    append_string(out, i.created_at);
    put(out, ",\"updated_at\":");
    append_string(out, i.updated_at);
    out += '}';
}

void append_export_record_tail(std::string& out, const std::vector<FollowUp>& followups,
                               const ExportConnections& connections) {
    put(out, "],\"followups\":[");
    for (std::size_t k = 0; k < followups.size(); ++k) {
        const FollowUp& f = followups[k];
        if (k != 0) {
            out += ',';
        }
        put(out, "{\"uuid\":");
        append_string(out, f.uuid);
        put(out, ",\"text\":");
        append_string(out, f.text);
        put(out, ",\"by\":");
        append_date(out, f.by);
        put(out, ",\"created_on\":");
        append_date(out, f.created_on);
        put(out, ",\"done_on\":");
        append_date(out, f.done_on);
        put(out, ",\"created_at\":");
        append_string(out, f.created_at);
        put(out, ",\"updated_at\":");
        append_string(out, f.updated_at);
        out += '}';
    }
    put(out, "]");
    append_connections(out, connections);
    put(out, "}");
}

namespace {

std::optional<std::string_view> view_of(const std::optional<std::string>& text) {
    if (!text) {
        return std::nullopt;
    }
    return std::string_view(*text);
}

} // namespace

InteractionRow interaction_row(const Interaction& i) {
    InteractionRow r;
    r.id = i.id;
    r.contact_id = i.contact_id;
    r.uuid = i.uuid;
    r.date = i.date;
    r.via = view_of(i.via);
    r.by = i.by;
    r.note = view_of(i.note);
    r.gave = view_of(i.gave);
    r.received = view_of(i.received);
    r.asked = view_of(i.asked);
    r.created_at = i.created_at;
    r.updated_at = i.updated_at;
    return r;
}

void append_export_record(std::string& out, const Contact& c,
                          const std::vector<Interaction>& interactions,
                          const std::vector<FollowUp>& followups,
                          const ExportConnections& connections) {
    append_export_record_head(out, c);
    for (std::size_t k = 0; k < interactions.size(); ++k) {
        append_export_interaction(out, interaction_row(interactions[k]), k == 0);
    }
    append_export_record_tail(out, followups, connections);
}

std::string dump(const Json& json, int indent) {
    std::string text = json.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
    escape_terminal_controls(text);
    return text;
}

Json dupes_to_json(const std::vector<DupeGroup>& groups) {
    Json j;
    j["version"] = json_format_version;
    j["dupes"] = Json::array();
    for (const auto& g : groups) {
        Json group;
        group["reason"] = g.reason;
        group["value"] = g.value;
        group["people"] = Json::array();
        for (const auto& p : g.people) {
            group["people"].push_back(Json{{"id", p.id}, {"name", p.name}});
        }
        j["dupes"].push_back(std::move(group));
    }
    return j;
}

// Introductions and important dates.

namespace {

std::string yearly_or_throw(const nlohmann::json& value, const std::string& name, YearlyDate& out) {
    const std::string text = need_string(value, name);
    try {
        out = parse_yearly_date(text, "field '" + name + "'");
    } catch (const UsageError& e) {
        throw DataError(std::string(e.what()) + " (" + e.hint() + ")");
    }
    return text;
}

void append_connections(std::string& out, const ExportConnections& c) {
    put(out, ",\"introduced_by\":");
    append_opt(out, c.introduced_by);
    put(out, ",\"birthday\":");
    const auto birthday = std::find_if(c.dates.begin(), c.dates.end(), [](const ImportantDate& d) {
        return is_birthday_label(d.label);
    });
    append_opt(out, birthday == c.dates.end()
                        ? std::nullopt
                        : std::optional<std::string>(format_yearly_date(birthday->date)));
    put(out, ",\"dates\":[");
    bool first = true;
    for (const auto& d : c.dates) {
        if (is_birthday_label(d.label)) {
            continue;
        }
        out += first ? "{\"label\":" : ",{\"label\":";
        first = false;
        append_string(out, d.label);
        put(out, ",\"date\":");
        append_string(out, format_yearly_date(d.date));
        out += '}';
    }
    out += ']';
}

void read_connections(const nlohmann::json& record, ImportedContact& out) {
    if (const auto* by = field(record, "introduced_by")) {
        std::string text = need_string(*by, "introduced_by");
        if (!is_uuid(text)) {
            throw DataError("field 'introduced_by' must be the uuid of a contact, not " +
                            quote(text));
        }
        out.introduced_by = fold_case(text);
    }
    if (const auto* birthday = field(record, "birthday")) {
        YearlyDate d;
        yearly_or_throw(*birthday, "birthday", d);
        out.birthday = d;
    }
    if (const auto* dates = field(record, "dates")) {
        if (!dates->is_array()) {
            throw DataError("field 'dates' must be an array");
        }
        std::size_t index = 0;
        std::set<std::string> labels;
        for (const auto& item : *dates) {
            ++index;
            const std::string where = "date " + std::to_string(index) + ": ";
            if (!item.is_object()) {
                throw DataError(where + "must be an object with 'label' and 'date'");
            }
            ImportantDate d;
            const auto* label = field(item, "label");
            const auto* when = field(item, "date");
            if (label == nullptr || when == nullptr) {
                throw DataError(where + "needs both 'label' and 'date'");
            }
            try {
                const auto clean =
                    clean_text("field 'label'", need_string(*label, "label"), max_date_label_bytes);
                if (!clean) {
                    throw DataError("field 'label' is empty");
                }
                d.label = *clean;
                if (is_birthday_label(d.label)) {
                    throw DataError("a birthday goes in the field 'birthday', not in 'dates'");
                }
                if (!labels.insert(fold_case(d.label)).second) {
                    throw DataError("the label " + quote(d.label) + " appears twice");
                }
                yearly_or_throw(*when, "date", d.date);
            } catch (const DataError& e) {
                throw DataError(where + e.what());
            }
            out.dates.push_back(std::move(d));
        }
    }
}

} // namespace

std::vector<ImportedIntroduction> introductions_from_json(const nlohmann::json& doc,
                                                          const std::string& now) {
    std::vector<ImportedIntroduction> out;
    if (!doc.is_object()) {
        return out;
    }
    const auto* list = field(doc, "introductions");
    if (list == nullptr) {
        return out;
    }
    if (!list->is_array()) {
        throw DataError("\"introductions\" must be an array");
    }
    std::size_t index = 0;
    for (const auto& item : *list) {
        ++index;
        try {
            if (!item.is_object()) {
                throw DataError("must be an object");
            }
            ImportedIntroduction in;
            Introduction& n = in.introduction;
            n.uuid = uuid_field(item, in.has_uuid);
            for (const char* side : {"a", "b"}) {
                const auto* v = field(item, side);
                if (v == nullptr) {
                    throw DataError(std::string("field '") + side +
                                    "' (the uuid of a contact) is missing");
                }
                std::string text = need_string(*v, side);
                if (!is_uuid(text)) {
                    throw DataError(std::string("field '") + side +
                                    "' is not a UUID: " + quote(text));
                }
                (side[0] == 'a' ? in.a_uuid : in.b_uuid) = fold_case(text);
            }
            if (in.a_uuid == in.b_uuid) {
                throw DataError("'a' and 'b' are the same person");
            }
            const auto d = date_field(item, "date");
            if (!d) {
                throw DataError("field 'date' is missing");
            }
            n.date = *d;
            n.note = text_field(item, "note", max_note_bytes);
            bool ignored = false;
            n.created_at = timestamp_field(item, "created_at", now, ignored);
            n.updated_at = timestamp_field(item, "updated_at", now, in.has_updated_at);
            out.push_back(std::move(in));
        } catch (const DataError& e) {
            throw DataError("introduction " + std::to_string(index) + ": " + e.what());
        }
    }
    return out;
}

void append_export_introductions(std::string& out, const std::vector<Introduction>& intros,
                                 const std::map<std::int64_t, std::string>& uuid_of) {
    out += "\"introductions\":[";
    for (std::size_t k = 0; k < intros.size(); ++k) {
        const Introduction& n = intros[k];
        out += k == 0 ? "\n{\"uuid\":" : ",\n{\"uuid\":";
        append_string(out, n.uuid);
        out += ",\"a\":";
        append_string(out, uuid_of.at(n.a));
        out += ",\"b\":";
        append_string(out, uuid_of.at(n.b));
        out += ",\"date\":";
        append_date(out, n.date);
        out += ",\"note\":";
        append_opt(out, n.note);
        out += ",\"created_at\":";
        append_string(out, n.created_at);
        out += ",\"updated_at\":";
        append_string(out, n.updated_at);
        out += '}';
    }
    out += intros.empty() ? "]" : "\n]";
}

Json to_json(const ComingDate& d, Date today) {
    Json j;
    j["person"] = {{"id", d.person.id}, {"name", d.person.name}};
    j["label"] = d.label;
    j["date"] = format_yearly_date(d.date);
    j["on"] = format_date(d.on);
    j["in_days"] = days_between(today, d.on);
    j["years"] = d.years ? Json(*d.years) : Json(nullptr);
    return j;
}

Json suggestions_to_json(const IntroSuggestions& s, Date today) {
    Json j;
    j["version"] = json_format_version;
    j["today"] = format_date(today);
    j["suggestions"] = Json::array();
    for (const auto& p : s.pairs) {
        j["suggestions"].push_back({{"a", {{"id", p.a}, {"name", p.a_name}}},
                                    {"b", {{"id", p.b}, {"name", p.b_name}}},
                                    {"shared_tags", p.shared_tags},
                                    {"smallest_community", p.smallest_community}});
    }
    j["broad_tags"] = Json::array();
    for (const auto& t : s.broad_tags) {
        j["broad_tags"].push_back({{"tag", t.tag}, {"people", t.people}});
    }
    return j;
}

Json person_dates_to_json(const PersonDates& d, Date today) {
    Json j;
    j["version"] = json_format_version;
    j["today"] = format_date(today);
    j["person"] = {{"id", d.person.id}, {"name", d.person.name}};
    j["dates"] = Json::array();
    for (const auto& c : d.dates) {
        Json item = to_json(c, today);
        item.erase("person");
        j["dates"].push_back(std::move(item));
    }
    return j;
}

void add_connections_json(Json& j, const Connections& c, Date today) {
    const auto ref = [](const ContactRef& r) { return Json{{"id", r.id}, {"name", r.name}}; };
    j["introduced_by"] = c.introduced_by ? ref(*c.introduced_by) : Json(nullptr);
    j["introduced_you_to"] = Json::array();
    for (const auto& r : c.introduced_you_to) {
        j["introduced_you_to"].push_back(ref(r));
    }
    j["introductions"] = Json::array();
    for (const auto& v : c.introductions) {
        j["introductions"].push_back({{"uuid", v.introduction.uuid},
                                      {"with", ref(v.other)},
                                      {"date", format_date(v.introduction.date)},
                                      {"note", opt(v.introduction.note)}});
    }
    j["birthday"] = nullptr;
    j["dates"] = Json::array();
    for (const auto& d : c.dates) {
        if (is_birthday_label(d.label)) {
            j["birthday"] = format_yearly_date(d.date);
        }
        Json item = to_json(d, today);
        item.erase("person");
        j["dates"].push_back(std::move(item));
    }
}

} // namespace bmc

namespace bmc {

Json undo_history_to_json(const std::vector<UndoChange>& history) {
    Json changes = Json::array();
    for (const auto& c : history) {
        Json rows = Json::object();
        for (const auto& [table, n] : c.rows) {
            rows[table] = {{"added", n[0]}, {"changed", n[1]}, {"deleted", n[2]}};
        }
        changes.push_back({{"id", c.id},
                           {"description", c.description},
                           {"created_at", c.created_at},
                           {"rows", rows}});
    }
    return {{"changes", changes}};
}

} // namespace bmc
