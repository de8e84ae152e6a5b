#pragma once
// For service authors who do not poll their pool already: a thread that
// every interval takes the pool's snapshot and events, grades its health and
// publishes all of it to an Exporter.
//
//   PoolPublisher publisher(*exporter, pool);   // every 1000 ms until destroyed

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/health/HealthEngine.h"
#include "core/health/Thresholds.h"
#include "core/telemetry/TransitionEvent.h"

namespace poolscope {

class Exporter;
class Pool;

class PoolPublisher {
public:
    /// Registers `pool` with `exporter` (with its controls: actions allowed)
    /// and starts publishing at once, then every `intervalMs`. Health uses
    /// `thresholds` (default: Thresholds::defaults()). `exporter` and `pool`
    /// must outlive this object.
    PoolPublisher(Exporter& exporter, Pool& pool, int64_t intervalMs = 1000,
                  std::optional<Thresholds> thresholds = std::nullopt);
    /// stop().
    ~PoolPublisher();
    PoolPublisher(const PoolPublisher&) = delete;
    PoolPublisher& operator=(const PoolPublisher&) = delete;

    /// Stops the thread and joins it, publishes the final state, and takes
    /// the pool's controls back from the exporter (its figures stay; actions
    /// answer 409), so the pool may be destroyed afterwards. Idempotent.
    void stop();
    /// Snapshots published so far.
    uint64_t published() const;

private:
    void publishOnce();
    void run();

    Exporter& exporter_;
    Pool& pool_;
    const int64_t intervalMs_;
    HealthEngine health_;
    std::vector<TransitionEvent> events_;  // publisher thread only
    mutable std::mutex mu_;
    std::condition_variable cv_;
    bool stop_ = false;
    uint64_t published_ = 0;
    std::thread thread_;
};

}  // namespace poolscope
