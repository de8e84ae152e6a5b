#pragma once
// Where a live session sends what it sees so it can be replayed: a Recorder
// (to a file, as it happens) or a FlightRecorder (the last minutes, in
// memory). A source fans out to any number of sinks.

#include <string>
#include <vector>

#include "core/recording/RecordingTypes.h"

namespace poolscope {

/// Thread-safe in every implementation; no call blocks on disk.
class RecordingSink {
public:
    virtual ~RecordingSink() = default;
    /// One snapshot and the exact line printed (or shown) for it.
    virtual void append(RecordedSnapshot snapshot) = 0;
    /// Events of one pool in delivery order (Pool::drainEvents).
    virtual void appendEvents(const std::string& pool, std::vector<TransitionEvent> events) = 0;
    /// One alert change (pending, firing, resolved).
    virtual void appendAlert(RecordedAlert alert) = 0;

    /// Convenience: append(RecordedSnapshot::of(snapshot, line)).
    void appendSnapshot(const PoolSnapshot& snapshot, std::string line) {
        append(RecordedSnapshot::of(snapshot, std::move(line)));
    }
};

}  // namespace poolscope
