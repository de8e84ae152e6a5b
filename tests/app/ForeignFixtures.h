#pragma once
// /metrics texts of pools PoolScope does not run, written the way their
// exporters print them (names, TYPE lines, label order and number style of
// the real libraries), from figures a test chooses and changes over time:
// - HikariCP through Micrometer's HikariCP binder (PrometheusMeterRegistry,
//   as Spring Boot's /actuator/prometheus serves it): timers as summaries
//   (count, sum) with a _max gauge, the default without percentile histograms;
// - HikariCP's own PrometheusMetricsTrackerFactory (Prometheus simpleclient
//   0.16: trailing commas in label sets, counters with _total and _created,
//   summaries with quantiles 0.5/0.95/0.99, acquire time in nanoseconds);
// - OpenTelemetry's database-client pool metrics as the Prometheus exporter
//   writes them: the current db.client.connection.* (seconds histograms,
//   attributes db.client.connection.pool.name/.state) and the older
//   db.client.connections.* (milliseconds histograms, pool.name/state).

#include <charconv>
#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace poolscope::testrun {

/// One pool's figures as its program knows them.
struct ForeignPool {
    std::string name = "HikariPool-1";
    int64_t active = 0, idle = 0, pending = 0, max = 10, min = 2;
    int64_t maxIdle = 10;      ///< OpenTelemetry only (idle.max)
    uint64_t timeouts = 0;     ///< connection timeouts since start
    uint64_t acquired = 0;     ///< acquires since start
    double acquireSecondsSum = 0;
    double acquireSecondsMax = 0;  ///< Micrometer's decaying max
    uint64_t created = 0;
    /// The acquire waits since start, by upper bound in seconds (cumulative,
    /// as `le` buckets are); the last is +Inf and equals `acquired`.
    std::vector<std::pair<double, uint64_t>> waitBuckets;
    /// Summary quantiles of the acquire wait (seconds): 0.5, 0.95, 0.99.
    double q50 = 0, q95 = 0, q99 = 0;

    int64_t total() const { return active + idle; }
};

namespace fixture_detail {

/// Shortest form, with ".0" on whole numbers as Java prints them.
inline std::string num(double v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    std::string s(buf, r.ptr);
    if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
    return s;
}

}  // namespace fixture_detail

/// Micrometer's HikariCP binder, families in the registry's (alphabetical) order.
inline std::string hikariMicrometer(const std::vector<ForeignPool>& pools) {
    using fixture_detail::num;
    std::ostringstream o;
    const auto family = [&](const std::string& name, const char* type, const char* help, auto value) {
        o << "# HELP " << name << " " << help << "\n# TYPE " << name << " " << type << "\n";
        for (const ForeignPool& p : pools) value(p);
    };
    const auto labels = [](const ForeignPool& p) { return "{application=\"shop\",pool=\"" + p.name + "\",}"; };
    family("hikaricp_connections", "gauge", "Total connections",
           [&](const ForeignPool& p) { o << "hikaricp_connections" << labels(p) << " " << num(p.total()) << "\n"; });
    family("hikaricp_connections_acquire_seconds", "summary", "Connection acquire time", [&](const ForeignPool& p) {
        o << "hikaricp_connections_acquire_seconds_count" << labels(p) << " " << num(p.acquired) << "\n";
        o << "hikaricp_connections_acquire_seconds_sum" << labels(p) << " " << num(p.acquireSecondsSum) << "\n";
    });
    family("hikaricp_connections_acquire_seconds_max", "gauge", "Connection acquire time", [&](const ForeignPool& p) {
        o << "hikaricp_connections_acquire_seconds_max" << labels(p) << " " << num(p.acquireSecondsMax) << "\n";
    });
    family("hikaricp_connections_active", "gauge", "Active connections", [&](const ForeignPool& p) {
        o << "hikaricp_connections_active" << labels(p) << " " << num(p.active) << "\n";
    });
    family("hikaricp_connections_creation_seconds_max", "gauge", "Connection creation time",
           [&](const ForeignPool& p) {
               o << "hikaricp_connections_creation_seconds_max" << labels(p) << " 0.012\n";
           });
    family("hikaricp_connections_creation_seconds", "summary", "Connection creation time", [&](const ForeignPool& p) {
        o << "hikaricp_connections_creation_seconds_count" << labels(p) << " " << num(p.created) << "\n";
        o << "hikaricp_connections_creation_seconds_sum" << labels(p) << " " << num(p.created * 0.008) << "\n";
    });
    family("hikaricp_connections_idle", "gauge", "Idle connections", [&](const ForeignPool& p) {
        o << "hikaricp_connections_idle" << labels(p) << " " << num(p.idle) << "\n";
    });
    family("hikaricp_connections_max", "gauge", "Max connections", [&](const ForeignPool& p) {
        o << "hikaricp_connections_max" << labels(p) << " " << num(p.max) << "\n";
    });
    family("hikaricp_connections_min", "gauge", "Min connections", [&](const ForeignPool& p) {
        o << "hikaricp_connections_min" << labels(p) << " " << num(p.min) << "\n";
    });
    family("hikaricp_connections_pending", "gauge", "Pending threads", [&](const ForeignPool& p) {
        o << "hikaricp_connections_pending" << labels(p) << " " << num(p.pending) << "\n";
    });
    family("hikaricp_connections_timeout_total", "counter", "Connection timeout total count",
           [&](const ForeignPool& p) {
               o << "hikaricp_connections_timeout_total" << labels(p) << " " << num(p.timeouts) << "\n";
           });
    family("hikaricp_connections_usage_seconds", "summary", "Connection usage time", [&](const ForeignPool& p) {
        o << "hikaricp_connections_usage_seconds_count" << labels(p) << " " << num(p.acquired) << "\n";
        o << "hikaricp_connections_usage_seconds_sum" << labels(p) << " " << num(p.acquired * 0.004) << "\n";
    });
    family("hikaricp_connections_usage_seconds_max", "gauge", "Connection usage time", [&](const ForeignPool& p) {
        o << "hikaricp_connections_usage_seconds_max" << labels(p) << " 0.031\n";
    });
    // Other meters of the same application, which the mapping ignores.
    o << "# HELP jvm_threads_live_threads The current number of live threads\n"
         "# TYPE jvm_threads_live_threads gauge\njvm_threads_live_threads{application=\"shop\",} 42.0\n";
    return o.str();
}

