#include "core/exporter/TokenAuth.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace poolscope {
namespace {

TEST(TokenAuthTest, ReadsAndTrimsTheTokenFile) {
    const auto path = std::filesystem::temp_directory_path() / "poolscope-token-test.txt";
    std::ofstream(path) << "  s3cret-token\n\n";
    auto t = readTokenFile(path.string());
    ASSERT_TRUE(t) << t.message();
    EXPECT_EQ(*t, "s3cret-token");
    std::ofstream(path) << " \n\t\n";
    auto empty = readTokenFile(path.string());
    ASSERT_FALSE(empty);
    EXPECT_NE(empty.message().find("is empty"), std::string::npos) << empty.message();
    std::filesystem::remove(path);
    auto missing = readTokenFile(path.string());
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.message().find(path.string()), std::string::npos) << missing.message();
}

TEST(TokenAuthTest, BearerHeaderMustMatchExactly) {
    EXPECT_TRUE(bearerMatches("Bearer abc", "abc"));
    EXPECT_TRUE(bearerMatches("bearer abc", "abc"));
    EXPECT_FALSE(bearerMatches("Bearer abd", "abc"));
    EXPECT_FALSE(bearerMatches("Bearer ab", "abc"));
    EXPECT_FALSE(bearerMatches("Bearer abcd", "abc"));
    EXPECT_FALSE(bearerMatches("Basic abc", "abc"));
    EXPECT_FALSE(bearerMatches("", "abc"));
    EXPECT_FALSE(bearerMatches("Bearer ", ""));
    EXPECT_TRUE(constantTimeEquals("", ""));
    EXPECT_FALSE(constantTimeEquals("a", ""));
}

}  // namespace
}  // namespace poolscope
