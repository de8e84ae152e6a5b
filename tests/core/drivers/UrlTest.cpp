#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/drivers/Url.h"

namespace poolscope {
namespace {

struct GoodCase {
    std::string text;
    std::string scheme, user, password, host;
    int port;
    std::string path;
    std::vector<UrlParam> params;
};

TEST(UrlTest, ParsesEveryComponent) {
    const std::vector<GoodCase> cases = {
        {"postgresql://alice:s3cret@db.example.com:5432/orders?sslmode=require&application_name=ps",
         "postgresql",
         "alice",
         "s3cret",
         "db.example.com",
         5432,
         "/orders",
         {{"sslmode", "require"}, {"application_name", "ps"}}},
        {"sqlite:///abs/path.db", "sqlite", "", "", "", 0, "/abs/path.db", {}},
        {"sqlite://relative.db", "sqlite", "", "", "relative.db", 0, "", {}},
        {"sim://?connect_ms=5", "sim", "", "", "", 0, "", {{"connect_ms", "5"}}},
        {"sim://", "sim", "", "", "", 0, "", {}},
        {"mysql://root@[::1]:3306/test", "mysql", "root", "", "::1", 3306, "/test", {}},
        {"postgres://[fe80::1%25eth0]/db", "postgres", "", "", "fe80::1%eth0", 0, "/db", {}},
        {"PostgreSQL://h", "postgresql", "", "", "h", 0, "", {}},
        // Percent-decoding of user, password, path and parameters; '+' stays.
        {"postgresql://us%40er:p%40ss%2Fw%3Ard@h/my%20db?k%20=v%26w&x=a+b",
         "postgresql",
         "us@er",
         "p@ss/w:rd",
         "h",
         0,
         "/my db",
         {{"k ", "v&w"}, {"x", "a+b"}}},
        // Unencoded '@', '?' and '#' in a password still work.
        {"postgresql://u:p@s?s#@h:1/db", "postgresql", "u", "p@s?s#", "h", 1, "/db", {}},
        // Order and duplicates kept; bare keys and empty segments.
        {"sim://?b=2&a=1&&b=3&flag",
         "sim",
         "",
         "",
         "",
         0,
         "",
         {{"b", "2"}, {"a", "1"}, {"b", "3"}, {"flag", ""}}},
        {"  sim://?a=1\n", "sim", "", "", "", 0, "", {{"a", "1"}}},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.text);
        auto url = Url::parse(c.text);
        ASSERT_TRUE(url) << url.message();
        EXPECT_EQ(url->scheme(), c.scheme);
        EXPECT_EQ(url->user(), c.user);
        EXPECT_EQ(url->password(), c.password);
        EXPECT_EQ(url->host(), c.host);
        EXPECT_EQ(url->port(), c.port);
        EXPECT_EQ(url->path(), c.path);
        EXPECT_EQ(url->params(), c.params);
    }
}

TEST(UrlTest, EmptyPasswordIsStillAPassword) {
    auto url = Url::parse("postgresql://u:@h/db");
    ASSERT_TRUE(url);
    EXPECT_TRUE(url->hasPassword());
    EXPECT_EQ(url->password(), "");
    EXPECT_FALSE(Url::parse("postgresql://u@h/db")->hasPassword());
}

TEST(UrlTest, RejectsBadUrlsWithAMessageNamingTheProblem) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"", "URL is empty; expected e.g. sqlite:///path/to/file.db"},
        {"x", "URL 'x' has no scheme; expected e.g. sqlite:///path/to/file.db"},
        {"://h/db", "has no scheme"},
        {"sqlite:/tmp/a.db", "is missing '//' after 'sqlite:'"},
        {"my_db://h", "invalid scheme"},
        {"postgresql://h:abc/db", "port that is not a number"},
        {"postgresql://h:0/db", "port that is not a number from 1 to 65535"},
        {"postgresql://h:70000/db", "port that is not a number"},
        {"postgresql://h:/db", "port that is not a number"},
        {"postgresql://::1/db", "IPv6 host without brackets"},
        {"postgresql://[::1/db", "unterminated '['"},
        {"postgresql://[::1]x/db", "after the IPv6 address"},
        {"postgresql://h/db#frag", "contains '#'"},
        {"postgresql://u:p%zz@h/db", "invalid percent-encoding in the user name or password"},
        {"sqlite:///a%2", "invalid percent-encoding in the path"},
        {"sim://?=1", "parameter with an empty name"},
        {"sim://?a=%G0", "invalid percent-encoding in the value of parameter 'a'"},
        {"postgresql://u:pa/ss@h/db", "is ambiguous"},
    };
    for (const auto& [text, expected] : cases) {
        SCOPED_TRACE(text);
        auto url = Url::parse(text);
        ASSERT_FALSE(url);
        EXPECT_NE(url.message().find(expected), std::string::npos) << url.message();
    }
}

