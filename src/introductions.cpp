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
                                std::size_t limit, std::size_t max_pairs) {
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

    // Tags propose pairs from the smallest up while the pairs to compare fit in `max_pairs`;
    // larger ones are "broad": they still count as shared, but propose no pairs of their own.
    std::vector<std::size_t> by_size(tag_ids.size());
    std::iota(by_size.begin(), by_size.end(), 0);
    std::sort(by_size.begin(), by_size.end(), [&](std::size_t x, std::size_t y) {
        return std::make_tuple(members[x].size(), std::cref(tag_names[x])) <
               std::make_tuple(members[y].size(), std::cref(tag_names[y]));
    });
    std::vector<bool> broad(tag_ids.size(), false);
    std::size_t budget = max_pairs;
    for (const std::size_t t : by_size) {
        const std::size_t n = members[t].size();
        const std::size_t pairs = n * (n - 1) / 2;
        if (pairs <= budget) {
            budget -= pairs;
        } else {
            budget = 0; // keep "smallest first": no smaller tag is left to fit
            broad[t] = true;
            out.broad_tags.push_back({tag_names[t], n});
        }
    }
    std::sort(out.broad_tags.begin(), out.broad_tags.end(),
              [](const BroadTag& x, const BroadTag& y) { return x.tag < y.tag; });

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

    // For each person, count the shared tags with everyone after them in name order; keep the
    // best `limit` pairs in a heap whose top is the worst kept.
    std::priority_queue<Rank> best;
    std::vector<std::size_t> count(order.size(), 0);
    std::vector<std::size_t> smallest(order.size(), 0);
    std::vector<std::size_t> touched;
    std::vector<std::size_t> broad_of_i;
    for (std::size_t i = 0; i < order.size(); ++i) {
        touched.clear();
        broad_of_i.clear();
        for (const std::size_t t : person_tags[i]) {
            if (broad[t]) {
                broad_of_i.push_back(t);
                continue;
            }
            const auto& m = members[t];
            for (auto it = std::upper_bound(m.begin(), m.end(), i); it != m.end(); ++it) {
                if (count[*it]++ == 0) {
                    touched.push_back(*it);
                    smallest[*it] = m.size();
                } else {
                    smallest[*it] = std::min(smallest[*it], m.size());
                }
            }
        }
        for (const std::size_t j : touched) {
            Rank rank{count[j], smallest[j], i, j};
            count[j] = 0;
            for (const std::size_t b : broad_of_i) {
                if (std::binary_search(person_tags[j].begin(), person_tags[j].end(), b)) {
                    ++rank.shared;
                    rank.smallest = std::min(rank.smallest, members[b].size());
                }
            }
            if (best.size() == limit && !(rank < best.top())) {
                continue;
            }
            if (std::binary_search(linked[i].begin(), linked[i].end(), j)) {
                continue;
            }
            if (best.size() == limit) {
                best.pop();
            }
            best.push(rank);
        }
    }

    std::vector<Rank> ranks;
    while (!best.empty()) {
        ranks.push_back(best.top());
        best.pop();
    }
    std::reverse(ranks.begin(), ranks.end());
    std::vector<std::size_t> shared;
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
