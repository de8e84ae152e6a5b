#include <gtest/gtest.h>

#include <string>

#include "core/health/JsonParser.h"

namespace poolscope {
namespace {

TEST(JsonParserTest, ReadsEveryKindOfValue) {
    auto v = JsonParser::parse(R"( {"a": [1, -2.5, 3e2, true, false, null], "b": {"c": "x\"\\\/\n\u00e9\ud83d\ude00"}, "d": {}} )");
    ASSERT_TRUE(v) << v.message();
    ASSERT_TRUE(v->isObject());
    const auto& a = v->find("a")->asArray();
    ASSERT_EQ(a.size(), 6u);
    EXPECT_TRUE(a[0].isInteger());
    EXPECT_EQ(a[0].asNumber(), 1);
    EXPECT_FALSE(a[1].isInteger());
    EXPECT_EQ(a[1].asNumber(), -2.5);
    EXPECT_FALSE(a[2].isInteger());
    EXPECT_EQ(a[2].asNumber(), 300);
    EXPECT_TRUE(a[3].asBool());
    EXPECT_FALSE(a[4].asBool());
    EXPECT_TRUE(a[5].isNull());
    EXPECT_EQ(v->find("b")->find("c")->asString(), "x\"\\/\n\xc3\xa9\xf0\x9f\x98\x80");
    EXPECT_TRUE(v->find("d")->asObject().empty());
    EXPECT_EQ(v->find("missing"), nullptr);
    // Members keep file order.
    EXPECT_EQ(v->asObject()[0].first, "a");
    EXPECT_EQ(v->asObject()[2].first, "d");
}

TEST(JsonParserTest, AcceptsUtf8AndScalarsAtTheTop) {
    EXPECT_TRUE(JsonParser::parse("\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\""));
    EXPECT_TRUE(JsonParser::parse("0"));
    EXPECT_TRUE(JsonParser::parse("-0.0e-0"));
    EXPECT_TRUE(JsonParser::parse("[]"));
}

struct BadCase {
    const char* text;
    const char* error;  // the whole message
};

class JsonParserBadTest : public testing::TestWithParam<BadCase> {};

TEST_P(JsonParserBadTest, RefusesWithLineColumnAndProblem) {
    auto v = JsonParser::parse(GetParam().text);
    ASSERT_FALSE(v) << GetParam().text;
    EXPECT_EQ(v.message(), GetParam().error);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, JsonParserBadTest,
    testing::Values(BadCase{"", "line 1, column 1: expected a value, got end of input"},
                    BadCase{"{\"a\": 1,}", "line 1, column 9: expected a member name in double quotes, got '}'"},
                    BadCase{"[1, 2,]", "line 1, column 7: expected a value, got ']'"},
                    BadCase{"{\n  \"a\": 1\n  \"b\": 2\n}", "line 3, column 3: expected ',' or '}' after a member, got '\"'"},
                    BadCase{"{\"a\": 1, \"a\": 2}", "line 1, column 10: duplicate key \"a\""},
                    BadCase{"// comment\n{}", "line 1, column 1: expected a value, got '/'"},
                    BadCase{"{\"a\" 1}", "line 1, column 6: expected ':' after \"a\", got '1'"},
                    BadCase{"01", "line 1, column 1: numbers must not have leading zeros"},
                    BadCase{"1.", "line 1, column 3: expected a digit after '.'"},
                    BadCase{"NaN", "line 1, column 1: expected a value, got 'N'"},
                    BadCase{"1e999", "line 1, column 1: number 1e999 is out of range"},
                    BadCase{"tru", "line 1, column 1: expected a value, got 't'"},
                    BadCase{"\"abc", "line 1, column 5: unterminated string"},
                    BadCase{"\"a\tb\"", "line 1, column 3: control character byte 0x09 in a string; escape it"},
                    BadCase{"\"\\x\"", "line 1, column 3: invalid escape \\x"},
                    BadCase{"\"\\ud800\"", "line 1, column 8: unpaired high surrogate in \\u escape"},
                    BadCase{"\"\\udc00\"", "line 1, column 8: unpaired low surrogate in \\u escape"},
                    BadCase{"\"\\u12g4\"", "line 1, column 6: \\u needs four hex digits, got 'g'"},
                    BadCase{"\"\xc3\x28\"", "line 1, column 3: invalid UTF-8 '('"},
                    BadCase{"\"\xc0\xaf\"", "line 1, column 2: invalid UTF-8 byte 0xc0"},
                    BadCase{"\"\xed\xa0\x80\"", "line 1, column 2: invalid UTF-8 sequence"},
                    BadCase{"{} x", "line 1, column 4: unexpected 'x' after the value"}));

TEST(JsonParserTest, RefusesDeepNesting) {
    std::string deep(JsonParser::kMaxDepth + 1, '[');
    deep += std::string(JsonParser::kMaxDepth + 1, ']');
    auto v = JsonParser::parse(deep);
    ASSERT_FALSE(v);
    EXPECT_NE(v.message().find("nested more than 64 levels deep"), std::string::npos) << v.message();
    std::string ok(JsonParser::kMaxDepth, '[');
    ok += std::string(JsonParser::kMaxDepth, ']');
    EXPECT_TRUE(JsonParser::parse(ok));
}

}  // namespace
}  // namespace poolscope
