// Pool::Upkeep: the housekeeper's narrow view of a pool (see Housekeeper.h).
// Every change here goes through the pool's own functions and table.
#include "core/pool/ConnectionBag.h"
#include "core/pool/LeakRegistry.h"
#include "core/pool/Pool.h"

namespace poolscope {

void Pool::Upkeep::forEachEntry(const std::function<void(PoolEntry&)>& visit) const {
    pool_.bag_->forEach(visit);
}

bool Pool::Upkeep::closeIdle(PoolEntry& entry, Reason why) {
    return pool_.destroy(&entry, ConnState::Idle, why);
}

PoolUpkeep::Keepalive Pool::Upkeep::keepalive(PoolEntry& e, int64_t nowNs) {
    if (!pool_.transition(&e, ConnState::Idle, ConnState::Allocating, Reason::Keepalive, nowNs))
        return Keepalive::Taken;
    const Deadline deadline = std::chrono::steady_clock::now() +
                              std::chrono::milliseconds(pool_.validationTimeoutMs_.load(std::memory_order_relaxed));
    if (!e.connection->validate(deadline)) {
        pool_.validationFailures_.fetch_add(1, std::memory_order_relaxed);
        pool_.destroy(&e, ConnState::Allocating, Reason::ValidationFailed);
        return Keepalive::Failed;
    }
    e.lastUsedNs.store(nowNs, std::memory_order_relaxed);
    pool_.cycleInternal(&e, Reason::Keepalive, nowNs);
    return Keepalive::Alive;
}

bool Pool::Upkeep::openIdle(int64_t nowNs) {
    PoolEntry* slot = nullptr;
    {
        std::lock_guard lock(pool_.mu_);
        bool full = false;
        slot = pool_.reserveSlotLocked(full);
    }
    if (slot == nullptr) return false;
    const Deadline deadline = std::chrono::steady_clock::now() +
                              std::chrono::milliseconds(pool_.acquireTimeoutMs_.load(std::memory_order_relaxed));
    auto opened = pool_.openConnection(slot, Reason::Refill, deadline);
    if (!opened) return false;
    pool_.cycleInternal(*opened, Reason::Refill, nowNs);
    return true;
}

int64_t Pool::Upkeep::leakThresholdNs() const {
    return pool_.leakThresholdNs_.load(std::memory_order_relaxed);
}

void Pool::Upkeep::reportLeak(LeakReport report) { pool_.leaks_->add(std::move(report)); }

}  // namespace poolscope
