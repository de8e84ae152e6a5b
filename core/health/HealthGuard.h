#pragma once
// Optional protection for an embedded pool (issue 5), off by default: after
// N leak reports within a window, shrink the pool or suspend it, and say so
// in an alert.

#include <cstdint>
#include <optional>

#include "core/health/Alert.h"
#include "core/health/CounterWindow.h"
#include "core/health/HealthEngine.h"
#include "core/health/Thresholds.h"
#include "core/pool/Pool.h"

namespace poolscope {

/// Watches one Pool's snapshots and acts on it. Not thread-safe: call
/// observe() from one thread (the one that evaluates health). The pool and
/// the engine must outlive the guard.
///
/// When `settings.reports` leak reports arrive within `settings.windowMs`:
/// - Shrink: reconfigure max_open to shrink_to_pct percent of the current
///   max_open (at least 1; an unbounded pool is capped at the connections it
///   has open), lowering max_idle and min_idle with it. In-use connections
///   are not killed: the pool converges as they come back.
/// - Suspend: suspend the pool; acquires wait (and time out) until someone
///   calls Pool::resume().
/// Then the count starts again, so continuing leaks shrink further. Each
/// action raises (or updates) a danger alert, rule "leak_guard", on the
/// engine; it resolves when the action is undone (max_open raised again, or
/// the pool resumed). Its message codes: leak_guard.shrunk (arguments: leak
/// reports, window, pool, max_open before, after), leak_guard.suspended
/// (reports, window, pool), leak_guard.shrink_failed and
/// leak_guard.suspend_failed (reports, window, pool, the pool's error).
class HealthGuard {
public:
    static constexpr std::string_view kRule = "leak_guard";

    HealthGuard(LeakGuardSettings settings, Pool& pool, HealthEngine& engine);

    /// Feeds one snapshot of the pool, taken just now (the engine's clock
    /// times the window). Call it before HealthEngine::evaluate() of the same
    /// snapshot so the guard's alert shows in that evaluation. Returns the
    /// alert when this call acted.
    std::optional<Alert> observe(const PoolSnapshot& snapshot);

    /// How many times the guard acted.
    uint64_t actions() const { return actions_; }

private:
    std::optional<Alert> act(const PoolSnapshot& snapshot, uint64_t leaks);
    void checkUndone(const PoolSnapshot& snapshot);

    LeakGuardSettings settings_;
    Pool& pool_;
    HealthEngine& engine_;
    CounterWindow window_;
    uint64_t leaksAtLastAction_ = 0;
    bool haveBaseline_ = false;
    uint64_t actions_ = 0;
    std::optional<int64_t> shrunkTo_;  ///< max_open the guard set, while in effect
    bool suspended_ = false;           ///< the guard suspended the pool, while in effect
};

}  // namespace poolscope
