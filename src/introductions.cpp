#include "bmc/introductions.hpp"

#include "bmc/text.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <numeric>
#include <queue>
#include <tuple>

namespace bmc {

namespace {

// What ranks a pair; smaller is better.
struct Rank {
    std::size_t shared = 0;   // compared descending
    std::size_t smallest = 0; // ascending
    std::size_t first = 0;    // index in name order, ascending
    std::size_t second = 0;

    bool operator<(const Rank& o) const {
        return std::tuple(o.shared, smallest, first, second) <
               std::tuple(shared, o.smallest, o.first, o.second);
    }
};

} // namespace

IntroSuggestions suggest_intros(const std::vector<TaggedPerson>& people,
                                const std::vector<std::pair<std::int64_t, std::int64_t>>& connected,
                                std::size_t limit, std::size_t max_group) {
    IntroSuggestions out;
    if (limit == 0 || people.size() < 2) {
        return out;
    }
    // Index people in name order, so that index order is the tie-break order.
    std::vector<std::string> keys(people.size());
    for (std::size_t k = 0; k < people.size(); ++k) {
        keys[k] = fold_case(people[k].name);
    }
    std::vector<std::size_t> order(people.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        return std::tie(keys[x], people[x].id) < std::tie(keys[y], people[y].id);
    });
    std::map<std::int64_t, std::size_t> index_of;
    for (std::size_t k = 0; k < order.size(); ++k) {
        index_of.emplace(people[order[k]].id, k);
    }

    // Tags as numbers, and who holds each one.
    std::map<std::string, std::size_t> tag_ids;
    std::vector<std::vector<std::size_t>> person_tags(order.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
        for (const auto& tag : people[order[k]].tags) {
            const auto id = tag_ids.emplace(tag, tag_ids.size()).first->second;
            person_tags[k].push_back(id);
        }
    }
    std::vector<std::string> tag_names(tag_ids.size());
    for (const auto& [tag, id] : tag_ids) {
        tag_names[id] = tag;
    }
    std::vector<std::vector<std::size_t>> members(tag_ids.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
        auto& tags = person_tags[k];
        std::sort(tags.begin(), tags.end());
        tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
        for (const std::size_t t : tags) {
            members[t].push_back(k); // ascending, since k ascends
        }
    }
    for (const auto& [tag, id] : tag_ids) {
        if (members[id].size() > max_group) {
            out.broad_tags.push_back({tag, members[id].size()});
        }
    }

    // Pairs already connected, per person (by index).
    std::vector<std::vector<std::size_t>> linked(order.size());
    for (const auto& [x, y] : connected) {
        const auto ix = index_of.find(x);
        const auto iy = index_of.find(y);
        if (ix != index_of.end() && iy != index_of.end()) {
            linked[ix->second].push_back(iy->second);
            linked[iy->second].push_back(ix->second);
        }
    }
    for (auto& l : linked) {
        std::sort(l.begin(), l.end());
    }

    // For each person, count the shared small tags with everyone after them in name order; keep
    // the best `limit` pairs in a heap whose top is the worst kept.
    std::priority_queue<Rank> best;
    std::vector<std::size_t> touched_count(order.size(), 0);
    std::vector<std::size_t> touched;
    std::vector<std::size_t> shared;
    for (std::size_t i = 0; i < order.size(); ++i) {
        touched.clear();
        for (const std::size_t t : person_tags[i]) {
            if (members[t].size() > max_group) {
                continue;
            }
            const auto& m = members[t];
            for (auto it = std::upper_bound(m.begin(), m.end(), i); it != m.end(); ++it) {
                if (touched_count[*it]++ == 0) {
                    touched.push_back(*it);
                }
            }
        }
        for (const std::size_t j : touched) {
            touched_count[j] = 0;
            if (std::binary_search(linked[i].begin(), linked[i].end(), j)) {
                continue;
            }
            shared.clear();
            std::set_intersection(person_tags[i].begin(), person_tags[i].end(),
                                  person_tags[j].begin(), person_tags[j].end(),
                                  std::back_inserter(shared));
            std::size_t smallest = order.size() + 1;
            for (const std::size_t t : shared) {
                smallest = std::min(smallest, members[t].size());
            }
            const Rank rank{shared.size(), smallest, i, j};
            if (best.size() < limit) {
                best.push(rank);
            } else if (rank < best.top()) {
                best.pop();
                best.push(rank);
            }
        }
    }

    std::vector<Rank> ranks;
    while (!best.empty()) {
        ranks.push_back(best.top());
        best.pop();
    }
    std::reverse(ranks.begin(), ranks.end());
    for (const Rank& r : ranks) {
        IntroSuggestion s;
        const TaggedPerson& a = people[order[r.first]];
        const TaggedPerson& b = people[order[r.second]];
        s.a = a.id;
        s.a_name = a.name;
        s.b = b.id;
        s.b_name = b.name;
        s.smallest_community = r.smallest;
        shared.clear();
        std::set_intersection(person_tags[r.first].begin(), person_tags[r.first].end(),
                              person_tags[r.second].begin(), person_tags[r.second].end(),
                              std::back_inserter(shared));
        std::sort(shared.begin(), shared.end(), [&](std::size_t x, std::size_t y) {
            return std::make_tuple(members[x].size(), std::cref(tag_names[x])) <
                   std::make_tuple(members[y].size(), std::cref(tag_names[y]));
        });
        for (const std::size_t t : shared) {
            s.shared_tags.push_back(tag_names[t]);
        }
        out.pairs.push_back(std::move(s));
    }
    return out;
}

} // namespace bmc
