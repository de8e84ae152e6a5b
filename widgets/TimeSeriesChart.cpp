#include "widgets/TimeSeriesChart.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QPainter>
#include <QVBoxLayout>
#include <QValueAxis>
#include <cmath>

#include "widgets/AccessibleViews.h"
#include "widgets/ChartOverlay.h"

namespace poolscope {

namespace {

/// A round axis top >= x (x > 0) and the tick count that divides it evenly.
std::pair<double, int> niceTop(double x) {
    if (!(x > 0)) return {1, 6};
    const double p = std::pow(10.0, std::floor(std::log10(x)));
    static constexpr std::pair<double, int> steps[] = {
        {1, 6}, {1.2, 5}, {1.5, 4}, {2, 5}, {2.5, 6}, {3, 4},
        {4, 5}, {5, 6},   {6, 4},   {8, 5}, {10, 6},
    };
    for (const auto& [m, ticks] : steps)
        if (m * p >= x * (1 - 1e-9)) return {m * p, ticks};
    return {10 * p, 6};
}

bool isRate(Metric m) { return m >= Metric::AcquireRate; }
bool isLatency(Metric m) { return m >= Metric::WaitP50 && m <= Metric::WaitMax; }

QString formatValue(Metric m, double v) {
    if (isRate(m) || isLatency(m)) return QString::number(v, 'f', v < 10 ? 2 : 1);
    return QString::number(qRound64(v));
}

}  // namespace

TimeSeriesChart::TimeSeriesChart(QWidget* parent) : QWidget(parent) {
    installAccessibleViews();
    chart_ = new QChart();
    chart_->setAnimationOptions(QChart::NoAnimation);
    chart_->legend()->setAlignment(Qt::AlignTop);
    chart_->setMargins(QMargins(4, 4, 4, 4));
    axisX_ = new QDateTimeAxis(chart_);
    axisX_->setTickCount(6);
    axisY_ = new QValueAxis(chart_);
    axisY_->setLabelFormat("%g");
    chart_->addAxis(axisX_, Qt::AlignBottom);
    chart_->addAxis(axisY_, Qt::AlignLeft);

    view_ = new QChartView(chart_, this);  // takes ownership of chart_
    view_->scene()->setItemIndexMethod(QGraphicsScene::NoIndex);  // items move every refresh
    view_->setRenderHint(QPainter::Antialiasing, false);  // dense 1 px lines: crisp and fast
    view_->setFrameShape(QFrame::NoFrame);
    // Nothing to do there from the keyboard: no invisible tab stops.
    view_->setFocusPolicy(Qt::NoFocus);
    view_->viewport()->setFocusPolicy(Qt::NoFocus);
    view_->viewport()->setMouseTracking(true);
    view_->viewport()->installEventFilter(this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view_);

    overlay_ = new ChartOverlay(chart_);
    connect(chart_, &QChart::plotAreaChanged, this, [this] {
        overlay_->plotAreaChanged();
        // A new width needs a new decimation; once, after the layout settles.
        if (plotWidthPx() != columns_ && !refreshQueued_ && fromMs_ != toMs_) {
            refreshQueued_ = true;
            QMetaObject::invokeMethod(this, [this] {
                refreshQueued_ = false;
                if (plotWidthPx() != columns_) refresh();
            }, Qt::QueuedConnection);
        }
    });
    applyTheme();
    rebuildSeries();
}

TimeSeriesChart::~TimeSeriesChart() = default;

void TimeSeriesChart::setTimeline(const Timeline* timeline) {
    timeline_ = timeline;
    refresh();
}

void TimeSeriesChart::setPool(const QString& pool) {
    if (pool == pool_) return;
    pool_ = pool;
    refresh();
}

void TimeSeriesChart::setSeries(const QList<SeriesSpec>& series) {
    specs_ = series;
    rebuildSeries();
    refresh();
}

void TimeSeriesChart::setWindowMs(qint64 ms) {
    windowMs_ = std::max<qint64>(ms, 0);
    refresh();
}

void TimeSeriesChart::setFollow(bool follow) {
    if (!follow && follow_ && timeline_) {
        // Pausing pins the cursor to what is on screen now.
        if (auto span = timeline_->span(pool_.toStdString())) cursorMs_ = span->second;
    }
    follow_ = follow;
    refresh();
}

void TimeSeriesChart::setCursorMs(qint64 ms) {
    cursorMs_ = ms;
    if (!follow_) refresh();
}

void TimeSeriesChart::setBands(const QList<Band>& bands) {
    bands_ = bands;
    rebuildSeries();
    refresh();
}

void TimeSeriesChart::addMarker(qint64 tMs, const QColor& color, const QString& text) {
    overlay_->addMarker({tMs, color, text});
}

void TimeSeriesChart::clearMarkers() { overlay_->clearMarkers(); }

void TimeSeriesChart::setTitle(const QString& title) {
    chart_->setTitle(title);
    setAccessibleName(title);
}

void TimeSeriesChart::setUnit(const QString& unit) {
    axisY_->setTitleText(unit);
}

void TimeSeriesChart::rebuildSeries() {
    chart_->removeAllSeries();  // deletes the old series
    fromMs_ = toMs_ = 0;        // the next refresh() sets axes, bands and points
    lines_.clear();
    segments_.clear();
    notReported_.clear();
    overlay_->setNote({});
    bandAreas_.clear();
    for (const Band& b : bands_) {
        auto* area = new QAreaSeries();
        area->setUpperSeries(new QLineSeries(area));
        area->setLowerSeries(new QLineSeries(area));
        area->setName(b.label);
        area->setPen(Qt::NoPen);
        area->setBrush(b.color);
        chart_->addSeries(area);
        area->attachAxis(axisX_);
        area->attachAxis(axisY_);
        if (b.label.isEmpty()) chart_->legend()->markers(area).value(0)->setVisible(false);
        bandAreas_.append(area);
    }
    for (const SeriesSpec& s : specs_) {
        auto* line = new QLineSeries();
        line->setName(s.label);
        QPen pen(s.color, 1.0);  // <= 1 px: the raster engine's fast cosmetic stroker
        if (s.dashed) pen.setStyle(Qt::DashLine);
        line->setPen(pen);
        chart_->addSeries(line);
        line->attachAxis(axisX_);
        line->attachAxis(axisY_);
        lines_.append(line);
    }
    segments_.resize(lines_.size());
    notReported_.resize(lines_.size());
}

QLineSeries* TimeSeriesChart::segment(qsizetype spec, qsizetype k) {
    if (k == 0) return lines_[spec];
    QList<QLineSeries*>& extra = segments_[spec];
    while (extra.size() < k) {
        // Same pen as the legend series; no legend entry of its own.
        auto* line = new QLineSeries();
        line->setPen(lines_[spec]->pen());
        chart_->addSeries(line);
        line->attachAxis(axisX_);
        line->attachAxis(axisY_);
        chart_->legend()->markers(line).value(0)->setVisible(false);
        extra.append(line);
    }
    return extra[k - 1];
}

bool TimeSeriesChart::visibleRange(qint64& fromMs, qint64& toMs) const {
    if (!timeline_ || pool_.isEmpty()) return false;
    const auto span = timeline_->span(pool_.toStdString());
    if (!span) return false;
    toMs = (follow_ ? span->second : cursorMs_) + 1;  // the end sample is included
    fromMs = windowMs_ > 0 ? toMs - windowMs_ : span->first;
    if (fromMs >= toMs - 1) fromMs = toMs - 1000;
    return true;
}

int TimeSeriesChart::plotWidthPx() const {
    const int w = qRound(chart_->plotArea().width());
    return w > 0 ? w : std::max(1, width() - 80);
}

void TimeSeriesChart::refresh() {
    qint64 from = 0, to = 0;
    if (!visibleRange(from, to)) {
        for (QLineSeries* l : lines_) l->clear();
        for (const auto& extra : segments_)
            for (QLineSeries* l : extra) l->clear();
        notReported_.fill(false);
        updateNotReported();
        cache_.invalidate();
        fromMs_ = toMs_ = 0;
        return;
    }
    std::vector<Metric> metrics;
    for (const SeriesSpec& s : specs_) metrics.push_back(s.metric);
    columns_ = plotWidthPx();
    const auto& decimated = cache_.update(*timeline_, pool_.toStdString(), metrics, from, to, columns_);
    // The axis spans whole buckets, so it only moves when a new bucket starts:
    // in between, a refresh touches only the series whose newest bucket changed.
    from = cache_.gridFromMs();
    to = cache_.gridToMs();
    double yMax = 0;
    // Per spec, its segments: a column nothing was reported in ends one.
    QList<QList<QList<QPointF>>> all(specs_.size());
    for (qsizetype i = 0; i < specs_.size(); ++i) {
        const Metric metric = specs_[i].metric;
        QList<QList<QPointF>>& segs = all[i];
        segs.append(QList<QPointF>());
        bool known = false;
        for (const MinMaxBucket& b : decimated[size_t(i)]) {
            if (std::isnan(b.max)) {
                if (!segs.last().isEmpty()) segs.append(QList<QPointF>());
                continue;
            }
            known = true;
            if (metric == Metric::MaxOpen && b.max <= 0) continue;  // unlimited: no line
            QList<QPointF>& points = segs.last();
            const double x = static_cast<double>(b.t0Ms);
            yMax = std::max(yMax, b.max);
            if (b.min != b.max) {
                // Enter each column at the end nearer the previous point: the
                // joins stay short, so a dense series costs one span per column.
                const bool down = !points.isEmpty() && std::abs(points.last().y() - b.max) <
                                                           std::abs(points.last().y() - b.min);
                points.append({x, down ? b.max : b.min});
                points.append({x, down ? b.min : b.max});
                continue;
            }
            // Flat runs collapse to their two ends: fewer points to stroke.
            const qsizetype n = points.size();
            if (n >= 2 && points[n - 1].y() == b.min && points[n - 2].y() == b.min)
                points[n - 1].setX(x);
            else
                points.append({x, b.min});
        }
        if (segs.size() > 1 && segs.last().isEmpty()) segs.removeLast();
        notReported_[i] = !known && !decimated[size_t(i)].empty();
    }
    updateNotReported();
    for (const Band& b : bands_)
        if (b.from > 0) {
            yMax = std::max(yMax, b.from * 1.1);
            break;  // only the first threshold pulls the axis up
        }
    const auto [top, ticks] = niceTop(yMax * 1.05);
    const bool moved = from != fromMs_ || to != toMs_ || top != yMax_;
    fromMs_ = from;
    toMs_ = to;
    if (moved) {
        // Qt Charts rebuilds a series' geometry on every point change and on
        // every axis change: empty the series first so moving the axes is
        // cheap, then give each series its points once.
        for (QLineSeries* l : lines_) l->clear();
        for (const auto& extra : segments_)
            for (QLineSeries* l : extra) l->clear();
        yMax_ = top;
        axisY_->setRange(0, top);
        axisY_->setTickCount(ticks);
        const qint64 span = to - from;
        axisX_->setFormat(span <= 3'600'000    ? "HH:mm:ss"
                          : span <= 86'400'000 ? "HH:mm"
                                               : "MM-dd HH:mm");
        axisX_->setRange(QDateTime::fromMSecsSinceEpoch(from), QDateTime::fromMSecsSinceEpoch(to));
        for (qsizetype i = 0; i < bandAreas_.size(); ++i) {
            const Band& b = bands_[i];
            const double hi = std::min(b.to, top), lo = std::min(b.from, top);
            bandAreas_[i]->upperSeries()->replace({{double(from), hi}, {double(to), hi}});
            bandAreas_[i]->lowerSeries()->replace({{double(from), lo}, {double(to), lo}});
        }
        overlay_->setRange(from, to);
    }
    for (qsizetype i = 0; i < lines_.size(); ++i) {
        const QList<QList<QPointF>>& segs = all[i];
        for (qsizetype k = 0; k < segs.size(); ++k) {
            QLineSeries* line = segment(i, k);
            if (moved || line->points() != segs[k]) line->replace(segs[k]);
        }
        for (qsizetype k = segs.size(); k <= segments_[i].size(); ++k)
            if (QLineSeries* line = segment(i, k); line->count() > 0) line->clear();
    }
}

void TimeSeriesChart::updateNotReported() {
    // The legend entry of a series with nothing reported is greyed and
    // italic; the note in the plot says which and why.
    QStringList missing;
    const QColor text = palette().color(QPalette::Text);
    QColor grey = text;
    grey.setAlpha(110);
    for (qsizetype i = 0; i < specs_.size(); ++i) {
        const bool off = notReported_.value(i);
        if (off) missing << specs_[i].label;
        QLegendMarker* marker = chart_->legend()->markers(lines_[i]).value(0);
        if (!marker) continue;
        QFont f = chart_->legend()->font();
        f.setItalic(off);
        if (marker->font() != f) marker->setFont(f);
        if (marker->labelBrush().color() != (off ? grey : text)) marker->setLabelBrush(off ? grey : text);
    }
    overlay_->setNote(missing.isEmpty() ? QString()
                                        : tr("not reported by this source: %1").arg(missing.join(tr(", "))));
}

QString TimeSeriesChart::noteText() const { return overlay_->note(); }

bool TimeSeriesChart::legendGreyed(int index) const {
    if (index < 0 || index >= lines_.size()) return false;
    const QLegendMarker* marker = chart_->legend()->markers(lines_[index]).value(0);
    return marker && marker->font().italic();
}

int TimeSeriesChart::segmentCount(int index) const {
    if (index < 0 || index >= lines_.size()) return 0;
    int n = lines_[index]->count() > 0 ? 1 : 0;
    for (const QLineSeries* l : segments_[index]) n += l->count() > 0 ? 1 : 0;
    return n;
}

QImage TimeSeriesChart::renderToImage(QSize size) {
    if (size.isEmpty()) size = chart_->size().toSize();
    if (size.isEmpty()) size = QSize(800, 400);
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&image);
    render(&painter, size);
    return image;
}

