// Pool over the real servers when they restart, go down, or stop answering
// (issue 3, faults 1-3). Each test runs against PostgreSQL and MariaDB.

#include <algorithm>
#include <thread>

#include <gtest/gtest.h>

#include "tests/integration/BlackHoleProxy.h"
#include "tests/integration/PoolFaultSupport.h"
#include "tests/integration/TestEnv.h"

namespace poolscope {
namespace {

using namespace std::chrono_literals;
using test::Backend;
using test::LoadCounts;
using test::LoadLoop;
using test::msSince;

std::string describe(const LoadCounts& c) {
    std::string s = "ok=" + std::to_string(c.ok) + " acquireErrors=" +
                    std::to_string(c.acquireErrors) + " queryErrors=" + std::to_string(c.queryErrors);
    for (const auto& m : c.samples) s += "\n  " + m;
    return s;
}

/// Starts the server again at scope exit, whatever the test did.
struct ServerUpGuard {
    const Backend& b;
    ~ServerUpGuard() { (void)b.control("start"); }
};

class PoolRestartIntegrationTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        b_ = Backend::load(GetParam(), "poolscope-it-restart");
        if (b_.url.empty()) GTEST_FAIL() << "server environment missing";
    }
    PoolConfig config(ValidationPolicy::Mode validation) const {
        PoolConfig c;
        c.name = "restart";
        c.maxOpen = 4;
        c.maxIdle = 4;
        c.acquireTimeoutMs = 3000;
        c.validation.mode = validation;
        c.validationTimeoutMs = 1000;
        c.housekeepingMs = 200;
        return c;
    }
    /// Runs load, restarts the server mid-load (`how`: "restart", a clean
    /// one, or "crash", SIGKILL of every server process and a start with
    /// crash recovery), and returns the counts of the phases before, during
    /// and after the restart (after: two phases).
    std::vector<LoadCounts> restartUnderLoad(Pool& pool, const std::string& how = "restart") {
        ServerUpGuard guard{b_};
        LoadLoop load(pool, 4);
        std::this_thread::sleep_for(1000ms);
        std::vector<LoadCounts> phases;
        phases.push_back(load.take());
        EXPECT_TRUE(b_.control(how)) << how;
        // "Once the server is back": it accepts new sessions, and connects
        // that were in flight while it started have returned.
        EXPECT_TRUE(b_.waitUntilAccepting(15s));
        std::this_thread::sleep_for(300ms);
        phases.push_back(load.take());
        std::this_thread::sleep_for(1500ms);
        phases.push_back(load.take());
        std::this_thread::sleep_for(1000ms);
        phases.push_back(load.take());
        load.stop();
        return phases;
    }
    Backend b_;
};

TEST_P(PoolRestartIntegrationTest, RestartWithValidationOnBorrowHasNoErrorsOnceBack) {
    auto pool = test::startPool(config(ValidationPolicy::Mode::Borrow), b_.driver());
    auto phases = restartUnderLoad(*pool);
    EXPECT_GT(phases[0].ok, 0u);
    EXPECT_EQ(phases[0].errors(), 0u) << describe(phases[0]);
    EXPECT_EQ(phases[2].errors(), 0u) << describe(phases[2]);
    EXPECT_EQ(phases[3].errors(), 0u) << describe(phases[3]);
    EXPECT_GT(phases[2].ok + phases[3].ok, 0u);

    auto s = pool->snapshot();
    test::expectConsistent(s);
    EXPECT_GT(s.counts.open, 0) << "the pool did not refill";
    EXPECT_GT(s.totals.closedValidation + s.totals.closedBroken, 0u)
        << "no broken connection was detected and destroyed";
    EXPECT_EQ(b_.waitForServerCount(s.counts.open), s.counts.open);
}

