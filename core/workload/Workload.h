#pragma once
// A load generator: `workers` threads borrowing connections from a Pool,
// holding them for a while with a query inside, thinking, and (on demand)
// leaking some or opening a new pool per request (the anti-pattern).

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/drivers/Driver.h"
#include "core/pool/Pool.h"
#include "core/pool/PoolConfig.h"
#include "core/util/Result.h"
#include "core/workload/WorkloadConfig.h"

namespace poolscope {

/// What a workload has done so far.
struct WorkloadStats {
    /// Requests whose statements all succeeded (leaked ones included).
    uint64_t ok = 0;
    /// Failed requests by error message as the pool or driver wrote it. At
    /// most Workload::kMaxErrorKeys distinct messages; later new ones are
    /// counted under Workload::kOtherErrors.
    std::map<std::string, uint64_t> errors;
    /// Leases kept and never released (until the workload stops).
    uint64_t leaked = 0;
    /// Sum of all error counts.
    uint64_t errorCount() const;
};

/// Runs a WorkloadConfig against a pool. start() and stop() are called from
/// one controlling thread; stats() from any thread.
///
/// One request: acquire (holder "worker-<n>", n from 1) → BEGIN if tx → query
/// → wait until hold_ms after the acquire → COMMIT if tx → release, or with
/// probability leak_pct/100 keep the lease in a leaked list instead → wait
/// think_ms. With pool_per_request each request builds a pool from the
/// factory, starts it, does one request on it, closes and destroys it.
class Workload {
public:
    /// Makes a new, not yet started pool (pool_per_request).
    using PoolFactory = std::function<std::unique_ptr<Pool>()>;

    static constexpr size_t kMaxErrorKeys = 50;
    static constexpr std::string_view kOtherErrors = "other errors";

    /// `pool` is used unless config.poolPerRequest; it must outlive this
    /// workload (leaked leases are released by stop(), which the destructor
    /// calls). `perRequest` is required when config.poolPerRequest.
    Workload(WorkloadConfig config, Pool& pool, PoolFactory perRequest = {});
    /// Stops (see stop()).
    ~Workload();
    Workload(const Workload&) = delete;
    Workload& operator=(const Workload&) = delete;

    /// A factory for pool_per_request: each call makes Pool(config, driver).
    static PoolFactory poolFactory(PoolConfig config, std::shared_ptr<Driver> driver);

    /// Starts the worker threads. Fails (and starts nothing) when the config is
    /// invalid, pool_per_request has no factory, it is already running, or a
    /// thread cannot be created.
    Status start();
    /// Asks the workers to finish without waiting for them: hold and think
    /// waits end at once. Errors seen from now on are not counted. A worker
    /// blocked inside Pool::acquire() returns when acquire does (its timeout,
    /// or Pool::close()), so close the pool after this call to stop at once.
    void requestStop();
    /// requestStop(), joins every worker, then releases the leaked leases (and
    /// closes their per-request pools). Idempotent.
    void stop();
    bool running() const { return !threads_.empty(); }

    /// Thread-safe copy of the counters.
    WorkloadStats stats() const;
    const WorkloadConfig& config() const { return config_; }

private:
    /// A lease kept on purpose; `owner` is its per-request pool, if any, and is
    /// destroyed after the lease (member order).
    struct Leaked {
        std::unique_ptr<Pool> owner;
        Lease lease;
    };

    void runWorker(int64_t index);
    /// One request on `pool`; returns the lease when the leak dice say keep it.
    std::optional<Lease> serve(Pool& pool, const std::string& holder, std::mt19937_64& rng);
    void servePerRequest(const std::string& holder, std::mt19937_64& rng);
    /// Waits until `deadline` or a stop request; false when stopping.
    bool waitUntil(std::chrono::steady_clock::time_point deadline);
    bool stopping() const { return stopping_.load(std::memory_order_acquire); }
    void countError(const std::string& message);
    void keep(Leaked leaked);
    void releaseLeaked();

    const WorkloadConfig config_;
    Pool& pool_;
    PoolFactory factory_;
    std::vector<std::thread> threads_;

    std::mutex waitMu_;
    std::condition_variable waitCv_;
    std::atomic<bool> stopping_{false};

    std::atomic<uint64_t> ok_{0};
    mutable std::mutex statsMu_;  // errors_, leaked_
    std::map<std::string, uint64_t> errors_;
    std::vector<Leaked> leaked_;
    uint64_t leakedTotal_ = 0;
};

}  // namespace poolscope
