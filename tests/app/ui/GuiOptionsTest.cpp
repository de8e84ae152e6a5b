// The GUI's command line: what it accepts and the messages naming what is wrong.

#include <QtTest>

#include "app/ui/GuiOptions.h"

namespace poolscope {

class GuiOptionsTest : public QObject {
    Q_OBJECT
private slots:
    void parsesOrNamesTheProblem() {
        QFETCH(QStringList, args);
        QFETCH(QString, error);
        const GuiOptions o = GuiOptions::parse(args);
        if (error.isEmpty()) {
            QVERIFY2(o.error.isEmpty(), qPrintable(o.error));
        } else {
            QVERIFY2(o.error.contains(error), qPrintable(o.error));
            QVERIFY(o.error.contains("poolscope --help"));
        }
    }
    void parsesOrNamesTheProblem_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("error");
        QTest::newRow("none") << QStringList{} << "";
        QTest::newRow("connect") << QStringList{"--connect", "sim://"} << "";
        QTest::newRow("connect=") << QStringList{"--connect=sim://", "--connect", "sqlite:///tmp/x.db"} << "";
        QTest::newRow("screenshot") << QStringList{"--screenshot", "a.png", "--quit-after", "2.5"} << "";
        QTest::newRow("lang") << QStringList{"--lang", "zh_CN"} << "";
        QTest::newRow("theme") << QStringList{"--theme=dark"} << "";
        QTest::newRow("workload off") << QStringList{"--workload", "off"} << "";
        QTest::newRow("pool") << QStringList{"--pool", "max_open=3,max_idle=3"} << "";
        QTest::newRow("bad pool key") << QStringList{"--pool", "max_opn=3"} << "max_opn";
        QTest::newRow("pool lint error") << QStringList{"--pool", "min_idle=5,max_idle=2"} << "min_idle";
        QTest::newRow("bad workload") << QStringList{"--workload", "workers=abc"} << "workers";
        QTest::newRow("preset") << QStringList{"--preset", "wait_storm"} << "";
        QTest::newRow("bad preset") << QStringList{"--preset", "meteor"} << "--preset: 'meteor'";
        QTest::newRow("bad lang") << QStringList{"--lang", "klingon"} << "klingon";
        QTest::newRow("bad theme") << QStringList{"--theme", "pink"} << "pink";
        QTest::newRow("bad quit") << QStringList{"--quit-after", "soon"} << "--quit-after: 'soon'";
        QTest::newRow("negative quit") << QStringList{"--quit-after", "-1"} << "between 0";
        QTest::newRow("screenshot alone") << QStringList{"--screenshot", "a.png"} << "--quit-after";
        QTest::newRow("missing value") << QStringList{"--connect"} << "--connect needs a value";
        QTest::newRow("empty url") << QStringList{"--connect="} << "the URL is empty";
        QTest::newRow("unknown") << QStringList{"--frobnicate"} << "unknown option '--frobnicate'";
        QTest::newRow("qt option") << QStringList{"-platform", "xcb"} << "unknown option '-platform'";
        QTest::newRow("headless only") << QStringList{"--interval", "5"}
                                       << "--interval applies only with --headless";
        QTest::newRow("headless flag") << QStringList{"--metrics-token"}
                                       << "--metrics-token applies only with --headless";
        QTest::newRow("stray") << QStringList{"hello"} << "unexpected argument 'hello'";
    }

    void valuesLandInTheOptions() {
        const GuiOptions o = GuiOptions::parse({"--connect", "sim://", "--connect=sqlite:///tmp/x.db",
                                                "--pool", "max_open=3,max_idle=3", "--workload",
                                                "workers=7", "--lang", "zh", "--screenshot", "s.png",
                                                "--quit-after", "4"});
        QCOMPARE(o.connectUrls, QStringList({"sim://", "sqlite:///tmp/x.db"}));
        QCOMPARE(o.pool.maxOpen, int64_t(3));
        QCOMPARE(o.pool.minIdle, GuiOptions::defaultPool().minIdle);
        QCOMPARE(o.workload.workers, int64_t(7));
        QCOMPARE(o.workload.holdMs, GuiOptions::defaultWorkload().holdMs);
        QCOMPARE(o.language, QStringLiteral("zh_CN"));
        QCOMPARE(o.screenshotFile, QStringLiteral("s.png"));
        QCOMPARE(*o.quitAfterS, 4.0);
        QVERIFY(o.runWorkload);
        QVERIFY(!GuiOptions::parse({"--workload", "off"}).runWorkload);
    }

    void defaultsAreSensible() {
        // A newcomer's pool draws no lint finding at all.
        QVERIFY(lintConfig(GuiOptions::defaultPool()).empty());
        QVERIFY(validateWorkloadConfig(GuiOptions::defaultWorkload()));
        QVERIFY(GuiOptions::usage().contains("--screenshot FILE"));
    }
};

}  // namespace poolscope

QTEST_GUILESS_MAIN(poolscope::GuiOptionsTest)
#include "GuiOptionsTest.moc"
