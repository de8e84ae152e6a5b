// PgDriver and PgConnection against the real PostgreSQL 15 and PgBouncer
// started by scripts/servers/start-servers.sh.

#include <thread>

#include <gtest/gtest.h>

#include "core/drivers/Url.h"
#include "core/drivers/postgres/PgDriver.h"
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
    auto d = openPostgresDriver(*u);
    EXPECT_TRUE(d.isOk()) << (d ? "" : d.message());
    return d ? *d : nullptr;
}

std::unique_ptr<Connection> connectOk(Driver& d, std::chrono::milliseconds t = 5s) {
    auto c = d.connect(in(t));
    EXPECT_TRUE(c.isOk()) << (c ? "" : c.message());
    return c ? std::move(c).value() : nullptr;
}

class PgDriverIntegrationTest : public ::testing::Test {
protected:
    void SetUp() override {
        url_ = test::requireEnv("POOLSCOPE_PG_URL");
        admin_ = test::requireEnv("POOLSCOPE_PG_ADMIN_URL");
        ca_ = test::requireEnv("POOLSCOPE_TLS_CA");
        wrongCa_ = test::requireEnv("POOLSCOPE_TLS_WRONG_CA");
        if (HasFailure()) GTEST_FAIL();
        password_ = test::urlPassword(url_);
        port_ = test::urlPort(url_);
    }
    std::string url_, admin_, ca_, wrongCa_, password_;
    int port_ = 0;
};

TEST_F(PgDriverIntegrationTest, ConnectsValidatesExecutesAndShowsBackendPid) {
    auto d = open(url_);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->name(), "postgresql");
    EXPECT_EQ(d->displayUrl().find(password_), std::string::npos) << d->displayUrl();
    auto c = connectOk(*d);
    ASSERT_TRUE(c);
    EXPECT_TRUE(c->validate(in(2s)).isOk());
    ASSERT_GT(c->serverId(), 0);
    // The server agrees on the PID, and the default application_name is set.
    auto r = c->execute("SELECT 1 FROM pg_stat_activity WHERE pid = " +
                            std::to_string(c->serverId()) + " AND application_name = 'poolscope'",
                        in(2s));
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->rows, 1);
    r = c->execute("SELECT generate_series(1, 5)", in(2s));
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->rows, 5);
    r = c->execute("CREATE TEMP TABLE t(x int); INSERT INTO t VALUES (1), (2), (3)", in(2s));
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->rows, 3);
}

TEST_F(PgDriverIntegrationTest, SqlErrorQuotesServerAndKeepsConnection) {
    auto d = open(url_);
    auto c = connectOk(*d);
    ASSERT_TRUE(c);
    auto r = c->execute("SELECT * FROM no_such_table", in(2s));
    ASSERT_FALSE(r.isOk());
    EXPECT_FALSE(r.error().fatal);
    EXPECT_NE(r.message().find("42P01"), std::string::npos) << r.message();
    EXPECT_NE(r.message().find("no_such_table"), std::string::npos) << r.message();
    EXPECT_NE(r.message().find("127.0.0.1:" + std::to_string(port_)), std::string::npos);
    EXPECT_TRUE(c->validate(in(2s)).isOk());
}

TEST_F(PgDriverIntegrationTest, ApplicationNameCanBeOverridden) {
    auto d = open(test::withParam(url_, "application_name", "orders"));
    auto c = connectOk(*d);
    ASSERT_TRUE(c);
    auto r = c->execute("SELECT 1 WHERE current_setting('application_name') = 'orders'", in(2s));
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->rows, 1);
}

TEST_F(PgDriverIntegrationTest, TlsVerifyFullWithTestCa) {
    auto d = open(test::withParam(test::withParam(url_, "sslmode", "verify-full"), "sslrootcert", ca_));
    auto c = connectOk(*d);
    ASSERT_TRUE(c);
    auto r = c->execute("SELECT 1 FROM pg_stat_ssl WHERE pid = pg_backend_pid() AND ssl", in(2s));
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->rows, 1);
}

