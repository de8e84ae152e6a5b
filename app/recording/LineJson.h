#pragma once
// A small JSON reader for recorded lines: a tree that keeps each number's
// text, so 64-bit integers and shortest-form doubles read back exactly.
// Untrusted input: nesting is bounded and nothing is assumed about shape.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/Result.h"

namespace poolscope {

/// One JSON value. Copyable; immutable after parse().
class LineJson {
public:
    enum class Type : uint8_t { Null, Bool, Number, String, Array, Object };
    static constexpr int kMaxDepth = 32;
    /// Values in one text at most (bounds memory on hostile input).
    static constexpr size_t kMaxValues = 500'000;

    /// Parses exactly one JSON value (RFC 8259; surrounding whitespace
    /// allowed). The error names the byte offset and the problem.
    static Result<LineJson> parse(std::string_view text);

    Type type() const { return type_; }
    bool isNull() const { return type_ == Type::Null; }
    /// The number as an integer; nullopt when not a number, not integral or
    /// out of range.
    std::optional<int64_t> asInt64() const;
    std::optional<uint64_t> asUint64() const;
    /// The number as a double (null reads as NaN: the writer prints NaN and
    /// infinities as null); nullopt for other types.
    std::optional<double> asDouble() const;
    /// The decoded string; nullopt when not a string.
    std::optional<std::string_view> asString() const;
    std::optional<bool> asBool() const;

    /// Elements of an array, values of an object (in text order).
    const std::vector<LineJson>& items() const { return items_; }
    /// Keys of an object, parallel to items().
    const std::vector<std::string>& keys() const { return keys_; }
    /// Member `key` of an object (first one), nullptr when absent or not an object.
    const LineJson* find(std::string_view key) const;

    /// "null", "a boolean", "a number", "a string", "an array", "an object".
    std::string_view typeName() const;

private:
    class Parser;
    Type type_ = Type::Null;
    bool bool_ = false;
    std::string text_;  ///< number text or decoded string
    std::vector<std::string> keys_;
    std::vector<LineJson> items_;
};

}  // namespace poolscope
