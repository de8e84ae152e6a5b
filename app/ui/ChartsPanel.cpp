#include "app/ui/ChartsPanel.h"

#include <QVBoxLayout>

#include "core/health/RuleId.h"
#include "core/health/Thresholds.h"
#include "widgets/AlertListModel.h"
#include "widgets/Charts.h"
#include "widgets/StateNames.h"
#include "widgets/TimeSeriesChart.h"

namespace poolscope {

namespace {

/// Markers kept per pool; the oldest go first.
constexpr qsizetype kMaxMarkers = 200;
/// One marker per kind of burst (leaks, timeouts, broken) in this many ms.
constexpr qint64 kBurstGapMs = 5'000;

}  // namespace

ChartsPanel::ChartsPanel(const Timeline* timeline, QWidget* parent)
    : QWidget(parent), timeline_(timeline) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    charts_ = {makeConnectionsChart(this), makeLatencyChart(this), makeRatesChart(this)};
    const RuleSettings wait = Thresholds::defaults().rule(RuleId::WaitP99);  // a copy: defaults() is a temporary
    setWaitThresholds(wait.warning, wait.danger);
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
    applyDerivation();
    applyWindow();
    showMarkers();
}

void ChartsPanel::applyDerivation() {
    const WaitDerivation d = derivation_.value(pool_, WaitDerivation::Exact);
    if (d == shownDerivation_) return;
    shownDerivation_ = d;
    charts_[1]->setTitle(latencyTitle(d));
    charts_[1]->setSeries(latencySeries(d));
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

void ChartsPanel::setWaitThresholds(std::optional<double> warningMs, std::optional<double> dangerMs) {
    // The health engine's wait_p99 grades, shaded on the acquire-wait chart.
    QList<Band> bands;
    const double top = 1e12;
    if (warningMs) bands.append({*warningMs, dangerMs ? *dangerMs : top, QColor(245, 166, 35, 45), tr("warning")});
    if (dangerMs) bands.append({*dangerMs, top, QColor(214, 39, 40, 45), tr("danger")});
    charts_[1]->setBands(bands);
}

void ChartsPanel::noteAlert(const Alert& alert) {
    // Only firing and resolution are worth a marker; pending ones come and go.
    if (alert.state == AlertState::Pending) return;
    const bool fired = alert.state == AlertState::Firing;
    const QColor color = fired ? AlertListModel::gradeColor(alert.grade) : QColor(0x2c, 0xa0, 0x2c);
    const qint64 t = fired ? (alert.lastSeenMs ? alert.lastSeenMs : alert.firedMs) : alert.resolvedMs;
    const QString rule = QString::fromStdString(alert.rule);
    addMarker(QString::fromStdString(alert.pool), t, color,
              fired ? tr("%1 %2").arg(rule, AlertListModel::gradeText(alert.grade)) : tr("%1 resolved").arg(rule));
}

void ChartsPanel::noteSnapshot(const PoolSnapshot& s) {
    const QString pool = QString::fromStdString(s.pool);
    derivation_.insert(pool, s.wait.derivation);
    if (pool == pool_) applyDerivation();
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
        // A total only counts when both snapshots report it (a figure that
        // starts being reported is not a burst).
        const auto both = [&](Figure f) { return s.reported.has(f) && p.reported.has(f); };
        const auto burst = [&](int kind, bool happened, const QColor& color, const QString& text) {
            if (!happened || s.tMs - last[kind] < kBurstGapMs) return;
            last[kind] = s.tMs;
            addMarker(pool, s.tMs, color, text);
        };
        burst(0, both(Figure::Leaks) && s.totals.leaks > p.totals.leaks, bad, tr("leaks reported: %1").arg(s.totals.leaks));
        burst(1, both(Figure::Timeouts) && s.totals.timeouts > p.totals.timeouts, warn, tr("acquire timeouts"));
        burst(2, both(Figure::ClosedBroken) && s.totals.closedBroken > p.totals.closedBroken, bad, tr("broken connections closed"));
    }
    PoolSnapshot copy;
    copy.tMs = s.tMs;
    copy.pool = s.pool;
    copy.lifecycle = s.lifecycle;
    copy.config = s.config;
    copy.totals = s.totals;
    copy.reported = s.reported;
    previous_.insert(pool, copy);
}

}  // namespace poolscope
