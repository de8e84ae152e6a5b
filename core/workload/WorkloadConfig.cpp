#include "core/workload/WorkloadConfig.h"

#include <charconv>
#include <cmath>
#include <vector>

namespace poolscope {

namespace {

constexpr std::string_view kKnownKeys =
    "workers, query, hold_ms, think_ms, leak_pct, tx, pool_per_request";

Error badValue(std::string_view key, std::string_view value, std::string_view what) {
    return Error{std::string(key) + ": '" + std::string(value) + "' " + std::string(what)};
}

Result<int64_t> parseInt(std::string_view key, std::string_view text) {
    int64_t v = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || ec != std::errc() || ptr != end)
        return badValue(key, text, "is not an integer");
    return v;
}

Result<double> parseNumber(std::string_view key, std::string_view text) {
    double v = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(v))
        return badValue(key, text, "is not a number");
    return v;
}

Result<bool> parseBool(std::string_view key, std::string_view text) {
    if (text == "true" || text == "1" || text == "yes" || text == "on") return true;
    if (text == "false" || text == "0" || text == "no" || text == "off") return false;
    return badValue(key, text, "is not a boolean (true or false)");
}

struct Item {
    std::string_view key;
    std::string value;
};

/// Splits "k=v,k='v, with commas',..." into items. Quotes around a whole
/// value protect commas inside it and are removed.
Result<std::vector<Item>> splitItems(std::string_view text) {
    std::vector<Item> items;
    size_t pos = 0;
    while (pos < text.size()) {
        const size_t comma = text.find(',', pos);
        const size_t itemEnd = comma == std::string_view::npos ? text.size() : comma;
        const std::string_view head = text.substr(pos, itemEnd - pos);
        if (head.empty()) {
            pos = itemEnd + 1;
            continue;
        }
        const size_t eq = head.find('=');
        if (eq == std::string_view::npos)
            return Error{"'" + std::string(head) + "' is not key=value"};
        Item item{text.substr(pos, eq), {}};
        const size_t valueStart = pos + eq + 1;
        const char q = valueStart < text.size() ? text[valueStart] : '\0';
        if (q == '\'' || q == '"') {
            const size_t close = text.find(q, valueStart + 1);
            if (close == std::string_view::npos)
                return Error{std::string(item.key) + ": missing closing " + std::string(1, q) +
                             " in " + std::string(text.substr(valueStart))};
            item.value = std::string(text.substr(valueStart + 1, close - valueStart - 1));
            pos = close + 1;
            if (pos < text.size() && text[pos] != ',')
                return Error{std::string(item.key) +
                             ": unexpected text after the closing quote: '" +
                             std::string(text.substr(pos)) + "'"};
            ++pos;
        } else {
            item.value = std::string(text.substr(valueStart, itemEnd - valueStart));
            pos = itemEnd + 1;
        }
        items.push_back(std::move(item));
    }
    return items;
}

Status applyItem(WorkloadConfig& c, std::string_view key, const std::string& value) {
    if (key == "workers" || key == "hold_ms" || key == "think_ms") {
        auto v = parseInt(key, value);
        if (!v) return v.error();
        (key == "workers" ? c.workers : key == "hold_ms" ? c.holdMs : c.thinkMs) = *v;
    } else if (key == "leak_pct") {
        auto v = parseNumber(key, value);
        if (!v) return v.error();
        c.leakPct = *v;
    } else if (key == "tx" || key == "pool_per_request") {
        auto v = parseBool(key, value);
        if (!v) return v.error();
        (key == "tx" ? c.tx : c.poolPerRequest) = *v;
    } else if (key == "query") {
        c.query = value;
    } else {
        return Status::fail("unknown key '" + std::string(key) +
                            "' (known: " + std::string(kKnownKeys) + ")");
    }
    return Status::ok();
}

}  // namespace

Status validateWorkloadConfig(const WorkloadConfig& c) {
    const auto n = [](auto v) { return std::to_string(v); };
    if (c.workers < 1 || c.workers > WorkloadConfig::kMaxWorkers)
        return badValue("workers", n(c.workers),
                        "is out of range (1.." + n(WorkloadConfig::kMaxWorkers) + ")");
    const std::string delayRange = "is out of range (0.." + n(WorkloadConfig::kMaxDelayMs) + ")";
    if (c.holdMs < 0 || c.holdMs > WorkloadConfig::kMaxDelayMs)
        return badValue("hold_ms", n(c.holdMs), delayRange);
    if (c.thinkMs < 0 || c.thinkMs > WorkloadConfig::kMaxDelayMs)
        return badValue("think_ms", n(c.thinkMs), delayRange);
    if (!(c.leakPct >= 0 && c.leakPct <= 100)) {
        char buf[32];
        auto r = std::to_chars(buf, buf + sizeof buf, c.leakPct);
        return badValue("leak_pct", std::string_view(buf, static_cast<size_t>(r.ptr - buf)),
                        "is out of range (0..100)");
    }
    if (c.query.empty()) return Status::fail("query: must not be empty");
    return Status::ok();
}

Status applyWorkloadOptions(WorkloadConfig& config, std::string_view text) {
    auto items = splitItems(text);
    if (!items) return items.error();
    WorkloadConfig c = config;
    for (const auto& item : *items)
        if (auto s = applyItem(c, item.key, item.value); !s) return s;
    if (auto s = validateWorkloadConfig(c); !s) return s;
    config = std::move(c);
    return Status::ok();
}

}  // namespace poolscope
