// 64 threads acquiring, holding, failing and releasing at random on the
// simulated driver while a monitor checks every snapshot, the housekeeper
// runs, the config changes live and events are drained. Built and run under
// ThreadSanitizer by the test command.
#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <thread>
#include <vector>

#include "core/drivers/DriverFactory.h"
#include "core/pool/Pool.h"
#include "tests/core/pool/PoolTestSupport.h"

namespace poolscope {
namespace {

TEST(PoolStressTest, InvariantsHoldUnderChurn) {
    auto driver = openDriver("sim://?fail_pct=2");
    ASSERT_TRUE(driver.isOk()) << driver.message();
    PoolConfig c;
    c.maxOpen = 8;
    c.maxIdle = 8;
    c.minIdle = 2;
    c.acquireTimeoutMs = 50;
    c.maxLifetimeMs = 200;
    c.maxIdleTimeMs = 50;
    c.keepaliveMs = 20;
    c.leakThresholdMs = 100;
    c.housekeepingMs = 5;
    c.validation = {ValidationPolicy::Mode::IdleFor, 10};
    Pool pool(c, *driver);
    ASSERT_TRUE(pool.start().isOk());

    constexpr int kThreads = 64;
    const auto runFor = std::chrono::milliseconds(1500);
    std::atomic<bool> stop{false};
    std::atomic<uint64_t> okCount{0}, errorCount{0}, doubleReleases{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < kThreads; ++t) {
        workers.emplace_back([&, t] {
            std::mt19937 rng(static_cast<unsigned>(t));
            std::uniform_int_distribution<int> pct(0, 99);
            const std::string holder = "worker-" + std::to_string(t);
            while (!stop.load(std::memory_order_relaxed)) {
                auto lease = pool.acquire(holder);
                if (!lease) {
                    errorCount.fetch_add(1, std::memory_order_relaxed);
                    continue;
                }
                const int dice = pct(rng);
                if (dice < 30) (void)lease->execute("SELECT 1");
                if (dice < 3) lease->markBroken();
                if (dice >= 90) std::this_thread::yield();
                if (dice >= 97) std::this_thread::sleep_for(std::chrono::microseconds(200));
                Status s = lease->release();
                EXPECT_TRUE(s.isOk()) << s.message();
                if (dice == 50 && !lease->release().isOk()) doubleReleases.fetch_add(1);
                okCount.fetch_add(1, std::memory_order_relaxed);
            }
        });
    }
    std::thread reconfigurer([&] {
        int i = 0;
        while (!stop.load()) {
            auto cfg = pool.config();
            cfg.maxOpen = (i++ % 2) ? 8 : 5;
            cfg.maxIdle = cfg.maxOpen;
            EXPECT_TRUE(pool.reconfigure(cfg).isOk());
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    });
    std::thread drainer([&] {
        std::vector<TransitionEvent> events;
        while (!stop.load()) {
            events.clear();
            pool.drainEvents(events);
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    });
    const auto end = std::chrono::steady_clock::now() + runFor;
    int snapshots = 0;
    while (std::chrono::steady_clock::now() < end) {
        const auto s = pool.snapshot();
        const auto& n = s.counts;
        ASSERT_EQ(n.open, n.idle + n.inUse + n.allocating + n.returning);
        // max_open moves between 5 and 8 while connections converge: never above 8.
        ASSERT_LE(n.open, 8);
        ASSERT_GE(n.waiting, 0);
        ++snapshots;
    }
    stop = true;
    for (auto& w : workers) w.join();
    reconfigurer.join();
    drainer.join();

    const auto s = pool.snapshot();
    test::expectConsistent(s);
    EXPECT_EQ(s.counts.inUse, 0);
    EXPECT_EQ(s.totals.acquired, s.totals.released + static_cast<uint64_t>(s.counts.inUse));
    EXPECT_EQ(s.totals.acquired, okCount.load());
    EXPECT_EQ(s.totals.illegalTransitions, doubleReleases.load());
    EXPECT_GT(s.totals.closedBroken, 0u);
    EXPECT_GT(s.totals.waitCount, 0u);
    // Every connection opened is either still open or was destroyed.
    EXPECT_EQ(s.totals.created, s.totals.destroyed + static_cast<uint64_t>(s.counts.open));
    EXPECT_GT(snapshots, 10);
    pool.close();
    const auto closed = pool.snapshot();
    EXPECT_EQ(closed.counts.open, 0);
    EXPECT_EQ(closed.totals.created, closed.totals.destroyed);
}

}  // namespace
}  // namespace poolscope
