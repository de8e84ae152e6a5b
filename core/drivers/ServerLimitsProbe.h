#pragma once
// Reads the database server's own limits (max_connections, the idle-session
// timeouts) over a connection, so the health engine's server lint can compare
// pool settings with what the server really allows.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/drivers/Driver.h"
#include "core/health/ServerLimits.h"

namespace poolscope {

/// What `connection` (opened by `driver`) can tell of its server, by driver:
/// - postgresql: `SHOW max_connections`, `SHOW superuser_reserved_connections`,
///   `SHOW idle_session_timeout` (PostgreSQL 14+; unknown on older servers);
///   product "PostgreSQL".
/// - mysql: `SELECT @@max_connections`, `SELECT @@wait_timeout` (the session
///   value, which is what the server applies to this non-interactive client),
///   product "MariaDB" when `SELECT VERSION()` says so, else "MySQL".
/// - sim: the simulated server's max_server_conns (when set), product
///   "simulated"; no statement is run.
/// - sqlite and anything else: empty limits, nothing run.
/// Runs a handful of small statements one after the other, all bounded by
/// `deadline`. Never fails: a statement that fails or returns something
/// unreadable leaves its field unknown. A statement cut off by the deadline
/// may leave `connection` broken (the driver's execute() contract); a caller
/// that keeps the connection should validate it afterwards.
ServerLimits probeServerLimits(const Driver& driver, Connection& connection, Deadline deadline);

/// Names the server `driver` talks to, so pools on the same server are linted
/// together: "postgresql://host:port", "mysql://host:port" (or the socket
/// path), with the libpq / client defaults filled in (port 5432 / 3306). No
/// database, user or password. For sim:// a key unique to the simulated
/// server (each SimDriver is its own server). Empty for sqlite (a file, not a
/// server with session limits) and for drivers it does not know.
std::string serverKeyOf(const Driver& driver);

/// Parses PostgreSQL's SHOW output of a time setting whose base unit is the
/// millisecond ("0", "100ms", "30s", "5min", "1h", "1d"; a bare number is
/// milliseconds) into milliseconds; nullopt for anything else.
std::optional<int64_t> parsePgDurationMs(std::string_view text);

}  // namespace poolscope
