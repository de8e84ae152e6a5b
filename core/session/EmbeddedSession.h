#pragma once
// A Pool and a Workload in this process: the driver, the probe connection, the
// server's limits, the pool and the load generator, started in one order and
// stopped in one order, for the headless mode and the GUI alike.

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/drivers/Driver.h"
#include "core/session/SnapshotSource.h"

namespace poolscope {

class Pool;
class Workload;

/// What an embedded session runs.
struct EmbeddedSessionSpec {
    std::string url;             ///< database URL (may hold a password; never shown)
    PoolConfig pool;             ///< pool settings; pool.name names the pool
    WorkloadConfig workload;     ///< the load generator's settings
    bool runWorkload = true;     ///< start the workload with the pool
    /// The probe connection's deadline, at most; never longer than the pool's
    /// own acquire timeout, so a short acquire_timeout_ms fails fast.
    int64_t probeTimeoutMs = 10'000;
};

/// Owns the driver, the pool and the workload. The pool's and the workload's
/// own threads do the database work; the calling thread only polls and runs
/// commands. A replaced workload finishes on a thread of its own, so joining
/// workers blocked in acquire() never stalls the caller.
class EmbeddedSession final : public SnapshotSource {
public:
    /// How long reading the server's limits on the probe connection may take;
    /// what is not read by then stays unknown (the lint skips it).
    static constexpr std::chrono::milliseconds kLimitsProbeTimeout{2'000};
    /// The suffix of the pools a pool-per-request workload builds.
    static constexpr std::string_view kPerRequestSuffix = "/request";

    explicit EmbeddedSession(EmbeddedSessionSpec spec);
    /// Calls stop().
    ~EmbeddedSession() override;

    /// "embedded <masked url>".
    std::string description() const override;
    /// The database URL with its password masked.
    std::string shownUrl() const;
    std::string sourceName() const override { return "embedded"; }
    unsigned controls() const override;

    /// Opens the driver (Arguments on a URL it refuses, option "--connect"),
    /// probes one connection (Reach: "cannot reach the database at URL: ..."),
    /// reads the server's limits on it, starts the pool (Arguments, option
    /// "--pool") and, if asked, the workload (Arguments).
    StartResult start() override;
    void poll(PollResult& out, bool withSnapshots = true) override;
    /// Stops the workers, closes the pool (so a worker waiting in acquire()
    /// wakes at once), joins every workload (leaked leases are released).
    /// The workload's counters stay readable.
    void stop() override;

    std::vector<std::string> pools() const override;
    ServerLimits serverLimits(const std::string& pool) const override;
    std::string serverKey(const std::string& pool) const override;
    std::optional<WorkloadStatus> workload() const override;

    Status reconfigure(const std::string& pool, const PoolConfig& config) override;
    Status setWorkload(const WorkloadConfig& config, bool run) override;
    Status lifecycleAction(const std::string& pool, std::string_view action) override;
    Status restartServer() override;

    /// The running pool (nullptr before start()), for consumers that act on
    /// it directly: the leak guard, the exporter's actions.
    Pool* pool() { return pool_.get(); }

private:
    /// A stopped workload finishing on its own thread.
    struct Retiring {
        std::unique_ptr<Workload> workload;
        std::shared_ptr<std::atomic<bool>> done;
        std::thread joiner;
    };
    void retireWorkload();
    void reapRetired(bool wait);

    EmbeddedSessionSpec spec_;
    bool isSim_ = false;
    ServerLimits limits_;
    std::string serverKey_;
    std::shared_ptr<Driver> driver_;
    std::unique_ptr<Pool> pool_;
    std::unique_ptr<Workload> workload_;
    std::vector<Retiring> retiring_;
    bool stopped_ = false;
};

}  // namespace poolscope
