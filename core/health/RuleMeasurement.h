#pragma once
// What each rule sees in one snapshot: a value to grade and the message a
// person reads when it is graded above normal. Pure functions.

#include <optional>
#include <string>
#include <vector>

#include "core/health/CounterWindow.h"
#include "core/health/RuleId.h"
#include "core/health/Thresholds.h"
#include "core/pool/PoolConfig.h"
#include "core/telemetry/Snapshot.h"

namespace poolscope {

/// One rule's reading of one snapshot.
struct Measurement {
    RuleId rule = RuleId::WaitP99;
    std::string subject;  ///< config_lint: the finding's code; else empty
    /// Nullopt when the rule does not apply (utilisation of an unbounded
    /// pool, unbounded of a bounded one, min_idle=0, ...).
    std::optional<double> value;
    /// Actionable text for this value (meaningful when it grades above normal), in English.
    std::string message;
    /// Stable identifier of the message's wording: the rule's name, or
    /// "rule.variant" where the rule words its message in several ways
    /// ("wait_p99.histogram", "leak.held", "connect_errors.server_full");
    /// config_lint: "config_lint." + the finding's code. Empty when the rule
    /// does not apply.
    std::string code{};
    /// The values `message` interpolates, in order, formatted as in `message`
    /// (numbers, durations such as "10 s", pool names, holders). An optional
    /// clause's argument is empty when `message` leaves the clause out.
    std::vector<std::string> args{};
};

/// Reads `rule` (any but ConfigLint) from `snapshot`. Rising rules read
/// `window`, which must already hold this snapshot's totals, over
/// settings.windowMs. Values: wait_p99 = wait.p99 (ms); utilisation =
/// 100 * in_use / max_open; exhausted = waiting while idle == 0 and
/// open - idle >= max_open (busy includes connections being handed over),
/// else 0; idle_below_min = min_idle - idle while open < max_open (the
/// housekeeper could refill), else 0; leak = max(connections held past
/// leak_threshold now, leak reports in the window); stale_connections =
/// validation failures + broken closes in the window; unbounded = open
/// connections over the window when max_open=0.
Measurement measureRule(RuleId rule, const PoolSnapshot& snapshot, const CounterWindow& window,
                        const RuleSettings& settings);

/// The pools the engine knows on one server, apart from the server's own view.
struct ServerPools {
    int64_t maxOpenSum = 0;  ///< over the bounded pools
    int bounded = 0;
    int unbounded = 0;  ///< max_open=0: they allow any number
};
/// server_vs_pool on the server view's "server" pool: its client sessions as
/// a percentage of `pools.maxOpenSum`; no value when no bounded pool is known.
Measurement measureServerVsPool(const PoolSnapshot& server, const ServerPools& pools);

/// The config_lint readings: one per finding of level warning or error, the
/// pool's own lint (snapshot.lint, without `unbounded`, which the unbounded
/// rule covers) then `serverLint`; value 1, subject = the finding's code.
std::vector<Measurement> measureLint(const PoolSnapshot& snapshot, const std::vector<LintFinding>& serverLint);

}  // namespace poolscope
