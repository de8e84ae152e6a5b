#pragma once
// The database server's own view of its sessions (PostgreSQL's
// pg_stat_activity, MySQL/MariaDB's process list) as PoolScope pools, so the
// server's side can sit beside the pools that talk to it. Pure: rows in,
// snapshots out; ServerViewSession reads the rows.
//
// Pools:
// - "server": every client session on the server. max_open is the server's
//   max_connections, so utilisation is how full the server is.
// - "server/<application>@<client>/<user>" (PostgreSQL) or
//   "server/<user>@<client>" (MySQL, which has no application name): the
//   sessions of one kind of client, as pg_stat_activity groups them.
//
// State mapping (document of record; README "Server view"):
//   PostgreSQL state        MySQL Command              PoolScope
//   idle                    Sleep, no open transaction  idle
//   active, fastpath ...    anything else               in use
//   idle in transaction     Sleep inside a transaction  in use, and *leaked* once
//   (aborted)                                            held past idle_in_tx_ms
//   NULL (not visible to    -                           counted in open only; idle
//   this login)                                          and in use unreported
// Each session is a row of the connection table: id = backend PID / thread
// id, holder = its state (and wait event), created = backend start, since =
// last state change. Reported: open, idle, in use, the connection list and
// leaks (a counter of transactions seen idle past the threshold, each counted
// once); max_open for "server" only. Everything else is unreported: the server
// cannot know a pool's waiters, acquire times or configuration.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/telemetry/Snapshot.h"

namespace poolscope {

/// One client session as the server lists it. Ages are measured by the
/// server's clock (now - timestamp), so client and server clocks may differ.
struct ServerSession {
    int64_t id = 0;           ///< PostgreSQL backend PID, MySQL thread id
    std::string application;  ///< PostgreSQL application_name; empty for MySQL
    std::string client;       ///< client address without port; "local" for a Unix socket
    std::string user;
    std::string database;
    /// PostgreSQL state ("active", "idle", "idle in transaction", ...), or
    /// for MySQL "idle", "active" or "idle in transaction"; empty when the
    /// server does not show it to this login.
    std::string state;
    std::string waitEvent;  ///< PostgreSQL wait_event_type:wait_event, empty when none
    std::optional<int64_t> stateAgeMs;    ///< since the last state change
    std::optional<int64_t> xactAgeMs;     ///< since the transaction began; nullopt outside one
    std::optional<int64_t> backendAgeMs;  ///< since the session began
};

/// One reading of the server.
struct ServerActivity {
    std::string kind;  ///< "postgresql" or "mysql"
    std::vector<ServerSession> sessions;
    std::optional<int64_t> maxConnections;
    std::optional<int64_t> reservedConnections;  ///< PostgreSQL superuser_reserved_connections
};

class ServerViewMapping {
public:
    static constexpr const char* kTotalPool = "server";
    /// A transaction idle longer than this is a leak by default (ms).
    static constexpr int64_t kDefaultIdleInTransactionMs = 60'000;

    explicit ServerViewMapping(int64_t idleInTransactionMs = kDefaultIdleInTransactionMs)
        : idleInTxMs_(idleInTransactionMs) {}

    /// The pool a session belongs to ("server/app@client/user").
    static std::string groupOf(const ServerSession& s, const std::string& kind);

    /// Snapshots at wall-clock `tMs`: "server" first, then the groups sorted
    /// by name. A group that had sessions and has none now is still sent once
    /// with zero sessions, then dropped. Keeps the leak counters between calls.
    std::vector<PoolSnapshot> map(const ServerActivity& activity, int64_t tMs);

    int64_t idleInTransactionMs() const { return idleInTxMs_; }

private:
    int64_t idleInTxMs_;
    std::map<std::string, uint64_t> leaks_;            // per pool, monotonic
    std::set<int64_t> leakedBefore_;                   // sessions leaked at the previous reading
    std::set<std::string> lastGroups_;
};

}  // namespace poolscope
