#pragma once
// The server side of the simulated driver: latencies, failure rate, the
// session limit and restarts of one imaginary database server.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>

namespace poolscope {

/// One simulated database server, shared by a SimDriver and every connection
/// it opened (connections keep it alive). Thread-safe and lock-free.
///
/// Restarts: the server's generation is the number of restarts so far, manual
/// (restart()) plus automatic (floor(time since construction /
/// restartEvery)). No thread runs in the background; the generation is
/// computed when asked. A session belongs to the generation it was opened in
/// and dies with it.
class SimServer {
public:
    /// How the server behaves. All zero: every call is instant and never fails.
    struct Options {
        double connectMs = 0;        ///< time a connect takes
        double queryMs = 0;          ///< time a statement takes
        double jitterMs = 0;         ///< uniform +/- added to both (result >= 0)
        double failPct = 0;          ///< chance in percent (0-100) that a statement fails
        int64_t maxServerConns = 0;  ///< sessions accepted at once; 0 = unlimited
        double restartEveryS = 0;    ///< automatic restart period; 0 = never
    };

    /// A session admitted by open().
    struct Session {
        uint64_t generation = 0;  ///< restarts() when the session was opened
        int64_t id = 0;           ///< server-side session id, increasing from 1
    };

    explicit SimServer(Options options);

    const Options& options() const { return options_; }

    /// Admits a new session, or nullopt when maxServerConns sessions are open.
    std::optional<Session> open();
    /// Ends a session returned by open(). Does nothing for a session that a
    /// restart already killed.
    void close(uint64_t generation);
    /// True while the server has not restarted since `generation`.
    bool alive(uint64_t generation) const { return generation == restarts(); }
    /// Restarts the server now: every open session dies. For `downFor` from
    /// now the server is down: down() is true and connects are refused.
    void restart(std::chrono::nanoseconds downFor = std::chrono::nanoseconds::zero()) {
        if (downFor.count() > 0)
            downUntilNs_.store((std::chrono::steady_clock::now() + downFor).time_since_epoch().count(),
                               std::memory_order_release);
        manualRestarts_.fetch_add(1, std::memory_order_acq_rel);
    }
    /// True while a restart's outage lasts. Reads no clock when no restart
    /// ever had an outage.
    bool down() const {
        const int64_t until = downUntilNs_.load(std::memory_order_acquire);
        return until != 0 && std::chrono::steady_clock::now().time_since_epoch().count() < until;
    }
    /// Restarts so far (manual and automatic); the current generation.
    uint64_t restarts() const;
    /// Sessions open on the server now (sessions killed by a restart excluded).
    int64_t openSessions() const;

    /// A connect duration: connectMs +/- jitterMs. Zero without a clock read
    /// or random number when both are zero.
    std::chrono::nanoseconds connectDelay() const { return sample(connectNs_); }
    /// A statement duration: queryMs +/- jitterMs.
    std::chrono::nanoseconds queryDelay() const { return sample(queryNs_); }
    /// True with probability failPct percent.
    bool rollFailure() const;

private:
    std::chrono::nanoseconds sample(int64_t baseNs) const;

    Options options_;
    int64_t connectNs_;
    int64_t queryNs_;
    int64_t jitterNs_;
    int64_t restartEveryNs_;  ///< 0 = no automatic restarts
    std::chrono::steady_clock::time_point start_;
    std::atomic<uint64_t> manualRestarts_{0};
    std::atomic<int64_t> downUntilNs_{0};  ///< steady_clock ns; 0 = never down
    /// Low 32 bits of the generation last seen << 32 | sessions open in it.
    std::atomic<uint64_t> state_{0};
    std::atomic<int64_t> nextSessionId_{1};
};

}  // namespace poolscope
