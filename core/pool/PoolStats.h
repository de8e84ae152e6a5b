#pragma once
// Per-edge transition counters and the bounded event ring, sharded so that
// threads on different cores do not fight over one cache line. Counters are
// exact (summed over shards); events may be dropped (oldest first), and every
// drop is counted.

#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <vector>

#include "core/pool/ConnState.h"
#include "core/telemetry/TransitionEvent.h"
#include "core/util/Clock.h"

namespace poolscope {

class PoolStats {
public:
    static constexpr int kShards = 16;
    /// Events kept per shard before the oldest are overwritten.
    static constexpr uint64_t kRingCapacity = 1024;

    PoolStats();
    ~PoolStats();
    PoolStats(const PoolStats&) = delete;
    PoolStats& operator=(const PoolStats&) = delete;

    /// Counts one applied transition and records its event. Thread-safe, lock-free.
    void recordTransition(int edgeIndex, uint64_t conn, ConnState from, ConnState to, Reason reason,
                          int64_t monoNs);
    /// Counts a refused transition and records it as an illegal event.
    void recordIllegal(uint64_t conn, ConnState from, ConnState to, int64_t monoNs);

    std::array<uint64_t, kConnEdgeCount> edgeTotals() const;
    /// Connections handed to callers (Allocating → InUse with reason Granted).
    uint64_t acquiredTotal() const;
    /// Connections given back by callers (reasons Release and Broken out of InUse).
    uint64_t releasedTotal() const;
    uint64_t illegalTotal() const;
    /// Events overwritten before anyone drained them (so far).
    uint64_t droppedTotal() const;

    /// Appends the events recorded since the previous drain, ordered by time,
    /// with consecutive sequence numbers. Single consumer (serialised inside).
    size_t drain(std::vector<TransitionEvent>& out, const Clock& clock);

private:
    struct Slot;
    struct Ring;
    struct alignas(64) Shard {
        std::array<std::atomic<uint64_t>, kConnEdgeCount> edges{};
        std::atomic<uint64_t> illegal{0};
        std::atomic<uint64_t> acquired{0};
        std::atomic<uint64_t> released{0};
        std::atomic<Ring*> ring{nullptr};
    };
    Shard& shard();
    Ring& ring(Shard& s);
    void push(uint64_t conn, ConnState from, ConnState to, Reason reason, bool illegal,
              int64_t monoNs);

    std::array<Shard, kShards> shards_;
    std::mutex drainMu_;
    std::array<std::atomic<uint64_t>, kShards> cursors_{};  // next index to read per shard
    std::atomic<uint64_t> dropped_{0};
    uint64_t nextSeq_ = 1;  // guarded by drainMu_
};

}  // namespace poolscope
