#include "core/health/HealthGuard.h"

#include <algorithm>

namespace poolscope {

namespace {

uint64_t leaks(const PoolTotals& t) { return t.leaks; }

std::string seconds(int64_t ms) {
    return ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
}

}  // namespace

HealthGuard::HealthGuard(LeakGuardSettings settings, Pool& pool, HealthEngine& engine)
    : settings_(settings), pool_(pool), engine_(engine), window_(settings.windowMs * 1'000'000) {}

void HealthGuard::checkUndone(const PoolSnapshot& s) {
    const std::string rule(kRule);
    if (shrunkTo_ && s.config.maxOpen != *shrunkTo_) {
        shrunkTo_.reset();
        if (!suspended_) engine_.clearRaised(s.pool, rule);
    }
    if (suspended_ && s.lifecycle != Lifecycle::Suspended) {
        suspended_ = false;
        if (!shrunkTo_) engine_.clearRaised(s.pool, rule);
    }
}

std::optional<Alert> HealthGuard::observe(const PoolSnapshot& s) {
    window_.add(engine_.clock().nowNs(), s.totals);
    if (!haveBaseline_) {
        leaksAtLastAction_ = s.totals.leaks;
        haveBaseline_ = true;
    }
    checkUndone(s);
    if (settings_.action == LeakGuardSettings::Action::Off) return std::nullopt;
    // Only reports since the last action count, so one burst acts once.
    const uint64_t recent = std::min(window_.increase(settings_.windowMs * 1'000'000, leaks),
                                     s.totals.leaks - std::min(s.totals.leaks, leaksAtLastAction_));
    if (recent < static_cast<uint64_t>(settings_.reports)) return std::nullopt;
    return act(s, recent);
}

std::optional<Alert> HealthGuard::act(const PoolSnapshot& s, uint64_t recent) {
    leaksAtLastAction_ = s.totals.leaks;
    ++actions_;
    Alert a;
    a.rule = std::string(kRule);
    a.pool = s.pool;
    a.grade = Grade::Danger;
    a.value = static_cast<double>(recent);
    a.threshold = static_cast<double>(settings_.reports);
    // Arguments of every wording: leak reports, window, pool; then the variant's own.
    a.messageArgs = {std::to_string(recent), seconds(settings_.windowMs), s.pool};
    const std::string why = "leak guard: " + std::to_string(recent) + " leak reports within " +
                            seconds(settings_.windowMs) + " — pool \"" + s.pool + "\" ";
    if (settings_.action == LeakGuardSettings::Action::Shrink) {
        PoolConfig c = pool_.config();
        const int64_t from = c.maxOpen;
        const int64_t to = from > 0 ? std::max<int64_t>(1, from * settings_.shrinkToPct / 100)
                                    : std::max<int64_t>(1, s.counts.open);
        c.maxOpen = to;
        c.maxIdle = std::min(c.maxIdle, to);
        c.minIdle = std::min(c.minIdle, c.maxIdle);
        const Status st = pool_.reconfigure(c);
        if (!st) {
            a.messageCode = "leak_guard.shrink_failed";
            a.messageArgs.push_back(st.message());
            a.message = why + "could not be shrunk: " + st.message();
        } else {
            shrunkTo_ = to;
            a.messageCode = "leak_guard.shrunk";
            a.messageArgs.insert(a.messageArgs.end(), {std::to_string(from), std::to_string(to)});
            a.message = why + "shrunk from max_open=" + std::to_string(from) + " to " + std::to_string(to) +
                        " to protect the database; fix the leak (see the leak alert), then raise max_open again";
        }
    } else {
        const Status st = pool_.suspend();
        if (!st) {
            a.messageCode = "leak_guard.suspend_failed";
            a.messageArgs.push_back(st.message());
            a.message = why + "could not be suspended: " + st.message();
        } else {
            suspended_ = true;
            a.messageCode = "leak_guard.suspended";
            a.message = why + "suspended: acquires wait until it is resumed; fix the leak (see the leak "
                              "alert), then resume the pool";
        }
    }
    engine_.raise(a);
    return a;
}

}  // namespace poolscope
