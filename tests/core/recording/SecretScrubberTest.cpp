#include "core/recording/SecretScrubber.h"

#include <gtest/gtest.h>

#include "core/util/Secrets.h"

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

// The recording's source follows the one secret policy (core/util/Secrets.h):
// every name it calls a secret is dropped with its value.
TEST(SecretScrubberTest, NoSecretOfThePolicyIsEverStored) {
    const std::string value = "V4lueOfTheSecret";
    for (const char* key : {"password", "sslpassword", "passwd", "pwd", "token", "access_token", "api_key",
                            "apiKey", "client_secret", "auth", "credentials", "X-Amz-Signature", "sessionid",
                            "cookie", "bearer", "private_key", "jwt"}) {
        ASSERT_TRUE(isSecretKey(key)) << key;
        for (const std::string base : {"postgresql://app:Sup3rPw@db/orders?sslmode=require&", "sim://?",
                                       "https://exporter:9187/metrics?a=1&"}) {
            const std::string stored = SecretScrubber::scrubSource(base + key + "=" + value);
            EXPECT_EQ(stored.find(value), std::string::npos) << stored;
            EXPECT_EQ(stored.find("Sup3rPw"), std::string::npos) << stored;
        }
    }
    // Names merely about sessions are kept (libpq's multi-host failover).
    EXPECT_EQ(SecretScrubber::scrubSource("postgresql://h1,h2/db?target_session_attrs=read-write"),
              "postgresql://h1,h2/db?target_session_attrs=read-write");
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
