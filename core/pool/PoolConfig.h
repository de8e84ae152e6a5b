#pragma once
// Pool settings, their parsing from "k=v,..." text, and the config lint.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/Result.h"

namespace poolscope {

/// When a connection is checked before it is handed to a caller.
struct ValidationPolicy {
    enum class Mode : uint8_t { Never, Borrow, IdleFor };
    Mode mode = Mode::Never;
    int64_t idleMs = 0;  ///< for IdleFor: validate when idle longer than this

    /// "never", "borrow" or "idle:<ms>".
    std::string toString() const;
    /// Parses "never", "borrow", "idle:<ms>"; the error names the bad text.
    static Result<ValidationPolicy> parse(std::string_view text);
    bool operator==(const ValidationPolicy&) const = default;
};

/// Every setting of a pool. Durations are milliseconds; 0 disables a limit
/// where noted. Defaults follow HikariCP where it has the same setting.
struct PoolConfig {
    std::string name = "default";
    int64_t maxOpen = 10;                ///< hard limit on open connections; 0 = unlimited
    int64_t maxIdle = 10;                ///< idle connections kept on release
    int64_t minIdle = 0;                 ///< idle connections the housekeeper keeps open
    int64_t maxLifetimeMs = 1'800'000;   ///< 0 = connections live forever
    int64_t maxIdleTimeMs = 600'000;     ///< 0 = idle connections never time out
    int64_t acquireTimeoutMs = 30'000;   ///< how long acquire() waits
    ValidationPolicy validation;         ///< when to validate on borrow
    int64_t validationTimeoutMs = 5'000; ///< deadline of one validation
    int64_t keepaliveMs = 0;             ///< validate idle connections this often; 0 = off
    int64_t leakThresholdMs = 0;         ///< report connections held longer; 0 = off
    int64_t housekeepingMs = 1'000;      ///< housekeeper period; 0 = no thread (tests drive it)

    bool operator==(const PoolConfig&) const = default;
};

/// One finding of the config lint.
struct LintFinding {
    enum class Level : uint8_t { Info, Warning, Error };
    Level level = Level::Warning;
    std::string code;     ///< stable identifier, e.g. "unbounded", "min_idle_gt_max_idle"
    std::string message;  ///< what is wrong and what to do, in English
    /// The values `message` interpolates, in order, for front ends that word
    /// `code` in another language; empty for findings whose text is fixed.
    std::vector<std::string> args{};
    bool operator==(const LintFinding&) const = default;
};
std::string_view toString(LintFinding::Level level);

/// Checks a config for errors (refused by the pool) and warnings (allowed,
/// reported). Pure function; the order of findings is stable.
std::vector<LintFinding> lintConfig(const PoolConfig& config);
/// True when any finding is an Error.
bool hasErrors(const std::vector<LintFinding>& findings);

/// Applies "key=value,key=value" to `config`. Keys: name, max_open, max_idle,
/// min_idle, max_lifetime_ms, max_idle_time_ms, acquire_timeout_ms, validate,
/// validation_timeout_ms, keepalive_ms, leak_threshold_ms, housekeeping_ms.
/// The error names the bad key or value; `config` is unchanged on error.
Status applyPoolOptions(PoolConfig& config, std::string_view text);

}  // namespace poolscope
