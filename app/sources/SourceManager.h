#pragma once
// Owns the session's sources, their worker threads and the Timeline they feed.

#include <QHash>
#include <QObject>
#include <QStringList>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "app/sources/EmbeddedSource.h"
#include "app/sources/PoolInfo.h"
#include "app/sources/Source.h"
#include "core/telemetry/Timeline.h"

QT_BEGIN_NAMESPACE
class QThread;
QT_END_NAMESPACE

namespace poolscope {

/// GUI thread only. Each source runs on its own QThread; results arrive here
/// through queued signals, are appended to the Timeline and announced. No
/// member function waits for a source, except the destructor (which stops
/// them all at application exit).
class SourceManager : public QObject {
    Q_OBJECT
public:
    /// `timelineCapacity` samples kept per pool (default: 24 h at 10 Hz).
    explicit SourceManager(size_t timelineCapacity = 864'000, QObject* parent = nullptr);
    /// Stops every source and waits for its thread.
    ~SourceManager() override;

    /// The store every chart and export reads. Written only on this thread.
    const Timeline& timeline() const { return timeline_; }

    /// Starts an embedded pool (Pool + Workload). The pool name is made unique
    /// ("sim", "sim-2", ...); returns it. The pool is announced at once with
    /// status Connecting, then Running or Failed.
    QString addEmbedded(EmbeddedSpec spec);
    /// Starts any source whose snapshots carry `pool` (made unique first only
    /// for the list; the source must use the returned name). Takes ownership.
    QString addSource(std::unique_ptr<Source> source, const QString& pool);
    // A source that feeds several pools (a recording, an endpoint) emits
    // Source::poolsOpened once it knows them: until then the session lists one
    // pool under the name given to addSource (status Connecting, or Failed
    // with the source's message); then that entry gives way to one pool per
    // name (poolRemoved, then poolAdded each), fed by the one source. A source
    // with feedsTimelineFromHistory() fills their Timelines from historyReady,
    // not from each frame. Such pools are removed together.
    /// The pools `source` feeds (a recording's pools), in the order added.
    QStringList poolsOf(const Source* source) const;
    /// The pools fed by the source of `pool` (`pool` itself included), in the
    /// order added; empty for an unknown pool.
    QStringList siblingsOf(const QString& pool) const;
    /// Stops and forgets a pool (its samples stay in the Timeline). Returns at
    /// once. The pools of one recording are removed together.
    void removePool(const QString& pool);

    /// Pools in the order added.
    QStringList pools() const { return order_; }
    /// nullopt for an unknown pool.
    std::optional<PoolInfo> info(const QString& pool) const;
    /// The newest snapshot of `pool`; nullopt before the first.
    const PoolSnapshot* latest(const QString& pool) const;
    /// A name not used yet: `base`, else `base-2`, `base-3`, ...
    QString uniqueName(const QString& base) const;

    // Commands, forwarded to the pool's source thread; results come back as
    // commandFinished(). Unknown pools or unsupported commands fail that way too.
    void reconfigure(const QString& pool, const PoolConfig& config);
    void setWorkload(const QString& pool, const WorkloadConfig& config, bool run);
    void lifecycleAction(const QString& pool, const QString& action);
    void restartServer(const QString& pool);
    /// Play, pause, seek, ... the recording `pool` belongs to (every pool of
    /// it moves together). Needs Source::CanPlayBack.
    void playback(const QString& pool, const PlaybackCommand& command);
    /// Fills `pool`'s Timeline with its past from `fromMs` to `toMs` (wall
    /// ms) every `stepMs`, read where its source keeps it (a Prometheus
    /// server): the samples replace what the Timeline held, and live data
    /// follows them. Needs Source::CanBackfill. Answers with
    /// historyAppended(pool) and commandFinished(pool, "backfill", ...).
    void backfill(const QString& pool, qint64 fromMs, qint64 toMs, qint64 stepMs);

signals:
    void poolAdded(const QString& pool);
    void poolRemoved(const QString& pool);
    /// info(pool) changed: status, lifecycle, counts, workload.
    void poolChanged(const QString& pool);
    /// A snapshot of `pool` arrived (and went into the Timeline unless the
    /// pool's Timeline is fed from history). `snapshot` carries the session's
    /// pool name; it is valid during the emission (copy it to keep it).
    void snapshotArrived(const QString& pool, const poolscope::PoolSnapshot& snapshot);
    /// Samples of `pool`'s history were appended to the Timeline (a recording
    /// handed over in chunks): the charts have more to draw, nothing else changed.
    void historyAppended(const QString& pool);
    void eventsArrived(const QString& pool, const std::vector<poolscope::TransitionEvent>& events);
    /// The source of `pool` read its server's limits (see Source::serverLimitsKnown).
    void serverLimitsKnown(const QString& pool, const QString& server, const poolscope::ServerLimits& limits);
    void commandFinished(const QString& pool, const QString& command, bool ok, const QString& message);
    /// A source that plays back knows its span (see Source::spanKnown); `pool`
    /// is its first pool (or the name it was added under, before it opened).
    void spanKnown(const QString& pool, qint64 startMs, qint64 endMs, const QList<qint64>& alertTimes,
                   const QStringList& alertGrades);
    /// Playback of the source of `pool` (its first pool) is at `tMs`.
    void positionChanged(const QString& pool, qint64 tMs, bool playing);
    /// A source asked for a marker on `pool`'s time axis (e.g. a remote restart).
    void markerAdded(const QString& pool, qint64 tMs, const QString& text);

private:
    struct Entry {
        Source* source = nullptr;  // lives on `thread`
        QThread* thread = nullptr;
        PoolInfo info;
        PoolSnapshot latest;
        bool hasLatest = false;
        QString carried;          // pool name in the source's signals; empty: any
        bool ownsSource = true;   // false: another entry stops the shared source
        bool historyFed = false;  // the Timeline is filled by history, not frames
    };
    Entry* find(const QString& pool);
    const Entry* find(const QString& pool) const;
    /// Entry of `pool` when `source` is still its source; nullptr otherwise.
    Entry* live(const QString& pool, const Source* source);
    /// The entry a signal of `source` is for: `pool` while it is that source's,
    /// else the recording's pool whose signals carry `carried`; nullptr when gone.
    Entry* route(const QString& pool, const Source* source, const QString& carried, QString& name);
    void wire(const QString& pool, Source* source);
    void openPools(const QString& placeholder, Source* source, const QStringList& names);
    /// Replaces `name`'s Timeline with back-filled samples (then its latest live one).
    void takeBackfill(const QString& name, Entry& e, const std::vector<PoolSnapshot>& samples);
    /// A new entry fed by `owner`'s source (which `owner` stops).
    static std::shared_ptr<Entry> sharing(const Entry& owner);
    /// Lists `e` as the pool `source` names `carried` (made unique) and announces it.
    void enterShared(std::shared_ptr<Entry> e, Source* source, const QString& carried);
    /// Pools of `source` that appeared after openPools: an entry each, sharing the source.
    void addPools(Source* source, const QStringList& names);
    static QString routeKey(const Source* source, const QString& carried) {
        return QString::number(reinterpret_cast<quintptr>(source), 16) + QLatin1Char('/') + carried;
    }
    void shutDown(Entry& e, bool wait);
    void post(const QString& pool, const QString& command, Source::Control need,
              const std::function<void(Source*)>& call);

    Timeline timeline_;
    QStringList order_;
    QHash<QString, std::shared_ptr<Entry>> entries_;
    /// routeKey(source, carried) -> pool name, for the pools sharing a source.
    QHash<QString, QString> routes_;
};

}  // namespace poolscope
