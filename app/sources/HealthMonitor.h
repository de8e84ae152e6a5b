#pragma once
// The dashboard's health engine: grades every pool from the snapshots the
// SourceManager receives, whatever their source (live, replayed), and
// announces alert changes. The map's "Timeline ─▶ HealthEngine ─▶ alerts".

#include <QHash>
#include <QMetaType>
#include <QObject>
#include <QSet>
#include <memory>
#include <vector>

#include "core/health/HealthEngine.h"
#include "core/health/Thresholds.h"

namespace poolscope {

class SourceManager;

/// Time of the data: "now" is the time of the snapshot being evaluated, so
/// hold times (for_ms) and windows mean the same in a replay at 10× as live.
class DataClock final : public Clock {
public:
    void set(int64_t tMs) { ms_.store(tMs, std::memory_order_relaxed); }
    int64_t nowNs() const override { return ms_.load(std::memory_order_relaxed) * 1'000'000; }
    int64_t wallMs() const override { return ms_.load(std::memory_order_relaxed); }

private:
    std::atomic<int64_t> ms_{0};
};

/// GUI thread only. Evaluates each snapshot as it arrives (a few microseconds
/// per pool), keeps the latest PoolHealth per pool, and lets the user
/// acknowledge or silence alerts (a view setting: the engine still tracks them).
class HealthMonitor : public QObject {
    Q_OBJECT
public:
    /// Listens to `sources` (not owned; must outlive the monitor).
    HealthMonitor(SourceManager& sources, Thresholds thresholds, QObject* parent = nullptr);
    ~HealthMonitor() override;

    /// Applies from the next snapshot on (alerts of disabled rules resolve).
    void setThresholds(Thresholds thresholds);
    Thresholds thresholds() const { return engine_->thresholds(); }

    /// Latest health of `pool`: grade Normal and no alerts before its first snapshot.
    PoolHealth health(const QString& pool) const;
    /// Pending and firing alerts of every pool, worst first.
    std::vector<Alert> active() const { return engine_->active(); }
    /// Resolved alerts, oldest first (at most HealthEngine::kHistory).
    std::vector<Alert> history() const { return engine_->history(); }

    /// Key of an alert for acknowledging and silencing: pool, rule, subject
    /// (AlertListModel::keyOf).
    static QString keyOf(const Alert& alert);
    /// Acknowledged: the user has seen it; it stays listed, no more notifications
    /// until it resolves (a new firing of the same key notifies again).
    void acknowledge(const Alert& alert);
    bool acknowledged(const Alert& alert) const;
    /// Silenced for `forMs` of the data's time (a replay at 10× ends a
    /// 15-minute silence after 90 s): no notifications from this key.
    void silence(const Alert& alert, qint64 forMs);
    bool silenced(const Alert& alert) const;
    QSet<QString> acknowledgedKeys() const { return acknowledged_; }
    QSet<QString> silencedKeys() const;

signals:
    /// `snapshot` of `pool` was evaluated: `health` is the result, with the
    /// alerts this evaluation resolved listed after the active ones (as
    /// HealthEngine::evaluate returns it). Both are valid during the emission.
    void evaluated(const QString& pool, const poolscope::PoolSnapshot& snapshot,
                   const poolscope::PoolHealth& health);
    /// An alert started, fired, changed grade or resolved (not on every evaluation).
    void alertChanged(const poolscope::Alert& alert);
    /// An alert fired or escalated at danger and is neither acknowledged nor silenced.
    void dangerRaised(const poolscope::Alert& alert);

private:
    void evaluate(const QString& pool, const PoolSnapshot& snapshot);

    SourceManager& sources_;
    std::shared_ptr<DataClock> clock_;
    std::unique_ptr<HealthEngine> engine_;
    QHash<QString, qint64> lastTimeMs_;    // per pool: to notice a replay seeking back
    QSet<QString> acknowledged_;
    QHash<QString, qint64> silencedUntil_;
};

}  // namespace poolscope

Q_DECLARE_METATYPE(poolscope::Alert)
