#pragma once
// Acquire latency percentiles over a sliding window, from a log-linear
// histogram (relative error under 1/16). Only acquires that took the slow path
// are recorded; acquires served at once from the idle set count as zero,
// derived from the acquired counter, so the hot path pays nothing.

#include <array>
#include <cstdint>
#include <mutex>

#include "core/telemetry/Snapshot.h"

namespace poolscope {

class WaitHistogram {
public:
    static constexpr int kSubWindows = 10;
    /// The window is kSubWindows slices of `sliceMs` each (default 10 x 1 s).
    explicit WaitHistogram(int64_t sliceMs = 1000);

    /// Records one slow-path acquire that took `waitNs` and succeeded (or not).
    /// `acquiredTotal` is the pool's acquired counter now. Thread-safe.
    void record(int64_t waitNs, bool succeeded, int64_t nowNs, uint64_t acquiredTotal);
    /// P50/P95/P99/max in ms over the window ending at `nowNs`. Thread-safe.
    WaitWindow window(int64_t nowNs, uint64_t acquiredTotal);
    /// The cumulative distribution since construction (see WaitBuckets for
    /// what is counted): every record()ed acquire with its wait, plus the
    /// fast-path acquires (`acquiredTotal` minus the recorded ones that
    /// succeeded) as 0 s. An acquire counted by the pool but not yet recorded
    /// reads as a fast one once; counts are clamped so they never decrease
    /// (such an acquire may then be counted twice). Thread-safe.
    WaitBuckets cumulative(uint64_t acquiredTotal);

    /// Bucket index for a latency in microseconds, and its representative value.
    static int bucketOf(uint64_t us);
    static double bucketValueUs(int bucket);
    static constexpr int kBuckets = 16 + 44 * 16;

private:
    struct Slice {
        int64_t index = -1;             // which slice of time this is (nowNs / sliceNs)
        uint64_t acquiredAtStart = 0;   // pool acquired counter when the slice began
        uint64_t recordedOk = 0;        // slow-path acquires that succeeded
        uint64_t recorded = 0;
        double maxUs = 0;
        std::array<uint32_t, kBuckets> counts{};
    };
    Slice& sliceFor(int64_t nowNs, uint64_t acquiredTotal);  // mu_ held

    const int64_t sliceNs_;
    std::mutex mu_;
    std::array<Slice, kSubWindows> slices_;
    // Since construction, under mu_: recorded acquires per WaitBuckets bound
    // (last = above every bound), how many succeeded, their total wait, and
    // the fast-path zeros reported so far (the clamp that keeps counts monotone).
    std::array<uint64_t, WaitBuckets::kBounds + 1> totalBuckets_{};
    uint64_t totalRecorded_ = 0;
    uint64_t totalRecordedOk_ = 0;
    uint64_t totalWaitNs_ = 0;
    uint64_t zerosReported_ = 0;
};

}  // namespace poolscope
