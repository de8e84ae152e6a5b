// MysqlDriver and MysqlConnection against the real MariaDB 10.11 started by
// scripts/servers/start-servers.sh.

#include <thread>

#include <gtest/gtest.h>

#include "core/drivers/Url.h"
#include "core/drivers/mysql/MysqlDriver.h"
#include "tests/integration/BlackHoleProxy.h"
#include "tests/integration/TestEnv.h"

namespace poolscope {
namespace {

using namespace std::chrono_literals;
using test::in;
using test::msSince;

std::shared_ptr<Driver> open(const std::string& url) {
    auto u = Url::parse(url);
    EXPECT_TRUE(u.isOk()) << (u ? "" : u.message());
    if (!u) return nullptr;
    auto d = openMysqlDriver(*u);
    EXPECT_TRUE(d.isOk()) << (d ? "" : d.message());
    return d ? *d : nullptr;
}

std::unique_ptr<Connection> connectOk(Driver& d, std::chrono::milliseconds t = 5s) {
    auto c = d.connect(in(t));
    EXPECT_TRUE(c.isOk()) << (c ? "" : c.message());
    return c ? std::move(c).value() : nullptr;
}

class MysqlDriverIntegrationTest : public ::testing::Test {
protected:
    void SetUp() override {
        url_ = test::requireEnv("POOLSCOPE_MYSQL_URL");
        admin_ = test::requireEnv("POOLSCOPE_MYSQL_ADMIN_URL");
        ca_ = test::requireEnv("POOLSCOPE_TLS_CA");
        wrongCa_ = test::requireEnv("POOLSCOPE_TLS_WRONG_CA");
        if (HasFailure()) GTEST_FAIL();
        password_ = test::urlPassword(url_);
        port_ = test::urlPort(url_);
    }
    std::string withPort(int port) const {
        std::string u = url_;
        u.replace(u.find(":" + std::to_string(port_)), std::to_string(port_).size() + 1,
                  ":" + std::to_string(port));
        return u;
    }
    std::string url_, admin_, ca_, wrongCa_, password_;
    int port_ = 0;
};

TEST_F(MysqlDriverIntegrationTest, ConnectsValidatesExecutesAndShowsThreadId) {
    auto d = open(url_);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->name(), "mysql");
    EXPECT_EQ(d->displayUrl().find(password_), std::string::npos) << d->displayUrl();
    auto c = connectOk(*d);
    ASSERT_TRUE(c);
    EXPECT_TRUE(c->validate(in(2s)).isOk());
    ASSERT_GT(c->serverId(), 0);
    auto r = c->execute("SELECT 1 FROM information_schema.PROCESSLIST WHERE ID = " +
                            std::to_string(c->serverId()) + " AND ID = CONNECTION_ID()",
                        in(2s));
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->rows, 1);
    r = c->execute("SELECT seq FROM seq_1_to_5", in(2s));
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->rows, 5);
    r = c->execute("CREATE TEMPORARY TABLE t (x INT); INSERT INTO t VALUES (1), (2), (3)", in(2s));
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->rows, 3);
}

TEST_F(MysqlDriverIntegrationTest, SqlErrorQuotesServerAndKeepsConnection) {
    auto d = open(url_);
    auto c = connectOk(*d);
    ASSERT_TRUE(c);
    auto r = c->execute("SELECT * FROM no_such_table", in(2s));
    ASSERT_FALSE(r.isOk());
    EXPECT_FALSE(r.error().fatal);
    EXPECT_NE(r.message().find("1146"), std::string::npos) << r.message();
    EXPECT_NE(r.message().find("no_such_table"), std::string::npos) << r.message();
    EXPECT_NE(r.message().find("127.0.0.1:" + std::to_string(port_)), std::string::npos);
    EXPECT_TRUE(c->validate(in(2s)).isOk());
}

TEST_F(MysqlDriverIntegrationTest, TlsVerifyIdentityWithTestCa) {
    auto d = open(test::withParam(test::withParam(url_, "ssl-mode", "VERIFY_IDENTITY"), "ssl-ca", ca_));
    auto c = connectOk(*d);
    ASSERT_TRUE(c);
    auto r = c->execute(
        "SELECT 1 FROM information_schema.SESSION_STATUS WHERE VARIABLE_NAME = 'SSL_VERSION' "
        "AND VARIABLE_VALUE LIKE 'TLS%'",
        in(2s));
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->rows, 1);
}

