#pragma once
// The one Qt adapter: runs any SnapshotSource (core/session) on the source's
// worker thread, polls it on a timer and hands its snapshots, events, server
// limits, workload counters and health to the GUI thread as queued signals.

#include <QSet>
#include <QString>
#include <QTimer>
#include <memory>

#include "app/sources/Source.h"
#include "core/session/SnapshotSource.h"

namespace poolscope {

/// Lives on a worker thread (see Source). The session's own threads do the
/// database or network work; this thread only polls and runs commands.
class SessionSource : public Source {
    Q_OBJECT
public:
    /// `description` empty: the session's own. `intervalMs`: time between two polls.
    /// `namesItsPools`: the session's pools keep their own names (an
    /// endpoint's), so poolsOpened is emitted even for one pool; otherwise only
    /// for several (a pool this process runs is named by its owner).
    SessionSource(std::unique_ptr<SnapshotSource> session, int intervalMs, QString description = {},
                  bool namesItsPools = false, QObject* parent = nullptr);
    /// Calls stop().
    ~SessionSource() override;

    QString description() const override { return description_; }
    Controls controls() const override { return controls_; }
    QString controlsNote() const override { return controlsNote_; }

public slots:
    /// Starts the session (blocking this worker thread as long as it needs),
    /// then polls every intervalMs. Emits started() or failed().
    void start() override;
    void stop() override;
    void reconfigure(const poolscope::PoolConfig& config) override;
    void setWorkload(const poolscope::WorkloadConfig& config, bool run) override;
    void lifecycleAction(const QString& action) override;
    void restartServer() override;
    /// Reads the past from the session (SnapshotSource::backfill), blocking
    /// this worker thread for one query; polls resume after it.
    void backfill(const QString& pool, qint64 fromMs, qint64 toMs, qint64 stepMs) override;
    /// Emits what the session has new now (the timer calls it).
    void poll();

protected:
    SnapshotSource& session() { return *session_; }

private:
    void emitWorkloadSummary();
    /// poolsAdded for pools first seen in this poll's snapshots, placeKnown
    /// for pools not asked about yet.
    void announceNewPools();
    void finish(const QString& command, const Status& status);
    QString firstPool() const;

    std::unique_ptr<SnapshotSource> session_;
    const int intervalMs_;
    const bool namesItsPools_;
    QString description_;
    Controls controls_;
    QString controlsNote_;
    QTimer* timer_ = nullptr;
    PollResult result_;
    QSet<QString> known_;   // pools named so far (poolsOpened, poolsAdded)
    QSet<QString> placed_;  // pools whose place was asked for
    bool namesPools_ = false;  // poolsOpened was emitted: new pools are announced too
    int polls_ = 0;
    bool started_ = false;
    bool stopped_ = false;
};

}  // namespace poolscope
