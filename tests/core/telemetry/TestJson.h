#pragma once
// Test-only: a tiny strict JSON parser (RFC 8259) used to check that what the
// telemetry encoders and the headless mode print reads back. Not for
// production use: no limits on depth or size, errors as text.

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace poolscope::testjson {

struct Value;
using Object = std::map<std::string, Value>;
using Array = std::vector<Value>;

/// A parsed JSON value. Numbers keep their source text so tests can check
/// whether a number was written as an integer or with a fraction.
struct Value {
    std::variant<std::nullptr_t, bool, double, std::string, std::shared_ptr<Array>,
                 std::shared_ptr<Object>>
        v;
    std::string numberText;

    bool isNull() const { return std::holds_alternative<std::nullptr_t>(v); }
    bool isBool() const { return std::holds_alternative<bool>(v); }
    bool isNumber() const { return std::holds_alternative<double>(v); }
    bool isString() const { return std::holds_alternative<std::string>(v); }
    bool isArray() const { return std::holds_alternative<std::shared_ptr<Array>>(v); }
    bool isObject() const { return std::holds_alternative<std::shared_ptr<Object>>(v); }
    bool isInteger() const {
        return isNumber() && numberText.find_first_of(".eE") == std::string::npos;
    }
    double num() const { return std::get<double>(v); }
    int64_t integer() const { return static_cast<int64_t>(std::get<double>(v)); }
    bool boolean() const { return std::get<bool>(v); }
    const std::string& str() const { return std::get<std::string>(v); }
    const Array& arr() const { return *std::get<std::shared_ptr<Array>>(v); }
    const Object& obj() const { return *std::get<std::shared_ptr<Object>>(v); }
    bool has(const std::string& k) const { return isObject() && obj().count(k) > 0; }
    /// Member `k` of an object; throws std::out_of_range when missing.
    const Value& operator[](const std::string& k) const { return obj().at(k); }
    const Value& operator[](size_t i) const { return arr().at(i); }
};

/// Parses a whole text; on error returns nullopt and sets `error`. Duplicate
/// keys in an object are an error here (the encoders never write them).
class Parser {
public:
    explicit Parser(std::string_view text) : s_(text) {}

    std::optional<Value> parse(std::string* error) {
        Value v;
        if (!parseValue(v) || (ws(), pos_ != s_.size())) {
            if (error) *error = err_.empty() ? "trailing text at " + std::to_string(pos_) : err_;
            return std::nullopt;
        }
        return v;
    }

private:
    bool fail(const std::string& what) {
        if (err_.empty()) err_ = what + " at offset " + std::to_string(pos_);
        return false;
    }
    void ws() {
        while (pos_ < s_.size() &&
               (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
            ++pos_;
    }
    bool lit(std::string_view w) {
        if (s_.substr(pos_, w.size()) != w) return fail("bad literal");
        pos_ += w.size();
        return true;
    }
    bool parseValue(Value& out) {
        ws();
        if (pos_ >= s_.size()) return fail("unexpected end");
        const char c = s_[pos_];
        if (c == '{') return parseObject(out);
        if (c == '[') return parseArray(out);
        if (c == '"') {
            std::string str;
            if (!parseString(str)) return false;
            out.v = std::move(str);
            return true;
        }
        if (c == 't') return lit("true") && (out.v = true, true);
        if (c == 'f') return lit("false") && (out.v = false, true);
        if (c == 'n') return lit("null") && (out.v = nullptr, true);
        return parseNumber(out);
    }
    bool parseObject(Value& out) {
        auto obj = std::make_shared<Object>();
        ++pos_;
        ws();
        if (pos_ < s_.size() && s_[pos_] == '}') {
            ++pos_;
            out.v = obj;
            return true;
        }
        for (;;) {
            ws();
            std::string k;
            if (pos_ >= s_.size() || s_[pos_] != '"') return fail("expected key");
            if (!parseString(k)) return false;
            ws();
            if (pos_ >= s_.size() || s_[pos_] != ':') return fail("expected ':'");
            ++pos_;
            Value v;
            if (!parseValue(v)) return false;
            if (!obj->emplace(k, std::move(v)).second) return fail("duplicate key '" + k + "'");
            ws();
            if (pos_ < s_.size() && s_[pos_] == ',') {
                ++pos_;
                continue;
            }
            if (pos_ < s_.size() && s_[pos_] == '}') {
                ++pos_;
                out.v = obj;
                return true;
            }
            return fail("expected ',' or '}'");
        }
    }
    bool parseArray(Value& out) {
        auto arr = std::make_shared<Array>();
        ++pos_;
        ws();
        if (pos_ < s_.size() && s_[pos_] == ']') {
            ++pos_;
            out.v = arr;
            return true;
        }
        for (;;) {
            Value v;
            if (!parseValue(v)) return false;
            arr->push_back(std::move(v));
            ws();
            if (pos_ < s_.size() && s_[pos_] == ',') {
                ++pos_;
                continue;
            }
            if (pos_ < s_.size() && s_[pos_] == ']') {
                ++pos_;
                out.v = arr;
                return true;
            }
            return fail("expected ',' or ']'");
        }
    }
    bool hex4(uint32_t& cp) {
        if (pos_ + 4 > s_.size()) return fail("short \\u escape");
        cp = 0;
        for (int i = 0; i < 4; ++i) {
            const char h = s_[pos_++];
            cp <<= 4;
            if (h >= '0' && h <= '9')
                cp |= static_cast<uint32_t>(h - '0');
            else if (h >= 'a' && h <= 'f')
                cp |= static_cast<uint32_t>(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F')
                cp |= static_cast<uint32_t>(h - 'A' + 10);
            else
                return fail("bad hex digit");
        }
        return true;
    }
    static void putUtf8(std::string& out, uint32_t cp) {
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    }
    bool parseString(std::string& out) {
        ++pos_;  // opening quote
        while (pos_ < s_.size()) {
            const auto c = static_cast<unsigned char>(s_[pos_++]);
            if (c == '"') return true;
            if (c < 0x20) return fail("raw control character in string");
            if (c != '\\') {
                out.push_back(static_cast<char>(c));
                continue;
            }
            if (pos_ >= s_.size()) return fail("unfinished escape");
            const char e = s_[pos_++];
            switch (e) {
                case '"':
                    out.push_back('"');
                    break;
                case '\\':
                    out.push_back('\\');
                    break;
                case '/':
                    out.push_back('/');
                    break;
                case 'b':
                    out.push_back('\b');
                    break;
                case 'f':
                    out.push_back('\f');
                    break;
                case 'n':
                    out.push_back('\n');
                    break;
                case 'r':
                    out.push_back('\r');
                    break;
                case 't':
                    out.push_back('\t');
                    break;
                case 'u': {
                    uint32_t cp = 0;
                    if (!hex4(cp)) return false;
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        uint32_t lo = 0;
                        if (s_.substr(pos_, 2) != "\\u") return fail("lone high surrogate");
                        pos_ += 2;
                        if (!hex4(lo) || lo < 0xDC00 || lo > 0xDFFF) return fail("bad surrogate");
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        return fail("lone low surrogate");
                    }
                    putUtf8(out, cp);
                    break;
                }
                default:
                    return fail("bad escape");
            }
        }
        return fail("unterminated string");
    }
    bool parseNumber(Value& out) {
        const size_t start = pos_;
        auto digit = [&] { return pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9'; };
        if (pos_ < s_.size() && s_[pos_] == '-') ++pos_;
        if (!digit()) return fail("bad number");
        if (s_[pos_] == '0') {
            ++pos_;
            if (digit()) return fail("leading zero");
        } else {
            while (digit()) ++pos_;
        }
        if (pos_ < s_.size() && s_[pos_] == '.') {
            ++pos_;
            if (!digit()) return fail("digit expected after '.'");
            while (digit()) ++pos_;
        }
        if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
            ++pos_;
            if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
            if (!digit()) return fail("digit expected in exponent");
            while (digit()) ++pos_;
        }
        out.numberText = std::string(s_.substr(start, pos_ - start));
        out.v = std::strtod(out.numberText.c_str(), nullptr);
        return true;
    }

    std::string_view s_;
    size_t pos_ = 0;
    std::string err_;
};

/// Parses `text`; nullopt (and `error` set) when it is not exactly one JSON value.
inline std::optional<Value> parse(std::string_view text, std::string* error = nullptr) {
    return Parser(text).parse(error);
}

}  // namespace poolscope::testjson
