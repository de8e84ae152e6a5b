#pragma once
// The whole state of one pool at one instant. Live, remote and replayed pools
// all arrive as PoolSnapshot values; every consumer reads only these.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/pool/ConnState.h"
#include "core/pool/PoolConfig.h"

namespace poolscope {

/// Connections per state at the instant of the snapshot.
/// Invariant: open == idle + inUse + allocating + returning.
struct PoolCounts {
    int64_t open = 0;
    int64_t idle = 0;
    int64_t inUse = 0;
    int64_t allocating = 0;
    int64_t returning = 0;
    int64_t waiting = 0;  ///< callers blocked in acquire (queue or suspended pool)
    bool operator==(const PoolCounts&) const = default;
};

/// Cumulative totals since the pool was created. They never drop or decrease.
struct PoolTotals {
    uint64_t acquired = 0;   ///< connections handed to callers
    uint64_t released = 0;   ///< connections given back by callers
    uint64_t created = 0;    ///< physical connections opened (successfully)
    uint64_t destroyed = 0;  ///< physical connections closed
    uint64_t closedMaxIdle = 0;
    uint64_t closedMaxIdleTime = 0;
    uint64_t closedMaxLifetime = 0;
    uint64_t closedBroken = 0;
    uint64_t closedValidation = 0;
    uint64_t waitCount = 0;    ///< acquires that had to wait for a connection
    double waitMs = 0;         ///< total time those acquires waited
    uint64_t timeouts = 0;     ///< acquires that gave up after acquire_timeout
    uint64_t connectErrors = 0;
    uint64_t validationFailures = 0;
    uint64_t leaks = 0;
    uint64_t illegalTransitions = 0;
    uint64_t eventsDropped = 0;
    bool operator==(const PoolTotals&) const = default;
};

/// Acquire latency over the sliding window (ms). Acquires served at once from
/// the idle set count as 0.
struct WaitWindow {
    double p50 = 0, p95 = 0, p99 = 0, max = 0;
    bool operator==(const WaitWindow&) const = default;
};

/// One connection as seen at the snapshot.
struct ConnectionInfo {
    uint64_t id = 0;
    ConnState state = ConnState::Idle;
    int64_t createdMs = 0;  ///< wall-clock ms
    int64_t sinceMs = 0;    ///< wall-clock ms when it entered `state`
    uint64_t uses = 0;      ///< times handed to a caller
    std::string holder;     ///< label given to acquire(), empty when none or idle
    int64_t serverId = 0;   ///< backend PID / thread id, 0 when unknown
    bool leaked = false;    ///< held longer than leak_threshold
    bool operator==(const ConnectionInfo&) const = default;
};

/// A connection held longer than leak_threshold.
struct LeakReport {
    uint64_t conn = 0;
    std::string holder;
    int64_t heldMs = 0;   ///< how long it had been held when reported
    int64_t tMs = 0;      ///< wall-clock ms of the report
    std::vector<std::string> stack;  ///< acquiring thread's stack, innermost first
    bool operator==(const LeakReport&) const = default;
};

struct PoolSnapshot {
    static constexpr int kSchema = 1;
    int64_t tMs = 0;                  ///< wall-clock ms since the Unix epoch
    std::string source = "embedded";  ///< embedded, remote, replay
    std::string pool = "default";
    std::string driver;
    Lifecycle lifecycle = Lifecycle::Initial;
    PoolConfig config;
    PoolCounts counts;
    PoolTotals totals;
    WaitWindow wait;
    /// Cumulative count per edge of kConnEdges (same order).
    std::array<uint64_t, kConnEdgeCount> transitions{};
    std::vector<ConnectionInfo> connections;
    std::vector<LeakReport> leakReports;  ///< most recent last, bounded
    std::vector<LintFinding> lint;
    /// The driver's message for the newest failed connect (password-free),
    /// and when it happened (wall ms); empty / 0 when no connect has failed.
    std::string lastConnectError;
    int64_t lastConnectErrorMs = 0;
};

}  // namespace poolscope
