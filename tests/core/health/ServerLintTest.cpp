#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/health/ServerLint.h"

namespace poolscope {
namespace {

PoolConfig pool(std::string name, int64_t maxOpen) {
    PoolConfig c;
    c.name = std::move(name);
    c.maxOpen = maxOpen;
    c.maxIdle = maxOpen;
    return c;
}

std::vector<std::string> codes(const std::vector<LintFinding>& findings) {
    std::vector<std::string> out;
    for (const auto& f : findings) {
        EXPECT_EQ(f.level, LintFinding::Level::Warning) << f.code;
        // Front ends word the code from its arguments: each one is in the English text.
        EXPECT_EQ(f.args.size(), f.code == "unbounded_vs_server" ? 5u : 6u) << f.code;
        for (const auto& a : f.args)
            if (!a.empty()) {
                EXPECT_NE(f.message.find(a), std::string::npos) << f.code << ": " << a;
            }
        out.push_back(f.code);
    }
    return out;
}

TEST(ServerLintTest, NothingKnownNothingFound) {
    const PoolConfig p = pool("a", 0);
    EXPECT_TRUE(lintAgainstServer(p, {p}, ServerLimits{}).empty());
}

TEST(ServerLintTest, MaxOpenAboveMaxConnections) {
    ServerLimits limits;
    limits.product = "PostgreSQL";
    limits.maxConnections = 100;
    const PoolConfig p = pool("orders", 120);
    const auto f = lintAgainstServer(p, {p}, limits);
    ASSERT_EQ(codes(f), std::vector<std::string>{"max_open_over_server"});
    EXPECT_EQ(f[0].message,
              "max_open=120 is above the PostgreSQL server's max_connections=100: when the pools fill up, "
              "connects fail with \"too many clients\"; lower max_open or raise max_connections");
    const PoolConfig fits = pool("orders", 100);
    EXPECT_TRUE(lintAgainstServer(fits, {fits}, limits).empty());
}

TEST(ServerLintTest, ReservedConnectionsAndSeveralPoolsCount) {
    ServerLimits limits;
    limits.maxConnections = 100;
    limits.reservedConnections = 3;
    const std::vector<PoolConfig> pools = {pool("a", 40), pool("b", 40), pool("c", 20)};
    const auto f = lintAgainstServer(pools[0], pools, limits);
    ASSERT_EQ(codes(f), std::vector<std::string>{"max_open_over_server"});
    EXPECT_NE(f[0].message.find("max_open summed over 3 pools (100) is above the server's max_connections=100 "
                                "(97 after 3 reserved)"),
              std::string::npos)
        << f[0].message;
    const std::vector<PoolConfig> fits = {pool("a", 40), pool("b", 40), pool("c", 17)};
    EXPECT_TRUE(lintAgainstServer(fits[0], fits, limits).empty());
}

TEST(ServerLintTest, UnboundedWithAKnownLimit) {
    ServerLimits limits;
    limits.maxConnections = 151;
    limits.product = "MySQL";
    const PoolConfig p = pool("a", 0);
    const auto f = lintAgainstServer(p, {p, pool("b", 10)}, limits);
    ASSERT_EQ(codes(f), std::vector<std::string>{"unbounded_vs_server"});
    EXPECT_EQ(f[0].message,
              "pool \"a\": max_open=0 lets it open connections until the MySQL server's max_connections=151 is "
              "used up, starving every other client; set max_open to this service's share");
}

TEST(ServerLintTest, LifetimesAgainstWaitTimeout) {
    ServerLimits limits;
    limits.product = "MySQL";
    limits.waitTimeoutMs = 60'000;
    PoolConfig p = pool("a", 10);  // max_idle_time 600 s, max_lifetime 1800 s
    auto f = lintAgainstServer(p, {p}, limits);
    ASSERT_EQ(codes(f), (std::vector<std::string>{"max_idle_time_ge_wait_timeout", "max_lifetime_ge_wait_timeout"}));
    EXPECT_EQ(f[0].message,
              "pool \"a\": max_idle_time_ms=600000 (600 s) is not below the MySQL server's wait_timeout (60 s), so "
              "the pool can hand out sessions the server already closed; set it a few seconds below "
              "wait_timeout, or set keepalive_ms below it");
    p.maxIdleTimeMs = 50'000;
    EXPECT_EQ(codes(lintAgainstServer(p, {p}, limits)), std::vector<std::string>{"max_lifetime_ge_wait_timeout"});
    p.maxLifetimeMs = 55'000;
    EXPECT_TRUE(lintAgainstServer(p, {p}, limits).empty());
    p.maxLifetimeMs = 0;  // forever
    EXPECT_EQ(codes(lintAgainstServer(p, {p}, limits)), std::vector<std::string>{"max_lifetime_ge_wait_timeout"});
    // Keepalive pings more often than the timeout: the server never sees the session idle that long.
    PoolConfig kept = pool("a", 10);
    kept.keepaliveMs = 30'000;
    EXPECT_TRUE(lintAgainstServer(kept, {kept}, limits).empty());
}

TEST(ServerLintTest, IdleSessionTimeoutOffOrOn) {
    ServerLimits limits;
    limits.idleSessionTimeoutMs = 0;  // PostgreSQL default: off
    const PoolConfig p = pool("a", 10);
    EXPECT_TRUE(lintAgainstServer(p, {p}, limits).empty());
    limits.idleSessionTimeoutMs = 300'000;
    EXPECT_EQ(codes(lintAgainstServer(p, {p}, limits)),
              (std::vector<std::string>{"max_idle_time_ge_idle_session_timeout",
                                        "max_lifetime_ge_idle_session_timeout"}));
}

}  // namespace
}  // namespace poolscope
