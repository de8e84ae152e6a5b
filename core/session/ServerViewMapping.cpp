#include "core/session/ServerViewMapping.h"

#include <algorithm>

namespace poolscope {

namespace {

bool isIdle(const std::string& state) { return state == "idle"; }
bool isIdleInTransaction(const std::string& state) { return state.starts_with("idle in transaction"); }

struct Group {
    PoolSnapshot snapshot;
    bool stateUnknown = false;
};

}  // namespace

std::string ServerViewMapping::groupOf(const ServerSession& s, const std::string& kind) {
    const std::string client = s.client.empty() ? "local" : s.client;
    const std::string user = s.user.empty() ? "?" : s.user;
    if (kind == "mysql") return std::string(kTotalPool) + "/" + user + "@" + client;
    const std::string app = s.application.empty() ? "(no application_name)" : s.application;
    return std::string(kTotalPool) + "/" + app + "@" + client + "/" + user;
}

std::vector<PoolSnapshot> ServerViewMapping::map(const ServerActivity& activity, int64_t tMs) {
    const std::string driver(activity.kind == "mysql" ? kServerViewDrivers[1] : kServerViewDrivers[0]);
    std::map<std::string, Group> groups;
    auto start = [&](const std::string& name) -> Group& {
        Group& g = groups[name];
        PoolSnapshot& s = g.snapshot;
        if (s.pool != name) {
            s.tMs = tMs;
            s.pool = name;
            s.driver = driver;
            s.lifecycle = Lifecycle::Started;
            s.config.maxOpen = 0;
            s.config.leakThresholdMs = idleInTxMs_;
            s.reported = FigureSet::none()
                             .set(Figure::Open)
                             .set(Figure::Idle)
                             .set(Figure::InUse)
                             .set(Figure::Connections)
                             .set(Figure::Leaks);
        }
        return g;
    };
    start(kTotalPool);

    std::set<int64_t> leakedNow;
    for (const ServerSession& row : activity.sessions) {
        ConnectionInfo c;
        c.id = static_cast<uint64_t>(row.id);
        c.serverId = row.id;
        c.createdMs = row.backendAgeMs ? tMs - *row.backendAgeMs : tMs;
        c.sinceMs = row.stateAgeMs ? tMs - *row.stateAgeMs : tMs;
        c.holder = row.state.empty() ? "state not visible to this login" : row.state;
        // An idle session always waits for its client (Client:ClientRead):
        // only a statement's wait says something.
        if (!row.waitEvent.empty() && row.state == "active") c.holder += " (waiting: " + row.waitEvent + ")";
        if (!row.database.empty()) c.holder += " on " + row.database;
        const bool idle = isIdle(row.state);
        c.state = idle ? ConnState::Idle : ConnState::InUse;
        if (isIdleInTransaction(row.state)) {
            // The transaction's idle time is what holds locks and the session:
            // a leak once it passes the threshold.
            const int64_t idleFor = row.stateAgeMs.value_or(0);
            if (idleFor >= idleInTxMs_) {
                c.leaked = true;
                leakedNow.insert(row.id);
            }
        }
        for (const std::string& name : {std::string(kTotalPool), groupOf(row, activity.kind)}) {
            Group& g = start(name);
            PoolSnapshot& s = g.snapshot;
            ++s.counts.open;
            if (row.state.empty()) g.stateUnknown = true;
            else if (idle) ++s.counts.idle;
            else ++s.counts.inUse;
            s.connections.push_back(c);
            if (c.leaked && !leakedBefore_.contains(row.id)) ++leaks_[name];
        }
    }
    leakedBefore_ = std::move(leakedNow);

    std::vector<PoolSnapshot> out;
    std::set<std::string> seen;
    for (auto& [name, g] : groups) {
        PoolSnapshot& s = g.snapshot;
        s.totals.leaks = leaks_[name];
        if (g.stateUnknown) s.reported.set(Figure::Idle, false).set(Figure::InUse, false);
        std::sort(s.connections.begin(), s.connections.end(),
                  [](const ConnectionInfo& a, const ConnectionInfo& b) { return a.id < b.id; });
        seen.insert(name);
    }
    // A kind of client that went away is shown once with no session.
    for (const std::string& gone : lastGroups_)
        if (!seen.contains(gone)) {
            Group& g = start(gone);
            g.snapshot.totals.leaks = leaks_[gone];
        }
    lastGroups_ = std::move(seen);
    for (auto it = leaks_.begin(); it != leaks_.end();)
        it = groups.contains(it->first) || lastGroups_.contains(it->first) ? std::next(it) : leaks_.erase(it);

    PoolSnapshot& total = groups[kTotalPool].snapshot;
    if (activity.maxConnections) {
        total.config.maxOpen = *activity.maxConnections;
        total.reported.set(Figure::MaxOpen);
    }
    out.push_back(std::move(total));
    for (auto& [name, g] : groups)
        if (name != kTotalPool) out.push_back(std::move(g.snapshot));
    return out;
}

}  // namespace poolscope
