#pragma once
// Several sources run as one: e.g. a pool this process runs and the server's
// own view of the server it talks to (`--connect URL --attach URL?view=server`),
// so the health engine sees both sides (server_vs_pool). Started in order,
// stopped in reverse; polls merge. Pool names must not collide (each member
// names its own pools). Controls and the workload are the first member's that
// has them.

#include <memory>
#include <string>
#include <vector>

#include "core/session/SnapshotSource.h"

namespace poolscope {

class SessionGroup final : public SnapshotSource {
public:
    /// `members` non-empty; the first is the main source (its description,
    /// controls and workload lead).
    explicit SessionGroup(std::vector<std::unique_ptr<SnapshotSource>> members);
    ~SessionGroup() override;

    /// The members' descriptions joined with " + ".
    std::string description() const override;
    /// The first member's.
    std::string sourceName() const override;
    unsigned controls() const override;
    std::string controlsNote() const override;

    /// Starts each member; on a failure the ones started are stopped and the
    /// failure returned.
    StartResult start() override;
    void poll(PollResult& out, bool withSnapshots = true) override;
    void stop() override;

    std::vector<std::string> pools() const override;
    ServerLimits serverLimits(const std::string& pool) const override;
    std::string serverKey(const std::string& pool) const override;
    PoolPlace placeOf(const std::string& pool) const override;
    bool canBackfill() const override;
    Result<std::vector<PoolSnapshot>> backfill(const std::string& pool, int64_t fromMs, int64_t toMs,
                                               int64_t stepMs) const override;
    std::optional<WorkloadStatus> workload() const override;

    Status reconfigure(const std::string& pool, const PoolConfig& config) override;
    Status setWorkload(const WorkloadConfig& config, bool run) override;
    Status lifecycleAction(const std::string& pool, std::string_view action) override;
    Status restartServer() override;

    const std::vector<std::unique_ptr<SnapshotSource>>& members() const { return members_; }

private:
    /// The member feeding `pool`; nullptr when none.
    SnapshotSource* ownerOf(const std::string& pool) const;

    std::vector<std::unique_ptr<SnapshotSource>> members_;
    size_t started_ = 0;
};

}  // namespace poolscope
