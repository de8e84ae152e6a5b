#pragma once
// A pool in another process, read from a PoolScope endpoint (core/exporter):
// GET /api/v1/pools once, then each pool's snapshot every interval and its
// transition events as a Server-Sent Events stream. What the views get is
// the same PoolSnapshot and TransitionEvent values a local pool gives.
//
// Faults: when the endpoint stops answering the session turns stale within
// two intervals (the last good data stays), retries with a backoff of 1 s
// doubling to 30 s, resumes the event stream from Last-Event-ID and counts
// events it never received in events_dropped. A remote restart (counters
// went down) is shown as a marker, and the totals carry on from where they
// were: they never go backwards.

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/session/HttpFetcher.h"
#include "core/session/SnapshotSource.h"
#include "core/session/StaleHealth.h"

namespace poolscope {

/// What a remote session reads.
struct RemoteSpec {
    HttpSettings http;     ///< the endpoint (token, CA, timeouts, reply cap)
    int intervalMs = 1000;  ///< time between two snapshot fetches
    /// Only this pool of the endpoint; empty: every pool. Also taken from the
    /// URL's `?pool=NAME`.
    std::string pool;
};

class RemoteSession final : public SnapshotSource {
public:
    /// Silence before a pool shows stale, in intervals.
    static constexpr int kStaleAfterIntervals = poolscope::kStaleAfterIntervals;
    static constexpr int64_t kFirstBackoffMs = 1'000;
    static constexpr int64_t kMaxBackoffMs = 30'000;

    explicit RemoteSession(RemoteSpec spec);
    /// Calls stop().
    ~RemoteSession() override;

    /// "attach <masked url>".
    std::string description() const override;
    /// The masked URL: the "source" member of the snapshot lines.
    std::string sourceName() const override { return shown_; }
    /// Lifecycle actions and reconfigure when a token was given.
    unsigned controls() const override;
    std::string controlsNote() const override;

    /// Reads the endpoint's pool list (Reach when nothing answers; Arguments
    /// for a URL that is not a PoolScope endpoint or refuses the token) and
    /// each pool's first snapshot, then starts fetching in the background.
    StartResult start() override;
    void poll(PollResult& out, bool withSnapshots = true) override;
    void stop() override;

    std::vector<std::string> pools() const override;

    Status reconfigure(const std::string& pool, const PoolConfig& config) override;
    /// "suspend", "resume" or "evict" (POSTed to the endpoint); "close" is
    /// refused: PoolScope does not close another process's pool.
    Status lifecycleAction(const std::string& pool, std::string_view action) override;

private:
    struct PoolState;
    void fetchLoop();
    void eventLoop(PoolState* pool);
    /// One snapshot fetch of `pool`; false (with `error`) when it failed.
    bool fetchSnapshot(HttpFetcher& http, PoolState& pool, std::string& error);
    void takeSnapshot(PoolState& pool, PoolSnapshot raw);
    void takeEvents(PoolState& pool, std::vector<TransitionEvent> events);
    /// Sleeps up to `ms` or until stop(); false when stopping.
    bool sleepFor(int64_t ms);
    Status post(const std::string& pool, const std::string& action, const std::string& body);

    RemoteSpec spec_;
    std::string shown_;
    std::vector<std::unique_ptr<PoolState>> pools_;
    std::unique_ptr<HttpFetcher> fetcher_;  // the fetch loop's

    mutable std::mutex mu_;  // everything in PoolState marked "guarded", health_, lastError_
    std::condition_variable wake_;
    std::atomic<bool> stopping_{false};
    SourceHealth health_;
    SourceHealth reportedHealth_;  // what poll() last reported (poll's thread only)
    std::string lastError_;
    int64_t nextTryMs_ = 0;
    int64_t lastDataSteadyMs_ = 0;  // steady ms of the newest good fetch
    bool noAnswer_ = false;         // the fetch loop's: the last failure was no answer at all
    std::thread fetchThread_;
    std::vector<std::thread> eventThreads_;
    bool started_ = false;
};

}  // namespace poolscope
