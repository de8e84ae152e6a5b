#include "app/recording/LineJson.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace poolscope {

class LineJson::Parser {
public:
    explicit Parser(std::string_view s) : s_(s) {}

    Status parse(LineJson& out) {
        if (!value(out, 0)) return Status::fail(error_);
        ws();
        if (pos_ != s_.size()) return Status::fail("JSON: text after the value at byte " + at());
        return Status::ok();
    }

private:
    std::string at() const { return std::to_string(pos_); }
    bool fail(const char* what) {
        error_ = std::string("JSON: ") + what + " at byte " + at();
        return false;
    }
    void ws() {
        while (pos_ < s_.size() &&
               (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
            ++pos_;
    }
    bool literal(std::string_view word) {
        if (s_.substr(pos_, word.size()) != word) return fail("unknown literal");
        pos_ += word.size();
        return true;
    }
    bool value(LineJson& out, int depth) {
        if (depth > kMaxDepth) return fail("nesting too deep");
        if (++nodes_ > kMaxValues) return fail("too many values");
        ws();
        if (pos_ >= s_.size()) return fail("unexpected end");
        switch (s_[pos_]) {
            case '{': return object(out, depth);
            case '[': return array(out, depth);
            case '"': out.type_ = Type::String; return string(out.text_);
            case 't': out.type_ = Type::Bool; out.bool_ = true; return literal("true");
            case 'f': out.type_ = Type::Bool; return literal("false");
            case 'n': out.type_ = Type::Null; return literal("null");
            default: return number(out);
        }
    }
    bool object(LineJson& out, int depth) {
        out.type_ = Type::Object;
        ++pos_;
        ws();
        if (pos_ < s_.size() && s_[pos_] == '}') return ++pos_, true;
        for (;;) {
            ws();
            if (pos_ >= s_.size() || s_[pos_] != '"') return fail("expected a key");
            std::string key;
            if (!string(key)) return false;
            ws();
            if (pos_ >= s_.size() || s_[pos_] != ':') return fail("expected ':'");
            ++pos_;
            out.keys_.push_back(std::move(key));
            out.items_.emplace_back();
            if (!value(out.items_.back(), depth + 1)) return false;
            ws();
            if (pos_ < s_.size() && s_[pos_] == ',') {
                ++pos_;
                continue;
            }
            if (pos_ < s_.size() && s_[pos_] == '}') return ++pos_, true;
            return fail("expected ',' or '}'");
        }
    }
    bool array(LineJson& out, int depth) {
        out.type_ = Type::Array;
        ++pos_;
        ws();
        if (pos_ < s_.size() && s_[pos_] == ']') return ++pos_, true;
        for (;;) {
            out.items_.emplace_back();
            if (!value(out.items_.back(), depth + 1)) return false;
            ws();
            if (pos_ < s_.size() && s_[pos_] == ',') {
                ++pos_;
                continue;
            }
            if (pos_ < s_.size() && s_[pos_] == ']') return ++pos_, true;
            return fail("expected ',' or ']'");
        }
    }
    bool hex4(uint32_t& cp) {
        if (pos_ + 4 > s_.size()) return fail("short \\u escape");
        cp = 0;
        for (int i = 0; i < 4; ++i) {
            const char h = s_[pos_++];
            cp <<= 4;
            if (h >= '0' && h <= '9') cp |= static_cast<uint32_t>(h - '0');
            else if (h >= 'a' && h <= 'f') cp |= static_cast<uint32_t>(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F') cp |= static_cast<uint32_t>(h - 'A' + 10);
            else return fail("bad hex digit");
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
    bool string(std::string& out) {
        ++pos_;  // opening quote
        while (pos_ < s_.size()) {
            const auto c = static_cast<unsigned char>(s_[pos_++]);
            if (c == '"') return true;
            if (c < 0x20) return fail("raw control character in a string");
            if (c != '\\') {
                out.push_back(static_cast<char>(c));
                continue;
            }
            if (pos_ >= s_.size()) return fail("unfinished escape");
            const char e = s_[pos_++];
            switch (e) {
                case '"': out.push_back('"'); break;
                case '\\': out.push_back('\\'); break;
                case '/': out.push_back('/'); break;
                case 'b': out.push_back('\b'); break;
                case 'f': out.push_back('\f'); break;
                case 'n': out.push_back('\n'); break;
                case 'r': out.push_back('\r'); break;
                case 't': out.push_back('\t'); break;
                case 'u': {
                    uint32_t cp = 0;
                    if (!hex4(cp)) return false;
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        uint32_t lo = 0;
                        if (s_.substr(pos_, 2) != "\\u") return fail("lone high surrogate");
                        pos_ += 2;
                        if (!hex4(lo) || lo < 0xDC00 || lo > 0xDFFF) return fail("bad surrogate pair");
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        return fail("lone low surrogate");
                    }
                    putUtf8(out, cp);
                    break;
                }
                default: return fail("bad escape");
            }
        }
        return fail("unterminated string");
    }
    bool number(LineJson& out) {
        const size_t start = pos_;
        const auto digit = [&] { return pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9'; };
        if (pos_ < s_.size() && s_[pos_] == '-') ++pos_;
        if (!digit()) return fail("unexpected character");
        if (s_[pos_] == '0') ++pos_;
        else while (digit()) ++pos_;
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
        out.type_ = Type::Number;
        out.text_.assign(s_.substr(start, pos_ - start));
        return true;
    }

    std::string_view s_;
    size_t pos_ = 0;
    size_t nodes_ = 0;
    std::string error_;
};

Result<LineJson> LineJson::parse(std::string_view text) {
    LineJson v;
    Parser p(text);
    if (auto s = p.parse(v); !s) return s.error();
    return v;
}

template <class T>
static std::optional<T> integerOf(LineJson::Type type, const std::string& text) {
    if (type != LineJson::Type::Number) return std::nullopt;
    T v{};
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc() || ptr != end) return std::nullopt;
    return v;
}

std::optional<int64_t> LineJson::asInt64() const { return integerOf<int64_t>(type_, text_); }

std::optional<uint64_t> LineJson::asUint64() const { return integerOf<uint64_t>(type_, text_); }

std::optional<double> LineJson::asDouble() const {
    if (type_ == Type::Null) return std::numeric_limits<double>::quiet_NaN();
    if (type_ != Type::Number) return std::nullopt;
    double v = 0;
    const char* end = text_.data() + text_.size();
    auto [ptr, ec] = std::from_chars(text_.data(), end, v);
    if (ptr != end) return std::nullopt;
    // Out of range: from_chars leaves v unchanged; the writer never prints those.
    if (ec == std::errc::result_out_of_range) return std::nullopt;
    return v;
}

std::optional<std::string_view> LineJson::asString() const {
    if (type_ != Type::String) return std::nullopt;
    return std::string_view(text_);
}

std::optional<bool> LineJson::asBool() const {
    if (type_ != Type::Bool) return std::nullopt;
    return bool_;
}

const LineJson* LineJson::find(std::string_view key) const {
    if (type_ != Type::Object) return nullptr;
    for (size_t i = 0; i < keys_.size(); ++i)
        if (keys_[i] == key) return &items_[i];
    return nullptr;
}

std::string_view LineJson::typeName() const {
    static constexpr std::string_view kNames[] = {"null",     "a boolean", "a number",
                                                  "a string", "an array",  "an object"};
    return kNames[static_cast<int>(type_)];
}

}  // namespace poolscope
