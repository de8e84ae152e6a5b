#pragma once
// A simulated database: latency, failures, a session limit and restarts, with
// no server to install. Unit tests, benchmarks and workload presets use it.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/drivers/Driver.h"
#include "core/drivers/SimServer.h"
#include "core/drivers/Url.h"
#include "core/util/Result.h"

namespace poolscope {

/// Driver for
/// `sim://?connect_ms=&query_ms=&jitter_ms=&fail_pct=&max_server_conns=&restart_every_s=` (all
/// optional, default 0 = instant / off; durations may be fractional). Host, user and path are
/// labels only. Each SimDriver is its own server.
///
/// - connect() takes connect_ms +/- jitter_ms, but returns by the deadline
///   ("connect to sim server timed out after N ms"); beyond max_server_conns
///   open sessions it fails like PostgreSQL ("FATAL: sorry, too many clients
///   already"). An instant connect ignores the deadline.
/// - execute() takes query_ms +/- jitter_ms; at the deadline it fails with
///   "query canceled: statement timeout after N ms", on cancel() with
///   "query canceled: canceling statement due to user request", and with
///   probability fail_pct with "simulated query failure"; all non-fatal.
///   A successful statement reports 1 row.
/// - A restart (restartServer(), or every restart_every_s seconds) silently
///   breaks every connection opened before it: its next validate() or
///   execute() fails with fatal=true, "server closed the connection
///   unexpectedly (simulated restart)". validate() is otherwise free.
/// - With all parameters zero, connect/validate/execute take no locks, read
///   no clock and never sleep.
/// Thread-safe as the Driver contract requires.
class SimDriver final : public Driver {
public:
    /// Reads a sim:// URL. The error names a bad or unknown parameter and its
    /// value. Opens nothing.
    static Result<std::shared_ptr<SimDriver>> create(const Url& url);
    /// A simulated server with `options`; `displayUrl` is what displayUrl()
    /// returns (it must not contain a password).
    explicit SimDriver(SimServer::Options options, std::string displayUrl = "sim://");

    std::string_view name() const override { return "sim"; }
    std::string displayUrl() const override { return displayUrl_; }
    Result<std::unique_ptr<Connection>> connect(Deadline deadline) override;

    /// Restarts the simulated server now; see the class comment. With an
    /// outage, every connect for `outage` from now fails at once, as against
    /// a PostgreSQL that is restarting: "connect to <url> failed: Connection
    /// refused (simulated restart: the server is down)". Thread-safe.
    void restartServer(std::chrono::milliseconds outage = std::chrono::milliseconds::zero()) {
        server_->restart(outage);
    }
    /// Sessions open on the simulated server now (those broken by a restart
    /// excluded). Thread-safe.
    int64_t serverConnections() const { return server_->openSessions(); }
    /// Restarts so far, manual and automatic. Thread-safe.
    uint64_t restarts() const { return server_->restarts(); }
    /// The behaviour this driver simulates.
    const SimServer::Options& options() const { return server_->options(); }

private:
    std::string displayUrl_;
    std::shared_ptr<SimServer> server_;
};

}  // namespace poolscope
