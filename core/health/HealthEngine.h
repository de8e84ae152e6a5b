#pragma once
// Grades pools and raises alerts from their snapshots (issue 5). Used the
// same way live, headless and in replay: feed it snapshots, read alerts.
//
//   HealthEngine engine(Thresholds::defaults());
//   PoolHealth h = engine.evaluate(pool.snapshot());   // every interval
//   for (const Alert& a : h.alerts) ...                 // pending, firing, just resolved

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "core/health/Alert.h"
#include "core/health/AlertTracker.h"
#include "core/health/CounterWindow.h"
#include "core/health/ServerLimits.h"
#include "core/health/RuleMeasurement.h"
#include "core/health/Thresholds.h"
#include "core/telemetry/Snapshot.h"
#include "core/util/Clock.h"

namespace poolscope {

/// All functions are thread-safe (one internal mutex); evaluations of one
/// pool must come in time order.
class HealthEngine {
public:
    static constexpr size_t kHistory = 1000;  ///< resolved alerts kept

    /// `clock` gives "now" for hold times and windows; SteadyClock when null.
    /// Replay passes its playback clock.
    explicit HealthEngine(Thresholds thresholds, std::shared_ptr<const Clock> clock = nullptr);

    /// Applies from the next evaluation; alerts of a rule that was disabled
    /// resolve after its clear_for_ms.
    void setThresholds(Thresholds thresholds);
    Thresholds thresholds() const;
    /// What the source knows of the database server (all pools of this engine
    /// share it); enables the server lint (config_lint alerts). Applies to the
    /// pools without limits of their own (below), summed over those pools.
    void setServerLimits(ServerLimits limits);
    /// What is known of the server `pool` talks to, named by `server` (e.g.
    /// serverKeyOf(driver)). From the next evaluation the pool is linted
    /// against `limits` with the configs of every pool given the same
    /// `server` key (e.g. the max_open sum over them), and no longer against
    /// the engine-wide limits. An empty key shares the server with no other
    /// pool; empty limits turn the server lint off for the pool. Replaces the
    /// pool's earlier call; forget(pool) drops it.
    void setServerLimits(const std::string& pool, std::string server, ServerLimits limits);

    /// Evaluates every rule on one pool's snapshot at the clock's now. The
    /// first snapshot of a pool is the baseline of its counting rules: totals
    /// it already had never raise an alert. Returns the pool's health: grade,
    /// pending and firing alerts (worst first), then alerts resolved by this call.
    /// A rule whose inputs (RuleInfo::inputs) the snapshot does not all report
    /// is not evaluated (an alert it had clears after clear_for_ms) and is
    /// listed in rulesOff with the missing figures. When the set of reported
    /// figures changes, the counting rules take a new baseline.
    PoolHealth evaluate(const PoolSnapshot& snapshot);
    /// Evaluates several pools of one source at the same instant (the server
    /// lint sees all their configs first). Results in the input order.
    std::vector<PoolHealth> evaluate(const std::vector<PoolSnapshot>& snapshots);

    /// An alert raised outside the rules (HealthGuard): firing from now with
    /// `alert`'s rule, subject, pool, grade and message, until clearRaised().
    /// Raising an active key again updates its message and grade.
    void raise(const Alert& alert);
    /// Resolves an alert made by raise(); nothing when not active.
    void clearRaised(const std::string& pool, const std::string& rule, const std::string& subject = {});

    /// Pending and firing alerts of every pool, worst grade first.
    std::vector<Alert> active() const;
    /// The latest health of one pool (as the last evaluate returned, without
    /// the resolved ones); grade Normal and no alerts when unknown.
    PoolHealth health(const std::string& pool) const;
    /// Resolved alerts, oldest first, at most kHistory.
    std::vector<Alert> history() const;
    /// Every alert that fired since construction, in first-fired order.
    std::vector<FiredAlert> fired() const;
    /// True when some alert fired at `grade` or above.
    bool firedAtLeast(Grade grade) const;
    /// Forgets a pool (its alerts are dropped without being resolved) and its
    /// server limits.
    void forget(const std::string& pool);
    /// The clock the engine reads "now" from.
    const Clock& clock() const { return *clock_; }

private:
    using Key = std::tuple<std::string, std::string, std::string>;  // pool, rule, subject
    struct PoolState {
        explicit PoolState(int64_t windowNs) : window(windowNs) {}
        CounterWindow window;
        PoolConfig config;
        bool serverView = false;  // the server's sessions (isServerView), not a pool
        FigureSet reported;  // of the previous snapshot
        std::vector<PoolHealth::RuleOff> rulesOff;  // of the last evaluation
        std::map<std::pair<std::string, std::string>, AlertTracker> trackers;  // rule, subject
    };

    PoolHealth evaluateLocked(const PoolSnapshot& snapshot, int64_t nowNs, int64_t wallMs);
    void noteChange(AlertTracker::Change change, const Alert& alert);
    PoolHealth healthLocked(const std::string& pool) const;
    int64_t maxWindowNs() const;
    /// The pools (not server views) known on the server of `pool`.
    ServerPools serverPoolsLocked(const std::string& pool) const;
    /// The group of pools `pool` is summed with for its server (a key of serverSums_).
    std::string serverGroupLocked(const std::string& pool) const;
    /// The sums of `pool`'s server group, recomputed only after a change.
    const ServerPools& serverSumsLocked(const std::string& pool) const;
    /// The server lint of `pool` (its own limits, else the engine-wide ones).
    std::vector<LintFinding> serverLintLocked(const std::string& pool,
                                              const PoolConfig& config) const;

    const std::shared_ptr<const Clock> clock_;
    mutable std::mutex mu_;
    Thresholds thresholds_;
    struct PoolServer {
        std::string key;
        ServerLimits limits;
    };

    ServerLimits limits_;                            // engine-wide
    std::map<std::string, PoolServer> poolServers_;  // pool -> its own server
    std::map<std::string, PoolState> pools_;
    mutable std::map<std::string, ServerPools> serverSums_;  // by serverGroupLocked()
    mutable bool sumsDirty_ = true;
    std::map<Key, Alert> raised_;
    std::deque<Alert> history_;
    std::vector<FiredAlert> fired_;
};

}  // namespace poolscope
