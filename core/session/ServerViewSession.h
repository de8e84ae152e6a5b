#pragma once
// The database server's own view of its sessions, as a source:
// `postgresql://user:pass@host:5432/db?view=server` reads pg_stat_activity
// (client backends, this session left out) and max_connections;
// `mysql://user:pass@host:3306/?view=server` reads the process list with
// InnoDB's open transactions and max_connections. ServerViewMapping turns
// each reading into pools ("server" and one per kind of client; see there).
//
// One plain connection of the URL's driver (not a pool), a reading every
// interval within timeout_ms. Faults, as the other remote sources: a reading
// that fails drops the connection; stale within two intervals (the last good
// data stays); reconnects with a backoff of 1 s doubling to 30 s. Messages
// name the URL with its password masked. Read-only.
//
// URL parameters of its own (the rest go to the driver): view=server,
// idle_in_tx_ms (a transaction idle this long is a leak, default 60000),
// timeout_ms (default 5000).

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/drivers/Driver.h"
#include "core/session/RemoteSession.h"
#include "core/session/RoundLoop.h"
#include "core/session/ServerViewMapping.h"
#include "core/session/SnapshotSource.h"

namespace poolscope {

class ServerViewSession final : public SnapshotSource {
public:
    /// True for a postgresql://, postgres://, mysql:// or mariadb:// URL with view=server.
    static bool isServerViewUrl(const std::string& url);
    /// The SQL that reads the sessions, per kind ("postgresql", "mysql"):
    /// documented here so a reviewer sees exactly what runs on the server.
    /// `withTransactions` false: MySQL without the PROCESS privilege, which
    /// INNODB_TRX needs (the process list then shows the login's own threads).
    static const char* sessionsSql(const std::string& kind, bool withTransactions = true);

    /// `spec.http.url` is the database URL with view=server; `spec.intervalMs`
    /// the reading interval.
    explicit ServerViewSession(RemoteSpec spec);
    /// Calls stop().
    ~ServerViewSession() override;

    /// "server view <masked url> (pg_stat_activity)".
    std::string description() const override;
    std::string sourceName() const override { return shown_; }
    unsigned controls() const override { return NoControl; }
    std::string controlsNote() const override {
        return "the server's view is read-only: it shows the sessions, it does not run a pool";
    }

    /// Connects and reads once (Arguments for a bad URL or a refused login;
    /// Reach when nothing answers), then reads every interval.
    StartResult start() override;
    void poll(PollResult& out, bool withSnapshots = true) override;
    void stop() override;

    std::vector<std::string> pools() const override;
    /// For "server": max_connections (and reserved), so the health engine
    /// learns which server it is (with serverKey) and compares its sessions
    /// with the pools on it (server_vs_pool); the engine does not lint a server
    /// view. Nothing for the client groups.
    ServerLimits serverLimits(const std::string& pool) const override;
    /// The server's max_connections and reserved connections, as last read.
    ServerLimits limits() const;
    /// The same key a pool on this server has (host and port), so a pool
    /// and the server's view of it are compared.
    std::string serverKey(const std::string& pool) const override;

private:
    /// One reading: connects when needed, reads, maps, publishes.
    Status round(bool& noAnswer);
    Result<ServerActivity> read(Connection& conn, Deadline deadline);

    RemoteSpec spec_;
    std::string shown_;
    std::string urlError_;
    std::string kind_;  // "postgresql" or "mysql"
    int64_t timeoutMs_ = 5000;
    std::shared_ptr<Driver> driver_;
    std::string serverKey_;
    bool transactionsVisible_ = true;  // MySQL: INNODB_TRX readable (the fetch thread's)

    std::unique_ptr<Connection> conn_;  // the round's (start()'s before the loop runs)
    ServerViewMapping mapping_;         // the round's
    std::unique_ptr<RoundLoop> loop_;   // made by start()
    bool started_ = false;
    mutable std::mutex limitsMu_;
    ServerLimits limits_;
};

}  // namespace poolscope
