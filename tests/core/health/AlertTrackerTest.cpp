// pending → firing → resolved, hold times and hysteresis, on a manual clock.

#include <gtest/gtest.h>

#include <optional>

#include "core/health/AlertTracker.h"
#include "core/util/Clock.h"

namespace poolscope {
namespace {

using Change = AlertTracker::Change;

/// wait_p99 defaults: warning 5, danger 50, for 2 s, clear after 5 s below 0.8 x.
class AlertTrackerTest : public testing::Test {
protected:
    Change at(int64_t ms, std::optional<double> value) {
        clock.advanceMs(ms - elapsedMs);
        elapsedMs = ms;
        return tracker.update(clock.nowNs(), clock.wallMs(), value, value ? "p99 " + std::to_string(*value) : "",
                              settings);
    }
    ManualClock clock;
    int64_t elapsedMs = 0;
    RuleSettings settings = Thresholds::defaults().rule(RuleId::WaitP99);
    AlertTracker tracker{"default", "wait_p99", ""};
};

TEST_F(AlertTrackerTest, ASingleSpikeIsDroppedWithoutFiring) {
    EXPECT_EQ(at(0, 80), Change::Pending);
    EXPECT_TRUE(tracker.active());
    EXPECT_EQ(tracker.alert().state, AlertState::Pending);
    EXPECT_EQ(tracker.alert().grade, Grade::Danger);
    EXPECT_EQ(at(1000, 1), Change::Dropped);
    EXPECT_FALSE(tracker.active());
    EXPECT_EQ(tracker.alert().firedMs, 0);
    EXPECT_EQ(at(2000, 1), Change::None);
}

TEST_F(AlertTrackerTest, FiresAfterHoldingForForMs) {
    const int64_t startWall = clock.wallMs();
    EXPECT_EQ(at(0, 80), Change::Pending);
    EXPECT_EQ(at(1000, 70), Change::None);
    EXPECT_EQ(at(1999, 70), Change::None);
    EXPECT_EQ(at(2000, 60), Change::Fired);
    const Alert& a = tracker.alert();
    EXPECT_EQ(a.state, AlertState::Firing);
    EXPECT_EQ(a.grade, Grade::Danger);
    EXPECT_EQ(a.peakGrade, Grade::Danger);
    EXPECT_EQ(a.value, 60);
    EXPECT_EQ(a.threshold, 50);
    EXPECT_EQ(a.firstSeenMs, startWall);
    EXPECT_EQ(a.lastSeenMs, startWall + 2000);
    EXPECT_EQ(a.firedMs, startWall + 2000);
    EXPECT_EQ(a.message, "p99 60.000000");
    EXPECT_EQ(a.pool, "default");
    EXPECT_EQ(a.rule, "wait_p99");
}

TEST_F(AlertTrackerTest, HysteresisKeepsItFiringAboveTheClearThreshold) {
    at(0, 80);
    ASSERT_EQ(at(2000, 80), Change::Fired);
    // 45 is below danger (50) but above its clear threshold (40): no flapping.
    for (int64_t t = 3000; t <= 20'000; t += 1000)
        EXPECT_EQ(at(t, t % 2000 ? 45 : 60), Change::None) << t;
    EXPECT_EQ(tracker.alert().state, AlertState::Firing);
    EXPECT_EQ(tracker.alert().grade, Grade::Danger);
}

TEST_F(AlertTrackerTest, ShortDipsBelowTheClearThresholdDoNotResolve) {
    at(0, 80);
    at(2000, 80);
    EXPECT_EQ(at(3000, 1), Change::None);
    EXPECT_EQ(at(7000, 1), Change::None);   // 4 s below: not yet clear_for_ms
    EXPECT_EQ(at(7500, 60), Change::None);  // back up: the clear hold restarts
    EXPECT_EQ(at(8000, 1), Change::None);
    EXPECT_EQ(at(12'999, 1), Change::None);
    EXPECT_EQ(at(13'000, 1), Change::Resolved);
    EXPECT_EQ(tracker.alert().state, AlertState::Resolved);
    EXPECT_EQ(tracker.alert().resolvedMs, clock.wallMs());
    EXPECT_EQ(tracker.alert().peakGrade, Grade::Danger);
    EXPECT_FALSE(tracker.active());
}

TEST_F(AlertTrackerTest, LowersToWarningThenResolves) {
    at(0, 80);
    at(2000, 80);
    EXPECT_EQ(at(3000, 30), Change::None);  // below danger's clear (40), above warning's (4)
    EXPECT_EQ(at(8000, 30), Change::Lowered);
    EXPECT_EQ(tracker.alert().grade, Grade::Warning);
    EXPECT_EQ(tracker.alert().threshold, 5);
    EXPECT_EQ(tracker.alert().state, AlertState::Firing);
    EXPECT_EQ(at(9000, 4.5), Change::None);  // above warning's clear threshold
    EXPECT_EQ(at(10'000, 3), Change::None);
    EXPECT_EQ(at(15'000, 3), Change::Resolved);
    EXPECT_EQ(tracker.alert().peakGrade, Grade::Danger);
}

TEST_F(AlertTrackerTest, FiresAtTheGradeThatHeldThenEscalates) {
    EXPECT_EQ(at(0, 10), Change::Pending);
    EXPECT_EQ(tracker.alert().grade, Grade::Warning);
    EXPECT_EQ(at(1500, 70), Change::None);  // danger seen, warning held since 0
    EXPECT_EQ(tracker.alert().grade, Grade::Danger);  // pending shows the worst now
    EXPECT_EQ(at(2000, 70), Change::Fired);
    EXPECT_EQ(tracker.alert().grade, Grade::Warning);  // danger held only 0.5 s
    EXPECT_EQ(at(3000, 70), Change::None);
    EXPECT_EQ(at(3500, 70), Change::Escalated);
    EXPECT_EQ(tracker.alert().grade, Grade::Danger);
    EXPECT_EQ(tracker.alert().peakGrade, Grade::Danger);
}

TEST_F(AlertTrackerTest, ZeroForMsFiresAtOnce) {
    settings.forMs = 0;
    EXPECT_EQ(at(0, 6), Change::Fired);
    EXPECT_EQ(tracker.alert().grade, Grade::Warning);
}

TEST_F(AlertTrackerTest, NotApplicableClearsLikeAFalseCondition) {
    at(0, 80);
    at(2000, 80);
    EXPECT_EQ(at(3000, std::nullopt), Change::None);
    EXPECT_EQ(tracker.alert().value, 80);  // the last value it had
    EXPECT_EQ(at(8000, std::nullopt), Change::Resolved);
}

TEST_F(AlertTrackerTest, DisabledRuleResolvesAfterItsClearHold) {
    at(0, 80);
    at(2000, 80);
    settings.enabled = false;
    EXPECT_EQ(at(3000, 80), Change::None);
    EXPECT_EQ(at(8000, 80), Change::Resolved);
}

TEST_F(AlertTrackerTest, ARefireStartsANewAlert) {
    at(0, 80);
    at(2000, 80);
    at(3000, 1);
    ASSERT_EQ(at(8000, 1), Change::Resolved);
    const int64_t wall = clock.wallMs();
    EXPECT_EQ(at(9000, 80), Change::Pending);
    EXPECT_EQ(tracker.alert().firstSeenMs, wall + 1000);
    EXPECT_EQ(tracker.alert().firedMs, 0);
    EXPECT_EQ(tracker.alert().resolvedMs, 0);
    EXPECT_EQ(tracker.alert().peakGrade, Grade::Normal);
    EXPECT_EQ(at(11'000, 80), Change::Fired);
}

TEST_F(AlertTrackerTest, NoHysteresisWithClearRatioOne) {
    settings.clearRatio = 1;
    settings.clearForMs = 0;
    at(0, 80);
    at(2000, 80);
    EXPECT_EQ(at(3000, 49), Change::Lowered);
    EXPECT_EQ(at(4000, 4.9), Change::Resolved);
}

}  // namespace
}  // namespace poolscope