TEST_F(PgDriverIntegrationTest, TlsWrongCaFailsAndSaysSo) {
    auto d = open(test::withParam(test::withParam(url_, "sslmode", "verify-full"), "sslrootcert",
                                  wrongCa_));
    auto c = d->connect(in(5s));
    ASSERT_FALSE(c.isOk());
    EXPECT_NE(c.message().find("certificate verify failed"), std::string::npos) << c.message();
    EXPECT_NE(c.message().find("127.0.0.1:" + std::to_string(port_)), std::string::npos);
}

TEST_F(PgDriverIntegrationTest, WrongPasswordNeverShowsAPassword) {
    std::string bad = url_;
    bad.replace(bad.find(password_), password_.size(), "WrongSecret123");
    auto d = open(bad);
    auto c = d->connect(in(5s));
    ASSERT_FALSE(c.isOk());
    EXPECT_NE(c.message().find("password authentication failed"), std::string::npos)
        << c.message();
    EXPECT_EQ(c.message().find("WrongSecret123"), std::string::npos) << c.message();
    EXPECT_EQ(d->displayUrl().find("WrongSecret123"), std::string::npos);
}

TEST_F(PgDriverIntegrationTest, ServerDownNamesHostPortAndRefusal) {
    int port = test::closedPort();
    std::string down = url_;
    down.replace(down.find(":" + std::to_string(port_)), std::to_string(port_).size() + 1,
                 ":" + std::to_string(port));
    auto d = open(down);
    auto start = std::chrono::steady_clock::now();
    auto c = d->connect(in(3s));
    ASSERT_FALSE(c.isOk());
    EXPECT_LT(msSince(start), 1000);
    EXPECT_NE(c.message().find("127.0.0.1:" + std::to_string(port)), std::string::npos)
        << c.message();
    EXPECT_NE(c.message().find("refused"), std::string::npos) << c.message();
    EXPECT_EQ(c.message().find(password_), std::string::npos);
}

TEST_F(PgDriverIntegrationTest, ConnectGivesUpAtDeadlineAgainstBlackHole) {
    test::BlackHoleProxy proxy("127.0.0.1", port_, /*frozen=*/true);
    ASSERT_GT(proxy.port(), 0);
    std::string viaProxy = url_;
    viaProxy.replace(viaProxy.find(":" + std::to_string(port_)),
                     std::to_string(port_).size() + 1, ":" + std::to_string(proxy.port()));
    auto d = open(viaProxy);
    auto start = std::chrono::steady_clock::now();
    auto c = d->connect(in(400ms));
    auto ms = msSince(start);
    ASSERT_FALSE(c.isOk());
    EXPECT_GE(ms, 390);
    EXPECT_LT(ms, 600);
    EXPECT_NE(c.message().find("no answer"), std::string::npos) << c.message();
    EXPECT_NE(c.message().find(std::to_string(proxy.port())), std::string::npos) << c.message();
}

TEST_F(PgDriverIntegrationTest, ValidationAndQueryGiveUpAgainstBlackHole) {
    test::BlackHoleProxy proxy("127.0.0.1", port_);
    std::string viaProxy = url_;
    viaProxy.replace(viaProxy.find(":" + std::to_string(port_)),
                     std::to_string(port_).size() + 1, ":" + std::to_string(proxy.port()));
    auto d = open(viaProxy);
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

    // A query waits for the deadline, then for the cancel's grace period.
    start = std::chrono::steady_clock::now();
    auto r = c2->execute("SELECT 1", in(300ms));
    ms = msSince(start);
    ASSERT_FALSE(r.isOk());
    EXPECT_TRUE(r.error().fatal);
    EXPECT_GE(ms, 290);
    EXPECT_LT(ms, 1000);
    EXPECT_NE(r.message().find("deadline"), std::string::npos) << r.message();
}

TEST_F(PgDriverIntegrationTest, QueryPastDeadlineIsCanceledAndConnectionKept) {
    auto d = open(url_);
    auto c = connectOk(*d);
    ASSERT_TRUE(c);
    auto start = std::chrono::steady_clock::now();
    auto r = c->execute("SELECT pg_sleep(10)", in(300ms));
    auto ms = msSince(start);
    ASSERT_FALSE(r.isOk());
    EXPECT_FALSE(r.error().fatal) << r.message();
    EXPECT_NE(r.message().find("57014"), std::string::npos) << r.message();
    EXPECT_LT(ms, 800);
    EXPECT_TRUE(c->validate(in(2s)).isOk());
}

