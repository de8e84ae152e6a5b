#pragma once
// A Pool and a Workload in this process, polled 10 times a second.

#include <QString>
#include <QTimer>
#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "app/sources/Source.h"
#include "core/drivers/Driver.h"
#include "core/pool/PoolConfig.h"
#include "core/workload/WorkloadConfig.h"

namespace poolscope {

class Pool;
class Workload;

/// What an embedded source runs.
struct EmbeddedSpec {
    QString url;                 ///< database URL (may hold a password; never shown)
    PoolConfig pool;             ///< pool settings; pool.name names the pool
    WorkloadConfig workload;     ///< the load generator's settings
    bool runWorkload = true;     ///< start the workload with the pool
    int intervalMs = 100;        ///< time between two snapshots
    qint64 probeTimeoutMs = 10'000;  ///< the first connection's deadline
};

/// Embedded source: owns the driver, the pool and the workload. Lives on a
/// worker thread (see Source); the pool's and the workload's own threads do
/// the database work, this thread only polls and runs commands.
class EmbeddedSource final : public Source {
    Q_OBJECT
public:
    explicit EmbeddedSource(EmbeddedSpec spec, QObject* parent = nullptr);
    /// Calls stop().
    ~EmbeddedSource() override;

    /// "embedded <masked url>".
    QString description() const override { return description_; }
    Controls controls() const override;

public slots:
    /// Opens the driver, probes one connection (up to probeTimeoutMs), starts
    /// the pool and, if asked, the workload, then polls every intervalMs.
    void start() override;
    void stop() override;
    void reconfigure(const poolscope::PoolConfig& config) override;
    void setWorkload(const poolscope::WorkloadConfig& config, bool run) override;
    void lifecycleAction(const QString& action) override;
    void restartServer() override;
    /// Emits one snapshot and the pending events now (the timer calls it).
    void poll();

private:
    /// A stopped workload finishing on its own thread, so that joining workers
    /// blocked in acquire() never stalls this thread's polling.
    struct Retiring {
        std::unique_ptr<Workload> workload;
        std::shared_ptr<std::atomic<bool>> done;
        std::thread joiner;
    };
    void retireWorkload();
    void reapRetired(bool wait);
    void emitWorkloadSummary();

    EmbeddedSpec spec_;
    QString description_;
    bool isSim_ = false;
    ServerLimits limits_;
    std::shared_ptr<Driver> driver_;
    std::unique_ptr<Pool> pool_;
    std::unique_ptr<Workload> workload_;
    std::vector<Retiring> retiring_;
    QTimer* timer_ = nullptr;
    int polls_ = 0;
    bool stopped_ = false;
};

}  // namespace poolscope
