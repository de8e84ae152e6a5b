#include "core/health/JsonParser.h"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace poolscope {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

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

Result<JsonValue> JsonParser::parse(std::string_view text) {
    JsonParser p(text);
    JsonValue v;
    p.skipWhitespace();
    if (!p.parseValue(v, 0)) return Error{p.error_};
    p.skipWhitespace();
    if (p.pos_ != p.s_.size()) {
        p.fail("unexpected " + describe(p.s_, p.pos_) + " after the value");
        return Error{p.error_};
    }
    return v;
}

bool JsonParser::fail(std::string problem) { return fail(std::move(problem), pos_); }

bool JsonParser::fail(std::string problem, size_t at) {
    size_t line = 1, column = 1;
    for (size_t i = 0; i < at && i < s_.size(); ++i) {
        if (s_[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    error_ = "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " +
             std::move(problem);
    return false;
}

void JsonParser::skipWhitespace() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
        ++pos_;
}

bool JsonParser::parseValue(JsonValue& out, int depth) {
    if (pos_ >= s_.size()) return fail("expected a value, got end of input");
    switch (s_[pos_]) {
        case '{': return parseObject(out, depth + 1);
        case '[': return parseArray(out, depth + 1);
        case '"': {
            std::string str;
            if (!parseString(str)) return false;
            out = JsonValue::string(std::move(str));
            return true;
        }
        case 't': return parseLiteral("true", JsonValue::boolean(true), out);
        case 'f': return parseLiteral("false", JsonValue::boolean(false), out);
        case 'n': return parseLiteral("null", JsonValue(), out);
        default:
            if (s_[pos_] == '-' || isDigit(s_[pos_])) return parseNumber(out);
            return fail("expected a value, got " + describe(s_, pos_));
    }
}

bool JsonParser::parseLiteral(std::string_view word, JsonValue value, JsonValue& out) {
    if (s_.substr(pos_, word.size()) != word) return fail("expected a value, got " + describe(s_, pos_));
    pos_ += word.size();
    out = std::move(value);
    return true;
}

bool JsonParser::parseObject(JsonValue& out, int depth) {
    if (depth > kMaxDepth) return fail("nested more than " + std::to_string(kMaxDepth) + " levels deep");
    ++pos_;  // '{'
    JsonValue::Object members;
    skipWhitespace();
    if (pos_ < s_.size() && s_[pos_] == '}') {
        ++pos_;
        out = JsonValue::object(std::move(members));
        return true;
    }
    for (;;) {
        skipWhitespace();
        if (pos_ >= s_.size() || s_[pos_] != '"')
            return fail("expected a member name in double quotes, got " + describe(s_, pos_));
        const size_t keyAt = pos_;
        std::string key;
        if (!parseString(key)) return false;
        for (const auto& [k, v] : members)
            if (k == key) return fail("duplicate key \"" + key + "\"", keyAt);
        skipWhitespace();
        if (pos_ >= s_.size() || s_[pos_] != ':')
            return fail("expected ':' after \"" + key + "\", got " + describe(s_, pos_));
        ++pos_;
        skipWhitespace();
        JsonValue v;
        if (!parseValue(v, depth)) return false;
        members.emplace_back(std::move(key), std::move(v));
        skipWhitespace();
        if (pos_ < s_.size() && s_[pos_] == ',') {
            ++pos_;
            continue;
        }
        if (pos_ < s_.size() && s_[pos_] == '}') {
            ++pos_;
            out = JsonValue::object(std::move(members));
            return true;
        }
        return fail("expected ',' or '}' after a member, got " + describe(s_, pos_));
    }
}

bool JsonParser::parseArray(JsonValue& out, int depth) {
    if (depth > kMaxDepth) return fail("nested more than " + std::to_string(kMaxDepth) + " levels deep");
    ++pos_;  // '['
    JsonValue::Array items;
    skipWhitespace();
    if (pos_ < s_.size() && s_[pos_] == ']') {
        ++pos_;
        out = JsonValue::array(std::move(items));
        return true;
    }
    for (;;) {
        skipWhitespace();
        JsonValue v;
        if (!parseValue(v, depth)) return false;
        items.push_back(std::move(v));
        skipWhitespace();
        if (pos_ < s_.size() && s_[pos_] == ',') {
            ++pos_;
            continue;
        }
        if (pos_ < s_.size() && s_[pos_] == ']') {
            ++pos_;
            out = JsonValue::array(std::move(items));
            return true;
        }
        return fail("expected ',' or ']' after an array item, got " + describe(s_, pos_));
    }
}

bool JsonParser::parseHex4(uint32_t& out) {
    if (pos_ + 4 > s_.size()) return fail("\\u needs four hex digits");
    out = 0;
    for (int i = 0; i < 4; ++i) {
        const char c = s_[pos_];
        uint32_t d;
        if (isDigit(c)) d = static_cast<uint32_t>(c - '0');
        else if (c >= 'a' && c <= 'f') d = static_cast<uint32_t>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') d = static_cast<uint32_t>(c - 'A' + 10);
        else return fail("\\u needs four hex digits, got " + describe(s_, pos_));
        out = out * 16 + d;
        ++pos_;
    }
    return true;
}

bool JsonParser::copyUtf8(std::string& out) {
    const auto b = [this](size_t i) { return static_cast<unsigned char>(s_[i]); };
    const unsigned char c = b(pos_);
    size_t len;
    uint32_t cp;
    if (c >= 0xc2 && c <= 0xdf) len = 2, cp = c & 0x1f;
    else if (c >= 0xe0 && c <= 0xef) len = 3, cp = c & 0x0f;
    else if (c >= 0xf0 && c <= 0xf4) len = 4, cp = c & 0x07;
    else return fail("invalid UTF-8 " + describe(s_, pos_));
    if (pos_ + len > s_.size()) return fail("invalid UTF-8: truncated sequence");
    for (size_t i = 1; i < len; ++i) {
        if ((b(pos_ + i) & 0xc0) != 0x80) return fail("invalid UTF-8 " + describe(s_, pos_ + i), pos_ + i);
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

bool JsonParser::parseString(std::string& out) {
    ++pos_;  // opening quote
    for (;;) {
        if (pos_ >= s_.size()) return fail("unterminated string");
        const auto c = static_cast<unsigned char>(s_[pos_]);
        if (c == '"') {
            ++pos_;
            return true;
        }
        if (c < 0x20) return fail("control character " + describe(s_, pos_) + " in a string; escape it");
        if (c >= 0x80) {
            if (!copyUtf8(out)) return false;
            continue;
        }
        if (c != '\\') {
            out.push_back(static_cast<char>(c));
            ++pos_;
            continue;
        }
        if (++pos_ >= s_.size()) return fail("unterminated string");
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
                uint32_t cp;
                if (!parseHex4(cp)) return false;
                if (cp >= 0xdc00 && cp <= 0xdfff) return fail("unpaired low surrogate in \\u escape");
                if (cp >= 0xd800 && cp <= 0xdbff) {
                    uint32_t low;
                    if (s_.substr(pos_, 2) != "\\u") return fail("unpaired high surrogate in \\u escape");
                    pos_ += 2;
                    if (!parseHex4(low)) return false;
                    if (low < 0xdc00 || low > 0xdfff) return fail("unpaired high surrogate in \\u escape");
                    cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
                }
                appendUtf8(out, cp);
                break;
            }
            default: return fail("invalid escape \\" + std::string(1, e), pos_ - 1);
        }
    }
}

bool JsonParser::parseNumber(JsonValue& out) {
    const size_t start = pos_;
    bool integral = true;
    if (s_[pos_] == '-') ++pos_;
    if (pos_ >= s_.size() || !isDigit(s_[pos_])) return fail("expected a digit after '-'");
    if (s_[pos_] == '0') {
        ++pos_;
        if (pos_ < s_.size() && isDigit(s_[pos_])) return fail("numbers must not have leading zeros", start);
    } else {
        while (pos_ < s_.size() && isDigit(s_[pos_])) ++pos_;
    }
    if (pos_ < s_.size() && s_[pos_] == '.') {
        integral = false;
        ++pos_;
        if (pos_ >= s_.size() || !isDigit(s_[pos_])) return fail("expected a digit after '.'");
        while (pos_ < s_.size() && isDigit(s_[pos_])) ++pos_;
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
        integral = false;
        ++pos_;
        if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
        if (pos_ >= s_.size() || !isDigit(s_[pos_])) return fail("expected a digit in the exponent");
        while (pos_ < s_.size() && isDigit(s_[pos_])) ++pos_;
    }
    double d = 0;
    const auto [ptr, ec] = std::from_chars(s_.data() + start, s_.data() + pos_, d);
    if (ec != std::errc() || ptr != s_.data() + pos_ || !std::isfinite(d))
        return fail("number " + std::string(s_.substr(start, pos_ - start)) + " is out of range", start);
    out = JsonValue::number(d, integral);
    return true;
}

}  // namespace poolscope
