#include "core/pool/Housekeeper.h"

#include <algorithm>
#include <vector>

#include "core/pool/PoolEntry.h"
#include "core/pool/StackTrace.h"

namespace poolscope {

Housekeeper::Report Housekeeper::runOnce() {
    std::lock_guard lock(mu_);
    Report report;
    const Lifecycle lc = pool_.lifecycle();
    if (lc != Lifecycle::Started && lc != Lifecycle::Suspended) return report;
    const int64_t now = pool_.clock().coarseNowNs();
    trimIdle(report, now);
    detectLeaks(report, now);
    if (lc == Lifecycle::Started) refill(report, now);
    return report;
}

void Housekeeper::trimIdle(Report& report, int64_t now) {
    const PoolConfig cfg = pool_.config();
    std::vector<PoolEntry*> idle;
    pool_.forEachEntry([&](PoolEntry& e) {
        if (e.state.load() == ConnState::Idle) idle.push_back(&e);
    });
    // Oldest idle first: those are the ones max_idle_time and max_idle retire.
    std::sort(idle.begin(), idle.end(), [](const PoolEntry* a, const PoolEntry* b) {
        return a->stateSinceNs.load(std::memory_order_relaxed) < b->stateSinceNs.load(std::memory_order_relaxed);
    });
    int64_t idleCount = static_cast<int64_t>(idle.size());
    auto close = [&](PoolEntry* e, Reason why, int& counter) {
        if (!pool_.closeIdle(*e, why)) return;
        ++counter;
        --idleCount;
    };
    for (PoolEntry* e : idle) {
        const int64_t age = now - e->createdNs.load(std::memory_order_relaxed);
        const int64_t idleFor = now - e->stateSinceNs.load(std::memory_order_relaxed);
        if (cfg.maxLifetimeMs > 0 && age >= cfg.maxLifetimeMs * 1'000'000) {
            close(e, Reason::MaxLifetime, report.closedMaxLifetime);
        } else if (cfg.maxIdleTimeMs > 0 && idleFor >= cfg.maxIdleTimeMs * 1'000'000 &&
                   idleCount > cfg.minIdle) {
            close(e, Reason::MaxIdleTime, report.closedMaxIdleTime);
        } else if (idleCount > cfg.maxIdle) {
            close(e, Reason::MaxIdle, report.closedMaxIdle);
        } else if (cfg.keepaliveMs > 0 &&
                   now - e->lastUsedNs.load(std::memory_order_relaxed) >= cfg.keepaliveMs * 1'000'000) {
            switch (pool_.keepalive(*e, now)) {
                case PoolUpkeep::Keepalive::Alive: ++report.validated; break;
                case PoolUpkeep::Keepalive::Failed:
                    ++report.validationFailed;
                    --idleCount;
                    break;
                case PoolUpkeep::Keepalive::Taken: break;  // in use is alive enough
            }
        }
    }
}

void Housekeeper::detectLeaks(Report& report, int64_t now) {
    const int64_t thresholdNs = pool_.leakThresholdNs();
    if (thresholdNs <= 0) return;
    pool_.forEachEntry([&](PoolEntry& e) {
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
        r.tMs = pool_.clock().toWallMs(now);
        r.stack = StackTrace::symbolize(frames, n);
        pool_.reportLeak(std::move(r));
        ++report.leaksReported;
    });
}

void Housekeeper::refill(Report& report, int64_t now) {
    const PoolConfig cfg = pool_.config();
    if (cfg.minIdle <= 0) return;
    // A failed connect is counted by the pool; the next round tries again.
    for (int64_t idle = pool_.idleCount(); idle < cfg.minIdle && pool_.openIdle(now); ++idle) ++report.opened;
}

}  // namespace poolscope
