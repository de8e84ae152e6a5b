#pragma once
// The whole state of one pool at one instant. Live, remote and replayed pools
// all arrive as PoolSnapshot values; every consumer reads only these.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/pool/ConnState.h"
#include "core/pool/PoolConfig.h"
#include "core/util/ConnectErrorClass.h"

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

/// How the wait figures of a snapshot were obtained. Only PoolScope's own
/// pools measure every acquire; other sources report less, and a derived
/// figure says so (issue 10, section 1).
enum class WaitDerivation : uint8_t {
    Exact,      ///< PoolScope's own pool: every acquire of the window measured
    Histogram,  ///< quantiles from histogram bucket deltas over the window
    Summary,    ///< the source's own summary quantiles
    Mean,       ///< only count/sum counters: p50 = p95 = p99 = mean wait per interval
};
std::string_view toString(WaitDerivation d);

/// Acquire latency over the sliding window (ms). Acquires served at once from
/// the idle set count as 0.
struct WaitWindow {
    double p50 = 0, p95 = 0, p99 = 0, max = 0;
    WaitDerivation derivation = WaitDerivation::Exact;
    bool operator==(const WaitWindow&) const = default;
};

/// Cumulative acquire-wait distribution since the pool was created, with
/// fixed Prometheus-style upper bounds (seconds). Counted: every acquire that
/// succeeded (one served at once from the idle set is a 0 s wait, so it lands
/// in the lowest bucket) and every acquire that failed after trying (timed out
/// in the queue, or its connect failed), with the time it took. Not counted:
/// acquires refused at once because the pool was not started or closed.
/// Counts never decrease between two snapshots of one pool.
struct WaitBuckets {
    static constexpr int kBounds = 18;
    /// Upper bounds in seconds, ascending; the implicit last bucket is +Inf.
    static constexpr std::array<double, kBounds> kUpperBounds{
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
        0.1,    0.25,    0.5,    1,     2.5,    5,     10,    30,   60};
    /// cumulative[i]: acquires that waited at most kUpperBounds[i] seconds
    /// (non-decreasing in i); the +Inf bucket is `count`.
    std::array<uint64_t, kBounds> cumulative{};
    uint64_t count = 0;       ///< every counted acquire
    double sumSeconds = 0;    ///< their total wait, seconds
    bool operator==(const WaitBuckets&) const = default;
};

/// Every figure of a snapshot that a source may or may not report. A source
/// that does not report a figure leaves it out of `PoolSnapshot::reported`;
/// its value is then meaningless (left at 0) and every consumer shows it as
/// unknown: `null` in the snapshot line, "not reported" in views, and health
/// rules that need it are off for that pool. Never treat it as a zero.
enum class Figure : uint8_t {
    // counts
    Open, Idle, InUse, Allocating, Returning, Waiting,
    // totals
    Acquired, Released, Created, Destroyed, ClosedMaxIdle, ClosedMaxIdleTime, ClosedMaxLifetime,
    ClosedBroken, ClosedValidation, WaitCount, WaitMs, Timeouts, ConnectErrors, ValidationFailures,
    Leaks, IllegalTransitions, EventsDropped,
    // wait window
    WaitPercentiles,  ///< p50/p95/p99 (see WaitWindow::derivation)
    WaitMax,
    // config
    MaxOpen, MaxIdle, MinIdle,
    OtherConfig,  ///< the remaining PoolConfig fields (lifetimes, timeouts, validation, ...)
    // the rest
    Lifecycle,
    Transitions,  ///< per-edge counters
    Connections,  ///< the per-connection list
    LeakReports,
    /// The birth edge's counter (DESTROYED→ALLOCATING, kConnEdges' last):
    /// part of Transitions, but lines written before the edge existed (older
    /// recordings and endpoints) have the other edges without it.
    Births,
    Count_
};
inline constexpr int kFigureCount = static_cast<int>(Figure::Count_);

