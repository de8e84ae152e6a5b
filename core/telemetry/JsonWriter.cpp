#include "core/telemetry/JsonWriter.h"

#include <cassert>
#include <cmath>

namespace poolscope {

namespace {

/// Length of the valid UTF-8 sequence starting at s[i], or 0 when the bytes
/// there are not one (overlong forms, surrogates and values past U+10FFFF are
/// rejected, as RFC 3629 requires).
size_t utf8SequenceLength(std::string_view s, size_t i) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    if (i + len > s.size()) return 0;
    if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
    for (size_t k = 2; k < len; ++k)
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
    return len;
}

}  // namespace

void JsonWriter::appendString(std::string& out, std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out.reserve(out.size() + s.size() + 2);
    out.push_back('"');
    size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            const size_t len = utf8SequenceLength(s, i);
            if (len == 0) {
                out += "\\ufffd";
                ++i;
            } else {
                out.append(s.substr(i, len));
                i += len;
            }
            continue;
        }
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (c < 0x20) {
                    out += "\\u00";
                    out.push_back(kHex[c >> 4]);
                    out.push_back(kHex[c & 0xF]);
                } else {
                    out.push_back(static_cast<char>(c));
                }
        }
        ++i;
    }
    out.push_back('"');
}

void JsonWriter::appendDouble(std::string& out, double d) {
    if (!std::isfinite(d)) {
        out += "null";
        return;
    }
    if (d == 0) d = 0;  // -0.0 prints as 0.0
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, d);
    const std::string_view text(buf, static_cast<size_t>(r.ptr - buf));
    out.append(text);
    // Keep the number's type visible to readers that tell ints from floats.
    if (text.find_first_of(".e") == std::string_view::npos) out += ".0";
}

void JsonWriter::beforeValue() {
    if (stack_.empty()) {
        assert(out_.empty() && "JsonWriter: only one top-level value");
        return;
    }
    Frame& f = stack_.back();
    if (f.object) {
        assert(afterKey_ && "JsonWriter: value in an object needs a key first");
        afterKey_ = false;
        return;
    }
    if (!f.empty) out_.push_back(',');
    f.empty = false;
}

JsonWriter& JsonWriter::raw(std::string_view text) {
    beforeValue();
    out_.append(text);
    return *this;
}

JsonWriter& JsonWriter::beginObject() {
    beforeValue();
    out_.push_back('{');
    stack_.push_back({true, true});
    return *this;
}

JsonWriter& JsonWriter::endObject() {
    assert(!stack_.empty() && stack_.back().object && !afterKey_);
    stack_.pop_back();
    out_.push_back('}');
    return *this;
}

JsonWriter& JsonWriter::beginArray() {
    beforeValue();
    out_.push_back('[');
    stack_.push_back({false, true});
    return *this;
}

JsonWriter& JsonWriter::endArray() {
    assert(!stack_.empty() && !stack_.back().object);
    stack_.pop_back();
    out_.push_back(']');
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    assert(!stack_.empty() && stack_.back().object && !afterKey_);
    Frame& f = stack_.back();
    if (!f.empty) out_.push_back(',');
    f.empty = false;
    appendString(out_, name);
    out_.push_back(':');
    afterKey_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
    beforeValue();
    appendString(out_, s);
    return *this;
}

JsonWriter& JsonWriter::value(bool b) { return raw(b ? "true" : "false"); }

JsonWriter& JsonWriter::value(double d) {
    beforeValue();
    appendDouble(out_, d);
    return *this;
}

JsonWriter& JsonWriter::null() { return raw("null"); }

std::string JsonWriter::take() {
    std::string s = std::move(out_);
    out_.clear();
    stack_.clear();
    afterKey_ = false;
    return s;
}

}  // namespace poolscope
