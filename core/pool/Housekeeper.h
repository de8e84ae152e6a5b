#pragma once
// Timed upkeep of one pool, HikariCP's HouseKeeper: closes idle connections
// past max_idle_time (keeping min_idle) and past max_lifetime, trims idle
// connections beyond max_idle, validates idle ones due for keepalive, reports
// leaks, and refills min_idle. The pool runs it on its own thread every
// housekeeping_ms; tests call runOnce() with a ManualClock.
//
// The housekeeper decides (policy); the pool acts (mechanism). It reaches its
// pool only through PoolUpkeep below, never its private members.

#include <cstdint>
#include <functional>
#include <mutex>

#include "core/pool/ConnState.h"
#include "core/pool/PoolConfig.h"
#include "core/telemetry/Snapshot.h"
#include "core/util/Clock.h"

namespace poolscope {

class PoolEntry;

/// What the housekeeper may ask of its pool, and nothing more. Pool
/// implements it (Pool::Upkeep); every state change still goes through the
/// pool's transition table.
class PoolUpkeep {
public:
    /// The outcome of a keepalive check on one idle connection.
    enum class Keepalive { Alive, Failed, Taken };

    virtual ~PoolUpkeep() = default;
    virtual Lifecycle lifecycle() const = 0;
    virtual const Clock& clock() const = 0;
    virtual PoolConfig config() const = 0;
    /// Visits every connection slot. The entries' fields are atomics: read
    /// them freely; change their state only through the calls below.
    virtual void forEachEntry(const std::function<void(PoolEntry&)>& visit) const = 0;
    virtual int64_t idleCount() const = 0;
    /// Closes an idle connection (Idle → Destroyed, `why` counted as its
    /// close cause). False when a caller took it first.
    virtual bool closeIdle(PoolEntry& entry, Reason why) = 0;
    /// Borrows an idle connection, validates it, and gives it back (or closes
    /// it when validation fails). Taken: a caller had it first, nothing done.
    virtual Keepalive keepalive(PoolEntry& entry, int64_t nowNs) = 0;
    /// Opens one connection into the idle set (reason Refill) when max_open
    /// leaves room, reserving its slot exactly as acquire does. False when the
    /// pool is full or the connect failed (counted as a connect error).
    virtual bool openIdle(int64_t nowNs) = 0;
    /// 0 when leak detection is off.
    virtual int64_t leakThresholdNs() const = 0;
    virtual void reportLeak(LeakReport report) = 0;
};

class Housekeeper {
public:
    /// What one round did.
    struct Report {
        int closedMaxIdleTime = 0;
        int closedMaxLifetime = 0;
        int closedMaxIdle = 0;
        int validated = 0;
        int validationFailed = 0;
        int opened = 0;
        int leaksReported = 0;
        bool operator==(const Report&) const = default;
    };

    explicit Housekeeper(PoolUpkeep& pool) : pool_(pool) {}
    /// One round of upkeep. Thread-safe; rounds never overlap. Does nothing
    /// unless the pool is STARTED or SUSPENDED (no refill while SUSPENDED).
    Report runOnce();

private:
    void trimIdle(Report& report, int64_t nowNs);
    void detectLeaks(Report& report, int64_t nowNs);
    void refill(Report& report, int64_t nowNs);

    PoolUpkeep& pool_;
    std::mutex mu_;
};

}  // namespace poolscope
