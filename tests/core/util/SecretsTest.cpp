// One secret policy: the same names are secrets wherever a URL is shown,
// logged or stored (issue 13, section 4).
#include "core/util/Secrets.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/drivers/DriverFactory.h"
#include "core/drivers/Url.h"

namespace poolscope {
namespace {

const std::vector<std::string> kSecretNames = {
    "password", "PASSWORD",     "sslpassword", "passwd",      "pwd",        "pass",
    "token",    "access_token", "api_key",     "apiKey",      "api-key",    "client_secret",
    "auth",     "credentials",  "X-Amz-Signature", "sessionid", "session_token", "cookie",
    "bearer",   "private_key",  "aws_access_key_id", "jwt",
};

TEST(SecretsTest, SecretNames) {
    for (const auto& k : kSecretNames) EXPECT_TRUE(isSecretKey(k)) << k;
    for (const char* k : {"sslmode", "application_name", "query_ms", "host", "connect_timeout",
                          "target_session_attrs", "dbname", "sslrootcert", "keepalives", "options"})
        EXPECT_FALSE(isSecretKey(k)) << k;
}

TEST(SecretsTest, ScrubReplacesEveryOccurrenceLongestFirst) {
    EXPECT_EQ(scrubSecret("pw hunter2 and hunter2", "hunter2"), "pw *** and ***");
    EXPECT_EQ(scrubSecret("a b c", "b"), "a b c");  // too short to scrub safely
    EXPECT_EQ(scrubSecrets("tok=abcdef123 pw=abcdef", {"abcdef", "abcdef123"}), "tok=*** pw=***");
}

/// No secret value, of any name in the policy, ever appears where a URL is
/// shown (maskPassword, Url::masked) or put in an error message (parse
/// errors, refused parameters, driver errors). Recordings: SecretScrubberTest.
TEST(SecretsTest, NoSecretParameterEverLeaks) {
    const std::string value = "V4lueOfTheSecret";
    for (const auto& key : kSecretNames) {
        for (const std::string& base :
             {std::string("postgresql://app:Sup3rPw@db:5432/orders?sslmode=require&"),
              std::string("mysql://app@db/orders?"), std::string("sim://?"),
              std::string("https://exporter:9187/metrics?")}) {
            const std::string text = base + key + "=" + value;
            SCOPED_TRACE(text);
            for (const std::string& shown :
                 {maskPassword(text), maskPassword(text + "&bad=%zz")}) {
                EXPECT_EQ(shown.find(value), std::string::npos) << shown;
                EXPECT_EQ(shown.find("Sup3rPw"), std::string::npos) << shown;
            }
            auto url = Url::parse(text);
            ASSERT_TRUE(url.isOk()) << url.message();
            EXPECT_EQ(url->masked().find(value), std::string::npos) << url->masked();
            const Status refused = url->checkParams({"sslmode"});
            if (!refused) {
                EXPECT_EQ(refused.message().find(value), std::string::npos) << refused.message();
            }
            auto driver = openDriver(text);
            if (!driver) {
                EXPECT_EQ(driver.message().find(value), std::string::npos) << driver.message();
            } else {
                EXPECT_EQ((*driver)->displayUrl().find(value), std::string::npos) << (*driver)->displayUrl();
            }
        }
    }
}

}  // namespace
}  // namespace poolscope
