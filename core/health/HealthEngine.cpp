#include "core/health/HealthEngine.h"

#include <algorithm>

#include "core/health/RuleMeasurement.h"
#include "core/health/ServerLint.h"

namespace poolscope {

namespace {

/// The totals figures of `reported`: the ones the counting windows read.
uint64_t totalsOf(FigureSet reported) {
    uint64_t bits = 0;
    for (int f = static_cast<int>(Figure::Acquired); f <= static_cast<int>(Figure::EventsDropped); ++f)
        if (reported.has(static_cast<Figure>(f))) bits |= uint64_t{1} << f;
    return bits;
}

/// Worst first; firing before pending; then rule order (table order), subject.
bool worseFirst(const Alert& a, const Alert& b) {
    if (a.grade != b.grade) return a.grade > b.grade;
    if (a.state != b.state) return a.state == AlertState::Firing;
    const auto ra = parseRuleId(a.rule), rb = parseRuleId(b.rule);
    const int ia = ra ? static_cast<int>(*ra) : 100, ib = rb ? static_cast<int>(*rb) : 100;
    if (ia != ib) return ia < ib;
    return std::tie(a.rule, a.subject) < std::tie(b.rule, b.subject);
}

Grade poolGrade(const std::vector<Alert>& alerts) {
    Grade g = Grade::Normal;
    for (const auto& a : alerts)
        if (a.state == AlertState::Firing && a.grade >= Grade::Warning) g = std::max(g, a.grade);
    return g;
}

}  // namespace

HealthEngine::HealthEngine(Thresholds thresholds, std::shared_ptr<const Clock> clock)
    : clock_(clock ? std::move(clock) : std::make_shared<SteadyClock>()), thresholds_(std::move(thresholds)) {}

void HealthEngine::setThresholds(Thresholds thresholds) {
    std::lock_guard lk(mu_);
    thresholds_ = std::move(thresholds);
}

Thresholds HealthEngine::thresholds() const {
    std::lock_guard lk(mu_);
    return thresholds_;
}

void HealthEngine::setServerLimits(ServerLimits limits) {
    std::lock_guard lk(mu_);
    limits_ = std::move(limits);
}

void HealthEngine::setServerLimits(const std::string& pool, std::string server, ServerLimits limits) {
    std::lock_guard lk(mu_);
    poolServers_[pool] = PoolServer{std::move(server), std::move(limits)};
    sumsDirty_ = true;
}

std::string HealthEngine::serverGroupLocked(const std::string& pool) const {
    // Pools without a server of their own share the engine-wide limits; a
    // server without a key is the pool's alone.
    const auto own = poolServers_.find(pool);
    if (own == poolServers_.end()) return {};
    return own->second.key.empty() ? "\x01" + pool : "\x02" + own->second.key;
}

const ServerPools& HealthEngine::serverSumsLocked(const std::string& pool) const {
    // Summed once after a change (a pool added or gone, a max_open changed,
    // limits set), not once per evaluation: a fleet evaluates thousands of
    // pools on one server per refresh.
    if (sumsDirty_) {
        serverSums_.clear();
        for (const auto& [name, p] : pools_) {
            if (p.serverView) continue;
            ServerPools& s = serverSums_[serverGroupLocked(name)];
            if (p.config.maxOpen > 0) {
                s.maxOpenSum += p.config.maxOpen;
                ++s.bounded;
            } else {
                ++s.unbounded;
            }
        }
        sumsDirty_ = false;
    }
    static const ServerPools none;
    const auto it = serverSums_.find(serverGroupLocked(pool));
    return it == serverSums_.end() ? none : it->second;
}

std::vector<LintFinding> HealthEngine::serverLintLocked(const std::string& pool,
                                                      const PoolConfig& config) const {
    const auto own = poolServers_.find(pool);
    const ServerLimits& limits = own != poolServers_.end() ? own->second.limits : limits_;
    if (limits.empty()) return {};
    // The pools on the same server: those with the same key, or, for the
    // engine-wide limits, every pool without a server of its own.
    const ServerPools& sums = serverSumsLocked(pool);
    return lintAgainstServer(config, sums.maxOpenSum, sums.bounded, limits);
}

ServerPools HealthEngine::serverPoolsLocked(const std::string& pool) const {
    const auto own = poolServers_.find(pool);
    if (own == poolServers_.end() || own->second.key.empty()) return {};
    return serverSumsLocked(pool);
}

int64_t HealthEngine::maxWindowNs() const {
    int64_t ms = 1;
    for (size_t i = 0; i < kRuleCount; ++i)
        if (ruleTable()[i].windowed) ms = std::max(ms, thresholds_.rules[i].windowMs);
    return ms * 1'000'000;
}

PoolHealth HealthEngine::evaluate(const PoolSnapshot& snapshot) {
    std::lock_guard lk(mu_);
    return evaluateLocked(snapshot, clock_->nowNs(), clock_->wallMs());
}

std::vector<PoolHealth> HealthEngine::evaluate(const std::vector<PoolSnapshot>& snapshots) {
    std::lock_guard lk(mu_);
    const int64_t now = clock_->nowNs(), wall = clock_->wallMs();
    // Every config first, so the server lint sums all pools of this round.
    for (const auto& s : snapshots) {
        auto [it, added] = pools_.try_emplace(s.pool, maxWindowNs());
        if (added || it->second.config.maxOpen != s.config.maxOpen) sumsDirty_ = true;
        it->second.config = s.config;
    }
    std::vector<PoolHealth> out;
    out.reserve(snapshots.size());
    for (const auto& s : snapshots) out.push_back(evaluateLocked(s, now, wall));
    return out;
}

PoolHealth HealthEngine::evaluateLocked(const PoolSnapshot& snapshot, int64_t nowNs, int64_t wallMs) {
    auto [entry, added] = pools_.try_emplace(snapshot.pool, maxWindowNs());
    PoolState& st = entry->second;
    // A total that becomes reported would otherwise rise from the 0 that
    // stood in for it: the figures changed, so the counting starts again.
    // Only the totals matter here: a mean wait unknown for one interval (no
    // acquire completed) must not restart the counting windows.
    if (totalsOf(snapshot.reported) != totalsOf(st.reported)) st.window = CounterWindow(maxWindowNs());
    st.reported = snapshot.reported;
    st.window.setMaxWindowNs(maxWindowNs());
    st.window.add(nowNs, snapshot.totals, snapshot.counts);
    const bool serverView = isServerView(snapshot);
    if (added || st.config.maxOpen != snapshot.config.maxOpen || st.serverView != serverView) sumsDirty_ = true;
    st.config = snapshot.config;
    st.serverView = serverView;
    st.rulesOff.clear();

    std::vector<Alert> resolved;
    const auto update = [&](const Measurement& m) {
        const std::string rule(toString(m.rule));
        auto it = st.trackers.try_emplace({rule, m.subject}, snapshot.pool, rule, m.subject).first;
        const auto change =
            it->second.update(nowNs, wallMs, m.value, m.message, thresholds_.rule(m.rule), m.code, m.args);
        noteChange(change, it->second.alert());
        if (change == AlertTracker::Change::Resolved) resolved.push_back(it->second.alert());
    };
    for (const auto& info : ruleTable()) {
        if (info.id == RuleId::ConfigLint) continue;
        if (info.id == RuleId::ServerVsPool) {
            // Only the server view's own total, against the pools on its server.
            if (st.serverView && snapshot.reported.has(Figure::MaxOpen))
                update(measureServerVsPool(snapshot, serverPoolsLocked(snapshot.pool)));
            continue;
        }
        const std::vector<Figure> missing = missingInputs(info.id, snapshot.reported);
        if (missing.empty()) {
            update(measureRule(info.id, snapshot, st.window, thresholds_.rule(info.id)));
            continue;
        }
        // Off: no value, so an alert raised while the figures were reported clears.
        Measurement off;
        off.rule = info.id;
        update(off);
        PoolHealth::RuleOff entry{std::string(info.name), {}};
        for (Figure f : missing) entry.missing.emplace_back(toString(f));
        st.rulesOff.push_back(std::move(entry));
    }

    // The server lint sums max_open: without it, only the pool's own findings.
    // A server view has sessions, not settings: nothing to lint.
    const std::vector<Measurement> lint =
        st.serverView ? std::vector<Measurement>{}
                      : measureLint(snapshot, snapshot.reported.has(Figure::MaxOpen)
                                                  ? serverLintLocked(snapshot.pool, snapshot.config)
                                                  : std::vector<LintFinding>{});
    for (const auto& m : lint) update(m);
    // Findings that went away: their alerts clear like any other condition.
    const std::string lintRule(toString(RuleId::ConfigLint));
    for (auto it = st.trackers.begin(); it != st.trackers.end();) {
        const bool seen = std::any_of(lint.begin(), lint.end(),
                                      [&](const Measurement& m) { return m.subject == it->first.second; });
        if (it->first.first == lintRule && !seen) {
            const auto change = it->second.update(nowNs, wallMs, std::nullopt, {}, thresholds_.rule(RuleId::ConfigLint));
            noteChange(change, it->second.alert());
            if (change == AlertTracker::Change::Resolved) resolved.push_back(it->second.alert());
            if (!it->second.active()) {
                it = st.trackers.erase(it);
                continue;
            }
        }
        ++it;
    }

    PoolHealth h = healthLocked(snapshot.pool);
    for (auto it = raised_.begin(); it != raised_.end();) {
        if (std::get<0>(it->first) == snapshot.pool && it->second.state == AlertState::Resolved) {
            resolved.push_back(it->second);
            it = raised_.erase(it);
        } else {
            ++it;
        }
    }
    h.alerts.insert(h.alerts.end(), resolved.begin(), resolved.end());
    return h;
}

PoolHealth HealthEngine::healthLocked(const std::string& pool) const {
    PoolHealth h;
    h.pool = pool;
    if (auto it = pools_.find(pool); it != pools_.end()) {
        for (const auto& [key, tracker] : it->second.trackers)
            if (tracker.active()) h.alerts.push_back(tracker.alert());
        h.rulesOff = it->second.rulesOff;
    }
    for (const auto& [key, alert] : raised_)
        if (std::get<0>(key) == pool && alert.state == AlertState::Firing) h.alerts.push_back(alert);
    std::sort(h.alerts.begin(), h.alerts.end(), worseFirst);
    h.grade = poolGrade(h.alerts);
    return h;
}

void HealthEngine::noteChange(AlertTracker::Change change, const Alert& alert) {
    using C = AlertTracker::Change;
    if (change == C::Resolved) {
        history_.push_back(alert);
        while (history_.size() > kHistory) history_.pop_front();
        return;
    }
    if (change != C::Fired && change != C::Escalated) return;
    auto it = std::find_if(fired_.begin(), fired_.end(), [&](const FiredAlert& f) {
        return f.pool == alert.pool && f.rule == alert.rule && f.subject == alert.subject;
    });
    if (it == fired_.end())
        it = fired_.insert(fired_.end(), FiredAlert{alert.pool, alert.rule, alert.subject, alert.grade, 0,
                                                    alert.firedMs, alert.message, alert.messageCode,
                                                    alert.messageArgs});
    if (change == C::Fired) ++it->times;
    it->peakGrade = std::max(it->peakGrade, alert.grade);
    it->message = alert.message;
    it->messageCode = alert.messageCode;
    it->messageArgs = alert.messageArgs;
}

void HealthEngine::raise(const Alert& alert) {
    std::lock_guard lk(mu_);
    const int64_t wall = clock_->wallMs();
    Key key{alert.pool, alert.rule, alert.subject};
    auto it = raised_.find(key);
    const bool fresh = it == raised_.end() || it->second.state != AlertState::Firing;
    Alert a = alert;
    a.state = AlertState::Firing;
    a.lastSeenMs = wall;
    a.resolvedMs = 0;
    if (fresh) {
        a.firstSeenMs = a.firedMs = wall;
        a.peakGrade = a.grade;
    } else {
        a.firstSeenMs = it->second.firstSeenMs;
        a.firedMs = it->second.firedMs;
        a.peakGrade = std::max(it->second.peakGrade, a.grade);
    }
    const bool escalated = !fresh && a.grade > it->second.grade;
    raised_[key] = a;
    if (fresh) noteChange(AlertTracker::Change::Fired, a);
    else if (escalated) noteChange(AlertTracker::Change::Escalated, a);
}

void HealthEngine::clearRaised(const std::string& pool, const std::string& rule, const std::string& subject) {
    std::lock_guard lk(mu_);
    auto it = raised_.find(Key{pool, rule, subject});
    if (it == raised_.end() || it->second.state != AlertState::Firing) return;
    it->second.state = AlertState::Resolved;
    it->second.resolvedMs = clock_->wallMs();
    noteChange(AlertTracker::Change::Resolved, it->second);
    // Kept until the pool's next evaluation reports it as resolved.
}

std::vector<Alert> HealthEngine::active() const {
    std::lock_guard lk(mu_);
    std::vector<Alert> out;
    for (const auto& [name, p] : pools_) {
        auto h = healthLocked(name);
        out.insert(out.end(), h.alerts.begin(), h.alerts.end());
    }
    for (const auto& [key, alert] : raised_)
        if (!pools_.count(std::get<0>(key)) && alert.state == AlertState::Firing) out.push_back(alert);
    std::stable_sort(out.begin(), out.end(), worseFirst);
    return out;
}

PoolHealth HealthEngine::health(const std::string& pool) const {
    std::lock_guard lk(mu_);
    return healthLocked(pool);
}

std::vector<Alert> HealthEngine::history() const {
    std::lock_guard lk(mu_);
    return {history_.begin(), history_.end()};
}

std::vector<FiredAlert> HealthEngine::fired() const {
    std::lock_guard lk(mu_);
    return fired_;
}

bool HealthEngine::firedAtLeast(Grade grade) const {
    std::lock_guard lk(mu_);
    return std::any_of(fired_.begin(), fired_.end(), [&](const FiredAlert& f) { return f.peakGrade >= grade; });
}

void HealthEngine::forget(const std::string& pool) {
    std::lock_guard lk(mu_);
    pools_.erase(pool);
    poolServers_.erase(pool);
    sumsDirty_ = true;
    std::erase_if(raised_, [&](const auto& entry) { return std::get<0>(entry.first) == pool; });
}

}  // namespace poolscope
