#include "core/exporter/PoolPublisher.h"

#include "core/exporter/Exporter.h"
#include "core/pool/Pool.h"

namespace poolscope {

PoolPublisher::PoolPublisher(Exporter& exporter, Pool& pool, int64_t intervalMs,
                             std::optional<Thresholds> thresholds)
    : exporter_(exporter),
      pool_(pool),
      intervalMs_(std::max<int64_t>(1, intervalMs)),
      health_(thresholds ? std::move(*thresholds) : Thresholds::defaults()) {
    exporter_.addPool(pool_.name(), &pool_);
    thread_ = std::thread([this] { run(); });
}

PoolPublisher::~PoolPublisher() { stop(); }

void PoolPublisher::publishOnce() {
    events_.clear();
    pool_.drainEvents(events_);
    const PoolSnapshot snapshot = pool_.snapshot();
    const PoolHealth health = health_.evaluate(snapshot);
    exporter_.publish(snapshot, events_, health);
    std::lock_guard lk(mu_);
    ++published_;
}

void PoolPublisher::run() {
    std::unique_lock lk(mu_);
    while (!stop_) {
        lk.unlock();
        publishOnce();
        lk.lock();
        cv_.wait_for(lk, std::chrono::milliseconds(intervalMs_), [&] { return stop_; });
    }
}

void PoolPublisher::stop() {
    {
        std::lock_guard lk(mu_);
        if (stop_) return;
        stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
    publishOnce();  // the final state stays visible
    exporter_.addPool(pool_.name(), nullptr);  // no more actions on the pool
}

uint64_t PoolPublisher::published() const {
    std::lock_guard lk(mu_);
    return published_;
}

}  // namespace poolscope
