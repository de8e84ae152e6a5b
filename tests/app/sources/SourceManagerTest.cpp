// SourceManager: pools on worker threads feeding the Timeline; the GUI thread
// never waits for a source, even one that takes seconds to connect.

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

#include "app/sources/SourceManager.h"
#include "app/ui/GuiOptions.h"

namespace poolscope {

class SourceManagerTest : public QObject {
    Q_OBJECT
    static EmbeddedSpec spec(const QString& url, const std::string& name) {
        EmbeddedSpec s;
        s.url = url;
        s.pool = GuiOptions::defaultPool();
        s.pool.name = name;
        s.workload = GuiOptions::defaultWorkload();
        return s;
    }

private slots:
    void poolsGetUniqueNamesAndFillTheTimeline() {
        SourceManager m;
        QSignalSpy added(&m, &SourceManager::poolAdded);
        const QString a = m.addEmbedded(spec("sim://?query_ms=1", "sim"));
        const QString b = m.addEmbedded(spec("sim://?query_ms=1", "sim"));
        QCOMPARE(a, QStringLiteral("sim"));
        QCOMPARE(b, QStringLiteral("sim-2"));
        QCOMPARE(added.count(), 2);
        QCOMPARE(m.pools(), QStringList({"sim", "sim-2"}));
        QVERIFY(m.info(a)->status == PoolInfo::Status::Connecting);
        QTRY_VERIFY_WITH_TIMEOUT(m.timeline().size("sim-2") >= 5, 5000);
        QVERIFY(m.info(b)->status == PoolInfo::Status::Running);
        QCOMPARE(m.info(b)->driver, QStringLiteral("sim"));
        QVERIFY(m.latest(b) != nullptr);
        QCOMPARE(m.latest(b)->pool, std::string("sim-2"));
        QTRY_VERIFY(m.info(a)->workload.ok > 0);
        QCOMPARE(m.siblingsOf(b), QStringList{b});
        QCOMPARE(m.siblingsOf(QStringLiteral("nope")), QStringList());
        // A live pool cannot be played back: refused, by name.
        QSignalSpy finished(&m, &SourceManager::commandFinished);
        m.playback(a, {PlaybackCommand::Kind::Pause});
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("playback"));
        QCOMPARE(finished.at(0).at(2).toBool(), false);
    }

    void slowConnectNeverBlocksTheGuiThread() {
        SourceManager m;
        QElapsedTimer t;
        t.start();
        const QString p = m.addEmbedded(spec("sim://?connect_ms=1500", "slow"));
        QVERIFY2(t.elapsed() < 100, qPrintable(QString::number(t.elapsed())));
        // The event loop keeps turning while the probe connects.
        int ticks = 0;
        QTimer timer;
        connect(&timer, &QTimer::timeout, [&] { ++ticks; });
        timer.start(10);
        QTest::qWait(500);
        QVERIFY2(ticks >= 20, qPrintable(QString::number(ticks)));
        QVERIFY(m.info(p)->status == PoolInfo::Status::Connecting);
        QTRY_VERIFY_WITH_TIMEOUT(m.info(p)->status == PoolInfo::Status::Running, 5000);

        // Removing returns at once too; the samples stay in the Timeline.
        QSignalSpy removed(&m, &SourceManager::poolRemoved);
        t.restart();
        m.removePool(p);
        QVERIFY(t.elapsed() < 100);
        QCOMPARE(removed.count(), 1);
        QVERIFY(!m.info(p));
        QVERIFY(m.timeline().size("slow") > 0);
    }

    void commandsComeBackAsResults() {
        SourceManager m;
        const QString p = m.addEmbedded(spec("sqlite://" + QDir::tempPath() + "/poolscope-sm-test.db", "lite"));
        QTRY_VERIFY_WITH_TIMEOUT(m.info(p)->status == PoolInfo::Status::Running, 5000);
        QSignalSpy done(&m, &SourceManager::commandFinished);
        m.restartServer(p);  // not a simulated database
        QTRY_COMPARE(done.count(), 1);
        QCOMPARE(done[0][1].toString(), QStringLiteral("restart"));
        QCOMPARE(done[0][2].toBool(), false);
        m.lifecycleAction("nosuchpool", "suspend");
        QTRY_COMPARE(done.count(), 2);
        QVERIFY(done[1][3].toString().contains("nosuchpool"));
        m.lifecycleAction(p, "suspend");
        QTRY_COMPARE(done.count(), 3);
        QVERIFY(done[2][2].toBool());
        QTRY_VERIFY(m.info(p)->lifecycle == Lifecycle::Suspended);
    }

    void failureIsAStatusWithTheMessage() {
        SourceManager m;
        QSignalSpy changed(&m, &SourceManager::poolChanged);
        const QString p = m.addEmbedded(spec("sqlite:///nonexistent-dir/x.db", "broken"));
        QTRY_VERIFY_WITH_TIMEOUT(m.info(p)->status == PoolInfo::Status::Failed, 5000);
        QVERIFY2(m.info(p)->error.contains("/nonexistent-dir"), qPrintable(m.info(p)->error));
        QVERIFY(changed.count() >= 1);
    }
};

}  // namespace poolscope

QTEST_GUILESS_MAIN(poolscope::SourceManagerTest)
#include "SourceManagerTest.moc"