TEST(UrlTest, ParamLookupReturnsFirstValueOrNothing) {
    auto url = Url::parse("sim://?a=1&b=&a=2");
    ASSERT_TRUE(url);
    EXPECT_EQ(url->param("a"), "1");
    EXPECT_EQ(url->param("b"), "");
    EXPECT_FALSE(url->param("c").has_value());
    EXPECT_FALSE(url->param("A").has_value());
}

TEST(UrlTest, MaskedHidesPasswordsAndKeepsTheRest) {
    EXPECT_EQ(Url::parse("postgresql://alice:s3cret@db:5432/orders?sslmode=require")->masked(),
              "postgresql://alice:***@db:5432/orders?sslmode=require");
    EXPECT_EQ(Url::parse("mysql://[::1]:3306/x?password=hunter2&a=1")->masked(),
              "mysql://[::1]:3306/x?password=***&a=1");
    EXPECT_EQ(Url::parse("sqlite:///tmp/my%20file.db")->masked(), "sqlite:///tmp/my%20file.db");
    EXPECT_EQ(Url::parse("sim://?connect_ms=5")->masked(), "sim://?connect_ms=5");
    // The masked text parses back to the same URL, password aside.
    auto again = Url::parse(Url::parse("postgresql://us%40er:x@h/a%2Fb?k=v%26w")->masked());
    ASSERT_TRUE(again);
    EXPECT_EQ(again->user(), "us@er");
    EXPECT_EQ(again->path(), "/a/b");
    EXPECT_EQ(again->param("k"), "v&w");
}

// Every way a user might write a password: masking, parse errors and the
// masked form must never show it, whether or not the URL parses.
TEST(UrlTest, PasswordNeverLeaks) {
    const std::string secret = "Sup3rS3cret";
    const std::vector<std::string> urls = {
        "postgresql://u:" + secret + "@h/db",
        "postgresql://u:" + secret + "@h:5432/db?sslmode=require",
        "postgresql://u:" + secret + "@h:notaport/db",
        "postgresql://u:" + secret + "@[::1/db",
        "postgresql://u:" + secret + "@h/db#frag",
        "postgresql://u:" + secret + "@h/db?=x",
        "postgresql://u:" + secret + "%zz@h/db",
        "postgresql://u:12/" + secret + "@h/db",
        "postgresql://u:12/x?" + secret + "@h/db",
        "postgresql://u:" + secret + "/x@h/db",
        "postgresql://u:" + secret + "@@h/db",
        "postgresql://u:" + secret,
        "postgresql://u:" + secret + "/db",
        "postgresql://h/db?password=" + secret,
        "postgresql://h/db?sslpassword=" + secret + "&x=1",
        "postgresql://h:bad/db?PASSWORD=" + secret,
        "postgresql:u:" + secret + "@h/db",
        "u:" + secret + "@h/db",
        "my_db://u:" + secret + "@h",
        "mysql://u:" + secret + "@h?a=%G0",
        "sim://?password=" + secret + "&password=" + secret,
    };
    for (const auto& text : urls) {
        SCOPED_TRACE(text);
        const std::string masked = maskPassword(text);
        EXPECT_EQ(masked.find(secret), std::string::npos) << masked;
        EXPECT_NE(masked.find("***"), std::string::npos) << masked;
        auto url = Url::parse(text);
        if (url) {
            EXPECT_EQ(url->masked().find(secret), std::string::npos) << url->masked();
            const Status check = url->checkParams({});
            if (!check.isOk()) {
                EXPECT_EQ(check.message().find(secret), std::string::npos);
            }
        } else {
            EXPECT_EQ(url.message().find(secret), std::string::npos) << url.message();
        }
    }
}

// Multi-host PostgreSQL URLs, as libpq takes them (issue 13, section 2): a
// host list, each host with its own port, IPv6 in brackets.
TEST(UrlTest, PostgresqlUrlsMayListSeveralHosts) {
    auto url = Url::parse("postgresql://app:pw@h1:5432,[::1]:5433,h3/db?target_session_attrs=read-write");
    ASSERT_TRUE(url.isOk()) << url.message();
    const std::vector<UrlHost> hosts{{"h1", 5432}, {"::1", 5433}, {"h3", 0}};
    EXPECT_EQ(url->hosts(), hosts);
    EXPECT_EQ(url->host(), "h1");
    EXPECT_EQ(url->port(), 5432);
    EXPECT_EQ(url->path(), "/db");
    EXPECT_EQ(url->param("target_session_attrs"), "read-write");
    EXPECT_EQ(url->masked(), "postgresql://app:***@h1:5432,[::1]:5433,h3/db?target_session_attrs=read-write");
    EXPECT_EQ(maskPassword("postgres://app:pw@h1:5432,h2:5432/db"), "postgres://app:***@h1:5432,h2:5432/db");
    // A one-host URL still has one entry.
    EXPECT_EQ(Url::parse("postgresql://h:5432/db")->hosts(), (std::vector<UrlHost>{{"h", 5432}}));
    // An unbracketed IPv6 address in a list is still refused.
    auto bad = Url::parse("postgresql://h1:5432,::1:5433/db");
    ASSERT_FALSE(bad.isOk());
    EXPECT_NE(bad.message().find("IPv6 host without brackets"), std::string::npos) << bad.message();
    // Other schemes take one host.
    auto mysql = Url::parse("mysql://u:pw@h1:3306,h2:3306/db");
    ASSERT_FALSE(mysql.isOk());
    EXPECT_NE(mysql.message().find("lists 2 hosts; only postgresql:// URLs take a host list"), std::string::npos)
        << mysql.message();
    EXPECT_EQ(mysql.message().find(":pw@"), std::string::npos) << mysql.message();
}

