#pragma once
// PgBouncer's pools, read from its admin console:
// `pgbouncer://user:password@host[:6432][/pgbouncer][?params]`.
//
// Its own plain libpq connection to the console database (not a pool, no
// validation query; simple query protocol, as the console needs) runs SHOW
// POOLS, SHOW STATS, SHOW SERVERS, SHOW CLIENTS and SHOW DATABASES every
// interval, each within a deadline; PgBouncerMapping turns the rows into one
// snapshot per (database, user) pool named "database/user" (the state
// mapping and what is reported are documented there).
//
// Faults, as the other remote sources: a console that fails or does not
// answer within the deadline is dropped; the session turns stale within two
// intervals (the last good data stays) and reconnects with a backoff of 1 s
// doubling to 30 s. Messages name the URL with its password masked.
//
// Actions, for a login listed in PgBouncer's admin_users, on the pool's whole
// database (every user's pool of it): "suspend" -> PAUSE db, "resume" ->
// RESUME db, "evict" -> RECONNECT db (PgBouncer 1.15+: server connections are
// closed once released and opened afresh). "close" is refused. Each action
// runs on a connection of its own.
//
// URL parameters: sslmode (default prefer), sslrootcert (else the
// --tls-ca file), timeout_ms (deadline of a console round and of an action,
// default 5000), pool (only this "database/user").

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/session/PgBouncerMapping.h"
#include "core/session/RemoteSession.h"
#include "core/session/RoundLoop.h"
#include "core/session/SnapshotSource.h"

struct pg_conn;

namespace poolscope {

class PgBouncerSession final : public SnapshotSource {
public:
    static constexpr int64_t kDefaultPort = 6432;

    /// True for a URL of this source (scheme "pgbouncer").
    static bool isPgBouncerUrl(const std::string& url);

    /// `spec.http.url` is the pgbouncer:// URL; `spec.http.caFile` is used as
    /// sslrootcert when the URL gives none; `spec.intervalMs` the poll interval.
    explicit PgBouncerSession(RemoteSpec spec);
    /// Calls stop().
    ~PgBouncerSession() override;

    /// "attach <masked url> (PgBouncer admin console)".
    std::string description() const override;
    /// The masked URL.
    std::string sourceName() const override { return shown_; }
    unsigned controls() const override { return CanChangeLifecycle; }
    std::string controlsNote() const override;

    /// Connects to the console and reads one round (Arguments for a bad URL,
    /// a refused login or a console that is not PgBouncer's; Reach when
    /// nothing answers), then reads every interval in the background.
    StartResult start() override;
    void poll(PollResult& out, bool withSnapshots = true) override;
    void stop() override;

    /// The pools of the newest round, sorted by name.
    std::vector<std::string> pools() const override;

    /// "suspend" (PAUSE), "resume" (RESUME), "evict" (RECONNECT) on the
    /// database of `pool`; blocks up to timeout_ms for PgBouncer's answer.
    Status lifecycleAction(const std::string& pool, std::string_view action) override;

private:
    /// A connection to the console within `deadline`; nullptr with `error`.
    /// `noAnswer` set when the server did not answer at all.
    pg_conn* connect(std::chrono::steady_clock::time_point deadline, std::string& error, bool& noAnswer);
    /// Runs one console command; its rows (empty for a command without).
    Result<ShowTable> run(pg_conn* conn, const std::string& command, std::chrono::steady_clock::time_point deadline);
    /// One round: connects when needed, reads every SHOW, maps, publishes.
    Status round(bool& noAnswer);
    void dropConnection();
    bool stopping() const;

    RemoteSpec spec_;
    std::string shown_;
    std::string urlError_;  // why the URL is refused, found at construction
    std::vector<std::pair<std::string, std::string>> connParams_;  // libpq keywords, password included
    int64_t timeoutMs_ = 5000;
    std::string onlyPool_;

    pg_conn* conn_ = nullptr;  // the round's (start()'s before the loop runs)
    PgBouncerMapping mapping_;  // the round's
    std::unique_ptr<RoundLoop> loop_;  // made by start()
    bool started_ = false;
};

}  // namespace poolscope
