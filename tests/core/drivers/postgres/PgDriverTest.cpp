// PgDriver without a server: URL checks, masking, refusal messages.

#include <gtest/gtest.h>

#include "core/drivers/Url.h"
#include "core/drivers/postgres/PgDriver.h"
#include "tests/integration/TestEnv.h"

namespace poolscope {
namespace {

using namespace std::chrono_literals;

Result<std::shared_ptr<Driver>> open(const std::string& text) {
    auto url = Url::parse(text);
    if (!url) return url.error();
    return openPostgresDriver(*url);
}

TEST(PgDriverTest, DisplayUrlMasksPassword) {
    auto d = open("postgresql://app:s3cretpw@127.0.0.1:5432/db?sslmode=disable");
    ASSERT_TRUE(d.isOk()) << d.message();
    EXPECT_EQ((*d)->name(), "postgresql");
    EXPECT_EQ((*d)->displayUrl().find("s3cretpw"), std::string::npos) << (*d)->displayUrl();
    EXPECT_NE((*d)->displayUrl().find("***"), std::string::npos);
}

TEST(PgDriverTest, UnknownParameterIsRefusedByName) {
    auto d = open("postgresql://app:s3cretpw@127.0.0.1:5432/db?sslmod=require");
    ASSERT_FALSE(d.isOk());
    EXPECT_NE(d.message().find("sslmod"), std::string::npos) << d.message();
    EXPECT_EQ(d.message().find("s3cretpw"), std::string::npos) << d.message();
}

TEST(PgDriverTest, BadConnectTimeoutIsRefused) {
    auto d = open("postgresql://127.0.0.1:5432/db?connect_timeout=soon");
    ASSERT_FALSE(d.isOk());
    EXPECT_NE(d.message().find("connect_timeout"), std::string::npos) << d.message();
}

TEST(PgDriverTest, OtherSchemeIsRefused) {
    auto url = Url::parse("mysql://127.0.0.1/db");
    ASSERT_TRUE(url.isOk());
    EXPECT_FALSE(openPostgresDriver(*url).isOk());
}

TEST(PgDriverTest, RefusedConnectNamesHostPortAndHidesPassword) {
    const int port = test::closedPort();
    auto d = open("postgresql://app:s3cretpw@127.0.0.1:" + std::to_string(port) + "/db");
    ASSERT_TRUE(d.isOk()) << d.message();
    auto c = (*d)->connect(test::in(2s));
    ASSERT_FALSE(c.isOk());
    EXPECT_NE(c.message().find("connect to 127.0.0.1:" + std::to_string(port) + " failed"),
              std::string::npos)
        << c.message();
    EXPECT_NE(c.message().find("refused"), std::string::npos) << c.message();
    EXPECT_EQ(c.message().find("s3cretpw"), std::string::npos) << c.message();
}

TEST(PgDriverTest, RefusedConnectIsClassedUnreachable) {
    const int port = test::closedPort();
    auto d = open("postgresql://app:s3cretpw@127.0.0.1:" + std::to_string(port) + "/db");
    ASSERT_TRUE(d.isOk()) << d.message();
    auto c = (*d)->connect(test::in(2s));
    ASSERT_FALSE(c.isOk());
    EXPECT_EQ(c.error().connectClass, ConnectErrorClass::Unreachable) << c.message();
}

// libpq's multi-host URLs (issue 13): read by libpq, every host tried in
// turn, the password still masked and scrubbed.
TEST(PgDriverTest, MultiHostUrlsAreReadByLibpqAndTryEveryHost) {
    const int a = test::closedPort();
    const int b = test::closedPort();
    const std::string text = "postgresql://app:s3cretpw@127.0.0.1:" + std::to_string(a) + ",127.0.0.2:" +
                             std::to_string(b) + "/db?target_session_attrs=read-write";
    auto d = open(text);
    ASSERT_TRUE(d.isOk()) << d.message();
    EXPECT_EQ((*d)->displayUrl(), "postgresql://app:***@127.0.0.1:" + std::to_string(a) + ",127.0.0.2:" +
                                      std::to_string(b) + "/db?target_session_attrs=read-write");
    auto c = (*d)->connect(test::in(2s));
    ASSERT_FALSE(c.isOk());
    // libpq tried both hosts: the message ends with the last one it tried.
    EXPECT_NE(c.message().find("connect to 127.0.0.2:" + std::to_string(b) + " failed"), std::string::npos)
        << c.message();
    EXPECT_EQ(c.message().find("s3cretpw"), std::string::npos) << c.message();
    // libpq refuses what it does not accept, in its own words.
    auto bad = open("postgresql://app:s3cretpw@h1,h2/db?target_session_attrs=sometimes");
    if (bad) {
        auto refused = (*bad)->connect(test::in(2s));
        ASSERT_FALSE(refused.isOk());
        EXPECT_NE(refused.message().find("target_session_attrs"), std::string::npos) << refused.message();
        EXPECT_EQ(refused.message().find("s3cretpw"), std::string::npos) << refused.message();
        EXPECT_EQ(refused.error().connectClass, ConnectErrorClass::Configuration) << refused.message();
    } else {
        EXPECT_EQ(bad.message().find("s3cretpw"), std::string::npos) << bad.message();
    }
}

TEST(PgDriverTest, SecretParametersNeverReachMessages) {
    auto d = open("postgresql://127.0.0.1:" + std::to_string(test::closedPort()) +
                  "/db?sslpassword=K3ySecret&sslmode=disable");
    ASSERT_TRUE(d.isOk()) << d.message();
    EXPECT_EQ((*d)->displayUrl().find("K3ySecret"), std::string::npos) << (*d)->displayUrl();
    auto c = (*d)->connect(test::in(2s));
    ASSERT_FALSE(c.isOk());
    EXPECT_EQ(c.message().find("K3ySecret"), std::string::npos) << c.message();
}

}  // namespace
}  // namespace poolscope
