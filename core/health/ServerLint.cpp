#include "core/health/ServerLint.h"

#include <string>

namespace poolscope {

namespace {

/// 90000 -> "90 s", 1500 -> "1500 ms", 0 -> "0 (never)".
std::string duration(int64_t ms) {
    if (ms == 0) return "0 (never)";
    if (ms % 1000 == 0) return std::to_string(ms / 1000) + " s";
    return std::to_string(ms) + " ms";
}

/// "max_idle_time_ms=600000 (600 s)", "max_lifetime_ms=0 (never)".
std::string setting(std::string_view key, int64_t ms) {
    return std::string(key) + "=" + std::to_string(ms) + (ms == 0 ? " (never)" : " (" + duration(ms) + ")");
}

void timeoutFindings(std::vector<LintFinding>& out, const PoolConfig& p, std::string_view server,
                     const std::string& product, std::string_view variable, std::optional<int64_t> timeoutMs) {
    if (!timeoutMs || *timeoutMs <= 0) return;
    const int64_t t = *timeoutMs;
    // Keepalive pings reset the server's idle clock.
    if (p.keepaliveMs > 0 && p.keepaliveMs < t) return;
    // Arguments: pool, the setting's ms and duration ("" when 0), product, variable, timeout.
    const auto args = [&](int64_t ms) {
        return std::vector<std::string>{p.name, std::to_string(ms), ms == 0 ? std::string() : duration(ms),
                                        product, std::string(variable), duration(t)};
    };
    const std::string tail = std::string(server) + "'s " + std::string(variable) + " (" + duration(t) +
                             "), so the pool can hand out sessions the server already closed; set it a "
                             "few seconds below " + std::string(variable) +
                             ", or set keepalive_ms below it";
    if (p.maxIdleTimeMs == 0 || p.maxIdleTimeMs >= t)
        out.push_back({LintFinding::Level::Warning, "max_idle_time_ge_" + std::string(variable),
                       "pool \"" + p.name + "\": " + setting("max_idle_time_ms", p.maxIdleTimeMs) +
                           " is not below " + tail,
                       args(p.maxIdleTimeMs)});
    if (p.maxLifetimeMs == 0 || p.maxLifetimeMs >= t)
        out.push_back({LintFinding::Level::Warning, "max_lifetime_ge_" + std::string(variable),
                       "pool \"" + p.name + "\": " + setting("max_lifetime_ms", p.maxLifetimeMs) +
                           " is not below " + tail,
                       args(p.maxLifetimeMs)});
}

std::vector<std::string> withArgs(std::vector<std::string> first, const std::vector<std::string>& rest) {
    first.insert(first.end(), rest.begin(), rest.end());
    return first;
}

}  // namespace

std::vector<LintFinding> lintAgainstServer(const PoolConfig& pool, const std::vector<PoolConfig>& allPools,
                                           const ServerLimits& limits) {
    int64_t sum = 0, bounded = 0;
    for (const auto& p : allPools)
        if (p.maxOpen > 0) sum += p.maxOpen, ++bounded;
    return lintAgainstServer(pool, sum, bounded, limits);
}

std::vector<LintFinding> lintAgainstServer(const PoolConfig& pool, int64_t sum, int64_t bounded,
                                           const ServerLimits& limits) {
    std::vector<LintFinding> out;
    const std::string server = limits.product.empty() ? "the server" : "the " + limits.product + " server";
    if (limits.maxConnections && *limits.maxConnections > 0) {
        const int64_t max = *limits.maxConnections;
        const int64_t reserved = limits.reservedConnections.value_or(0);
        const int64_t usable = max - reserved;
        // Arguments shared by both findings: product, max_connections, usable, reserved ("" when none).
        const std::vector<std::string> limitArgs{limits.product, std::to_string(max), std::to_string(usable),
                                                 reserved > 0 ? std::to_string(reserved) : std::string()};
        const std::string limitText = "max_connections=" + std::to_string(max) +
                                      (reserved > 0 ? " (" + std::to_string(usable) + " after " +
                                                          std::to_string(reserved) + " reserved)"
                                                    : "");
        if (pool.maxOpen == 0)
            out.push_back({LintFinding::Level::Warning, "unbounded_vs_server",
                           "pool \"" + pool.name + "\": max_open=0 lets it open connections until " + server +
                               "'s " + limitText +
                               " is used up, starving every other client; set max_open to this "
                               "service's share",
                           withArgs({pool.name}, limitArgs)});
        if (pool.maxOpen > 0 && sum > usable) {
            const std::string what = bounded == 1 ? "max_open=" + std::to_string(sum)
                                                  : "max_open summed over " + std::to_string(bounded) +
                                                        " pools (" + std::to_string(sum) + ")";
            out.push_back({LintFinding::Level::Warning, "max_open_over_server",
                           what + " is above " + server + "'s " + limitText +
                               ": when the pools fill up, connects fail with \"too many clients\"; "
                               "lower max_open or raise max_connections",
                           withArgs({std::to_string(sum), std::to_string(bounded)}, limitArgs)});
        }
    }
    timeoutFindings(out, pool, server, limits.product, "wait_timeout", limits.waitTimeoutMs);
    timeoutFindings(out, pool, server, limits.product, "idle_session_timeout", limits.idleSessionTimeoutMs);
    return out;
}

}  // namespace poolscope
