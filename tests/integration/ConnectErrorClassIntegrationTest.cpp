// Real servers refuse connects for different reasons; the pool keeps the
// driver's class of its newest connect error, and the connect_errors alert
// gives the matching advice (issue 13, section 4): wrong password ->
// authentication, no such database -> configuration, nothing listening ->
// unreachable. Counters and firing are unchanged: one failed connect, one
// connect error.
#include <gtest/gtest.h>

#include <string>

#include "core/drivers/DriverFactory.h"
#include "core/health/CounterWindow.h"
#include "core/health/RuleMeasurement.h"
#include "core/health/Thresholds.h"
#include "core/pool/Pool.h"
#include "tests/integration/TestEnv.h"

namespace poolscope {
namespace {

/// `url` with its password replaced.
std::string withPassword(const std::string& url, const std::string& password) {
    const std::string old = test::urlPassword(url);
    const size_t at = url.find(":" + old + "@");
    EXPECT_NE(at, std::string::npos) << "the test URL has no password";
    return url.substr(0, at + 1) + password + url.substr(at + 1 + old.size());
}

/// `url` with its path (the database) replaced.
std::string withDatabase(const std::string& url, const std::string& db) {
    const size_t slash = url.find('/', url.find('@'));
    const size_t end = url.find('?', slash);
    return url.substr(0, slash + 1) + db + (end == std::string::npos ? "" : url.substr(end));
}

/// `url` pointing at a port nothing listens on.
std::string withClosedPort(const std::string& url) {
    const std::string port = std::to_string(test::urlPort(url));
    const size_t at = url.find(":" + port);
    return url.substr(0, at + 1) + std::to_string(test::closedPort()) + url.substr(at + 1 + port.size());
}

/// One failed acquire on a fresh pool; checks the class and the alert.
void expectClass(const std::string& url, ConnectErrorClass expected, const std::string& headline) {
    SCOPED_TRACE(toString(expected));
    auto driver = openDriver(url);
    ASSERT_TRUE(driver.isOk()) << driver.message();
    PoolConfig config;
    config.name = "refused";
    config.maxOpen = 2;
    config.maxIdle = 2;
    config.acquireTimeoutMs = 1000;
    Pool pool(config, *driver);
    ASSERT_TRUE(pool.start().isOk());
    auto lease = pool.acquire("ConnectErrorClassIntegrationTest");
    ASSERT_FALSE(lease.isOk());
    const PoolSnapshot s = pool.snapshot();
    // Refused credentials or requests fail the caller at once (one connect);
    // an unreachable server is retried until the caller's deadline, and
    // every failed connect counts.
    if (expected == ConnectErrorClass::Unreachable)
        EXPECT_GE(s.totals.connectErrors, 1u);
    else
        EXPECT_EQ(s.totals.connectErrors, 1u);
    const uint64_t errors = s.totals.connectErrors;
    EXPECT_EQ(s.lastConnectErrorClass, expected) << s.lastConnectError;
    CounterWindow window(60'000'000'000);
    window.add(0, PoolTotals{});
    window.add(1'000'000'000, s.totals);
    const Measurement m =
        measureRule(RuleId::ConnectErrors, s, window, Thresholds::defaults().rule(RuleId::ConnectErrors));
    EXPECT_EQ(m.value, static_cast<double>(errors));
    EXPECT_EQ(m.message.rfind(headline + " — " + std::to_string(errors) + " connect error", 0), 0u) << m.message;
    EXPECT_NE(m.message.find("last error: " + s.lastConnectError), std::string::npos) << m.message;
}

TEST(ConnectErrorClassIntegrationTest, PostgresqlRefusalsAreClassed) {
    const std::string url = test::requireEnv("POOLSCOPE_PG_URL");
    ASSERT_FALSE(HasFatalFailure());
    expectClass(withPassword(url, "wrong-Passw0rd"), ConnectErrorClass::Authentication, "authentication refused");
    expectClass(withDatabase(url, "no_such_db_poolscope"), ConnectErrorClass::Configuration,
                "connection refused by configuration");
    expectClass(withClosedPort(url), ConnectErrorClass::Unreachable, "database unreachable");
}

TEST(ConnectErrorClassIntegrationTest, MysqlRefusalsAreClassed) {
    const std::string url = test::requireEnv("POOLSCOPE_MYSQL_URL");
    ASSERT_FALSE(HasFatalFailure());
    expectClass(withPassword(url, "wrong-Passw0rd"), ConnectErrorClass::Authentication, "authentication refused");
    expectClass(withDatabase(url, "no_such_db_poolscope"), ConnectErrorClass::Configuration,
                "connection refused by configuration");
    expectClass(withClosedPort(url), ConnectErrorClass::Unreachable, "database unreachable");
}

}  // namespace
}  // namespace poolscope
