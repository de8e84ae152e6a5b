// SourceManager: pools on worker threads feeding the Timeline; the GUI thread
// never waits for a source, even one that takes seconds to connect.

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

#include <atomic>
#include <mutex>

#include "app/sources/SessionSource.h"
#include "app/sources/SourceManager.h"
#include "app/ui/GuiOptions.h"

namespace poolscope {

namespace {

/// A fleet as a Prometheus server shows one: pools "a" and "b" at start,
/// "c" once `grow` is set; each placed, with a past to back-fill.
class FleetSession final : public SnapshotSource {
public:
    std::atomic<bool> grow{false};
    std::string description() const override { return "fleet"; }
    std::string sourceName() const override { return "fleet"; }
    StartResult start() override { return StartResult::ok(); }
    void stop() override {}
    std::vector<std::string> pools() const override {
        std::vector<std::string> out{"a", "b"};
        if (grow) out.push_back("c");
        return out;
    }
    void poll(PollResult& out, bool) override {
        for (const std::string& p : pools()) out.snapshots.push_back(snap(p, ++t_));
    }
    PoolPlace placeOf(const std::string& pool) const override {
        return {"svc-" + pool, pool + ":9187", "go-sql", "db:5432"};
    }
    bool canBackfill() const override { return true; }
    Result<std::vector<PoolSnapshot>> backfill(const std::string& pool, int64_t fromMs, int64_t toMs,
                                               int64_t stepMs) const override {
        if (pool == "b") return Error{"the server said no"};
        std::vector<PoolSnapshot> out;
        for (int64_t t = fromMs; t <= toMs; t += stepMs) out.push_back(snap(pool, t));
        return out;
    }

private:
    static PoolSnapshot snap(const std::string& pool, int64_t t) {
        PoolSnapshot s;
        s.pool = pool;
        s.tMs = t;
        s.config.maxOpen = 10;
        return s;
    }
    int64_t t_ = 1'000'000;
};

}  // namespace

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

    void aFleetsPoolsArePlacedAddedLaterAndBackFilled() {
        SourceManager m;
        auto session = std::make_unique<FleetSession>();
        FleetSession* fleet = session.get();
        m.addSource(std::make_unique<SessionSource>(std::move(session), 20, QString(), true), "fleet");
        QTRY_COMPARE_WITH_TIMEOUT(m.pools(), QStringList({"a", "b"}), 5000);
        QTRY_COMPARE(m.info("a")->service, QStringLiteral("svc-a"));
        QCOMPARE(m.info("a")->instance, QStringLiteral("a:9187"));
        QCOMPARE(m.info("a")->format, QStringLiteral("go-sql"));
        QCOMPARE(m.info("a")->server, QStringLiteral("db:5432"));
        QVERIFY(m.info("a")->controls.testFlag(Source::CanBackfill));

        // A pool that appears later (a service scaled out) gets its own entry.
        QSignalSpy added(&m, &SourceManager::poolAdded);
        fleet->grow = true;
        QTRY_COMPARE_WITH_TIMEOUT(m.pools(), QStringList({"a", "b", "c"}), 5000);
        QCOMPARE(added.count(), 1);
        QTRY_VERIFY(m.latest("c") != nullptr);
        QCOMPARE(m.latest("c")->pool, std::string("c"));
        QTRY_COMPARE(m.info("c")->service, QStringLiteral("svc-c"));

        // Back-fill replaces the pool's Timeline with its past, then live data follows.
        QSignalSpy finished(&m, &SourceManager::commandFinished);
        m.backfill("a", 1000, 1000 + 99 * 1000, 1000);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 1, 5000);
        QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("a"));
        QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("backfill"));
        QVERIFY(finished.at(0).at(2).toBool());
        QVERIFY(m.timeline().size("a") >= 100);
        // The source's own refusal comes back as the command's message.
        m.backfill("b", 1000, 2000, 1000);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 2, 5000);
        QCOMPARE(finished.at(1).at(0).toString(), QStringLiteral("b"));
        QCOMPARE(finished.at(1).at(2).toBool(), false);
        QCOMPARE(finished.at(1).at(3).toString(), QStringLiteral("the server said no"));
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
        QTRY_VERIFY_WITH_TIMEOUT(m.timeline().size("slow") > 0, 5000);

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
