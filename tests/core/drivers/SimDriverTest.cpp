#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include "core/drivers/SimDriver.h"

namespace poolscope {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

Deadline in(Clock::duration d) { return Clock::now() + d; }
Deadline farAway() { return Clock::now() + 60s; }

std::shared_ptr<SimDriver> sim(const std::string& url) {
    auto parsed = Url::parse(url);
    EXPECT_TRUE(parsed) << parsed.message();
    auto driver = SimDriver::create(*parsed);
    EXPECT_TRUE(driver) << driver.message();
    return driver.value();
}

std::unique_ptr<Connection> connectOk(SimDriver& driver) {
    auto conn = driver.connect(farAway());
    EXPECT_TRUE(conn) << conn.message();
    return conn ? std::move(conn).value() : nullptr;
}

int64_t msSince(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

TEST(SimDriverTest, DefaultsAreInstantAndAlwaysSucceed) {
    auto driver = sim("sim://");
    EXPECT_EQ(driver->name(), "sim");
    const auto start = Clock::now();
    auto a = connectOk(*driver);
    auto b = connectOk(*driver);
    for (int i = 0; i < 1000; ++i) {
        ASSERT_TRUE(a->validate(farAway()));
        auto r = a->execute("SELECT 1", farAway());
        ASSERT_TRUE(r);
        EXPECT_EQ(r->rows, 1);
    }
    EXPECT_LT(msSince(start), 50);
    EXPECT_GT(b->serverId(), a->serverId());
    EXPECT_EQ(driver->serverConnections(), 2);
    b.reset();
    EXPECT_EQ(driver->serverConnections(), 1);
}

TEST(SimDriverTest, ConnectTakesConnectMs) {
    auto driver = sim("sim://?connect_ms=30");
    const auto start = Clock::now();
    auto conn = driver->connect(farAway());
    ASSERT_TRUE(conn) << conn.message();
    EXPECT_GE(msSince(start), 30);
}

TEST(SimDriverTest, ConnectGivesUpAtTheDeadline) {
    auto driver = sim("sim://?connect_ms=5000");
    const auto start = Clock::now();
    auto conn = driver->connect(in(50ms));
    const auto elapsed = msSince(start);
    ASSERT_FALSE(conn);
    EXPECT_NE(conn.message().find("connect to sim server timed out after 50 ms"), std::string::npos)
        << conn.message();
    EXPECT_GE(elapsed, 49);
    EXPECT_LT(elapsed, 1000);
    EXPECT_EQ(driver->serverConnections(), 0);
}

TEST(SimDriverTest, QueryTakesQueryMsAndTimesOutAtTheDeadlineWithoutBreaking) {
    auto driver = sim("sim://?query_ms=40");
    auto conn = connectOk(*driver);
    auto start = Clock::now();
    ASSERT_TRUE(conn->execute("SELECT 1", farAway()));
    EXPECT_GE(msSince(start), 40);

    start = Clock::now();
    auto late = conn->execute("SELECT 1", in(10ms));
    const auto elapsed = msSince(start);
    ASSERT_FALSE(late);
    EXPECT_FALSE(late.error().fatal);
    EXPECT_EQ(late.message(), "query canceled: statement timeout after 10 ms");
    EXPECT_GE(elapsed, 9);
    EXPECT_LT(elapsed, 40);
    // Still usable.
    EXPECT_TRUE(conn->validate(farAway()));
    EXPECT_TRUE(conn->execute("SELECT 1", farAway()));
}

TEST(SimDriverTest, JitterStaysWithinBounds) {
    auto driver = sim("sim://?query_ms=20&jitter_ms=15");
    auto conn = connectOk(*driver);
    for (int i = 0; i < 5; ++i) {
        const auto start = Clock::now();
        ASSERT_TRUE(conn->execute("SELECT 1", farAway()));
        const auto elapsed = msSince(start);
        EXPECT_GE(elapsed, 4);
        EXPECT_LT(elapsed, 35 + 50);  // upper bound plus scheduling slack
    }
}

TEST(SimDriverTest, RefusesConnectionsBeyondMaxServerConns) {
    auto driver = sim("sim://?max_server_conns=2");
    auto a = connectOk(*driver);
    auto b = connectOk(*driver);
    auto c = driver->connect(farAway());
    ASSERT_FALSE(c);
    EXPECT_EQ(c.message(),
              "connect to sim://?max_server_conns=2 failed: FATAL: sorry, too many clients "
              "already (max_server_conns=2)");
    EXPECT_EQ(driver->serverConnections(), 2);
    a.reset();  // closing one frees a slot
    EXPECT_EQ(driver->serverConnections(), 1);
    EXPECT_TRUE(driver->connect(farAway()));
}

TEST(SimDriverTest, RestartBreaksOldConnectionsOnTheirNextUseOnly) {
    auto driver = sim("sim://?max_server_conns=2");
    auto old1 = connectOk(*driver);
    auto old2 = connectOk(*driver);
    driver->restartServer();
    EXPECT_EQ(driver->restarts(), 1u);
    // The broken connections no longer hold server slots.
    EXPECT_EQ(driver->serverConnections(), 0);
    auto fresh = connectOk(*driver);
    EXPECT_TRUE(fresh->validate(farAway()));
    EXPECT_TRUE(fresh->execute("SELECT 1", farAway()));

    const Status v = old1->validate(farAway());
    ASSERT_FALSE(v);
    EXPECT_TRUE(v.error().fatal);
    EXPECT_EQ(v.message(), "server closed the connection unexpectedly (simulated restart)");
    auto e = old2->execute("SELECT 1", farAway());
    ASSERT_FALSE(e);
    EXPECT_TRUE(e.error().fatal);
    EXPECT_EQ(e.message(), "server closed the connection unexpectedly (simulated restart)");
    EXPECT_FALSE(old1->execute("SELECT 1", farAway()));  // stays broken

    old1.reset();
    old2.reset();
    EXPECT_EQ(driver->serverConnections(), 1);
    EXPECT_TRUE(driver->connect(farAway()));
}

TEST(SimDriverTest, RestartsAutomaticallyEveryRestartEveryS) {
    auto driver = sim("sim://?restart_every_s=0.05");
    const uint64_t before = driver->restarts();
    auto conn = connectOk(*driver);
    const auto start = Clock::now();
    while (driver->restarts() == before && Clock::now() - start < 2s)
        std::this_thread::sleep_for(5ms);
    ASSERT_GT(driver->restarts(), before);
    const Status v = conn->validate(farAway());
    ASSERT_FALSE(v);
    EXPECT_TRUE(v.error().fatal);
    EXPECT_EQ(driver->serverConnections(), 0);
}

TEST(SimDriverTest, RestartDuringAQueryBreaksIt) {
    auto driver = sim("sim://?query_ms=100");
    auto conn = connectOk(*driver);
    auto result = std::async(std::launch::async,
                             [&] { return conn->execute("SELECT pg_sleep(0.1)", farAway()); });
    std::this_thread::sleep_for(20ms);
    driver->restartServer();
    auto r = result.get();
    ASSERT_FALSE(r);
    EXPECT_TRUE(r.error().fatal);
}

TEST(SimDriverTest, CancelInterruptsASleepingQueryPromptly) {
    auto driver = sim("sim://?query_ms=10000");
    auto conn = connectOk(*driver);
    std::atomic<bool> started{false};
    auto result = std::async(std::launch::async, [&] {
        started = true;
        return conn->execute("SELECT long_query()", farAway());
    });
    while (!started) std::this_thread::yield();
    std::this_thread::sleep_for(10ms);
    // cancel() only affects a statement in progress, so repeat it in case the
    // query had not started waiting yet.
    const auto cancelAt = Clock::now();
    while (result.wait_for(0s) != std::future_status::ready && Clock::now() - cancelAt < 15s) {
        conn->cancel();
        result.wait_for(10ms);
    }
    const auto elapsed = msSince(cancelAt);
    auto r = result.get();
    ASSERT_FALSE(r);
    EXPECT_FALSE(r.error().fatal);
    EXPECT_EQ(r.message(), "query canceled: canceling statement due to user request");
    EXPECT_LT(elapsed, 100);
    EXPECT_TRUE(conn->validate(farAway()));
}

TEST(SimDriverTest, CancelWithoutARunningQueryDoesNothing) {
    auto driver = sim("sim://?query_ms=5");
    auto conn = connectOk(*driver);
    conn->cancel();
    EXPECT_TRUE(conn->execute("SELECT 1", farAway()));
}

TEST(SimDriverTest, FailPct100FailsEveryQueryButKeepsTheConnection) {
    auto driver = sim("sim://?fail_pct=100");
    auto conn = connectOk(*driver);
    for (int i = 0; i < 50; ++i) {
        auto r = conn->execute("SELECT 1", farAway());
        ASSERT_FALSE(r);
        EXPECT_FALSE(r.error().fatal);
        EXPECT_EQ(r.message(), "simulated query failure");
    }
    EXPECT_TRUE(conn->validate(farAway()));
}

TEST(SimDriverTest, FractionalFailPctFailsAboutThatShare) {
    auto driver = sim("sim://?fail_pct=25.5");
    auto conn = connectOk(*driver);
    int failures = 0;
    constexpr int kQueries = 4000;
    for (int i = 0; i < kQueries; ++i) failures += conn->execute("SELECT 1", farAway()) ? 0 : 1;
    EXPECT_GT(failures, kQueries * 20 / 100);
    EXPECT_LT(failures, kQueries * 31 / 100);
}

TEST(SimDriverTest, RejectsBadParametersNamingKeyAndValue) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"sim://?connect_ms=abc", "connect_ms='abc'"},
        {"sim://?query_ms=-5", "query_ms='-5'"},
        {"sim://?fail_pct=101", "fail_pct='101'"},
        {"sim://?max_server_conns=2.5", "max_server_conns='2.5'"},
        {"sim://?restart_every_s=soon", "restart_every_s='soon'"},
        {"sim://?foo=1", "unknown parameter 'foo' (value '1')"},
        {"sim://?connect_ms=1&connect_ms=2", "'connect_ms' is given twice"},
    };
    for (const auto& [text, expected] : cases) {
        SCOPED_TRACE(text);
        auto driver = SimDriver::create(Url::parse(text).value());
        ASSERT_FALSE(driver);
        EXPECT_NE(driver.message().find(expected), std::string::npos) << driver.message();
    }
}

TEST(SimDriverTest, DisplayUrlHidesThePassword) {
    auto driver = sim("sim://bob:hunter2@primary?query_ms=1");
    EXPECT_EQ(driver->displayUrl(), "sim://bob:***@primary?query_ms=1");
}

// Many threads opening, using and closing connections against a limit: the
// server never admits more than the limit, and ends with nothing open.
TEST(SimDriverTest, ConcurrentUseRespectsTheLimit) {
    auto driver = sim("sim://?max_server_conns=4&fail_pct=10");
    std::atomic<int64_t> maxSeen{0};
    std::atomic<int> refused{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 300; ++i) {
                auto conn = driver->connect(farAway());
                if (!conn) {
                    ++refused;
                    continue;
                }
                const int64_t open = driver->serverConnections();
                int64_t seen = maxSeen.load();
                while (open > seen && !maxSeen.compare_exchange_weak(seen, open)) {
                }
                (void)(*conn)->execute("SELECT 1", farAway());
                if (t == 0 && i % 100 == 50) driver->restartServer();
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_LE(maxSeen.load(), 4);
    EXPECT_EQ(driver->serverConnections(), 0);
    EXPECT_EQ(driver->restarts(), 3u);
}

}  // namespace
}  // namespace poolscope
