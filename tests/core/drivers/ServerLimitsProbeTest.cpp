// The server-limits probe without a real server: PostgreSQL duration parsing,
// the simulated and SQLite drivers, server keys from URLs, and
// QueryResult::firstValue on SQLite. PostgreSQL and MariaDB are probed in
// tests/integration.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <random>

#include "core/drivers/DriverFactory.h"
#include "core/drivers/ServerLimitsProbe.h"
#include "core/drivers/SimDriver.h"
#include "core/drivers/SqliteDriver.h"

namespace poolscope {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

Deadline farAway() { return std::chrono::steady_clock::now() + 30s; }

std::shared_ptr<Driver> driverFor(const std::string& url) {
    auto d = openDriver(url);
    EXPECT_TRUE(d) << url << ": " << (d ? "" : d.message());
    return d ? *d : nullptr;
}

TEST(ServerLimitsProbeTest, ParsesPostgresShowDurations) {
    EXPECT_EQ(parsePgDurationMs("0"), 0);
    EXPECT_EQ(parsePgDurationMs("100ms"), 100);
    EXPECT_EQ(parsePgDurationMs("1500ms"), 1500);
    EXPECT_EQ(parsePgDurationMs("30s"), 30'000);
    EXPECT_EQ(parsePgDurationMs("5min"), 300'000);
    EXPECT_EQ(parsePgDurationMs("1h"), 3'600'000);
    EXPECT_EQ(parsePgDurationMs("1d"), 86'400'000);
    EXPECT_EQ(parsePgDurationMs("250"), 250);  // no unit: the setting's base unit, ms
    EXPECT_EQ(parsePgDurationMs(""), std::nullopt);
    EXPECT_EQ(parsePgDurationMs("off"), std::nullopt);
    EXPECT_EQ(parsePgDurationMs("-1"), std::nullopt);
    EXPECT_EQ(parsePgDurationMs("5 fortnights"), std::nullopt);
    EXPECT_EQ(parsePgDurationMs("99999999999999999999d"), std::nullopt);
}

TEST(ServerLimitsProbeTest, SimulatedServerReportsItsSessionLimit) {
    auto limited = driverFor("sim://?max_server_conns=7");
    ASSERT_TRUE(limited);
    auto conn = limited->connect(farAway());
    ASSERT_TRUE(conn) << conn.message();
    const ServerLimits limits = probeServerLimits(*limited, **conn, farAway());
    EXPECT_EQ(limits.product, "simulated");
    EXPECT_EQ(limits.maxConnections, 7);
    EXPECT_FALSE(limits.waitTimeoutMs);
    EXPECT_FALSE(limits.idleSessionTimeoutMs);

    auto unlimited = driverFor("sim://");
    ASSERT_TRUE(unlimited);
    auto conn2 = unlimited->connect(farAway());
    ASSERT_TRUE(conn2) << conn2.message();
    EXPECT_TRUE(probeServerLimits(*unlimited, **conn2, farAway()).empty());
    // The simulated driver reads no values.
    auto r = (*conn2)->execute("SELECT 42", farAway());
    ASSERT_TRUE(r) << r.message();
    EXPECT_EQ(r->firstValue, std::nullopt);
}

TEST(ServerLimitsProbeTest, ServerKeyNamesHostAndPortOnly) {
    auto a = driverFor("postgresql://alice:s3cretpw@db.example:6543/orders?sslmode=disable");
    auto b = driverFor("postgres://bob@db.example:6543/billing");
    auto c = driverFor("postgresql://alice@db.example/orders");
    auto m = driverFor("mysql://app:s3cretpw@10.0.0.7/shop");
    auto m2 = driverFor("mysql://app@10.0.0.7:3307/shop");
    ASSERT_TRUE(a && b && c && m && m2);
    EXPECT_EQ(serverKeyOf(*a), "postgresql://db.example:6543");
    EXPECT_EQ(serverKeyOf(*b), serverKeyOf(*a));  // other user and database, same server
    EXPECT_EQ(serverKeyOf(*c), "postgresql://db.example:5432");
    EXPECT_EQ(serverKeyOf(*m), "mysql://10.0.0.7:3306");
    EXPECT_EQ(serverKeyOf(*m2), "mysql://10.0.0.7:3307");
    EXPECT_EQ(serverKeyOf(*a).find("s3cretpw"), std::string::npos);
    EXPECT_EQ(serverKeyOf(*m).find("s3cretpw"), std::string::npos);

    // Each simulated driver is its own server.
    auto s1 = driverFor("sim://"), s2 = driverFor("sim://");
    ASSERT_TRUE(s1 && s2);
    EXPECT_FALSE(serverKeyOf(*s1).empty());
    EXPECT_EQ(serverKeyOf(*s1), serverKeyOf(*s1));
    EXPECT_NE(serverKeyOf(*s1), serverKeyOf(*s2));
}

class ServerLimitsProbeSqliteTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::random_device rd;
        dir_ = fs::temp_directory_path() /
               ("poolscope-probe-" + std::to_string(rd()) + "-" + std::to_string(rd()));
        ASSERT_TRUE(fs::create_directory(dir_));
        driver_ = driverFor("sqlite://" + (dir_ / "t.db").string());
        ASSERT_TRUE(driver_);
        auto c = driver_->connect(farAway());
        ASSERT_TRUE(c) << c.message();
        conn_ = std::move(c).value();
    }
    void TearDown() override {
        conn_.reset();
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    std::optional<std::string> first(std::string_view sql) {
        auto r = conn_->execute(sql, farAway());
        EXPECT_TRUE(r) << sql << ": " << (r ? "" : r.message());
        return r ? r->firstValue : std::nullopt;
    }

    fs::path dir_;
    std::shared_ptr<Driver> driver_;
    std::unique_ptr<Connection> conn_;
};

TEST_F(ServerLimitsProbeSqliteTest, NoServerNoLimitsNoKey) {
    EXPECT_TRUE(probeServerLimits(*driver_, *conn_, farAway()).empty());
    EXPECT_EQ(serverKeyOf(*driver_), "");
}

TEST_F(ServerLimitsProbeSqliteTest, FirstValueIsTheFirstColumnOfTheFirstRowSet) {
    EXPECT_EQ(first("SELECT 42"), "42");
    EXPECT_EQ(first("SELECT 'abc', 7"), "abc");
    EXPECT_EQ(first("SELECT NULL"), std::nullopt);
    EXPECT_EQ(first("SELECT 1 WHERE 0"), std::nullopt);
    EXPECT_EQ(first("CREATE TABLE t(x TEXT)"), std::nullopt);
    // DML first, then two row sets: the first row set's first row wins.
    EXPECT_EQ(first("INSERT INTO t VALUES ('b'), ('c'); SELECT x FROM t ORDER BY x; SELECT 9"),
              "b");
    // An empty row set is still the first one.
    EXPECT_EQ(first("SELECT x FROM t WHERE 0; SELECT 9"), std::nullopt);
    auto r = conn_->execute("SELECT x FROM t", farAway());
    ASSERT_TRUE(r) << r.message();
    EXPECT_EQ(r->rows, 2);
}

}  // namespace
}  // namespace poolscope