/// HikariCP's PrometheusMetricsTrackerFactory (HikariCPCollector gauges and
/// PrometheusMetricsTracker counter and summaries) through simpleclient 0.16's
/// text format 0.0.4.
inline std::string hikariPrometheus(const std::vector<ForeignPool>& pools) {
    using fixture_detail::num;
    std::ostringstream o;
    const auto labels = [](const ForeignPool& p, const std::string& more = {}) {
        return "{pool=\"" + p.name + "\"," + more + "}";
    };
    const auto gauge = [&](const char* name, const char* help, int64_t ForeignPool::*field, bool total = false) {
        o << "# HELP " << name << " " << help << "\n# TYPE " << name << " gauge\n";
        for (const ForeignPool& p : pools) o << name << labels(p) << " " << num(total ? p.total() : p.*field) << "\n";
    };
    gauge("hikaricp_active_connections", "Active connections", &ForeignPool::active);
    gauge("hikaricp_idle_connections", "Idle connections", &ForeignPool::idle);
    gauge("hikaricp_pending_threads", "Pending threads", &ForeignPool::pending);
    gauge("hikaricp_connections", "The number of current connections", &ForeignPool::active, true);
    gauge("hikaricp_max_connections", "Max connections", &ForeignPool::max);
    gauge("hikaricp_min_connections", "Min connections", &ForeignPool::min);
    o << "# HELP hikaricp_connection_timeout_total Connection timeout total count\n"
         "# TYPE hikaricp_connection_timeout_total counter\n";
    for (const ForeignPool& p : pools) o << "hikaricp_connection_timeout_total" << labels(p) << " " << num(p.timeouts) << "\n";
    const auto summary = [&](const char* name, const char* help, double unit, auto qs, auto count, auto sum) {
        o << "# HELP " << name << " " << help << "\n# TYPE " << name << " summary\n";
        for (const ForeignPool& p : pools) {
            const auto [q50, q95, q99] = qs(p);
            o << name << labels(p, "quantile=\"0.5\",") << " " << num(q50 * unit) << "\n";
            o << name << labels(p, "quantile=\"0.95\",") << " " << num(q95 * unit) << "\n";
            o << name << labels(p, "quantile=\"0.99\",") << " " << num(q99 * unit) << "\n";
            o << name << "_count" << labels(p) << " " << num(count(p)) << "\n";
            o << name << "_sum" << labels(p) << " " << num(sum(p) * unit) << "\n";
        }
    };
    summary("hikaricp_connection_acquired_nanos", "Connection acquired time (ns)", 1e9,
            [](const ForeignPool& p) { return std::tuple{p.q50, p.q95, p.q99}; },
            [](const ForeignPool& p) { return static_cast<double>(p.acquired); },
            [](const ForeignPool& p) { return p.acquireSecondsSum; });
    summary("hikaricp_connection_usage_millis", "Connection usage (ms)", 1e3,
            [](const ForeignPool&) { return std::tuple{0.003, 0.02, 0.031}; },
            [](const ForeignPool& p) { return static_cast<double>(p.acquired); },
            [](const ForeignPool& p) { return p.acquired * 0.004; });
    summary("hikaricp_connection_creation_millis", "Connection creation (ms)", 1e3,
            [](const ForeignPool&) { return std::tuple{0.008, 0.012, 0.012}; },
            [](const ForeignPool& p) { return static_cast<double>(p.created); },
            [](const ForeignPool& p) { return p.created * 0.008; });
    // simpleclient writes the _created series of counters and summaries last, as gauges.
    for (const char* name : {"hikaricp_connection_timeout_created", "hikaricp_connection_acquired_nanos_created",
                             "hikaricp_connection_usage_millis_created", "hikaricp_connection_creation_millis_created"}) {
        o << "# HELP " << name << " created\n# TYPE " << name << " gauge\n";
        for (const ForeignPool& p : pools) o << name << labels(p) << " 1.764632001234E9\n";
    }
    return o.str();
}

