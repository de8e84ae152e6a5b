#include "app/ui/ChartsPanel.h"

#include <QVBoxLayout>

#include "widgets/Charts.h"
#include "widgets/StateNames.h"
#include "widgets/TimeSeriesChart.h"

namespace poolscope {

namespace {

/// Markers kept per pool; the oldest go first.
constexpr qsizetype kMaxMarkers = 200;
/// One marker per kind of burst (leaks, timeouts, broken) in this many ms.
constexpr qint64 kBurstGapMs = 5'000;
/// Until the health engine supplies thresholds: P99 above 100 ms is slow,
/// above 1 s critical.
constexpr double kSlowWaitMs = 100;
constexpr double kCriticalWaitMs = 1000;

}  // namespace

ChartsPanel::ChartsPanel(const Timeline* timeline, QWidget* parent)
    : QWidget(parent), timeline_(timeline) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    charts_ = {makeConnectionsChart(this), makeLatencyChart(this), makeRatesChart(this)};
    charts_[1]->setBands({
        {kSlowWaitMs, kCriticalWaitMs, QColor(245, 166, 35, 45), tr("slow")},
        {kCriticalWaitMs, 1e12, QColor(214, 39, 40, 45), tr("critical")},
    });
    for (TimeSeriesChart* c : charts_) {
        c->setTimeline(timeline_);
        c->setMinimumHeight(150);
        layout->addWidget(c, 1);
    }
}

QList<qint64> ChartsPanel::windowChoices() {
    return {60'000, 5 * 60'000, 15 * 60'000, 60 * 60'000, 0};
}

QString ChartsPanel::windowLabel(qint64 ms) {
    if (ms <= 0) return tr("all");
    if (ms < 3'600'000) return tr("%1 min").arg(ms / 60'000);
    return tr("%1 h").arg(ms / 3'600'000);
}

void ChartsPanel::setPool(const QString& pool) {
    if (pool == pool_) return;
    pool_ = pool;
    for (TimeSeriesChart* c : charts_) c->setPool(pool);
    applyWindow();
    showMarkers();
}

void ChartsPanel::setWindowMs(qint64 ms) {
    windowMs_ = ms;
    applyWindow();
}

void ChartsPanel::applyWindow() {
    // Until a pool has samples for the whole window, show all of them: a new
    // session fills the charts instead of drawing a sliver at the right edge.
    qint64 effective = windowMs_;
    if (effective > 0 && timeline_ && !pool_.isEmpty()) {
        const auto span = timeline_->span(pool_.toStdString());
        if (!span || span->second - span->first < effective) effective = 0;
    }
    for (TimeSeriesChart* c : charts_)
        if (c->windowMs() != effective) c->setWindowMs(effective);
}

void ChartsPanel::setPaused(bool paused) {
    paused_ = paused;
    for (TimeSeriesChart* c : charts_) c->setFollow(!paused);
}

void ChartsPanel::refresh() {
    if (paused_) return;
    applyWindow();
    for (TimeSeriesChart* c : charts_) c->refresh();
}

void ChartsPanel::addMarker(const QString& pool, qint64 tMs, const QColor& color, const QString& text) {
    auto& list = markers_[pool];
    list.append({tMs, color, text});
    if (list.size() > kMaxMarkers) {
        list.removeFirst();
        if (pool == pool_) showMarkers();
        return;
    }
    if (pool == pool_)
        for (TimeSeriesChart* c : charts_) c->addMarker(tMs, color, text);
}

void ChartsPanel::showMarkers() {
    for (TimeSeriesChart* c : charts_) {
        c->clearMarkers();
        for (const Marker& m : markers_.value(pool_)) c->addMarker(m.tMs, m.color, m.text);
    }
}

void ChartsPanel::noteSnapshot(const PoolSnapshot& s) {
    const QString pool = QString::fromStdString(s.pool);
    auto it = previous_.find(pool);
    if (it != previous_.end()) {
        const PoolSnapshot& p = *it;
        const QColor info(0x4c, 0x78, 0xa8), warn(0xf5, 0x85, 0x18), bad(0xd6, 0x27, 0x28);
        if (s.lifecycle != p.lifecycle)
            addMarker(pool, s.tMs, info, tr("pool %1").arg(lifecycleLabel(s.lifecycle)));
        if (!(s.config == p.config)) addMarker(pool, s.tMs, info, tr("settings changed"));
        // Bursts (a leak every request, timeouts every tick) get one marker
        // per few seconds, so the labels stay readable.
        auto& last = lastBurst_[pool];
        const auto burst = [&](int kind, bool happened, const QColor& color, const QString& text) {
            if (!happened || s.tMs - last[kind] < kBurstGapMs) return;
            last[kind] = s.tMs;
            addMarker(pool, s.tMs, color, text);
        };
        burst(0, s.totals.leaks > p.totals.leaks, bad, tr("leaks reported: %1").arg(s.totals.leaks));
        burst(1, s.totals.timeouts > p.totals.timeouts, warn, tr("acquire timeouts"));
        burst(2, s.totals.closedBroken > p.totals.closedBroken, bad, tr("broken connections closed"));
    }
    PoolSnapshot copy;
    copy.tMs = s.tMs;
    copy.pool = s.pool;
    copy.lifecycle = s.lifecycle;
    copy.config = s.config;
    copy.totals = s.totals;
    previous_.insert(pool, copy);
}

}  // namespace poolscope
