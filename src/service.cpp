#include "bmc/service.hpp"

#include "service_detail.hpp"

#include "bmc/dates.hpp"
#include "bmc/errors.hpp"
#include "bmc/json_format.hpp"
#include "bmc/text.hpp"
#include "bmc/uuid.hpp"
#include "bmc/validate.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <istream>
#include <map>
#include <ostream>
#include <set>

namespace bmc {

namespace {

struct SettingSpec {
    const char* key;
    const char* default_value;
    const char* description;
};

constexpr const char* due_limit_key = "due.limit";
constexpr int max_due_limit = 10000; // five columns in `config list`

constexpr SettingSpec setting_specs[] = {
    {"cadence.strong", "4m", "reconnect interval for strong ties"},
    {"cadence.medium", "6m", "reconnect interval for medium ties"},
    {"cadence.weak", "9m", "reconnect interval for weak ties"},
    {"routine.per-week", "none", "routine quota: people to reconnect with per week (bmc plan)"},
    {"routine.per-month", "none", "routine quota: people to reconnect with per month (bmc plan)"},
    {due_limit_key, "20", "how many people bmc due shows; all for everyone"},
};

// A due.limit value: a number of people, or 0 for `all`; nullopt when invalid.
std::optional<int> parse_due_limit(std::string_view text) {
    if (text == "all") {
        return 0;
    }
    if (const auto n = parse_whole_number(text, 1, max_due_limit)) {
        return static_cast<int>(*n);
    }
    return std::nullopt;
}

const SettingSpec& spec_for(const std::string& key) {
    for (const auto& spec : setting_specs) {
        if (key == spec.key) {
            return spec;
        }
    }
    std::string known;
    std::string closest;
    std::size_t best = 4;
    for (const auto& spec : setting_specs) {
        known += (known.empty() ? "" : ", ") + std::string(spec.key);
        if (const auto d = edit_distance(key, spec.key); d < best) {
            best = d;
            closest = spec.key;
        }
    }
    throw UsageError("unknown setting " + quote(key),
                     (closest.empty() ? "" : "did you mean " + closest + "? ") +
                         "known keys: " + known);
}

} // namespace

namespace detail {

void store_setting(Repository& repo, const std::string& key,
                   const std::optional<std::string>& value) {
    if (value) {
        repo.set_setting(key, *value);
    } else {
        repo.delete_setting(key);
    }
}

bool is_after(Date a, Date b) {
    return date::sys_days{a} > date::sys_days{b};
}

// Whether two contacts hold the same user data (timestamps and materialised columns aside).
bool same_content(const Contact& a, const Contact& b) {
    return a.name == b.name && a.strength == b.strength && a.every == b.every &&
           a.emails == b.emails && a.phones == b.phones && a.company == b.company &&
           a.title == b.title && a.tags == b.tags && a.met == b.met && a.met_on == b.met_on &&
           a.notes == b.notes && a.archived == b.archived && a.snoozed_until == b.snoozed_until;
}

bool same_content(const Interaction& a, const Interaction& b) {
    return a.date == b.date && a.via == b.via && a.by == b.by && a.note == b.note &&
           a.gave == b.gave && a.received == b.received && a.asked == b.asked;
}

// Whether ISO 8601 UTC timestamp `a` is later than `b`; fractions of a second count, so
// "…00.500Z" is after "…00Z" (plain text comparison would say otherwise).
bool timestamp_after(const std::string& a, const std::string& b) {
    const auto whole = [](const std::string& t) {
        return t.substr(0, std::min<std::size_t>(19, t.size()));
    };
    const auto fraction = [](const std::string& t) {
        std::string f = t.size() > 20 && t[19] == '.' ? t.substr(20, t.size() - 21) : "";
        f.resize(9, '0');
        return f;
    };
    if (whole(a) != whole(b)) {
        return whole(a) > whole(b);
    }
    return fraction(a) > fraction(b);
}

// An existing contact updated with the fields an import record names; fields the record leaves
// out keep their values (a present null clears a field).
Contact merge_present(const Contact& existing, const ImportedContact& ic) {
    Contact c = existing;
    const Contact& in = ic.contact;
    const auto has = [&](const char* key) { return ic.fields.count(key) > 0; };
    c.name = in.name;
    if (has("strength")) {
        c.strength = in.strength;
    }
    if (has("every")) {
        c.every = in.every;
    }
    if (has("emails")) {
        c.emails = in.emails;
    }
    if (has("phones")) {
        c.phones = in.phones;
    }
    if (has("company")) {
        c.company = in.company;
    }
    if (has("title")) {
        c.title = in.title;
    }
    if (has("tags")) {
        c.tags = in.tags;
    }
    if (has("met")) {
        c.met = in.met;
    }
    if (has("met_on")) {
        c.met_on = in.met_on;
    }
    if (has("notes")) {
        c.notes = in.notes;
    }
    if (has("archived")) {
        c.archived = in.archived;
    }
    if (has("snoozed_until")) {
        c.snoozed_until = in.snoozed_until;
    }
    c.updated_at = in.updated_at;
    return c;
}

void check_not_future(Date d, Date today, const std::string& what) {
    if (is_after(d, today)) {
        throw DataError(what + " " + format_date(d) + " is in the future (today is " +
                            format_date(today) + ")",
                        "use a date on or before today");
    }
}

// A follow-up cannot be done before it was recorded.
void check_done_after_created(const FollowUp& f, Date done_on, const std::string& what) {
    if (date::sys_days{done_on} < date::sys_days{f.created_on}) {
        throw DataError(what + " was only recorded on " + format_date(f.created_on) +
                            ", so it cannot be done on " + format_date(done_on),
                        "give a date on or after " + format_date(f.created_on));
    }
}

// Keeps only the people whose text fields contain `search` (case-insensitive).
void erase_non_matching(std::vector<ContactSummary>& rows, const std::string& search) {
    const std::string needle = fold_case(trim(search));
    const auto matches = [&](const Contact& c) {
        const auto has = [&](const std::optional<std::string>& s) {
            return s && fold_case(*s).find(needle) != std::string::npos;
        };
        const auto any = [&](const std::vector<std::string>& list) {
            return std::any_of(list.begin(), list.end(),
                               [&](const std::string& s) { return has(s); });
        };
        return has(c.name) || has(c.company) || has(c.title) || has(c.met) || has(c.notes) ||
               any(c.emails) || any(c.phones) || any(c.tags);
    };
    std::erase_if(rows, [&](const ContactSummary& s) { return !matches(s.contact); });
}

// Attaches each person's open follow-ups (earliest deadline first) to their row.
void attach_open_followups(Repository& repo, std::vector<ContactSummary>& rows) {
    if (rows.empty()) {
        return;
    }
    std::vector<std::int64_t> ids;
    ids.reserve(rows.size());
    for (const auto& row : rows) {
        ids.push_back(row.contact.id);
    }
    auto open = repo.open_followups_of(ids);
    for (auto& row : rows) {
        if (const auto it = open.find(row.contact.id); it != open.end()) {
            row.followups = std::move(it->second);
        }
    }
}

void check_via(const std::optional<std::string>& via) {
    if (via && !is_valid_via(*via)) {
        throw UsageError("unknown channel " + quote(*via),
                         "use one of coffee, call, video, email, text, social, meeting, event, "
                         "other");
    }
}

std::optional<std::string> clean_opt(std::string_view field, const std::optional<std::string>& v,
                                     std::size_t max_bytes) {
    if (!v) {
        return std::nullopt;
    }
    return clean_text(field, *v, max_bytes);
}

} // namespace detail

using namespace detail;

std::string SystemClock::now_utc() const {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

Service::Service(Repository& repo, Date today, const Clock& clock)
    : m_repo(repo), m_today(today), m_clock(clock) {}

Cadence Service::cadence() {
    Cadence c;
    const auto read = [&](const char* key, Interval& target) {
        if (auto value = m_repo.get_setting(key)) {
            target = parse_interval(*value, key);
        }
    };
    read("cadence.strong", c.strong);
    read("cadence.medium", c.medium);
    read("cadence.weak", c.weak);
    return c;
}

ScheduleInput Service::schedule_input(const Contact& contact) {
    return {contact.strength,
            contact.every,
            contact.last_interaction,
            contact.met_on.value_or(m_today),
            contact.snoozed_until,
            contact.archived,
            contact.id != 0 ? m_repo.earliest_open_followup(contact.id) : std::nullopt};
}

Schedule Service::schedule_of(const Contact& contact) {
    return compute_schedule(schedule_input(contact), cadence());
}

void Service::refresh_schedule(Contact& contact, const Cadence& cadence) {
    contact.last_interaction = m_repo.latest_interaction_date(contact.id);
    const Schedule s = compute_schedule(schedule_input(contact), cadence);
    contact.next_due = s.effective_due;
    m_repo.set_schedule(contact.id, contact.last_interaction, contact.next_due);
}

Contact Service::load(std::string_view who) {
    const ContactRef ref = resolve_person(m_repo, who);
    auto contact = m_repo.find_contact(ref.id);
    if (!contact) {
        throw NotFoundError("#" + std::to_string(ref.id) + " disappeared", "try again");
    }
    return *contact;
}

Contact Service::insert_new(const NewContact& input, const Cadence& cadence) {
    Contact c;
    c.name = clean_name(input.name);
    if (!input.force) {
        const auto existing = m_repo.find_by_exact_name(fold_case(c.name));
        if (!existing.empty()) {
            throw DataError(quote(c.name) + " already exists as #" +
                                std::to_string(existing.front().id),
                            "log with them by that name, or use --force to add another person "
                            "with the same name");
        }
    }
    c.uuid = new_uuid();
    c.strength = input.strength.value_or(Strength::medium);
    c.every = input.every;
    for (const auto& e : input.emails) {
        add_unique(c.emails, clean_handle("the email", e));
    }
    for (const auto& p : input.phones) {
        add_unique(c.phones, clean_handle("the phone", p));
    }
    for (const auto& t : input.tags) {
        add_unique(c.tags, clean_tag(t));
    }
    c.company = clean_opt("the company", input.company, max_field_bytes);
    c.title = clean_opt("the title", input.title, max_field_bytes);
    c.met = clean_opt("--met", input.met, max_field_bytes);
    c.notes = clean_opt("the note", input.notes, max_note_bytes);
    c.met_on = input.met_on.value_or(m_today);
    check_not_future(*c.met_on, m_today, "the date met");
    c.created_at = c.updated_at = m_clock.now_utc();
    const Schedule s = compute_schedule(schedule_input(c), cadence);
    c.next_due = s.effective_due;
    m_repo.insert_contact(c);
    return c;
}

Contact Service::add(const NewContact& input) {
    const Cadence cad = cadence();
    Repository::Transaction tx(m_repo);
    Contact c = insert_new(input, cad);
    apply_connections(c, input.through ? std::optional(input.through) : std::nullopt,
                      input.birthday ? std::optional(input.birthday) : std::nullopt);
    tx.commit();
    return c;
}

std::vector<Logged> Service::log(const NewInteraction& input) {
    if (input.people.empty()) {
        throw UsageError("no person given", "name who you talked to, e.g. bmc log Ada");
    }
    const Date when = input.date.value_or(m_today);
    check_not_future(when, m_today, "the date");
    check_via(input.via);
    const auto note = clean_opt("the note", input.note, max_note_bytes);
    const auto gave = clean_opt("--gave", input.gave, max_field_bytes);
    const auto received = clean_opt("--received", input.received, max_field_bytes);
    const auto asked = clean_opt("--asked", input.asked, max_field_bytes);
    std::vector<std::string> followups;
    for (const auto& text : input.followups) {
        if (auto clean = clean_text("the follow-up", text, max_field_bytes)) {
            followups.push_back(*clean);
        } else {
            throw DataError("a follow-up is empty", "say what to do, e.g. --followup \"send the "
                                                    "article\"");
        }
    }
    const Cadence cad = cadence();
    const std::string now = m_clock.now_utc();

    Repository::Transaction tx(m_repo);
    std::vector<Logged> out;
    std::set<std::int64_t> seen;
    for (const auto& who : input.people) {
        Contact contact = load(who);
        if (!seen.insert(contact.id).second) {
            continue;
        }
        Logged logged;
        if (asked && !gave) {
            const auto history = m_repo.interactions_of(contact.id);
            if (reciprocity_of(history).gave == 0) {
                logged.warnings.push_back(
                    "you are asking " + contact.name +
                    " for something but have not given them anything yet — give before you "
                    "receive (recorded anyway)");
            }
        }
        Interaction i;
        i.uuid = new_uuid();
        i.contact_id = contact.id;
        i.date = when;
        i.via = input.via;
        i.by = input.by;
        i.note = note;
        i.gave = gave;
        i.received = received;
        i.asked = asked;
        i.created_at = i.updated_at = now;
        m_repo.insert_interaction(i);
        for (const auto& text : followups) {
            FollowUp f;
            f.uuid = new_uuid();
            f.contact_id = contact.id;
            f.text = text;
            f.created_on = when;
            f.created_at = f.updated_at = now;
            m_repo.insert_followup(f);
            logged.added.push_back(f);
        }
        const bool moved = moves_anchor(when, contact.last_interaction);
        if (moved && contact.snoozed_until) {
            // A newer conversation ends any snooze.
            contact.snoozed_until.reset();
            contact.updated_at = now;
            m_repo.update_contact(contact);
        }
        logged.contact = contact;
        logged.interaction = i;
        logged.moved_anchor = moved;
        out.push_back(std::move(logged));
    }
    for (const std::int64_t id : input.done) {
        auto f = m_repo.find_followup(id);
        if (!f) {
            throw NotFoundError("there is no follow-up #" + std::to_string(id),
                                "see open follow-ups with `bmc todo`");
        }
        const auto owner = std::find_if(
            out.begin(), out.end(), [&](const Logged& l) { return l.contact.id == f->contact_id; });
        if (owner == out.end()) {
            throw DataError("follow-up #" + std::to_string(id) +
                                " belongs to someone not in this conversation",
                            "close it with `bmc done " + std::to_string(id) + "`");
        }
        if (f->done_on) {
            throw DataError("follow-up #" + std::to_string(id) + " is already done (on " +
                                format_date(*f->done_on) + ")",
                            "see open follow-ups with `bmc todo`");
        }
        check_done_after_created(*f, when, "follow-up #" + std::to_string(id));
        f->done_on = when;
        f->updated_at = now;
        m_repo.update_followup(*f);
        owner->closed.push_back(*f);
    }
    for (auto& logged : out) {
        refresh_schedule(logged.contact, cad);
    }
    tx.commit();
    return out;
}

FollowUpView Service::add_followup(std::string_view who, const std::string& text,
                                   std::optional<Date> by) {
    const auto clean = clean_text("the follow-up", text, max_field_bytes);
    if (!clean) {
        throw DataError("the follow-up is empty", "say what to do, e.g. bmc todo Ada \"send the "
                                                  "article\"");
    }
    if (by && date::sys_days{*by} < date::sys_days{m_today}) {
        throw DataError("the deadline " + format_date(*by) + " is in the past",
                        "give a date from today on, e.g. --by 2w");
    }
    if (by && days_between(m_today, *by) > max_interval_days) {
        throw DataError("the deadline " + format_date(*by) + " is more than 10 years away",
                        "give a nearer date, e.g. --by 3m");
    }
    const Cadence cad = cadence();
    Repository::Transaction tx(m_repo);
    Contact c = load(who);
    FollowUp f;
    f.uuid = new_uuid();
    f.contact_id = c.id;
    f.text = *clean;
    f.by = by;
    f.created_on = m_today;
    f.created_at = f.updated_at = m_clock.now_utc();
    m_repo.insert_followup(f);
    refresh_schedule(c, cad);
    tx.commit();
    return {f, {c.id, c.name}};
}

std::vector<FollowUpView> Service::open_followups() {
    std::vector<FollowUpView> out;
    std::map<std::int64_t, ContactRef> names;
    for (auto& f : m_repo.open_followups()) {
        auto it = names.find(f.contact_id);
        if (it == names.end()) {
            const auto c = m_repo.find_contact(f.contact_id);
            it = names.emplace(f.contact_id, ContactRef{f.contact_id, c ? c->name : "?"}).first;
        }
        out.push_back({std::move(f), it->second});
    }
    return out;
}

FollowUpView Service::close_followup(std::int64_t id, std::optional<Date> when) {
    const Date day = when.value_or(m_today);
    check_not_future(day, m_today, "the date");
    const Cadence cad = cadence();
    Repository::Transaction tx(m_repo);
    auto f = m_repo.find_followup(id);
    if (!f) {
        throw NotFoundError("there is no follow-up #" + std::to_string(id),
                            "see open follow-ups with `bmc todo`");
    }
    if (f->done_on) {
        throw DataError("follow-up #" + std::to_string(id) + " is already done (on " +
                            format_date(*f->done_on) + ")",
                        "see open follow-ups with `bmc todo`");
    }
    check_done_after_created(*f, day, "follow-up #" + std::to_string(id));
    f->done_on = day;
    f->updated_at = m_clock.now_utc();
    m_repo.update_followup(*f);
    auto c = m_repo.find_contact(f->contact_id);
    if (c) {
        refresh_schedule(*c, cad);
    }
    tx.commit();
    return {*f, {f->contact_id, c ? c->name : "?"}};
}

DueReport Service::due(std::optional<Interval> within, std::optional<int> limit,
                       bool with_details) {
    DueReport r;
    r.today = m_today;
    r.until = within ? add_interval(m_today, *within) : m_today;
    r.people = m_repo.due_contacts(r.until, limit, with_details);
    if (limit && static_cast<int>(r.people.size()) == *limit) {
        r.more = m_repo.count_due(r.until) - *limit;
    }
    attach_open_followups(m_repo, r.people);
    // Important dates look a week ahead unless --within says how far.
    r.dates_until = within ? r.until : add_days(m_today, 7);
    r.coming_up = coming_dates(r.dates_until);
    return r;
}

std::optional<int> Service::due_limit() {
    const std::string stored =
        m_repo.get_setting(due_limit_key).value_or(spec_for(due_limit_key).default_value);
    const auto limit = parse_due_limit(stored);
    if (!limit) {
        throw DatabaseError(std::string("the database holds an invalid ") + due_limit_key + " " +
                                quote(stored),
                            "set it again with `bmc config set due.limit N`");
    }
    return *limit == 0 ? std::nullopt : limit;
}

Profile Service::show(std::string_view who) {
    Profile p;
    p.contact = load(who);
    p.schedule = schedule_of(p.contact);
    p.interactions = m_repo.interactions_of(p.contact.id);
    p.followups = m_repo.followups_of(p.contact.id, false);
    p.reciprocity = reciprocity_of(p.interactions);
    p.connections = connections_of(p.contact);
    return p;
}

std::vector<ContactSummary> Service::list(const ListOptions& options) {
    ListQuery query = options.query;
    query.with_details = query.with_details || options.search.has_value();
    auto rows = m_repo.list_contacts(query);
    if (options.search) {
        erase_non_matching(rows, *options.search);
    }
    if (query.with_details) {
        attach_open_followups(m_repo, rows);
    }
    return rows;
}

std::vector<ListRow> Service::list_rows(const ListOptions& options) {
    if (!options.search) {
        return m_repo.list_rows(options.query);
    }
    // A search looks at details the table does not show (company, notes, emails, tags...).
    ListQuery query = options.query;
    query.with_details = true;
    query.with_last = false;
    auto matches = m_repo.list_contacts(query);
    erase_non_matching(matches, *options.search);
    std::vector<ListRow> rows;
    rows.reserve(matches.size());
    for (const auto& r : matches) {
        rows.push_back(list_row_of(r.contact));
    }
    return rows;
}

Contact Service::edit(std::string_view who, const ContactEdit& change) {
    const Cadence cad = cadence();
    Repository::Transaction tx(m_repo);
    Contact c = load(who);
    const Contact before = c;
    if (change.name) {
        const std::string name = clean_name(*change.name);
        if (!change.force && fold_case(name) != fold_case(c.name)) {
            const auto existing = m_repo.find_by_exact_name(fold_case(name));
            if (!existing.empty()) {
                throw DataError(quote(name) + " already exists as #" +
                                    std::to_string(existing.front().id),
                                "choose another name, or use --force to allow two people with "
                                "the same name");
            }
        }
        c.name = name;
    }
    if (change.strength) {
        c.strength = *change.strength;
    }
    if (change.every) {
        c.every = *change.every;
    }
    for (const auto& e : change.add_emails) {
        add_unique(c.emails, clean_handle("the email", e));
    }
    for (const auto& e : change.remove_emails) {
        std::erase(c.emails, std::string(trim(e)));
    }
    for (const auto& p : change.add_phones) {
        add_unique(c.phones, clean_handle("the phone", p));
    }
    for (const auto& p : change.remove_phones) {
        std::erase(c.phones, std::string(trim(p)));
    }
    for (const auto& t : change.add_tags) {
        add_unique(c.tags, clean_tag(t));
    }
    for (const auto& t : change.remove_tags) {
        std::erase(c.tags, clean_tag(t));
    }
    const auto apply = [](const std::optional<std::optional<std::string>>& v,
                          std::string_view field, std::size_t max,
                          std::optional<std::string>& target) {
        if (v) {
            target = *v ? clean_text(field, **v, max) : std::nullopt;
        }
    };
    apply(change.company, "the company", max_field_bytes, c.company);
    apply(change.title, "the title", max_field_bytes, c.title);
    apply(change.met, "--met", max_field_bytes, c.met);
    apply(change.notes, "the note", max_note_bytes, c.notes);
    if (change.met_on) {
        c.met_on = change.met_on->value_or(m_today);
        check_not_future(*c.met_on, m_today, "the date met");
    }
    const bool connections_changed = apply_connections(c, change.through, change.birthday);
    if (!connections_changed && same_content(before, c)) {
        return c; // nothing changed; nothing written
    }
    c.updated_at = m_clock.now_utc();
    m_repo.update_contact(c);
    refresh_schedule(c, cad);
    tx.commit();
    return c;
}

Contact Service::snooze(std::string_view who, Date until) {
    if (!is_after(until, m_today)) {
        throw DataError("cannot snooze until " + format_date(until) +
                            ": that is not after today (" + format_date(m_today) + ")",
                        "give a later date or a duration such as 2w");
    }
    if (days_between(m_today, until) > max_interval_days) {
        throw DataError("cannot snooze until " + format_date(until) +
                            ": that is more than 10 "
                            "years away",
                        "archive them instead with `bmc archive`");
    }
    const Cadence cad = cadence();
    Repository::Transaction tx(m_repo);
    Contact c = load(who);
    c.snoozed_until = until;
    c.updated_at = m_clock.now_utc();
    m_repo.update_contact(c);
    refresh_schedule(c, cad);
    tx.commit();
    return c;
}

Contact Service::set_archived(std::string_view who, bool archived) {
    const Cadence cad = cadence();
    Repository::Transaction tx(m_repo);
    Contact c = load(who);
    if (c.archived == archived) {
        return c;
    }
    c.archived = archived;
    c.updated_at = m_clock.now_utc();
    m_repo.update_contact(c);
    refresh_schedule(c, cad);
    tx.commit();
    return c;
}

Removal Service::remove(std::string_view who, bool confirmed, bool purge) {
    Repository::Transaction tx(m_repo);
    Removal r;
    r.contact = load(who);
    r.interactions = m_repo.count_interactions(r.contact.id);
    if (confirmed) {
        m_repo.delete_contact(r.contact.id);
        if (purge) {
            m_repo.clear_undo_history();
        }
        tx.commit();
        if (purge) {
            m_repo.checkpoint();
        }
        r.removed = true;
    }
    return r;
}

std::vector<SettingInfo> Service::settings() {
    std::vector<SettingInfo> out;
    const auto stored = m_repo.settings();
    for (const auto& spec : setting_specs) {
        const auto it = stored.find(spec.key);
        out.push_back({spec.key, it == stored.end() ? spec.default_value : it->second,
                       spec.default_value, spec.description});
    }
    return out;
}

SettingInfo Service::setting(const std::string& key) {
    const SettingSpec& spec = spec_for(key);
    return {spec.key, m_repo.get_setting(key).value_or(spec.default_value), spec.default_value,
            spec.description};
}

SettingInfo Service::set_setting(const std::string& key, const std::string& value) {
    Repository::Transaction tx(m_repo);
    SettingInfo info = apply_setting(key, value);
    tx.commit();
    return info;
}

SettingInfo Service::apply_setting(const std::string& key, const std::string& value) {
    const SettingSpec& spec = spec_for(key);
    if (std::string_view(key).substr(0, 8) == "routine.") {
        return set_quota_setting(spec.key, value, spec.default_value, spec.description);
    }
    if (key == due_limit_key) {
        const bool reset = value == "default";
        const auto limit = parse_due_limit(value);
        if (!reset && !limit) {
            throw UsageError(key + " must be a whole number from 1 to " +
                                 std::to_string(max_due_limit) + ", or all, not " + quote(value),
                             "e.g. bmc config set due.limit 10; `all` lists everyone who is due");
        }
        // Stored in canonical form: "007" becomes "7".
        const std::string stored =
            reset ? spec.default_value : (*limit == 0 ? "all" : std::to_string(*limit));
        store_setting(m_repo, key, reset ? std::nullopt : std::optional(stored));
        return {spec.key, stored, spec.default_value, spec.description};
    }
    const bool reset = value == "default";
    const Interval interval = parse_interval(reset ? spec.default_value : value, key);
    store_setting(m_repo, key, reset ? std::nullopt : std::optional(to_string(interval)));
    const Cadence cad = cadence();
    const Strength strength = *parse_strength(std::string_view(key).substr(8));
    for (const auto& row : m_repo.schedule_rows(strength)) {
        const Schedule s = compute_schedule({row.strength, row.every, row.last_interaction,
                                             row.met_on.value_or(m_today), row.snoozed_until,
                                             row.archived, row.followup_by},
                                            cad);
        if (s.effective_due != row.next_due) {
            m_repo.set_schedule(row.id, row.last_interaction, s.effective_due);
        }
    }
    return {spec.key, to_string(interval), spec.default_value, spec.description};
}

void Service::export_json(std::ostream& out) {
    // One snapshot for the settings, the connections and the contacts (whose walk may be split
    // between threads on that snapshot).
    ExportWalk walk(m_repo, m_export_threads);
    Json settings_json = Json::object();
    for (const auto& setting : settings()) {
        settings_json[setting.key] = setting.value;
    }
    out << "{\"version\":" << json_format_version
        << ",\"exported_at\":" << dump(Json(m_clock.now_utc()))
        << ",\"settings\":" << dump(settings_json) << ",\"contacts\":[";
    const ExportConnectionData connections = load_export_connections(m_repo);
    m_last_export_walkers = walk.write(connections, out, "\n", ",\n", "");
    std::string buffer = "\n],";
    append_export_introductions(buffer, connections.introductions, connections.uuid_of);
    out << buffer << "}\n";
}

ImportSummary Service::import_json(std::istream& in) {
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(in);
    } catch (const nlohmann::json::parse_error& e) {
        throw DataError("the import is not valid JSON (at byte " + std::to_string(e.byte) + ")",
                        "check the file; nothing was imported");
    } catch (const nlohmann::json::out_of_range& e) {
        // The only out_of_range the parser throws: a number beyond a double, such as 1E400.
        // No field of an export holds a number that large, so the file is not bmc's.
        const std::string_view what = e.what();
        const auto start = what.find("parsing '");
        const auto end = what.rfind('\'');
        const std::string number = start == std::string_view::npos || end <= start + 9
                                       ? std::string()
                                       : " " + quote(what.substr(start + 9, end - start - 9));
        throw DataError("the import holds a number too large to read" + number,
                        "check the file; nothing was imported");
    }
    const nlohmann::json* records = &doc;
    std::vector<std::pair<std::string, std::string>> incoming_settings;
    if (doc.is_object()) {
        if (const auto st = doc.find("settings"); st != doc.end()) {
            if (!st->is_object()) {
                throw DataError("\"settings\" must be an object of setting names and values",
                                "see docs/json.md for the format; nothing was imported");
            }
            for (const auto& [key, value] : st->items()) {
                try {
                    if (!value.is_string()) {
                        throw DataError("the value must be a string such as \"6m\"");
                    }
                    spec_for(key); // a setting bmc knows; its value is checked when applied
                } catch (const Error& e) {
                    throw DataError("import rejected at setting " + quote(key) + ": " + e.what(),
                                    "fix the \"settings\" object; nothing was imported");
                }
                incoming_settings.emplace_back(key, value.get<std::string>());
            }
        }
        if (const auto v = doc.find("version"); v != doc.end()) {
            if (!v->is_number_integer() || (v->is_number_unsigned() ? v->get<std::uint64_t>() < 1
                                                                    : v->get<std::int64_t>() < 1)) {
                throw DataError("\"version\" must be a whole number from 1, e.g. 1",
                                "fix the file; nothing was imported");
            }
            if (v->is_number_unsigned() ? v->get<std::uint64_t>() > json_format_version
                                        : v->get<std::int64_t>() > json_format_version) {
                throw DataError("the import has format version " + v->dump() +
                                    ", this bmc reads version " +
                                    std::to_string(json_format_version),
                                "upgrade bmc; nothing was imported");
            }
        }
        const auto c = doc.find("contacts");
        if (c == doc.end()) {
            throw DataError("the import has no \"contacts\" array",
                            "see docs/json.md for the format; nothing was imported");
        }
        records = &*c;
    }
    if (!records->is_array()) {
        throw DataError(doc.is_object() ? "\"contacts\" must be an array"
                                        : "the import must be an object with a \"contacts\" "
                                          "array, or an array of contacts",
                        "see docs/json.md for the format; nothing was imported");
    }

    // Validate every record before writing anything.
    const std::string now = m_clock.now_utc();
    std::vector<ImportedContact> incoming;
    std::set<std::string> uuids;
    std::size_t position = 0;
    for (const auto& record : *records) {
        ++position;
        try {
            ImportedContact ic = contact_from_json(record, m_today, now);
            check_not_future(*ic.contact.met_on, m_today, "met_on");
            if (!uuids.insert(ic.contact.uuid).second) {
                throw DataError("uuid " + ic.contact.uuid + " appears twice in the file");
            }
            for (const auto& n : ic.followups) {
                const FollowUp& f = n.followup;
                check_not_future(f.created_on, m_today, "the follow-up's created_on");
                if (f.done_on) {
                    check_not_future(*f.done_on, m_today, "the follow-up's done_on");
                    check_done_after_created(f, *f.done_on, "the follow-up " + quote(f.text));
                }
                if (!uuids.insert(n.followup.uuid).second) {
                    throw DataError("uuid " + n.followup.uuid + " appears twice in the file");
                }
            }
            for (const auto& e : ic.interactions) {
                check_not_future(e.interaction.date, m_today, "the interaction date");
                if (!uuids.insert(e.interaction.uuid).second) {
                    throw DataError("uuid " + e.interaction.uuid + " appears twice in the file");
                }
            }
            incoming.push_back(std::move(ic));
        } catch (const Error& e) {
            std::string where = "contact " + std::to_string(position);
            if (record.is_object() && record.contains("name") && record["name"].is_string()) {
                where += " (" + quote(record["name"].get<std::string>()) + ")";
            }
            throw DataError("import rejected at " + where + ": " + e.what(),
                            "fix that record and import again; nothing was imported");
        }
    }

    const auto introductions = introductions_from_json(doc, now);
    check_import_connections(incoming, introductions, uuids, m_today);

    ImportSummary summary;
    std::set<std::int64_t> moved_from;
    // Per record: its contact, and whether its fields were applied (new, or newer than ours).
    std::vector<std::pair<std::int64_t, bool>> targets;
    Repository::Transaction tx(m_repo);
    // Settings first: they decide the due dates of everyone imported below.
    // Removals ("none", "default") go first, so that a routine quota can move from per-month to
    // per-week (bmc keeps only one of them).
    std::stable_partition(incoming_settings.begin(), incoming_settings.end(), [](const auto& kv) {
        return kv.second == "none" || kv.second == "default";
    });
    for (const auto& [key, value] : incoming_settings) {
        try {
            if (setting(key).value != value) {
                apply_setting(key, value);
                ++summary.settings_changed;
            }
        } catch (const Error& e) {
            throw DataError("import rejected at setting " + quote(key) + ": " + e.what(),
                            "fix the \"settings\" object; nothing was imported");
        }
    }
    const Cadence cad = cadence();
    for (auto& ic : incoming) {
        std::optional<Contact> existing;
        if (ic.has_uuid) {
            existing = m_repo.find_contact_by_uuid(ic.contact.uuid);
        } else {
            const auto same_name = m_repo.find_by_exact_name(fold_case(ic.contact.name));
            if (same_name.size() == 1) {
                existing = m_repo.find_contact(same_name.front().id);
            }
        }
        Contact target;
        if (!existing) {
            target = ic.contact;
            m_repo.insert_contact(target);
            ++summary.added;
        } else {
            target = *existing;
            const bool newer =
                ic.has_updated_at && timestamp_after(ic.contact.updated_at, existing->updated_at);
            const Contact updated = merge_present(*existing, ic);
            if (newer && !same_content(updated, *existing)) {
                m_repo.update_contact(updated);
                target = updated;
                ++summary.updated;
            } else {
                ++summary.unchanged;
            }
            targets.emplace_back(target.id, newer);
        }
        if (!existing) {
            targets.emplace_back(target.id, true);
        }
        const auto current = m_repo.interactions_of(target.id);
        for (auto& entry : ic.interactions) {
            Interaction& i = entry.interaction;
            i.contact_id = target.id;
            std::optional<Interaction> match;
            if (entry.has_uuid) {
                match = m_repo.find_interaction_by_uuid(i.uuid);
            } else {
                const auto it = std::find_if(current.begin(), current.end(),
                                             [&](const auto& c) { return same_content(c, i); });
                if (it != current.end()) {
                    match = *it;
                }
            }
            if (!match) {
                m_repo.insert_interaction(i);
                ++summary.interactions_added;
            } else if (entry.has_updated_at && timestamp_after(i.updated_at, match->updated_at) &&
                       (!same_content(i, *match) || match->contact_id != i.contact_id)) {
                i.id = match->id;
                i.created_at = match->created_at;
                m_repo.update_interaction(i);
                ++summary.interactions_updated;
                if (match->contact_id != i.contact_id) {
                    moved_from.insert(match->contact_id); // that person's anchor may change
                }
            }
        }
        const auto notes = m_repo.followups_of(target.id, false);
        for (auto& note : ic.followups) {
            FollowUp& f = note.followup;
            f.contact_id = target.id;
            std::optional<FollowUp> match;
            if (note.has_uuid) {
                match = m_repo.find_followup_by_uuid(f.uuid);
            } else {
                const auto it = std::find_if(notes.begin(), notes.end(),
                                             [&](const FollowUp& n) { return n.text == f.text; });
                if (it != notes.end()) {
                    match = *it;
                }
            }
            const auto differs = [&](const FollowUp& m) {
                return m.text != f.text || m.by != f.by || m.done_on != f.done_on ||
                       m.created_on != f.created_on || m.contact_id != f.contact_id;
            };
            if (!match) {
                m_repo.insert_followup(f);
                ++summary.followups_added;
            } else if (note.has_updated_at && timestamp_after(f.updated_at, match->updated_at) &&
                       differs(*match)) {
                f.id = match->id;
                f.created_at = match->created_at;
                m_repo.update_followup(f);
                ++summary.followups_updated;
                if (match->contact_id != f.contact_id) {
                    moved_from.insert(match->contact_id);
                }
            }
        }
        refresh_schedule(target, cad);
    }
    for (const std::int64_t id : moved_from) {
        if (auto c = m_repo.find_contact(id)) {
            refresh_schedule(*c, cad);
        }
    }
    // Introductions and dates once every contact exists, since they name each other by uuid.
    for (std::size_t k = 0; k < incoming.size(); ++k) {
        const auto [id, apply] = targets[k];
        if (!apply || !import_contact_connections(m_repo, incoming[k], id)) {
            continue;
        }
        auto c = m_repo.find_contact(id);
        if (c && c->updated_at != incoming[k].contact.updated_at) {
            c->updated_at = incoming[k].contact.updated_at; // only these changed
            m_repo.update_contact(*c);
            --summary.unchanged;
            ++summary.updated;
        }
    }
    summary.introductions_added = import_introductions(m_repo, introductions);
    tx.commit();
    return summary;
}

void Service::seed_demo() {
    if (m_repo.count_contacts() != 0) {
        throw DataError("the demo needs an empty database, and this one has people in it",
                        "run `bmc demo` without --db (and without BMC_DB) to use a temporary "
                        "database");
    }
    struct Person {
        const char* name;
        Strength strength;
        const char* every;
        const char* company;
        const char* tags;
        const char* met;
        int met_days_ago;
    };
    struct Talk {
        const char* who;
        int days_ago;
        const char* via;
        Initiator by;
        const char* note;
    };
    static constexpr Person people[] = {
        {"Ada Lovelace", Strength::strong, nullptr, "Analytical Engines Ltd", "math,writing",
         "PyCon 2024, hallway track", 700},
        {"Grace Hopper", Strength::medium, nullptr, "US Navy", "compilers,mentoring",
         "introduced by Ada", 900},
        {"Alan Turing", Strength::weak, nullptr, "Bletchley Park", "math,running", "chess club",
         300},
        {"Katherine Johnson", Strength::strong, nullptr, "NASA", "space,math", "conference dinner",
         500},
        {"Linus Torvalds", Strength::medium, "3m", "Linux Foundation", "kernels", "mailing list",
         1200},
        {"Margaret Hamilton", Strength::weak, nullptr, "Hamilton Technologies", "space,software",
         "meetup talk", 400},
    };
    static constexpr Talk talks[] = {
        {"Ada Lovelace", 400, "coffee", Initiator::me, "Talked about poetical science"},
        {"Ada Lovelace", 150, "coffee", Initiator::them,
         "Recommended 'The Mythical Man-Month'; starting a new job in March"},
        {"Grace Hopper", 240, "call", Initiator::me,
         "Asked for feedback on my compiler talk; she offered to review slides"},
        {"Katherine Johnson", 14, "video", Initiator::them, "Caught up about the launch"},
        {"Linus Torvalds", 95, "email", Initiator::me, "Sent the patch review he asked for"},
        {"Margaret Hamilton", 268, "event", Initiator::me, "Met again at the Apollo anniversary"},
    };
    const Cadence cad = cadence();
    Repository::Transaction tx(m_repo);
    for (const auto& p : people) {
        NewContact n;
        n.name = p.name;
        n.strength = p.strength;
        if (p.every != nullptr) {
            n.every = parse_interval(p.every);
        }
        n.company = p.company;
        std::string tags = p.tags;
        for (std::size_t start = 0; start <= tags.size();) {
            const auto end = std::min(tags.find(',', start), tags.size());
            n.tags.push_back(tags.substr(start, end - start));
            start = end + 1;
        }
        n.met = p.met;
        n.met_on = add_days(m_today, -p.met_days_ago);
        insert_new(n, cad);
    }
    const std::string now = m_clock.now_utc();
    for (const auto& t : talks) {
        Contact c = load(t.who);
        Interaction i;
        i.uuid = new_uuid();
        i.contact_id = c.id;
        i.date = add_days(m_today, -t.days_ago);
        i.via = t.via;
        i.by = t.by;
        i.note = t.note;
        i.created_at = i.updated_at = now;
        m_repo.insert_interaction(i);
        refresh_schedule(c, cad);
    }
    tx.commit();
}

} // namespace bmc
