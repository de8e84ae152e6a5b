#include "core/pool/Pool.h"

#include <gtest/gtest.h>

#include <mutex>
#include <thread>
#include <vector>

#include "tests/core/pool/FakeDriver.h"
#include "tests/core/pool/PoolTestSupport.h"

namespace poolscope {
namespace {

using test::eventually;
using test::expectConsistent;
using test::FakeDriver;
using test::testConfig;

class PoolTest : public ::testing::Test {
protected:
    std::shared_ptr<FakeDriver> driver = std::make_shared<FakeDriver>();
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>();
    std::unique_ptr<Pool> makePool(PoolConfig c) {
        auto p = std::make_unique<Pool>(std::move(c), driver, clock);
        EXPECT_TRUE(p->start().isOk());
        return p;
    }
};

TEST_F(PoolTest, AcquireOpensThenReuses) {
    auto pool = makePool(testConfig());
    {
        auto lease = pool->acquire("OrderService.create");
        ASSERT_TRUE(lease.isOk()) << lease.message();
        const auto s = pool->snapshot();
        expectConsistent(s);
        EXPECT_EQ(s.counts.inUse, 1);
        ASSERT_EQ(s.connections.size(), 1u);
        EXPECT_EQ(s.connections[0].holder, "OrderService.create");
        EXPECT_EQ(s.connections[0].serverId, 1001);
    }
    auto again = pool->acquire();
    ASSERT_TRUE(again.isOk());
    ASSERT_TRUE(again->release().isOk());
    const auto s = pool->snapshot();
    expectConsistent(s);
    EXPECT_EQ(driver->connects, 1) << "the idle connection is reused";
    EXPECT_EQ(s.totals.created, 1u);
    EXPECT_EQ(s.totals.acquired, 2u);
    EXPECT_EQ(s.totals.released, 2u);
    EXPECT_EQ(s.counts.idle, 1);
    EXPECT_EQ(s.connections[0].uses, 2u);
    EXPECT_EQ(s.connections[0].holder, "") << "an idle connection has no holder";
}

TEST_F(PoolTest, ReusesMostRecentlyReturned) {
    auto pool = makePool(testConfig());
    auto a = pool->acquire(), b = pool->acquire(), c = pool->acquire();
    const uint64_t idB = b->connectionId();
    ASSERT_TRUE(a->release().isOk());
    clock->advanceMs(1);
    ASSERT_TRUE(c->release().isOk());
    clock->advanceMs(1);
    ASSERT_TRUE(b->release().isOk());
    auto next = pool->acquire();
    EXPECT_EQ(next->connectionId(), idB);
    // Another thread, with no affinity of its own, gets the pool-wide most recent.
    ASSERT_TRUE(next->release().isOk());
    uint64_t fromOtherThread = 0;
    std::thread([&] { fromOtherThread = pool->acquire()->connectionId(); }).join();
    EXPECT_EQ(fromOtherThread, idB);
}

TEST_F(PoolTest, TimeoutMessageAHikariUserRecognises) {
    auto c = testConfig(2);
    c.acquireTimeoutMs = 50;
    auto pool = makePool(c);
    auto a = pool->acquire(), b = pool->acquire();
    ASSERT_TRUE(a.isOk() && b.isOk());
    auto third = pool->acquire();
    ASSERT_FALSE(third.isOk());
    EXPECT_EQ(third.message(),
              "pool \"default\": connection not available, request timed out after 50 ms "
              "(max_open=2, in_use=2, waiting=1)");
    const auto s = pool->snapshot();
    expectConsistent(s);
    EXPECT_EQ(s.totals.timeouts, 1u);
    EXPECT_EQ(s.totals.waitCount, 1u);
    EXPECT_GE(s.totals.waitMs, 0.0);
    EXPECT_EQ(s.counts.open, 2) << "max_open is a hard limit";
    EXPECT_EQ(s.counts.waiting, 0);
}

TEST_F(PoolTest, WaitersAreServedInArrivalOrder) {
    auto pool = makePool(testConfig(1));
    auto held = pool->acquire();
    ASSERT_TRUE(held.isOk());
    constexpr int kWaiters = 5;
    std::vector<int> order;
    std::mutex orderMu;
    std::vector<std::thread> threads;
    for (int i = 0; i < kWaiters; ++i) {
        threads.emplace_back([&, i] {
            auto l = pool->acquire("waiter-" + std::to_string(i));
            ASSERT_TRUE(l.isOk()) << l.message();
            std::lock_guard lock(orderMu);
            order.push_back(i);
        });
        // Start the next waiter only once this one is queued.
        ASSERT_TRUE(eventually([&] { return pool->snapshot().counts.waiting == i + 1; }));
    }
    ASSERT_TRUE(held->release().isOk());
    for (auto& t : threads) t.join();
    EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
    const auto s = pool->snapshot();
    expectConsistent(s);
    // The manual clock stands still, so nobody has waited kHandoffAfterMs:
    // each release parks the connection idle and wakes the oldest waiter,
    // which takes it (nobody else is running to barge in).
    EXPECT_EQ(s.transitions[connEdgeIndex(ConnState::Returning, ConnState::Idle)], 6u);
    EXPECT_EQ(s.transitions[connEdgeIndex(ConnState::Idle, ConnState::Allocating)], 5u);
    EXPECT_EQ(s.transitions[connEdgeIndex(ConnState::Returning, ConnState::Allocating)], 0u);
    EXPECT_EQ(driver->connects, 1);
    EXPECT_EQ(s.totals.waitCount, 5u);
}

TEST_F(PoolTest, AWaiterPastTheHandoffTimeGetsTheNextReleaseEvenFromABarger) {
    auto pool = makePool(testConfig(1));
    auto held = pool->acquire("barger");
    ASSERT_TRUE(held.isOk());
    Result<Lease> waited = Error{"not yet"};
    std::thread waiter([&] { waited = pool->acquire("waiter"); });
    ASSERT_TRUE(eventually([&] { return pool->snapshot().counts.waiting == 1; }));
    clock->advanceMs(Pool::kHandoffAfterMs);
    // The releasing thread asks again at once, and would win a race for an
    // idle connection; the release hands it to the waiter instead.
    ASSERT_TRUE(held->release().isOk());
    const auto s = pool->snapshot();
    EXPECT_EQ(s.transitions[connEdgeIndex(ConnState::Returning, ConnState::Allocating)], 1u);
    EXPECT_EQ(s.transitions[connEdgeIndex(ConnState::Returning, ConnState::Idle)], 0u);
    waiter.join();
    ASSERT_TRUE(waited.isOk()) << waited.message();
    EXPECT_EQ(pool->snapshot().connections.at(0).holder, "waiter");
}

TEST_F(PoolTest, BrokenConnectionIsDestroyedOnRelease) {
    auto pool = makePool(testConfig());
    {
        auto l = pool->acquire();
        driver->failQueryFatal = true;
        auto r = l->execute("SELECT 1");
        ASSERT_FALSE(r.isOk());
        EXPECT_TRUE(r.error().fatal);
    }
    const auto s = pool->snapshot();
    expectConsistent(s);
    EXPECT_EQ(s.totals.closedBroken, 1u);
    EXPECT_EQ(s.totals.destroyed, 1u);
    EXPECT_EQ(s.totals.released, 1u);
    EXPECT_EQ(s.counts.open, 0);
    EXPECT_EQ(driver->closed, 1);
}

TEST_F(PoolTest, LifetimeExpiredConnectionIsDestroyedOnRelease) {
    auto c = testConfig();
    c.maxLifetimeMs = 1000;
    auto pool = makePool(c);
    auto l = pool->acquire();
    clock->advanceMs(1001);
    ASSERT_TRUE(l->release().isOk());
    const auto s = pool->snapshot();
    EXPECT_EQ(s.totals.closedMaxLifetime, 1u);
    EXPECT_EQ(s.counts.open, 0);
}

TEST_F(PoolTest, ExcessIdleIsDestroyedOnRelease) {
    auto c = testConfig(5);
    c.maxIdle = 1;
    auto pool = makePool(c);
    std::vector<Lease> leases;
    for (int i = 0; i < 3; ++i) leases.push_back(std::move(pool->acquire().value()));
    for (auto& l : leases) ASSERT_TRUE(l.release().isOk());
    const auto s = pool->snapshot();
    expectConsistent(s);
    EXPECT_EQ(s.totals.closedMaxIdle, 2u);
    EXPECT_EQ(s.counts.idle, 1);
}

TEST_F(PoolTest, ValidationOnBorrowReplacesDeadConnection) {
    auto c = testConfig();
    c.validation.mode = ValidationPolicy::Mode::Borrow;
    auto pool = makePool(c);
    ASSERT_TRUE(pool->acquire()->release().isOk());
    driver->restart();  // the idle connection is now "fake alive"
    auto l = pool->acquire();
    ASSERT_TRUE(l.isOk()) << l.message();
    EXPECT_TRUE(l->execute("SELECT 1").isOk()) << "the caller never sees the dead connection";
    ASSERT_TRUE(l->release().isOk());
    const auto s = pool->snapshot();
    expectConsistent(s);
    EXPECT_EQ(s.totals.validationFailures, 1u);
    EXPECT_EQ(s.totals.closedValidation, 1u);
    EXPECT_EQ(s.totals.created, 2u);
    EXPECT_EQ(s.counts.open, 1);
}

TEST_F(PoolTest, WithoutValidationTheDeadConnectionReachesTheCaller) {
    auto pool = makePool(testConfig());
    ASSERT_TRUE(pool->acquire()->release().isOk());
    driver->restart();
    {
        auto l = pool->acquire();
        auto r = l->execute("SELECT 1");
        ASSERT_FALSE(r.isOk());
        EXPECT_TRUE(r.error().fatal);
    }
    EXPECT_EQ(pool->snapshot().totals.closedBroken, 1u);
    auto fresh = pool->acquire();
    EXPECT_TRUE(fresh->execute("SELECT 1").isOk()) << "the broken one was not returned to the pool";
}

TEST_F(PoolTest, IdleValidationOnlyAfterTheIdleTime) {
    auto c = testConfig();
    c.validation = {ValidationPolicy::Mode::IdleFor, 500};
    auto pool = makePool(c);
    ASSERT_TRUE(pool->acquire()->release().isOk());
    clock->advanceMs(100);
    ASSERT_TRUE(pool->acquire()->release().isOk());
    EXPECT_EQ(driver->validations, 0);
    clock->advanceMs(600);
    ASSERT_TRUE(pool->acquire()->release().isOk());
    EXPECT_EQ(driver->validations, 1);
}

TEST_F(PoolTest, ConnectErrorsAreRetriedUntilTheDeadlineThenQuoted) {
    auto c = testConfig();
    c.acquireTimeoutMs = 100;
    auto pool = makePool(c);
    driver->failConnect = true;
    auto l = pool->acquire();
    ASSERT_FALSE(l.isOk());
    EXPECT_EQ(l.message().rfind("pool \"default\": connection not available, request timed out after 100 ms", 0), 0u)
        << l.message();
    EXPECT_NE(l.message().find("; last connect error: connect to fake:// failed: connection refused"),
              std::string::npos)
        << l.message();
    const auto s = pool->snapshot();
    expectConsistent(s);
    EXPECT_GE(s.totals.connectErrors, 2u) << "the pool retried the connect while the caller had time";
    EXPECT_EQ(s.totals.connectErrors, static_cast<uint64_t>(
                                          s.transitions[connEdgeIndex(ConnState::Allocating, ConnState::Destroyed)]))
        << "every failed connect is counted";
    EXPECT_EQ(s.totals.timeouts, 1u);
    EXPECT_EQ(s.lastConnectError, "connect to fake:// failed: connection refused");
    EXPECT_EQ(s.lastConnectErrorMs, clock->wallMs());
    EXPECT_EQ(s.counts.open, 0);
    EXPECT_EQ(s.counts.waiting, 0);
    driver->failConnect = false;
    EXPECT_TRUE(pool->acquire().isOk()) << "the pool recovers when the database does";
}

TEST_F(PoolTest, ARetryCutShortByTheCallersDeadlineDoesNotHideTheServersRefusal) {
    auto c = testConfig();
    c.acquireTimeoutMs = 200;
    auto pool = makePool(c);
    driver->failConnect = true;
    driver->fullThenSilent = true;
    auto l = pool->acquire();
    ASSERT_FALSE(l.isOk());
    ASSERT_GE(driver->failedConnects.load(), 2) << "the pool did not retry the full server";
    EXPECT_NE(l.message().find("; last connect error: connect to fake:// failed: FATAL: sorry, too many clients already"),
              std::string::npos)
        << l.message();
    EXPECT_EQ(l.message().find("deadline reached"), std::string::npos) << l.message();
}

TEST_F(PoolTest, ACallerWithTimeLeftOutlastsAConnectOutage) {
    auto c = testConfig();
    c.acquireTimeoutMs = 10'000;
    auto pool = makePool(c);
    driver->failConnect = true;
    Result<Lease> got = Error{"not yet"};
    std::thread caller([&] { got = pool->acquire("patient"); });
    ASSERT_TRUE(eventually([&] { return pool->snapshot().totals.connectErrors >= 2; }));
    driver->failConnect = false;  // the database is back
    caller.join();
    ASSERT_TRUE(got.isOk()) << got.message();
    EXPECT_EQ(pool->snapshot().counts.inUse, 1);
}

TEST_F(PoolTest, SuspendedPoolMakesAcquireWaitUntilResume) {
    auto pool = makePool(testConfig());
    auto held = pool->acquire();
    ASSERT_TRUE(pool->suspend().isOk());
    EXPECT_EQ(pool->lifecycle(), Lifecycle::Suspended);
    Result<Lease> got = Error{"not yet"};
    std::thread waiter([&] { got = pool->acquire("after-resume"); });
    ASSERT_TRUE(eventually([&] { return pool->snapshot().counts.waiting == 1; }));
    EXPECT_TRUE(held->release().isOk()) << "release still works while suspended";
    EXPECT_EQ(pool->snapshot().counts.waiting, 1) << "no hand-off while suspended";
    ASSERT_TRUE(pool->resume().isOk());
    waiter.join();
    ASSERT_TRUE(got.isOk()) << got.message();
    expectConsistent(pool->snapshot());
}

TEST_F(PoolTest, SuspendedAcquireTimesOut) {
    auto c = testConfig();
    c.acquireTimeoutMs = 30;
    auto pool = makePool(c);
    ASSERT_TRUE(pool->suspend().isOk());
    auto l = pool->acquire();
    ASSERT_FALSE(l.isOk());
    EXPECT_NE(l.message().find("timed out after 30 ms"), std::string::npos) << l.message();
    EXPECT_FALSE(pool->suspend().isOk()) << "SUSPENDED -> SUSPENDED is not in the table";
}

TEST_F(PoolTest, TerminatedPoolFailsAcquireAndWakesWaiters) {
    auto pool = makePool(testConfig(1));
    auto held = pool->acquire();
    Result<Lease> waited = Error{"not yet"};
    std::thread waiter([&] { waited = pool->acquire(); });
    ASSERT_TRUE(eventually([&] { return pool->snapshot().counts.waiting == 1; }));
    pool->close();
    waiter.join();
    ASSERT_FALSE(waited.isOk());
    EXPECT_EQ(waited.message(), "pool \"default\" is closed");
    EXPECT_EQ(pool->lifecycle(), Lifecycle::Terminated);
    EXPECT_FALSE(pool->acquire().isOk());
    EXPECT_EQ(pool->snapshot().counts.inUse, 1) << "in-use connections live until released";
    ASSERT_TRUE(held->release().isOk());
    const auto s = pool->snapshot();
    EXPECT_EQ(s.counts.open, 0) << "released into a closed pool: destroyed";
    EXPECT_EQ(driver->closed, 1);
    EXPECT_FALSE(pool->resume().isOk());
}

TEST_F(PoolTest, DoubleReleaseIsRefusedAndCounted) {
    auto pool = makePool(testConfig());
    auto l = pool->acquire();
    ASSERT_TRUE(l->release().isOk());
    Status again = l->release();
    ASSERT_FALSE(again.isOk());
    EXPECT_NE(again.message().find("double release"), std::string::npos) << again.message();
    const auto s = pool->snapshot();
    expectConsistent(s);
    EXPECT_EQ(s.totals.illegalTransitions, 1u);
    EXPECT_EQ(s.totals.released, 1u);
    EXPECT_EQ(s.counts.idle, 1);
    std::vector<TransitionEvent> events;
    pool->drainEvents(events);
    ASSERT_FALSE(events.empty());
    EXPECT_TRUE(events.back().illegal);
    EXPECT_EQ(events.back().from, ConnState::Idle);
    EXPECT_EQ(events.back().to, ConnState::Returning);
    // The stale lease must not release the connection someone else now holds.
    auto other = pool->acquire();
    EXPECT_FALSE(l->release().isOk());
    EXPECT_EQ(pool->snapshot().counts.inUse, 1);
}

TEST_F(PoolTest, LiveReconfigureGrowsAndShrinks) {
    auto pool = makePool(testConfig(1));
    auto first = pool->acquire();
    Result<Lease> second = Error{"not yet"};
    std::thread waiter([&] { second = pool->acquire(); });
    ASSERT_TRUE(eventually([&] { return pool->snapshot().counts.waiting == 1; }));
    auto bigger = pool->config();
    bigger.maxOpen = 3;
    bigger.maxIdle = 3;
    ASSERT_TRUE(pool->reconfigure(bigger).isOk());
    waiter.join();
    ASSERT_TRUE(second.isOk()) << "a waiter gets a new connection as soon as max_open grows";
    auto third = pool->acquire();
    ASSERT_TRUE(third.isOk());
    EXPECT_EQ(pool->snapshot().counts.open, 3);

    auto bad = pool->config();
    bad.minIdle = 5;
    EXPECT_FALSE(pool->reconfigure(bad).isOk());
    EXPECT_EQ(pool->config().minIdle, 0) << "a refused config changes nothing";

    auto smaller = pool->config();
    smaller.maxOpen = 1;
    smaller.maxIdle = 1;
    ASSERT_TRUE(pool->reconfigure(smaller).isOk());
    ASSERT_TRUE(first->release().isOk());
    ASSERT_TRUE(second->release().isOk());
    ASSERT_TRUE(third->release().isOk());
    const auto s = pool->snapshot();
    expectConsistent(s);
    EXPECT_EQ(s.counts.open, 1) << "the pool converges to the new max_open";
}

TEST_F(PoolTest, EventsDescribeEachTransition) {
    auto pool = makePool(testConfig());
    ASSERT_TRUE(pool->acquire("w")->release().isOk());
    ASSERT_TRUE(pool->acquire("w")->release().isOk());
    std::vector<TransitionEvent> ev;
    ASSERT_EQ(pool->drainEvents(ev), 8u);
    using S = ConnState;
    const std::vector<std::pair<S, S>> expected = {
        {S::Destroyed, S::Allocating}, {S::Allocating, S::InUse},  {S::InUse, S::Returning},
        {S::Returning, S::Idle},       {S::Idle, S::Allocating},   {S::Allocating, S::InUse},
        {S::InUse, S::Returning},      {S::Returning, S::Idle}};
    for (size_t i = 0; i < ev.size(); ++i) {
        EXPECT_EQ(std::make_pair(ev[i].from, ev[i].to), expected[i]) << i;
        if (i > 0) {
            EXPECT_EQ(ev[i].seq, ev[i - 1].seq + 1);
        }
        EXPECT_FALSE(ev[i].illegal);
    }
    EXPECT_EQ(ev[0].reason, Reason::Connect) << "the birth goes through the table";
    EXPECT_EQ(ev[0].conn, ev[1].conn);
    EXPECT_EQ(ev[1].reason, Reason::Granted);
    EXPECT_EQ(ev[4].reason, Reason::Acquire);
    const auto s = pool->snapshot();
    uint64_t sum = 0;
    for (auto n : s.transitions) sum += n;
    EXPECT_EQ(sum, 8u) << "per-edge counters agree with the events";
    EXPECT_EQ(s.transitions[connEdgeIndex(S::Destroyed, S::Allocating)], s.totals.created);
}

TEST_F(PoolTest, EveryBirthIsCountedWhetherTheConnectSucceedsOrNot) {
    auto c = testConfig();
    c.minIdle = 2;
    c.acquireTimeoutMs = 50;
    auto pool = makePool(c);  // the housekeeper's first round opens min_idle
    auto l = pool->acquire();
    ASSERT_TRUE(l.isOk());
    driver->failConnect = true;
    pool->housekeeper().runOnce();  // refill fails: counted, retried next round
    const auto s = pool->snapshot();
    expectConsistent(s);
    const uint64_t births = s.transitions[connEdgeIndex(ConnState::Destroyed, ConnState::Allocating)];
    EXPECT_EQ(births, s.totals.created + s.totals.connectErrors);
    EXPECT_EQ(s.totals.created, 2u);
    EXPECT_GE(s.totals.connectErrors, 1u);
    std::vector<TransitionEvent> ev;
    pool->drainEvents(ev);
    int refills = 0, others = 0;
    for (const auto& e : ev) {
        if (e.from != ConnState::Destroyed) continue;
        EXPECT_EQ(e.to, ConnState::Allocating);
        (e.reason == Reason::Refill ? refills : others)++;
    }
    EXPECT_EQ(refills, static_cast<int>(births)) << "every connection here was opened by the housekeeper";
    EXPECT_EQ(others, 0);
}

TEST_F(PoolTest, EvictIdleClosesOnlyIdle) {
    auto pool = makePool(testConfig());
    auto held = pool->acquire();
    ASSERT_TRUE(pool->acquire()->release().isOk());
    pool->evictIdle();
    const auto s = pool->snapshot();
    EXPECT_EQ(s.counts.idle, 0);
    EXPECT_EQ(s.counts.inUse, 1);
    EXPECT_EQ(s.totals.destroyed, 1u);
}

TEST_F(PoolTest, StartRefusesInvalidConfig) {
    auto c = testConfig(2);
    c.maxIdle = 5;
    Pool pool(c, driver, clock);
    Status s = pool.start();
    ASSERT_FALSE(s.isOk());
    EXPECT_NE(s.message().find("max_idle=5 is above max_open=2"), std::string::npos) << s.message();
    EXPECT_EQ(pool.lifecycle(), Lifecycle::Initial);
    EXPECT_FALSE(pool.acquire().isOk());
}

TEST(PoolWaitTest, WaitPercentilesReflectRealWaits) {
    auto driver = std::make_shared<FakeDriver>();
    auto c = testConfig(1);
    Pool pool(c, driver);
    ASSERT_TRUE(pool.start().isOk());
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(pool.acquire()->release().isOk());  // one open, then reuse
    auto held = pool.acquire();
    std::thread waiter([&] { ASSERT_TRUE(pool.acquire().isOk()); });
    ASSERT_TRUE(eventually([&] { return pool.snapshot().counts.waiting == 1; }));
    std::this_thread::sleep_for(std::chrono::milliseconds(40));
    ASSERT_TRUE(held->release().isOk());
    waiter.join();
    const auto s = pool.snapshot();
    EXPECT_GE(s.wait.max, 35.0);
    EXPECT_GE(s.wait.p99, 30.0);
    EXPECT_EQ(s.wait.p50, 0.0) << "11 of 12 acquires did not wait";
    EXPECT_GE(s.totals.waitMs, 35.0);
    EXPECT_EQ(s.totals.waitCount, 1u);
}

}  // namespace
}  // namespace poolscope
