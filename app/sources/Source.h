#pragma once
// Where snapshots come from: the one interface live, remote and replayed data
// share. A Source is a QObject that lives on its own worker thread; it never
// blocks the GUI thread and hands immutable values over through queued signals.

#include <QFlags>
#include <QObject>
#include <QString>
#include <QStringList>
#include <vector>

#include "core/health/ServerLimits.h"
#include "core/pool/PoolConfig.h"
#include "core/session/SnapshotSource.h"
#include "core/telemetry/Snapshot.h"
#include "core/telemetry/TransitionEvent.h"
#include "core/workload/WorkloadConfig.h"
#include "widgets/MetaTypes.h"

namespace poolscope {

/// What a workload has done so far, as the GUI shows it.
struct WorkloadSummary {
    bool running = false;
    quint64 ok = 0;
    quint64 errors = 0;
    quint64 leaked = 0;
    QString topError;  ///< the most frequent error message; empty when none
    quint64 serverRestarts = 0;  ///< simulated server restarts so far (sim:// only)
    WorkloadConfig config;       ///< the settings it runs (or last ran) with
};

/// A command to a source that plays data back (Source::CanPlayBack).
struct PlaybackCommand {
    enum class Kind {
        Play,
        Pause,
        Speed,      ///< `speed`: times real time within [0.25, 100]; 0 = as fast as possible
        Seek,       ///< to recording time `fromMs` (clamped to the span)
        NextAlert,  ///< to the first alert change after the position
        Loop,       ///< play [fromMs, toMs] over and over
        ClearLoop,
    };
    Kind kind = Kind::Play;
    double speed = 1;
    qint64 fromMs = 0;
    qint64 toMs = 0;
};

/// A producer of PoolSnapshot values and TransitionEvent batches.
///
/// Thread affinity: after construction the owner moves the source to a worker
/// QThread; every slot runs there (call them with queued invocations), every
/// signal is emitted there. description() and controls() are immutable and may
/// be read from any thread.
class Source : public QObject {
    Q_OBJECT
public:
    /// What the user may change through this source.
    enum Control {
        NoControl = 0,
        CanReconfigure = 1,      ///< reconfigure()
        CanRunWorkload = 2,      ///< setWorkload()
        CanChangeLifecycle = 4,  ///< lifecycleAction()
        CanRestartServer = 8,    ///< restartServer() (the simulated server)
        CanPlayBack = 16,        ///< playback(): recorded data, with a span and a position
        CanBackfill = 32,        ///< backfill(): a pool's past, read from where the source keeps it
    };
    Q_DECLARE_FLAGS(Controls, Control)

    explicit Source(QObject* parent = nullptr);
    ~Source() override;

    /// Shown in the status bar, e.g. "embedded sqlite:///home/a/.../embedded.db".
    /// Never contains a password.
    virtual QString description() const = 0;
    /// The controls this source supports; the default is none.
    virtual Controls controls() const { return NoControl; }
    /// Why controls are missing, for the tooltip of a disabled control
    /// ("no token given: ..."); empty to use the generic text.
    virtual QString controlsNote() const { return {}; }
    /// True when the Timeline of this source's pools is filled from
    /// historyReady (the whole recording at once), not from each snapshot.
    virtual bool feedsTimelineFromHistory() const { return false; }

public slots:
    /// Connects and starts producing. Emits started() or failed(). May take as
    /// long as the database needs to answer: it runs on the worker thread.
    virtual void start() = 0;
    /// Stops producing and releases everything (joins its own threads). Emits
    /// stopped() last. Safe to call more than once.
    virtual void stop() = 0;

