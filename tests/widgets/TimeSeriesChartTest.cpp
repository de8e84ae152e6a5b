#include <QAccessible>
#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QValueAxis>
#include <QtTest>
#include <random>

#include "widgets/Charts.h"

using namespace poolscope;

namespace {

constexpr int64_t kT0 = 1'700'000'000'000;

/// n samples at 10 Hz: in use follows `inUse(i)`, max_open = 20.
template <typename F>
void fill(Timeline& tl, int n, F inUse, int64_t start = kT0) {
    for (int i = 0; i < n; ++i) {
        PoolSnapshot s;
        s.pool = "default";
        s.tMs = start + int64_t(i) * 100;
        s.config.maxOpen = 20;
        s.counts.inUse = inUse(i);
        s.counts.idle = 2;
        s.counts.open = s.counts.inUse + 2;
        s.wait = {1, 2, double(inUse(i)), 9};
        tl.append(s);
    }
}

int countColor(const QImage& img, QRgb rgb) {
    int n = 0;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x) n += (img.pixel(x, y) & 0xffffff) == (rgb & 0xffffff);
    return n;
}

QLineSeries* lineNamed(TimeSeriesChart& chart, const QString& name) {
    for (QAbstractSeries* s : chart.chart()->series())
        if (s->name() == name) return qobject_cast<QLineSeries*>(s);
    return nullptr;
}

}  // namespace

class TimeSeriesChartTest : public QObject {
    Q_OBJECT
private slots:
    void rendersNonBlank();
    void pointCountWithinTwiceWidth();
    void spikeSurvivesDecimation();
    void windowFollowAndCursor();
    void readoutShowsValuesUnderPointer();
    void bandsAndMarkersRender();
    void unlimitedMaxOpenDrawsNoLine();
    void unreportedStretchIsAGapNeverAZero();
    void seriesNeverReportedSaysSo();
    void meanWaitIsLabelledMean();
    void assistiveTechnologyReadsTitleLinesAndNewestValues();
};

void TimeSeriesChartTest::assistiveTechnologyReadsTitleLinesAndNewestValues() {
    Timeline tl;
    std::unique_ptr<TimeSeriesChart> chart(makeConnectionsChart());
    QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(chart.get());
    QVERIFY(iface);
    QCOMPARE(iface->role(), QAccessible::Chart);
    QCOMPARE(iface->text(QAccessible::Name), QString("Connections"));
    QCOMPARE(
        iface->text(QAccessible::Description),
        QString("Lines in connections: open, idle, in use, waiting, max_open. No samples yet."));
    // Once there are samples, the values at the end of the window follow.
    fill(tl, 100, [](int i) { return i < 50 ? 4 : 7; });
    chart->setTimeline(&tl);
    chart->setPool("default");
    const QString time = QDateTime::fromMSecsSinceEpoch(kT0 + 99 * 100).toString("HH:mm:ss.zzz");
    QCOMPARE(
        iface->text(QAccessible::Description),
        QString(
            "Lines in connections: open, idle, in use, waiting, max_open. At %1: open: 9, idle: 2, "
            "in use: 7, waiting: 0, max_open: 20.")
            .arg(time));
    // No tab stop without anything to do from the keyboard.
    chart->show();
    QVERIFY(QTest::qWaitForWindowExposed(chart.get()));
    for (QWidget* w : chart->findChildren<QWidget*>()) QCOMPARE(w->focusPolicy(), Qt::NoFocus);
    chart->setTitle("Pool A");
    QCOMPARE(iface->text(QAccessible::Name), QString("Pool A"));
}

void TimeSeriesChartTest::rendersNonBlank() {
    Timeline tl;
    fill(tl, 3000, [](int i) { return 3 + (i / 50) % 6; });
    std::unique_ptr<TimeSeriesChart> chart(makeConnectionsChart());
    chart->setTimeline(&tl);
    chart->setPool("default");
    const QImage img = chart->renderToImage(QSize(800, 400));
    QCOMPARE(img.size(), QSize(800, 400));
    // The "in use" line is drawn in its own colour.
    QVERIFY(countColor(img, connectionsSeries()[2].color.rgb()) > 100);
    QVERIFY(countColor(img, img.pixel(0, 0)) < 800 * 400 * 0.97);
}

