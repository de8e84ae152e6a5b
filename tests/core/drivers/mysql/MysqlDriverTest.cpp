// MysqlDriver and its error classification without a server.

#include <gtest/gtest.h>

#include "core/drivers/Url.h"
#include "core/drivers/mysql/MysqlDriver.h"
#include "core/drivers/mysql/MysqlErrors.h"
#include "tests/integration/TestEnv.h"

namespace poolscope {
namespace {

using namespace std::chrono_literals;

TEST(MysqlDriverTest, ConnectErrorClassesFollowTheErrorNumber) {
    using C = ConnectErrorClass;
    for (unsigned code : {1040u, 1203u, 1226u}) EXPECT_EQ(mysql::connectErrorClass(code), C::ServerFull) << code;
    for (unsigned code : {1045u, 1130u, 1251u, 1698u, 2059u})
        EXPECT_EQ(mysql::connectErrorClass(code), C::Authentication) << code;
    for (unsigned code : {1049u, 1044u, 2026u}) EXPECT_EQ(mysql::connectErrorClass(code), C::Configuration) << code;
    for (unsigned code : {2002u, 2003u, 2005u, 2013u}) EXPECT_EQ(mysql::connectErrorClass(code), C::Unreachable) << code;
    for (unsigned code : {1146u, 1064u, 0u}) EXPECT_EQ(mysql::connectErrorClass(code), C::Unknown) << code;
}

TEST(MysqlDriverTest, RefusedConnectIsClassedUnreachable) {
    auto url = Url::parse("mysql://app:s3cretpw@127.0.0.1:" + std::to_string(test::closedPort()) + "/db");
    ASSERT_TRUE(url.isOk());
    auto d = openMysqlDriver(*url);
    ASSERT_TRUE(d.isOk()) << d.message();
    auto c = (*d)->connect(test::in(2s));
    ASSERT_FALSE(c.isOk());
    EXPECT_EQ(c.error().connectClass, ConnectErrorClass::Unreachable) << c.message();
    EXPECT_EQ(c.message().find("s3cretpw"), std::string::npos) << c.message();
}

TEST(MysqlDriverTest, SessionEndingCodesAreFatal) {
    for (unsigned code : {2002u, 2003u, 2006u, 2013u, 2055u, 4031u, 1053u, 1927u, 1040u, 2014u}) {
        EXPECT_TRUE(mysql::isFatalCode(code)) << code;
    }
    for (unsigned code : {1146u, 1064u, 1317u, 1062u, 1213u, 0u}) {
        EXPECT_FALSE(mysql::isFatalCode(code)) << code;
    }
}

TEST(MysqlDriverTest, ScrubRemovesTheSecret) {
    EXPECT_EQ(scrubSecret("x hunter22 y", "hunter22"), "x *** y");
    EXPECT_EQ(scrubSecret("x a y", "a"), "x a y");
}

TEST(MysqlDriverTest, RefusedConnectNamesHostPortRefusalAndHidesPassword) {
    const int port = test::closedPort();
    auto url = Url::parse("mysql://app:s3cretpw@127.0.0.1:" + std::to_string(port) + "/db");
    ASSERT_TRUE(url.isOk());
    auto d = openMysqlDriver(*url);
    ASSERT_TRUE(d.isOk()) << d.message();
    EXPECT_EQ((*d)->name(), "mysql");
    EXPECT_EQ((*d)->displayUrl().find("s3cretpw"), std::string::npos);
    auto c = (*d)->connect(test::in(2s));
    ASSERT_FALSE(c.isOk());
    EXPECT_NE(c.message().find("connect to 127.0.0.1:" + std::to_string(port) + " failed"),
              std::string::npos)
        << c.message();
    EXPECT_NE(c.message().find("refused"), std::string::npos) << c.message();
    EXPECT_EQ(c.message().find("s3cretpw"), std::string::npos) << c.message();
}

}  // namespace
}  // namespace poolscope