TEST_P(PoolRestartIntegrationTest, KilledServerWithValidationOnBorrowHasNoErrorsOnceBack) {
    // Not a clean restart: SIGKILL, no goodbye to any client, crash recovery.
    auto pool = test::startPool(config(ValidationPolicy::Mode::Borrow), b_.driver());
    const auto t0 = std::chrono::steady_clock::now();
    auto phases = restartUnderLoad(*pool, "crash");
    EXPECT_GT(phases[0].ok, 0u);
    EXPECT_EQ(phases[0].errors(), 0u) << describe(phases[0]);
    // While the server was dead: at most the queries in flight failed (one
    // per connection); callers waiting for a connection outlasted the outage.
    EXPECT_LE(phases[1].errors(), 4u) << describe(phases[1]);
    EXPECT_EQ(phases[2].errors(), 0u) << describe(phases[2]);
    EXPECT_EQ(phases[3].errors(), 0u) << describe(phases[3]);
    EXPECT_GT(phases[2].ok + phases[3].ok, 0u);
    EXPECT_LT(msSince(t0), 60000) << "a worker was stuck";

    auto s = pool->snapshot();
    test::expectConsistent(s);
    EXPECT_GT(s.counts.open, 0) << "the pool did not refill";
    EXPECT_GT(s.totals.closedValidation + s.totals.closedBroken, 0u)
        << "no dead connection was detected and destroyed";
    EXPECT_EQ(b_.waitForServerCount(s.counts.open), s.counts.open);
}

TEST_P(PoolRestartIntegrationTest, KilledSessionsCostAtMostTheQueriesInFlight) {
    // The DBA kills the pool's sessions (PostgreSQL pg_terminate_backend,
    // MariaDB KILL) under load: the pool notices, replaces them, and no
    // caller sees more than the statements that were running.
    auto pool = test::startPool(config(ValidationPolicy::Mode::Borrow), b_.driver());
    LoadLoop load(*pool, 4);
    std::this_thread::sleep_for(1000ms);
    const LoadCounts before = load.take();
    std::vector<int64_t> sessions;
    for (const auto& c : pool->snapshot().connections)
        if (c.serverId > 0) sessions.push_back(c.serverId);
    ASSERT_FALSE(sessions.empty());
    for (int64_t id : sessions) {
        const std::string sql = b_.kind == "mysql" ? "KILL " + std::to_string(id)
                                                   : "SELECT pg_terminate_backend(" + std::to_string(id) + ")";
        EXPECT_TRUE(b_.admin(sql)) << sql;
    }
    std::this_thread::sleep_for(1000ms);
    const LoadCounts during = load.take();
    std::this_thread::sleep_for(1000ms);
    const LoadCounts after = load.take();
    load.stop();
    EXPECT_EQ(before.errors(), 0u) << describe(before);
    EXPECT_LE(during.errors(), 4u) << describe(during);
    EXPECT_EQ(after.errors(), 0u) << describe(after);
    EXPECT_GT(after.ok, 0u);
    auto s = pool->snapshot();
    test::expectConsistent(s);
    EXPECT_GE(s.totals.closedValidation + s.totals.closedBroken, 1u) << "no killed session was noticed";
    bool fresh = false;  // the calls after the kill ran on new sessions
    for (const auto& c : s.connections)
        fresh = fresh || std::find(sessions.begin(), sessions.end(), c.serverId) == sessions.end();
    EXPECT_TRUE(fresh) << "no killed session was replaced";
}

TEST_P(PoolRestartIntegrationTest, RestartWithoutValidationBoundsErrorsByOpenConnections) {
    auto pool = test::startPool(config(ValidationPolicy::Mode::Never), b_.driver());
    auto phases = restartUnderLoad(*pool);
    EXPECT_EQ(phases[0].errors(), 0u) << describe(phases[0]);
    // Each connection open at the restart may fail once, then it is destroyed.
    EXPECT_LE(phases[2].errors(), 4u) << describe(phases[2]);
    EXPECT_EQ(phases[3].errors(), 0u) << describe(phases[3]);
    EXPECT_GT(phases[3].ok, 0u);

    auto s = pool->snapshot();
    test::expectConsistent(s);
    EXPECT_GT(s.totals.closedBroken, 0u) << "no connection met the restart";
    EXPECT_GT(s.counts.open, 0);
    EXPECT_EQ(b_.waitForServerCount(s.counts.open), s.counts.open);
}