void TimeSeriesChartTest::pointCountWithinTwiceWidth() {
    Timeline tl;
    std::mt19937 rng(3);
    fill(tl, 200'000, [&](int) { return int(rng() % 20); });
    std::unique_ptr<TimeSeriesChart> chart(makeConnectionsChart());
    chart->setTimeline(&tl);
    chart->setPool("default");
    chart->setWindowMs(0);
    chart->renderToImage(QSize(900, 400));
    const int width = chart->plotWidthPx();
    QVERIFY(width > 500 && width <= 900);
    for (int i = 0; i < chart->series().size(); ++i)
        QVERIFY2(chart->pointCount(i) <= 2 * width,
                 qPrintable(QString("series %1: %2 points for %3 px").arg(i).arg(chart->pointCount(i)).arg(width)));
    QVERIFY(chart->pointCount(2) > width);  // noisy "in use": min and max per column
}

void TimeSeriesChartTest::spikeSurvivesDecimation() {
    Timeline tl;
    fill(tl, 100'000, [](int i) { return i == 61'234 ? 50 : 1; });
    std::unique_ptr<TimeSeriesChart> chart(makeConnectionsChart());
    chart->setTimeline(&tl);
    chart->setPool("default");
    chart->setWindowMs(0);
    chart->renderToImage(QSize(800, 400));
    QLineSeries* inUse = lineNamed(*chart, connectionsSeries()[2].label);
    QVERIFY(inUse);
    double top = 0;
    for (const QPointF& p : inUse->points()) top = std::max(top, p.y());
    QCOMPARE(top, 50.0);
    auto* axisY = qobject_cast<QValueAxis*>(chart->chart()->axes(Qt::Vertical).value(0));
    QVERIFY(axisY && axisY->max() >= 50);
}

