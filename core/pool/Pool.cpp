// Pool: construction, lifecycle, live reconfiguration and snapshots.
#include "core/pool/Pool.h"

#include "core/pool/ConnectionBag.h"
#include "core/pool/Housekeeper.h"
#include "core/pool/LeakRegistry.h"
#include "core/pool/PoolStats.h"
#include "core/pool/WaitHistogram.h"

namespace poolscope {

Pool::Pool(PoolConfig config, std::shared_ptr<Driver> driver, std::shared_ptr<const Clock> clock)
    : name_(config.name),
      driver_(std::move(driver)),
      clock_(clock ? std::move(clock) : std::make_shared<SteadyClock>()),
      bag_(std::make_unique<ConnectionBag>()),
      stats_(std::make_unique<PoolStats>()),
      waitHistogram_(std::make_unique<WaitHistogram>()),
      leaks_(std::make_unique<LeakRegistry>()),
      housekeeper_(std::make_unique<Housekeeper>(upkeep_)),
      config_(std::move(config)) {
    applyHotSettings(config_);
}

Pool::~Pool() {
    close();
    // Connections still held by leases that outlived the pool (a caller bug)
    // are closed with the bag.
}

Status Pool::start() {
    const auto findings = lintConfig(config());
    if (hasErrors(findings)) {
        std::string msg = "pool \"" + name_ + "\": invalid config:";
        for (const auto& f : findings)
            if (f.level == LintFinding::Level::Error) msg += " " + f.message + ";";
        msg.pop_back();
        return Status::fail(msg);
    }
    int64_t periodMs = 0;
    {
        std::lock_guard lock(mu_);
        if (auto s = changeLifecycleLocked(Lifecycle::Started); !s) return s;
        periodMs = config_.housekeepingMs;
    }
    housekeeper_->runOnce();  // opens min_idle connections before the first caller
    if (periodMs > 0) {
        housekeeperThread_ = std::thread([this] {
            std::unique_lock lk(mu_);
            while (!stopHousekeeper_) {
                const auto period = std::chrono::milliseconds(std::max<int64_t>(1, config_.housekeepingMs));
                housekeeperCv_.wait_for(lk, period, [this] { return stopHousekeeper_; });
                if (stopHousekeeper_) break;
                lk.unlock();
                housekeeper_->runOnce();
                lk.lock();
            }
        });
    }
    return Status::ok();
}

Status Pool::suspend() {
    std::lock_guard lock(mu_);
    return changeLifecycleLocked(Lifecycle::Suspended);
}

Status Pool::resume() {
    std::lock_guard lock(mu_);
    if (auto s = changeLifecycleLocked(Lifecycle::Started); !s) return s;
    wakeWaitersLocked(true);
    return Status::ok();
}

void Pool::close() {
    {
        std::lock_guard lock(mu_);
        const Lifecycle cur = lifecycle_.load(std::memory_order_acquire);
        if (cur == Lifecycle::Started || cur == Lifecycle::Suspended) {
            (void)changeLifecycleLocked(Lifecycle::Terminated);
            wakeWaitersLocked(true);
        }
        stopHousekeeper_ = true;
    }
    housekeeperCv_.notify_all();
    if (housekeeperThread_.joinable()) housekeeperThread_.join();
    bag_->forEach([&](PoolEntry& e) {
        if (e.state.load() == ConnState::Idle) destroy(&e, ConnState::Idle, Reason::PoolClosed);
    });
}

Status Pool::reconfigure(const PoolConfig& config) {
    const auto findings = lintConfig(config);
    if (hasErrors(findings)) {
        std::string msg = "pool \"" + name_ + "\": new config refused:";
        for (const auto& f : findings)
            if (f.level == LintFinding::Level::Error) msg += " " + f.message + ";";
        msg.pop_back();
        return Status::fail(msg);
    }
    if (config.name != name_)
        return Status::fail("pool \"" + name_ + "\": a pool cannot be renamed while it runs");
    std::lock_guard lock(mu_);
    const int64_t housekeeping = config_.housekeepingMs;  // fixed at start()
    config_ = config;
    config_.housekeepingMs = housekeeping;
    applyHotSettings(config_);
    // More room or shorter timeouts: let every waiter look again.
    wakeWaitersLocked(true);
    return Status::ok();
}

PoolConfig Pool::config() const {
    std::lock_guard lock(mu_);
    return config_;
}

void Pool::evictIdle() {
    bag_->forEach([&](PoolEntry& e) {
        if (e.state.load() == ConnState::Idle) destroy(&e, ConnState::Idle, Reason::Evicted);
    });
}

PoolSnapshot Pool::snapshot() const {
    PoolSnapshot s;
    const int64_t now = clock_->coarseNowNs();
    s.tMs = clock_->wallMs();
    s.pool = name_;
    s.driver = std::string(driver_->name());
    s.lifecycle = lifecycle();
    s.config = config();
    const int64_t leakNs = leakThresholdNs_.load(std::memory_order_relaxed);
    bag_->forEach([&](const PoolEntry& e) {
        const ConnState st = e.state.load(std::memory_order_acquire);
        if (st == ConnState::Destroyed) return;
        switch (st) {
            case ConnState::Idle: ++s.counts.idle; break;
            case ConnState::Allocating: ++s.counts.allocating; break;
            case ConnState::InUse: ++s.counts.inUse; break;
            case ConnState::Returning: ++s.counts.returning; break;
            case ConnState::Destroyed: break;
        }
        ConnectionInfo c;
        c.id = e.id.load(std::memory_order_relaxed);
        c.state = st;
        c.createdMs = clock_->toWallMs(e.createdNs.load(std::memory_order_relaxed));
        const int64_t since = e.stateSinceNs.load(std::memory_order_relaxed);
        c.sinceMs = clock_->toWallMs(since);
        const uint64_t uses = e.uses.load(std::memory_order_relaxed);
        c.uses = uses - e.usesAtBirth.load(std::memory_order_relaxed);
        c.serverId = e.serverId.load(std::memory_order_relaxed);
        if (st == ConnState::InUse) {
            c.holder = e.internalUse.load(std::memory_order_relaxed) ? "housekeeper" : e.holder.load();
            c.leaked = leakNs > 0 && !e.internalUse.load(std::memory_order_relaxed) && now - since >= leakNs;
        }
        s.connections.push_back(std::move(c));
    });
    s.counts.open = s.counts.idle + s.counts.inUse + s.counts.allocating + s.counts.returning;
    s.counts.waiting = waitingCount_.load(std::memory_order_relaxed);

    PoolTotals& t = s.totals;
    t.acquired = stats_->acquiredTotal();
    t.released = stats_->releasedTotal();
    // Read before the edge counters (acquire, paired with the release in
    // openConnection): a connection's birth is counted before its outcome,
    // so births >= created + connect_errors holds in every snapshot.
    t.created = created_.load(std::memory_order_acquire);
    t.connectErrors = connectErrors_.load(std::memory_order_acquire);
    t.destroyed = destroyed_.load(std::memory_order_relaxed);
    t.closedMaxIdle = closedMaxIdle_.load(std::memory_order_relaxed);
    t.closedMaxIdleTime = closedMaxIdleTime_.load(std::memory_order_relaxed);
    t.closedMaxLifetime = closedMaxLifetime_.load(std::memory_order_relaxed);
    t.closedBroken = closedBroken_.load(std::memory_order_relaxed);
    t.closedValidation = closedValidation_.load(std::memory_order_relaxed);
    t.waitCount = waitCount_.load(std::memory_order_relaxed);
    t.waitMs = static_cast<double>(waitNs_.load(std::memory_order_relaxed)) / 1e6;
    t.timeouts = timeouts_.load(std::memory_order_relaxed);
    t.validationFailures = validationFailures_.load(std::memory_order_relaxed);
    t.leaks = leaks_->total();
    t.illegalTransitions = stats_->illegalTotal();
    t.eventsDropped = stats_->droppedTotal();
    s.transitions = stats_->edgeTotals();
    s.wait = waitHistogram_->window(now, t.acquired);
    s.waitBuckets = waitHistogram_->cumulative(t.acquired);
    s.leakReports = leaks_->recent();
    s.lint = lintConfig(s.config);
    {
        std::lock_guard lock(errorMu_);
        s.lastConnectError = lastConnectError_;
        s.lastConnectErrorMs = lastConnectErrorMs_;
        s.lastConnectErrorClass = lastConnectErrorClass_;
    }
    return s;
}

size_t Pool::drainEvents(std::vector<TransitionEvent>& out) { return stats_->drain(out, *clock_); }

}  // namespace poolscope
