#include "core/pool/Housekeeper.h"

#include <algorithm>
#include <vector>

#include "core/pool/ConnectionBag.h"
#include "core/pool/LeakRegistry.h"
#include "core/pool/Pool.h"
#include "core/pool/StackTrace.h"

namespace poolscope {

Housekeeper::Report Housekeeper::runOnce() {
    std::lock_guard lock(mu_);
    Report report;
    const Lifecycle lc = pool_.lifecycle();
    if (lc != Lifecycle::Started && lc != Lifecycle::Suspended) return report;
    const int64_t now = pool_.clock_->coarseNowNs();
    trimIdle(report, now);
    detectLeaks(report, now);
    if (lc == Lifecycle::Started) refill(report, now);
    return report;
}

void Housekeeper::trimIdle(Report& report, int64_t now) {
    const PoolConfig cfg = pool_.config();
    std::vector<PoolEntry*> idle;
    pool_.bag_->forEach([&](PoolEntry& e) {
        if (e.state.load() == ConnState::Idle) idle.push_back(&e);
    });
    // Oldest idle first: those are the ones max_idle_time and max_idle retire.
    std::sort(idle.begin(), idle.end(), [](const PoolEntry* a, const PoolEntry* b) {
        return a->stateSinceNs.load(std::memory_order_relaxed) < b->stateSinceNs.load(std::memory_order_relaxed);
    });
    int64_t idleCount = static_cast<int64_t>(idle.size());
    for (PoolEntry* e : idle) {
        const int64_t age = now - e->createdNs.load(std::memory_order_relaxed);
        const int64_t idleFor = now - e->stateSinceNs.load(std::memory_order_relaxed);
        if (cfg.maxLifetimeMs > 0 && age >= cfg.maxLifetimeMs * 1'000'000) {
            if (pool_.destroy(e, ConnState::Idle, Reason::MaxLifetime)) {
                ++report.closedMaxLifetime;
                --idleCount;
            }
        } else if (cfg.maxIdleTimeMs > 0 && idleFor >= cfg.maxIdleTimeMs * 1'000'000 &&
                   idleCount > cfg.minIdle) {
            if (pool_.destroy(e, ConnState::Idle, Reason::MaxIdleTime)) {
                ++report.closedMaxIdleTime;
                --idleCount;
            }
        } else if (idleCount > cfg.maxIdle) {
            if (pool_.destroy(e, ConnState::Idle, Reason::MaxIdle)) {
                ++report.closedMaxIdle;
                --idleCount;
            }
        } else if (cfg.keepaliveMs > 0 &&
                   now - e->lastUsedNs.load(std::memory_order_relaxed) >= cfg.keepaliveMs * 1'000'000) {
            if (!pool_.transition(e, ConnState::Idle, ConnState::Allocating, Reason::Keepalive, now))
                continue;  // a caller took it meanwhile: in use is alive enough
            if (keepalive(e, now)) {
                ++report.validated;
            } else {
                ++report.validationFailed;
                --idleCount;
            }
        }
    }
}

bool Housekeeper::keepalive(PoolEntry* e, int64_t now) {
    const Deadline deadline = std::chrono::steady_clock::now() +
                              std::chrono::milliseconds(pool_.validationTimeoutMs_.load(std::memory_order_relaxed));
    if (!e->connection->validate(deadline)) {
        pool_.validationFailures_.fetch_add(1, std::memory_order_relaxed);
        pool_.destroy(e, ConnState::Allocating, Reason::ValidationFailed);
        return false;
    }
    e->lastUsedNs.store(now, std::memory_order_relaxed);
    pool_.cycleInternal(e, Reason::Keepalive, now);
    return true;
}

void Housekeeper::detectLeaks(Report& report, int64_t now) {
    const int64_t thresholdNs = pool_.leakThresholdNs_.load(std::memory_order_relaxed);
    if (thresholdNs <= 0) return;
    pool_.bag_->forEach([&](PoolEntry& e) {
        if (e.state.load() != ConnState::InUse || e.internalUse.load(std::memory_order_relaxed)) return;
        const uint64_t use = e.uses.load(std::memory_order_relaxed);
        const int64_t since = e.stateSinceNs.load(std::memory_order_relaxed);
        if (now - since < thresholdNs || e.leakReportedUse.load(std::memory_order_relaxed) == use) return;
        LeakReport r;
        r.conn = e.id.load(std::memory_order_relaxed);
        r.holder = e.holder.load();
        void* frames[CapturedStack::kMaxFrames];
        const int n = e.stack.load(frames);
        // The connection may have been released and taken again while we read:
        // report only what belongs to the holding we looked at.
        if (e.uses.load(std::memory_order_relaxed) != use || e.state.load() != ConnState::InUse) return;
        e.leakReportedUse.store(use, std::memory_order_relaxed);
        r.heldMs = (now - since) / 1'000'000;
        r.tMs = pool_.clock_->toWallMs(now);
        r.stack = StackTrace::symbolize(frames, n);
        pool_.leaks_->add(std::move(r));
        ++report.leaksReported;
    });
}

void Housekeeper::refill(Report& report, int64_t now) {
    const PoolConfig cfg = pool_.config();
    if (cfg.minIdle <= 0) return;
    int64_t idle = pool_.countInState(ConnState::Idle);
    while (idle < cfg.minIdle) {
        PoolEntry* slot = nullptr;
        {
            std::lock_guard lock(pool_.mu_);
            const int64_t maxOpen = pool_.maxOpen_.load(std::memory_order_relaxed);
            if (maxOpen > 0 && pool_.reserved_.load(std::memory_order_relaxed) >= maxOpen) return;
            slot = pool_.bag_->reserveSlot();
            if (slot == nullptr) return;
            pool_.reserved_.fetch_add(1, std::memory_order_relaxed);
        }
        const Deadline deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(cfg.acquireTimeoutMs);
        auto opened = pool_.openConnection(slot, Reason::Refill, deadline);
        if (!opened) return;  // counted as a connect error; try again next round
        pool_.cycleInternal(*opened, Reason::Refill, now);
        ++report.opened;
        ++idle;
    }
}

}  // namespace poolscope
