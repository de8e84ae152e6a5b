// 64 threads acquiring, holding, failing and releasing at random on the
// simulated driver while a monitor checks every snapshot, the housekeeper
// runs, the config changes live and events are drained. Built and run under
// ThreadSanitizer by the test command.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "core/drivers/DriverFactory.h"
#include "core/drivers/SimDriver.h"
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

// A database restart with a short outage under load, validation on borrow:
// the queries in flight fail (their connections die), but no acquire fails:
// callers with time left wait while the pool retries the connect. Ends when
// every worker has completed cycles after the outage; the deadline only turns
// a hang into a failure.
TEST(PoolStressTest, ASubSecondRestartCostsOnlyTheQueriesInFlight) {
    auto driver = std::make_shared<SimDriver>(SimServer::Options{});
    PoolConfig c;
    c.maxOpen = 4;
    c.maxIdle = 4;
    c.acquireTimeoutMs = 10'000;
    c.housekeepingMs = 0;
    c.validation.mode = ValidationPolicy::Mode::Borrow;
    Pool pool(c, driver);
    ASSERT_TRUE(pool.start().isOk());

    constexpr int kWorkers = 8;
    std::atomic<int> phase{0};  // 0 before the restart, 1 after it
    std::atomic<int> recovered{0};  // workers with 20 good cycles after the outage
    std::atomic<uint64_t> acquireErrors{0}, queryErrors{0};
    std::mutex errorMu;
    std::string firstAcquireError;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    std::vector<std::thread> workers;
    for (int t = 0; t < kWorkers; ++t) {
        workers.emplace_back([&] {
            int goodAfter = 0;
            while (recovered.load() < kWorkers && std::chrono::steady_clock::now() < deadline) {
                const bool after = phase.load() == 1;
                auto lease = pool.acquire("worker");
                if (!lease) {
                    acquireErrors.fetch_add(1);
                    std::lock_guard lock(errorMu);
                    if (firstAcquireError.empty()) firstAcquireError = lease.message();
                    continue;
                }
                if (!lease->execute("SELECT 1").isOk()) queryErrors.fetch_add(1);
                else if (after && ++goodAfter == 20) recovered.fetch_add(1);
            }
        });
    }
    ASSERT_TRUE(test::eventually([&] { return pool.snapshot().totals.acquired > 1000; }));
    driver->restartServer(std::chrono::milliseconds(300));
    phase = 1;
    for (auto& w : workers) w.join();
    const auto s = pool.snapshot();
    EXPECT_EQ(recovered.load(), kWorkers) << "workers did not recover within 60 s";
    EXPECT_EQ(acquireErrors.load(), 0u) << firstAcquireError;
    EXPECT_LE(queryErrors.load(), static_cast<uint64_t>(c.maxOpen)) << "only the queries in flight fail";
    EXPECT_GT(s.totals.connectErrors, 0u) << "connects were refused during the outage, and counted";
    EXPECT_NE(s.lastConnectError.find("Connection refused"), std::string::npos) << s.lastConnectError;
    test::expectConsistent(s);
}

/// Busy work while holding a connection (no sleep: a sleeping holder would
/// let waiters in by itself). Returns something so it is not optimised away.
uint64_t spinWork(int iterations) {
    uint64_t x = 0x9e3779b97f4a7c15ull;
    for (int i = 0; i < iterations; ++i) x = x * 6364136223846793005ull + 1442695040888963407ull;
    return x;
}

