#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>

#include "core/drivers/DriverFactory.h"

namespace poolscope {
namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST(DriverFactoryTest, SimUrlGivesTheSimDriver) {
    auto driver = openDriver("sim://?connect_ms=0&query_ms=1");
    ASSERT_TRUE(driver) << driver.message();
    EXPECT_EQ((*driver)->name(), "sim");
    EXPECT_EQ((*driver)->displayUrl(), "sim://?connect_ms=0&query_ms=1");
    auto conn = (*driver)->connect(std::chrono::steady_clock::now() + std::chrono::seconds(5));
    ASSERT_TRUE(conn) << conn.message();
    EXPECT_TRUE(
        (*conn)->execute("SELECT 1", std::chrono::steady_clock::now() + std::chrono::seconds(5)));
}

TEST(DriverFactoryTest, SqliteUrlGivesTheSqliteDriverWithoutOpeningTheFile) {
    const auto file = std::filesystem::temp_directory_path() / "poolscope-factory-never.db";
    std::filesystem::remove(file);
    auto driver = openDriver("sqlite://" + file.string());
    ASSERT_TRUE(driver) << driver.message();
    EXPECT_EQ((*driver)->name(), "sqlite");
    EXPECT_FALSE(std::filesystem::exists(file));
}

TEST(DriverFactoryTest, ServerSchemesAreKnownEvenWhenNotBuiltIn) {
    for (const char* url : {"postgresql://u:pw@localhost:5432/db", "postgres://localhost/db",
                            "mysql://root@localhost/test", "mariadb://localhost"}) {
        SCOPED_TRACE(url);
        auto driver = openDriver(url);
        if (driver) {
            // Built in: the driver must not have connected yet; its name matches.
            EXPECT_TRUE((*driver)->name() == "postgresql" || (*driver)->name() == "mysql");
            EXPECT_FALSE(contains((*driver)->displayUrl(), "pw@"));
        } else {
            EXPECT_TRUE(contains(driver.message(), "this build has no ")) << driver.message();
            EXPECT_TRUE(contains(driver.message(), "=OFF)")) << driver.message();
            EXPECT_FALSE(contains(driver.message(), ":pw@")) << driver.message();
        }
    }
}

TEST(DriverFactoryTest, UnknownSchemeListsTheSupportedOnes) {
    auto driver = openDriver("oracle://scott:tiger@h/orcl");
    ASSERT_FALSE(driver);
    EXPECT_TRUE(contains(driver.message(), "unknown URL scheme 'oracle'")) << driver.message();
    for (const char* scheme : {"sim://", "sqlite://", "postgresql://", "mysql://", "mariadb://"})
        EXPECT_TRUE(contains(driver.message(), scheme)) << driver.message();
    EXPECT_FALSE(contains(driver.message(), "tiger")) << driver.message();
}

TEST(DriverFactoryTest, BadParametersNameKeyAndValue) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"sim://?connect_ms=abc", "connect_ms='abc'"},
        {"sim://?foo=1", "unknown parameter 'foo' (value '1')"},
        {"sim://?fail_pct=150", "fail_pct='150'"},
        {"sqlite:///tmp/x.db?busy_timeout_ms=-1", "busy_timeout_ms='-1'"},
    };
    for (const auto& [url, expected] : cases) {
        SCOPED_TRACE(url);
        auto driver = openDriver(url);
        ASSERT_FALSE(driver);
        EXPECT_TRUE(contains(driver.message(), expected)) << driver.message();
    }
}

TEST(DriverFactoryTest, UnparsableUrlsExplainAndNeverShowThePassword) {
    auto noScheme = openDriver("localhost:5432");
    ASSERT_FALSE(noScheme);
    EXPECT_TRUE(contains(noScheme.message(), "expected e.g. sqlite:///path/to/file.db"));

    auto badPort = openDriver("postgresql://admin:Secr3t@db:port/app");
    ASSERT_FALSE(badPort);
    EXPECT_TRUE(contains(badPort.message(), "port")) << badPort.message();
    EXPECT_FALSE(contains(badPort.message(), "Secr3t")) << badPort.message();
}

TEST(DriverFactoryTest, RegistryHasEveryDocumentedScheme) {
    std::vector<std::string> schemes;
    for (const auto& entry : driverEntries()) schemes.emplace_back(entry.scheme);
    for (const char* scheme : {"sim", "sqlite", "postgresql", "postgres", "mysql", "mariadb"})
        EXPECT_NE(std::find(schemes.begin(), schemes.end(), scheme), schemes.end()) << scheme;
}

}  // namespace
}  // namespace poolscope
