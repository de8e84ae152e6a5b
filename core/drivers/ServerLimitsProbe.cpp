#include "core/drivers/ServerLimitsProbe.h"

#include <charconv>
#include <cstdio>
#include <limits>
#include <utility>

#include "core/drivers/SimDriver.h"
#include "core/drivers/Url.h"

namespace poolscope {

namespace {

/// The first value `sql` returns, or nullopt when it fails or returns none.
std::optional<std::string> firstValueOf(Connection& connection, std::string_view sql,
                                        Deadline deadline) {
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    auto r = connection.execute(sql, deadline);
    if (!r) return std::nullopt;
    return std::move(r->firstValue);
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

/// A whole non-negative number and nothing else.
std::optional<int64_t> parseCount(std::string_view text) {
    text = trim(text);
    int64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || end != text.data() + text.size() || v < 0) return std::nullopt;
    return v;
}

std::optional<int64_t> countOf(Connection& connection, std::string_view sql, Deadline deadline) {
    auto v = firstValueOf(connection, sql, deadline);
    return v ? parseCount(*v) : std::nullopt;
}

ServerLimits probePostgres(Connection& connection, Deadline deadline) {
    ServerLimits limits;
    limits.product = "PostgreSQL";
    limits.maxConnections = countOf(connection, "SHOW max_connections", deadline);
    limits.reservedConnections =
        countOf(connection, "SHOW superuser_reserved_connections", deadline);
    // Before PostgreSQL 14 the setting does not exist and SHOW fails (42704,
    // not fatal): the field stays unknown.
    if (auto v = firstValueOf(connection, "SHOW idle_session_timeout", deadline))
        limits.idleSessionTimeoutMs = parsePgDurationMs(*v);
    return limits;
}

ServerLimits probeMysql(Connection& connection, Deadline deadline) {
    ServerLimits limits;
    const auto version = firstValueOf(connection, "SELECT VERSION()", deadline);
    limits.product = version && version->find("MariaDB") != std::string::npos ? "MariaDB" : "MySQL";
    limits.maxConnections = countOf(connection, "SELECT @@max_connections", deadline);
    constexpr int64_t kMaxSeconds = std::numeric_limits<int64_t>::max() / 1000;
    if (auto s = countOf(connection, "SELECT @@wait_timeout", deadline); s && *s <= kMaxSeconds)
        limits.waitTimeoutMs = *s * 1000;
    return limits;
}

std::string hostPort(std::string host, int port) {
    // IPv6 addresses in brackets, so the port stays readable.
    if (host.find(':') != std::string::npos) host = "[" + host + "]";
    return host + ":" + std::to_string(port);
}

std::optional<int> portParam(const Url& url) {
    const auto p = url.param("port");
    if (!p) return std::nullopt;
    const auto v = parseCount(*p);
    return v && *v > 0 && *v <= 65535 ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

}  // namespace

std::optional<int64_t> parsePgDurationMs(std::string_view text) {
    text = trim(text);
    size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    if (digits == 0) return std::nullopt;
    const auto number = parseCount(text.substr(0, digits));
    if (!number) return std::nullopt;
    const std::string_view unit = trim(text.substr(digits));
    // The units PostgreSQL prints for a millisecond-based setting.
    struct Unit {
        std::string_view name;
        int64_t ms;
    };
    static constexpr Unit kUnits[] = {{"", 1},         {"ms", 1},        {"s", 1000},
                                      {"min", 60'000}, {"h", 3'600'000}, {"d", 86'400'000}};
    for (const Unit& u : kUnits) {
        if (u.name != unit) continue;
        if (*number > std::numeric_limits<int64_t>::max() / u.ms) return std::nullopt;
        return *number * u.ms;
    }
    return std::nullopt;
}

ServerLimits probeServerLimits(const Driver& driver, Connection& connection, Deadline deadline) {
    const std::string_view name = driver.name();
    if (name == "postgresql") return probePostgres(connection, deadline);
    if (name == "mysql") return probeMysql(connection, deadline);
    ServerLimits limits;
    if (const auto* sim = dynamic_cast<const SimDriver*>(&driver);
        sim && sim->options().maxServerConns > 0) {
        // "the simulated server" in the lint's messages.
        limits.product = "simulated";
        limits.maxConnections = sim->options().maxServerConns;
    }
    return limits;
}

std::string serverKeyOf(const Driver& driver) {
    const std::string_view name = driver.name();
    if (const auto* sim = dynamic_cast<const SimDriver*>(&driver)) {
        // Each SimDriver owns its server; its options live in that server, so
        // their address names it for as long as the driver exists.
        char buf[32];
        std::snprintf(buf, sizeof buf, "%p", static_cast<const void*>(&sim->options()));
        return "sim://" + std::string(buf);
    }
    if (name != "postgresql" && name != "mysql") return {};
    // The display URL is the masked URL, which parses back; a password never
    // reaches the key because only the scheme, host and port are kept.
    auto url = Url::parse(driver.displayUrl());
    if (!url) return {};
    if (name == "postgresql") {
        // libpq takes the host and port from the URL or from its parameters;
        // with neither it uses the local socket on 5432.
        std::string host = url->host();
        if (host.empty()) host = std::string(url->param("host").value_or(""));
        if (host.empty()) host = std::string(url->param("hostaddr").value_or(""));
        if (host.empty()) host = "localhost";
        const int port = url->port() ? url->port() : portParam(*url).value_or(5432);
        return "postgresql://" + hostPort(std::move(host), port);
    }
    // MysqlConfig's defaults: 127.0.0.1:3306 unless a socket is given.
    if (const auto socket = url->param("socket"); socket && !socket->empty())
        return "mysql://" + std::string(*socket);
    const std::string host = url->host().empty() ? "127.0.0.1" : url->host();
    return "mysql://" + hostPort(host, url->port() ? url->port() : 3306);
}

}  // namespace poolscope