    /// Applies new pool settings live. Emits commandFinished("reconfigure").
    virtual void reconfigure(const poolscope::PoolConfig& config);
    /// Replaces the workload (the old one stops in the background); `run`
    /// false leaves none running. Emits commandFinished("workload").
    virtual void setWorkload(const poolscope::WorkloadConfig& config, bool run);
    /// "suspend", "resume", "evict" or "close". Emits commandFinished(action).
    virtual void lifecycleAction(const QString& action);
    /// Restarts the simulated server now. Emits commandFinished("restart").
    virtual void restartServer();
    /// Play, pause, seek, ... recorded data. Answers with positionChanged();
    /// a source without CanPlayBack emits commandFinished("playback", false).
    virtual void playback(const poolscope::PlaybackCommand& command);
    /// Sources with CanBackfill: `pool`'s snapshots from `fromMs` to `toMs`
    /// every `stepMs` (wall ms). Answers with backfilled().
    virtual void backfill(const QString& pool, qint64 fromMs, qint64 toMs, qint64 stepMs);

signals:
    /// The source is producing; `pool` is the name its snapshots carry.
    void started(const QString& pool);
    /// start() could not connect; `message` says why (driver's own words).
    void failed(const QString& message);
    /// stop() finished; nothing is emitted after this.
    void stopped();
    /// One snapshot of one pool.
    void snapshotReady(const poolscope::PoolSnapshot& snapshot);
    /// Transition events of `pool` in sequence order since the previous batch.
    void eventsReady(const QString& pool, const std::vector<poolscope::TransitionEvent>& events);
    /// What the source read of the database server's limits (max_connections,
    /// idle timeouts) for `pool`; `server` identifies the server (no
    /// credentials), so pools on one server are linted together. Emitted once
    /// after started() when anything is known.
    void serverLimitsKnown(const QString& pool, const QString& server, const poolscope::ServerLimits& limits);
    /// The names of the pools this source feeds when there is more than one
    /// (a recording's pools, an endpoint's pools), before any of their
    /// snapshots; a source that feeds one pool does not emit it.
    void poolsOpened(const QStringList& pools);
    /// Pools that appeared after poolsOpened (a service scaled out behind a
    /// Prometheus server), before their first snapshot.
    void poolsAdded(const QStringList& pools);
    /// Where `pool` lives (SnapshotSource::placeOf), once, when the source
    /// knows it: before or with the pool's first snapshot.
    void placeKnown(const QString& pool, const QString& service, const QString& instance, const QString& format,
                    const QString& server);
    /// Samples of `pool` for its Timeline, in time order (chunks, oldest
    /// first): only from sources with feedsTimelineFromHistory().
    void historyReady(const QString& pool, const std::vector<poolscope::PoolSnapshot>& samples);
    /// The answer to backfill(): `samples` in time order, or `error` (the
    /// source's own message) when it could not read them.
    void backfilled(const QString& pool, const std::vector<poolscope::PoolSnapshot>& samples, const QString& error);
    /// The connection to the data changed: live again, or stale (no data for
    /// a while; the last good data stays on screen).
    void healthChanged(const poolscope::SourceHealth& health);
    /// Something to mark on `pool`'s time axis at `tMs` (a remote restart).
    void markerAdded(const QString& pool, qint64 tMs, const QString& text);
    /// The workload's counters (about twice a second while running).
    void workloadChanged(const QString& pool, const poolscope::WorkloadSummary& summary);
    /// Sources with CanPlayBack: the span of the data and its alert changes
    /// (time and grade, "resolved" for a resolving change), for a scrubber.
    void spanKnown(qint64 startMs, qint64 endMs, const QList<qint64>& alertTimes, const QStringList& alertGrades);
    /// Sources with CanPlayBack: where playback is (data time), whether it plays.
    void positionChanged(qint64 tMs, bool playing);
    /// Result of a command slot; `message` is empty on success unless there is
    /// something to say (e.g. a warning).
    void commandFinished(const QString& command, bool ok, const QString& message);

protected:
    /// Emits commandFinished(command, false, "not supported by this source").
    void refuse(const QString& command);
};

}  // namespace poolscope

Q_DECLARE_OPERATORS_FOR_FLAGS(poolscope::Source::Controls)
Q_DECLARE_METATYPE(poolscope::WorkloadSummary)
Q_DECLARE_METATYPE(poolscope::PlaybackCommand)
Q_DECLARE_METATYPE(poolscope::ServerLimits)
Q_DECLARE_METATYPE(poolscope::SourceHealth)
Q_DECLARE_METATYPE(std::vector<poolscope::PoolSnapshot>)
