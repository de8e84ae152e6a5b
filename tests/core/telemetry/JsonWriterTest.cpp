#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include "core/telemetry/Json.h"
#include "core/telemetry/JsonWriter.h"

namespace poolscope {
namespace {

std::string jsonString(std::string_view s) {
    std::string out;
    JsonWriter::appendString(out, s);
    return out;
}

std::string number(double d) {
    std::string out;
    JsonWriter::appendDouble(out, d);
    return out;
}

TEST(JsonWriterTest, NestedContainersHaveCommasOnlyBetweenItems) {
    JsonWriter w;
    w.beginObject();
    w.key("a").value(1);
    w.key("b").beginArray().value(true).value(false).null().beginObject().endObject().endArray();
    w.key("c").beginObject().key("d").value("x").endObject();
    w.key("e").beginArray().endArray();
    w.endObject();
    EXPECT_TRUE(w.complete());
    EXPECT_EQ(w.str(), R"({"a":1,"b":[true,false,null,{}],"c":{"d":"x"},"e":[]})");
}

TEST(JsonWriterTest, TopLevelArrayAndTakeResets) {
    JsonWriter w;
    w.beginArray().value(1).value(2).endArray();
    EXPECT_EQ(w.take(), "[1,2]");
    EXPECT_FALSE(w.complete());
    w.beginObject().endObject();
    EXPECT_EQ(w.str(), "{}");
}

TEST(JsonWriterTest, IntegersPrintExactlyAtTheLimits) {
    JsonWriter w;
    w.beginArray()
        .value(std::numeric_limits<int64_t>::min())
        .value(std::numeric_limits<uint64_t>::max())
        .value(0)
        .value(-7)
        .endArray();
    EXPECT_EQ(w.str(), "[-9223372036854775808,18446744073709551615,0,-7]");
}

TEST(JsonWriterTest, EscapesQuotesBackslashesAndEveryControlCharacter) {
    struct Case {
        std::string in;
        std::string out;
    };
    const Case cases[] = {
        {"plain", R"("plain")"},
        {"say \"hi\"", R"("say \"hi\"")"},
        {"a\\b", R"("a\\b")"},
        {"line1\nline2", R"("line1\nline2")"},
        {"\r\t\b\f", R"("\r\t\b\f")"},
        {std::string("nul\0x", 5), R"("nul\u0000x")"},
        {"\x01\x1f", R"("\u0001\u001f")"},
        {"del\x7f", "\"del\x7f\""},  // DEL is legal raw in JSON
        {"a/b", R"("a/b")"},
        {"", R"("")"},
    };
    for (const auto& c : cases) EXPECT_EQ(jsonString(c.in), c.out) << "input: " << c.in;
}

TEST(JsonWriterTest, ValidUtf8PassesThroughUnchanged) {
    const std::string texts[] = {
        "caf\xc3\xa9",                    // é (2 bytes)
        "\xe2\x82\xac 5",                 // € (3 bytes)
        "\xf0\x9f\x98\x80",               // 😀 (4 bytes)
        "\xe2\x80\xa8",                   // U+2028 is legal raw in JSON
        "\xef\xbf\xbf \xf4\x8f\xbf\xbf",  // U+FFFF and U+10FFFF
    };
    for (const auto& t : texts) {
        EXPECT_EQ(jsonString(t), "\"" + t + "\"");
        auto v = Json::parse(jsonString(t));
        ASSERT_TRUE(v) << v.message();
        EXPECT_EQ(v->asString(), t);
    }
}

TEST(JsonWriterTest, InvalidUtf8BecomesReplacementCharacter) {
    struct Case {
        std::string in;
        std::string out;
    };
    const Case cases[] = {
        {"a\xff"
         "b",
         R"("a\ufffdb")"},                                      // never valid
        {"\xc3", R"("\ufffd")"},                                // truncated at the end
        {"\xc3(", R"("\ufffd(")"},                              // bad continuation
        {"\xc0\xaf", R"("\ufffd\ufffd")"},                      // overlong '/'
        {"\xed\xa0\x80", R"("\ufffd\ufffd\ufffd")"},            // UTF-16 surrogate
        {"\xf4\x90\x80\x80", R"("\ufffd\ufffd\ufffd\ufffd")"},  // past U+10FFFF
        {"\x80", R"("\ufffd")"},                                // lone continuation byte
    };
    for (const auto& c : cases) {
        EXPECT_EQ(jsonString(c.in), c.out);
        EXPECT_TRUE(Json::parse(jsonString(c.in)));
    }
}

TEST(JsonWriterTest, DoublesAreShortestRoundTripWithAFraction) {
    EXPECT_EQ(number(0.0), "0.0");
    EXPECT_EQ(number(-0.0), "0.0");
    EXPECT_EQ(number(1.0), "1.0");
    EXPECT_EQ(number(2.5), "2.5");
    EXPECT_EQ(number(0.1), "0.1");
    EXPECT_EQ(number(-3.25), "-3.25");
    EXPECT_EQ(number(1e20), "1e+20");
    EXPECT_EQ(number(123456789.0), "123456789.0");
    const double samples[] = {
        0.1 + 0.2,         1.0 / 3, 6.02214076e23, 5e-324, std::numeric_limits<double>::max(),
        12.345678901234567};
    for (double d : samples) {
        const std::string s = number(d);
        EXPECT_EQ(std::strtod(s.c_str(), nullptr), d) << s;
        auto v = Json::parse(s);
        ASSERT_TRUE(v) << s;
        EXPECT_FALSE(v->isInteger()) << s;
    }
}

TEST(JsonWriterTest, NanAndInfinityBecomeNull) {
    JsonWriter w;
    w.beginArray()
        .value(std::numeric_limits<double>::quiet_NaN())
        .value(std::numeric_limits<double>::infinity())
        .value(-std::numeric_limits<double>::infinity())
        .endArray();
    EXPECT_EQ(w.str(), "[null,null,null]");
}

TEST(JsonWriterTest, KeysAreEscapedLikeValues) {
    JsonWriter w;
    w.beginObject().key("a\"b\n").value("v").endObject();
    EXPECT_EQ(w.str(), R"({"a\"b\n":"v"})");
    auto v = Json::parse(w.str());
    ASSERT_TRUE(v) << v.message();
    EXPECT_EQ((*v)["a\"b\n"].asString(), "v");
}

TEST(JsonWriterTest, StringOverloadsPickStringsNotBool) {
    const std::string s = "text";
    JsonWriter w;
    w.beginArray().value("lit").value(s).value(std::string_view("sv")).endArray();
    EXPECT_EQ(w.str(), R"(["lit","text","sv"])");
}

}  // namespace
}  // namespace poolscope