TEST_F(MysqlDriverIntegrationTest, TlsWrongCaFailsAndSaysSo) {
    auto d = open(test::withParam(test::withParam(url_, "ssl-mode", "VERIFY_IDENTITY"), "ssl-ca",
                                  wrongCa_));
    auto c = d->connect(in(5s));
    ASSERT_FALSE(c.isOk());
    EXPECT_NE(c.message().find("2026"), std::string::npos) << c.message();
    EXPECT_NE(c.message().find("could not be verified"), std::string::npos) << c.message();
    EXPECT_NE(c.message().find("127.0.0.1:" + std::to_string(port_)), std::string::npos);
}

TEST_F(MysqlDriverIntegrationTest, WrongPasswordNeverShowsAPassword) {
    std::string bad = url_;
    bad.replace(bad.find(password_), password_.size(), "WrongSecret123");
    auto d = open(bad);
    auto c = d->connect(in(5s));
    ASSERT_FALSE(c.isOk());
    EXPECT_NE(c.message().find("Access denied"), std::string::npos) << c.message();
    EXPECT_EQ(c.message().find("WrongSecret123"), std::string::npos) << c.message();
    EXPECT_EQ(d->displayUrl().find("WrongSecret123"), std::string::npos);
}

TEST_F(MysqlDriverIntegrationTest, ServerDownNamesHostPortAndRefusal) {
    int port = test::closedPort();
    auto d = open(withPort(port));
    auto start = std::chrono::steady_clock::now();
    auto c = d->connect(in(3s));
    ASSERT_FALSE(c.isOk());
    EXPECT_LT(msSince(start), 1000);
    EXPECT_NE(c.message().find("127.0.0.1:" + std::to_string(port)), std::string::npos)
        << c.message();
    EXPECT_NE(c.message().find("refused"), std::string::npos) << c.message();
    EXPECT_EQ(c.message().find(password_), std::string::npos);
}

TEST_F(MysqlDriverIntegrationTest, ConnectGivesUpAtDeadlineAgainstBlackHole) {
    test::BlackHoleProxy proxy("127.0.0.1", port_, /*frozen=*/true);
    ASSERT_GT(proxy.port(), 0);
    auto d = open(withPort(proxy.port()));
    auto start = std::chrono::steady_clock::now();
    auto c = d->connect(in(400ms));
    auto ms = msSince(start);
    ASSERT_FALSE(c.isOk());
    EXPECT_GE(ms, 390);
    EXPECT_LT(ms, 600);
    EXPECT_NE(c.message().find("no answer"), std::string::npos) << c.message();
    EXPECT_NE(c.message().find(std::to_string(proxy.port())), std::string::npos) << c.message();
}

TEST_F(MysqlDriverIntegrationTest, ValidationAndQueryGiveUpAgainstBlackHole) {
    test::BlackHoleProxy proxy("127.0.0.1", port_);
    auto d = open(withPort(proxy.port()));
    auto c1 = connectOk(*d);
    auto c2 = connectOk(*d);
    ASSERT_TRUE(c1 && c2);
    ASSERT_TRUE(c1->validate(in(2s)).isOk());
    proxy.freeze();

    auto start = std::chrono::steady_clock::now();
    Status v = c1->validate(in(300ms));
    auto ms = msSince(start);
    ASSERT_FALSE(v.isOk());
    EXPECT_TRUE(v.error().fatal);
    EXPECT_GE(ms, 290);
    EXPECT_LT(ms, 500);

    // A query waits for the deadline, then for KILL QUERY's grace period
    // (the KILL's own connection goes into the black hole too).
    start = std::chrono::steady_clock::now();
    auto r = c2->execute("SELECT 1", in(300ms));
    ms = msSince(start);
    ASSERT_FALSE(r.isOk());
    EXPECT_TRUE(r.error().fatal);
    EXPECT_GE(ms, 290);
    EXPECT_LT(ms, 1000);
    EXPECT_NE(r.message().find("deadline"), std::string::npos) << r.message();
    // Given up: later calls fail at once.
    start = std::chrono::steady_clock::now();
    EXPECT_FALSE(c2->validate(in(2s)).isOk());
    EXPECT_LT(msSince(start), 50);
}

