// Pool: acquire, validation on borrow, release and the hand-off to waiters.
#include <algorithm>

#include "core/pool/ConnectionBag.h"
#include "core/pool/LeakRegistry.h"
#include "core/pool/Pool.h"
#include "core/pool/PoolStats.h"
#include "core/pool/StackTrace.h"
#include "core/pool/WaitHistogram.h"

namespace poolscope {

// acquire() and releaseEntry() are the hot path: flatten inlines what they
// call from this unit (core/pool/CMakeLists.txt: the hot-path unity group);
// the rare paths they may take stay out of line (noinline).
[[gnu::flatten]] Result<Lease> Pool::acquire(std::string_view holder) {
    const int64_t start = clock_->coarseNowNsFast();
    if (lifecycle_.load(std::memory_order_acquire) == Lifecycle::Started) {
        PoolEntry* e = bag_->takeThreadLocal([&](PoolEntry* c) {
            return transition(c, ConnState::Idle, ConnState::Allocating, Reason::Acquire, start);
        });
        if (e != nullptr && grant(e, holder, start))
            return Lease(this, e, e->uses.load(std::memory_order_relaxed));
    }
    return acquireSlow(holder, start);
}

[[gnu::noinline]] Result<Lease> Pool::acquireSlow(std::string_view holder, int64_t /*coarseStartNs*/) {
    // Waits are measured with the precise clock; entry timestamps use the coarse one.
    const int64_t startNs = clock_->nowNs();
    const int64_t timeoutMs = acquireTimeoutMs_.load(std::memory_order_relaxed);
    const Deadline deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    auto tryTakeIdle = [&](PoolEntry* c) {
        return transition(c, ConnState::Idle, ConnState::Allocating, Reason::Acquire, clock_->coarseNowNs());
    };
    Waiter w;
    bool queued = false;
    int64_t queuedAtNs = 0;
    // After a failed connect the caller keeps its place and retries with
    // backoff until its deadline (the database may be restarting); a
    // connection released meanwhile still reaches it.
    std::string lastConnectError;
    std::chrono::milliseconds backoff{0};
    Deadline retryAt = Deadline::min();

    std::unique_lock lk(mu_);
    // A wake is consumed before looking at the idle set: a release that
    // finds wakePending_ set relies on this look coming after its store of
    // Idle (seq_cst on both sides).
    auto consumeWake = [&] {
        if (!w.wake) return;
        w.wake = false;
        wakePending_.store(false, std::memory_order_seq_cst);
    };
    auto leaveQueue = [&] {
        consumeWake();
        if (!queued) return;
        auto it = std::find(waiters_.begin(), waiters_.end(), &w);
        if (it != waiters_.end()) {
            const bool head = it == waiters_.begin();
            waiters_.erase(it);
            if (head) updateHandoffDueLocked();
        }
        waitingCount_.fetch_sub(1, std::memory_order_seq_cst);
        queued = false;
        const int64_t waited = clock_->nowNs() - queuedAtNs;
        waitCount_.fetch_add(1, std::memory_order_relaxed);
        waitNs_.fetch_add(static_cast<uint64_t>(std::max<int64_t>(0, waited)), std::memory_order_relaxed);
    };
    auto finish = [&](PoolEntry* e) -> std::optional<Lease> {
        // Called without the lock; on false the connection was destroyed.
        if (!grant(e, holder, clock_->coarseNowNs())) return std::nullopt;
        const int64_t now = clock_->nowNs();
        waitHistogram_->record(now - startNs, true, now, stats_->acquiredTotal());
        return Lease(this, e, e->uses.load(std::memory_order_relaxed));
    };

    for (;;) {
        consumeWake();
        const Lifecycle lc = lifecycle_.load(std::memory_order_acquire);
        if (w.granted != nullptr) {
            PoolEntry* e = std::exchange(w.granted, nullptr);
            leaveQueue();
            lk.unlock();
            if (lc == Lifecycle::Terminated) {
                destroy(e, ConnState::Allocating, Reason::PoolClosed);
                return Error{"pool \"" + name_ + "\" is closed"};
            }
            if (auto lease = finish(e)) return std::move(*lease);
            lk.lock();
            continue;
        }
        if (lc == Lifecycle::Terminated || lc == Lifecycle::Initial) {
            leaveQueue();
            return Error{"pool \"" + name_ + "\" is " +
                         (lc == Lifecycle::Initial ? "not started" : "closed")};
        }
        if (lc == Lifecycle::Started) {
            if (PoolEntry* e = bag_->takeIdle(tryTakeIdle)) {
                leaveQueue();
                lk.unlock();
                if (auto lease = finish(e)) return std::move(*lease);
                lk.lock();
                continue;
            }
            bool full = false;
            PoolEntry* slot = nullptr;
            if (backoff.count() == 0 || std::chrono::steady_clock::now() >= retryAt) {
                slot = reserveSlotLocked(full);
                if (slot == nullptr && !full) {
                    leaveQueue();
                    return Error{"pool \"" + name_ + "\": no free slot (the pool holds " +
                                 std::to_string(ConnectionBag::kMaxSlots) + " connections)"};
                }
            }
            if (slot != nullptr) {
                // Out of the queue while connecting: a hand-off now would
                // leave us two connections. After a failure we queue again.
                leaveQueue();
                lk.unlock();
                auto opened = openConnection(slot, Reason::Connect, deadline);
                if (!opened) {
                    // Counted as a connect error. A server that refused the
                    // credentials or the request will refuse them again: the
                    // caller hears it now. Otherwise (unreachable, restarting,
                    // full) it waits on while it has time, retrying with
                    // backoff. A retry cut short by the caller's own deadline
                    // says nothing about the server: the error quoted stays
                    // the one an earlier attempt got (the server's own words).
                    const ConnectErrorClass cls = opened.error().connectClass;
                    if (cls == ConnectErrorClass::Authentication || cls == ConnectErrorClass::Configuration)
                        return Error{"pool \"" + name_ + "\": " + opened.message()};
                    const bool cutByDeadline = std::chrono::steady_clock::now() >= deadline;
                    if (lastConnectError.empty() || !cutByDeadline) lastConnectError = opened.message();
                    backoff = std::min(kMaxConnectBackoff, backoff.count() == 0 ? kFirstConnectBackoff : backoff * 2);
                    retryAt = std::chrono::steady_clock::now() + backoff;
                    lk.lock();
                    if (std::chrono::steady_clock::now() < deadline) continue;
                    const int64_t waiting = waitingCount_.load(std::memory_order_relaxed);
                    timeouts_.fetch_add(1, std::memory_order_relaxed);
                    const int64_t now = clock_->nowNs();
                    waitHistogram_->record(now - startNs, false, now, stats_->acquiredTotal());
                    lk.unlock();
                    return Error{timeoutMessage(timeoutMs, waiting) + "; last connect error: " + lastConnectError};
                }
                if (auto lease = finish(*opened)) return std::move(*lease);
                lk.lock();
                continue;
            }
        }
        if (!queued) {
            w.queuedAtNs = clock_->coarseNowNs();
            waiters_.push_back(&w);
            if (waiters_.size() == 1) updateHandoffDueLocked();
            waitingCount_.fetch_add(1, std::memory_order_seq_cst);
            queued = true;
            queuedAtNs = clock_->nowNs();
            continue;  // look at the idle set once more now that releasers can see us
        }
        const Deadline wakeAt = backoff.count() > 0 && retryAt > std::chrono::steady_clock::now()
                                    ? std::min(deadline, retryAt)
                                    : deadline;
        if (w.cv.wait_until(lk, wakeAt) == std::cv_status::timeout && w.granted == nullptr && !w.wake &&
            std::chrono::steady_clock::now() >= deadline) {
            const int64_t waiting = waitingCount_.load(std::memory_order_relaxed);
            leaveQueue();
            timeouts_.fetch_add(1, std::memory_order_relaxed);
            const int64_t now = clock_->nowNs();
            waitHistogram_->record(now - startNs, false, now, stats_->acquiredTotal());
            lk.unlock();
            std::string msg = timeoutMessage(timeoutMs, waiting);
            if (!lastConnectError.empty()) msg += "; last connect error: " + lastConnectError;
            return Error{std::move(msg)};
        }
    }
}

PoolEntry* Pool::reserveSlotLocked(bool& full) {
    const int64_t maxOpen = maxOpen_.load(std::memory_order_relaxed);
    full = maxOpen > 0 && reserved_.load(std::memory_order_relaxed) >= maxOpen;
    if (full) return nullptr;
    PoolEntry* slot = bag_->reserveSlot();
    if (slot != nullptr) reserved_.fetch_add(1, std::memory_order_relaxed);
    return slot;
}

Result<PoolEntry*> Pool::openConnection(PoolEntry* slot, Reason reason, Deadline deadline) {
    const int64_t now = clock_->coarseNowNs();
    slot->id.store(nextConnId_.fetch_add(1, std::memory_order_relaxed), std::memory_order_relaxed);
    slot->createdNs.store(now, std::memory_order_relaxed);
    slot->lastUsedNs.store(now, std::memory_order_relaxed);
    slot->usesAtBirth.store(slot->uses.load(std::memory_order_relaxed), std::memory_order_relaxed);
    slot->leakReportedUse.store(slot->uses.load(std::memory_order_relaxed), std::memory_order_relaxed);
    slot->internalUse.store(reason == Reason::Refill, std::memory_order_relaxed);
    // Born through the table (Destroyed → Allocating, counted and recorded):
    // visible to snapshots and views while the connect runs. The slot is ours
    // since its reservation, so this cannot lose a race.
    transition(slot, ConnState::Destroyed, ConnState::Allocating, reason, now);

    auto conn = driver_->connect(deadline);
    if (!conn) {
        connectErrors_.fetch_add(1, std::memory_order_release);  // after the birth: see snapshot()
        {
            std::lock_guard lock(errorMu_);
            lastConnectError_ = conn.message();
            lastConnectErrorMs_ = clock_->wallMs();
            lastConnectErrorClass_ = conn.error().connectClass;
        }
        destroy(slot, ConnState::Allocating, Reason::ConnectFailed);
        return conn.error();
    }
    slot->serverId.store((*conn)->serverId(), std::memory_order_relaxed);
    slot->connection = std::move(conn.value());
    created_.fetch_add(1, std::memory_order_release);  // after the birth: see snapshot()
    return slot;
}

bool Pool::validateOnBorrow(PoolEntry* e, int64_t nowNs) {
    const auto mode = static_cast<ValidationPolicy::Mode>(validationMode_.load(std::memory_order_relaxed));
    if (mode == ValidationPolicy::Mode::Never) return true;
    // A connection opened moments ago for this very caller needs no ping.
    if (e->uses.load(std::memory_order_relaxed) == e->usesAtBirth.load(std::memory_order_relaxed)) return true;
    if (mode == ValidationPolicy::Mode::IdleFor &&
        nowNs - e->lastUsedNs.load(std::memory_order_relaxed) <= validationIdleNs_.load(std::memory_order_relaxed))
        return true;
    const Deadline deadline = std::chrono::steady_clock::now() +
                              std::chrono::milliseconds(validationTimeoutMs_.load(std::memory_order_relaxed));
    if (e->connection->validate(deadline)) {
        e->lastUsedNs.store(nowNs, std::memory_order_relaxed);
        return true;
    }
    validationFailures_.fetch_add(1, std::memory_order_relaxed);
    destroy(e, ConnState::Allocating, Reason::ValidationFailed);
    return false;
}

bool Pool::grant(PoolEntry* e, std::string_view holder, int64_t nowNs) {
    if (!validateOnBorrow(e, nowNs)) return false;
    // Only the owner writes `uses`; readers only compare it.
    e->uses.store(e->uses.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    e->internalUse.store(false, std::memory_order_relaxed);
    if (holder.empty()) e->holder.clear();
    else e->holder.store(holder);
    if (leakThresholdNs_.load(std::memory_order_relaxed) > 0) {
        void* frames[CapturedStack::kMaxFrames];
        // Skip capture() itself, grant() and the acquire frame(s).
        e->stack.store(frames, StackTrace::capture(frames, CapturedStack::kMaxFrames, 3));
    }
    e->lastUsedNs.store(nowNs, std::memory_order_relaxed);
    return transition(e, ConnState::Allocating, ConnState::InUse, Reason::Granted, nowNs);
}

[[gnu::flatten]] Status Pool::releaseEntry(PoolEntry* e, uint64_t generation, bool broken) {
    const int64_t now = clock_->coarseNowNsFast();
    const ConnState cur = e->state.load(std::memory_order_acquire);
    if (cur != ConnState::InUse || e->uses.load(std::memory_order_relaxed) != generation) {
        // Not ours any more: a second release, or a stale lease.
        stats_->recordIllegal(e->id.load(std::memory_order_relaxed), cur, ConnState::Returning, now);
        return Status::fail("pool \"" + name_ + "\": release refused: this lease already gave its connection back "
                            "(double release); the pool is unchanged");
    }
    if (broken) {
        destroy(e, ConnState::InUse, Reason::Broken);
        return Status::ok();
    }
    e->holder.clear();
    e->stack.clear();
    e->lastUsedNs.store(now, std::memory_order_relaxed);
    transition(e, ConnState::InUse, ConnState::Returning, Reason::Release, now);
    finishReturn(e, now);
    return Status::ok();
}

void Pool::finishReturn(PoolEntry* e, int64_t nowNs) {
    if (lifecycle_.load(std::memory_order_acquire) == Lifecycle::Terminated) {
        destroy(e, ConnState::Returning, Reason::PoolClosed);
        return;
    }
    const int64_t maxLifetimeNs = maxLifetimeNs_.load(std::memory_order_relaxed);
    if (maxLifetimeNs > 0 && nowNs - e->createdNs.load(std::memory_order_relaxed) >= maxLifetimeNs) {
        destroy(e, ConnState::Returning, Reason::MaxLifetime);
        return;
    }
    // Starvation mode: the oldest waiter has waited long enough; no barging.
    if (waitingCount_.load(std::memory_order_seq_cst) > 0 &&
        nowNs >= handoffDueNs_.load(std::memory_order_relaxed)) {
        std::lock_guard lock(mu_);
        if (handOffLocked(e, ConnState::Returning, nowNs)) return;
    }
    const int64_t maxOpen = maxOpen_.load(std::memory_order_relaxed);
    const int64_t maxIdle = maxIdle_.load(std::memory_order_relaxed);
    // Too many connections (max_open was lowered) or too many idle ones.
    if ((maxOpen > 0 && reserved_.load(std::memory_order_relaxed) > maxOpen) ||
        ((maxOpen == 0 || maxIdle < maxOpen) && countInState(ConnState::Idle) >= maxIdle)) {
        destroy(e, ConnState::Returning, Reason::MaxIdle);
        return;
    }
    transition(e, ConnState::Returning, ConnState::Idle, Reason::Recycle, nowNs);
    bag_->noteReturned(e);
    // Normal mode: the connection is idle, a running caller may take it. A
    // caller may have queued between our check above and the store of Idle:
    // it either saw this entry idle, or we see it waiting now (both sides use
    // seq_cst), so nobody sleeps next to an idle connection.
    if (waitingCount_.load(std::memory_order_seq_cst) > 0) wakeOldest(e, nowNs);
}

[[gnu::noinline]] void Pool::wakeOldest(PoolEntry* e, int64_t nowNs) {
    // A woken waiter that has not looked yet will see this entry idle (it
    // clears wakePending_ before it looks).
    if (wakePending_.load(std::memory_order_seq_cst)) return;
    std::lock_guard lock(mu_);
    if (waiters_.empty() || wakePending_.load(std::memory_order_relaxed)) return;
    if (nowNs >= handoffDueNs_.load(std::memory_order_relaxed) && handOffLocked(e, ConnState::Idle, nowNs))
        return;
    Waiter* w = waiters_.front();
    w->wake = true;
    wakePending_.store(true, std::memory_order_relaxed);
    w->cv.notify_one();
}

[[gnu::noinline]] bool Pool::handOffLocked(PoolEntry* e, ConnState from, int64_t nowNs) {
    if (lifecycle_.load(std::memory_order_acquire) != Lifecycle::Started || waiters_.empty()) return false;
    if (!transition(e, from, ConnState::Allocating, Reason::Handoff, nowNs)) return false;
    Waiter* w = waiters_.front();
    waiters_.pop_front();
    updateHandoffDueLocked();
    w->granted = e;
    w->cv.notify_one();
    return true;
}

void Pool::updateHandoffDueLocked() {
    handoffDueNs_.store(waiters_.empty() ? INT64_MAX : waiters_.front()->queuedAtNs + kHandoffAfterMs * 1'000'000,
                        std::memory_order_relaxed);
}

void Pool::cycleInternal(PoolEntry* e, Reason reason, int64_t nowNs) {
    e->internalUse.store(true, std::memory_order_relaxed);
    transition(e, ConnState::Allocating, ConnState::InUse, reason, nowNs);
    transition(e, ConnState::InUse, ConnState::Returning, reason, nowNs);
    finishReturn(e, nowNs);
}

}  // namespace poolscope
