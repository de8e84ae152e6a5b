#include "core/telemetry/EventJson.h"

#include <array>
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

}  // namespace

std::string eventsToJsonLine(std::string_view pool, const std::vector<TransitionEvent>& events) {
    JsonWriter w;
    w.beginObject().key("kind").value("events").key("pool").value(pool).key("columns").beginArray();
    for (std::string_view c : kColumns) w.value(c);
    w.endArray().key("events").beginArray();
    for (const TransitionEvent& e : events) {
        w.beginArray()
            .value(e.seq)
            .value(e.tMs)
            .value(e.monoNs)
            .value(e.conn)
            .value(toString(e.from))
            .value(toString(e.to))
            .value(toString(e.reason))
            .value(e.illegal)
            .endArray();
    }
    w.endArray().endObject();
    return w.take();
}

Result<EventBatch> eventsFromJsonLine(std::string_view line) {
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
