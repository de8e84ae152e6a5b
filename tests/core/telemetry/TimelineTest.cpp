#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <random>
#include <thread>

#include "core/telemetry/Timeline.h"

namespace poolscope {
namespace {

constexpr int64_t kT0 = 1'700'000'000'000;

PoolSnapshot snap(int64_t tMs, int64_t inUse, const std::string& pool = "default") {
    PoolSnapshot s;
    s.pool = pool;
    s.tMs = tMs;
    s.counts.inUse = inUse;
    s.counts.open = inUse + 1;
    s.counts.idle = 1;
    s.config.maxOpen = 10;
    return s;
}

/// Min and max of in_use over the samples with t in [t0, t1), by brute force.
std::pair<double, double> bruteMinMax(const std::vector<std::pair<int64_t, double>>& samples,
                                      int64_t t0, int64_t t1) {
    double mn = 1e300, mx = -1e300;
    for (const auto& [t, v] : samples)
        if (t >= t0 && t < t1) mn = std::min(mn, v), mx = std::max(mx, v);
    return {mn, mx};
}

TEST(TimelineTest, AppendKeepsPoolsSpanAndLatest) {
    Timeline tl;
    EXPECT_FALSE(tl.span("default"));
    EXPECT_FALSE(tl.latest("default"));
    tl.append(snap(kT0, 1));
    tl.append(snap(kT0 + 100, 2, "other"));
    tl.append(snap(kT0 + 100, 3));
    EXPECT_EQ(tl.pools(), (std::vector<std::string>{"default", "other"}));
    EXPECT_EQ(tl.size("default"), 2u);
    EXPECT_EQ(tl.span("default"), std::make_pair(kT0, kT0 + 100));
    EXPECT_EQ(tl.latest("default")->counts.inUse, 3);
    EXPECT_EQ(tl.valueAt("default", Metric::InUse, kT0 + 99), 1.0);
    EXPECT_EQ(tl.valueAt("default", Metric::InUse, kT0 + 100), 3.0);
    EXPECT_FALSE(tl.valueAt("default", Metric::InUse, kT0 - 1));
    EXPECT_EQ(tl.valueAt("default", Metric::MaxOpen, kT0), 10.0);
    tl.removePool("other");
    EXPECT_EQ(tl.pools(), (std::vector<std::string>{"default"}));
    tl.clear();
    EXPECT_TRUE(tl.pools().empty());
}

TEST(TimelineTest, OutOfOrderSampleIsRefused) {
    Timeline tl;
    tl.append(snap(kT0 + 1000, 5));
    tl.append(snap(kT0, 9));
    EXPECT_EQ(tl.size("default"), 1u);
    EXPECT_EQ(tl.latest("default")->counts.inUse, 5);
}

TEST(TimelineTest, SingleSampleSpikeSurvivesIntoBucketMax) {
    // 100k samples at 10 Hz, flat at 1, one sample at 50: at 1280 columns each
    // bucket holds ~78 samples, so the spike goes through the pyramid's blocks.
    for (int spikeAt : {0, 31, 32, 1023, 1024, 4097, 54'321, 99'999}) {
        Timeline tl;
        for (int i = 0; i < 100'000; ++i) tl.append(snap(kT0 + i * 100, i == spikeAt ? 50 : 1));
        const auto buckets = tl.decimate("default", Metric::InUse, kT0, kT0 + 100'000 * 100, 1280);
        ASSERT_LE(buckets.size(), 1280u);
        int spikes = 0;
        for (const MinMaxBucket& b : buckets) {
            const int64_t spikeT = kT0 + int64_t(spikeAt) * 100;
            if (spikeT >= b.t0Ms && spikeT < b.t1Ms) {
                EXPECT_EQ(b.max, 50) << "spike at " << spikeAt;
                EXPECT_EQ(b.min, 1);
                ++spikes;
            } else {
                EXPECT_EQ(b.max, 1);
            }
        }
        EXPECT_EQ(spikes, 1) << "spike at " << spikeAt;
    }
}

TEST(TimelineTest, DecimateMatchesBruteForceOnRandomRanges) {
    // Capacity not a multiple of the pyramid blocks, wrapped several times.
    Timeline tl(1500);
    std::mt19937 rng(7);
    std::vector<std::pair<int64_t, double>> kept;
    int64_t t = kT0;
    for (int i = 0; i < 5000; ++i) {
        t += 1 + int64_t(rng() % 200);  // irregular intervals
        const int v = int(rng() % 1000);
        tl.append(snap(t, v));
        kept.push_back({t, double(v)});
    }
    kept.erase(kept.begin(), kept.end() - 1500);
    ASSERT_EQ(tl.size("default"), 1500u);
    for (int round = 0; round < 200; ++round) {
        const int64_t a = kept.front().first - 500 + int64_t(rng() % 160'000);
        const int64_t b = a + 1 + int64_t(rng() % 200'000);
        const int columns = 1 + int(rng() % 300);
        const auto buckets = tl.decimate("default", Metric::InUse, a, b, columns);
        ASSERT_LE(buckets.size(), size_t(columns));
        size_t covered = 0;
        for (const MinMaxBucket& bk : buckets) {
            ASSERT_LT(bk.t0Ms, bk.t1Ms);
            const auto [mn, mx] = bruteMinMax(kept, bk.t0Ms, bk.t1Ms);
            EXPECT_EQ(bk.min, mn);
            EXPECT_EQ(bk.max, mx);
            for (const auto& [st, v] : kept) covered += st >= bk.t0Ms && st < bk.t1Ms;
        }
        // Every sample of [a, b) is in exactly one bucket.
        size_t inRange = 0;
        for (const auto& [st, v] : kept) inRange += st >= a && st < b;
        EXPECT_EQ(covered, inRange);
    }
}

TEST(TimelineTest, RatesPerSecondFromConsecutiveTotals) {
    Timeline tl;
    PoolSnapshot s = snap(kT0, 0);
    tl.append(s);
    s.tMs = kT0 + 500;
    s.totals.acquired = 50;  // 50 in 0.5 s
    s.totals.timeouts = 2;
    s.totals.connectErrors = 1;
    s.totals.validationFailures = 1;
    s.totals.closedBroken = 1;
    s.totals.created = 3;
    s.totals.destroyed = 1;
    tl.append(s);
    s.tMs = kT0 + 500;  // same instant: the last rate stands
    s.totals.acquired = 60;
    tl.append(s);
    s.tMs = kT0 + 1500;
    s.totals.acquired = 5;  // counter reset (a new process): 0, not negative
    tl.append(s);
    auto at = [&](Metric m, int64_t t) { return *tl.valueAt("default", m, t); };
    EXPECT_EQ(at(Metric::AcquireRate, kT0), 0);
    EXPECT_DOUBLE_EQ(at(Metric::AcquireRate, kT0 + 500), 100);
    EXPECT_DOUBLE_EQ(at(Metric::TimeoutRate, kT0 + 500), 4);
    EXPECT_DOUBLE_EQ(at(Metric::ErrorRate, kT0 + 500), 10);  // (1 + 2 + 1 + 1) / 0.5 s
    EXPECT_DOUBLE_EQ(at(Metric::CreatedRate, kT0 + 500), 6);
    EXPECT_DOUBLE_EQ(at(Metric::DestroyedRate, kT0 + 500), 2);
    EXPECT_EQ(at(Metric::AcquireRate, kT0 + 1500), 0);
    EXPECT_EQ(at(Metric::TimeoutRate, kT0 + 1500), 0);
    // The rate series decimates like any other.
    const auto b = tl.decimate("default", Metric::AcquireRate, kT0, kT0 + 2000, 1);
    ASSERT_EQ(b.size(), 1u);
    EXPECT_EQ(b[0].max, 100);
    EXPECT_EQ(b[0].last, 0);
}

TEST(TimelineTest, CapacityDropsOldest) {
    Timeline tl(10);
    for (int i = 0; i < 25; ++i) tl.append(snap(kT0 + i * 100, i));
    EXPECT_EQ(tl.size("default"), 10u);
    EXPECT_EQ(tl.span("default"), std::make_pair(kT0 + 1500, kT0 + 2400));
    EXPECT_FALSE(tl.valueAt("default", Metric::InUse, kT0 + 1400));
    const auto all = tl.decimate("default", Metric::InUse, kT0, kT0 + 10'000, 1);
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].min, 15);
    EXPECT_EQ(all[0].max, 24);
    std::vector<int64_t> times;
    tl.forEachSample("default", 0, kT0 + 10'000, [&](int64_t t, const double* v) {
        times.push_back(t);
        EXPECT_EQ(v[size_t(Metric::InUse)], double(t - kT0) / 100);
    });
    EXPECT_EQ(times.size(), 10u);
    EXPECT_EQ(times.front(), kT0 + 1500);
}

TEST(TimelineTest, MemoryPerSampleIsCompact) {
    EXPECT_LT(Timeline::bytesPerSample(), 80);
    Timeline tl(4096);
    for (int i = 0; i < 4096; ++i) tl.append(snap(kT0 + i * 100, i % 7));
    EXPECT_LE(double(tl.memoryBytes()), 4096 * Timeline::bytesPerSample() * 1.01);
    // A pool with a few samples does not pay for the whole ring.
    tl.append(snap(kT0, 1, "small"));
    EXPECT_LT(double(tl.memoryBytes()), 4096 * Timeline::bytesPerSample() + 2048 * 80.0);
}

TEST(TimelineTest, OneWriterAndReadersSmoke) {
    Timeline tl(5000);
    std::atomic<bool> done{false};
    std::thread writer([&] {
        for (int i = 0; i < 20'000; ++i) tl.append(snap(kT0 + i * 10, i % 13));
        done = true;
    });
    int64_t lastEnd = 0;
    int reads = 0;
    while (!done || reads == 0) {
        if (auto span = tl.span("default")) {
            EXPECT_GE(span->second, lastEnd);
            lastEnd = span->second;
            const auto b = tl.decimate("default", Metric::InUse, span->first, span->second + 1, 640);
            EXPECT_LE(b.size(), 640u);
            for (const MinMaxBucket& x : b) EXPECT_LE(x.max, 12);
            EXPECT_LE(tl.size("default"), 5000u);
            EXPECT_TRUE(tl.latest("default"));
        }
        ++reads;
    }
    writer.join();
    EXPECT_EQ(tl.size("default"), 5000u);
    EXPECT_EQ(tl.span("default")->second, kT0 + 19'999 * 10);
}

TEST(TimelineTest, UnreportedFiguresAreNaNGapsNeverZero) {
    // A go_sql-like source: counts and totals, no waiting gauge, no
    // allocating/returning, no acquired total. Samples 100..199 of 300 come
    // from a source that reports waiting too (e.g. a PoolScope endpoint).
    Timeline tl;
    for (int i = 0; i < 300; ++i) {
        PoolSnapshot s = snap(kT0 + i * 100, 3);
        s.counts.waiting = 2;
        s.totals.created = uint64_t(i);
        s.totals.acquired = uint64_t(i) * 5;
        const bool full = i >= 100 && i < 200;
        if (!full)
            for (Figure f : {Figure::Waiting, Figure::Allocating, Figure::Returning, Figure::Acquired})
                s.reported.set(f, false);
        tl.append(s);
    }
    EXPECT_TRUE(std::isnan(*tl.valueAt("default", Metric::Waiting, kT0)));
    EXPECT_TRUE(std::isnan(*tl.valueAt("default", Metric::AcquireRate, kT0 + 50 * 100)));
    EXPECT_EQ(*tl.valueAt("default", Metric::Waiting, kT0 + 150 * 100), 2);
    EXPECT_EQ(*tl.valueAt("default", Metric::InUse, kT0), 3);
    EXPECT_NEAR(*tl.valueAt("default", Metric::CreatedRate, kT0 + 50 * 100), 10, 1e-3);
    // Decimated: columns wholly outside the reported stretch are NaN (a gap),
    // the others hold only reported values; the pyramid never mixes in a 0.
    const auto buckets = tl.decimate("default", Metric::Waiting, kT0, kT0 + 300 * 100, 3);
    ASSERT_EQ(buckets.size(), 3u);
    EXPECT_TRUE(std::isnan(buckets[0].min) && std::isnan(buckets[0].max));
    EXPECT_EQ(buckets[1].min, 2);
    EXPECT_EQ(buckets[1].max, 2);
    EXPECT_TRUE(std::isnan(buckets[2].min) && std::isnan(buckets[2].max));
    const auto wide = tl.decimate("default", Metric::Waiting, kT0, kT0 + 300 * 100, 1);
    ASSERT_EQ(wide.size(), 1u);
    EXPECT_EQ(wide[0].min, 2);  // the unreported samples are skipped, not zeros
    const auto rate = tl.decimate("default", Metric::AcquireRate, kT0, kT0 + 100 * 100, 2);
    for (const MinMaxBucket& b : rate) EXPECT_TRUE(std::isnan(b.max));
    // The first sample where acquired is reported again has no rate yet
    // (unknown before it), then 50/s.
    EXPECT_TRUE(std::isnan(*tl.valueAt("default", Metric::AcquireRate, kT0 + 100 * 100)));
    EXPECT_NEAR(*tl.valueAt("default", Metric::AcquireRate, kT0 + 150 * 100), 50, 1e-3);
}

TEST(TimelineTest, MetricNamesAreStable) {
    EXPECT_EQ(toString(Metric::InUse), "in_use");
    EXPECT_EQ(toString(Metric::WaitP95), "wait_p95");
    EXPECT_EQ(toString(Metric::ErrorRate), "error_rate");
}

}  // namespace
}  // namespace poolscope
