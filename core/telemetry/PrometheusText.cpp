#include "core/telemetry/PrometheusText.h"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace poolscope {
namespace {

enum class Kind : uint8_t { Gauge, Counter, Histogram };

std::string_view typeName(Kind k) {
    switch (k) {
        case Kind::Gauge: return "gauge";
        case Kind::Counter: return "counter";
        case Kind::Histogram: return "histogram";
    }
    return "untyped";
}

void appendNumber(std::string& out, double v) {
    if (std::isnan(v)) {
        out += "NaN";
        return;
    }
    if (std::isinf(v)) {
        out += v > 0 ? "+Inf" : "-Inf";
        return;
    }
    char buf[32];
    std::to_chars_result r;
    if (v == std::trunc(v) && std::fabs(v) < 9.007199254740992e15)
        r = std::to_chars(buf, buf + sizeof buf, static_cast<int64_t>(v));
    else
        r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, static_cast<size_t>(r.ptr - buf));
}

void appendUint(std::string& out, uint64_t v) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, static_cast<size_t>(r.ptr - buf));
}

/// `name{pool="..."` — the caller adds further labels and the closing brace.
void beginSample(std::string& out, std::string_view name, const PoolSnapshot& s) {
    out += name;
    out += "{pool=\"";
    out += escapePrometheusLabel(s.pool);
    out += '"';
}

double seconds(int64_t ms) { return static_cast<double>(ms) / 1000.0; }

/// One scalar sample per pool: the table of plain gauges and counters.
struct Scalar {
    std::string_view name;
    Kind kind;
    std::string_view help;
    Figure figure;
    std::string_view label;  ///< extra `key="value"` label, or empty
    double (*value)(const PoolSnapshot&);
};

