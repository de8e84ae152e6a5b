#pragma once
// A parsed JSON value (JsonParser makes them). Objects keep their members in
// file order so messages can follow the file.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace poolscope {

class JsonValue {
public:
    enum class Type : uint8_t { Null, Bool, Number, String, Array, Object };
    using Array = std::vector<JsonValue>;
    using Object = std::vector<std::pair<std::string, JsonValue>>;

    JsonValue() = default;
    static JsonValue boolean(bool b) { return JsonValue(b); }
    /// `integral`: the source text had no fraction or exponent.
    static JsonValue number(double d, bool integral) {
        JsonValue v(d);
        v.integral_ = integral;
        return v;
    }
    static JsonValue string(std::string s) { return JsonValue(std::move(s)); }
    static JsonValue array(Array a) { return JsonValue(std::make_shared<Array>(std::move(a))); }
    static JsonValue object(Object o) { return JsonValue(std::make_shared<Object>(std::move(o))); }

    Type type() const { return static_cast<Type>(v_.index()); }
    bool isNull() const { return type() == Type::Null; }
    bool isBool() const { return type() == Type::Bool; }
    bool isNumber() const { return type() == Type::Number; }
    /// A number written without fraction or exponent.
    bool isInteger() const { return isNumber() && integral_; }
    bool isString() const { return type() == Type::String; }
    bool isArray() const { return type() == Type::Array; }
    bool isObject() const { return type() == Type::Object; }

    /// Accessors. Precondition: the matching is...() is true.
    bool asBool() const { return std::get<bool>(v_); }
    double asNumber() const { return std::get<double>(v_); }
    const std::string& asString() const { return std::get<std::string>(v_); }
    const Array& asArray() const { return *std::get<std::shared_ptr<Array>>(v_); }
    const Object& asObject() const { return *std::get<std::shared_ptr<Object>>(v_); }

    /// Member `key` of an object, or nullptr (also when not an object).
    const JsonValue* find(std::string_view key) const {
        if (!isObject()) return nullptr;
        for (const auto& [k, v] : asObject())
            if (k == key) return &v;
        return nullptr;
    }

    /// "null", "a boolean", "a number", "a string", "an array", "an object":
    /// for messages ("expected a number, got a string").
    std::string_view typeName() const {
        static constexpr std::string_view kNames[] = {"null",     "a boolean", "a number",
                                                      "a string", "an array",  "an object"};
        return kNames[v_.index()];
    }

private:
    using Storage = std::variant<std::monostate, bool, double, std::string, std::shared_ptr<Array>,
                                 std::shared_ptr<Object>>;
    template <class T>
    explicit JsonValue(T v) : v_(std::move(v)) {}

    Storage v_;
    bool integral_ = false;
};

}  // namespace poolscope
