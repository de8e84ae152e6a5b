#pragma once
// Everything the exporter keeps about one pool: its latest snapshot and
// health (and the exact snapshot line), its event backlog, its flight
// recorder and, when the service gave one, the Pool its actions apply to.

#include <atomic>
#include <chrono>
#include <functional>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/exporter/EventBacklog.h"
#include "core/health/Alert.h"
#include "core/recording/AlertChangeLog.h"
#include "core/recording/FlightRecorder.h"
#include "core/telemetry/Snapshot.h"
#include "core/telemetry/TransitionEvent.h"
#include "core/util/Result.h"

namespace poolscope {

class Pool;

/// Thread-safe: publish() from the service's thread, reads from the HTTP
/// threads.
class PoolFeed {
public:
    /// `controls` may be null (no actions); it must outlive detach().
    PoolFeed(std::string name, Pool* controls, size_t eventBacklog, int flightRecorderMinutes);

    const std::string& name() const { return name_; }

    /// Keeps `snapshot`, its line (snapshotToJsonLine(snapshot, health)) and
    /// `health` as the latest; appends the events to the backlog and all of
    /// it to the flight recorder; wakes event streams.
    void publish(const PoolSnapshot& snapshot, const std::vector<TransitionEvent>& events,
                 const PoolHealth& health);

    struct Latest {
        std::shared_ptr<const PoolSnapshot> snapshot;  ///< null before the first publish
        std::shared_ptr<const PoolHealth> health;
        std::shared_ptr<const std::string> line;
    };
    Latest latest() const;

    /// Waits until an event with seq > `after` is kept, the feed is detached,
    /// `stop` is set (and wake() called), or `timeout` passes; then reads
    /// like EventBacklog::readAfter.
    EventBacklog::Read waitEvents(uint64_t after, size_t max, std::chrono::milliseconds timeout,
                                  const std::atomic<bool>& stop);
    /// Highest seq kept so far (0 when none).
    uint64_t lastSeq() const;
    /// Events refused because their seq did not increase.
    uint64_t refusedEvents() const;

    /// Runs `action` with the Pool under the controls lock (so detach() waits
    /// for it). Error when the pool has no controls or was removed.
    Status withControls(const std::function<Status(Pool&)>& action);
    bool hasControls() const;
    /// Replaces the controls (null: none), waiting for a running action.
    void setControls(Pool* controls);

    /// Forgets the controls (waiting for a running action) and ends every
    /// event stream of this feed. After it the feed never touches the Pool.
    void detach();
    bool detached() const;
    /// Wakes every waitEvents() to look at its `stop` flag again.
    void wake();

    /// Writes the flight recorder to `path` (a new .psrec): all it keeps, or
    /// when `lastMs` > 0 only the last `lastMs` of data time (up to the
    /// newest time published).
    Status saveRecording(const std::string& path, int64_t lastMs = 0) const;
    int64_t recordingWindowMs() const { return recorder_.windowMs(); }

private:
    const std::string name_;
    mutable std::mutex mu_;  // everything below up to controlsMu_
    std::condition_variable cv_;
    Latest latest_;
    EventBacklog backlog_;
    uint64_t refused_ = 0;
    bool detached_ = false;

    std::mutex alertMu_;
    AlertChangeLog alertLog_;
    FlightRecorder recorder_;

    mutable std::mutex controlsMu_;
    Pool* controls_ = nullptr;
};

}  // namespace poolscope