/// A set of Figures; default: every figure (PoolScope's own pools).
class FigureSet {
public:
    constexpr FigureSet() = default;
    static constexpr FigureSet none() { return FigureSet(0); }
    static constexpr FigureSet all() { return FigureSet(kAll); }
    constexpr bool has(Figure f) const { return (bits_ >> static_cast<int>(f)) & 1u; }
    constexpr FigureSet& set(Figure f, bool on = true) {
        const uint64_t bit = uint64_t{1} << static_cast<int>(f);
        bits_ = on ? (bits_ | bit) : (bits_ & ~bit);
        return *this;
    }
    constexpr bool isAll() const { return bits_ == kAll; }
    constexpr uint64_t bits() const { return bits_; }
    static constexpr FigureSet fromBits(uint64_t bits) { return FigureSet(bits & kAll); }
    bool operator==(const FigureSet&) const = default;

private:
    static constexpr uint64_t kAll = (uint64_t{1} << kFigureCount) - 1;
    constexpr explicit FigureSet(uint64_t bits) : bits_(bits) {}
    uint64_t bits_ = kAll;
};
static_assert(kFigureCount <= 64);
/// Whether the counter of kConnEdges[edge] is known: every edge needs
/// Transitions, the birth edge Births as well.
constexpr bool edgeReported(FigureSet reported, size_t edge) {
    return reported.has(Figure::Transitions) && (!isBirth(kConnEdges[edge]) || reported.has(Figure::Births));
}

/// The contract name of a figure, as the snapshot line spells its member
/// ("open", "in_use", "acquired", "wait_p", "max_open", ...).
std::string_view toString(Figure f);

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
    /// Cumulative wait histogram; absent when the source does not measure it
    /// (only PoolScope's own pools do).
    std::optional<WaitBuckets> waitBuckets;
    /// Cumulative count per edge of kConnEdges (same order).
    std::array<uint64_t, kConnEdgeCount> transitions{};
    std::vector<ConnectionInfo> connections;
    std::vector<LeakReport> leakReports;  ///< most recent last, bounded
    std::vector<LintFinding> lint;
    /// The driver's message for the newest failed connect (password-free),
    /// and when it happened (wall ms); empty / 0 when no connect has failed.
    std::string lastConnectError;
    int64_t lastConnectErrorMs = 0;
    /// Why the newest failed connect failed, as the driver classed it
    /// (Unknown when none failed or the driver cannot tell).
    ConnectErrorClass lastConnectErrorClass = ConnectErrorClass::Unknown;
    /// Which figures above the source reported; the rest are unknown.
    FigureSet reported;
    /// Replay only: the recorded line of this snapshot was damaged, so it
    /// holds only the figures stored beside the line (counts, wait, max_open,
    /// lifecycle and the chart totals); `reported` names them.
    bool degraded = false;
};


/// Drivers of the database server's own view of its sessions (a server-view
/// source, core/session/ServerViewMapping): those pools are sessions the
/// server sees, not pools with settings.
inline constexpr std::string_view kServerViewDrivers[] = {"pg_stat_activity", "processlist"};
/// The wait window as the mean wait per interval (WaitDerivation::Mean):
/// `waitedMs` over `acquired` acquires that completed in the interval. With
/// none completed the mean is unknown, not 0 (every caller may still be
/// waiting): the percentiles are then left unreported for this snapshot.
inline void setMeanWait(PoolSnapshot& s, double waitedMs, double acquired) {
    s.wait.derivation = WaitDerivation::Mean;
    if (acquired <= 0) {
        s.reported.set(Figure::WaitPercentiles, false);
        return;
    }
    s.wait.p50 = s.wait.p95 = s.wait.p99 = waitedMs / acquired;
    s.reported.set(Figure::WaitPercentiles);
}

inline bool isServerView(const PoolSnapshot& s) {
    for (std::string_view d : kServerViewDrivers)
        if (s.driver == d) return true;
    return false;
}

}  // namespace poolscope
