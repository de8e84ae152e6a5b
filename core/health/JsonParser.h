#pragma once
// A small strict JSON parser (RFC 8259) for configuration files: no comments,
// no trailing commas, no NaN, valid UTF-8 only, duplicate keys refused,
// nesting at most kMaxDepth deep.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/health/JsonValue.h"
#include "core/util/Result.h"

namespace poolscope {

/// Parses one JSON text. Not reusable: construct, parse() once. Not
/// thread-safe (one object per parse).
class JsonParser {
public:
    static constexpr int kMaxDepth = 64;

    /// Parses a whole text (whitespace around the value allowed). The error
    /// reads "line L, column C: <problem>", e.g. "line 3, column 14: expected
    /// ',' or '}' after a member"; columns count bytes from 1.
    static Result<JsonValue> parse(std::string_view text);

private:
    explicit JsonParser(std::string_view text) : s_(text) {}

    bool parseValue(JsonValue& out, int depth);
    bool parseObject(JsonValue& out, int depth);
    bool parseArray(JsonValue& out, int depth);
    bool parseString(std::string& out);
    bool parseNumber(JsonValue& out);
    bool parseLiteral(std::string_view word, JsonValue value, JsonValue& out);
    bool parseHex4(uint32_t& out);
    /// Copies one UTF-8 sequence starting at pos_ to `out`; false when invalid.
    bool copyUtf8(std::string& out);
    void skipWhitespace();
    bool fail(std::string problem);
    bool fail(std::string problem, size_t at);

    std::string_view s_;
    size_t pos_ = 0;
    std::string error_;
};

}  // namespace poolscope
