#include "core/telemetry/EventJson.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <optional>

#include "core/telemetry/Json.h"
#include "core/telemetry/JsonWriter.h"

namespace poolscope {
namespace {

constexpr std::array<std::string_view, 8> kColumns{"seq", "t_ms", "mono_ns", "conn",
                                                  "from", "to", "reason", "illegal"};

std::optional<Reason> reasonFromString(std::string_view s) {
    for (int i = 0; i <= static_cast<int>(Reason::IllegalAttempt); ++i) {
        const auto r = static_cast<Reason>(i);
        if (toString(r) == s) return r;
    }
    return std::nullopt;
}

std::string where(size_t event, size_t column) {
    return "events[" + std::to_string(event) + "][" + std::to_string(column) + "] (\"" +
           std::string(kColumns[column]) + "\")";
}

Error typeError(const std::string& what, std::string_view expected, const Json& got) {
    return Error{what + ": expected " + std::string(expected) + ", got " + std::string(got.typeName())};
}

Result<TransitionEvent> parseEvent(const Json& row, size_t index) {
    const std::string name = "events[" + std::to_string(index) + "]";
    if (!row.isArray()) return typeError(name, "an array", row);
    if (row.size() != kColumns.size())
        return Error{name + ": expected " + std::to_string(kColumns.size()) + " values, got " +
                     std::to_string(row.size())};
    TransitionEvent e;
    auto u64 = [&](size_t c) -> Result<uint64_t> {
        if (auto v = row[c].asUint64()) return *v;
        return Error{where(index, c) + ": expected an unsigned integer, got " +
                     (row[c].isNumber() ? "\"" + std::string(row[c].numberText()) + "\""
                                        : std::string(row[c].typeName()))};
    };
    auto i64 = [&](size_t c) -> Result<int64_t> {
        if (auto v = row[c].asInt64()) return *v;
        return Error{where(index, c) + ": expected an integer, got " +
                     (row[c].isNumber() ? "\"" + std::string(row[c].numberText()) + "\""
                                        : std::string(row[c].typeName()))};
    };
    auto state = [&](size_t c) -> Result<ConnState> {
        auto s = row[c].asString();
        if (!s) return typeError(where(index, c), "a string", row[c]);
        if (auto st = connStateFromString(*s)) return *st;
        return Error{where(index, c) + ": unknown state \"" + std::string(*s) + "\""};
    };
    auto seq = u64(0);
    if (!seq) return seq.error();
    auto t = i64(1);
    if (!t) return t.error();
    auto mono = i64(2);
    if (!mono) return mono.error();
    auto conn = u64(3);
    if (!conn) return conn.error();
    auto from = state(4);
    if (!from) return from.error();
    auto to = state(5);
    if (!to) return to.error();
    auto reasonText = row[6].asString();
    if (!reasonText) return typeError(where(index, 6), "a string", row[6]);
    auto reason = reasonFromString(*reasonText);
    if (!reason) return Error{where(index, 6) + ": unknown reason \"" + std::string(*reasonText) + "\""};
    auto illegal = row[7].asBool();
    if (!illegal) return typeError(where(index, 7), "a boolean", row[7]);
    e.seq = *seq;
    e.tMs = *t;
    e.monoNs = *mono;
    e.conn = *conn;
    e.from = *from;
    e.to = *to;
    e.reason = *reason;
    e.illegal = *illegal;
    return e;
}

/// Reads exactly the shape eventsToJsonLine writes (whitespace allowed
/// between tokens): {"kind":"events","pool":"...","columns":[...],"events":[...]}
/// with plain ASCII strings. nullopt for anything else, valid or not: the
/// caller then parses with Json, which gives the precise error. Never
/// accepts a line the general path would refuse.
class FastEventParser {
public:
    explicit FastEventParser(std::string_view s) : p_(s.data()), end_(s.data() + s.size()) {}