TEST_F(MysqlDriverIntegrationTest, QueryPastDeadlineIsKilledAndConnectionKept) {
    auto d = open(url_);
    auto c = connectOk(*d);
    ASSERT_TRUE(c);
    auto start = std::chrono::steady_clock::now();
    auto r = c->execute("SELECT SLEEP(10)", in(300ms));
    auto ms = msSince(start);
    ASSERT_FALSE(r.isOk());
    EXPECT_FALSE(r.error().fatal) << r.message();
    EXPECT_NE(r.message().find("KILL QUERY"), std::string::npos) << r.message();
    EXPECT_LT(ms, 800);
    EXPECT_TRUE(c->validate(in(2s)).isOk());
    auto ok = c->execute("SELECT 1", in(2s));
    EXPECT_TRUE(ok.isOk()) << ok.message();
}

TEST_F(MysqlDriverIntegrationTest, CancelFromAnotherThreadStopsTheStatement) {
    auto d = open(url_);
    auto c = connectOk(*d);
    ASSERT_TRUE(c);
    std::thread t([&] {
        std::this_thread::sleep_for(200ms);
        c->cancel();
    });
    auto start = std::chrono::steady_clock::now();
    auto r = c->execute("SELECT * FROM seq_1_to_1000000000 WHERE SLEEP(0.01)", in(10s));
    t.join();
    ASSERT_FALSE(r.isOk());
    EXPECT_FALSE(r.error().fatal) << r.message();
    EXPECT_NE(r.message().find("1317"), std::string::npos) << r.message();
    EXPECT_LT(msSince(start), 2000);
    EXPECT_TRUE(c->validate(in(2s)).isOk());
}

TEST_F(MysqlDriverIntegrationTest, WaitTimeoutMakesNextUseFatal) {
    auto admin = connectOk(*open(admin_));
    ASSERT_TRUE(admin);
    ASSERT_TRUE(admin->execute("SET GLOBAL wait_timeout = 1", in(2s)).isOk());
    auto d = open(url_);
    auto c = connectOk(*d);
    (void)admin->execute("SET GLOBAL wait_timeout = 28800", in(2s));
    ASSERT_TRUE(c);
    std::this_thread::sleep_for(2000ms);
    Status v = c->validate(in(2s));
    ASSERT_FALSE(v.isOk());
    EXPECT_TRUE(v.error().fatal);
    EXPECT_NE(v.message().find("127.0.0.1:" + std::to_string(port_)), std::string::npos);
    auto r = c->execute("SELECT 1", in(2s));
    ASSERT_FALSE(r.isOk());
    EXPECT_TRUE(r.error().fatal);
}

TEST_F(MysqlDriverIntegrationTest, KilledConnectionIsFatal) {
    auto victim = connectOk(*open(url_));
    auto admin = connectOk(*open(admin_));
    ASSERT_TRUE(victim && admin);
    ASSERT_TRUE(admin->execute("KILL CONNECTION " + std::to_string(victim->serverId()), in(2s)).isOk());
    std::this_thread::sleep_for(100ms);
    auto r = victim->execute("SELECT 1", in(2s));
    ASSERT_FALSE(r.isOk());
    EXPECT_TRUE(r.error().fatal) << r.message();
}

TEST_F(MysqlDriverIntegrationTest, MaxConnectionsReachedQuotesServer) {
    auto d = open(url_);
    std::vector<std::unique_ptr<Connection>> held;
    std::string error;
    for (int i = 0; i < 40 && error.empty(); ++i) {
        auto c = d->connect(in(5s));
        if (c) {
            held.push_back(std::move(c).value());
        } else {
            error = c.message();
        }
    }
    ASSERT_FALSE(error.empty()) << "the server accepted 40 connections; max_connections is not low";
    EXPECT_NE(error.find("127.0.0.1:" + std::to_string(port_)), std::string::npos) << error;
    EXPECT_NE(error.find("1040"), std::string::npos) << error;
    EXPECT_NE(error.find("Too many connections"), std::string::npos) << error;
}

TEST_F(MysqlDriverIntegrationTest, FirstValueIsTheFirstColumnOfTheFirstRow) {
    auto d = open(url_);
    auto c = connectOk(*d);
    ASSERT_TRUE(c);
    auto r = c->execute("SELECT 42", in(2s));
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->firstValue, "42");
    r = c->execute("SELECT 'first', 2 UNION ALL SELECT 'second', 3", in(2s));
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->firstValue, "first");
    EXPECT_EQ(r->rows, 2);
    r = c->execute("SELECT NULL", in(2s));
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->firstValue, std::nullopt);
    r = c->execute("DO 1", in(2s));
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->firstValue, std::nullopt);
}

}  // namespace
}  // namespace poolscope
