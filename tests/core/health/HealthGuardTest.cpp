// The leak guard acting on a real pool (simulated driver), timed by a manual clock.

#include <gtest/gtest.h>

#include <memory>

#include "core/drivers/DriverFactory.h"
#include "core/health/HealthGuard.h"

namespace poolscope {
namespace {

class HealthGuardTest : public testing::Test {
protected:
    HealthGuardTest() : clock(std::make_shared<ManualClock>()), engine(Thresholds::defaults(), clock) {
        PoolConfig c;
        c.maxOpen = 10;
        c.maxIdle = 10;
        c.minIdle = 2;
        c.housekeepingMs = 0;
        auto driver = openDriver("sim://");
        EXPECT_TRUE(driver);
        pool = std::make_unique<Pool>(c, *driver);
        EXPECT_TRUE(pool->start());
    }
    /// The pool's snapshot with `leaks` leak reports so far, `ms` later.
    PoolSnapshot at(int64_t ms, uint64_t leaks) {
        clock->advanceMs(ms);
        PoolSnapshot s = pool->snapshot();
        s.totals.leaks = leaks;
        return s;
    }
    const Alert* guardAlert() {
        for (const auto& a : engine.health("default").alerts)
            if (a.rule == HealthGuard::kRule) return &(alertCopy = a);
        return nullptr;
    }

    std::shared_ptr<ManualClock> clock;
    HealthEngine engine;
    std::unique_ptr<Pool> pool;
    Alert alertCopy;
};

TEST_F(HealthGuardTest, OffDoesNothing) {
    HealthGuard guard(LeakGuardSettings{}, *pool, engine);
    for (uint64_t i = 0; i < 10; ++i) EXPECT_FALSE(guard.observe(at(100, i * 5)));
    EXPECT_EQ(pool->config().maxOpen, 10);
    EXPECT_EQ(guard.actions(), 0u);
}

TEST_F(HealthGuardTest, ShrinksAfterNReportsWithinTheWindowAndSaysSo) {
    HealthGuard guard({LeakGuardSettings::Action::Shrink, 3, 60'000, 50}, *pool, engine);
    EXPECT_FALSE(guard.observe(at(0, 7)));  // reports from before: the baseline
    EXPECT_FALSE(guard.observe(at(1000, 8)));
    EXPECT_FALSE(guard.observe(at(1000, 9)));
    auto alert = guard.observe(at(1000, 10));
    ASSERT_TRUE(alert);
    EXPECT_EQ(pool->config().maxOpen, 5);
    EXPECT_EQ(pool->config().maxIdle, 5);
    EXPECT_EQ(pool->config().minIdle, 2);
    EXPECT_EQ(alert->grade, Grade::Danger);
    EXPECT_EQ(alert->message,
              "leak guard: 3 leak reports within 60 s — pool \"default\" shrunk from max_open=10 to 5 to protect "
              "the database; fix the leak (see the leak alert), then raise max_open again");
    EXPECT_EQ(alert->messageCode, "leak_guard.shrunk");
    EXPECT_EQ(alert->messageArgs, (std::vector<std::string>{"3", "60 s", "default", "10", "5"}));
    engine.evaluate(pool->snapshot());
    ASSERT_NE(guardAlert(), nullptr);
    EXPECT_EQ(guardAlert()->state, AlertState::Firing);
    EXPECT_TRUE(engine.firedAtLeast(Grade::Danger));

    // The same reports do not act twice; three more shrink again.
    EXPECT_FALSE(guard.observe(at(1000, 10)));
    EXPECT_FALSE(guard.observe(at(1000, 12)));
    ASSERT_TRUE(guard.observe(at(1000, 13)));
    EXPECT_EQ(pool->config().maxOpen, 2);
    EXPECT_EQ(guard.actions(), 2u);

    // Someone raises max_open again: the guard's alert resolves.
    PoolConfig c = pool->config();
    c.maxOpen = 10;
    ASSERT_TRUE(pool->reconfigure(c));
    EXPECT_FALSE(guard.observe(at(1000, 13)));
    const PoolHealth h = engine.evaluate(pool->snapshot());
    ASSERT_FALSE(h.alerts.empty());
    EXPECT_EQ(h.alerts.back().rule, "leak_guard");
    EXPECT_EQ(h.alerts.back().state, AlertState::Resolved);
    EXPECT_EQ(guardAlert(), nullptr);
}

TEST_F(HealthGuardTest, ReportsSpreadBeyondTheWindowDoNotAct) {
    HealthGuard guard({LeakGuardSettings::Action::Shrink, 3, 10'000, 50}, *pool, engine);
    guard.observe(at(0, 0));
    for (uint64_t i = 1; i <= 6; ++i) EXPECT_FALSE(guard.observe(at(6000, i))) << i;
    EXPECT_EQ(pool->config().maxOpen, 10);
}

TEST_F(HealthGuardTest, SuspendsAndClearsWhenResumed) {
    HealthGuard guard({LeakGuardSettings::Action::Suspend, 2, 60'000, 50}, *pool, engine);
    guard.observe(at(0, 0));
    auto alert = guard.observe(at(500, 2));
    ASSERT_TRUE(alert);
    EXPECT_EQ(pool->lifecycle(), Lifecycle::Suspended);
    EXPECT_NE(alert->message.find("pool \"default\" suspended: acquires wait until it is resumed"), std::string::npos)
        << alert->message;
    engine.evaluate(pool->snapshot());
    ASSERT_NE(guardAlert(), nullptr);
    ASSERT_TRUE(pool->resume());
    guard.observe(at(500, 2));
    engine.evaluate(pool->snapshot());
    EXPECT_EQ(guardAlert(), nullptr);
}

TEST_F(HealthGuardTest, UnboundedPoolIsCappedAtWhatItHasOpen) {
    PoolConfig c = pool->config();
    c.maxOpen = 0;
    ASSERT_TRUE(pool->reconfigure(c));
    auto l1 = pool->acquire("a");
    auto l2 = pool->acquire("b");
    auto l3 = pool->acquire("c");
    ASSERT_TRUE(l1 && l2 && l3);
    HealthGuard guard({LeakGuardSettings::Action::Shrink, 1, 60'000, 50}, *pool, engine);
    guard.observe(at(0, 0));
    auto alert = guard.observe(at(100, 1));
    ASSERT_TRUE(alert);
    EXPECT_EQ(pool->config().maxOpen, pool->snapshot().counts.open);
    EXPECT_GE(pool->config().maxOpen, 3);
}

}  // namespace
}  // namespace poolscope
