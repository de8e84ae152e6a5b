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

TEST(PgErrorsTest, VerboseConnectMessagesGiveTheirSqlStateAndReadAsUsual) {
    const auto m = splitVerbose(
        "connection to server at \"127.0.0.1\", port 5432 failed: FATAL:  28P01: password authentication "
        "failed for user \"app\"\nLOCATION:  auth_failed, auth.c:326\n");
    EXPECT_EQ(m.sqlstate, "28P01");
    EXPECT_EQ(oneLine(m.text), "FATAL: password authentication failed for user \"app\"");
    const auto plain = splitVerbose("connection to server at \"h\", port 1 failed: Connection refused\n"
                                    "\tIs the server running on that host and accepting TCP/IP connections?\n");
    EXPECT_EQ(plain.sqlstate, "");
    EXPECT_EQ(oneLine(plain.text), "Connection refused Is the server running on that host and accepting TCP/IP "
                                   "connections?");
}

TEST(PgErrorsTest, ConnectErrorClasses) {
    using C = ConnectErrorClass;
    EXPECT_EQ(connectErrorClass("28P01", "password authentication failed"), C::Authentication);
    EXPECT_EQ(connectErrorClass("28000", "no pg_hba.conf entry for host"), C::Authentication);
    EXPECT_EQ(connectErrorClass("53300", "sorry, too many clients already"), C::ServerFull);
    EXPECT_EQ(connectErrorClass("3D000", "database \"nope\" does not exist"), C::Configuration);
    EXPECT_EQ(connectErrorClass("42501", "permission denied for database \"orders\""), C::Configuration);
    EXPECT_EQ(connectErrorClass("57P03", "the database system is starting up"), C::Unreachable);
    EXPECT_EQ(connectErrorClass("", "Connection refused"), C::Unreachable);
    EXPECT_EQ(connectErrorClass("", "could not translate host name \"nohost\" to address"), C::Unreachable);
    EXPECT_EQ(connectErrorClass("", "fe_sendauth: no password supplied"), C::Authentication);
    EXPECT_EQ(connectErrorClass("", "server does not support SSL, but SSL was required"), C::Configuration);
    EXPECT_EQ(connectErrorClass("XX000", "internal error"), C::Unknown);
}

}  // namespace
}  // namespace poolscope::pg