TEST(UrlTest, UnmaskedKeepsEverySecretForAClientLibraryOnly) {
    auto url = Url::parse("postgresql://us%40er:p%2Fw@h1:1,h2:2/db?sslpassword=k%26y&application_name=a b");
    ASSERT_TRUE(url.isOk()) << url.message();
    const std::string raw = url->unmasked();
    EXPECT_EQ(raw, "postgresql://us%40er:p%2Fw@h1:1,h2:2/db?sslpassword=k%26y&application_name=a%20b");
    auto again = Url::parse(raw);
    ASSERT_TRUE(again.isOk());
    EXPECT_EQ(again->password(), "p/w");
    EXPECT_EQ(again->param("sslpassword"), "k&y");
    EXPECT_EQ(url->masked().find("k%26y"), std::string::npos) << url->masked();
}

TEST(UrlTest, MaskPasswordLeavesUrlsWithoutPasswordsAlone) {
    EXPECT_EQ(maskPassword("sqlite:///tmp/a.db"), "sqlite:///tmp/a.db");
    EXPECT_EQ(maskPassword("postgresql://u@h:5432/db"), "postgresql://u@h:5432/db");
    EXPECT_EQ(maskPassword("not a url"), "not a url");
    EXPECT_EQ(maskPassword("postgresql://h:5432/db#x"), "postgresql://h:5432/db#x");
}

TEST(UrlTest, CheckParamsNamesUnknownAndRepeatedKeys) {
    auto url = Url::parse("sim://?connect_ms=5&foo=1");
    ASSERT_TRUE(url);
    EXPECT_TRUE(url->checkParams({"connect_ms", "foo"}));
    const Status unknown = url->checkParams({"connect_ms", "query_ms"});
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.message(),
              "unknown parameter 'foo' (value '1') in sim://?connect_ms=5&foo=1; supported: "
              "connect_ms, query_ms");
    const Status twice = Url::parse("sim://?a=1&a=2")->checkParams({"a"});
    ASSERT_FALSE(twice);
    EXPECT_NE(twice.message().find("parameter 'a' is given twice"), std::string::npos);
    EXPECT_NE(Url::parse("sqlite:///x?a=1")->checkParams({}).message().find("take no parameters"),
              std::string::npos);
}

TEST(UrlTest, NumberParamsAcceptRangesAndNameBadValues) {
    auto url = Url::parse("sim://?pct=12.5&n=3&neg=-1&text=abc&big=1e400&tail=5ms&empty=");
    ASSERT_TRUE(url);
    EXPECT_DOUBLE_EQ(url->numberParam("pct", 0, 0, 100).value(), 12.5);
    EXPECT_DOUBLE_EQ(url->numberParam("absent", 7, 0, 100).value(), 7);
    EXPECT_EQ(url->integerParam("n", 0, 0, 10).value(), 3);
    EXPECT_EQ(url->integerParam("absent", 9, 0, 10).value(), 9);
    for (const char* key : {"neg", "text", "big", "tail", "empty"}) {
        SCOPED_TRACE(key);
        auto number = url->numberParam(key, 0, 0, 100);
        ASSERT_FALSE(number);
        const std::string value(*url->param(key));
        EXPECT_NE(number.message().find(std::string(key) + "='" + value + "'"), std::string::npos)
            << number.message();
        EXPECT_NE(number.message().find("from 0 to 100"), std::string::npos);
    }
    auto fractional = url->integerParam("pct", 0, 0, 100);
    ASSERT_FALSE(fractional);
    EXPECT_NE(fractional.message().find("pct='12.5'"), std::string::npos);
    EXPECT_NE(fractional.message().find("whole number"), std::string::npos);
    EXPECT_FALSE(url->integerParam("n", 0, 0, 2));
}

}  // namespace
}  // namespace poolscope
