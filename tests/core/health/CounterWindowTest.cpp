#include <gtest/gtest.h>

#include "core/health/CounterWindow.h"

namespace poolscope {
namespace {

constexpr int64_t kSec = 1'000'000'000;

uint64_t timeouts(const PoolTotals& t) { return t.timeouts; }

PoolTotals withTimeouts(uint64_t n) {
    PoolTotals t;
    t.timeouts = n;
    t.acquired = 1000 + n;
    return t;
}

TEST(CounterWindowTest, IncreaseOverTheWindow) {
    CounterWindow w(20 * kSec);
    EXPECT_EQ(w.increase(10 * kSec, timeouts), 0u);
    w.add(0, withTimeouts(7));
    EXPECT_EQ(w.increase(10 * kSec, timeouts), 0u);  // one sample: the baseline only
    for (int s = 1; s <= 20; ++s) w.add(s * kSec, withTimeouts(7 + (s == 5 ? 1 : 0) + (s > 5 ? 1 : 0)));
    // t=20: the sample at t=10 is the base; the rise at t=5 is out of the window.
    EXPECT_EQ(w.increase(10 * kSec, timeouts), 0u);
    EXPECT_EQ(w.increase(15 * kSec, timeouts), 0u);  // the rise was in (4 s, 5 s]
    EXPECT_EQ(w.increase(16 * kSec, timeouts), 1u);
    EXPECT_LE(w.size(), 22u);
    // Windows beyond the history kept see what is kept.
    EXPECT_EQ(w.increase(60 * kSec, timeouts), 1u);
}

TEST(CounterWindowTest, ARiseCountsForTheWholeWindow) {
    CounterWindow w(10 * kSec);
    w.add(0, withTimeouts(0));
    w.add(1 * kSec, withTimeouts(2));
    // The rise happened in (0 s, 1 s]: windows ending at 1..10 s see it.
    for (int s = 2; s <= 10; ++s) {
        w.add(s * kSec, withTimeouts(2));
        EXPECT_EQ(w.increase(10 * kSec, timeouts), 2u) << s;
    }
    w.add(11 * kSec, withTimeouts(2));
    EXPECT_EQ(w.increase(10 * kSec, timeouts), 0u);
}

TEST(CounterWindowTest, TotalsGoingDownRestartTheHistory) {
    CounterWindow w(10 * kSec);
    w.add(0, withTimeouts(5));
    w.add(1 * kSec, withTimeouts(9));
    EXPECT_EQ(w.increase(10 * kSec, timeouts), 4u);
    w.add(2 * kSec, withTimeouts(1));  // a new pool with the same name
    EXPECT_EQ(w.size(), 1u);
    EXPECT_EQ(w.increase(10 * kSec, timeouts), 0u);
    w.add(3 * kSec, withTimeouts(2));
    EXPECT_EQ(w.increase(10 * kSec, timeouts), 1u);
}

TEST(CounterWindowTest, FastSamplingStaysBounded) {
    CounterWindow w(10 * kSec);
    for (int64_t i = 0; i <= 100'000; ++i) w.add(i * 1'000'000, withTimeouts(static_cast<uint64_t>(i)));  // 1 ms apart
    EXPECT_LE(w.size(), CounterWindow::kMaxSamples + CounterWindow::kMaxSamples / 8);
    // 100 s run; over the last 10 s the counter rose by ~10000 (exact to a granule).
    const uint64_t rise = w.increase(10 * kSec, timeouts);
    EXPECT_GE(rise, 10'000u);
    EXPECT_LE(rise, 10'000u + 2 * 10'000 / CounterWindow::kMaxSamples);
}

}  // namespace
}  // namespace poolscope

namespace poolscope {
namespace {

int64_t openCount(const PoolCounts& c) { return c.open; }

TEST(CounterWindowTest, PeakOfACountOverTheWindow) {
    CounterWindow w(10'000'000'000);
    EXPECT_EQ(w.peak(10'000'000'000, openCount), 0);
    w.add(0, {}, {.open = 64});
    w.add(1'000'000'000, {}, {.open = 30});
    EXPECT_EQ(w.peak(10'000'000'000, openCount), 64);
    EXPECT_EQ(w.peak(500'000'000, openCount), 30);  // only the newest in half a second
    for (int s = 2; s <= 10; ++s) w.add(s * 1'000'000'000LL, {}, {.open = 30});
    EXPECT_EQ(w.peak(10'000'000'000, openCount), 30);  // the 64 at t=0 is 10 s old
}

TEST(CounterWindowTest, MergedSamplesKeepTheirPeak) {
    CounterWindow w(1'000'000'000);  // granularity ~2 ms
    w.add(0, {}, {.open = 1});
    w.add(1'000'000, {}, {.open = 1});
    w.add(1'100'000, {}, {.open = 90});  // merged into the newest
    w.add(1'200'000, {}, {.open = 2});   // merged again
    EXPECT_EQ(w.size(), 2u);
    EXPECT_EQ(w.peak(1'000'000'000, openCount), 90);
}

}  // namespace
}  // namespace poolscope