/// OpenTelemetry's pool metrics through the Prometheus exporter. `current`:
/// db.client.connection.* (semantic conventions 1.26+, seconds); otherwise
/// db.client.connections.* (up to 1.24, milliseconds).
inline std::string otelPool(const std::vector<ForeignPool>& pools, bool current) {
    using fixture_detail::num;
    std::ostringstream o;
    const std::string prefix = current ? "db_client_connection_" : "db_client_connections_";
    const std::string poolLabel = current ? "db_client_connection_pool_name" : "pool_name";
    const std::string stateLabel = current ? "db_client_connection_state" : "state";
    const std::string scope = "otel_scope_name=\"io.opentelemetry.hikaricp-3.0\",otel_scope_version=\"2.10.0-alpha\"";
    const auto labels = [&](const ForeignPool& p, const std::string& more = {}) {
        return "{" + poolLabel + "=\"" + p.name + "\"," + scope + (more.empty() ? "" : "," + more) + "}";
    };
    o << "# HELP target_info Target metadata\n# TYPE target_info gauge\n"
         "target_info{host_name=\"shop-7d9f\",service_name=\"shop\",telemetry_sdk_language=\"java\"} 1\n";
    const std::string count = current ? "count" : "usage";
    o << "# HELP " << prefix << count << " The number of connections that are currently in state described by the state attribute\n"
      << "# TYPE " << prefix << count << " gauge\n";
    for (const ForeignPool& p : pools) {
        o << prefix << count << labels(p, stateLabel + "=\"idle\"") << " " << p.idle << "\n";
        o << prefix << count << labels(p, stateLabel + "=\"used\"") << " " << p.active << "\n";
    }
    const auto gauge = [&](const std::string& name, const char* help, int64_t ForeignPool::*field) {
        o << "# HELP " << prefix << name << " " << help << "\n# TYPE " << prefix << name << " gauge\n";
        for (const ForeignPool& p : pools) o << prefix << name << labels(p) << " " << p.*field << "\n";
    };
    gauge("idle_max", "The maximum number of idle open connections allowed", &ForeignPool::maxIdle);
    gauge("idle_min", "The minimum number of idle open connections allowed", &ForeignPool::min);
    gauge("max", "The maximum number of open connections allowed", &ForeignPool::max);
    gauge("pending_requests", "The number of pending requests for an open connection, cumulative for the entire pool",
          &ForeignPool::pending);
    o << "# HELP " << prefix << "timeouts_total The number of connection timeouts that have occurred trying to "
         "obtain a connection from the pool\n# TYPE " << prefix << "timeouts_total counter\n";
    for (const ForeignPool& p : pools) o << prefix << "timeouts_total" << labels(p) << " " << p.timeouts << "\n";
    // The wait-time histogram: its own buckets, scaled to the generation's unit.
    const double unit = current ? 1 : 1000;
    const std::string wait = prefix + (current ? "wait_time_seconds" : "wait_time_milliseconds");
    o << "# HELP " << wait << " The time it took to obtain an open connection from the pool\n# TYPE " << wait
      << " histogram\n";
    for (const ForeignPool& p : pools) {
        for (const auto& [le, n] : p.waitBuckets)
            o << wait << "_bucket" << labels(p, "le=\"" + (std::isinf(le) ? std::string("+Inf") : num(le * unit)) + "\"")
              << " " << n << "\n";
        o << wait << "_count" << labels(p) << " " << p.acquired << "\n";
        o << wait << "_sum" << labels(p) << " " << num(p.acquireSecondsSum * unit) << "\n";
    }
    const std::string create = prefix + (current ? "create_time_seconds" : "create_time_milliseconds");
    o << "# HELP " << create << " The time it took to create a new connection\n# TYPE " << create << " histogram\n";
    for (const ForeignPool& p : pools) {
        o << create << "_bucket" << labels(p, "le=\"" + num(0.01 * unit) + "\"") << " " << p.created << "\n";
        o << create << "_bucket" << labels(p, "le=\"+Inf\"") << " " << p.created << "\n";
        o << create << "_count" << labels(p) << " " << p.created << "\n";
        o << create << "_sum" << labels(p) << " " << num(p.created * 0.008 * unit) << "\n";
    }
    return o.str();
}

}  // namespace poolscope::testrun
