// Pool: the single place where connection states and the pool lifecycle change.
#include "core/pool/ConnectionBag.h"
#include "core/pool/Pool.h"
#include "core/pool/PoolStats.h"

namespace poolscope {

bool Pool::transition(PoolEntry* entry, ConnState from, ConnState to, Reason reason, int64_t nowNs) {
    const uint64_t conn = entry->id.load(std::memory_order_relaxed);
    const int edge = connEdgeIndex(from, to);
    if (edge < 0) {
        stats_->recordIllegal(conn, from, to, nowNs);
        return false;
    }
    if (from == ConnState::Idle) {
        // Leaving Idle is a claim other threads race for: compare-and-set.
        ConnState expected = from;
        if (!entry->state.compare_exchange_strong(expected, to, std::memory_order_seq_cst)) return false;
    } else {
        // Out of Allocating, InUse or Returning only the owner moves the entry
        // (others only ever compare-and-set from Idle), so a checked store
        // suffices and saves a locked instruction on the hot path. seq_cst:
        // together with waitingCount_ it forms the Dekker handshake between a
        // releasing thread and a thread about to wait (see finishReturn).
        if (entry->state.load(std::memory_order_relaxed) != from) return false;
        if (to == ConnState::Idle) entry->state.store(to, std::memory_order_seq_cst);
        else entry->state.store(to, std::memory_order_release);
    }
    entry->stateSinceNs.store(nowNs, std::memory_order_relaxed);
    stats_->recordTransition(edge, conn, from, to, reason, nowNs);
    return true;
}

[[gnu::noinline]] bool Pool::destroy(PoolEntry* entry, ConnState from, Reason reason) {
    const int64_t now = clock_->coarseNowNs();
    if (!transition(entry, from, ConnState::Destroyed, reason, now)) return false;
    switch (reason) {
        case Reason::MaxIdle: closedMaxIdle_.fetch_add(1, std::memory_order_relaxed); break;
        case Reason::MaxIdleTime: closedMaxIdleTime_.fetch_add(1, std::memory_order_relaxed); break;
        case Reason::MaxLifetime: closedMaxLifetime_.fetch_add(1, std::memory_order_relaxed); break;
        case Reason::Broken: closedBroken_.fetch_add(1, std::memory_order_relaxed); break;
        case Reason::ValidationFailed: closedValidation_.fetch_add(1, std::memory_order_relaxed); break;
        default: break;
    }
    entry->holder.clear();
    entry->stack.clear();
    entry->serverId.store(0, std::memory_order_relaxed);
    // Close the physical connection without holding the pool lock: a close
    // can take a network round trip.
    std::unique_ptr<Connection> closing = std::move(entry->connection);
    if (closing) {
        closing.reset();
        destroyed_.fetch_add(1, std::memory_order_relaxed);
    }
    std::lock_guard lock(mu_);
    bag_->freeSlot(entry);
    reserved_.fetch_sub(1, std::memory_order_relaxed);
    // A slot is free: the oldest waiter may now open a connection.
    wakeWaitersLocked(false);
    return true;
}

Status Pool::changeLifecycleLocked(Lifecycle to) {
    const Lifecycle from = lifecycle_.load(std::memory_order_acquire);
    if (!isLegal(from, to))
        return Status::fail("pool \"" + name_ + "\" is " + std::string(toString(from)) + "; it cannot become " +
                            std::string(toString(to)));
    lifecycle_.store(to, std::memory_order_release);
    return Status::ok();
}

void Pool::wakeWaitersLocked(bool all) {
    for (Waiter* w : waiters_) {
        w->wake = true;
        w->cv.notify_one();
        if (!all) break;
    }
}

void Pool::applyHotSettings(const PoolConfig& c) {
    maxOpen_.store(c.maxOpen, std::memory_order_relaxed);
    maxIdle_.store(c.maxIdle, std::memory_order_relaxed);
    maxLifetimeNs_.store(c.maxLifetimeMs * 1'000'000, std::memory_order_relaxed);
    acquireTimeoutMs_.store(c.acquireTimeoutMs, std::memory_order_relaxed);
    leakThresholdNs_.store(c.leakThresholdMs * 1'000'000, std::memory_order_relaxed);
    validationMode_.store(static_cast<int>(c.validation.mode), std::memory_order_relaxed);
    validationIdleNs_.store(c.validation.idleMs * 1'000'000, std::memory_order_relaxed);
    validationTimeoutMs_.store(c.validationTimeoutMs, std::memory_order_relaxed);
}

int64_t Pool::countInState(ConnState state) const {
    int64_t n = 0;
    bag_->forEach([&](const PoolEntry& e) {
        if (e.state.load(std::memory_order_relaxed) == state) ++n;
    });
    return n;
}

std::string Pool::timeoutMessage(int64_t waitedMs, int64_t waiting) const {
    return "pool \"" + name_ + "\": connection not available, request timed out after " +
           std::to_string(waitedMs) + " ms (max_open=" + std::to_string(maxOpen_.load()) +
           ", in_use=" + std::to_string(countInState(ConnState::InUse)) +
           ", waiting=" + std::to_string(waiting) + ")";
}

}  // namespace poolscope
