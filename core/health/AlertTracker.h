#pragma once
// The life of one alert (one rule on one pool, one subject): pending while
// the condition has not held for for_ms, firing once it has, resolved after
// clear_for_ms below the clear threshold (hysteresis).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/health/Alert.h"
#include "core/health/Thresholds.h"

namespace poolscope {

/// Not thread-safe; the HealthEngine serialises calls.
///
/// Per grade (info, warning, danger) the tracker remembers since when the
/// value has been at or above that grade's threshold; for a grade at or below
/// the firing grade the clear threshold (threshold * clear_ratio) is used
/// instead, so a firing alert holds until the value drops clearly.
/// - Idle → Pending when any grade's condition holds.
/// - Pending → Firing at the highest grade that held for for_ms; a pending
///   alert whose condition goes away is dropped (never fired, never resolved).
/// - Firing: escalates when a higher grade held for for_ms; when its grade's
///   condition has failed for clear_for_ms it drops to the highest grade still
///   holding, or resolves.
class AlertTracker {
public:
    enum class Change : uint8_t { None, Pending, Dropped, Fired, Escalated, Lowered, Resolved };

    AlertTracker(std::string pool, std::string rule, std::string subject);

    /// One evaluation at monotonic `nowNs` (wall-clock `wallMs` for display).
    /// `value` nullopt: the rule does not apply now (its condition is false).
    /// `message` replaces the alert's message while a condition holds, with
    /// its `code` and `args` (Alert::messageCode, Alert::messageArgs).
    Change update(int64_t nowNs, int64_t wallMs, std::optional<double> value, const std::string& message,
                  const RuleSettings& settings, const std::string& code = {},
                  const std::vector<std::string>& args = {});

    /// Pending or firing.
    bool active() const { return active_; }
    /// The alert as of the latest update (state Resolved after a Resolved change).
    const Alert& alert() const { return alert_; }

private:
    static size_t index(Grade g) { return static_cast<size_t>(g) - 1; }

    Alert alert_;
    bool active_ = false;
    std::array<std::optional<int64_t>, 3> since_{};  ///< per grade, index(g)
    std::optional<int64_t> belowSince_;              ///< firing grade's condition failing since
};

}  // namespace poolscope
