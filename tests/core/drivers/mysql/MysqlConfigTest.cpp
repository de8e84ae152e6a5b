// mysql:// URL parsing and checks (no server needed).

#include <gtest/gtest.h>

#include "core/drivers/Url.h"
#include "core/drivers/mysql/MysqlConfig.h"

namespace poolscope {
namespace {

Result<MysqlConfig> parse(const std::string& text) {
    auto url = Url::parse(text);
    if (!url) return url.error();
    return MysqlConfig::fromUrl(*url);
}

TEST(MysqlConfigTest, ReadsEveryPart) {
    auto c = parse("mysql://app:s3cretpw@db.local:3307/shop?ssl-mode=verify_identity&ssl-ca=/ca.pem"
                   "&connect_timeout=3&read_timeout=4&write_timeout=5&charset=utf8mb4");
    ASSERT_TRUE(c.isOk()) << c.message();
    EXPECT_EQ(c->host, "db.local");
    EXPECT_EQ(c->port, 3307u);
    EXPECT_EQ(c->user, "app");
    EXPECT_EQ(c->password, "s3cretpw");
    EXPECT_EQ(c->database, "shop");
    EXPECT_EQ(c->sslMode, MysqlConfig::SslMode::VerifyIdentity);
    EXPECT_EQ(c->sslCa, "/ca.pem");
    EXPECT_EQ(c->connectTimeoutS, 3u);
    EXPECT_EQ(c->readTimeoutS, 4u);
    EXPECT_EQ(c->writeTimeoutS, 5u);
    EXPECT_EQ(c->charset, "utf8mb4");
    EXPECT_EQ(c->target, "db.local:3307");
    EXPECT_EQ(c->display.find("s3cretpw"), std::string::npos) << c->display;
}

TEST(MysqlConfigTest, DefaultsToLoopbackPort3306AndPreferredTls) {
    auto c = parse("mysql://app@/");
    ASSERT_TRUE(c.isOk()) << c.message();
    EXPECT_EQ(c->target, "127.0.0.1:3306");
    EXPECT_EQ(c->sslMode, MysqlConfig::SslMode::Preferred);
    EXPECT_TRUE(c->database.empty());
}

TEST(MysqlConfigTest, SslModeSpellings) {
    using M = MysqlConfig::SslMode;
    const std::pair<const char*, M> cases[] = {{"DISABLED", M::Disabled},
                                               {"preferred", M::Preferred},
                                               {"Required", M::Required},
                                               {"verify-ca", M::VerifyCa},
                                               {"VERIFY_IDENTITY", M::VerifyIdentity}};
    for (auto [text, mode] : cases) {
        auto c = parse(std::string("mysql://h/db?ssl-mode=") + text);
        ASSERT_TRUE(c.isOk()) << text << ": " << c.message();
        EXPECT_EQ(c->sslMode, mode) << text;
    }
}

TEST(MysqlConfigTest, RefusesBadValuesByName) {
    auto c = parse("mysql://app:s3cretpw@h/db?ssl-mode=sometimes");
    ASSERT_FALSE(c.isOk());
    EXPECT_NE(c.message().find("ssl-mode"), std::string::npos) << c.message();
    EXPECT_EQ(c.message().find("s3cretpw"), std::string::npos) << c.message();

    c = parse("mysql://app:s3cretpw@h/db?read_timeout=-1");
    ASSERT_FALSE(c.isOk());
    EXPECT_NE(c.message().find("read_timeout"), std::string::npos) << c.message();

    c = parse("mysql://app:s3cretpw@h/db?sslmode=required");
    ASSERT_FALSE(c.isOk());
    EXPECT_NE(c.message().find("sslmode"), std::string::npos) << c.message();
    EXPECT_EQ(c.message().find("s3cretpw"), std::string::npos) << c.message();
}

TEST(MysqlConfigTest, SocketReplacesHostInMessages) {
    auto c = parse("mysql://app@localhost/db?socket=/run/mysqld/mysqld.sock");
    ASSERT_TRUE(c.isOk()) << c.message();
    EXPECT_EQ(c->target, "/run/mysqld/mysqld.sock");
}

}  // namespace
}  // namespace poolscope
