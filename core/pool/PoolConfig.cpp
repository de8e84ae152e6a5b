#include "core/pool/PoolConfig.h"

#include <charconv>
#include <functional>
#include <map>

namespace poolscope {

std::string ValidationPolicy::toString() const {
    switch (mode) {
        case Mode::Never: return "never";
        case Mode::Borrow: return "borrow";
        case Mode::IdleFor: return "idle:" + std::to_string(idleMs);
    }
    return "never";
}

namespace {

Result<int64_t> parseInt(std::string_view key, std::string_view text) {
    int64_t v = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || ec != std::errc() || ptr != end)
        return Error{std::string(key) + ": '" + std::string(text) + "' is not an integer"};
    return v;
}

}  // namespace

Result<ValidationPolicy> ValidationPolicy::parse(std::string_view text) {
    ValidationPolicy p;
    if (text == "never") return p;
    if (text == "borrow") {
        p.mode = Mode::Borrow;
        return p;
    }
    if (text.starts_with("idle:")) {
        auto ms = parseInt("validate", text.substr(5));
        if (!ms) return ms.error();
        if (*ms < 0) return Error{"validate: idle time must not be negative, got '" + std::string(text) + "'"};
        p.mode = Mode::IdleFor;
        p.idleMs = *ms;
        return p;
    }
    return Error{"validate: '" + std::string(text) + "' is not one of never, borrow, idle:<ms>"};
}

std::string_view toString(LintFinding::Level level) {
    switch (level) {
        case LintFinding::Level::Info: return "info";
        case LintFinding::Level::Warning: return "warning";
        case LintFinding::Level::Error: return "error";
    }
    return "info";
}

std::vector<LintFinding> lintConfig(const PoolConfig& c) {
    using L = LintFinding::Level;
    std::vector<LintFinding> out;
    auto add = [&](L level, std::string code, std::string message) {
        out.push_back({level, std::move(code), std::move(message)});
    };
    const std::pair<const char*, int64_t> durations[] = {
        {"max_lifetime_ms", c.maxLifetimeMs},   {"max_idle_time_ms", c.maxIdleTimeMs},
        {"acquire_timeout_ms", c.acquireTimeoutMs}, {"validation_timeout_ms", c.validationTimeoutMs},
        {"keepalive_ms", c.keepaliveMs},       {"leak_threshold_ms", c.leakThresholdMs},
        {"housekeeping_ms", c.housekeepingMs},
    };
    for (auto [key, value] : durations)
        if (value < 0)
            add(L::Error, "negative_duration",
                std::string(key) + "=" + std::to_string(value) + " is negative; use 0 to disable or a positive number of ms");
    const std::pair<const char*, int64_t> counts[] = {
        {"max_open", c.maxOpen}, {"max_idle", c.maxIdle}, {"min_idle", c.minIdle}};
    for (auto [key, value] : counts)
        if (value < 0)
            add(L::Error, "negative_count",
                std::string(key) + "=" + std::to_string(value) + " is negative");
    if (c.name.empty()) add(L::Error, "empty_name", "the pool needs a name");
    if (c.maxOpen > 0 && c.maxIdle > c.maxOpen)
        add(L::Error, "max_idle_gt_max_open",
            "max_idle=" + std::to_string(c.maxIdle) + " is above max_open=" + std::to_string(c.maxOpen) +
                "; lower max_idle to at most max_open");
    if (c.minIdle > c.maxIdle)
        add(L::Error, "min_idle_gt_max_idle",
            "min_idle=" + std::to_string(c.minIdle) + " is above max_idle=" + std::to_string(c.maxIdle) +
                "; the housekeeper would open connections that release closes at once");
    if (c.maxOpen == 0)
        add(L::Warning, "unbounded",
            "max_open=0 lets the pool open connections without limit; under load it can exhaust the "
            "database's max_connections");
    if (c.maxLifetimeMs == 0)
        add(L::Warning, "no_max_lifetime",
            "max_lifetime_ms=0: connections live forever, so failovers, DNS changes and server-side "
            "timeouts leave stale connections; set it below the server's own timeouts");
    if (c.leakThresholdMs == 0)
        add(L::Info, "leak_detection_off",
            "leak_threshold_ms=0: connections held forever are not reported; set e.g. 60000");
    if (c.acquireTimeoutMs == 0)
        add(L::Warning, "no_acquire_timeout",
            "acquire_timeout_ms=0: an exhausted pool fails every acquire at once");
    if (c.validation.mode == ValidationPolicy::Mode::Never && c.keepaliveMs == 0)
        add(L::Info, "no_validation",
            "no validation and no keepalive: after a database restart the pool hands out dead "
            "connections until each fails once");
    if (c.keepaliveMs > 0 && c.maxLifetimeMs > 0 && c.keepaliveMs >= c.maxLifetimeMs)
        add(L::Warning, "keepalive_ge_max_lifetime",
            "keepalive_ms is not below max_lifetime_ms, so keepalive never runs");
    if (c.maxIdleTimeMs > 0 && c.maxLifetimeMs > 0 && c.maxIdleTimeMs > c.maxLifetimeMs)
        add(L::Info, "max_idle_time_gt_max_lifetime",
            "max_idle_time_ms is above max_lifetime_ms, so it never applies");
    return out;
}

