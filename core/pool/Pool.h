#pragma once
// A real connection pool whose every state change can be seen.
//
//   auto pool = std::make_unique<Pool>(config, driver);
//   pool->start();
//   if (auto lease = pool->acquire("OrderService.create")) {
//       lease->execute("INSERT ...");
//   }   // released here
//
// Acquire reuses the most recently returned idle connection (per thread first,
// then the shared set), else opens a new one while under max_open (the connect
// runs outside any lock), else waits in a FIFO queue. A released connection
// goes back to the idle set and wakes the oldest waiter; a running caller may
// take it first (barging, as in Go's sync.Mutex normal mode), which keeps a
// connection on a running thread instead of paying two context switches per
// cycle. Once the oldest waiter has waited kHandoffAfterMs, every release
// hands its connection straight to the oldest waiter (starvation mode) until
// the queue's head has waited less than that.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/drivers/Driver.h"
#include "core/pool/ConnState.h"
#include "core/pool/Housekeeper.h"
#include "core/pool/PoolConfig.h"
#include "core/telemetry/Snapshot.h"
#include "core/telemetry/TransitionEvent.h"
#include "core/util/Clock.h"
#include "core/util/Result.h"

namespace poolscope {

class Pool;
class PoolEntry;
class ConnectionBag;
class PoolStats;
class WaitHistogram;
class LeakRegistry;

/// A connection borrowed from a Pool. Move-only; released when destroyed.
/// Not thread-safe: one thread uses a lease at a time.
class Lease {
public:
    Lease() = default;
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&& other) noexcept;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

    /// True while this lease holds a connection (acquired, not yet released).
    bool valid() const { return entry_ != nullptr && !released_; }
    /// Id of the pooled connection (stable for its lifetime).
    uint64_t connectionId() const;
    /// The driver connection. Precondition: valid().
    Connection& connection();
    /// Runs a statement; a fatal driver error marks the connection broken so
    /// release() destroys it instead of returning it to the pool.
    Result<QueryResult> execute(std::string_view sql, int64_t timeoutMs = 0);
    /// Tells the pool that this connection must not be reused.
    void markBroken() { broken_ = true; }
    /// Gives the connection back. A second call is refused by the pool (counted
    /// as an illegal transition) with an error, and changes nothing.
    Status release();

private:
    friend class Pool;
    Lease(Pool* pool, PoolEntry* entry, uint64_t generation)
        : pool_(pool), entry_(entry), generation_(generation) {}
    Pool* pool_ = nullptr;
    PoolEntry* entry_ = nullptr;
    uint64_t generation_ = 0;
    bool released_ = false;
    bool broken_ = false;
};

/// The pool. All public functions are thread-safe.
class Pool {
public:
    /// The pool does not connect until start(). `clock` defaults to SteadyClock.
    Pool(PoolConfig config, std::shared_ptr<Driver> driver,
         std::shared_ptr<const Clock> clock = nullptr);
    /// Terminates the pool (close()) and waits for the housekeeper thread.
    /// Every Lease must be gone before the pool is destroyed.
    ~Pool();
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;

    /// INITIAL → STARTED: starts the housekeeper (if housekeeping_ms > 0) and
    /// opens min_idle connections. Refused when the config has lint errors.
    Status start();
    /// STARTED → SUSPENDED: acquire waits (counted as waiting) until resume()
    /// or its timeout; release still works.
    Status suspend();
    /// SUSPENDED → STARTED: waiting acquires proceed.
    Status resume();
    /// → TERMINATED: acquire fails at once, waiters wake with an error, idle
    /// connections are closed, in-use ones are closed when released. Idempotent.
    void close();
    Lifecycle lifecycle() const { return lifecycle_.load(std::memory_order_acquire); }

    /// A waiter that has waited this long (by the pool's coarse clock, so up
    /// to one tick of it more) is handed the next released connection: no
    /// caller arriving later can take a connection ahead of it from then on.
    static constexpr int64_t kHandoffAfterMs = 1;
    /// After a failed connect, acquire waits (still in the queue, so a
    /// released connection reaches it) and tries again: first after this
    /// long, doubling up to kMaxConnectBackoff, and fails only at its
    /// acquire_timeout, with the last connect error in the message.
    static constexpr std::chrono::milliseconds kFirstConnectBackoff{10};
    static constexpr std::chrono::milliseconds kMaxConnectBackoff{250};