#define POOLSCOPE_V(expr) [](const PoolSnapshot& s) -> double { return static_cast<double>(expr); }
#define POOLSCOPE_CLOSED "Physical connections closed, by cause (destroyed counts every close)."
constexpr Scalar kScalars[] = {
    {"poolscope_connections_open", Kind::Gauge, "Open connections (idle + in_use + allocating + returning).", Figure::Open, {}, POOLSCOPE_V(s.counts.open)},
    {"poolscope_connections_idle", Kind::Gauge, "Idle connections.", Figure::Idle, {}, POOLSCOPE_V(s.counts.idle)},
    {"poolscope_connections_in_use", Kind::Gauge, "Connections held by callers.", Figure::InUse, {}, POOLSCOPE_V(s.counts.inUse)},
    {"poolscope_connections_allocating", Kind::Gauge, "Connections being opened, validated or handed over.", Figure::Allocating, {}, POOLSCOPE_V(s.counts.allocating)},
    {"poolscope_connections_returning", Kind::Gauge, "Connections being given back.", Figure::Returning, {}, POOLSCOPE_V(s.counts.returning)},
    {"poolscope_waiting_callers", Kind::Gauge, "Callers blocked in acquire (queued, or waiting for a suspended pool).", Figure::Waiting, {}, POOLSCOPE_V(s.counts.waiting)},

    {"poolscope_max_open", Kind::Gauge, "Configured max_open: limit on open connections; 0 = unlimited.", Figure::MaxOpen, {}, POOLSCOPE_V(s.config.maxOpen)},
    {"poolscope_max_idle", Kind::Gauge, "Configured max_idle: idle connections kept on release.", Figure::MaxIdle, {}, POOLSCOPE_V(s.config.maxIdle)},
    {"poolscope_min_idle", Kind::Gauge, "Configured min_idle: idle connections the housekeeper keeps open.", Figure::MinIdle, {}, POOLSCOPE_V(s.config.minIdle)},
    {"poolscope_acquire_timeout_seconds", Kind::Gauge, "Configured acquire timeout; 0 = none.", Figure::OtherConfig, {}, POOLSCOPE_V(seconds(s.config.acquireTimeoutMs))},
    {"poolscope_max_lifetime_seconds", Kind::Gauge, "Configured max_lifetime; 0 = connections live forever.", Figure::OtherConfig, {}, POOLSCOPE_V(seconds(s.config.maxLifetimeMs))},
    {"poolscope_max_idle_time_seconds", Kind::Gauge, "Configured max_idle_time; 0 = idle connections never time out.", Figure::OtherConfig, {}, POOLSCOPE_V(seconds(s.config.maxIdleTimeMs))},
    {"poolscope_validation_timeout_seconds", Kind::Gauge, "Configured deadline of one validation.", Figure::OtherConfig, {}, POOLSCOPE_V(seconds(s.config.validationTimeoutMs))},
    {"poolscope_keepalive_seconds", Kind::Gauge, "Configured keepalive period; 0 = off.", Figure::OtherConfig, {}, POOLSCOPE_V(seconds(s.config.keepaliveMs))},
    {"poolscope_leak_threshold_seconds", Kind::Gauge, "Configured leak threshold; 0 = leak detection off.", Figure::OtherConfig, {}, POOLSCOPE_V(seconds(s.config.leakThresholdMs))},
    {"poolscope_housekeeping_seconds", Kind::Gauge, "Configured housekeeper period; 0 = no housekeeper thread.", Figure::OtherConfig, {}, POOLSCOPE_V(seconds(s.config.housekeepingMs))},

    {"poolscope_acquire_wait_window_seconds", Kind::Gauge, "Acquire wait over the last window (10 s for PoolScope pools), by statistic.", Figure::WaitPercentiles, "stat=\"p50\"", POOLSCOPE_V(s.wait.p50 / 1000.0)},
    {"poolscope_acquire_wait_window_seconds", Kind::Gauge, {}, Figure::WaitPercentiles, "stat=\"p95\"", POOLSCOPE_V(s.wait.p95 / 1000.0)},
    {"poolscope_acquire_wait_window_seconds", Kind::Gauge, {}, Figure::WaitPercentiles, "stat=\"p99\"", POOLSCOPE_V(s.wait.p99 / 1000.0)},
    {"poolscope_acquire_wait_window_seconds", Kind::Gauge, {}, Figure::WaitMax, "stat=\"max\"", POOLSCOPE_V(s.wait.max / 1000.0)},

    {"poolscope_acquired_total", Kind::Counter, "Connections handed to callers.", Figure::Acquired, {}, POOLSCOPE_V(s.totals.acquired)},
    {"poolscope_released_total", Kind::Counter, "Connections given back by callers.", Figure::Released, {}, POOLSCOPE_V(s.totals.released)},
    {"poolscope_connections_created_total", Kind::Counter, "Physical connections opened successfully.", Figure::Created, {}, POOLSCOPE_V(s.totals.created)},
    {"poolscope_connections_destroyed_total", Kind::Counter, "Physical connections closed.", Figure::Destroyed, {}, POOLSCOPE_V(s.totals.destroyed)},
    {"poolscope_connections_closed_total", Kind::Counter, POOLSCOPE_CLOSED, Figure::ClosedMaxIdle, "cause=\"max_idle\"", POOLSCOPE_V(s.totals.closedMaxIdle)},
    {"poolscope_connections_closed_total", Kind::Counter, {}, Figure::ClosedMaxIdleTime, "cause=\"max_idle_time\"", POOLSCOPE_V(s.totals.closedMaxIdleTime)},
    {"poolscope_connections_closed_total", Kind::Counter, {}, Figure::ClosedMaxLifetime, "cause=\"max_lifetime\"", POOLSCOPE_V(s.totals.closedMaxLifetime)},
    {"poolscope_connections_closed_total", Kind::Counter, {}, Figure::ClosedBroken, "cause=\"broken\"", POOLSCOPE_V(s.totals.closedBroken)},
    {"poolscope_connections_closed_total", Kind::Counter, {}, Figure::ClosedValidation, "cause=\"validation\"", POOLSCOPE_V(s.totals.closedValidation)},
    {"poolscope_queue_waits_total", Kind::Counter, "Acquires that had to queue for a connection.", Figure::WaitCount, {}, POOLSCOPE_V(s.totals.waitCount)},
    {"poolscope_queue_wait_seconds_total", Kind::Counter, "Total time acquires spent queued.", Figure::WaitMs, {}, POOLSCOPE_V(s.totals.waitMs / 1000.0)},
    {"poolscope_acquire_timeouts_total", Kind::Counter, "Acquires that gave up after acquire_timeout.", Figure::Timeouts, {}, POOLSCOPE_V(s.totals.timeouts)},
    {"poolscope_connect_errors_total", Kind::Counter, "Failed connects.", Figure::ConnectErrors, {}, POOLSCOPE_V(s.totals.connectErrors)},
    {"poolscope_validation_failures_total", Kind::Counter, "Failed validations.", Figure::ValidationFailures, {}, POOLSCOPE_V(s.totals.validationFailures)},
    {"poolscope_leaks_total", Kind::Counter, "Connections reported held longer than leak_threshold.", Figure::Leaks, {}, POOLSCOPE_V(s.totals.leaks)},
    {"poolscope_illegal_transitions_total", Kind::Counter, "Refused illegal state changes (e.g. double release).", Figure::IllegalTransitions, {}, POOLSCOPE_V(s.totals.illegalTransitions)},
    {"poolscope_events_dropped_total", Kind::Counter, "Transition events dropped by the bounded event ring (counters never drop).", Figure::EventsDropped, {}, POOLSCOPE_V(s.totals.eventsDropped)},
};
#undef POOLSCOPE_V
#undef POOLSCOPE_CLOSED

