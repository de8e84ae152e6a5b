#pragma once
// The one JSON reader of PoolScope: thresholds files, recorded snapshot lines
// (untrusted) and the tests that read back what the encoders print.
//
// Strict RFC 8259: no comments, no trailing commas, no NaN, no leading zeros,
// valid UTF-8 only, numbers that fit a double. Each number keeps its text, so
// 64-bit integers and shortest-form doubles read back exactly, and a reader
// can tell "1" from "1.0". Objects keep their members in file order so
// messages can follow the file.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/util/Result.h"

namespace poolscope {

/// Bounds on one parse. The defaults suit untrusted input of a few MB.
struct JsonLimits {
    /// Arrays and objects nested at most this deep ("[[]]" is 2 deep).
    int maxDepth = 64;
    /// Values (containers included) in one text at most: bounds memory.
    size_t maxValues = 500'000;
    /// Refuse an object that names a key twice (for files people write, where
    /// a repeated key is a mistake). When false, find() returns the first.
    bool uniqueKeys = false;
};

/// One parsed JSON value. Copyable; immutable after parse(). Not tied to the
/// parsed text (it owns its strings).
class Json {
public:
    enum class Type : uint8_t { Null, Bool, Number, String, Array, Object };
    using Member = std::pair<std::string, Json>;

    /// Parses exactly one JSON value (whitespace around it allowed). The error
    /// reads "line L, column C (byte B): <problem>", e.g. "line 3, column 14
    /// (byte 40): expected ',' or '}' after a member, got '\"'"; lines and
    /// columns count from 1 (columns in bytes), the byte offset from 0.
    static Result<Json> parse(std::string_view text, const JsonLimits& limits = {});

    /// A null value.
    Json() = default;

    Type type() const { return type_; }
    bool isNull() const { return type_ == Type::Null; }
    bool isBool() const { return type_ == Type::Bool; }
    bool isNumber() const { return type_ == Type::Number; }
    /// A number written without fraction or exponent ("3", not "3.0" or "3e0").
    bool isInteger() const;
    bool isString() const { return type_ == Type::String; }
    bool isArray() const { return type_ == Type::Array; }
    bool isObject() const { return type_ == Type::Object; }

    /// The number as an integer; nullopt when not a number, not written as an
    /// integer, or out of the type's range.
    std::optional<int64_t> asInt64() const;
    std::optional<uint64_t> asUint64() const;
    /// The number as a double; null reads as NaN (the writer prints NaN and
    /// infinities as null); nullopt for other types.
    std::optional<double> asDouble() const;
    /// The decoded string (UTF-8); nullopt when not a string.
    std::optional<std::string_view> asString() const;
    std::optional<bool> asBool() const;
    /// The number exactly as written; empty when not a number.
    std::string_view numberText() const {
        return isNumber() ? std::string_view(text_) : std::string_view();
    }

    /// Elements of an array (empty for other types).
    const std::vector<Json>& items() const { return items_; }
    /// Members of an object in file order (empty for other types).
    const std::vector<Member>& members() const { return members_; }
    /// Elements of an array or members of an object; 0 for other types.
    size_t size() const { return isObject() ? members_.size() : items_.size(); }
    /// Member `key` of an object (the first when repeated); nullptr when
    /// absent or when this is not an object.
    const Json* find(std::string_view key) const;
    /// Member `key` or element `index`, or a null value when absent: lets a
    /// reader chain look-ups (v["config"]["max_open"]) and check the end.
    const Json& operator[](std::string_view key) const;
    const Json& operator[](size_t index) const;

    /// "null", "a boolean", "a number", "a string", "an array", "an object":
    /// for messages ("expected a number, got a string").
    std::string_view typeName() const;

private:
    class Parser;

    Type type_ = Type::Null;
    bool bool_ = false;
    std::string text_;  ///< number text or decoded string
    std::vector<Json> items_;
    std::vector<Member> members_;
};

}  // namespace poolscope
