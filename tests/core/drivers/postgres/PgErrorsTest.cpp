// PostgreSQL error classification and message shaping (no server needed).

#include <gtest/gtest.h>

#include "core/drivers/Url.h"
#include "core/drivers/postgres/PgErrors.h"

namespace poolscope::pg {
namespace {

TEST(PgErrorsTest, SessionEndingSqlStatesAreFatal) {
    for (const char* s : {"08000", "08003", "08006", "08P01", "57P01", "57P02", "57P03", "57P04",
                          "57P05", "25P03", "53300"}) {
        EXPECT_TRUE(isFatalSqlState(s)) << s;
    }
}

TEST(PgErrorsTest, StatementErrorsAreNotFatal) {
    for (const char* s : {"42P01", "42601", "57014", "23505", "40001", "22012", "", "08"}) {
        EXPECT_FALSE(isFatalSqlState(s)) << s;
    }
}

TEST(PgErrorsTest, FatalAndPanicSeveritiesEndTheSession) {
    EXPECT_TRUE(isFatalSeverity("FATAL"));
    EXPECT_TRUE(isFatalSeverity("PANIC"));
    EXPECT_FALSE(isFatalSeverity("ERROR"));
    EXPECT_FALSE(isFatalSeverity("NOTICE"));
}

TEST(PgErrorsTest, OneLineDropsLibpqPrefixJoinsHintsAndRepeats) {
    EXPECT_EQ(oneLine("connection to server at \"127.0.0.1\", port 1 failed: Connection refused\n"
                      "\tIs the server running on that host and accepting TCP/IP connections?\n"),
              "Connection refused Is the server running on that host and accepting TCP/IP "
              "connections?");
    EXPECT_EQ(oneLine("connection to server at \"h\", port 5 failed: FATAL:  password authentication "
                      "failed for user \"u\"\nconnection to server at \"h\", port 5 failed: FATAL:  "
                      "password authentication failed for user \"u\"\n"),
              "FATAL: password authentication failed for user \"u\"");
    EXPECT_EQ(oneLine("SSL error: certificate verify failed\n"), "SSL error: certificate verify failed");
    EXPECT_EQ(oneLine("a\nb\n"), "a; b");
    EXPECT_EQ(oneLine(""), "");
}

TEST(PgErrorsTest, ScrubRemovesEveryCopyOfTheSecret) {
    EXPECT_EQ(scrubSecret("pw hunter22 and hunter22", "hunter22"), "pw *** and ***");
    EXPECT_EQ(scrubSecret("short a secret", "a"), "short a secret");
    EXPECT_EQ(scrubSecret("nothing here", "hunter22"), "nothing here");
}

}  // namespace
}  // namespace poolscope::pg
