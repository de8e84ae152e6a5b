#include "core/telemetry/Json.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <unordered_set>

namespace poolscope {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

/// The byte at `pos` as a person reads it in a message: 'x', byte 0x09, end of input.
std::string describe(std::string_view s, size_t pos) {
    if (pos >= s.size()) return "end of input";
    const auto c = static_cast<unsigned char>(s[pos]);
    if (c < 0x20 || c >= 0x7f) {
        static constexpr char kHex[] = "0123456789abcdef";
        return std::string("byte 0x") + kHex[c >> 4] + kHex[c & 15];
    }
    return "'" + std::string(1, static_cast<char>(c)) + "'";
}

void appendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else {
        out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    }
}

}  // namespace

/// Recursive descent over one text. One object per parse; stops at the first
/// problem and remembers it with its position.
class Json::Parser {
public:
    Parser(std::string_view text, const JsonLimits& limits) : s_(text), limits_(limits) {}

    Status parse(Json& out) {
        skipWhitespace();
        if (!value(out, 0)) return Status::fail(error_);
        skipWhitespace();
        if (pos_ != s_.size()) {
            fail("unexpected " + describe(s_, pos_) + " after the value");
            return Status::fail(error_);
        }
        return Status::ok();
    }

private:
    bool fail(std::string problem) { return fail(std::move(problem), pos_); }