// 64 threads on 2 connections, each holding its connection for a moment of
// busy work and asking again at once. With barging alone, a running holder
// takes its connection back before a woken waiter gets to run, and a waiter
// can watch tens of thousands of cycles go by; starvation mode hands the
// connection to the oldest waiter once it has waited kHandoffAfterMs, which
// bounds what a waiter sees others take to what fits in that time (plus one
// tick of the coarse clock) and the waiters ahead of it. The bound is counted
// in cycles, not milliseconds, so a slow or loaded machine only makes it
// easier. The run ends when every thread has completed kCycles; the deadline
// only turns a hang into a failure.
TEST(PoolStressTest, NoWaiterStarvesWhileOthersAreServed) {
    auto driver = openDriver("sim://");
    ASSERT_TRUE(driver.isOk()) << driver.message();
    PoolConfig c;
    c.maxOpen = 2;
    c.maxIdle = 2;
    c.minIdle = 2;
    c.acquireTimeoutMs = 60'000;
    c.housekeepingMs = 0;
    Pool pool(c, *driver);
    ASSERT_TRUE(pool.start().isOk());

    constexpr int kThreads = 64;
    constexpr int kCycles = 20;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    std::atomic<int> done{0};           // threads that completed kCycles
    std::atomic<uint64_t> served{0};    // acquires that succeeded, all threads
    std::atomic<bool> timedOut{false};
    std::atomic<uint64_t> sink{0};
    std::vector<uint64_t> cycles(kThreads, 0), mostOvertaken(kThreads, 0);
    std::vector<int64_t> maxWaitUs(kThreads, 0);
    std::vector<std::thread> workers;
    for (int t = 0; t < kThreads; ++t) {
        workers.emplace_back([&, t] {
            const std::string holder = "worker-" + std::to_string(t);
            uint64_t n = 0, local = 0, overtaken = 0;
            int64_t worst = 0;
            // Everyone keeps competing until the last thread is through, so a
            // thread that is behind competes with threads that are ahead.
            while (done.load(std::memory_order_relaxed) < kThreads) {
                if (std::chrono::steady_clock::now() > deadline) {
                    timedOut = true;
                    break;
                }
                const uint64_t before = served.load();
                const auto t0 = std::chrono::steady_clock::now();
                auto lease = pool.acquire(holder);
                const auto waited = std::chrono::steady_clock::now() - t0;
                const uint64_t after = served.fetch_add(1);
                ASSERT_TRUE(lease.isOk()) << lease.message();
                overtaken = std::max(overtaken, after - before);
                worst = std::max<int64_t>(worst, std::chrono::duration_cast<std::chrono::microseconds>(waited).count());
                local += spinWork(4000);
                ASSERT_TRUE(lease->release().isOk());
                if (++n == kCycles) done.fetch_add(1);
            }
            sink.fetch_add(local, std::memory_order_relaxed);
            cycles[static_cast<size_t>(t)] = n;
            mostOvertaken[static_cast<size_t>(t)] = overtaken;
            maxWaitUs[static_cast<size_t>(t)] = worst;
        });
    }
    for (auto& w : workers) w.join();
    const uint64_t most = *std::max_element(cycles.begin(), cycles.end());
    const uint64_t least = *std::min_element(cycles.begin(), cycles.end());
    const uint64_t overtaken = *std::max_element(mostOvertaken.begin(), mostOvertaken.end());
    const int64_t longestWaitUs = *std::max_element(maxWaitUs.begin(), maxWaitUs.end());
    std::printf("cycles per thread: min %llu max %llu; one wait saw at most %llu acquires by others; "
                "longest wait %.1f ms\n",
                static_cast<unsigned long long>(least), static_cast<unsigned long long>(most),
                static_cast<unsigned long long>(overtaken), static_cast<double>(longestWaitUs) / 1000.0);
    EXPECT_FALSE(timedOut.load()) << "some thread did not complete " << kCycles
                                  << " cycles within 60 s while another completed " << most;
    EXPECT_GE(least, static_cast<uint64_t>(kCycles)) << "busiest thread: " << most << " cycles";
    // One cycle holds a connection for about 5 us of work here (2 us on a
    // fast CPU), so the two connections serve a few thousand cycles in the
    // 1 ms plus a coarse-clock tick (4-10 ms) before hand-off; a waiter that
    // starves sees tens of thousands.
    EXPECT_LT(overtaken, 20'000u) << "a waiter starved while others were served";
    const auto s = pool.snapshot();
    test::expectConsistent(s);
    EXPECT_EQ(s.totals.acquired, s.totals.released);
}

}  // namespace
}  // namespace poolscope
