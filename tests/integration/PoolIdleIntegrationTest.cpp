// Pool over the real servers: the server's idle timeout ("fake alive"), its
// max_connections, and its own count of our sessions (issue 3, faults 4-6).
// Each test runs against PostgreSQL and MariaDB.

#include <thread>

#include <gtest/gtest.h>

#include "tests/integration/PoolFaultSupport.h"
#include "tests/integration/TestEnv.h"

namespace poolscope {
namespace {

using namespace std::chrono_literals;
using test::Backend;

class PoolIdleIntegrationTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        b_ = Backend::load(GetParam(), "poolscope-it-idle");
        if (b_.url.empty()) GTEST_FAIL() << "server environment missing";
    }
    static PoolConfig config(int64_t maxOpen) {
        PoolConfig c;
        c.name = "idle";
        c.maxOpen = maxOpen;
        c.maxIdle = maxOpen;
        c.acquireTimeoutMs = 3000;
        c.validationTimeoutMs = 1000;
        c.housekeepingMs = 100;
        return c;
    }
    /// Borrows `n` connections at once, runs SELECT 1 on each, releases them;
    /// returns the number of statements that failed.
    static int useAll(Pool& pool, int n) {
        std::vector<Lease> leases;
        int failed = 0;
        for (int i = 0; i < n; ++i) {
            auto l = pool.acquire("use");
            if (!l) {
                ++failed;
                continue;
            }
            if (!l->execute("SELECT 1", 2000)) ++failed;
            leases.push_back(std::move(l).value());
        }
        return failed;
    }
    Backend b_;
};

// The server would drop idle sessions after 2 s; a 700 ms keepalive keeps
// every pooled connection alive, so users never meet a dead one.
TEST_P(PoolIdleIntegrationTest, KeepaliveKeepsConnectionsAliveAcrossServerIdleTimeout) {
    test::IdleTimeoutScope scope(b_, 2);
    PoolConfig c = config(3);
    c.minIdle = 3;
    c.keepaliveMs = 700;
    auto pool = test::startPool(c, b_.driver(b_.urlWithIdleTimeout(2)));
    ASSERT_EQ(useAll(*pool, 3), 0);
    std::this_thread::sleep_for(4500ms);
    EXPECT_EQ(useAll(*pool, 3), 0) << "a user query met a dead connection";
    auto s = pool->snapshot();
    EXPECT_EQ(s.totals.validationFailures, 0u);
    EXPECT_EQ(s.totals.created, 3u) << "connections were replaced: keepalive did not keep them";
    test::expectConsistent(s);
}

// Without keepalive the server drops them; validation on borrow (idle > 500 ms)
// notices and replaces them before the user's statement runs.
TEST_P(PoolIdleIntegrationTest, ValidationReplacesConnectionsKilledByServerIdleTimeout) {
    test::IdleTimeoutScope scope(b_, 2);
    PoolConfig c = config(3);
    c.validation.mode = ValidationPolicy::Mode::IdleFor;
    c.validation.idleMs = 500;
    auto pool = test::startPool(c, b_.driver(b_.urlWithIdleTimeout(2)));
    ASSERT_EQ(useAll(*pool, 3), 0);
    std::this_thread::sleep_for(3000ms);
    EXPECT_EQ(useAll(*pool, 3), 0) << "a user query met a dead connection";
    auto s = pool->snapshot();
    EXPECT_GE(s.totals.validationFailures, 3u);
    EXPECT_GE(s.totals.closedValidation, 3u);
    test::expectConsistent(s);
}

