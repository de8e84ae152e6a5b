#include "core/pool/WaitHistogram.h"

#include <gtest/gtest.h>

namespace poolscope {
namespace {

constexpr int64_t kMs = 1'000'000;

TEST(WaitHistogramTest, BucketsStayWithinOneSixteenth) {
    for (uint64_t us : {0ULL, 1ULL, 15ULL, 16ULL, 17ULL, 100ULL, 1234ULL, 50'000ULL, 7'777'777ULL}) {
        const double v = WaitHistogram::bucketValueUs(WaitHistogram::bucketOf(us));
        EXPECT_NEAR(v, static_cast<double>(us), static_cast<double>(us) / 16.0 + 0.5) << us;
    }
    for (uint64_t us = 1; us < 1'000'000; us = us * 3 + 1)
        EXPECT_LE(WaitHistogram::bucketOf(us), WaitHistogram::bucketOf(us + 1));
}

TEST(WaitHistogramTest, PercentilesOfRecordedWaits) {
    WaitHistogram h;
    const int64_t now = 100 * 1000 * kMs;
    // 100 slow acquires: 1..100 ms.
    for (int i = 1; i <= 100; ++i) h.record(i * kMs, true, now, 0);
    const WaitWindow w = h.window(now, 100);
    EXPECT_NEAR(w.p50, 50, 50 / 16.0 + 0.1);
    EXPECT_NEAR(w.p95, 95, 95 / 16.0 + 0.1);
    EXPECT_NEAR(w.p99, 99, 99 / 16.0 + 0.1);
    EXPECT_DOUBLE_EQ(w.max, 100);
}

TEST(WaitHistogramTest, FastAcquiresCountAsZero) {
    WaitHistogram h;
    const int64_t now = 50 * 1000 * kMs;
    h.window(now, 0);  // the window starts with acquired=0
    // 990 acquires served from the idle set, 10 slow ones of 40 ms.
    for (int i = 0; i < 10; ++i) h.record(40 * kMs, true, now, 0);
    const WaitWindow w = h.window(now, 1000);
    EXPECT_DOUBLE_EQ(w.p50, 0);
    EXPECT_DOUBLE_EQ(w.p95, 0);
    EXPECT_NEAR(w.p99, 0, 1e-9);
    EXPECT_DOUBLE_EQ(w.max, 40);
}

TEST(WaitHistogramTest, OldWaitsLeaveTheWindow) {
    WaitHistogram h(1000);
    const int64_t t0 = 10 * 1000 * kMs;
    h.record(30 * kMs, true, t0, 0);
    EXPECT_NEAR(h.window(t0, 1).p99, 30, 2);
    const WaitWindow later = h.window(t0 + 11 * 1000 * kMs, 1);
    EXPECT_DOUBLE_EQ(later.p99, 0);
    EXPECT_DOUBLE_EQ(later.max, 0);
}

TEST(WaitHistogramTest, TimeoutsCountInTheTail) {
    WaitHistogram h;
    const int64_t now = 20 * 1000 * kMs;
    h.window(now, 0);
    for (int i = 0; i < 98; ++i) h.record(0, true, now, 0);
    h.record(500 * kMs, false, now, 98);
    h.record(500 * kMs, false, now, 98);
    const WaitWindow w = h.window(now, 98);
    EXPECT_NEAR(w.p99, 500, 500 / 16.0);
}

TEST(WaitHistogramTest, CumulativeCountsFastAcquiresAsZeroAndSlowOnesByBound) {
    WaitHistogram h;
    const int64_t now = 30 * 1000 * kMs;
    h.record(3 * kMs, true, now, 0);        // 3 ms: in le=0.005, not le=0.0025
    h.record(100 * kMs, true, now, 0);      // exactly 0.1 s: in le=0.1
    h.record(2000 * kMs, false, now, 0);    // a 2 s timeout: in le=2.5
    h.record(90'000 * kMs, false, now, 0);  // 90 s: only in +Inf
    // 10 acquires succeeded: 2 slow, 8 served at once from the idle set.
    const WaitBuckets b = h.cumulative(10);
    auto at = [&](double bound) {
        for (int i = 0; i < WaitBuckets::kBounds; ++i)
            if (WaitBuckets::kUpperBounds[static_cast<size_t>(i)] == bound) return b.cumulative[static_cast<size_t>(i)];
        ADD_FAILURE() << "no bound " << bound;
        return uint64_t{0};
    };
    EXPECT_EQ(b.count, 12u);  // 10 succeeded + 2 failed after trying
    EXPECT_EQ(at(0.0001), 8u);
    EXPECT_EQ(at(0.0025), 8u);
    EXPECT_EQ(at(0.005), 9u);
    EXPECT_EQ(at(0.05), 9u);
    EXPECT_EQ(at(0.1), 10u);
    EXPECT_EQ(at(2.5), 11u);
    EXPECT_EQ(at(60), 11u);
    EXPECT_NEAR(b.sumSeconds, 0.003 + 0.1 + 2 + 90, 1e-9);
}

TEST(WaitHistogramTest, CumulativeNeverDecreases) {
    WaitHistogram h;
    const int64_t now = 30 * 1000 * kMs;
    // The pool counted an acquire that has not been recorded yet: it reads as
    // a fast one; once recorded as 40 ms the zero bucket must not go down.
    const WaitBuckets before = h.cumulative(1);
    h.record(40 * kMs, true, now, 1);
    const WaitBuckets after = h.cumulative(1);
    for (int i = 0; i < WaitBuckets::kBounds; ++i)
        EXPECT_GE(after.cumulative[static_cast<size_t>(i)], before.cumulative[static_cast<size_t>(i)]) << i;
    EXPECT_GE(after.count, before.count);
}

}  // namespace
}  // namespace poolscope
