#include "core/recording/SecretScrubber.h"

#include <gtest/gtest.h>

namespace poolscope {
namespace {

TEST(SecretScrubberTest, MasksPasswordsAndDropsTokens) {
    struct Case {
        std::string in;
        std::string out;
    };
    const Case cases[] = {
        {"embedded", "embedded"},
        {"sim://?query_ms=2", "sim://?query_ms=2"},
        {"postgresql://app:s3cret@db:5432/orders?sslmode=require",
         "postgresql://app:***@db:5432/orders?sslmode=require"},
        {"postgresql://db/orders?password=p1&application_name=x&access_token=t0k&sslpassword=p2",
         "postgresql://db/orders?application_name=x"},
        {"https://exporter:9187/metrics?api_key=k1&auth=Bearer%20x#token=t2", "https://exporter:9187/metrics"},
        {"mysql://u:p@h/db?ssl-mode=REQUIRED&Session_Secret=zz", "mysql://u:***@h/db?ssl-mode=REQUIRED"},
    };
    for (const auto& c : cases) EXPECT_EQ(SecretScrubber::scrubSource(c.in), c.out) << c.in;
}

TEST(SecretScrubberTest, TokenLikeNames) {
    for (const char* k : {"password", "PWD", "token", "access_token", "apiKey", "api-key", "auth",
                          "client_secret", "X-Amz-Signature", "credentials", "sessionid"})
        EXPECT_TRUE(SecretScrubber::isTokenLike(k)) << k;
    for (const char* k : {"sslmode", "application_name", "query_ms", "host", "connect_timeout"})
        EXPECT_FALSE(SecretScrubber::isTokenLike(k)) << k;
}

}  // namespace
}  // namespace poolscope
