#include "core/health/Thresholds.h"

namespace poolscope {

std::optional<double> RuleSettings::threshold(Grade grade) const {
    switch (grade) {
        case Grade::Info: return info;
        case Grade::Warning: return warning;
        case Grade::Danger: return danger;
        case Grade::Normal: break;
    }
    return std::nullopt;
}

Grade RuleSettings::gradeOf(double value) const {
    Grade g = Grade::Normal;
    if (!enabled) return g;
    for (Grade candidate : kAlertGrades)
        if (auto t = threshold(candidate); t && value >= *t) g = candidate;
    return g;
}

std::string_view toString(LeakGuardSettings::Action action) {
    switch (action) {
        case LeakGuardSettings::Action::Off: return "off";
        case LeakGuardSettings::Action::Shrink: return "shrink";
        case LeakGuardSettings::Action::Suspend: return "suspend";
    }
    return "off";
}

Thresholds Thresholds::defaults() {
    Thresholds t;
    const auto set = [&t](RuleId id, std::optional<double> info, std::optional<double> warning,
                          std::optional<double> danger) -> RuleSettings& {
        RuleSettings& r = t.rule(id);
        r.info = info;
        r.warning = warning;
        r.danger = danger;
        // Counting rules see discrete events: one is already a failure a user
        // noticed, so they fire at once and stay up for their window.
        if (ruleInfo(id).counting) r.forMs = 0;
        return r;
    };
    const std::nullopt_t none = std::nullopt;
    set(RuleId::WaitP99, none, 5, 50);
    set(RuleId::Utilisation, none, 80, 95);
    set(RuleId::Exhausted, none, none, 1);
    set(RuleId::Timeouts, none, none, 1);
    // The housekeeper refills once per housekeeping_ms; a short dip after a
    // burst is normal.
    set(RuleId::IdleBelowMin, none, 1, none).forMs = 5'000;
    set(RuleId::Leak, none, none, 1);
    set(RuleId::StaleConnections, none, 1, none);
    set(RuleId::ConnectErrors, none, none, 1);
    set(RuleId::IllegalTransitions, none, none, 1);
    set(RuleId::EventsDropped, 1, none, none);
    set(RuleId::Unbounded, none, 0, 50);
    set(RuleId::ConfigLint, none, 1, none).forMs = 0;
    // 120 %: a few sessions of an admin or a migration are normal; twice what
    // the pools allow is the pool-per-request incident.
    set(RuleId::ServerVsPool, none, 120, 200);
    return t;
}

}  // namespace poolscope
