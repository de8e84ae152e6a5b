#pragma once
// The background half of a source that reads another program every interval
// on a connection of its own (PgBouncer's console, a server's session view):
// a thread that runs one "round" per interval, the newest snapshot of each
// pool for poll(), the notices, and the one staleness rule (StaleHealth.h).
//
// A failed round: the round has already dropped its connection (`release`
// runs too); the error is kept for the stale message and given as a notice
// once per new error; the next round waits a backoff of 1 s doubling to 30 s.
// The last good snapshots stay.

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/session/SnapshotSource.h"
#include "core/util/Result.h"

namespace poolscope {

class RoundLoop {
public:
    static constexpr int64_t kFirstBackoffMs = 1'000;
    static constexpr int64_t kMaxBackoffMs = 30'000;

    /// `shownUrl` (masked) names the source in stale messages.
    RoundLoop(std::string shownUrl, int64_t intervalMs) : shown_(std::move(shownUrl)), intervalMs_(intervalMs) {}
    /// Calls stop().
    ~RoundLoop() { stop(); }
    RoundLoop(const RoundLoop&) = delete;
    RoundLoop& operator=(const RoundLoop&) = delete;

    /// Runs `round` every interval on a thread of its own until stop();
    /// `release` drops the round's connection after a failure and at the end.
    void run(std::function<Status()> round, std::function<void()> release);
    /// Joins the thread; publish() and notice() still work afterwards. Idempotent.
    void stop();
    /// True once stop() began: a round under way gives up at its next check.
    bool stopping() const { return stopping_.load(); }

    /// A round's result: the newest snapshot of each pool, read at wall `tMs`.
    /// A pool not in `snapshots` keeps its last one.
    void publish(std::vector<PoolSnapshot> snapshots, int64_t tMs);
    /// A message for a person, given once with the next poll.
    void notice(std::string text);

    /// What is new since the previous drain (see SnapshotSource::poll).
    void drain(PollResult& out, bool withSnapshots);
    /// Every pool published so far, sorted by name.
    std::vector<std::string> pools() const;

private:
    struct PoolState {
        PoolSnapshot latest;
        bool fresh = false;
    };
    void loop(const std::function<Status()>& round, const std::function<void()>& release);
    bool sleepFor(int64_t ms);

    const std::string shown_;
    const int64_t intervalMs_;
    mutable std::mutex mu_;  // everything below but the thread
    std::condition_variable wake_;
    std::atomic<bool> stopping_{false};
    std::map<std::string, PoolState> pools_;
    std::vector<std::string> notices_;
    SourceHealth health_;
    SourceHealth reported_;
    std::string lastError_;
    int64_t lastDataSteadyMs_ = 0;
    std::thread thread_;
};

}  // namespace poolscope