void TimeSeriesChartTest::windowFollowAndCursor() {
    Timeline tl;
    fill(tl, 6000, [](int i) { return i % 10; });  // 10 min
    std::unique_ptr<TimeSeriesChart> chart(makeConnectionsChart());
    chart->resize(800, 400);
    chart->setTimeline(&tl);
    chart->setPool("default");
    chart->setWindowMs(60'000);
    chart->renderToImage(QSize(800, 400));
    const int64_t last = kT0 + 5999 * 100;
    auto spanMs = [&] { return chart->visibleToMs() - chart->visibleFromMs(); };
    QVERIFY(spanMs() >= 60'000 && spanMs() <= 60'500);
    QVERIFY(chart->visibleToMs() > last && chart->visibleToMs() <= last + 250);

    chart->setFollow(false);
    chart->setCursorMs(kT0 + 120'000);
    QVERIFY(qAbs(chart->visibleToMs() - (kT0 + 120'000)) <= 250);
    fill(tl, 100, [](int) { return 1; }, last + 100);  // new data while paused
    chart->refresh();
    QVERIFY(qAbs(chart->visibleToMs() - (kT0 + 120'000)) <= 250);
    chart->setFollow(true);
    QVERIFY(chart->visibleToMs() > last + 100 * 100);
}

void TimeSeriesChartTest::readoutShowsValuesUnderPointer() {
    Timeline tl;
    fill(tl, 100, [](int i) { return i < 50 ? 4 : 7; });
    std::unique_ptr<TimeSeriesChart> chart(makeConnectionsChart());
    chart->setTimeline(&tl);
    chart->setPool("default");
    const QString text = chart->readoutAt(kT0 + 60 * 100 + 30);
    QVERIFY2(text.contains(connectionsSeries()[2].label + ": 7"), qPrintable(text));
    QVERIFY(text.contains(connectionsSeries()[4].label + ": 20"));
    QVERIFY(chart->readoutAt(kT0 + 10 * 100).contains(": 4"));
    // Moving the pointer over the plot does not disturb rendering.
    chart->resize(800, 400);
    chart->show();
    QVERIFY(QTest::qWaitForWindowExposed(chart.get()));
    chart->refresh();
    auto* view = chart->findChild<QChartView*>();
    QVERIFY(view);
    QTest::mouseMove(view->viewport(), QPoint(400, 200));
    QVERIFY(!chart->grab().isNull());
}

void TimeSeriesChartTest::bandsAndMarkersRender() {
    Timeline tl;
    fill(tl, 600, [](int i) { return i % 40; });
    std::unique_ptr<TimeSeriesChart> chart(makeLatencyChart());
    chart->setTimeline(&tl);
    chart->setPool("default");
    const QColor warn(255, 200, 0);
    chart->setBands({{20, 30, warn, "warning"}, {30, 1e9, QColor(220, 0, 0, 60), "critical"}});
    chart->addMarker(kT0 + 300 * 100, Qt::red, "P99 above 30 ms");
    int areas = 0;
    for (QAbstractSeries* s : chart->chart()->series()) areas += qobject_cast<QAreaSeries*>(s) != nullptr;
    QCOMPARE(areas, 2);
    const QImage img = chart->renderToImage(QSize(800, 400));
    QVERIFY(countColor(img, warn.rgb()) > 1000);  // the band is shaded
    chart->clearMarkers();
    QVERIFY(!chart->renderToImage(QSize(800, 400)).isNull());
}

void TimeSeriesChartTest::unlimitedMaxOpenDrawsNoLine() {
    Timeline tl;
    PoolSnapshot s;
    s.config.maxOpen = 0;
    for (int i = 0; i < 50; ++i) {
        s.tMs = kT0 + i * 100;
        s.counts.inUse = i;
        tl.append(s);
    }
    std::unique_ptr<TimeSeriesChart> chart(makeConnectionsChart());
    chart->setTimeline(&tl);
    chart->setPool("default");
    chart->renderToImage(QSize(600, 300));
    QCOMPARE(chart->pointCount(4), 0);  // max_open
    QVERIFY(chart->pointCount(2) > 0);
}

void TimeSeriesChartTest::unreportedStretchIsAGapNeverAZero() {
    // Waiting (2 callers) is reported in the first and last thirds only: the
    // line has two segments with a gap between, and no point at 0.
    Timeline tl;
    for (int i = 0; i < 300; ++i) {
        PoolSnapshot s;
        s.tMs = kT0 + i * 100;
        s.config.maxOpen = 20;
        s.counts = {5, 2, 3, 0, 0, 2};
        if (i >= 100 && i < 200) s.reported.set(Figure::Waiting, false);
        tl.append(s);
    }
    std::unique_ptr<TimeSeriesChart> chart(makeConnectionsChart());
    chart->setTimeline(&tl);
    chart->setPool("default");
    chart->renderToImage(QSize(600, 300));
    const int waiting = 3;
    QVERIFY(chart->series()[waiting].metric == Metric::Waiting);
    QCOMPARE(chart->segmentCount(waiting), 2);
    QCOMPARE(chart->segmentCount(2), 1);  // in use: reported throughout, one line
    QVERIFY(!chart->notReported(waiting));
    QVERIFY(chart->noteText().isEmpty());
    for (QAbstractSeries* a : chart->chart()->series())
        if (auto* line = qobject_cast<QLineSeries*>(a); line && line->pen().color() == chart->series()[waiting].color)
            for (const QPointF& p : line->points()) QCOMPARE(p.y(), 2.0);
    const QString readout = chart->readoutAt(kT0 + 150 * 100);
    QVERIFY2(readout.contains(chart->series()[waiting].label + ": not reported"), qPrintable(readout));
}

void TimeSeriesChartTest::seriesNeverReportedSaysSo() {
    // A go_sql-like pool: no waiting gauge, no allocating/returning.
    Timeline tl;
    for (int i = 0; i < 50; ++i) {
        PoolSnapshot s;
        s.tMs = kT0 + i * 100;
        s.config.maxOpen = 10;
        s.counts = {4, 1, 3, 0, 0, 0};
        for (Figure f : {Figure::Waiting, Figure::Allocating, Figure::Returning}) s.reported.set(f, false);
        tl.append(s);
    }
    std::unique_ptr<TimeSeriesChart> chart(makeConnectionsChart());
    chart->setTimeline(&tl);
    chart->setPool("default");
    chart->renderToImage(QSize(600, 300));
    const int waiting = 3;
    QVERIFY(chart->notReported(waiting));
    QCOMPARE(chart->pointCount(waiting), 0);  // no 0 line
    QVERIFY(!chart->notReported(2));
    QVERIFY2(chart->noteText().contains("not reported by this source") &&
                 chart->noteText().contains(chart->series()[waiting].label),
             qPrintable(chart->noteText()));
    QVERIFY(chart->legendGreyed(waiting));
    QVERIFY(!chart->legendGreyed(2));
    // Once it is reported, the note goes.
    PoolSnapshot s;
    s.tMs = kT0 + 50 * 100;
    s.counts = {4, 1, 3, 0, 0, 1};
    tl.append(s);
    chart->setWindowMs(1000);
    chart->refresh();
    QVERIFY(!chart->notReported(waiting));
    QVERIFY(chart->noteText().isEmpty());
    QVERIFY(!chart->legendGreyed(waiting));
}

void TimeSeriesChartTest::meanWaitIsLabelledMean() {
    const QList<SeriesSpec> mean = latencySeries(WaitDerivation::Mean);
    QCOMPARE(mean.size(), 1);
    QCOMPARE(mean[0].label, QStringLiteral("mean wait"));
    QCOMPARE(latencySeries(WaitDerivation::Histogram).size(), 3);
    QVERIFY(latencyTitle(WaitDerivation::Mean).contains("mean"));
    QVERIFY(latencyTitle(WaitDerivation::Histogram).contains("histogram"));
    Timeline tl;
    fill(tl, 50, [](int) { return 3; });
    std::unique_ptr<TimeSeriesChart> chart(makeLatencyChart());
    chart->setTimeline(&tl);
    chart->setPool("default");
    chart->setSeries(mean);
    chart->renderToImage(QSize(600, 300));
    QVERIFY(lineNamed(*chart, "mean wait"));
    QVERIFY(chart->readoutAt(kT0 + 20 * 100).contains("mean wait: 1.00"));
}

QTEST_MAIN(TimeSeriesChartTest)
#include "TimeSeriesChartTest.moc"
