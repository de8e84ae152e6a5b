#pragma once
// A small streaming JSON writer: objects, arrays, keys and scalars appended to
// one std::string, with commas placed for you. Output is always valid JSON as
// long as every begin has its end.

#include <charconv>
#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace poolscope {

/// Builds one JSON text in memory. Not thread-safe; one writer per text.
///
///   JsonWriter w;
///   w.beginObject().key("ok").value(3).key("name").value("a\"b").endObject();
///   w.str();  // {"ok":3,"name":"a\"b"}
///
/// Misuse (a value in an object without a key, an end without a begin) is a
/// programming error caught by assert in debug builds.
class JsonWriter {
public:
    JsonWriter() = default;

    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    /// The next member's name. Only inside an object, before each value.
    JsonWriter& key(std::string_view name);

    /// A string. Quotes, backslashes and control characters are escaped; valid
    /// UTF-8 passes through unchanged; an invalid UTF-8 byte becomes U+FFFD.
    JsonWriter& value(std::string_view s);
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
    JsonWriter& value(bool b);
    /// Any integer type, printed exactly.
    template <std::integral T>
    requires(!std::same_as<T, bool>) JsonWriter& value(T n) {
        char buf[24];
        auto r = std::to_chars(buf, buf + sizeof buf, n);
        return raw(std::string_view(buf, static_cast<size_t>(r.ptr - buf)));
    }
    /// A double in the shortest form that reads back to the same value, always
    /// with a fraction or exponent ("0.0", "2.5", "1e+20"). NaN and infinities
    /// have no JSON form and are written as null.
    JsonWriter& value(double d);
    JsonWriter& null();

    /// The text so far.
    const std::string& str() const { return out_; }
    /// Moves the text out and resets the writer.
    std::string take();
    /// True when every begun object and array has been ended.
    bool complete() const { return stack_.empty() && !out_.empty(); }

    /// Appends `s` as a quoted, escaped JSON string to `out`.
    static void appendString(std::string& out, std::string_view s);
    /// Appends `d` as a JSON number (or null) to `out`, as value(double) does.
    static void appendDouble(std::string& out, double d);

private:
    struct Frame {
        bool object = false;
        bool empty = true;
    };
    /// Writes the separator a new value needs at this point.
    void beforeValue();
    JsonWriter& raw(std::string_view text);

    std::string out_;
    std::vector<Frame> stack_;
    bool afterKey_ = false;
};

}  // namespace poolscope
