// probeServerLimits and serverKeyOf against the real PostgreSQL 15 and
// MariaDB 10.11 started by scripts/servers/start-servers.sh, which configures
// both with max_connections = 20 (PostgreSQL: superuser_reserved_connections
// = 3, no idle_session_timeout; MariaDB: the default wait_timeout, 28800 s).

#include <gtest/gtest.h>

#include "core/drivers/DriverFactory.h"
#include "core/drivers/ServerLimitsProbe.h"
#include "tests/integration/TestEnv.h"

namespace poolscope {
namespace {

using namespace std::chrono_literals;
using test::in;

std::shared_ptr<Driver> open(const std::string& url) {
    auto d = openDriver(url);
    EXPECT_TRUE(d.isOk()) << (d ? "" : d.message());
    return d ? *d : nullptr;
}

std::unique_ptr<Connection> connectOk(Driver& d) {
    auto c = d.connect(in(5s));
    EXPECT_TRUE(c.isOk()) << (c ? "" : c.message());
    return c ? std::move(c).value() : nullptr;
}

class ServerLimitsProbeIntegrationTest : public ::testing::Test {
protected:
    void SetUp() override {
        pg_ = test::requireEnv("POOLSCOPE_PG_URL");
        mysql_ = test::requireEnv("POOLSCOPE_MYSQL_URL");
        if (HasFailure()) GTEST_FAIL();
    }
    std::string pg_, mysql_;
};

TEST_F(ServerLimitsProbeIntegrationTest, PostgresReportsItsConfiguredLimits) {
    auto d = open(pg_);
    ASSERT_TRUE(d);
    auto c = connectOk(*d);
    ASSERT_TRUE(c);
    const ServerLimits limits = probeServerLimits(*d, *c, in(5s));
    EXPECT_EQ(limits.product, "PostgreSQL");
    EXPECT_EQ(limits.maxConnections, 20);
    EXPECT_EQ(limits.reservedConnections, 3);
    EXPECT_EQ(limits.idleSessionTimeoutMs, 0);  // PostgreSQL 15: known, and off
    EXPECT_FALSE(limits.waitTimeoutMs);
    // The probe leaves the connection usable.
    EXPECT_TRUE(c->validate(in(2s)).isOk());
}

TEST_F(ServerLimitsProbeIntegrationTest, PostgresIdleSessionTimeoutInMinutes) {
    // SHOW prints 300000 ms as "5min": the unit is parsed, not assumed.
    auto d = open(test::withParam(pg_, "options", "-c%20idle_session_timeout%3D300000"));
    ASSERT_TRUE(d);
    auto c = connectOk(*d);
    ASSERT_TRUE(c);
    auto shown = c->execute("SHOW idle_session_timeout", in(2s));
    ASSERT_TRUE(shown.isOk()) << shown.message();
    EXPECT_EQ(shown->firstValue, "5min");
    EXPECT_EQ(probeServerLimits(*d, *c, in(5s)).idleSessionTimeoutMs, 300'000);
}

TEST_F(ServerLimitsProbeIntegrationTest, MariadbReportsItsConfiguredLimits) {
    auto d = open(mysql_);
    ASSERT_TRUE(d);
    auto c = connectOk(*d);
    ASSERT_TRUE(c);
    ServerLimits limits = probeServerLimits(*d, *c, in(5s));
    EXPECT_EQ(limits.product, "MariaDB");
    EXPECT_EQ(limits.maxConnections, 20);
    EXPECT_EQ(limits.waitTimeoutMs, 28'800'000);
    EXPECT_FALSE(limits.idleSessionTimeoutMs);
    // The session's own wait_timeout is the one the server applies to it.
    ASSERT_TRUE(c->execute("SET SESSION wait_timeout = 120", in(2s)).isOk());
    limits = probeServerLimits(*d, *c, in(5s));
    EXPECT_EQ(limits.waitTimeoutMs, 120'000);
    EXPECT_TRUE(c->validate(in(2s)).isOk());
}

TEST_F(ServerLimitsProbeIntegrationTest, PastDeadlineLeavesEverythingUnknown) {
    auto d = open(pg_);
    ASSERT_TRUE(d);
    auto c = connectOk(*d);
    ASSERT_TRUE(c);
    const ServerLimits limits = probeServerLimits(*d, *c, std::chrono::steady_clock::now() - 1ms);
    EXPECT_TRUE(limits.empty());
    EXPECT_EQ(limits.product, "PostgreSQL");
}

TEST_F(ServerLimitsProbeIntegrationTest, ServerKeysTellTheServersApart) {
    auto pg = open(pg_), mysql = open(mysql_);
    ASSERT_TRUE(pg && mysql);
    const std::string pgKey = serverKeyOf(*pg), mysqlKey = serverKeyOf(*mysql);
    EXPECT_EQ(pgKey, "postgresql://127.0.0.1:" + std::to_string(test::urlPort(pg_)));
    EXPECT_EQ(mysqlKey, "mysql://127.0.0.1:" + std::to_string(test::urlPort(mysql_)));
    EXPECT_EQ(pgKey.find(test::urlPassword(pg_)), std::string::npos);
}

}  // namespace
}  // namespace poolscope
