#pragma once
// Hands one live session to the sinks that keep it (a Recorder writing a
// .psrec, a FlightRecorder holding the last minutes): each snapshot with the
// exact line shown for it, the pools' transition events, and alert changes.
// The headless mode and the GUI both feed their sinks through it, so a
// recording means the same thing whichever of them wrote it.

#include <cstdint>
#include <string>
#include <vector>

#include "core/recording/AlertChangeLog.h"
#include "core/recording/RecordingSink.h"
#include "core/recording/RecordingTypes.h"
#include "core/health/Alert.h"
#include "core/telemetry/Snapshot.h"
#include "core/telemetry/TransitionEvent.h"

namespace poolscope {

class Pool;

/// Not thread-safe: used from the one thread that sees the session (the
/// headless loop, the GUI thread). The sinks themselves never block on disk.
class LiveFeed {
public:
    /// `sink` (not owned; must stay alive until removeSink) gets everything
    /// from now on. Its alert changes start afresh, so a recording started in
    /// the middle of a session begins with the alerts already active.
    void addSink(RecordingSink& sink);
    /// Stops feeding `sink`; unknown sinks are ignored.
    void removeSink(RecordingSink& sink);
    bool hasSinks() const { return !sinks_.empty(); }

    /// Events of `pool` in delivery order, to every sink.
    void events(const std::string& pool, const std::vector<TransitionEvent>& events);
    /// Moves the pool's pending transition events into the sinks (none when
    /// there is no sink: the pool's ring keeps them). Call it often (every
    /// 20 ms): the ring is bounded.
    void drainEvents(Pool& pool);
    /// One snapshot with the exact `line` shown for it, then what changed in
    /// `health`'s alerts since the sink's previous snapshot of that pool.
    void snapshot(const PoolSnapshot& snapshot, const std::string& line, const PoolHealth& health);

    /// The health engine's alerts as a recording stores them (generic strings),
    /// stamped `tMs`.
    static std::vector<RecordedAlert> alertsOf(const PoolHealth& health, int64_t tMs);

private:
    struct Entry {
        RecordingSink* sink = nullptr;
        AlertChangeLog alerts;  // per sink: each starts with what is active when it joins
    };
    std::vector<Entry> sinks_;
    std::vector<TransitionEvent> buffer_;
};

}  // namespace poolscope
