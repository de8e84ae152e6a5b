#pragma once
// What a source knows of the database server's own limits. Every field is
// optional: sources fill what they can read (SHOW max_connections, SELECT
// @@wait_timeout, the sim:// URL), and the lint skips what is unknown.

#include <cstdint>
#include <optional>
#include <string>

namespace poolscope {

struct ServerLimits {
    /// For messages: "PostgreSQL", "MySQL", "simulated server". Empty = "the server".
    std::string product;
    /// Sessions the server accepts at once (max_connections; sim max_server_conns).
    std::optional<int64_t> maxConnections;
    /// Of those, kept for superusers or replication (superuser_reserved_connections).
    std::optional<int64_t> reservedConnections;
    /// MySQL/MariaDB wait_timeout in ms: idle sessions are closed by the server
    /// after this. 0 = off.
    std::optional<int64_t> waitTimeoutMs;
    /// PostgreSQL idle_session_timeout in ms (PostgreSQL 14+). 0 = off.
    std::optional<int64_t> idleSessionTimeoutMs;

    /// True when nothing is known.
    bool empty() const {
        return !maxConnections && !reservedConnections && !waitTimeoutMs && !idleSessionTimeoutMs;
    }
    bool operator==(const ServerLimits&) const = default;
};

}  // namespace poolscope
