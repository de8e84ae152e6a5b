#pragma once
// Every tunable of the health rules and guards. Thresholds::defaults() is the
// built-in set, equal to resources/thresholds.json; ThresholdsFile reads and
// writes the JSON form.

#include <array>
#include <cstdint>
#include <optional>

#include "core/health/Grade.h"
#include "core/health/RuleId.h"

namespace poolscope {

/// One rule's settings. A grade applies when the rule's value is at or above
/// its threshold; a grade without a threshold is never raised.
struct RuleSettings {
    bool enabled = true;
    std::optional<double> info;
    std::optional<double> warning;
    std::optional<double> danger;
    /// How long a grade's condition must hold before the alert fires (or
    /// escalates to that grade). 0 = at the first evaluation that sees it.
    int64_t forMs = 2'000;
    /// How long a firing alert's value must stay below its clear threshold
    /// before it resolves (or drops to a lower grade).
    int64_t clearForMs = 5'000;
    /// Hysteresis: a firing grade's clear threshold is threshold * clearRatio.
    /// In (0, 1]; 1 = no hysteresis.
    double clearRatio = 0.8;
    /// Windowed rules (RuleInfo::windowed): how far back the value looks, e.g.
    /// the increase of a total over this many ms.
    int64_t windowMs = 10'000;

    /// The threshold of `grade` (Info, Warning or Danger); nullopt when unset.
    std::optional<double> threshold(Grade grade) const;
    /// The grade of `value` against the fire thresholds (the highest grade
    /// whose threshold it reaches), Normal when none or when disabled.
    Grade gradeOf(double value) const;
    bool operator==(const RuleSettings&) const = default;
};

/// The optional leak guard for embedded pools (HealthGuard). Off by default.
struct LeakGuardSettings {
    enum class Action : uint8_t { Off, Shrink, Suspend };
    Action action = Action::Off;
    int64_t reports = 3;        ///< leak reports within windowMs that trigger the action
    int64_t windowMs = 60'000;  ///< sliding window for counting reports
    /// Shrink: the new max_open in percent of the current one (at least 1).
    /// A pool with max_open=0 is capped at the connections it has open.
    int64_t shrinkToPct = 50;
    bool operator==(const LeakGuardSettings&) const = default;
};

/// "off", "shrink", "suspend".
std::string_view toString(LeakGuardSettings::Action action);

/// All rules (indexed by RuleId) and guards.
struct Thresholds {
    std::array<RuleSettings, kRuleCount> rules{};
    LeakGuardSettings leakGuard;

    RuleSettings& rule(RuleId id) { return rules[static_cast<size_t>(id)]; }
    const RuleSettings& rule(RuleId id) const { return rules[static_cast<size_t>(id)]; }

    /// The built-in defaults (field practice; see the README):
    /// wait_p99 warning 5 / danger 50 ms; utilisation 80 / 95 %; exhausted
    /// danger at 1 waiting; timeouts danger at 1; idle_below_min warning at 1
    /// (for 5 s); leak danger at 1; stale_connections warning at 1;
    /// connect_errors danger at 1; illegal_transitions danger at 1;
    /// events_dropped info at 1; unbounded warning at 0 / danger at 50 open
    /// (peak over 10 s);
    /// config_lint warning at 1. Level rules hold 2 s before firing; counting
    /// rules (window 10 s) fire at once. Every rule clears after 5 s below
    /// 0.8 x its threshold.
    static Thresholds defaults();
    bool operator==(const Thresholds&) const = default;
};

}  // namespace poolscope
