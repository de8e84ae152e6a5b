#pragma once
// The in-memory time series of every pool a session sees: what charts, the
// health engine's history views and exports read. Knows nothing of widgets.
// Live, remote and replayed sources all append the same PoolSnapshot values.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/telemetry/Snapshot.h"

namespace poolscope {

/// Which figure of a snapshot a chart plots.
/// Rates are per second between consecutive samples (0 for a pool's first
/// sample and after a counter reset); ErrorRate counts connect errors,
/// timeouts, validation failures and connections closed broken. MaxOpen is 0
/// for an unlimited pool. A figure the sample's source did not report
/// (PoolSnapshot::reported) is stored as NaN, never as 0: a rate is NaN unless
/// its total is reported in both samples (ErrorRate: any of its totals).
enum class Metric : uint8_t {
    Open, Idle, InUse, Waiting, Allocating, Returning, MaxOpen,  // connections
    WaitP50, WaitP95, WaitP99, WaitMax,                          // ms
    AcquireRate, TimeoutRate, CreatedRate, DestroyedRate, ErrorRate,  // per second
};
inline constexpr int kMetricCount = static_cast<int>(Metric::ErrorRate) + 1;

/// Stable snake_case name of a metric ("in_use", "wait_p95", "acquire_rate"):
/// CSV headers and machine-readable output.
std::string_view toString(Metric metric);

/// One pixel column of a decimated series: min and max of the samples in
/// [t0Ms, t1Ms), so spikes survive decimation. Unreported (NaN) samples are
/// skipped; min and max are NaN when no sample of the column was reported
/// (a chart draws a gap there).
struct MinMaxBucket {
    int64_t t0Ms = 0;
    int64_t t1Ms = 0;
    double min = 0;
    double max = 0;
    double last = 0;
};

/// Thread-safe: one writer (the source's thread) and many readers (GUI).
/// Stores compact numeric samples per pool (not whole snapshots) plus the
/// newest full snapshot; replay reads full snapshots from the recording.
class Timeline {
public:
    /// `capacity` samples kept per pool (oldest dropped); default 24 h at 10 Hz.
    explicit Timeline(size_t capacity = 864'000);
    ~Timeline();  // out of line: Series is complete only in Timeline.cpp
    Timeline(const Timeline&) = delete;
    Timeline& operator=(const Timeline&) = delete;

    /// Appends a snapshot. Samples of one pool must arrive in time order.
    void append(const PoolSnapshot& snapshot);
    /// Names of the pools seen, in first-seen order.
    std::vector<std::string> pools() const;
    /// The newest full snapshot of a pool.
    std::optional<PoolSnapshot> latest(const std::string& pool) const;
    /// Time span [first, last] of a pool's samples; nullopt when empty.
    std::optional<std::pair<int64_t, int64_t>> span(const std::string& pool) const;
    /// `metric` over [fromMs, toMs) decimated into at most `columns` buckets
    /// (min/max per bucket). Rates are computed from consecutive samples.
    std::vector<MinMaxBucket> decimate(const std::string& pool, Metric metric, int64_t fromMs,
                                       int64_t toMs, int columns) const;
    size_t size(const std::string& pool) const;
    void clear();
    /// Forgets one pool's samples and snapshot (e.g. a closed pool-per-request pool).
    void removePool(const std::string& pool);

    /// Samples kept per pool before the oldest are dropped.
    size_t capacity() const { return capacity_; }
    /// Value of `metric` at the newest sample with t <= tMs; nullopt when the
    /// pool is unknown or has no sample at or before tMs (e.g. hover readout);
    /// NaN when that sample's source did not report the figure.
    std::optional<double> valueAt(const std::string& pool, Metric metric, int64_t tMs) const;
    /// Calls `visit(tMs, values)` for every sample in [fromMs, toMs), oldest
    /// first; values are indexed by Metric (NaN: not reported). Holds the lock while visiting: do
    /// not call back into the Timeline from `visit` (CSV export).
    void forEachSample(const std::string& pool, int64_t fromMs, int64_t toMs,
                       const std::function<void(int64_t, const double*)>& visit) const;
    /// Counts clear() and removePool() calls: a reader caching decimated
    /// buckets drops its cache when this changes (appends never alter the past).
    uint64_t resets() const;
    /// Bytes of memory one stored sample costs (columns plus min/max pyramid).
    static double bytesPerSample();
    /// Bytes held by the samples of every pool (excluding the latest snapshots).
    size_t memoryBytes() const;

private:
    struct Series;  // defined in Timeline.cpp
    const Series* find(const std::string& pool) const;  // mu_ held
    mutable std::mutex mu_;
    size_t capacity_;
    uint64_t resets_ = 0;
    std::vector<std::string> order_;
    std::map<std::string, std::unique_ptr<Series>> series_;
};

}  // namespace poolscope
