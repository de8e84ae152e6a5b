#include "core/session/SessionGroup.h"

#include <algorithm>
#include <iterator>

namespace poolscope {

SessionGroup::SessionGroup(std::vector<std::unique_ptr<SnapshotSource>> members) : members_(std::move(members)) {}

SessionGroup::~SessionGroup() { stop(); }

std::string SessionGroup::description() const {
    std::string out;
    for (const auto& m : members_) out += (out.empty() ? "" : " + ") + m->description();
    return out;
}

std::string SessionGroup::sourceName() const { return members_.empty() ? std::string() : members_.front()->sourceName(); }

unsigned SessionGroup::controls() const { return members_.empty() ? NoControl : members_.front()->controls(); }

std::string SessionGroup::controlsNote() const {
    return members_.empty() ? std::string() : members_.front()->controlsNote();
}

StartResult SessionGroup::start() {
    for (; started_ < members_.size(); ++started_) {
        StartResult r = members_[started_]->start();
        if (!r) {
            stop();
            return r;
        }
    }
    return StartResult::ok();
}

void SessionGroup::poll(PollResult& out, bool withSnapshots) {
    PollResult one;
    for (size_t i = 0; i < started_; ++i) {
        one.clear();
        members_[i]->poll(one, withSnapshots);
        std::move(one.snapshots.begin(), one.snapshots.end(), std::back_inserter(out.snapshots));
        std::move(one.events.begin(), one.events.end(), std::back_inserter(out.events));
        std::move(one.markers.begin(), one.markers.end(), std::back_inserter(out.markers));
        std::move(one.notices.begin(), one.notices.end(), std::back_inserter(out.notices));
        // One health per poll: a member going stale outweighs one that recovers.
        if (one.health && (!out.health || one.health->state == SourceHealth::State::Stale)) out.health = one.health;
    }
}

void SessionGroup::stop() {
    for (auto it = members_.rbegin(); it != members_.rend(); ++it) (*it)->stop();
}

std::vector<std::string> SessionGroup::pools() const {
    std::vector<std::string> out;
    for (const auto& m : members_) {
        auto p = m->pools();
        out.insert(out.end(), p.begin(), p.end());
    }
    return out;
}

SnapshotSource* SessionGroup::ownerOf(const std::string& pool) const {
    for (const auto& m : members_) {
        const auto p = m->pools();
        if (std::find(p.begin(), p.end(), pool) != p.end()) return m.get();
    }
    return nullptr;
}

ServerLimits SessionGroup::serverLimits(const std::string& pool) const {
    auto* m = ownerOf(pool);
    return m ? m->serverLimits(pool) : ServerLimits{};
}

std::string SessionGroup::serverKey(const std::string& pool) const {
    auto* m = ownerOf(pool);
    return m ? m->serverKey(pool) : std::string();
}

PoolPlace SessionGroup::placeOf(const std::string& pool) const {
    auto* m = ownerOf(pool);
    return m ? m->placeOf(pool) : PoolPlace{};
}

bool SessionGroup::canBackfill() const {
    for (const std::string& pool : pools())
        if (auto* m = ownerOf(pool); m && m->canBackfill()) return true;
    return false;
}

Result<std::vector<PoolSnapshot>> SessionGroup::backfill(const std::string& pool, int64_t fromMs, int64_t toMs,
                                                        int64_t stepMs) const {
    auto* m = ownerOf(pool);
    return m ? m->backfill(pool, fromMs, toMs, stepMs) : SnapshotSource::backfill(pool, fromMs, toMs, stepMs);
}

std::optional<WorkloadStatus> SessionGroup::workload() const {
    for (const auto& m : members_)
        if (auto w = m->workload()) return w;
    return std::nullopt;
}

Status SessionGroup::reconfigure(const std::string& pool, const PoolConfig& config) {
    auto* m = ownerOf(pool);
    return m ? m->reconfigure(pool, config) : Status::fail("no pool named '" + pool + "'");
}

Status SessionGroup::setWorkload(const WorkloadConfig& config, bool run) {
    for (const auto& m : members_)
        if (m->controls() & CanRunWorkload) return m->setWorkload(config, run);
    return unsupported();
}

Status SessionGroup::lifecycleAction(const std::string& pool, std::string_view action) {
    auto* m = ownerOf(pool);
    return m ? m->lifecycleAction(pool, action) : Status::fail("no pool named '" + pool + "'");
}

Status SessionGroup::restartServer() {
    for (const auto& m : members_)
        if (m->controls() & CanRestartServer) return m->restartServer();
    return unsupported();
}

}  // namespace poolscope
