#pragma once
// Per-edge transition counters and the bounded event ring. Each thread that
// uses a pool gets a block of its own (counters + ring) that only it writes,
// so the hot path does plain stores instead of locked read-modify-writes and
// threads on different cores never share a cache line. Blocks of threads that
// exit are reused by new threads; past kMaxBlocks live threads, the rest share
// one overflow block with atomic read-modify-writes. Counters are exact
// (summed over blocks); events may be dropped, oldest first, and once a
// consumer drains the ring every drop is counted. Before the first drain
// nobody is reading events, so an overwritten one is not a loss to anyone:
// the first drain starts with the newest kRingCapacity per block.

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "core/pool/ConnState.h"
#include "core/telemetry/TransitionEvent.h"
#include "core/util/Clock.h"

namespace poolscope {

class PoolStats {
public:
    /// Threads with a block of their own; more share the overflow block.
    static constexpr int kMaxBlocks = 64;
    /// Events kept per block before the oldest are overwritten.
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
    /// Events overwritten before the consumer drained them (so far). Zero
    /// until the first drain: without a consumer nothing is lost.
    uint64_t droppedTotal() const;

    /// Appends the events recorded since the previous drain, ordered by time,
    /// with consecutive sequence numbers. Single consumer (serialised inside).
    size_t drain(std::vector<TransitionEvent>& out, const Clock& clock);

    struct Block;
    struct Registry;

private:
    Block& block();
    template <class F>
    void forEachBlock(F&& f) const;

    std::shared_ptr<Registry> registry_;
    const uint64_t uid_;  // registry_->uid, read on every record without the indirection
    std::mutex drainMu_;
    std::atomic<uint64_t> dropped_{0};
    std::atomic<bool> consumed_{false};  // a drain has happened
    uint64_t nextSeq_ = 1;  // guarded by drainMu_
};

}  // namespace poolscope
