#include "core/pool/Housekeeper.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/pool/Pool.h"
#include "tests/core/pool/FakeDriver.h"
#include "tests/core/pool/PoolTestSupport.h"

namespace poolscope::test {
/// Has external linkage, so leak reports can name it (like application code
/// in an executable linked with -rdynamic).
[[gnu::noinline]] Result<Lease> orderServiceCreate(Pool& pool) {
    auto lease = pool.acquire("OrderService.create");
    asm volatile("" ::: "memory");  // keeps this frame on the stack (no tail call)
    return lease;
}
}  // namespace poolscope::test

namespace poolscope {
namespace {

using test::expectConsistent;
using test::FakeDriver;
using test::testConfig;

class HousekeeperTest : public ::testing::Test {
protected:
    std::shared_ptr<FakeDriver> driver = std::make_shared<FakeDriver>();
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>();
    std::unique_ptr<Pool> pool;

    void startPool(PoolConfig c) {
        pool = std::make_unique<Pool>(std::move(c), driver, clock);
        ASSERT_TRUE(pool->start().isOk());
    }
    /// Opens n connections and returns them all to the idle set.
    void openIdle(int n) {
        std::vector<Lease> leases;
        for (int i = 0; i < n; ++i) leases.push_back(std::move(pool->acquire().value()));
        for (auto& l : leases) ASSERT_TRUE(l.release().isOk());
    }
};

TEST_F(HousekeeperTest, StartFillsMinIdle) {
    auto c = testConfig(10);
    c.minIdle = 3;
    startPool(c);
    const auto s = pool->snapshot();
    expectConsistent(s);
    EXPECT_EQ(s.counts.idle, 3);
    EXPECT_EQ(s.totals.acquired, 0u) << "housekeeper borrows are not caller acquires";
    EXPECT_EQ(s.totals.released, 0u);
}

TEST_F(HousekeeperTest, MaxIdleTimeClosesIdleButKeepsMinIdle) {
    auto c = testConfig(10);
    c.minIdle = 2;
    c.maxIdleTimeMs = 1000;
    startPool(c);
    openIdle(5);
    clock->advanceMs(999);
    EXPECT_EQ(pool->housekeeper().runOnce().closedMaxIdleTime, 0);
    clock->advanceMs(2);
    const auto report = pool->housekeeper().runOnce();
    EXPECT_EQ(report.closedMaxIdleTime, 3);
    const auto s = pool->snapshot();
    expectConsistent(s);
    EXPECT_EQ(s.counts.idle, 2);
    EXPECT_EQ(s.totals.closedMaxIdleTime, 3u);
}

TEST_F(HousekeeperTest, MaxLifetimeClosesIdleAndRefillsMinIdle) {
    auto c = testConfig(10);
    c.minIdle = 2;
    c.maxLifetimeMs = 5000;
    c.maxIdleTimeMs = 0;
    startPool(c);
    clock->advanceMs(5000);
    const auto report = pool->housekeeper().runOnce();
    EXPECT_EQ(report.closedMaxLifetime, 2);
    EXPECT_EQ(report.opened, 2);
    const auto s = pool->snapshot();
    EXPECT_EQ(s.counts.idle, 2);
    EXPECT_EQ(s.totals.closedMaxLifetime, 2u);
    EXPECT_EQ(s.totals.created, 4u);
}

TEST_F(HousekeeperTest, KeepaliveFindsDeadIdleConnections) {
    auto c = testConfig(10);
    c.keepaliveMs = 30'000;
    startPool(c);
    openIdle(3);
    clock->advanceMs(30'000);
    auto report = pool->housekeeper().runOnce();
    EXPECT_EQ(report.validated, 3);
    EXPECT_EQ(pool->snapshot().counts.idle, 3);
    driver->restart();  // idle connections die while nobody uses them
    clock->advanceMs(30'000);
    report = pool->housekeeper().runOnce();
    EXPECT_EQ(report.validationFailed, 3);
    const auto s = pool->snapshot();
    expectConsistent(s);
    EXPECT_EQ(s.counts.open, 0);
    EXPECT_EQ(s.totals.validationFailures, 3u);
    EXPECT_EQ(s.totals.closedValidation, 3u);
    auto l = pool->acquire();
    EXPECT_TRUE(l->execute("SELECT 1").isOk()) << "a caller never meets the dead connections";
}

TEST_F(HousekeeperTest, TrimsIdleBeyondMaxIdleAfterReconfigure) {
    startPool(testConfig(10));
    openIdle(6);
    auto c = pool->config();
    c.maxIdle = 2;
    ASSERT_TRUE(pool->reconfigure(c).isOk());
    EXPECT_EQ(pool->housekeeper().runOnce().closedMaxIdle, 4);
    EXPECT_EQ(pool->snapshot().totals.closedMaxIdle, 4u);
}

TEST_F(HousekeeperTest, ReportsEachLeakOnceWithHolderAndStack) {
    auto c = testConfig(10);
    c.leakThresholdMs = 1000;
    startPool(c);
    auto leaked = test::orderServiceCreate(*pool);
    auto ok = pool->acquire("quick");
    clock->advanceMs(999);
    EXPECT_EQ(pool->housekeeper().runOnce().leaksReported, 0);
    ASSERT_TRUE(ok->release().isOk());
    clock->advanceMs(600);
    EXPECT_EQ(pool->housekeeper().runOnce().leaksReported, 1);
    EXPECT_EQ(pool->housekeeper().runOnce().leaksReported, 0) << "one report per holding";
    const auto s = pool->snapshot();
    EXPECT_EQ(s.totals.leaks, 1u);
    ASSERT_EQ(s.leakReports.size(), 1u);
    const LeakReport& r = s.leakReports[0];
    EXPECT_EQ(r.conn, leaked->connectionId());
    EXPECT_EQ(r.holder, "OrderService.create");
    EXPECT_EQ(r.heldMs, 1599);
    ASSERT_FALSE(r.stack.empty());
    bool seesTest = false;
    for (const auto& frame : r.stack) seesTest |= frame.find("orderServiceCreate") != std::string::npos;
    std::string all;
    for (const auto& f : r.stack) all += f + "\n";
    EXPECT_TRUE(seesTest) << "the stack shows the code that acquired:\n" << all;
    bool flagged = false;
    for (const auto& conn : s.connections) flagged |= conn.leaked && conn.id == r.conn;
    EXPECT_TRUE(flagged);
}

TEST_F(HousekeeperTest, DoesNothingBeforeStart) {
    auto c = testConfig(10);
    c.minIdle = 2;
    pool = std::make_unique<Pool>(c, driver, clock);
    EXPECT_EQ(pool->housekeeper().runOnce(), Housekeeper::Report{});
    EXPECT_EQ(driver->connects, 0);
}

}  // namespace
}  // namespace poolscope
