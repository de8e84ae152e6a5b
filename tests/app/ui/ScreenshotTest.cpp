// The real executable under Xvfb (xvfb-run): `--screenshot FILE --quit-after S`
// exits 0 and writes a PNG of the main window at the expected size that shows
// charts and the state machine, not a blank window; in English and Chinese,
// on the embedded default and on the simulated server.

#include <QImage>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "app/ui/GuiApplication.h"

#ifndef POOLSCOPE_BIN
#error "POOLSCOPE_BIN must name the poolscope executable"
#endif

namespace poolscope {

namespace {

struct RegionStats {
    int colours = 0;    ///< distinct colours
    int saturated = 0;  ///< clearly coloured pixels (series, states)
};

RegionStats stats(const QImage& image, const QRect& r) {
    QSet<QRgb> colours;
    RegionStats s;
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            colours.insert(c.rgb());
            if (c.hsvSaturation() > 100 && c.value() > 80) ++s.saturated;
        }
    s.colours = static_cast<int>(colours.size());
    return s;
}

}  // namespace

class ScreenshotTest : public QObject {
    Q_OBJECT
private slots:
    void screenshotShowsChartsAndStateMachine() {
        QFETCH(QStringList, args);
        const QString xvfb = QStandardPaths::findExecutable("xvfb-run");
        QVERIFY2(!xvfb.isEmpty(), "xvfb-run is missing: install the xvfb package (scripts/lib.sh does)");
        QTemporaryDir dir;
        const QString png = dir.filePath("shot.png");
        if (const auto at = args.indexOf("@RECORDING@"); at >= 0) {
            // --replay: record a short session with the headless mode first.
            args[at] = dir.filePath("session.psrec");
            QProcess rec;
            rec.setProcessChannelMode(QProcess::MergedChannels);
            rec.start(POOLSCOPE_BIN, {"--headless", "--connect", "sim://?query_ms=2", "--pool", "max_open=8",
                                      "--workload", "workers=16,hold_ms=20", "--duration", "5", "--record",
                                      args[at]});
            QVERIFY(rec.waitForFinished(60000));
            QVERIFY2(rec.exitCode() == 0, rec.readAll().constData());
        }
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("XDG_DATA_HOME", dir.filePath("data"));
        env.insert("XDG_CONFIG_HOME", dir.filePath("config"));
        env.remove("QT_QPA_PLATFORM");  // the real xcb platform on Xvfb
        // Sanitizer builds: libdbus's process-lifetime buffer is not a leak of ours.
        env.insert("LSAN_OPTIONS", "suppressions=" POOLSCOPE_LSAN_SUPP);
        QProcess p;
        p.setProcessEnvironment(env);
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(xvfb, QStringList{"-a", "-s", "-screen 0 1600x1000x24", POOLSCOPE_BIN, "--screenshot", png,
                                  "--quit-after", "4"} + args);
        QVERIFY(p.waitForFinished(120000));
        const QByteArray output = p.readAll();
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, output.constData());

        const QImage image(png);
        QVERIFY2(!image.isNull(), output.constData());
        QCOMPARE(image.size(), QSize(GuiApplication::kScreenshotWidth, GuiApplication::kScreenshotHeight));
        const RegionStats all = stats(image, image.rect());
        QVERIFY2(all.colours > 500, qPrintable(QString::number(all.colours)));
        // The charts (centre) and the state machine (top right) hold coloured
        // lines and boxes, not a uniform background.
        const RegionStats charts = stats(image, QRect(220, 80, 500, 640));
        QVERIFY2(charts.colours > 100 && charts.saturated > 300,
                 qPrintable(QString("%1 colours, %2 saturated").arg(charts.colours).arg(charts.saturated)));
        const RegionStats machine = stats(image, QRect(800, 60, 460, 280));
        QVERIFY2(machine.colours > 50 && machine.saturated > 200,
                 qPrintable(QString("%1 colours, %2 saturated").arg(machine.colours).arg(machine.saturated)));
    }
    void screenshotShowsChartsAndStateMachine_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("embedded default, English") << QStringList{"--lang", "en"};
        QTest::newRow("simulated, Chinese") << QStringList{"--lang", "zh_CN", "--connect", "sim://?query_ms=2"};
        QTest::newRow("replay") << QStringList{"--lang", "en", "--replay", "@RECORDING@"};
    }

    void noDisplayPointsToHeadless() {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* v : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) env.remove(v);
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(POOLSCOPE_BIN, {"--connect", "sim://"});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().contains("--headless"));
    }
};

}  // namespace poolscope

QTEST_GUILESS_MAIN(poolscope::ScreenshotTest)
#include "ScreenshotTest.moc"
