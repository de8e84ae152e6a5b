#pragma once
// Shared pieces of the pool-level fault tests: which server (PostgreSQL or
// MariaDB) and how to reach, count and restart it; a small load loop; and the
// pool's counter invariants.

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/drivers/Driver.h"
#include "core/pool/Pool.h"
#include "core/telemetry/Snapshot.h"

namespace poolscope::test {

/// One real server under test.
struct Backend {
    std::string kind;      ///< "postgresql" or "mysql"
    std::string url;       ///< the pool's URL (PostgreSQL: with a unique application_name)
    std::string adminUrl;  ///< a superuser / admin URL, never used by the pool
    std::string ctl;       ///< the server's ctl.sh (start | stop | restart)
    std::string appName;   ///< PostgreSQL application_name of the pool's sessions
    int port = 0;

    /// Reads the environment for `kind`; FAILs the current test when it is
    /// missing (then `url` is empty).
    static Backend load(const std::string& kind, const std::string& appName);
    /// A driver for `url` (or for this->url). Adds a test failure on error.
    std::shared_ptr<Driver> driver(const std::string& url) const;
    std::shared_ptr<Driver> driver() const { return driver(url); }
    /// The pool's URL with the server's idle-session timeout set to `seconds`
    /// for the sessions it opens (PostgreSQL: options=-c idle_session_timeout;
    /// MariaDB: see IdleTimeoutScope).
    std::string urlWithIdleTimeout(int seconds) const;
    /// Runs `ctl action` (restart, stop, start); true on success.
    bool control(const std::string& action) const;
    /// Polls with fresh connections until the server accepts one (true) or
    /// `limit` passes (false). A restarted server refuses for a while ("the
    /// database system is starting up") even after its ctl script returns.
    bool waitUntilAccepting(std::chrono::milliseconds limit) const;
    /// The server's own count of the pool's sessions (pg_stat_activity by
    /// application_name; PROCESSLIST by user), or -1 on error.
    int64_t serverCount() const;
    /// Polls serverCount() until it equals `expected` or 5 s pass; returns the
    /// last count.
    int64_t waitForServerCount(int64_t expected) const;
    /// Runs one statement on a fresh admin session; true on success.
    bool admin(const std::string& sql) const;
};

/// MariaDB: SET GLOBAL wait_timeout for the sessions opened while it lives,
/// restored when it ends. PostgreSQL: nothing (the URL carries the timeout).
class IdleTimeoutScope {
public:
    IdleTimeoutScope(const Backend& b, int seconds);
    ~IdleTimeoutScope();
    IdleTimeoutScope(const IdleTimeoutScope&) = delete;
    IdleTimeoutScope& operator=(const IdleTimeoutScope&) = delete;

private:
    const Backend& b_;
    bool active_ = false;
};

/// What a LoadLoop saw since the last take().
struct LoadCounts {
    uint64_t ok = 0;
    uint64_t acquireErrors = 0;
    uint64_t queryErrors = 0;
    std::vector<std::string> samples;  ///< a few distinct error messages
    uint64_t errors() const { return acquireErrors + queryErrors; }
};

/// `threads` workers: acquire → `sql` (2 s deadline) → release → 2 ms pause;
/// after an error they pause 20 ms. Stops in the destructor.
class LoadLoop {
public:
    LoadLoop(Pool& pool, int threads, std::string sql = "SELECT 1");
    ~LoadLoop();
    LoadLoop(const LoadLoop&) = delete;
    LoadLoop& operator=(const LoadLoop&) = delete;
    /// The counts since the previous take(), and a fresh start.
    LoadCounts take();
    /// Stops and joins the workers.
    void stop();

private:
    void run();
    void error(bool acquire, const std::string& message);

    Pool& pool_;
    std::string sql_;
    std::atomic<bool> stop_{false};
    std::mutex mu_;
    LoadCounts counts_;
    std::vector<std::thread> threads_;
};

/// Checks the snapshot's invariants: open == idle + inUse + allocating +
/// returning, and created - destroyed == open. Adds test failures.
void expectConsistent(const PoolSnapshot& s);

/// A fresh, started pool over `driver`; FAILs the test when start() fails.
std::unique_ptr<Pool> startPool(const PoolConfig& config, std::shared_ptr<Driver> driver);

}  // namespace poolscope::test
