#pragma once
// Timed upkeep of one pool, HikariCP's HouseKeeper: closes idle connections
// past max_idle_time (keeping min_idle) and past max_lifetime, trims idle
// connections beyond max_idle, validates idle ones due for keepalive, reports
// leaks, and refills min_idle. The pool runs it on its own thread every
// housekeeping_ms; tests call runOnce() with a ManualClock.

#include <cstdint>
#include <mutex>

namespace poolscope {

class Pool;
class PoolEntry;

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

    explicit Housekeeper(Pool& pool) : pool_(pool) {}
    /// One round of upkeep. Thread-safe; rounds never overlap. Does nothing
    /// unless the pool is STARTED or SUSPENDED (no refill while SUSPENDED).
    Report runOnce();

private:
    void trimIdle(Report& report, int64_t nowNs);
    void detectLeaks(Report& report, int64_t nowNs);
    void refill(Report& report, int64_t nowNs);
    bool keepalive(PoolEntry* entry, int64_t nowNs);

    Pool& pool_;
    std::mutex mu_;
};

}  // namespace poolscope
