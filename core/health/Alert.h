#pragma once
// An alert: one rule's condition on one pool, with its life cycle
// pending → firing → resolved. Plain values; the HealthEngine makes them.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/health/Grade.h"

namespace poolscope {

/// Pending: the condition holds but not yet for the rule's for_ms.
/// Firing: it held long enough. Resolved: it fired, then stayed below the
/// clear threshold for clear_for_ms. A pending condition that goes away is
/// dropped without ever being resolved.
enum class AlertState : uint8_t { Pending, Firing, Resolved };

/// "pending", "firing", "resolved".
constexpr std::string_view toString(AlertState state) {
    switch (state) {
        case AlertState::Pending: return "pending";
        case AlertState::Firing: return "firing";
        case AlertState::Resolved: return "resolved";
    }
    return "pending";
}

struct Alert {
    std::string rule;     ///< rule name, e.g. "exhausted" (see RuleId.h)
    std::string subject;  ///< what inside the rule, e.g. a lint code; empty for most rules
    std::string pool;     ///< pool name
    Grade grade = Grade::Normal;  ///< current grade (pending: the grade it would fire at)
    AlertState state = AlertState::Pending;
    std::string message;  ///< what is wrong and what to look at (latest evaluation), in English
    /// Stable identifier of `message`'s wording, e.g. "exhausted" or
    /// "connect_errors.server_full" (see Measurement::code); empty when the
    /// text has none. Front ends word it in the user's language.
    std::string messageCode{};
    /// The values `message` interpolates, in order, formatted as in `message`.
    std::vector<std::string> messageArgs{};
    double value = 0;      ///< the rule's value at the latest evaluation
    double threshold = 0;  ///< the threshold of `grade` (fire threshold, not the clear one)
    int64_t firstSeenMs = 0;  ///< wall-clock ms when the condition started (pending)
    int64_t lastSeenMs = 0;   ///< wall-clock ms of the latest evaluation where it held
    int64_t firedMs = 0;      ///< wall-clock ms when it fired; 0 when it never did
    int64_t resolvedMs = 0;   ///< wall-clock ms when it resolved; 0 while active
    Grade peakGrade = Grade::Normal;  ///< highest grade it fired at; Normal if it never fired
    bool operator==(const Alert&) const = default;
};

/// Every alert key that fired at least once: for gates (--fail-on) and summaries.
struct FiredAlert {
    std::string pool;
    std::string rule;
    std::string subject;
    Grade peakGrade = Grade::Normal;  ///< highest grade it fired at
    uint64_t times = 0;               ///< how often it went to firing
    int64_t firstFiredMs = 0;         ///< wall-clock ms
    std::string message;              ///< message when it last fired or escalated
    std::string messageCode{};               ///< that message's code (Alert::messageCode)
    std::vector<std::string> messageArgs{};  ///< and its arguments (Alert::messageArgs)
    bool operator==(const FiredAlert&) const = default;
};

/// A pool's health at one evaluation: the worst grade among its firing alerts
/// (info counts as normal) and its alerts.
struct PoolHealth {
    std::string pool;
    Grade grade = Grade::Normal;  ///< Normal, Warning or Danger
    /// Pending and firing alerts, worst grade first; then the alerts that
    /// resolved during this evaluation (state Resolved), so a consumer of
    /// successive results sees every resolution exactly once.
    std::vector<Alert> alerts;
    /// A rule that is off for this pool because its source does not report
    /// every figure it reads (RuleInfo::inputs).
    struct RuleOff {
        std::string rule;                  ///< rule name, e.g. "timeouts"
        std::vector<std::string> missing;  ///< contract names of the missing figures
        bool operator==(const RuleOff&) const = default;
    };
    /// The rules off at this evaluation, in rule order; empty when the source
    /// reports everything.
    std::vector<RuleOff> rulesOff;
};

}  // namespace poolscope