    /// Borrows a connection, waiting up to acquire_timeout. `holder` labels the
    /// borrower in snapshots and leak reports (e.g. "OrderService.create").
    Result<Lease> acquire(std::string_view holder = {});

    /// Applies max_open, max_idle, min_idle, timeouts, validation, keepalive and
    /// leak threshold without restarting. Refused (and nothing changed) when the
    /// new config has lint errors. Shrinking max_open closes no in-use
    /// connection: the pool converges as they come back.
    Status reconfigure(const PoolConfig& config);
    PoolConfig config() const;

    /// Closes every idle connection now (reason Evicted).
    void evictIdle();

    /// The whole state at this instant. Counts are read in one pass over the
    /// connections, so open == idle + in_use + allocating + returning holds.
    PoolSnapshot snapshot() const;
    /// Moves the events recorded since the previous call into `out` (appends),
    /// in order. Returns the number appended. Single consumer.
    size_t drainEvents(std::vector<TransitionEvent>& out);

    const std::string& name() const { return name_; }
    const Driver& driver() const { return *driver_; }
    const Clock& clock() const { return *clock_; }
    /// The housekeeper; tests call runOnce() on it with a manual clock.
    Housekeeper& housekeeper() { return *housekeeper_; }

private:
    friend class Lease;

    /// The housekeeper's narrow view of this pool (PoolUpkeep.cpp).
    class Upkeep final : public PoolUpkeep {
    public:
        explicit Upkeep(Pool& pool) : pool_(pool) {}
        Lifecycle lifecycle() const override { return pool_.lifecycle(); }
        const Clock& clock() const override { return pool_.clock(); }
        PoolConfig config() const override { return pool_.config(); }
        void forEachEntry(const std::function<void(PoolEntry&)>& visit) const override;
        int64_t idleCount() const override { return pool_.countInState(ConnState::Idle); }
        bool closeIdle(PoolEntry& entry, Reason why) override;
        Keepalive keepalive(PoolEntry& entry, int64_t nowNs) override;
        bool openIdle(int64_t nowNs) override;
        int64_t leakThresholdNs() const override;
        void reportLeak(LeakReport report) override;

    private:
        Pool& pool_;
    };
    /// A caller blocked in acquire. Lives on that caller's stack; other threads
    /// touch it only with mu_ held.
    struct Waiter {
        std::condition_variable cv;
        PoolEntry* granted = nullptr;  ///< handed over in Allocating
        bool wake = false;             ///< something changed: look again
        int64_t queuedAtNs = 0;        ///< coarse clock, when it joined the queue
    };

    // --- acquire and release (PoolAcquire.cpp) ---
    Result<Lease> acquireSlow(std::string_view holder, int64_t startNs);
    /// Reserves a slot for a new connection while max_open leaves room: the
    /// one place where acquire and the housekeeper's refill count a new
    /// connection against max_open. Call with mu_ held. nullptr when the pool
    /// is at max_open (`full` set) or all ConnectionBag::kMaxSlots are taken.
    PoolEntry* reserveSlotLocked(bool& full);
    /// Fills a reserved slot with a new connection: the birth edge
    /// Destroyed → Allocating (reason Connect or Refill), then the connect,
    /// without the lock. On success the entry is in Allocating and owned by
    /// the caller; on failure the slot is freed and the driver's error returned.
    Result<PoolEntry*> openConnection(PoolEntry* slot, Reason reason, Deadline deadline);
    /// Finishes an allocation: validation if due, then Allocating → InUse.
    /// Returns false when the connection failed validation and was destroyed.
    bool grant(PoolEntry* entry, std::string_view holder, int64_t nowNs);
    bool validateOnBorrow(PoolEntry* entry, int64_t nowNs);
    Status releaseEntry(PoolEntry* entry, uint64_t generation, bool broken);
    /// Decides what happens to a connection in Returning: destroyed (pool
    /// closed, lifetime over, too many), handed to the oldest waiter, or idle.
    void finishReturn(PoolEntry* entry, int64_t nowNs);
    /// Gives an entry in `from` (Returning or Idle) to the oldest waiter.
    /// Call with mu_ held. Returns false when nobody waits.
    bool handOffLocked(PoolEntry* entry, ConnState from, int64_t nowNs);
    /// After a connection went idle with callers waiting: wakes the oldest
    /// waiter to take it (unless a woken waiter has not looked yet), or hands
    /// it over when the oldest has waited kHandoffAfterMs.
    void wakeOldest(PoolEntry* entry, int64_t nowNs);
    /// Recomputes handoffDueNs_ from the queue's head. Call with mu_ held.
    void updateHandoffDueLocked();
    /// Housekeeper borrows (keepalive, refill): Allocating → InUse → Returning → finishReturn.
    void cycleInternal(PoolEntry* entry, Reason reason, int64_t nowNs);

