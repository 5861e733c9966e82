#include "bmc/practices.hpp"

#include <algorithm>

namespace bmc {

Reciprocity reciprocity_of(const std::vector<Interaction>& interactions) {
    Reciprocity r;
    std::vector<const Interaction*> newest_first;
    newest_first.reserve(interactions.size());
    for (const auto& i : interactions) {
        newest_first.push_back(&i);
        if (i.by == Initiator::me) {
            ++r.by_me;
        } else if (i.by == Initiator::them) {
            ++r.by_them;
        }
        r.gave += i.gave ? 1 : 0;
        r.received += i.received ? 1 : 0;
        r.asked += i.asked ? 1 : 0;
    }
    std::stable_sort(newest_first.begin(), newest_first.end(), [](const auto* a, const auto* b) {
        return date::sys_days{a->date} > date::sys_days{b->date} ||
               (a->date == b->date && a->id > b->id);
    });
    for (const Interaction* i : newest_first) {
        if (i->by == Initiator::them) {
            break;
        }
        if (i->by == Initiator::me) {
            ++r.unanswered;
        }
    }
    return r;
}

} // namespace bmc
