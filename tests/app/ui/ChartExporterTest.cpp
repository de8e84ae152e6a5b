// CSV of a timeline and PNG of the charts.

#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include "app/ui/ChartExporter.h"
#include "widgets/Charts.h"

namespace poolscope {

class ChartExporterTest : public QObject {
    Q_OBJECT
private slots:
    void writesCsvAndPng() {
        Timeline timeline(100);
        for (int i = 0; i < 10; ++i) {
            PoolSnapshot s;
            s.pool = "p";
            s.tMs = 1'700'000'000'000 + i * 100;
            s.counts.inUse = i;
            s.counts.open = 10;
            s.totals.acquired = uint64_t(i) * 10;
            timeline.append(s);
        }
        QTemporaryDir dir;
        const QString csv = dir.filePath("t.csv");
        QCOMPARE(ChartExporter::writeTimelineCsv(timeline, "p", csv), QString());
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 11);
        QVERIFY(lines[0].startsWith("t_ms,time,open,idle,in_use"));
        QVERIFY(lines[1].startsWith("1700000000000,2023-11-14T22:13:20.000Z,10,0,0"));
        QVERIFY(lines[10].contains(",9,"));
        QVERIFY(ChartExporter::writeTimelineCsv(timeline, "p", "/nonexistent-dir/t.csv").contains("/nonexistent-dir"));

        std::unique_ptr<TimeSeriesChart> chart(makeConnectionsChart());
        chart->setTimeline(&timeline);
        chart->setPool("p");
        chart->setWindowMs(0);
        const QImage image = ChartExporter::renderCharts({chart.get(), chart.get()}, QSize(400, 200));
        QCOMPARE(image.size(), QSize(400, 400));
        const QString png = dir.filePath("c.png");
        QCOMPARE(ChartExporter::writePng(image, png), QString());
        QCOMPARE(QImage(png).size(), QSize(400, 400));
        QVERIFY(!ChartExporter::writePng(QImage(), png).isEmpty());
    }
};

}  // namespace poolscope

QTEST_MAIN(poolscope::ChartExporterTest)
#include "ChartExporterTest.moc"
