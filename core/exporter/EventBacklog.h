#pragma once
// The exporter's bounded memory of one pool's transition events, so an event
// stream client can resume after a reconnect (Last-Event-ID).

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "core/telemetry/TransitionEvent.h"

namespace poolscope {

/// Sequence numbers a reader asked for that the backlog no longer holds.
struct EventGap {
    uint64_t fromSeq = 0;  ///< first missing seq
    uint64_t toSeq = 0;    ///< last missing seq
    /// toSeq - fromSeq + 1: seq numbers missing from the stream (some may
    /// never have reached the exporter, e.g. dropped by the pool's own ring).
    uint64_t missed() const { return toSeq - fromSeq + 1; }
};

/// Keeps the newest `capacity` events, oldest dropped first. Not thread-safe
/// (PoolFeed guards it).
class EventBacklog {
public:
    explicit EventBacklog(size_t capacity);

    /// Appends the events whose seq is above every seq appended before (as
    /// Pool::drainEvents delivers them); returns how many were refused for
    /// not increasing.
    size_t append(const std::vector<TransitionEvent>& events);

    struct Read {
        std::optional<EventGap> gap;          ///< events after `after` dropped here
        std::vector<TransitionEvent> events;  ///< the next kept events, seq order
    };
    /// The events with seq > `after`, at most `max`; `gap` when events in
    /// (after, first returned) were dropped from the backlog.
    Read readAfter(uint64_t after, size_t max) const;

    /// The highest seq appended; 0 when none.
    uint64_t lastSeq() const { return lastSeq_; }
    size_t size() const { return events_.size(); }

private:
    const size_t capacity_;
    std::deque<TransitionEvent> events_;
    uint64_t lastSeq_ = 0;
    uint64_t evictedUpTo_ = 0;  ///< highest seq dropped for space; 0 when none
};

}  // namespace poolscope
