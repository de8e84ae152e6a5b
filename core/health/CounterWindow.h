#pragma once
// Recent totals and counts of one pool, so rules can ask "how much did this
// counter rise over the last N ms" and "how high did this count get".

#include <cstdint>
#include <deque>

#include "core/telemetry/Snapshot.h"

namespace poolscope {

/// A bounded history of (time, PoolTotals, PoolCounts). Not thread-safe.
class CounterWindow {
public:
    /// Keeps enough history for windows up to `maxWindowNs`, in at most about
    /// kMaxSamples samples (closer samples are merged, so a window's start is
    /// exact to maxWindowNs / kMaxSamples).
    explicit CounterWindow(int64_t maxWindowNs);
    static constexpr size_t kMaxSamples = 512;

    /// Records the totals (and counts) seen at `nowNs` (monotonic,
    /// non-decreasing). When a total went down (the pool was recreated, a
    /// replay jumped back), the history restarts from this sample.
    void add(int64_t nowNs, const PoolTotals& totals, const PoolCounts& counts = {});
    /// How much `field` rose over the last `windowNs`: the newest sample minus
    /// the newest sample at or before (newest time - windowNs), or minus the
    /// oldest sample when the history is shorter. 0 with fewer than two samples,
    /// so the totals a pool had before the first sample never count.
    uint64_t increase(int64_t windowNs, uint64_t (*field)(const PoolTotals&)) const;
    /// The highest `gauge` of the samples in the last `windowNs` (the newest
    /// included; merged samples keep their highest counts). 0 when empty.
    int64_t peak(int64_t windowNs, int64_t (*gauge)(const PoolCounts&)) const;
    /// Changes the history kept (takes effect as samples arrive).
    void setMaxWindowNs(int64_t maxWindowNs);
    size_t size() const { return samples_.size(); }

private:
    struct Sample {
        int64_t ns;
        PoolTotals totals;
        PoolCounts peaks;  ///< field-wise highest counts of the samples merged here
    };
    std::deque<Sample> samples_;
    int64_t maxWindowNs_;
};

}  // namespace poolscope
