#pragma once
// Settings of the load generator and their parsing from "k=v,..." text.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/util/Result.h"

namespace poolscope {

/// What the Workload does. Durations are milliseconds.
struct WorkloadConfig {
    int64_t workers = 4;             ///< threads issuing requests, 1..kMaxWorkers
    std::string query = "SELECT 1";  ///< statement each request runs once
    int64_t holdMs = 10;             ///< time from acquire to release, the query inside
    int64_t thinkMs = 10;            ///< pause between two requests of one worker
    double leakPct = 0;              ///< chance (0-100, fractional) a request never releases
    bool tx = false;                 ///< run the query and the hold inside BEGIN/COMMIT
    bool poolPerRequest = false;     ///< anti-pattern: every request opens its own pool

    static constexpr int64_t kMaxWorkers = 4096;
    static constexpr int64_t kMaxDelayMs = 86'400'000;  ///< bound of hold_ms and think_ms (a day)
    bool operator==(const WorkloadConfig&) const = default;
};

/// Applies "key=value,key=value" to `config`. Keys: workers, query, hold_ms,
/// think_ms, leak_pct, tx, pool_per_request. Booleans accept true/false,
/// 1/0, yes/no, on/off. A query containing commas must be quoted:
/// `query='SELECT a, b FROM t'` (single or double quotes). The result is
/// checked with validateWorkloadConfig(). The error names the bad key or value,
/// e.g. "workers: 'abc' is not an integer"; `config` is unchanged on error.
Status applyWorkloadOptions(WorkloadConfig& config, std::string_view text);

/// Checks ranges: 1 <= workers <= kMaxWorkers, 0 <= hold_ms, think_ms <= kMaxDelayMs,
/// 0 <= leak_pct <= 100, query not empty. The error names the key.
Status validateWorkloadConfig(const WorkloadConfig& config);

}  // namespace poolscope
