// Person resolution: "#12" or "12", an exact name, or a unique part of a name.
#include "bmc/errors.hpp"
#include "bmc/service.hpp"
#include "bmc/text.hpp"

#include <algorithm>
#include <charconv>

namespace bmc {

namespace {

constexpr int max_candidates = 10;

std::optional<std::int64_t> parse_id(std::string_view who) {
    if (!who.empty() && who.front() == '#') {
        who.remove_prefix(1);
    }
    if (who.empty() || who.size() > 18 ||
        !std::all_of(who.begin(), who.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    std::int64_t id = 0;
    std::from_chars(who.data(), who.data() + who.size(), id);
    return id;
}

std::string list_candidates(const std::vector<ContactRef>& refs) {
    std::string out;
    for (const auto& r : refs) {
        out +=
            (out.empty() ? "  #" : "\n  #") + std::to_string(r.id) + "  " + terminal_safe(r.name);
    }
    return out;
}

} // namespace

ContactRef resolve_person(Repository& repo, std::string_view who_raw) {
    const std::string_view who = trim(who_raw);
    if (who.empty()) {
        throw UsageError("no person given", "name someone, e.g. \"Ada\" or #12");
    }
    if (const auto id = parse_id(who)) {
        if (auto c = repo.find_contact(*id)) {
            return {c->id, c->name};
        }
        // A bare number may also be (part of) a name; "#12" is always an id.
        if (who.front() == '#') {
            throw NotFoundError("nobody has the id #" + std::to_string(*id),
                                "see everyone's id with `bmc list`");
        }
    }
    const std::string key = fold_case(who);
    auto exact = repo.find_by_exact_name(key);
    if (exact.size() == 1) {
        return exact.front();
    }
    if (exact.size() > 1) {
        throw NotFoundError(quote(who) + " matches " + std::to_string(exact.size()) + " people",
                            "name one of them by id, e.g. #" + std::to_string(exact.front().id),
                            list_candidates(exact));
    }
    auto partial = repo.find_by_name_part(key, max_candidates + 1);
    if (partial.size() == 1) {
        return partial.front();
    }
    if (partial.size() > 1) {
        const bool more = partial.size() > max_candidates;
        if (more) {
            partial.resize(max_candidates);
        }
        throw NotFoundError(quote(who) + " matches several people",
                            "use more of the name, or the id, e.g. #" +
                                std::to_string(partial.front().id),
                            list_candidates(partial) + (more ? "\n  …" : ""));
    }
    // Unknown: suggest the closest names.
    auto names = repo.all_names();
    std::vector<std::pair<std::size_t, ContactRef>> scored;
    for (auto& ref : names) {
        const std::size_t d = edit_distance(who, ref.name);
        const std::size_t first_word = edit_distance(who, ref.name.substr(0, ref.name.find(' ')));
        scored.emplace_back(std::min(d, first_word), std::move(ref));
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<ContactRef> close;
    const std::size_t threshold = std::max<std::size_t>(2, who.size() / 3);
    for (const auto& [d, ref] : scored) {
        if (d > threshold || close.size() == 3) {
            break;
        }
        close.push_back(ref);
    }
    if (close.empty()) {
        throw NotFoundError("nobody called " + quote(who),
                            "check the spelling, see everyone with `bmc list`, or add them with "
                            "`bmc add`");
    }
    throw NotFoundError("nobody called " + quote(who),
                        "did you mean one of these? (name them by name or id)",
                        list_candidates(close));
}

} // namespace bmc