    // --- state changes (PoolState.cpp) ---
    /// The one function that changes a connection's state: checks the table,
    /// applies the change by compare-and-set, counts it and records the event.
    /// Returns false when the edge is illegal (refused and counted) or the
    /// entry was not in `from` (another thread won).
    bool transition(PoolEntry* entry, ConnState from, ConnState to, Reason reason, int64_t nowNs);
    /// Moves `entry` from `from` to Destroyed, counts the cause, closes the
    /// connection and frees its slot. Returns false when the entry was not in `from`.
    bool destroy(PoolEntry* entry, ConnState from, Reason reason);
    Status changeLifecycleLocked(Lifecycle to);
    void wakeWaitersLocked(bool all);
    void applyHotSettings(const PoolConfig& config);
    int64_t countInState(ConnState state) const;
    std::string timeoutMessage(int64_t waitedMs, int64_t waiting) const;

    const std::string name_;
    std::shared_ptr<Driver> driver_;
    std::shared_ptr<const Clock> clock_;
    std::atomic<Lifecycle> lifecycle_{Lifecycle::Initial};

    // Settings read on hot paths without the lock (copies of config_).
    std::atomic<int64_t> maxOpen_{0};
    std::atomic<int64_t> maxIdle_{0};
    std::atomic<int64_t> maxLifetimeNs_{0};
    std::atomic<int64_t> acquireTimeoutMs_{0};
    std::atomic<int64_t> leakThresholdNs_{0};
    std::atomic<int> validationMode_{0};
    std::atomic<int64_t> validationIdleNs_{0};
    std::atomic<int64_t> validationTimeoutMs_{0};

    std::unique_ptr<ConnectionBag> bag_;
    std::unique_ptr<PoolStats> stats_;
    std::unique_ptr<WaitHistogram> waitHistogram_;
    std::unique_ptr<LeakRegistry> leaks_;
    Upkeep upkeep_{*this};
    std::unique_ptr<Housekeeper> housekeeper_;

    mutable std::mutex mu_;  // config_, waiters_, lifecycle changes, slot reservations
    PoolConfig config_;
    std::deque<Waiter*> waiters_;            // FIFO, oldest first
    std::atomic<int64_t> waitingCount_{0};   // callers blocked in acquire
    // Coarse time from which a release hands off to the queue's head instead
    // of making the connection idle (INT64_MAX: nobody waits). Written under mu_.
    std::atomic<int64_t> handoffDueNs_{INT64_MAX};
    // A waiter was woken to look at the idle set and has not looked yet:
    // releases need not wake another one (saves a futex wake per release).
    std::atomic<bool> wakePending_{false};
    std::atomic<int64_t> reserved_{0};       // slots of open + opening connections
    std::atomic<uint64_t> nextConnId_{1};

    // Totals that change off the hot path.
    std::atomic<uint64_t> created_{0}, destroyed_{0};
    std::atomic<uint64_t> closedMaxIdle_{0}, closedMaxIdleTime_{0}, closedMaxLifetime_{0};
    std::atomic<uint64_t> closedBroken_{0}, closedValidation_{0};
    std::atomic<uint64_t> waitCount_{0}, waitNs_{0}, timeouts_{0};
    std::atomic<uint64_t> connectErrors_{0}, validationFailures_{0};

    mutable std::mutex errorMu_;   // the newest connect error, for snapshots
    std::string lastConnectError_;
    int64_t lastConnectErrorMs_ = 0;
    ConnectErrorClass lastConnectErrorClass_ = ConnectErrorClass::Unknown;

    std::thread housekeeperThread_;
    std::condition_variable housekeeperCv_;
    bool stopHousekeeper_ = false;  // guarded by mu_
};

}  // namespace poolscope
