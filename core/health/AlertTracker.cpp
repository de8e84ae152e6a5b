#include "core/health/AlertTracker.h"

#include <algorithm>

namespace poolscope {

AlertTracker::AlertTracker(std::string pool, std::string rule, std::string subject) {
    alert_.pool = std::move(pool);
    alert_.rule = std::move(rule);
    alert_.subject = std::move(subject);
}

AlertTracker::Change AlertTracker::update(int64_t nowNs, int64_t wallMs, std::optional<double> value,
                                          const std::string& message, const RuleSettings& settings,
                                          const std::string& code, const std::vector<std::string>& args) {
    const bool firing = active_ && alert_.state == AlertState::Firing;
    const int64_t forNs = settings.forMs * 1'000'000;
    std::optional<Grade> highest, qualified;
    std::array<bool, 3> holds{};
    for (Grade g : kAlertGrades) {
        const size_t i = index(g);
        const std::optional<double> t = settings.enabled && value ? settings.threshold(g) : std::nullopt;
        if (t) {
            const double limit = firing && alert_.grade >= g ? *t * settings.clearRatio : *t;
            holds[i] = *value >= limit;
        }
        if (!holds[i]) {
            since_[i].reset();
            continue;
        }
        if (!since_[i]) since_[i] = nowNs;
        highest = g;
        if (nowNs - *since_[i] >= forNs) qualified = g;
    }
    if (value) alert_.value = *value;
    if (highest) {
        alert_.lastSeenMs = wallMs;
        alert_.message = message;
        alert_.messageCode = code;
        alert_.messageArgs = args;
    }
    const auto setGrade = [&](Grade g) {
        alert_.grade = g;
        alert_.threshold = settings.threshold(g).value_or(0);
    };

    Change change = Change::None;
    if (!active_) {
        if (!highest) return Change::None;
        const Alert fresh{alert_.rule, alert_.subject, alert_.pool, *highest, AlertState::Pending, message, code,
                          args, alert_.value, 0, wallMs, wallMs, 0, 0, Grade::Normal};
        alert_ = fresh;
        setGrade(*highest);
        active_ = true;
        belowSince_.reset();
        change = Change::Pending;
    }
    if (alert_.state == AlertState::Pending) {
        if (!highest) {
            active_ = false;
            return Change::Dropped;
        }
        setGrade(*highest);
        if (!qualified) return change;
        setGrade(*qualified);
        alert_.state = AlertState::Firing;
        alert_.firedMs = wallMs;
        alert_.peakGrade = *qualified;
        return Change::Fired;
    }
    // Firing.
    if (holds[index(alert_.grade)]) {
        belowSince_.reset();
        if (qualified && *qualified > alert_.grade) {
            setGrade(*qualified);
            alert_.peakGrade = std::max(alert_.peakGrade, *qualified);
            return Change::Escalated;
        }
        return Change::None;
    }
    if (!belowSince_) belowSince_ = nowNs;
    if (nowNs - *belowSince_ < settings.clearForMs * 1'000'000) return Change::None;
    if (highest) {  // below its grade, still at a lower one
        setGrade(*highest);
        belowSince_.reset();
        return Change::Lowered;
    }
    alert_.state = AlertState::Resolved;
    alert_.resolvedMs = wallMs;
    active_ = false;
    since_ = {};
    belowSince_.reset();
    return Change::Resolved;
}

}  // namespace poolscope