    bool fail(std::string problem, size_t at) {
        size_t line = 1, column = 1;
        for (size_t i = 0; i < at && i < s_.size(); ++i) {
            if (s_[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        error_ = "line " + std::to_string(line) + ", column " + std::to_string(column) + " (byte " +
                 std::to_string(at) + "): " + std::move(problem);
        return false;
    }

    /// "expected X, got 'c'"; at the end of the text "unexpected end of input;
    /// expected X" (a truncated line is the common case, so say so first).
    bool expected(const std::string& what) {
        if (pos_ >= s_.size()) return fail("unexpected end of input; expected " + what);
        return fail("expected " + what + ", got " + describe(s_, pos_));
    }

    bool at(char c) const { return pos_ < s_.size() && s_[pos_] == c; }

    void skipWhitespace() {
        while (pos_ < s_.size() &&
               (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
            ++pos_;
    }

    /// `depth`: containers around this value.
    bool value(Json& out, int depth) {
        if (++values_ > limits_.maxValues)
            return fail("too many values (more than " + std::to_string(limits_.maxValues) + ")");
        if (pos_ >= s_.size()) return expected("a value");
        switch (s_[pos_]) {
            case '{':
                return object(out, depth + 1);
            case '[':
                return array(out, depth + 1);
            case '"':
                out.type_ = Type::String;
                return string(out.text_);
            case 't':
                out.type_ = Type::Bool;
                out.bool_ = true;
                return literal("true");
            case 'f':
                out.type_ = Type::Bool;
                return literal("false");
            case 'n':
                return literal("null");
            default:
                if (s_[pos_] == '-' || isDigit(s_[pos_])) return number(out);
                return expected("a value");
        }
    }

    bool literal(std::string_view word) {
        if (s_.substr(pos_, word.size()) != word) return expected("a value");
        pos_ += word.size();
        return true;
    }

    /// False (with the error set) when a container at `depth` is too deep.
    bool depthOk(int depth) {
        return depth <= limits_.maxDepth ||
               fail("nesting too deep (more than " + std::to_string(limits_.maxDepth) + " levels)");
    }

    /// Reads the items of an array or the members of an object, the opening
    /// bracket at pos_: `readOne` reads each one, `close` ends the list.
    template <class ReadOne>
    bool list(char close, const char* item, ReadOne readOne) {
        ++pos_;  // '{' or '['
        skipWhitespace();
        if (at(close)) return ++pos_, true;
        for (;;) {
            skipWhitespace();
            if (!readOne()) return false;
            skipWhitespace();
            if (at(',')) {
                ++pos_;
                continue;
            }
            if (at(close)) return ++pos_, true;
            return expected(std::string("',' or '") + close + "' after " + item);
        }
    }

    bool object(Json& out, int depth) {
        if (!depthOk(depth)) return false;
        out.type_ = Type::Object;
        std::unordered_set<std::string> seen;  // only filled when keys must be unique
        return list('}', "a member", [&] { return member(out, depth, seen); });
    }

    bool member(Json& out, int depth, std::unordered_set<std::string>& seen) {
        if (!at('"')) return expected("a member name in double quotes");
        const size_t keyAt = pos_;
        std::string key;
        if (!string(key)) return false;
        if (limits_.uniqueKeys && !seen.insert(key).second)
            return fail("duplicate key \"" + key + "\"", keyAt);
        skipWhitespace();
        if (!at(':')) return expected("':' after \"" + key + "\"");
        ++pos_;
        skipWhitespace();
        out.members_.emplace_back(std::move(key), Json());
        return value(out.members_.back().second, depth);
    }

    bool array(Json& out, int depth) {
        if (!depthOk(depth)) return false;
        out.type_ = Type::Array;
        return list(']', "an array item", [&] {
            out.items_.emplace_back();
            return value(out.items_.back(), depth);
        });
    }

    bool hex4(uint32_t& out) {
        out = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = pos_ < s_.size() ? s_[pos_] : '\0';
            uint32_t d;
            if (isDigit(c))
                d = static_cast<uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f')
                d = static_cast<uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                d = static_cast<uint32_t>(c - 'A' + 10);
            else
                return expected("four hex digits after \\u");
            out = out * 16 + d;
            ++pos_;
        }
        return true;
    }

    /// Copies one UTF-8 sequence starting at pos_ to `out`; false when invalid.
    bool copyUtf8(std::string& out) {
        const auto b = [this](size_t i) { return static_cast<unsigned char>(s_[i]); };
        const unsigned char c = b(pos_);
        size_t len;
        uint32_t cp;
        if (c >= 0xc2 && c <= 0xdf)
            len = 2, cp = c & 0x1f;
        else if (c >= 0xe0 && c <= 0xef)
            len = 3, cp = c & 0x0f;
        else if (c >= 0xf0 && c <= 0xf4)
            len = 4, cp = c & 0x07;
        else
            return fail("invalid UTF-8 " + describe(s_, pos_));
        if (pos_ + len > s_.size()) return fail("invalid UTF-8: truncated sequence");
        for (size_t i = 1; i < len; ++i) {
            if ((b(pos_ + i) & 0xc0) != 0x80)
                return fail("invalid UTF-8 " + describe(s_, pos_ + i), pos_ + i);
            cp = (cp << 6) | (b(pos_ + i) & 0x3f);
        }
        // Overlong forms, surrogates and code points above U+10FFFF.
        if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return fail("invalid UTF-8 sequence");
        out.append(s_.substr(pos_, len));
        pos_ += len;
        return true;
    }

    bool escape(std::string& out) {
        // The one-letter escapes of RFC 8259 and the characters they stand for.
        static constexpr std::string_view kLetters = "\"\\/bfnrt", kMeaning = "\"\\/\b\f\n\r\t";
        const char e = s_[pos_++];
        if (const size_t i = kLetters.find(e); i != std::string_view::npos) {
            out.push_back(kMeaning[i]);
            return true;
        }
        if (e != 'u') return fail("invalid escape \\" + std::string(1, e), pos_ - 1);
        uint32_t cp;
        if (!hex4(cp)) return false;
        if (cp >= 0xdc00 && cp <= 0xdfff) return fail("unpaired low surrogate in \\u escape");
        if (cp >= 0xd800 && cp <= 0xdbff) {
            // Characters past U+FFFF arrive as a high and a low surrogate.
            uint32_t low;
            if (s_.substr(pos_, 2) != "\\u") return fail("unpaired high surrogate in \\u escape");
            pos_ += 2;
            if (!hex4(low)) return false;
            if (low < 0xdc00 || low > 0xdfff) return fail("unpaired high surrogate in \\u escape");
            cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        }
        appendUtf8(out, cp);
        return true;
    }

    bool string(std::string& out) {
        ++pos_;  // opening quote
        for (;;) {
            if (pos_ >= s_.size()) return fail("unterminated string");
            const auto c = static_cast<unsigned char>(s_[pos_]);
            if (c == '"') return ++pos_, true;
            if (c < 0x20)
                return fail("control character " + describe(s_, pos_) + " in a string; escape it");
            if (c >= 0x80) {
                if (!copyUtf8(out)) return false;
            } else if (c == '\\') {
                if (++pos_ >= s_.size()) return fail("unterminated string");
                if (!escape(out)) return false;
            } else {
                out.push_back(static_cast<char>(c));
                ++pos_;
            }
        }
    }

    bool digits(const char* after) {
        if (pos_ >= s_.size() || !isDigit(s_[pos_]))
            return expected(std::string("a digit ") + after);
        while (pos_ < s_.size() && isDigit(s_[pos_])) ++pos_;
        return true;
    }

    bool number(Json& out) {
        const size_t start = pos_;
        if (at('-')) ++pos_;
        if (at('0')) {
            ++pos_;
            if (pos_ < s_.size() && isDigit(s_[pos_]))
                return fail("numbers must not have leading zeros", start);
        } else if (!digits("after '-'")) {
            return false;
        }
        if (at('.') && !(++pos_, digits("after '.'"))) return false;
        if (at('e') || at('E')) {
            ++pos_;
            if (at('+') || at('-')) ++pos_;
            if (!digits("in the exponent")) return false;
        }
        const std::string_view text = s_.substr(start, pos_ - start);
        // Refused here rather than at asDouble() so every number a reader sees
        // has a value; from_chars also reports underflow (1e-999) this way.
        double d = 0;
        const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
        if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(d))
            return fail("number " + std::string(text) + " is out of range", start);
        out.type_ = Type::Number;
        out.text_.assign(text);
        return true;
    }

    std::string_view s_;
    const JsonLimits& limits_;
    size_t pos_ = 0;
    size_t values_ = 0;
    std::string error_;
};

Result<Json> Json::parse(std::string_view text, const JsonLimits& limits) {
    Json v;
    Parser p(text, limits);
    if (auto s = p.parse(v); !s) return s.error();
    return v;
}

bool Json::isInteger() const {
    return isNumber() && text_.find_first_of(".eE") == std::string::npos;
}

namespace {

template <class T>
std::optional<T> integerOf(const std::string& text) {
    T v{};
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc() || ptr != end) return std::nullopt;
    return v;
}

}  // namespace

std::optional<int64_t> Json::asInt64() const {
    if (!isNumber()) return std::nullopt;
    return integerOf<int64_t>(text_);
}

std::optional<uint64_t> Json::asUint64() const {
    if (!isNumber()) return std::nullopt;
    return integerOf<uint64_t>(text_);
}

std::optional<double> Json::asDouble() const {
    if (isNull()) return std::numeric_limits<double>::quiet_NaN();
    if (!isNumber()) return std::nullopt;
    double v = 0;
    std::from_chars(text_.data(), text_.data() + text_.size(), v);  // checked by the parser
    return v;
}

std::optional<std::string_view> Json::asString() const {
    if (!isString()) return std::nullopt;
    return std::string_view(text_);
}

std::optional<bool> Json::asBool() const {
    if (!isBool()) return std::nullopt;
    return bool_;
}

const Json* Json::find(std::string_view key) const {
    for (const auto& [k, v] : members_)
        if (k == key) return &v;
    return nullptr;
}

namespace {

/// What operator[] returns for an absent member or element.
const Json& nullJson() {
    static const Json null;
    return null;
}

}  // namespace

const Json& Json::operator[](std::string_view key) const {
    const Json* v = find(key);
    return v ? *v : nullJson();
}

const Json& Json::operator[](size_t index) const {
    return index < items_.size() ? items_[index] : nullJson();
}

std::string_view Json::typeName() const {
    static constexpr std::string_view kNames[] = {"null",     "a boolean", "a number",
                                                  "a string", "an array",  "an object"};
    return kNames[static_cast<size_t>(type_)];
}

}  // namespace poolscope
