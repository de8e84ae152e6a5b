// The charts follow the Timeline, share the time window, pause, and mark
// what happened to the pool.

#include <QtTest>

#include "app/ui/ChartsPanel.h"
#include "widgets/TimeSeriesChart.h"

namespace poolscope {

class ChartsPanelTest : public QObject {
    Q_OBJECT
    static PoolSnapshot at(int64_t tMs, int64_t inUse) {
        PoolSnapshot s;
        s.pool = "p";
        s.tMs = tMs;
        s.lifecycle = Lifecycle::Started;
        s.counts.inUse = inUse;
        s.counts.open = inUse;
        return s;
    }

private slots:
    void windowPauseAndMarkers() {
        Timeline timeline(1000);
        ChartsPanel panel(&timeline);
        panel.resize(800, 600);
        panel.show();
        QCOMPARE(panel.chartCount(), 3);
        QCOMPARE(ChartsPanel::windowChoices().size(), 5);
        QCOMPARE(ChartsPanel::windowLabel(60'000), QStringLiteral("1 min"));
        QCOMPARE(ChartsPanel::windowLabel(3'600'000), QStringLiteral("1 h"));
        QCOMPARE(ChartsPanel::windowLabel(0), QStringLiteral("all"));
        panel.setPool("p");
        panel.setWindowMs(60'000);
        for (int i = 0; i < 100; ++i) {
            PoolSnapshot s = at(1'000'000 + i * 100, i % 7);
            if (i == 50) s.lifecycle = Lifecycle::Suspended;
            if (i == 60) s.totals.leaks = 2;
            timeline.append(s);
            panel.noteSnapshot(s);
        }
        panel.refresh();
        QCOMPARE(panel.windowMs(), qint64(60'000));
        QCOMPARE(panel.chart(0)->windowMs(), qint64(0));  // 10 s of samples: all shown
        QVERIFY(panel.chart(0)->pointCount(0) > 0);
        const qint64 end = panel.chart(0)->visibleToMs();
        QVERIFY(end > 1'000'000 + 99 * 100 && end < 1'000'000 + 99 * 100 + 500);  // whole buckets
        QCOMPARE(panel.markerCount("p"), 3);  // suspended, started again, leaks

        panel.setPaused(true);
        timeline.append(at(1'020'000, 3));
        panel.refresh();
        QCOMPARE(panel.chart(0)->visibleToMs(), end);
        panel.setPaused(false);
        panel.refresh();
        QVERIFY(panel.chart(0)->visibleToMs() > 1'020'000);
        timeline.append(at(1'100'000, 3));  // now more than the window
        panel.refresh();
        QCOMPARE(panel.chart(0)->windowMs(), qint64(60'000));
        const qint64 shown = panel.chart(0)->visibleToMs() - panel.chart(0)->visibleFromMs();
        QVERIFY2(shown > 58'000 && shown < 62'000, qPrintable(QString::number(shown)));
    }

    void meanWaitIsLabelledMean() {
        Timeline timeline(1000);
        ChartsPanel panel(&timeline);
        panel.setPool("p");
        QCOMPARE(panel.chart(1)->series().size(), 3);  // P50, P95, P99
        PoolSnapshot s = at(1'000'000, 2);
        s.wait.derivation = WaitDerivation::Mean;
        timeline.append(s);
        panel.noteSnapshot(s);
        QVERIFY(panel.waitDerivation() == WaitDerivation::Mean);
        QCOMPARE(panel.chart(1)->series().size(), 1);
        QCOMPARE(panel.chart(1)->series()[0].label, QStringLiteral("mean wait"));
        QVERIFY(panel.chart(1)->readoutAt(1'000'000).contains("mean wait"));
        // Another pool's derivation does not touch the shown pool's chart.
        PoolSnapshot other = at(1'000'100, 1);
        other.pool = "q";
        other.wait.derivation = WaitDerivation::Histogram;
        panel.noteSnapshot(other);
        QCOMPARE(panel.chart(1)->series()[0].label, QStringLiteral("mean wait"));
        panel.setPool("q");
        QCOMPARE(panel.chart(1)->series().size(), 3);
    }
};

}  // namespace poolscope

QTEST_MAIN(poolscope::ChartsPanelTest)
#include "ChartsPanelTest.moc"
