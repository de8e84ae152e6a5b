#pragma once
// The three standard charts of one pool, stacked, sharing one time window,
// with markers for what happened to the pool (lifecycle, settings, leaks,
// timeouts, broken connections).

#include <QHash>
#include <QList>
#include <QWidget>
#include <array>
#include <optional>

#include "core/health/Alert.h"
#include "core/telemetry/Snapshot.h"
#include "core/telemetry/Timeline.h"

namespace poolscope {

class TimeSeriesChart;

/// GUI thread only. Reads the Timeline in refresh(); never on its own timer.
class ChartsPanel : public QWidget {
    Q_OBJECT
public:
    /// `timeline` is not owned and must outlive the panel.
    explicit ChartsPanel(const Timeline* timeline, QWidget* parent = nullptr);

    /// The choices of the time-window selector in ms; 0 = all.
    static QList<qint64> windowChoices();
    /// "1 min", "5 min", "15 min", "1 h", "all" (translated).
    static QString windowLabel(qint64 ms);

    void setPool(const QString& pool);
    QString pool() const { return pool_; }
    /// The selected window; while the pool has fewer samples than that, the
    /// charts show all of them.
    void setWindowMs(qint64 ms);
    qint64 windowMs() const { return windowMs_; }
    /// Paused: the charts stay where they are while samples keep arriving.
    void setPaused(bool paused);
    bool paused() const { return paused_; }

    /// Re-queries the Timeline for every chart (the app's ~40 ms coalescing tick).
    void refresh();
    /// Shades the acquire-wait chart at the wait_p99 rule's grades (ms);
    /// a missing grade has no band.
    void setWaitThresholds(std::optional<double> warningMs, std::optional<double> dangerMs);
    /// A marker where an alert of any pool fired or resolved.
    void noteAlert(const poolscope::Alert& alert);
    /// Looks at a new snapshot of any pool for events worth a marker.
    void noteSnapshot(const poolscope::PoolSnapshot& snapshot);

    /// How the selected pool's newest wait figures were derived: the latency
    /// chart's title and series say so ("mean wait" for Mean).
    WaitDerivation waitDerivation() const { return shownDerivation_; }
    /// 0 connections, 1 latency, 2 rates.
    TimeSeriesChart* chart(int index) const { return charts_.value(index); }
    int chartCount() const { return static_cast<int>(charts_.size()); }
    /// Markers recorded for `pool` (tests).
    int markerCount(const QString& pool) const { return static_cast<int>(markers_.value(pool).size()); }

private:
    struct Marker {
        qint64 tMs;
        QColor color;
        QString text;
    };
    void addMarker(const QString& pool, qint64 tMs, const QColor& color, const QString& text);
    void showMarkers();
    void applyWindow();
    void applyDerivation();

    const Timeline* timeline_;
    QList<TimeSeriesChart*> charts_;
    QString pool_;
    qint64 windowMs_ = 5 * 60 * 1000;
    bool paused_ = false;
    QHash<QString, QList<Marker>> markers_;
    QHash<QString, PoolSnapshot> previous_;  // last snapshot seen per pool (no connection list)
    QHash<QString, std::array<qint64, 3>> lastBurst_;
    QHash<QString, WaitDerivation> derivation_;  // newest per pool
    WaitDerivation shownDerivation_ = WaitDerivation::Exact;  // per pool: last leak/timeout/broken marker
};

}  // namespace poolscope