TEST_F(PgDriverIntegrationTest, CancelFromAnotherThreadStopsTheStatement) {
    auto d = open(url_);
    auto c = connectOk(*d);
    ASSERT_TRUE(c);
    std::thread t([&] {
        std::this_thread::sleep_for(200ms);
        c->cancel();
    });
    auto start = std::chrono::steady_clock::now();
    auto r = c->execute("SELECT pg_sleep(10)", in(10s));
    t.join();
    ASSERT_FALSE(r.isOk());
    EXPECT_FALSE(r.error().fatal);
    EXPECT_LT(msSince(start), 2000);
    EXPECT_TRUE(c->validate(in(2s)).isOk());
}

TEST_F(PgDriverIntegrationTest, IdleSessionTimeoutMakesNextUseFatalAndSaysWhy) {
    auto d = open(test::withParam(url_, "options", "-c%20idle_session_timeout%3D1000"));
    auto c = connectOk(*d);
    ASSERT_TRUE(c);
    ASSERT_TRUE(c->validate(in(2s)).isOk());
    std::this_thread::sleep_for(1500ms);
    Status v = c->validate(in(2s));
    ASSERT_FALSE(v.isOk());
    EXPECT_TRUE(v.error().fatal);
    EXPECT_NE(v.message().find("idle-session timeout"), std::string::npos) << v.message();
}

TEST_F(PgDriverIntegrationTest, TerminatedBackendIsFatal) {
    auto d = open(url_);
    auto victim = connectOk(*d);
    auto admin = connectOk(*open(admin_));
    ASSERT_TRUE(victim && admin);
    auto k = admin->execute("SELECT pg_terminate_backend(" + std::to_string(victim->serverId()) + ")",
                            in(2s));
    ASSERT_TRUE(k.isOk()) << k.message();
    std::this_thread::sleep_for(100ms);
    auto r = victim->execute("SELECT 1", in(2s));
    ASSERT_FALSE(r.isOk());
    EXPECT_TRUE(r.error().fatal);
    EXPECT_NE(r.message().find("57P01"), std::string::npos) << r.message();
}

TEST_F(PgDriverIntegrationTest, MaxConnectionsReachedQuotesServer) {
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
    EXPECT_TRUE(error.find("too many clients") != std::string::npos ||
                error.find("remaining connection slots are reserved") != std::string::npos)
        << error;
}

TEST_F(PgDriverIntegrationTest, WorksThroughPgBouncer) {
    std::string bouncer = test::requireEnv("POOLSCOPE_PGBOUNCER_URL");
    ASSERT_FALSE(bouncer.empty());
    auto d = open(bouncer);
    auto c = connectOk(*d);
    ASSERT_TRUE(c);
    EXPECT_TRUE(c->validate(in(2s)).isOk());
    auto r = c->execute("SELECT generate_series(1, 3)", in(2s));
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->rows, 3);
    EXPECT_NE(c->serverId(), 0);
}

TEST_F(PgDriverIntegrationTest, ReadsPgBouncerAdminConsole) {
    std::string console = test::requireEnv("POOLSCOPE_PGBOUNCER_ADMIN_URL");
    ASSERT_FALSE(console.empty());
    auto d = open(console);
    auto c = connectOk(*d);
    ASSERT_TRUE(c);
    auto r = c->execute("SHOW POOLS", in(2s));
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_GE(r->rows, 1);
}

TEST_F(PgDriverIntegrationTest, FirstValueIsTheFirstColumnOfTheFirstRow) {
    auto d = open(url_);
    auto c = connectOk(*d);
    ASSERT_TRUE(c);
    auto r = c->execute("SELECT 42", in(2s));
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->firstValue, "42");
    r = c->execute("SELECT 'first', 2 UNION ALL SELECT 'second', 3; SELECT 9", in(2s));
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->firstValue, "first");
    EXPECT_EQ(r->rows, 3);
    r = c->execute("SELECT NULL::int", in(2s));
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->firstValue, std::nullopt);
    r = c->execute("CREATE TEMP TABLE fv(x int)", in(2s));
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->firstValue, std::nullopt);
}

}  // namespace
}  // namespace poolscope