void writeHeader(std::string& out, std::string_view name, Kind kind, std::string_view help) {
    out += "# HELP ";
    out += name;
    out += ' ';
    for (char c : help) {  // HELP escapes backslash and newline only
        if (c == '\\') out += "\\\\";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += typeName(kind);
    out += '\n';
}

/// Writes the family starting at kScalars[first] (rows sharing its name);
/// returns the index after it.
size_t writeScalarFamily(std::string& out, size_t first, const std::vector<PrometheusPool>& pools) {
    const Scalar& head = kScalars[first];
    size_t end = first;
    while (end < std::size(kScalars) && kScalars[end].name == head.name) ++end;
    std::string body;
    for (const PrometheusPool& p : pools) {
        for (size_t i = first; i < end; ++i) {
            const Scalar& row = kScalars[i];
            if (!p.snapshot->reported.has(row.figure)) continue;
            beginSample(body, row.name, *p.snapshot);
            if (!row.label.empty()) {
                body += ',';
                body += row.label;
            }
            body += "} ";
            appendNumber(body, row.value(*p.snapshot));
            body += '\n';
        }
    }
    if (!body.empty()) {
        writeHeader(out, head.name, head.kind, head.help);
        out += body;
    }
    return end;
}

void writeInfo(std::string& out, const std::vector<PrometheusPool>& pools) {
    constexpr std::string_view name = "poolscope_pool_info";
    writeHeader(out, name, Kind::Gauge, "Always 1: the pool's driver and where its figures come from (embedded, remote, replay).");
    for (const PrometheusPool& p : pools) {
        beginSample(out, name, *p.snapshot);
        out += ",driver=\"" + escapePrometheusLabel(p.snapshot->driver) + "\",source=\"" +
               escapePrometheusLabel(p.snapshot->source) + "\"} 1\n";
    }
}

void writeLifecycle(std::string& out, const std::vector<PrometheusPool>& pools) {
    constexpr std::string_view name = "poolscope_lifecycle";
    std::string body;
    for (const PrometheusPool& p : pools) {
        if (!p.snapshot->reported.has(Figure::Lifecycle)) continue;
        for (int i = 0; i < kLifecycleCount; ++i) {
            const auto state = static_cast<Lifecycle>(i);
            beginSample(body, name, *p.snapshot);
            body += ",state=\"";
            body += toString(state);
            body += p.snapshot->lifecycle == state ? "\"} 1\n" : "\"} 0\n";
        }
    }
    if (body.empty()) return;
    writeHeader(out, name, Kind::Gauge, "Pool lifecycle as a state set: 1 for the current state, 0 for the others.");
    out += body;
}

void writeTransitions(std::string& out, const std::vector<PrometheusPool>& pools) {
    constexpr std::string_view name = "poolscope_transitions_total";
    std::string body;
    for (const PrometheusPool& p : pools) {
        if (!p.snapshot->reported.has(Figure::Transitions)) continue;
        for (int i = 0; i < kConnEdgeCount; ++i) {
            if (!edgeReported(p.snapshot->reported, static_cast<size_t>(i))) continue;
            const ConnEdge& e = kConnEdges[static_cast<size_t>(i)];
            beginSample(body, name, *p.snapshot);
            body += ",from=\"";
            body += toString(e.from);
            body += "\",to=\"";
            body += toString(e.to);
            body += "\"} ";
            appendUint(body, p.snapshot->transitions[static_cast<size_t>(i)]);
            body += '\n';
        }
    }
    if (body.empty()) return;
    writeHeader(out, name, Kind::Counter, "Connection state changes per edge of the state machine.");
    out += body;
}

void writeWaitHistogram(std::string& out, const std::vector<PrometheusPool>& pools) {
    constexpr std::string_view name = "poolscope_acquire_wait_seconds";
    std::string body;
    for (const PrometheusPool& p : pools) {
        if (!p.snapshot->waitBuckets) continue;
        const WaitBuckets& b = *p.snapshot->waitBuckets;
        const std::string pool = escapePrometheusLabel(p.snapshot->pool);
        for (int i = 0; i <= WaitBuckets::kBounds; ++i) {
            body += name;
            body += "_bucket{pool=\"" + pool + "\",le=\"";
            if (i < WaitBuckets::kBounds) {
                // Fixed notation ("0.0001", not "1e-04"), as Prometheus clients print le.
                char buf[32];
                auto r = std::to_chars(buf, buf + sizeof buf, WaitBuckets::kUpperBounds[static_cast<size_t>(i)],
                                       std::chars_format::fixed);
                body.append(buf, static_cast<size_t>(r.ptr - buf));
                body += "\"} ";
                appendUint(body, b.cumulative[static_cast<size_t>(i)]);
            } else {
                body += "+Inf\"} ";
                appendUint(body, b.count);
            }
            body += '\n';
        }
        body += name;
        body += "_sum{pool=\"" + pool + "\"} ";
        appendNumber(body, b.sumSeconds);
        body += '\n';
        body += name;
        body += "_count{pool=\"" + pool + "\"} ";
        appendUint(body, b.count);
        body += '\n';
    }
    if (body.empty()) return;
    writeHeader(out, name, Kind::Histogram,
                "Acquire wait since the pool was created: every acquire that succeeded (served at once "
                "from the idle set = 0 s) or failed after trying (timeout, failed connect).");
    out += body;
}

void writeHealth(std::string& out, const std::vector<PrometheusPool>& pools) {
    std::string grade, alerts;
    for (const PrometheusPool& p : pools) {
        if (p.health == nullptr) continue;
        beginSample(grade, "poolscope_health_grade", *p.snapshot);
        grade += "} ";
        grade += p.health->grade == Grade::Danger ? '2' : p.health->grade == Grade::Warning ? '1' : '0';
        grade += '\n';
        uint64_t pending = 0, firing = 0;
        for (const Alert& a : p.health->alerts) {
            if (a.state == AlertState::Pending) ++pending;
            if (a.state == AlertState::Firing) ++firing;
        }
        beginSample(alerts, "poolscope_alerts", *p.snapshot);
        alerts += ",state=\"pending\"} ";
        appendUint(alerts, pending);
        alerts += '\n';
        beginSample(alerts, "poolscope_alerts", *p.snapshot);
        alerts += ",state=\"firing\"} ";
        appendUint(alerts, firing);
        alerts += '\n';
    }
    if (grade.empty()) return;
    writeHeader(out, "poolscope_health_grade", Kind::Gauge,
                "Pool health: the worst grade among its firing alerts; 0 normal, 1 warning, 2 danger.");
    out += grade;
    writeHeader(out, "poolscope_alerts", Kind::Gauge, "Active alerts of the pool, by state.");
    out += alerts;
}

}  // namespace

std::string escapePrometheusLabel(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        if (c == '\\') out += "\\\\";
        else if (c == '"') out += "\\\"";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out;
}

std::string prometheusText(const std::vector<PrometheusPool>& pools) {
    std::string out;
    if (pools.empty()) return out;
    out.reserve(pools.size() * 6000);
    writeInfo(out, pools);
    writeLifecycle(out, pools);
    for (size_t i = 0; i < std::size(kScalars);) i = writeScalarFamily(out, i, pools);
    writeTransitions(out, pools);
    writeWaitHistogram(out, pools);
    writeHealth(out, pools);
    return out;
}

}  // namespace poolscope
