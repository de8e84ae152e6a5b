#pragma once
// A time chart of a few Timeline metrics of one pool: decimated min/max per
// pixel column before the points reach Qt Charts, threshold bands, alert
// markers, a hover readout, follow / paused at a cursor, PNG export. For
// assistive technology it is a chart named by its title whose description
// lists its lines and their newest values (TimeSeriesChartAccessible).

#include <QColor>
#include <QImage>
#include <QList>
#include <QString>
#include <QWidget>

#include "core/telemetry/Timeline.h"
#include "widgets/DecimationCache.h"

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QDateTimeAxis;
class QLineSeries;
class QPainter;
class QValueAxis;
class QAreaSeries;
QT_END_NAMESPACE

namespace poolscope {

class ChartOverlay;

/// One plotted metric.
struct SeriesSpec {
    Metric metric = Metric::Open;
    QString label;
    QColor color;
    bool dashed = false;  ///< limits such as max_open
};

/// A shaded horizontal band of the value axis, e.g. a latency threshold.
struct Band {
    double from = 0;
    double to = 0;
    QColor color;  ///< use a translucent colour; the lines are drawn above
    QString label;
};

/// GUI thread only. The chart reads the Timeline in refresh(); the Timeline
/// must outlive the chart (or be reset with setTimeline(nullptr)).
class TimeSeriesChart : public QWidget {
    Q_OBJECT
public:
    explicit TimeSeriesChart(QWidget* parent = nullptr);
    ~TimeSeriesChart() override;

    /// The store to read; not owned. nullptr shows an empty chart.
    void setTimeline(const poolscope::Timeline* timeline);
    /// Pool whose samples are plotted (Timeline::pools() names).
    void setPool(const QString& pool);
    QString pool() const { return pool_; }
    /// Replaces the plotted metrics; drawn in list order (later on top).
    void setSeries(const QList<poolscope::SeriesSpec>& series);
    QList<poolscope::SeriesSpec> series() const { return specs_; }
    /// Visible time span in ms ending at "now" (default 5 min); 0 = every
    /// stored sample.
    void setWindowMs(qint64 ms);
    qint64 windowMs() const { return windowMs_; }
    /// true: the window ends at the newest sample (live). false: it ends at
    /// cursorMs() (paused, or replay). Pausing without a cursor set pins the
    /// cursor to the newest sample at that moment.
    void setFollow(bool follow);
    bool follow() const { return follow_; }
    /// Wall-clock ms the window ends at while not following (replay's "now").
    void setCursorMs(qint64 ms);
    qint64 cursorMs() const { return cursorMs_; }
    /// Shaded value bands drawn under the lines (threshold bands).
    void setBands(const QList<poolscope::Band>& bands);
    const QList<poolscope::Band>& bands() const { return bands_; }
    /// A vertical marker on the time axis (alerts); kept until clearMarkers()
    /// (the newest 1000 are kept).
    void addMarker(qint64 tMs, const QColor& color, const QString& text);
    void clearMarkers();
    /// Chart title and the value axis' unit label (e.g. "ms", "/s").
    /// The title is also the chart's accessible name.
    void setTitle(const QString& title);
    void setUnit(const QString& unit);

    /// Re-queries the Timeline: min/max per pixel column of the plot area, on
    /// a fixed time grid (DecimationCache: only buckets that new samples can
    /// change are recomputed), then replace() on each series whose points
    /// changed, in one call. Cheap enough for every ~40 ms tick; the app calls
    /// it from its coalescing timer.
    void refresh();
    /// Renders the chart at `size` (current size when empty) into an ARGB32
    /// image, e.g. for PNG export: the data of the last refresh(), decimated
    /// again when `size` differs from the chart's. Does not change what is on
    /// screen (a hidden chart keeps `size`, so repeated renders are direct).
    QImage renderToImage(QSize size = {});
    /// Same, painted into `painter` at (0, 0) (e.g. a reused image or a printer).
    void render(QPainter* painter, QSize size);

    /// Text of the hover readout for time tMs: time and each series' value.
    QString readoutAt(qint64 tMs) const;
    /// What the chart shows, for assistive technology: its lines and unit, and
    /// the values at the end of the visible window ("Lines in connections:
    /// open, idle, … At 10:00:05: open 10, idle 4, …"); read when asked.
    QString summaryText() const;
    /// Points currently given to Qt Charts for series `index`, over all its
    /// segments (tests, bench).
    qsizetype pointCount(int index) const;
    /// Line segments drawn for series `index`: a stretch the source did not
    /// report (NaN in the Timeline) is a gap between two segments, never a 0.
    int segmentCount(int index) const;
    /// Whether series `index` had samples in view after the last refresh()
    /// but none of them reported: its legend entry is greyed and the note
    /// names it.
    bool notReported(int index) const { return notReported_.value(index); }
    /// Whether the legend entry of series `index` is drawn greyed (tests).
    bool legendGreyed(int index) const;
    /// The note drawn in the plot area ("not reported by this source: …");
    /// empty when every series with samples in view has data.
    QString noteText() const;
    /// Width in pixels of the plot area the series are decimated to.
    int plotWidthPx() const;
    /// Visible time range after the last refresh(), wall-clock ms: the window
    /// widened to whole decimation buckets (at most two pixels more).
    qint64 visibleFromMs() const { return fromMs_; }
    qint64 visibleToMs() const { return toMs_; }
    /// The Qt Charts objects, for styling; owned by this widget.
    QChart* chart() const { return chart_; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void rebuildSeries();
    /// Segment k of series `spec` (0: the legend series), created on demand.
    QLineSeries* segment(qsizetype spec, qsizetype k);
    /// Legend names and the plot note from notReported_.
    void updateNotReported();
    void applyTheme();
    bool visibleRange(qint64& fromMs, qint64& toMs) const;

    const Timeline* timeline_ = nullptr;
    QString pool_;
    QList<SeriesSpec> specs_;
    QList<Band> bands_;
    qint64 windowMs_ = 5 * 60 * 1000;
    qint64 cursorMs_ = 0;
    bool follow_ = true;
    qint64 fromMs_ = 0;
    qint64 toMs_ = 0;
    double yMax_ = 1;
    int columns_ = 0;             // plot width the last refresh() decimated to
    bool refreshQueued_ = false;  // a refresh for a new width is pending

    QChart* chart_ = nullptr;
    QChartView* view_ = nullptr;
    QDateTimeAxis* axisX_ = nullptr;
    QValueAxis* axisY_ = nullptr;
    QList<QLineSeries*> lines_;             // per spec: its first segment, in the legend
    QList<QList<QLineSeries*>> segments_;   // per spec: the segments after a gap
    QList<bool> notReported_;
    QList<QAreaSeries*> bandAreas_;
    ChartOverlay* overlay_ = nullptr;
    DecimationCache cache_;
};

}  // namespace poolscope
