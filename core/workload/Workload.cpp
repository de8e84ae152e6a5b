#include "core/workload/Workload.h"

#include <system_error>

namespace poolscope {

using std::chrono::milliseconds;
using SteadyTime = std::chrono::steady_clock;

uint64_t WorkloadStats::errorCount() const {
    uint64_t n = 0;
    for (const auto& [message, count] : errors) n += count;
    return n;
}

Workload::Workload(WorkloadConfig config, Pool& pool, PoolFactory perRequest)
    : config_(std::move(config)), pool_(pool), factory_(std::move(perRequest)) {}

Workload::~Workload() { stop(); }

Workload::PoolFactory Workload::poolFactory(PoolConfig config, std::shared_ptr<Driver> driver) {
    return [config = std::move(config), driver = std::move(driver)] {
        return std::make_unique<Pool>(config, driver);
    };
}

Status Workload::start() {
    if (running()) return Status::fail("workload: already running");
    if (auto s = validateWorkloadConfig(config_); !s) return s;
    if (config_.poolPerRequest && !factory_)
        return Status::fail("workload: pool_per_request=true needs a pool factory");
    stopping_.store(false, std::memory_order_release);
    threads_.reserve(static_cast<size_t>(config_.workers));
    for (int64_t i = 0; i < config_.workers; ++i) {
        try {
            threads_.emplace_back([this, i] { runWorker(i); });
        } catch (const std::system_error& e) {
            const size_t started = threads_.size();
            stop();
            return Status::fail("workload: cannot start worker " + std::to_string(started + 1) +
                                " of " + std::to_string(config_.workers) + ": " + e.what());
        }
    }
    return Status::ok();
}

void Workload::requestStop() {
    {
        std::lock_guard lk(waitMu_);
        stopping_.store(true, std::memory_order_release);
    }
    waitCv_.notify_all();
}

void Workload::stop() {
    requestStop();
    for (auto& t : threads_) t.join();
    threads_.clear();
    releaseLeaked();
}

WorkloadStats Workload::stats() const {
    WorkloadStats s;
    s.ok = ok_.load(std::memory_order_relaxed);
    std::lock_guard lk(statsMu_);
    s.errors = errors_;
    s.leaked = leakedTotal_;
    return s;
}

bool Workload::waitUntil(SteadyTime::time_point deadline) {
    std::unique_lock lk(waitMu_);
    return !waitCv_.wait_until(lk, deadline, [this] { return stopping(); });
}

void Workload::countError(const std::string& message) {
    std::lock_guard lk(statsMu_);
    auto it = errors_.find(message);
    if (it != errors_.end()) {
        ++it->second;
    } else if (errors_.size() < kMaxErrorKeys) {
        errors_.emplace(message, 1);
    } else {
        ++errors_[std::string(kOtherErrors)];
    }
}

void Workload::keep(Leaked leaked) {
    std::lock_guard lk(statsMu_);
    leaked_.push_back(std::move(leaked));
    ++leakedTotal_;
}

void Workload::releaseLeaked() {
    std::vector<Leaked> leaked;
    {
        std::lock_guard lk(statsMu_);
        leaked.swap(leaked_);
    }
    for (auto& l : leaked) {
        if (auto s = l.lease.release(); !s) countError(s.message());
        if (l.owner) l.owner->close();
    }
}

void Workload::runWorker(int64_t index) {
    const std::string holder = "worker-" + std::to_string(index + 1);
    std::mt19937_64 rng(std::random_device{}() ^
                        static_cast<uint64_t>(index) * 0x9E3779B97F4A7C15ull);
    while (!stopping()) {
        if (config_.poolPerRequest) {
            servePerRequest(holder, rng);
        } else if (auto lease = serve(pool_, holder, rng)) {
            keep(Leaked{nullptr, std::move(*lease)});
        }
        // No think time: no clock, lock or wait between two requests.
        if (config_.thinkMs > 0 && !waitUntil(SteadyTime::now() + milliseconds(config_.thinkMs))) break;
    }
}

void Workload::servePerRequest(const std::string& holder, std::mt19937_64& rng) {
    std::unique_ptr<Pool> pool = factory_();
    if (!pool) {
        countError("workload: the pool factory made no pool");
        return;
    }
    if (auto s = pool->start(); !s) {
        if (!stopping()) countError(s.message());
        return;
    }
    if (auto lease = serve(*pool, holder, rng)) {
        keep(Leaked{std::move(pool), std::move(*lease)});
        return;
    }
    pool->close();
}

std::optional<Lease> Workload::serve(Pool& pool, const std::string& holder, std::mt19937_64& rng) {
    auto acquired = pool.acquire(holder);
    if (!acquired) {
        // After a stop request the pool may be closing under us: not an error
        // of the workload being measured.
        if (!stopping()) countError(acquired.message());
        return std::nullopt;
    }
    Lease lease = std::move(acquired).value();
    // No hold time: the lease goes back as soon as the query is done.
    const auto holdUntil = config_.holdMs > 0 ? SteadyTime::now() + milliseconds(config_.holdMs)
                                              : SteadyTime::time_point{};

    Status failed;
    bool inTx = false;
    if (config_.tx) {
        auto r = lease.execute("BEGIN");
        if (r)
            inTx = true;
        else
            failed = r.status();
    }
    if (failed.isOk()) {
        auto r = lease.execute(config_.query);
        if (!r) failed = r.status();
    }
    if (failed.isOk() && config_.holdMs > 0) waitUntil(holdUntil);
    if (inTx) {
        auto r = lease.execute(failed.isOk() ? "COMMIT" : "ROLLBACK");
        if (!r) {
            // A connection left inside a transaction must not be reused.
            lease.markBroken();
            if (failed.isOk()) failed = r.status();
        }
    }
    if (!failed.isOk()) {
        countError(failed.message());
        if (auto s = lease.release(); !s) countError(s.message());
        return std::nullopt;
    }
    if (config_.leakPct > 0 &&
        std::uniform_real_distribution<double>(0.0, 100.0)(rng) < config_.leakPct) {
        ok_.fetch_add(1, std::memory_order_relaxed);
        return lease;
    }
    if (auto s = lease.release(); !s) {
        countError(s.message());
        return std::nullopt;
    }
    ok_.fetch_add(1, std::memory_order_relaxed);
    return std::nullopt;
}

}  // namespace poolscope