void TimeSeriesChart::render(QPainter* painter, QSize size) {
    const QSizeF old = chart_->size();
    const bool resize = old != QSizeF(size);
    if (resize) {  // new plot width: decimate again for it
        chart_->resize(size);
        if (QGraphicsLayout* l = chart_->layout()) l->activate();
        refresh();
    }
    overlay_->clearHover();
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);  // as on screen
    painter->fillRect(QRect(QPoint(0, 0), size), chart_->backgroundBrush());
    chart_->scene()->render(painter, QRectF(QPointF(0, 0), QSizeF(size)),
                            chart_->mapRectToScene(QRectF(QPointF(0, 0), QSizeF(size))));
    painter->restore();
    // A visible chart goes back to its on-screen size; a hidden one (export
    // helpers, benchmarks) keeps the new size so the next render is direct.
    if (resize && isVisible()) {
        chart_->resize(old);
        if (QGraphicsLayout* l = chart_->layout()) l->activate();
        refresh();
    }
}

QString TimeSeriesChart::readoutAt(qint64 tMs) const {
    QStringList lines{QDateTime::fromMSecsSinceEpoch(tMs).toString("HH:mm:ss.zzz")};
    if (timeline_) {
        const std::string pool = pool_.toStdString();
        for (const SeriesSpec& s : specs_) {
            const auto v = timeline_->valueAt(pool, s.metric, tMs);
            const QString value = !v                 ? tr("–")
                                  : std::isnan(*v) ? tr("not reported")
                                                   : formatValue(s.metric, *v);
            lines.append(tr("%1: %2").arg(s.label, value));
        }
    }
    return lines.join('\n');
}

