#pragma once
// Min/max buckets of a few metrics of one pool on a fixed time grid, kept
// between refreshes: a live chart re-decimates only the newest bucket(s)
// instead of the whole window on every tick.

#include <cstdint>
#include <string>
#include <vector>

#include "core/telemetry/Timeline.h"

namespace poolscope {

/// Not thread-safe: owned by one chart on the GUI thread.
class DecimationCache {
public:
    /// Buckets of each of `metrics` over [fromMs, toMs): at most `columns`
    /// buckets each, of width bucketMs(toMs - fromMs, columns), their edges on
    /// multiples of that width (so they stay put while the window slides).
    /// Reuses the buckets of the previous call that no appended sample can
    /// change; recomputes the rest. The result is valid until the next call.
    const std::vector<std::vector<MinMaxBucket>>& update(const Timeline& timeline,
                                                         const std::string& pool,
                                                         const std::vector<Metric>& metrics,
                                                         int64_t fromMs, int64_t toMs, int columns);
    /// Forgets every bucket; the next update() recomputes all.
    void invalidate();
    /// Grid step for a span shown in `columns` columns: at least
    /// span / (columns - 1), rounded up to two significant digits so that a
    /// slightly growing span keeps the same grid.
    static int64_t bucketMs(int64_t spanMs, int columns);
    /// Grid step and the grid-aligned range [gridFromMs, gridToMs) covering
    /// the last update()'s [fromMs, toMs).
    int64_t stepMs() const { return step_; }
    int64_t gridFromMs() const { return gridFrom_; }
    int64_t gridToMs() const { return gridTo_; }
    /// Buckets recomputed by the last update() (tests, benchmarks).
    size_t lastRecomputed() const { return lastRecomputed_; }

private:
    const Timeline* timeline_ = nullptr;
    std::string pool_;
    std::vector<Metric> metrics_;
    uint64_t resets_ = 0;
    int64_t step_ = 0;
    int64_t gridFrom_ = 0, gridTo_ = 0;  // range covered by buckets_
    int64_t lastSampleMs_ = 0;           // newest sample when buckets_ were computed
    bool valid_ = false;
    std::vector<std::vector<MinMaxBucket>> buckets_;
    size_t lastRecomputed_ = 0;
};

}  // namespace poolscope
