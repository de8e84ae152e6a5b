#pragma once
// PgBouncer's admin console (SHOW POOLS / STATS / SERVERS / CLIENTS /
// DATABASES) turned into PoolSnapshots: rows in, snapshots out, no I/O.
// PgBouncerSession reads the console; this class only maps.
//
// One PoolScope pool per PgBouncer pool, i.e. per (database, user), named
// "database/user". The admin console's own database "pgbouncer" is left out.
//
// Server connections onto the connection state model (SHOW POOLS counts,
// SHOW SERVERS `state`):
//   sv_idle                          -> Idle       (ready to be handed out)
//   sv_active, sv_active_cancel      -> In use     (linked to a client)
//   sv_used, sv_being_canceled       -> Returning  (released by its client,
//                                       awaiting server_reset_query / check)
//   sv_tested, sv_login              -> Allocating (being tested / connecting)
//   cl_waiting                       -> Waiting    (clients queued for a server)
//   maxwait + maxwait_us             -> the wait window's max (the oldest
//                                       waiting client's wait so far)
//   SHOW DATABASES pool_size         -> config max_open (pool_size is per
//                                       (database, user) pool)
//   SHOW DATABASES paused            -> lifecycle Suspended, else Started
//
// Totals: SHOW STATS is per database only. Its figures are given to a pool
// only when its database has exactly that one user pool in SHOW POOLS;
// otherwise they are left unreported (never split by guess):
//   total_xact_count  -> acquired (transactions served through the pool)
//   total_wait_time   -> wait_ms (µs -> ms)
//   Δtotal_wait_time / Δtotal_xact_count over the interval -> p50 = p95 = p99,
//                        derivation Mean (PgBouncer's own avg_wait_time
//                        divides the same way)
// A counter that goes backwards (PgBouncer restarted) carries on from where
// it was, so totals never decrease.
//
// Connections (SHOW SERVERS): id = the server's `ptr`, state as above,
// createdMs = connect_time, sinceMs = request_time, serverId = remote_pid,
// holder = the linked client from SHOW CLIENTS ("app@addr:port", or the
// client's ptr when it is not listed).
//
// Not reported: open/created/destroyed and the close reasons, released,
// timeouts, connect errors, wait count, transitions, lifecycle events, leak
// reports, min/max idle and the other config. `reported` names exactly what
// was known.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/telemetry/Snapshot.h"
#include "core/util/Result.h"

namespace poolscope {

/// The reply to one SHOW command: column names and text cells (nullopt for SQL NULL).
struct ShowTable {
    std::vector<std::string> columns;
    std::vector<std::vector<std::optional<std::string>>> rows;
    /// Index of `column`, or -1 when the reply has no such column.
    int columnIndex(std::string_view column) const;
};

/// One round of the admin console. `databases` may be empty (not read).
struct PgBouncerConsole {
    ShowTable pools, stats, servers, clients, databases;
};

/// Maps console rounds to snapshots. Keeps the previous round's totals (for
/// the per-interval mean wait and counter resets); otherwise pure. Not
/// thread-safe: one thread feeds it.
class PgBouncerMapping {
public:
    /// The admin console's own database, never shown as a pool.
    static constexpr std::string_view kConsoleDatabase = "pgbouncer";

    /// "database/user".
    static std::string poolName(std::string_view database, std::string_view user);
    /// The database part of a pool name ("db/user" -> "db"); the whole name
    /// when it has no '/'.
    static std::string databaseOf(std::string_view pool);
    /// "2026-12-01 23:50:55 UTC" (PgBouncer's time format, also without the
    /// zone) -> wall ms; nullopt when the text is no such time.
    static std::optional<int64_t> parseTime(std::string_view text);

    /// One snapshot per (database, user) pool of `console.pools`, taken at
    /// wall time `tMs`, sorted by pool name; `source` and `driver` are left
    /// to the caller. An error names the SHOW command and the column or cell
    /// that could not be read (the previous round's state is then kept).
    Result<std::vector<PoolSnapshot>> map(const PgBouncerConsole& console, int64_t tMs);

private:
    struct DbTotals {
        uint64_t lastXact = 0, lastWaitUs = 0;  // raw values of the previous round
        uint64_t xactOffset = 0, waitOffset = 0;  // carried over counter resets
        bool seen = false;
    };
    std::map<std::string, DbTotals> totals_;
};

}  // namespace poolscope