QString TimeSeriesChart::summaryText() const {
    QStringList labels;
    for (const SeriesSpec& s : specs_) labels << s.label;
    const QString unit = axisY_->titleText();
    QString text = unit.isEmpty() ? tr("Lines: %1.").arg(labels.join(tr(", ")))
                                  : tr("Lines in %1: %2.").arg(unit, labels.join(tr(", ")));
    qint64 from = 0, to = 0;
    if (!visibleRange(from, to)) return text + QLatin1Char(' ') + tr("No samples yet.");
    QStringList lines = readoutAt(to - 1).split(QLatin1Char('\n'));
    const QString time = lines.takeFirst();
    return text + QLatin1Char(' ') + tr("At %1: %2.").arg(time, lines.join(tr(", ")));
}

qsizetype TimeSeriesChart::pointCount(int index) const {
    if (index < 0 || index >= lines_.size()) return 0;
    qsizetype n = lines_[index]->count();
    for (const QLineSeries* l : segments_[index]) n += l->count();
    return n;
}

bool TimeSeriesChart::eventFilter(QObject* watched, QEvent* event) {
    if (watched == view_->viewport()) {
        if (event->type() == QEvent::MouseMove) {
            const auto* me = static_cast<QMouseEvent*>(event);
            const QPointF p = chart_->mapFromScene(view_->mapToScene(me->position().toPoint()));
            const QRectF plot = chart_->plotArea();
            if (plot.contains(p) && toMs_ > fromMs_) {
                const qint64 t = fromMs_ + qint64((p.x() - plot.left()) / plot.width() *
                                                  double(toMs_ - fromMs_));
                const QStringList text = readoutAt(t).split('\n');
                QList<ChartOverlay::ReadoutLine> lines{{QColor(), text.value(0)}};
                for (qsizetype i = 0; i < specs_.size(); ++i)
                    lines.append({specs_[i].color, text.value(i + 1)});
                overlay_->setHover(p.x(), lines);
            } else {
                overlay_->clearHover();
            }
        } else if (event->type() == QEvent::Leave) {
            overlay_->clearHover();
        }
    }
    return QWidget::eventFilter(watched, event);
}

void TimeSeriesChart::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) applyTheme();
    QWidget::changeEvent(event);
}

void TimeSeriesChart::applyTheme() {
    const QPalette pal = palette();
    const QColor base = pal.color(QPalette::Base), text = pal.color(QPalette::Text);
    QColor grid = text;
    grid.setAlpha(40);
    chart_->setBackgroundBrush(base);
    chart_->setBackgroundRoundness(0);
    chart_->setTitleBrush(text);
    chart_->legend()->setLabelColor(text);
    for (QAbstractAxis* axis : {static_cast<QAbstractAxis*>(axisX_), static_cast<QAbstractAxis*>(axisY_)}) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid);
    }
    view_->setBackgroundBrush(base);
    overlay_->setTextColor(text, base);
    updateNotReported();  // setLabelColor() reset the greyed legend entries
}

}  // namespace poolscope