bool hasErrors(const std::vector<LintFinding>& findings) {
    for (const auto& f : findings)
        if (f.level == LintFinding::Level::Error) return true;
    return false;
}

Status applyPoolOptions(PoolConfig& config, std::string_view text) {
    PoolConfig c = config;
    using Setter = std::function<Status(std::string_view)>;
    auto intField = [](std::string_view key, int64_t& field) -> Setter {
        return [key, &field](std::string_view v) -> Status {
            auto r = parseInt(key, v);
            if (!r) return r.error();
            field = *r;
            return Status::ok();
        };
    };
    const std::map<std::string_view, Setter> setters = {
        {"name", [&c](std::string_view v) { c.name = std::string(v); return Status::ok(); }},
        {"max_open", intField("max_open", c.maxOpen)},
        {"max_idle", intField("max_idle", c.maxIdle)},
        {"min_idle", intField("min_idle", c.minIdle)},
        {"max_lifetime_ms", intField("max_lifetime_ms", c.maxLifetimeMs)},
        {"max_idle_time_ms", intField("max_idle_time_ms", c.maxIdleTimeMs)},
        {"acquire_timeout_ms", intField("acquire_timeout_ms", c.acquireTimeoutMs)},
        {"validation_timeout_ms", intField("validation_timeout_ms", c.validationTimeoutMs)},
        {"keepalive_ms", intField("keepalive_ms", c.keepaliveMs)},
        {"leak_threshold_ms", intField("leak_threshold_ms", c.leakThresholdMs)},
        {"housekeeping_ms", intField("housekeeping_ms", c.housekeepingMs)},
        {"validate",
         [&c](std::string_view v) -> Status {
             auto p = ValidationPolicy::parse(v);
             if (!p) return p.error();
             c.validation = *p;
             return Status::ok();
         }},
    };
    bool maxIdleGiven = false;
    size_t pos = 0;
    while (pos <= text.size() && !text.empty()) {
        size_t comma = text.find(',', pos);
        std::string_view item = text.substr(pos, comma == std::string_view::npos ? text.npos : comma - pos);
        pos = comma == std::string_view::npos ? text.size() + 1 : comma + 1;
        if (item.empty()) continue;
        size_t eq = item.find('=');
        if (eq == std::string_view::npos)
            return Status::fail("'" + std::string(item) + "' is not key=value");
        std::string_view key = item.substr(0, eq), value = item.substr(eq + 1);
        auto it = setters.find(key);
        if (it == setters.end()) {
            std::string known;
            for (const auto& [k, _] : setters) known += (known.empty() ? "" : ", ") + std::string(k);
            return Status::fail("unknown key '" + std::string(key) + "' (known: " + known + ")");
        }
        if (auto s = it->second(value); !s) return s;
        if (key == "max_idle") maxIdleGiven = true;
    }
    // Like Go's database/sql: lowering max_open below the default max_idle
    // lowers max_idle with it unless max_idle was given.
    if (!maxIdleGiven && c.maxOpen > 0 && c.maxIdle > c.maxOpen) c.maxIdle = c.maxOpen;
    config = c;
    return Status::ok();
}

}  // namespace poolscope