TEST_P(PoolRestartIntegrationTest, ServerDownFailsFastThenRecoversByItself) {
    PoolConfig c = config(ValidationPolicy::Mode::Borrow);
    c.acquireTimeoutMs = 1000;
    c.validationTimeoutMs = 500;
    auto pool = test::startPool(c, b_.driver());
    {
        auto l1 = pool->acquire();
        auto l2 = pool->acquire();
        ASSERT_TRUE(l1 && l2);
    }
    ServerUpGuard guard{b_};
    ASSERT_TRUE(b_.control("stop"));

    std::atomic<long long> worstMs{0};
    std::atomic<int> failures{0};
    std::mutex mu;
    std::vector<std::string> messages;
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 3; ++i) {
                const auto t0 = std::chrono::steady_clock::now();
                auto lease = pool->acquire("down");
                const long long ms = msSince(t0);
                long long prev = worstMs.load();
                while (ms > prev && !worstMs.compare_exchange_weak(prev, ms)) {
                }
                if (!lease) {
                    ++failures;
                    std::lock_guard lock(mu);
                    messages.push_back(lease.message());
                }
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_LT(msSince(start), 5000) << "a thread was stuck";
    EXPECT_EQ(failures.load(), 12);
    EXPECT_LE(worstMs.load(), 1100) << "an acquire took longer than acquire_timeout + 10%";
    for (const auto& m : messages) {
        EXPECT_NE(m.find("127.0.0.1:" + std::to_string(b_.port)), std::string::npos) << m;
        EXPECT_NE(m.find("refused"), std::string::npos) << m;
    }

    ASSERT_TRUE(b_.control("start"));
    const auto until = std::chrono::steady_clock::now() + 10s;
    bool recovered = false;
    while (!recovered && std::chrono::steady_clock::now() < until) {
        auto lease = pool->acquire("back");
        recovered = lease && lease->execute("SELECT 1", 2000).isOk();
        if (!recovered) std::this_thread::sleep_for(100ms);
    }
    ASSERT_TRUE(recovered) << "the pool did not recover after the server came back";
    LoadLoop load(*pool, 4);
    std::this_thread::sleep_for(700ms);
    auto after = load.take();
    load.stop();
    EXPECT_EQ(after.errors(), 0u) << describe(after);
    auto s = pool->snapshot();
    test::expectConsistent(s);
    EXPECT_GE(s.totals.connectErrors, 12u);
}

TEST_P(PoolRestartIntegrationTest, BlackHoleAcquireGivesUpWithinTimeout) {
    test::BlackHoleProxy proxy("127.0.0.1", b_.port);
    ASSERT_GT(proxy.port(), 0);
    std::string url = b_.url;
    const std::string from = ":" + std::to_string(b_.port) + "/";
    url.replace(url.find(from), from.size(), ":" + std::to_string(proxy.port()) + "/");
    PoolConfig c = config(ValidationPolicy::Mode::Borrow);
    c.maxOpen = 2;
    c.maxIdle = 2;
    c.acquireTimeoutMs = 1000;
    c.validationTimeoutMs = 300;
    auto pool = test::startPool(c, b_.driver(url));
    {
        auto l1 = pool->acquire();
        auto l2 = pool->acquire();
        ASSERT_TRUE(l1 && l2);
        ASSERT_TRUE(l1->execute("SELECT 1", 2000).isOk());
    }
    proxy.freeze();

    std::vector<std::thread> threads;
    std::atomic<long long> worstMs{0};
    std::atomic<int> failures{0};
    for (int t = 0; t < 3; ++t) {
        threads.emplace_back([&] {
            const auto t0 = std::chrono::steady_clock::now();
            auto lease = pool->acquire("blackhole");
            const long long ms = msSince(t0);
            long long prev = worstMs.load();
            while (ms > prev && !worstMs.compare_exchange_weak(prev, ms)) {
            }
            if (!lease) ++failures;
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(failures.load(), 3);
    EXPECT_LE(worstMs.load(), 1100) << "an acquire took longer than acquire_timeout + 10%";

    proxy.thaw();
    auto lease = pool->acquire("thawed");
    ASSERT_TRUE(lease.isOk()) << lease.message();
    EXPECT_TRUE(lease->execute("SELECT 1", 2000).isOk());
    (void)lease->release();
    test::expectConsistent(pool->snapshot());
}

INSTANTIATE_TEST_SUITE_P(Servers, PoolRestartIntegrationTest,
                         ::testing::Values("postgresql", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace poolscope
