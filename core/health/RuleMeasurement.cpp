#include "core/health/RuleMeasurement.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <utility>

#include "core/recording/TimeMath.h"

namespace poolscope {

namespace {

/// One decimal: 73.25 -> "73.2"; whole numbers stay whole: 8 -> "8".
std::string num(double v) {
    char buf[32];
    // Range first: a figure read from another process can be any double.
    if (v < 1e15 && v > -1e15 && v == std::trunc(v))
        std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
    else if (std::fabs(v) >= 1e15)  // "%.1f" would not fit: 1e+300, not its first 31 digits
        std::snprintf(buf, sizeof buf, "%.3g", v);
    else
        std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

std::string seconds(int64_t ms) { return num(static_cast<double>(ms) / 1000.0) + " s"; }

std::string inLast(const RuleSettings& s) { return " in the last " + seconds(s.windowMs); }

std::string plural(uint64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

uint64_t timeouts(const PoolTotals& t) { return t.timeouts; }
uint64_t stale(const PoolTotals& t) { return t.validationFailures + t.closedBroken; }
uint64_t connectErrors(const PoolTotals& t) { return t.connectErrors; }
uint64_t illegal(const PoolTotals& t) { return t.illegalTransitions; }
uint64_t dropped(const PoolTotals& t) { return t.eventsDropped; }
uint64_t leaks(const PoolTotals& t) { return t.leaks; }
int64_t open(const PoolCounts& c) { return c.open; }

/// The headline and the advice of a connect_errors alert for the class of
/// the newest connect error: each class needs a different fix.
std::pair<std::string_view, std::string_view> connectErrorWords(ConnectErrorClass c) {
    switch (c) {
        case ConnectErrorClass::Unreachable:
            return {"database unreachable",
                    "nothing answered at the server's address; check that the server is up, the host and "
                    "port in the URL, and any firewall in between"};
        case ConnectErrorClass::ServerFull:
            return {"database full",
                    "the server answered but has no connection slot left (max_connections reached); lower "
                    "max_open of the pools sharing this server, close idle connections, or raise the "
                    "server's max_connections"};
        case ConnectErrorClass::Authentication:
            return {"authentication refused",
                    "the server answered and refused the credentials; check the user name and password "
                    "in the URL and the server's access rules (pg_hba.conf, MySQL user hosts)"};
        case ConnectErrorClass::Configuration:
            return {"connection refused by configuration",
                    "the server answered and refused the request; check the database name (and that "
                    "the user may use it), the TLS settings (sslmode / ssl-mode, certificates) and the "
                    "other URL parameters"};
        case ConnectErrorClass::Unknown: break;
    }
    return {"cannot connect to the database",
            "check that the server is up and accepts connections (address, credentials, max_connections)"};
}

/// The figure's value, or "?" when the source does not report it.
std::string figureValue(const PoolSnapshot& s, Figure f, int64_t v) {
    return s.reported.has(f) ? std::to_string(v) : "?";
}

/// in_use, max_open and waiting as busyText() shows them: message arguments.
std::vector<std::string> busyArgs(const PoolSnapshot& s) {
    return {figureValue(s, Figure::InUse, s.counts.inUse), figureValue(s, Figure::MaxOpen, s.config.maxOpen),
            figureValue(s, Figure::Waiting, s.counts.waiting)};
}

/// "in_use=3 of max_open=4, waiting=2" ("?" for a figure not reported).
std::string busyText(const PoolSnapshot& s) {
    const auto v = busyArgs(s);
    return std::string(toString(Figure::InUse)) + "=" + v[0] + " of " + std::string(toString(Figure::MaxOpen)) +
           "=" + v[1] + ", " + std::string(toString(Figure::Waiting)) + "=" + v[2];
}

/// acquire_timeout_ms when the source reports the config, else "".
std::string timeoutArg(const PoolSnapshot& s) {
    return s.reported.has(Figure::OtherConfig) ? std::to_string(s.config.acquireTimeoutMs) : "";
}

/// " after acquire_timeout_ms=N" when the source reports the config, else "".
std::string afterTimeout(const PoolSnapshot& s) {
    const std::string t = timeoutArg(s);
    return t.empty() ? "" : " after acquire_timeout_ms=" + t;
}

/// How the wait figure was obtained, as the alert names it, and the code's variant.
std::pair<std::string_view, std::string_view> waitHeadline(WaitDerivation d) {
    switch (d) {
        case WaitDerivation::Exact: break;
        case WaitDerivation::Histogram: return {"acquire wait P99 (from the source's histogram)", "histogram"};
        case WaitDerivation::Summary: return {"acquire wait P99 (the source's summary)", "summary"};
        case WaitDerivation::Mean: return {"mean wait (the source reports no percentiles)", "mean"};
    }
    return {"acquire wait P99", "exact"};
}

/// Sets the message's code and arguments (see Measurement).
void wording(Measurement& m, std::string code, std::vector<std::string> args) {
    m.code = std::move(code);
    m.args = std::move(args);
}

void measureLeak(Measurement& m, const PoolSnapshot& s, const CounterWindow& w, const RuleSettings& r) {
    const ConnectionInfo* worst = nullptr;
    int64_t leakedNow = 0;
    for (const auto& c : s.connections) {
        if (!c.leaked) continue;
        ++leakedNow;
        if (!worst || c.sinceMs < worst->sinceMs) worst = &c;
    }
    const uint64_t reports = w.increase(r.windowMs * 1'000'000, leaks);
    if (s.config.leakThresholdMs <= 0 && leakedNow == 0 && reports == 0) return;  // detection off
    m.value = static_cast<double>(std::max<uint64_t>(static_cast<uint64_t>(leakedNow), reports));
    const std::string thresholdMs = std::to_string(s.config.leakThresholdMs);
    const std::string threshold = " (leak_threshold_ms=" + thresholdMs + ")";
    const std::string window = seconds(r.windowMs);
    if (worst) {
        const std::string held = seconds(subSaturating(s.tMs, worst->sinceMs));
        wording(m, "leak.held", {worst->holder, std::to_string(worst->id), held, thresholdMs, std::to_string(leakedNow)});
        m.message = "connection leak — \"" + worst->holder + "\" has held connection " + std::to_string(worst->id) +
                    " for " + held + threshold + "; " +
                    plural(static_cast<uint64_t>(leakedNow), "connection is", "connections are") +
                    " held past the threshold: find where this holder acquires without releasing "
                    "(the acquiring stack is in leak_reports)";
    } else if (!s.leakReports.empty()) {
        const LeakReport& r0 = s.leakReports.back();
        wording(m, "leak.reported", {std::to_string(reports), window, r0.holder, std::to_string(r0.conn),
                                     seconds(r0.heldMs), thresholdMs});
        m.message = "connection leak — " + plural(reports, "leak report", "leak reports") + inLast(r) +
                    "; the latest: \"" + r0.holder + "\" held connection " + std::to_string(r0.conn) + " for " +
                    seconds(r0.heldMs) + threshold +
                    ": find where this holder acquires without releasing (stack in leak_reports)";
    } else {
        wording(m, "leak.count", {std::to_string(reports), window, thresholdMs});
        m.message = "connection leak — " + plural(reports, "leak report", "leak reports") + inLast(r) + threshold;
    }
}

}  // namespace

Measurement measureRule(RuleId rule, const PoolSnapshot& s, const CounterWindow& w, const RuleSettings& r) {
    Measurement m;
    m.rule = rule;
    const PoolConfig& c = s.config;
    const auto rise = [&](uint64_t (*field)(const PoolTotals&)) {
        const uint64_t n = w.increase(r.windowMs * 1'000'000, field);
        m.value = static_cast<double>(n);
        return n;
    };
    switch (rule) {
        case RuleId::WaitP99: {
            m.value = s.wait.p99;
            const auto [headline, variant] = waitHeadline(s.wait.derivation);
            std::vector<std::string> args = busyArgs(s);
            args.insert(args.begin(), num(s.wait.p99));
            wording(m, "wait_p99." + std::string(variant), std::move(args));
            m.message = std::string(headline) + " is " + num(s.wait.p99) + " ms: requests queue for a connection (" +
                        busyText(s) + "); shorten how long requests hold connections, or raise max_open";
            break;
        }
        case RuleId::Utilisation:
            if (c.maxOpen <= 0) break;
            m.value = 100.0 * static_cast<double>(s.counts.inUse) / static_cast<double>(c.maxOpen);
            wording(m, "utilisation", {num(std::round(*m.value)), std::to_string(s.counts.inUse), std::to_string(c.maxOpen)});
            m.message = "pool " + num(std::round(*m.value)) + "% busy — in_use=" + std::to_string(s.counts.inUse) +
                        " of max_open=" + std::to_string(c.maxOpen) +
                        ": requests queue once it is full; raise max_open if the database has room, or "
                        "shorten holds";
            break;
        case RuleId::Exhausted: {
            if (c.maxOpen <= 0) break;
            const int64_t busy = s.counts.open - s.counts.idle;
            const bool exhausted = s.counts.waiting > 0 && s.counts.idle == 0 && busy >= c.maxOpen;
            m.value = exhausted ? static_cast<double>(s.counts.waiting) : 0.0;
            wording(m, "exhausted", {std::to_string(s.counts.waiting), std::to_string(c.maxOpen), timeoutArg(s)});
            m.message = "pool exhausted — " + plural(static_cast<uint64_t>(s.counts.waiting), "request", "requests") +
                        " waiting, all " + std::to_string(c.maxOpen) +
                        " connections busy; they time out" + afterTimeout(s) +
                        ": look for slow queries or leaked connections, or raise max_open";
            break;
        }
        case RuleId::Timeouts: {
            const uint64_t n = rise(timeouts);
            std::vector<std::string> args = busyArgs(s);
            args.insert(args.begin(), {std::to_string(n), seconds(r.windowMs), timeoutArg(s)});
            wording(m, "timeouts", std::move(args));
            m.message = plural(n, "acquire timeout", "acquire timeouts") + inLast(r) +
                        " — requests gave up" + afterTimeout(s) + " with every connection busy (" + busyText(s) +
                        "): look for slow queries or leaked connections, or raise max_open";
            break;
        }
        case RuleId::IdleBelowMin: {
            if (c.minIdle <= 0) break;
            const bool room = c.maxOpen == 0 || s.counts.open < c.maxOpen;
            m.value = room ? static_cast<double>(std::max<int64_t>(0, c.minIdle - s.counts.idle)) : 0.0;
            wording(m, "idle_below_min", {std::to_string(s.counts.idle), std::to_string(c.minIdle)});
            m.message = "idle=" + std::to_string(s.counts.idle) + " below min_idle=" + std::to_string(c.minIdle) +
                        " while the pool has room to open more: the housekeeper cannot refill; check "
                        "connect errors and the server's connection limit";
            break;
        }
        case RuleId::Leak: measureLeak(m, s, w, r); break;
        case RuleId::StaleConnections: {
            const uint64_t n = rise(stale);
            const bool unchecked = s.reported.has(Figure::OtherConfig) &&
                                   c.validation.mode == ValidationPolicy::Mode::Never && c.keepaliveMs == 0;
            wording(m, unchecked ? "stale_connections.unchecked" : "stale_connections.validated",
                    {std::to_string(n), seconds(r.windowMs)});
            m.message = "stale connections — database restarted or idle timeout shorter than max_idle_time? " +
                        plural(n, "connection", "connections") + " failed validation or broke in use" + inLast(r) +
                        (unchecked ? ": with validate=never and no keepalive, callers get them; set "
                                     "validate=borrow or keepalive_ms, or lower max_idle_time_ms"
                                   : ": validation catches them; if it keeps happening, lower "
                                     "max_idle_time_ms below the server's idle timeout");
            break;
        }
        case RuleId::ConnectErrors: {
            const uint64_t n = rise(connectErrors);
            const auto [what, advice] = connectErrorWords(s.lastConnectErrorClass);
            wording(m, "connect_errors." + std::string(toString(s.lastConnectErrorClass)),
                    {std::to_string(n), seconds(r.windowMs), s.lastConnectError});
            m.message = std::string(what) + " — " + plural(n, "connect error", "connect errors") + inLast(r) +
                        ": " + std::string(advice);
            if (!s.lastConnectError.empty()) m.message += "; last error: " + s.lastConnectError;
            break;
        }
        case RuleId::IllegalTransitions: {
            const uint64_t n = rise(illegal);
            wording(m, "illegal_transitions", {std::to_string(n), seconds(r.windowMs)});
            m.message = plural(n, "illegal state transition", "illegal state transitions") + inLast(r) +
                        " — refused and counted: a bug in the pool, or a double release in the calling "
                        "code; the refused edges are in the transition events";
            break;
        }
        case RuleId::EventsDropped: {
            const uint64_t n = rise(dropped);
            wording(m, "events_dropped", {std::to_string(n), seconds(r.windowMs)});
            m.message = plural(n, "transition event", "transition events") + " dropped" + inLast(r) +
                        " — the event consumer falls behind; the counters stay exact";
            break;
        }
        case RuleId::Unbounded: {
            if (c.maxOpen != 0) break;
            const int64_t peak = std::max(s.counts.open, w.peak(r.windowMs * 1'000'000, open));
            m.value = static_cast<double>(peak);
            wording(m, "unbounded", {std::to_string(peak), seconds(r.windowMs), std::to_string(s.counts.open)});
            m.message = "unbounded pool — up to " + plural(static_cast<uint64_t>(peak), "connection", "connections") +
                        " open" + inLast(r) + " (" + std::to_string(s.counts.open) +
                        " now) with max_open=0: it opens one per concurrent request until the database "
                        "refuses more; set max_open";
            break;
        }
        case RuleId::ConfigLint:
        case RuleId::ServerVsPool: break;  // HealthEngine: needs the other pools
    }
    return m;
}

Measurement measureServerVsPool(const PoolSnapshot& server, const ServerPools& pools) {
    Measurement m;
    m.rule = RuleId::ServerVsPool;
    if (pools.bounded == 0 || pools.maxOpenSum <= 0) return m;
    const int64_t sessions = server.counts.open;
    m.value = 100.0 * static_cast<double>(sessions) / static_cast<double>(pools.maxOpenSum);
    wording(m, "server_vs_pool",
            {std::to_string(sessions), std::to_string(static_cast<int64_t>(*m.value + 0.5)),
             std::to_string(pools.maxOpenSum), std::to_string(pools.bounded),
             pools.unbounded > 0 ? std::to_string(pools.unbounded) : std::string()});
    m.message = "the server holds " + plural(static_cast<uint64_t>(sessions), "client session", "client sessions") +
                ", " + std::to_string(static_cast<int64_t>(*m.value + 0.5)) + "% of the " +
                std::to_string(pools.maxOpenSum) + " its " + plural(static_cast<uint64_t>(pools.bounded), "pool", "pools") +
                " allow (max_open sum)" +
                (pools.unbounded > 0 ? " plus " + plural(static_cast<uint64_t>(pools.unbounded), "unbounded pool", "unbounded pools")
                                     : std::string()) +
                ": pools opened per request, more processes than planned, or a client no pool accounts for; "
                "see the server's sessions by application and client address";
    return m;
}

std::vector<Measurement> measureLint(const PoolSnapshot& s, const std::vector<LintFinding>& serverLint) {
    std::vector<Measurement> out;
    const auto add = [&out](const LintFinding& f) {
        if (f.level == LintFinding::Level::Info) return;
        for (const auto& m : out)
            if (m.subject == f.code) return;  // one alert per code
        out.push_back({RuleId::ConfigLint, f.code, 1.0, "config: " + f.message, "config_lint." + f.code, f.args});
    };
    for (const auto& f : s.lint)
        if (f.code != "unbounded") add(f);
    for (const auto& f : serverLint) add(f);
    return out;
}

}  // namespace poolscope
