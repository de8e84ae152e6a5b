#include "core/exporter/EventBacklog.h"

#include <algorithm>

namespace poolscope {

EventBacklog::EventBacklog(size_t capacity) : capacity_(std::max<size_t>(1, capacity)) {}

size_t EventBacklog::append(const std::vector<TransitionEvent>& events) {
    size_t refused = 0;
    for (const TransitionEvent& e : events) {
        if (e.seq <= lastSeq_) {
            ++refused;
            continue;
        }
        if (events_.size() == capacity_) {
            evictedUpTo_ = events_.front().seq;
            events_.pop_front();
        }
        events_.push_back(e);
        lastSeq_ = e.seq;
    }
    return refused;
}

EventBacklog::Read EventBacklog::readAfter(uint64_t after, size_t max) const {
    Read r;
    if (evictedUpTo_ > after) {
        const uint64_t lastMissing = events_.empty() ? evictedUpTo_ : events_.front().seq - 1;
        r.gap = EventGap{after + 1, lastMissing};
    }
    auto it = std::upper_bound(events_.begin(), events_.end(), after,
                               [](uint64_t seq, const TransitionEvent& e) { return seq < e.seq; });
    const size_t n = std::min<size_t>(max, static_cast<size_t>(events_.end() - it));
    r.events.assign(it, it + static_cast<std::ptrdiff_t>(n));
    return r;
}

}  // namespace poolscope
