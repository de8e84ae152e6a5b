#include "core/health/AlertRulesExport.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace poolscope {

namespace {

// ---- what each format publishes ---------------------------------------------

/// The figures the rules read, besides the acquire wait.
enum class In : uint8_t {
    InUse, MaxOpen, Waiting, Open, Idle, MinIdle,  // gauges
    Timeouts, ConnectErrors, Leaks, StaleCloses, IllegalTransitions, EventsDropped  // counters
};

std::string_view inputName(In in) {
    switch (in) {
        case In::InUse: return "connections in use";
        case In::MaxOpen: return "maximum pool size";
        case In::Waiting: return "requests waiting";
        case In::Open: return "open connections";
        case In::Timeouts: return "acquire timeouts";
        case In::ConnectErrors: return "failed connects";
        case In::Leaks: return "leak reports";
        case In::Idle: return "idle connections";
        case In::MinIdle: return "minimum idle setting";
        case In::StaleCloses: return "failed validations or broken connections";
        case In::IllegalTransitions: return "refused state changes";
        case In::EventsDropped: return "count of dropped transition events";
    }
    return "?";
}

/// One input: PromQL selectors of the series that carry it; alternatives
/// (metric generations, exporter flavours) in order, the first with data for
/// a pool wins, as in the mapping files. With `sum`, the selectors are parts
/// added together instead (failed validations + broken closes).
struct Input {
    In in;
    std::vector<std::string_view> selectors;
    bool sum = false;
};

/// How a wait series gives the figure, in the health engine's terms
/// (WaitDerivation): the first kind a pool has wins.
enum class WaitKind : uint8_t { Histogram, Summary, Mean };

/// One acquire-wait series: Histogram: `selector` is the _bucket series;
/// Summary: the 0.99 quantile; Mean: the sum counter, `count` its divisor.
/// toMs: the factor from the series' unit to milliseconds.
struct WaitSeries {
    WaitKind kind;
    std::string_view selector;
    std::string_view count;
    double toMs;
};

/// A rule the format cannot express, and why (written as a YAML comment).
struct LeftOut {
    RuleId rule;
    std::string_view why;
};

struct Format {
    AlertRuleFormat id;
    std::string_view about;
    /// Every label a pool's identity may be in (the mapping's pool_labels,
    /// sanitised); the rules group by job, instance and all of them.
    std::vector<std::string_view> poolLabels;
    std::vector<Input> inputs;
    std::vector<WaitSeries> wait;
    std::vector<LeftOut> leftOut;
};

constexpr double kSeconds = 1000, kMillis = 1, kNanos = 1e-6;
using W = WaitKind;
using R = RuleId;

// Metric names: resources/mappings/*.json and core/telemetry/PrometheusText.cpp.
const std::vector<Format>& formats() {
    static const std::vector<Format> kFormats = {
        {AlertRuleFormat::PoolScope,
         "PoolScope's own /metrics (poolscope --serve, core/exporter)",
         {"pool"},
         {{In::InUse, {"poolscope_connections_in_use"}},
          {In::MaxOpen, {"poolscope_max_open"}},
          {In::Waiting, {"poolscope_waiting_callers"}},
          {In::Open, {"poolscope_connections_open"}},
          {In::Timeouts, {"poolscope_acquire_timeouts_total"}},
          {In::ConnectErrors, {"poolscope_connect_errors_total"}},
          {In::Idle, {"poolscope_connections_idle"}},
          {In::MinIdle, {"poolscope_min_idle"}},
          {In::Leaks, {"poolscope_leaks_total"}},
          {In::StaleCloses,
           {"poolscope_validation_failures_total", "poolscope_connections_closed_total{cause=\"broken\"}"},
           true},
          {In::IllegalTransitions, {"poolscope_illegal_transitions_total"}},
          {In::EventsDropped, {"poolscope_events_dropped_total"}}},
         {{W::Histogram, "poolscope_acquire_wait_seconds_bucket", {}, kSeconds},
          {W::Mean, "poolscope_queue_wait_seconds_total", "poolscope_queue_waits_total", kSeconds}},
         {}},
        {AlertRuleFormat::HikariCP,
         "Java HikariCP: Micrometer (hikaricp_connections_*) and HikariCP's own Prometheus "
         "trackers (hikaricp_*_connections, hikaricp_connection_*)",
         {"pool"},
         {{In::InUse, {"hikaricp_connections_active", "hikaricp_active_connections"}},
          {In::MaxOpen, {"hikaricp_connections_max", "hikaricp_max_connections"}},
          {In::Waiting, {"hikaricp_connections_pending", "hikaricp_pending_threads"}},
          {In::Open, {"hikaricp_connections"}},
          {In::Idle, {"hikaricp_connections_idle", "hikaricp_idle_connections"}},
          {In::MinIdle, {"hikaricp_connections_min", "hikaricp_min_connections"}},
          {In::Timeouts, {"hikaricp_connections_timeout_total", "hikaricp_connection_timeout_total"}}},
         {{W::Histogram, "hikaricp_connections_acquire_seconds_bucket", {}, kSeconds},
          {W::Histogram, "hikaricp_connection_acquired_nanos_bucket", {}, kNanos},
          {W::Summary, "hikaricp_connections_acquire_seconds{quantile=\"0.99\"}", {}, kSeconds},
          {W::Summary, "hikaricp_connection_acquired_nanos{quantile=\"0.99\"}", {}, kNanos},
          {W::Mean, "hikaricp_connections_acquire_seconds_sum", "hikaricp_connections_acquire_seconds_count",
           kSeconds},
          {W::Mean, "hikaricp_connection_acquired_nanos_sum", "hikaricp_connection_acquired_nanos_count", kNanos}},
         {{R::ConnectErrors,
           "HikariCP publishes no count of failed connects (creation time counts only the "
           "connections it opened)"},
          {R::Unbounded, "HikariCP's maximumPoolSize is at least 1: a HikariCP pool cannot be unbounded"},
          {R::Leak, "HikariCP reports leaks (leakDetectionThreshold) in its log, not as a metric"}}},
        {AlertRuleFormat::GoSql,
         "Go database/sql through client_golang's DBStats collector (go_sql_*); "
         "go_sql_max_open_connections 0 = unlimited",
         {"db_name"},
         {{In::InUse, {"go_sql_in_use_connections"}},
          {In::MaxOpen, {"go_sql_max_open_connections"}},
          {In::Open, {"go_sql_open_connections"}}},
         {{W::Mean, "go_sql_wait_duration_seconds_total", "go_sql_wait_count_total", kSeconds}},
         {{R::Exhausted,
           "DBStats has no gauge of waiting requests (go_sql_wait_count_total counts acquires "
           "that waited, once they got a connection)"},
          {R::IdleBelowMin, "database/sql keeps no minimum of idle connections (SetMaxIdleConns is a maximum)"},
          {R::Timeouts,
           "database/sql has no acquire timeout of its own (the caller's context ends the wait) "
           "and DBStats does not count them"},
          {R::ConnectErrors, "DBStats has no count of failed connects"},
          {R::Leak, "database/sql has no leak detection"}}},
        {AlertRuleFormat::Pgxpool,
         "Go pgx pgxpool through a Stat() collector (pgxpool_*); the pool label is what the "
         "application chose",
         {"db", "pool", "database", "db_name", "pool_name"},
         {{In::InUse, {"pgxpool_acquired_conns"}},
          {In::MaxOpen, {"pgxpool_max_conns"}},
          {In::Open, {"pgxpool_total_conns"}},
          {In::Timeouts, {"pgxpool_canceled_acquire_count"}}},
         {{W::Mean, "pgxpool_acquire_duration_ns", "pgxpool_acquire_count", kNanos}},
         {{R::Exhausted,
           "pgxpool's Stat() has no gauge of waiting acquires (pgxpool_empty_acquire counts "
           "acquires that waited)"},
          {R::IdleBelowMin, "pgxpool's Stat() does not publish MinConns"},
          {R::ConnectErrors, "pgxpool's Stat() has no count of failed connects"},
          {R::Unbounded, "pgxpool's MaxConns is at least 1: a pgxpool cannot be unbounded"},
          {R::Leak, "pgxpool has no leak detection"}}},
        {AlertRuleFormat::Otel,
         "OpenTelemetry database client pool metrics as the Prometheus exporter writes them: "
         "db_client_connection_* (semconv 1.26+, seconds) and the older db_client_connections_* "
         "(milliseconds)",
         {"db_client_connection_pool_name", "pool_name"},
         {{In::InUse,
           {"db_client_connection_count{db_client_connection_state=\"used\"}",
            "db_client_connections_usage{state=\"used\"}"}},
          {In::MaxOpen, {"db_client_connection_max", "db_client_connections_max"}},
          {In::Waiting, {"db_client_connection_pending_requests", "db_client_connections_pending_requests"}},
          {In::Open, {"db_client_connection_count", "db_client_connections_usage"}},
          {In::Idle,
           {"db_client_connection_count{db_client_connection_state=\"idle\"}",
            "db_client_connections_usage{state=\"idle\"}"}},
          {In::MinIdle, {"db_client_connection_idle_min", "db_client_connections_idle_min"}},
          {In::Timeouts, {"db_client_connection_timeouts_total", "db_client_connections_timeouts_total"}}},
         {{W::Histogram, "db_client_connection_wait_time_seconds_bucket", {}, kSeconds},
          {W::Histogram, "db_client_connections_wait_time_milliseconds_bucket", {}, kMillis},
          {W::Histogram, "db_client_connections_wait_time_bucket", {}, kMillis}},
         {{R::ConnectErrors, "the OpenTelemetry pool metrics have no count of failed connects"},
          {R::Unbounded, "db.client.connection.max has no value for 'unlimited'"},
          {R::Leak, "the OpenTelemetry pool metrics have no leak count"}}},
    };
    return kFormats;
}

const Format& format(AlertRuleFormat id) { return formats()[static_cast<size_t>(id)]; }

// ---- PromQL and text helpers -------------------------------------------------

/// Shortest text that reads back as `v`: 50 -> "50", 0.5 -> "0.5".
std::string number(double v) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

/// A Prometheus duration: 60000 -> "1m", 2000 -> "2s", 1500 -> "1500ms".
std::string duration(int64_t ms) {
    if (ms > 0 && ms % 60'000 == 0) return std::to_string(ms / 60'000) + "m";
    if (ms % 1000 == 0) return std::to_string(ms / 1000) + "s";
    return std::to_string(ms) + "ms";
}

/// As the health engine words a window: 60000 -> "60 s", 1500 -> "1.5 s".
std::string seconds(int64_t ms) { return number(static_cast<double>(ms) / 1000.0) + " s"; }

/// "* 1000", "/ 1000000" or "" for a factor to milliseconds.
std::string scaled(double toMs) {
    if (toMs == 1) return "";
    if (toMs > 1) return " * " + number(toMs);
    return " / " + std::to_string(std::llround(1 / toMs));
}

/// A YAML single-quoted scalar (no escapes but '' for ').
std::string yamlQuote(std::string_view s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

/// One line of a YAML comment: newlines would end it.
std::string commentText(std::string_view s) {
    std::string out(s);
    std::replace(out.begin(), out.end(), '\n', ' ');
    std::replace(out.begin(), out.end(), '\r', ' ');
    return out;
}

/// Everything a rule's recipe needs about the format and the thresholds.
struct Context {
    const Format& format;
    std::string by;           ///< "job, instance, <pool labels>"
    std::string rateRange;    ///< "[1m]": the wait rules' rate()
    int64_t windowMs;         ///< counting rules and unbounded: max(window_ms, min range)
    std::string windowRange;  ///< "[<windowMs>]"

    const Input* input(In in) const {
        for (const auto& i : format.inputs)
            if (i.in == in) return &i;
        return nullptr;
    }

    /// `agg by (L) (sel)`, or `agg by (L) (fn(sel[range]))` with fn, per
    /// alternative, joined by `or` (in parentheses when more than one).
    std::string each(In in, std::string_view agg, std::string_view fn = {}, std::string_view range = {}) const {
        const Input* i = input(in);
        const auto inner = [&](std::string_view s) {
            return fn.empty() ? std::string(s) : std::string(fn) + "(" + std::string(s) + std::string(range) + ")";
        };
        std::string out;
        if (i->sum) {
            // Parts: their label sets differ (a cause label), so `or` keeps them all for the sum.
            for (std::string_view s : i->selectors) out += (out.empty() ? "" : " or ") + inner(s);
            return std::string(agg) + " by (" + by + ") (" + out + ")";
        }
        for (std::string_view s : i->selectors) {
            if (!out.empty()) out += " or ";
            out += std::string(agg) + " by (" + by + ") (" + inner(s) + ")";
        }
        return i->selectors.size() > 1 ? "(" + out + ")" : out;
    }
    std::string gauge(In in) const { return each(in, "sum"); }
    std::string increase(In in) const { return each(in, "sum", "increase", windowRange); }
};

/// One alerting rule of a recipe (before grades): the value in the rule's
/// unit, the health engine's message as a template, and the series whose
/// presence hands the pool to an earlier variant (`unless`), if any.
struct Variant {
    std::string value;
    std::string description;
    std::string unless;
    /// wait_p99: how the figure is obtained (label `wait`: histogram,
    /// summary, mean), so the variants are distinct rules; else empty.
    std::string_view wait = {};
};

const std::string kCount = "{{ printf \"%.0f\" $value }}";

std::string inLast(const Context& c) { return " in the last " + seconds(c.windowMs); }

std::string_view waitKindName(WaitKind k) {
    switch (k) {
        case WaitKind::Histogram: return "histogram";
        case WaitKind::Summary: return "summary";
        case WaitKind::Mean: return "mean";
    }
    return "?";
}

std::string_view waitHeadline(WaitKind k) {
    // As RuleMeasurement's waitHeadline() for WaitDerivation Histogram, Summary, Mean.
    switch (k) {
        case WaitKind::Histogram: return "acquire wait P99 (from the source's histogram)";
        case WaitKind::Summary: return "acquire wait P99 (the source's summary)";
        case WaitKind::Mean: return "mean wait (the source reports no percentiles)";
    }
    return "acquire wait P99";
}

/// The wait figure of one series, in ms.
std::string waitValue(const Context& c, const WaitSeries& w) {
    const std::string sel(w.selector);
    switch (w.kind) {
        case WaitKind::Histogram:
            return "histogram_quantile(0.99, sum by (" + c.by + ", le) (rate(" + sel + c.rateRange + ")))" +
                   scaled(w.toMs);
        case WaitKind::Summary: return "max by (" + c.by + ") (" + sel + ")" + scaled(w.toMs);
        case WaitKind::Mean:
            return "sum by (" + c.by + ") (rate(" + sel + c.rateRange + ")) / sum by (" + c.by + ") (rate(" +
                   std::string(w.count) + c.rateRange + "))" + scaled(w.toMs);
    }
    return {};
}

/// Series that exist whenever a pool has a wait figure of this kind.
std::string waitPresence(const Context& c, const WaitSeries& w) {
    return "sum by (" + c.by + ") (" + std::string(w.kind == WaitKind::Mean ? w.count : w.selector) + ")";
}

std::vector<Variant> waitP99(const Context& c) {
    std::vector<Variant> out;
    std::string earlier;  // presence of the kinds before this one
    for (WaitKind kind : {WaitKind::Histogram, WaitKind::Summary, WaitKind::Mean}) {
        std::vector<std::string> values;
        std::string presence;
        for (const auto& w : c.format.wait) {
            if (w.kind != kind) continue;
            values.push_back(waitValue(c, w));
            presence += (presence.empty() ? "" : " or ") + waitPresence(c, w);
        }
        if (values.empty()) continue;
        std::string value;
        for (const auto& v : values)  // alternatives in parentheses: `or` binds looser than `*`
            value += values.size() == 1 ? v : (value.empty() ? "(" : " or (") + v + ")";
        out.push_back({value,
                       std::string(waitHeadline(kind)) +
                           " is {{ printf \"%.1f\" $value }} ms: requests queue for a connection; "
                           "shorten how long requests hold connections, or raise max_open",
                       earlier, waitKindName(kind)});
        earlier += (earlier.empty() ? "" : " or ") + presence;
    }
    return out;
}

std::vector<Variant> utilisation(const Context& c) {
    return {{"100 * " + c.gauge(In::InUse) + " / (" + c.gauge(In::MaxOpen) + " > 0)",
             "pool {{ printf \"%.0f\" $value }}% busy: requests queue once it is full; raise max_open if "
             "the database has room, or shorten holds",
             {}}};
}

std::vector<Variant> exhausted(const Context& c) {
    // As the engine: requests waiting while every connection is busy; the value is the waiting count.
    return {{c.gauge(In::Waiting) + " > 0 and " + c.gauge(In::InUse) + " >= " + c.gauge(In::MaxOpen) + " and " +
                 c.gauge(In::MaxOpen) + " > 0",
             "pool exhausted — " + kCount +
                 " requests waiting, all connections busy; they time out: look for slow queries or "
                 "leaked connections, or raise max_open",
             {}}};
}

std::vector<Variant> timeouts(const Context& c) {
    return {{c.increase(In::Timeouts),
             kCount + " acquire timeouts" + inLast(c) +
                 " — requests gave up with every connection busy: look for slow queries or leaked "
                 "connections, or raise max_open",
             {}}};
}

std::vector<Variant> connectErrors(const Context& c) {
    // The source gives no error class: the engine's words for ConnectErrorClass::Unknown.
    return {{c.increase(In::ConnectErrors),
             "cannot connect to the database — " + kCount + " connect errors" + inLast(c) +
                 ": check that the server is up and accepts connections (address, credentials, "
                 "max_connections)",
             {}}};
}

std::vector<Variant> unbounded(const Context& c) {
    return {{c.each(In::Open, "max", "max_over_time", c.windowRange) + " and " + c.gauge(In::MaxOpen) + " == 0",
             "unbounded pool — up to " + kCount + " connections open" + inLast(c) +
                 " with max_open=0: it opens one per concurrent request until the database refuses "
                 "more; set max_open",
             {}}};
}

std::vector<Variant> leak(const Context& c) {
    return {{c.increase(In::Leaks),
             "connection leak — " + kCount + " leak reports" + inLast(c) +
                 ": find where connections are acquired without being released (holder and stack "
                 "in the pool's leak_reports)",
             {}}};
}

std::vector<Variant> idleBelowMin(const Context& c) {
    // As the engine: min_idle - idle while the pool has room to open more.
    return {{c.gauge(In::MinIdle) + " - " + c.gauge(In::Idle) + " and " + c.gauge(In::MinIdle) + " > 0 and (" +
                 c.gauge(In::Open) + " < " + c.gauge(In::MaxOpen) + " or " + c.gauge(In::MaxOpen) + " == 0)",
             kCount +
                 " connections below min_idle while the pool has room to open more: the housekeeper cannot "
                 "refill; check connect errors and the server's connection limit",
             {}}};
}

std::vector<Variant> staleConnections(const Context& c) {
    return {{c.increase(In::StaleCloses),
             "stale connections — database restarted or idle timeout shorter than max_idle_time? " + kCount +
                 " connections failed validation or broke in use" + inLast(c) +
                 ": validation catches them; if it keeps happening, lower max_idle_time_ms below the "
                 "server's idle timeout",
             {}}};
}

std::vector<Variant> illegalTransitions(const Context& c) {
    return {{c.increase(In::IllegalTransitions),
             kCount + " illegal state transitions" + inLast(c) +
                 " — refused and counted: a bug in the pool, or a double release in the calling code; the "
                 "refused edges are in the transition events",
             {}}};
}

std::vector<Variant> eventsDropped(const Context& c) {
    return {{c.increase(In::EventsDropped),
             kCount + " transition events dropped" + inLast(c) +
                 " — the event consumer falls behind; the counters stay exact",
             {}}};
}

/// How each exported rule is written: its alert name, the inputs it reads
/// (a format without one of them cannot express it) and its recipe.
struct Recipe {
    RuleId rule;
    std::string_view alert;
    std::vector<In> needs;
    std::vector<Variant> (*build)(const Context&);
};

const std::vector<Recipe>& recipes() {
    static const std::vector<Recipe> kRecipes = {
        {R::WaitP99, "PoolScopeWaitP99", {}, waitP99},
        {R::Utilisation, "PoolScopeUtilisation", {In::InUse, In::MaxOpen}, utilisation},
        {R::Exhausted, "PoolScopeExhausted", {In::Waiting, In::InUse, In::MaxOpen}, exhausted},
        {R::Timeouts, "PoolScopeTimeouts", {In::Timeouts}, timeouts},
        {R::IdleBelowMin, "PoolScopeIdleBelowMin", {In::Idle, In::MinIdle, In::Open, In::MaxOpen}, idleBelowMin},
        {R::Leak, "PoolScopeLeak", {In::Leaks}, leak},
        {R::StaleConnections, "PoolScopeStaleConnections", {In::StaleCloses}, staleConnections},
        {R::ConnectErrors, "PoolScopeConnectErrors", {In::ConnectErrors}, connectErrors},
        {R::IllegalTransitions, "PoolScopeIllegalTransitions", {In::IllegalTransitions}, illegalTransitions},
        {R::EventsDropped, "PoolScopeEventsDropped", {In::EventsDropped}, eventsDropped},
        {R::Unbounded, "PoolScopeUnbounded", {In::Open, In::MaxOpen}, unbounded},
    };
    return kRecipes;
}

/// Why `format` cannot express `recipe`; empty when it can.
std::string leftOutReason(const Context& c, const Recipe& recipe) {
    for (const auto& l : c.format.leftOut)
        if (l.rule == recipe.rule) return std::string(l.why);
    if (recipe.rule == RuleId::WaitP99 && c.format.wait.empty()) return "the format publishes no acquire wait";
    for (In in : recipe.needs)
        if (!c.input(in))
            return "the " + std::string(toString(c.format.id)) + " metrics have no " + std::string(inputName(in));
    return {};
}

/// "{{ $labels.a }}{{ $labels.b }}": the pool, whichever label holds it.
std::string poolTemplate(const Format& f) {
    std::string out;
    for (auto l : f.poolLabels) out += "{{ $labels." + std::string(l) + " }}";
    return out;
}

void writeGroup(std::string& out, const Thresholds& t, const Format& f, const AlertRulesOptions& o) {
    const std::string name(toString(f.id));
    std::string by = "job, instance";
    for (auto l : f.poolLabels) by += ", " + std::string(l);
    out += "  # " + name + ": " + std::string(f.about) + ".\n";
    out += "  - name: poolscope_" + name + "\n";
    std::string rules;
    size_t alerts = 0;
    for (const Recipe& recipe : recipes()) {
        const RuleSettings& r = t.rule(recipe.rule);
        const std::string ruleName(toString(recipe.rule));
        const int64_t windowMs = std::max(r.windowMs, o.minRangeMs);
        const Context c{f, by, "[" + duration(o.minRangeMs) + "]", windowMs, "[" + duration(windowMs) + "]"};
        if (!r.enabled) {
            rules += "      # " + ruleName + ": disabled in the thresholds.\n";
            continue;
        }
        if (const std::string why = leftOutReason(c, recipe); !why.empty()) {
            rules += "      # " + ruleName + ": not exported for " + name + ": " + why + ".\n";
            continue;
        }
        for (const Variant& v : recipe.build(c)) {
            for (Grade g : kAlertGrades) {
                const auto threshold = r.threshold(g);
                if (!threshold) continue;
                const std::string grade(toString(g));
                std::string expr = "(" + v.value + ") >= " + number(*threshold);
                if (!v.unless.empty()) expr += " unless (" + v.unless + ")";
                rules += "      - alert: " + std::string(recipe.alert) + "\n";
                rules += "        expr: " + yamlQuote(expr) + "\n";
                if (r.forMs > 0) rules += "        for: " + duration(r.forMs) + "\n";
                if (r.clearForMs > 0) rules += "        keep_firing_for: " + duration(r.clearForMs) + "\n";
                rules += "        labels:\n";
                rules += "          severity: " + grade + "\n";
                rules += "          grade: " + grade + "\n";
                rules += "          rule: " + ruleName + "\n";
                rules += "          format: " + name + "\n";
                if (!v.wait.empty()) rules += "          wait: " + std::string(v.wait) + "\n";
                rules += "        annotations:\n";
                rules += "          summary: " +
                         yamlQuote("PoolScope " + ruleName + " " + grade + ": pool " + poolTemplate(f) +
                                   " of {{ $labels.job }} at {{ $labels.instance }}") +
                         "\n";
                rules += "          description: " + yamlQuote(v.description) + "\n";
                ++alerts;
            }
        }
    }
    out += alerts ? "    rules:\n" + rules : "    rules: []\n" + rules;
}

}  // namespace

std::string_view toString(AlertRuleFormat format) {
    switch (format) {
        case AlertRuleFormat::PoolScope: return "poolscope";
        case AlertRuleFormat::HikariCP: return "hikaricp";
        case AlertRuleFormat::GoSql: return "go_sql";
        case AlertRuleFormat::Pgxpool: return "pgxpool";
        case AlertRuleFormat::Otel: return "otel";
    }
    return "poolscope";
}

const std::vector<RuleId>& AlertRulesExport::exportedRules() {
    static const std::vector<RuleId> kRules = [] {
        std::vector<RuleId> ids;
        for (const auto& r : recipes()) ids.push_back(r.rule);
        return ids;
    }();
    return kRules;
}

Result<std::vector<AlertRuleFormat>> AlertRulesExport::parseFormats(std::string_view text) {
    std::vector<AlertRuleFormat> all;
    std::string known;
    for (const auto& f : formats()) {
        all.push_back(f.id);
        known += std::string(toString(f.id)) + ", ";
        if (toString(f.id) == text) return std::vector<AlertRuleFormat>{f.id};
    }
    if (text == "all") return all;
    return Error{"'" + std::string(text) + "' is not one of " + known + "all"};
}

std::string AlertRulesExport::write(const Thresholds& t, const std::vector<AlertRuleFormat>& wanted,
                                    const AlertRulesOptions& o) {
    std::string out =
        "# Prometheus alerting rules written by poolscope --export-alert-rules: PoolScope's health\n"
        "# rules with the same thresholds, for durations and grades.\n";
    if (!o.thresholdsSource.empty()) out += "# Thresholds: " + commentText(o.thresholdsSource) + ".\n";
    out += "# Each rule and grade is one alert: labels severity and grade (info, warning, danger),\n"
           "# rule (the PoolScope rule) and format. A value at danger also fires the warning alert;\n"
           "# an Alertmanager inhibit rule (source severity danger, target warning, equal alertname,\n"
           "# job, instance and the pool label) leaves one alert per pool, as PoolScope shows it.\n"
           "# Counting rules and unbounded look back max(window_ms, " +
           seconds(o.minRangeMs) + "); the wait rules rate over " + seconds(o.minRangeMs) +
           ":\n# a range must span two scrapes to see a change. keep_firing_for is clear_for_ms;\n"
           "# clear_ratio (hysteresis) has no Prometheus equivalent.\n"
           "# The wait_p99 alerts carry a label wait: histogram (P99 of the buckets), summary (the\n"
           "# 0.99 quantile) or mean (rate of the sum / rate of the count); a pool gets the first\n"
           "# its series allow, as the health engine does.\n"
           "# keep_firing_for needs Prometheus 2.42 or later.\n"
           "# Not exported (lint of the configuration, which no metric carries; the server's own\n"
           "# sessions beside its pools, which needs PoolScope's server view):";
    for (const auto& info : ruleTable())
        if (std::find(exportedRules().begin(), exportedRules().end(), info.id) == exportedRules().end())
            out += " " + std::string(info.name);
    out += ".\n";
    out += "groups:\n";
    for (AlertRuleFormat f : wanted) writeGroup(out, t, format(f), o);
    return out;
}

}  // namespace poolscope