    std::optional<EventBatch> parse() {
        EventBatch b;
        std::string_view pool, kind;
        if (!punct('{') || !key("kind") || !plainString(kind) || kind != "events" || !punct(',') ||
            !key("pool") || !plainString(pool) || !punct(',') || !key("columns") || !columns() ||
            !punct(',') || !key("events") || !punct('['))
            return std::nullopt;
        b.pool = std::string(pool);
        // A rough upper bound on the event count keeps reserve() cheap and
        // safe; the general parser's value limit (20 M values) is respected.
        b.events.reserve(std::min<size_t>(static_cast<size_t>(end_ - p_) / 40 + 1, 1u << 20));
        ws();
        if (p_ < end_ && *p_ == ']') {
            ++p_;
        } else {
            for (;;) {
                TransitionEvent e;
                if (!event(e)) return std::nullopt;
                b.events.push_back(e);
                if (b.events.size() > 2'000'000) return std::nullopt;
                ws();
                if (p_ == end_) return std::nullopt;
                if (*p_ == ']') {
                    ++p_;
                    break;
                }
                if (*p_++ != ',') return std::nullopt;
            }
        }
        if (!punct('}')) return std::nullopt;
        ws();
        if (p_ != end_) return std::nullopt;
        return b;
    }

private:
    void ws() {
        while (p_ < end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
    }
    bool punct(char c) {
        ws();
        if (p_ == end_ || *p_ != c) return false;
        ++p_;
        return true;
    }
    /// A string of printable ASCII without escapes (what the writer emits for
    /// every name here; anything else takes the general path).
    bool plainString(std::string_view& out) {
        ws();
        if (p_ == end_ || *p_ != '"') return false;
        const char* start = ++p_;
        while (p_ < end_ && *p_ != '"') {
            const auto c = static_cast<unsigned char>(*p_);
            if (c < 0x20 || c >= 0x80 || c == '\\') return false;
            ++p_;
        }
        if (p_ == end_) return false;
        out = std::string_view(start, static_cast<size_t>(p_ - start));
        ++p_;
        return true;
    }
    bool key(std::string_view name) {
        std::string_view k;
        return plainString(k) && k == name && punct(':');
    }
    bool columns() {
        if (!punct('[')) return false;
        for (size_t i = 0; i < kColumns.size(); ++i) {
            std::string_view c;
            if ((i > 0 && !punct(',')) || !plainString(c) || c != kColumns[i]) return false;
        }
        return punct(']');
    }
    /// A JSON integer (no fraction, no exponent, no leading zero) that fits.
    bool digits(uint64_t& v) {
        const char* start = p_;
        v = 0;
        while (p_ < end_ && *p_ >= '0' && *p_ <= '9') {
            const auto d = static_cast<uint64_t>(*p_ - '0');
            if (v > (UINT64_MAX - d) / 10) return false;
            v = v * 10 + d;
            ++p_;
        }
        if (p_ == start || (*start == '0' && p_ - start > 1)) return false;
        return p_ == end_ || (*p_ != '.' && *p_ != 'e' && *p_ != 'E');
    }
    bool u64(uint64_t& v) {
        ws();
        return digits(v);
    }
    bool i64(int64_t& v) {
        ws();
        const bool neg = p_ < end_ && *p_ == '-';
        if (neg) ++p_;
        uint64_t m = 0;
        if (!digits(m)) return false;
        if (neg) {
            if (m > static_cast<uint64_t>(INT64_MAX) + 1) return false;
            v = static_cast<int64_t>(0 - m);
        } else {
            if (m > static_cast<uint64_t>(INT64_MAX)) return false;
            v = static_cast<int64_t>(m);
        }
        return true;
    }
    bool state(ConnState& s) {
        std::string_view text;
        if (!plainString(text)) return false;
        auto st = connStateFromString(text);
        if (!st) return false;
        s = *st;
        return true;
    }
    bool reason(Reason& r) {
        std::string_view text;
        if (!plainString(text)) return false;
        if (text == lastReasonText_) {
            r = lastReason_;
            return true;
        }
        auto found = reasonFromString(text);
        if (!found) return false;
        lastReasonText_ = toString(*found);
        lastReason_ = r = *found;
        return true;
    }
    bool boolean(bool& b) {
        ws();
        const auto left = static_cast<size_t>(end_ - p_);
        if (left >= 4 && std::string_view(p_, 4) == "true") {
            p_ += 4;
            b = true;
            return true;
        }
        if (left >= 5 && std::string_view(p_, 5) == "false") {
            p_ += 5;
            b = false;
            return true;
        }
        return false;
    }
    bool event(TransitionEvent& e) {
        return punct('[') && u64(e.seq) && punct(',') && i64(e.tMs) && punct(',') && i64(e.monoNs) &&
               punct(',') && u64(e.conn) && punct(',') && state(e.from) && punct(',') && state(e.to) &&
               punct(',') && reason(e.reason) && punct(',') && boolean(e.illegal) && punct(']');
    }

    const char* p_;
    const char* const end_;
    std::string_view lastReasonText_;
    Reason lastReason_ = Reason::Acquire;
};

}  // namespace

void appendEventsJsonLine(std::string& out, std::string_view pool, const std::vector<TransitionEvent>& events) {
    // Quoted names, escaped once (the stream writes them millions of times).
    static const auto quoted = [] {
        std::array<std::string, kConnStateCount> states;
        for (int i = 0; i < kConnStateCount; ++i)
            JsonWriter::appendString(states[static_cast<size_t>(i)], toString(static_cast<ConnState>(i)));
        std::array<std::string, static_cast<size_t>(Reason::IllegalAttempt) + 1> reasons;
        for (size_t i = 0; i < reasons.size(); ++i)
            JsonWriter::appendString(reasons[i], toString(static_cast<Reason>(i)));
        return std::pair{states, reasons};
    }();
    out += R"({"kind":"events","pool":)";
    JsonWriter::appendString(out, pool);
    out += R"(,"columns":["seq","t_ms","mono_ns","conn","from","to","reason","illegal"],"events":[)";
    out.reserve(out.size() + events.size() * 72 + 2);
    char num[24];
    auto integer = [&](auto v) {
        const auto r = std::to_chars(num, num + sizeof num, v);
        out.append(num, static_cast<size_t>(r.ptr - num));
    };
    bool first = true;
    for (const TransitionEvent& e : events) {
        out += first ? "[" : ",[";
        first = false;
        integer(e.seq);
        out += ',';
        integer(e.tMs);
        out += ',';
        integer(e.monoNs);
        out += ',';
        integer(e.conn);
        out += ',';
        out += quoted.first[static_cast<size_t>(e.from)];
        out += ',';
        out += quoted.first[static_cast<size_t>(e.to)];
        out += ',';
        out += quoted.second[static_cast<size_t>(e.reason)];
        out += e.illegal ? ",true]" : ",false]";
    }
    out += "]}";
}

std::string eventsToJsonLine(std::string_view pool, const std::vector<TransitionEvent>& events) {
    std::string out;
    appendEventsJsonLine(out, pool, events);
    return out;
}

Result<EventBatch> eventsFromJsonLine(std::string_view line) {
    // The exporter's own lines take the fast path; anything it does not
    // recognise (other member order, escapes, bad values) goes through the
    // general parser, which is as strict and names what is wrong.
    if (auto fast = FastEventParser(line).parse()) return std::move(*fast);
    JsonLimits limits;
    limits.maxValues = 20'000'000;  // a batch of up to ~2 million events
    auto parsed = Json::parse(line, limits);
    if (!parsed) return Error{"event batch: " + parsed.message()};
    const Json& root = *parsed;
    if (!root.isObject()) return Error{"event batch: " + typeError("the line", "an object", root).message};
    auto member = [&](std::string_view key) -> const Json* { return root.find(key); };
    auto missing = [](std::string_view key) {
        return Error{"event batch: member \"" + std::string(key) + "\" is missing"};
    };
    const Json* kind = member("kind");
    if (kind == nullptr) return missing("kind");
    if (kind->asString() != std::optional<std::string_view>("events"))
        return Error{"event batch: member \"kind\": expected \"events\""};
    const Json* pool = member("pool");
    if (pool == nullptr) return missing("pool");
    if (!pool->isString())
        return Error{"event batch: " + typeError("member \"pool\"", "a string", *pool).message};
    const Json* columns = member("columns");
    if (columns == nullptr) return missing("columns");
    bool columnsOk = columns->isArray() && columns->size() == kColumns.size();
    for (size_t i = 0; columnsOk && i < kColumns.size(); ++i)
        columnsOk = (*columns)[i].asString() == std::optional<std::string_view>(kColumns[i]);
    if (!columnsOk)
        return Error{"event batch: member \"columns\": expected [\"seq\",\"t_ms\",\"mono_ns\",\"conn\","
                     "\"from\",\"to\",\"reason\",\"illegal\"]"};
    const Json* events = member("events");
    if (events == nullptr) return missing("events");
    if (!events->isArray())
        return Error{"event batch: " + typeError("member \"events\"", "an array", *events).message};
    EventBatch batch;
    batch.pool = std::string(*pool->asString());
    batch.events.reserve(events->size());
    for (size_t i = 0; i < events->items().size(); ++i) {
        auto e = parseEvent(events->items()[i], i);
        if (!e) return Error{"event batch: " + e.message()};
        batch.events.push_back(*e);
    }
    return batch;
}

}  // namespace poolscope
