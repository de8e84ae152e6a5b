#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "core/telemetry/Json.h"
#include "core/telemetry/JsonWriter.h"

namespace poolscope {
namespace {

Json parseOk(std::string_view text, const JsonLimits& limits = {}) {
    auto v = Json::parse(text, limits);
    EXPECT_TRUE(v) << text << ": " << v.message();
    return v ? *v : Json();
}

std::string errorOf(std::string_view text, const JsonLimits& limits = {}) {
    auto v = Json::parse(text, limits);
    EXPECT_FALSE(v) << text;
    return v ? std::string() : v.message();
}

TEST(JsonTest, ReadsEveryKindOfValue) {
    const Json v =
        parseOk(R"( {"a": [1, -2.5, 3e2, true, false, null], "b": {"c": "x"}, "d": {}} )");
    ASSERT_TRUE(v.isObject());
    const Json& a = v["a"];
    ASSERT_EQ(a.size(), 6u);
    EXPECT_TRUE(a[0].isInteger());
    EXPECT_EQ(a[0].asInt64(), 1);
    EXPECT_FALSE(a[1].isInteger());
    EXPECT_EQ(a[1].asDouble(), -2.5);
    EXPECT_EQ(a[1].asInt64(), std::nullopt);
    EXPECT_FALSE(a[2].isInteger());  // an exponent makes it a double, even when whole
    EXPECT_EQ(a[2].asDouble(), 300);
    EXPECT_EQ(a[3].asBool(), true);
    EXPECT_EQ(a[4].asBool(), false);
    EXPECT_TRUE(a[5].isNull());
    EXPECT_EQ(v["b"]["c"].asString(), "x");
    EXPECT_TRUE(v["d"].isObject());
    EXPECT_EQ(v["d"].size(), 0u);
    // Absent members and elements read as null; find() tells them apart.
    EXPECT_EQ(v.find("missing"), nullptr);
    EXPECT_TRUE(v["missing"]["deeper"][3].isNull());
    EXPECT_TRUE(a[6].isNull());
    // Members keep file order.
    ASSERT_EQ(v.members().size(), 3u);
    EXPECT_EQ(v.members()[0].first, "a");
    EXPECT_EQ(v.members()[2].first, "d");
    // Typed accessors refuse other types instead of guessing.
    EXPECT_EQ(v["b"].asString(), std::nullopt);
    EXPECT_EQ(a[3].asInt64(), std::nullopt);
    EXPECT_EQ(a[0].asBool(), std::nullopt);
    EXPECT_EQ(v["b"]["c"].asDouble(), std::nullopt);
    EXPECT_EQ(v.typeName(), "an object");
    EXPECT_EQ(a.typeName(), "an array");
    EXPECT_EQ(a[5].typeName(), "null");
}

TEST(JsonTest, Reads64BitIntegersExactly) {
    const Json v = parseOk(
        "[9223372036854775807, -9223372036854775808, 18446744073709551615, "
        "18446744073709551616, -1]");
    EXPECT_EQ(v[0].asInt64(), std::numeric_limits<int64_t>::max());
    EXPECT_EQ(v[0].numberText(), "9223372036854775807");
    EXPECT_EQ(v[1].asInt64(), std::numeric_limits<int64_t>::min());
    EXPECT_EQ(v[2].asUint64(), std::numeric_limits<uint64_t>::max());
    EXPECT_EQ(v[2].asInt64(), std::nullopt);  // out of range: refused, not wrapped
    EXPECT_EQ(v[3].asUint64(), std::nullopt);
    EXPECT_EQ(v[3].asDouble(), 18446744073709551616.0);
    EXPECT_EQ(v[4].asUint64(), std::nullopt);
    EXPECT_EQ(v[4].asInt64(), -1);
}

TEST(JsonTest, ReadsBackShortestFormDoublesExactly) {
    for (const double d : {0.1, 0.1 + 0.2, -2.5, 1e300, 5e-324, 123456.789, 1.0 / 3}) {
        std::string text;
        JsonWriter::appendDouble(text, d);
        const Json v = parseOk(text);
        EXPECT_EQ(v.asDouble(), d) << text;
    }
    EXPECT_TRUE(parseOk("-0.0e-0").isNumber());
    // The writer prints NaN and infinities as null.
    EXPECT_TRUE(std::isnan(parseOk("null").asDouble().value()));
}

TEST(JsonTest, DecodesEscapesAndSurrogatePairs) {
    const Json v = parseOk(R"("x\"\\\/\b\f\n\r\t\u00e9\u20ac\ud83d\ude00\u0000!")");
    EXPECT_EQ(v.asString(),
              std::string_view("x\"\\/\b\f\n\r\t\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\0!", 20));
    EXPECT_EQ(parseOk("\"caf\xc3\xa9 \xf0\x9f\x98\x80\"").asString(),
              "caf\xc3\xa9 \xf0\x9f\x98\x80");
}

TEST(JsonTest, RefusesInvalidSurrogates) {
    EXPECT_EQ(errorOf(R"("\ud800")"),
              "line 1, column 8 (byte 7): unpaired high surrogate in \\u escape");
    EXPECT_EQ(errorOf(R"("\udc00")"),
              "line 1, column 8 (byte 7): unpaired low surrogate in \\u escape");
    EXPECT_EQ(errorOf(R"("\ud800\u0041")"),
              "line 1, column 14 (byte 13): unpaired high surrogate in \\u escape");
    // Surrogates written as raw UTF-8 are not characters either.
    EXPECT_EQ(errorOf("\"\xed\xa0\x80\""), "line 1, column 2 (byte 1): invalid UTF-8 sequence");
}

TEST(JsonTest, BoundsNesting) {
    std::string ok(64, '[');
    ok += std::string(64, ']');
    EXPECT_TRUE(Json::parse(ok));
    std::string deep(65, '[');
    deep += std::string(65, ']');
    EXPECT_EQ(errorOf(deep), "line 1, column 65 (byte 64): nesting too deep (more than 64 levels)");
    const JsonLimits two{.maxDepth = 2};
    EXPECT_TRUE(Json::parse(R"({"a": [1]})", two));
    EXPECT_EQ(errorOf(R"({"a": [{}]})", two),
              "line 1, column 8 (byte 7): nesting too deep (more than 2 levels)");
    // Hostile depth fails fast instead of exhausting the stack.
    EXPECT_FALSE(Json::parse(std::string(1'000'000, '[')));
}

TEST(JsonTest, BoundsTheNumberOfValues) {
    const JsonLimits four{.maxValues = 4};  // the array counts too
    EXPECT_TRUE(Json::parse("[1, 2, 3]", four));
    EXPECT_EQ(errorOf("[1, 2, 3, 4]", four),
              "line 1, column 11 (byte 10): too many values (more than 4)");
    EXPECT_EQ(errorOf(R"({"a": {"b": 1, "c": [2]}})", four),
              "line 1, column 22 (byte 21): too many values (more than 4)");
}

TEST(JsonTest, RefusesTextAfterTheValue) {
    EXPECT_EQ(errorOf("{} x"), "line 1, column 4 (byte 3): unexpected 'x' after the value");
    EXPECT_EQ(errorOf("1 2"), "line 1, column 3 (byte 2): unexpected '2' after the value");
    EXPECT_EQ(errorOf("[]\n]"), "line 2, column 1 (byte 3): unexpected ']' after the value");
    EXPECT_TRUE(Json::parse(" \t\r\n[] \n"));
}

TEST(JsonTest, GivesLineColumnAndByteOfAnErrorInAMultiLineText) {
    EXPECT_EQ(errorOf("{\n  \"a\": 1\n  \"b\": 2\n}"),
              "line 3, column 3 (byte 13): expected ',' or '}' after a member, got '\"'");
    EXPECT_EQ(errorOf("{\r\n  \"a\": [1,\r\n    tru]\r\n}"),
              "line 3, column 5 (byte 19): expected a value, got 't'");
}

TEST(JsonTest, DuplicateKeysReadTheFirstUnlessRefused) {
    const Json v = parseOk(R"({"a": 1, "b": 2, "a": 3})");
    EXPECT_EQ(v["a"].asInt64(), 1);
    EXPECT_EQ(v.find("a"), &v.members()[0].second);
    EXPECT_EQ(v.size(), 3u);  // nothing is dropped
    EXPECT_EQ(errorOf(R"({"a": 1, "b": {"a": 2}, "a": 3})", {.uniqueKeys = true}),
              "line 1, column 25 (byte 24): duplicate key \"a\"");
    // The same key in different objects is fine.
    EXPECT_TRUE(Json::parse(R"({"a": {"a": 1}})", {.uniqueKeys = true}));
}

TEST(JsonTest, RefusesEmptyInput) {
    EXPECT_EQ(errorOf(""), "line 1, column 1 (byte 0): unexpected end of input; expected a value");
    EXPECT_EQ(errorOf(" \n "),
              "line 2, column 2 (byte 3): unexpected end of input; expected a value");
}

struct BadCase {
    const char* text;
    const char* error;  // the whole message
};

class JsonBadTest : public testing::TestWithParam<BadCase> {};

TEST_P(JsonBadTest, RefusesWithPositionAndProblem) {
    EXPECT_EQ(errorOf(GetParam().text), GetParam().error);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, JsonBadTest,
    testing::Values(
        BadCase{"{\"a\": 1,}",
                "line 1, column 9 (byte 8): expected a member name in double quotes, got '}'"},
        BadCase{"[1, 2,]", "line 1, column 7 (byte 6): expected a value, got ']'"},
        BadCase{"// comment\n{}", "line 1, column 1 (byte 0): expected a value, got '/'"},
        BadCase{"{\"a\" 1}", "line 1, column 6 (byte 5): expected ':' after \"a\", got '1'"},
        BadCase{"{\"a\": 1",
                "line 1, column 8 (byte 7): unexpected end of input; expected ',' or '}' after a "
                "member"},
        BadCase{"01", "line 1, column 1 (byte 0): numbers must not have leading zeros"},
        BadCase{"-",
                "line 1, column 2 (byte 1): unexpected end of input; expected a digit after '-'"},
        BadCase{"1.",
                "line 1, column 3 (byte 2): unexpected end of input; expected a digit after '.'"},
        BadCase{"1e+x", "line 1, column 4 (byte 3): expected a digit in the exponent, got 'x'"},
        BadCase{"NaN", "line 1, column 1 (byte 0): expected a value, got 'N'"},
        BadCase{"1e999", "line 1, column 1 (byte 0): number 1e999 is out of range"},
        BadCase{"tru", "line 1, column 1 (byte 0): expected a value, got 't'"},
        BadCase{"\"abc", "line 1, column 5 (byte 4): unterminated string"},
        BadCase{"\"a\tb\"",
                "line 1, column 3 (byte 2): control character byte 0x09 in a string; escape it"},
        BadCase{"\"\\x\"", "line 1, column 3 (byte 2): invalid escape \\x"},
        BadCase{"\"\\u12g4\"",
                "line 1, column 6 (byte 5): expected four hex digits after \\u, got 'g'"},
        BadCase{"\"\\u12",
                "line 1, column 6 (byte 5): unexpected end of input; expected four hex digits "
                "after \\u"},
        BadCase{"\"\xc3\x28\"", "line 1, column 3 (byte 2): invalid UTF-8 '('"},
        BadCase{"\"\xc0\xaf\"", "line 1, column 2 (byte 1): invalid UTF-8 byte 0xc0"},
        BadCase{"\"\xe2\x82", "line 1, column 2 (byte 1): invalid UTF-8: truncated sequence"}));

}  // namespace
}  // namespace poolscope