// The incident itself, for contrast: no keepalive, no validation. The dead
// connection fails the user's statement once (fatal), is destroyed, and the
// pool heals.
TEST_P(PoolIdleIntegrationTest, WithoutProtectionTheUserMeetsTheDeadConnectionOnce) {
    test::IdleTimeoutScope scope(b_, 2);
    auto pool = test::startPool(config(1), b_.driver(b_.urlWithIdleTimeout(2)));
    ASSERT_EQ(useAll(*pool, 1), 0);
    std::this_thread::sleep_for(3000ms);
    {
        auto l = pool->acquire("victim");
        ASSERT_TRUE(l.isOk()) << l.message();
        auto r = l->execute("SELECT 1", 2000);
        ASSERT_FALSE(r.isOk()) << "the server did not drop the idle session";
        EXPECT_TRUE(r.error().fatal) << r.message();
        EXPECT_NE(r.message().find("127.0.0.1:" + std::to_string(b_.port)), std::string::npos)
            << r.message();
    }
    EXPECT_EQ(useAll(*pool, 1), 0);
    auto s = pool->snapshot();
    EXPECT_GE(s.totals.closedBroken, 1u);
    test::expectConsistent(s);
}

TEST_P(PoolIdleIntegrationTest, MaxConnectionsReachedIsCountedAndQuotesServer) {
    PoolConfig c = config(40);
    c.acquireTimeoutMs = 1000;
    auto pool = test::startPool(c, b_.driver());
    std::vector<Lease> held;
    std::vector<std::string> errors;
    for (int i = 0; i < 40; ++i) {
        auto l = pool->acquire("hog");
        if (l) {
            held.push_back(std::move(l).value());
        } else {
            errors.push_back(l.message());
        }
    }
    ASSERT_FALSE(errors.empty()) << "the server accepted 40 connections; max_connections is not low";
    const std::string& m = errors.front();
    EXPECT_NE(m.find("127.0.0.1:" + std::to_string(b_.port)), std::string::npos) << m;
    EXPECT_TRUE(m.find("too many clients") != std::string::npos ||
                m.find("remaining connection slots are reserved") != std::string::npos ||
                m.find("Too many connections") != std::string::npos)
        << m;
    auto s = pool->snapshot();
    // A full server may free a slot: each caller retried until its deadline,
    // and every failed connect is counted.
    EXPECT_GE(s.totals.connectErrors, errors.size());
    EXPECT_EQ(s.counts.open, static_cast<int64_t>(held.size()));
    held.clear();
    EXPECT_EQ(useAll(*pool, 3), 0) << "the pool did not work again once connections were free";
    test::expectConsistent(pool->snapshot());
}

TEST_P(PoolIdleIntegrationTest, ServerCountEqualsPoolOpenCountAfterLoad) {
    PoolConfig c = config(5);
    c.minIdle = 2;
    auto pool = test::startPool(c, b_.driver());
    {
        test::LoadLoop load(*pool, 6);
        std::this_thread::sleep_for(1500ms);
        auto counts = load.take();
        EXPECT_GT(counts.ok, 0u);
        EXPECT_EQ(counts.errors(), 0u);
    }
    std::this_thread::sleep_for(300ms);
    auto s = pool->snapshot();
    test::expectConsistent(s);
    ASSERT_GT(s.counts.open, 0);
    EXPECT_EQ(b_.waitForServerCount(s.counts.open), s.counts.open);

    // Every connection's server id is a live session on the server.
    std::string ids;
    for (const auto& ci : s.connections) {
        if (ci.serverId == 0) continue;
        ids += (ids.empty() ? "" : ",") + std::to_string(ci.serverId);
    }
    ASSERT_FALSE(ids.empty());
    auto d = b_.driver(b_.adminUrl);
    auto admin = d->connect(test::in(5s));
    ASSERT_TRUE(admin.isOk()) << admin.message();
    const std::string sql = b_.kind == "postgresql"
                                ? "SELECT 1 FROM pg_stat_activity WHERE pid IN (" + ids + ")"
                                : "SELECT 1 FROM information_schema.PROCESSLIST WHERE ID IN (" + ids + ")";
    auto r = (*admin)->execute(sql, test::in(5s));
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->rows, s.counts.open);
}

INSTANTIATE_TEST_SUITE_P(Servers, PoolIdleIntegrationTest,
                         ::testing::Values("postgresql", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace poolscope
