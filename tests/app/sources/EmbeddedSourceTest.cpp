// EmbeddedSource on its worker thread, driven the way SourceManager drives it:
// snapshots at 10 Hz, events, commands and their results, failures as values.

#include <QElapsedTimer>
#include <QThread>
#include <QtTest>
#include <memory>

#include "app/sources/EmbeddedSource.h"
#include "app/ui/GuiOptions.h"

namespace poolscope {

/// Runs one source on its own thread and records what it emits (queued to the
/// test's thread, so nothing is touched from two threads).
class Harness : public QObject {
public:
    explicit Harness(EmbeddedSpec spec) : source(new EmbeddedSource(std::move(spec))) {
        source->moveToThread(&thread);
        connect(source, &Source::started, this, [this](const QString& p) { started = p; });
        connect(source, &Source::failed, this, [this](const QString& m) { failure = m; });
        connect(source, &Source::snapshotReady, this,
                [this](const PoolSnapshot& s) { snapshots.push_back(s); });
        connect(source, &Source::eventsReady, this,
                [this](const QString&, const std::vector<TransitionEvent>& e) {
                    events.insert(events.end(), e.begin(), e.end());
                });
        connect(source, &Source::workloadChanged, this,
                [this](const QString&, const WorkloadSummary& w) { workload = w; });
        connect(source, &Source::commandFinished, this,
                [this](const QString& c, bool ok, const QString& m) { results << Result{c, ok, m}; });
        connect(&thread, &QThread::started, source, &Source::start);
        thread.start();
    }
    ~Harness() override {
        QMetaObject::invokeMethod(source, [this] { source->stop(); delete source; }, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
    }
    template <class F>
    void call(F f) {
        QMetaObject::invokeMethod(source, [this, f] { f(source); }, Qt::QueuedConnection);
    }
    struct Result {
        QString command;
        bool ok;
        QString message;
    };
    QThread thread;
    EmbeddedSource* source;
    QString started, failure;
    std::vector<PoolSnapshot> snapshots;
    std::vector<TransitionEvent> events;
    WorkloadSummary workload;
    QList<Result> results;
};

class EmbeddedSourceTest : public QObject {
    Q_OBJECT
    static EmbeddedSpec simSpec(const QString& url = QStringLiteral("sim://?query_ms=1")) {
        EmbeddedSpec s;
        s.url = url;
        s.pool = GuiOptions::defaultPool();
        s.pool.name = "sim";
        s.workload = GuiOptions::defaultWorkload();
        return s;
    }

private slots:
    void streamsSnapshotsAtTenHertzWithEvents() {
        Harness h(simSpec());
        QTRY_COMPARE_WITH_TIMEOUT(h.started, QStringLiteral("sim"), 5000);
        QElapsedTimer t;
        t.start();
        const size_t before = h.snapshots.size();
        QTest::qWait(1500);
        const double perSecond = (h.snapshots.size() - before) * 1000.0 / t.elapsed();
        QVERIFY2(perSecond > 5 && perSecond < 15, qPrintable(QString::number(perSecond)));
        const PoolSnapshot& last = h.snapshots.back();
        QCOMPARE(last.source, std::string("embedded"));
        QCOMPARE(last.pool, std::string("sim"));
        QVERIFY(last.lifecycle == Lifecycle::Started);
        QVERIFY(last.totals.acquired > 0);  // the demo workload runs
        QVERIFY(!h.events.empty());
        for (size_t i = 1; i < h.events.size(); ++i) QVERIFY(h.events[i].seq > h.events[i - 1].seq);
        QVERIFY(h.source->description().startsWith(QStringLiteral("embedded sim://")));
        QVERIFY(h.source->controls().testFlag(Source::CanRestartServer));
    }

    void reconfigureAppliesLiveAndRefusesLintErrors() {
        Harness h(simSpec());
        QTRY_VERIFY_WITH_TIMEOUT(!h.started.isEmpty(), 5000);
        PoolConfig c = GuiOptions::defaultPool();
        c.maxOpen = 3;
        c.maxIdle = 3;
        QTRY_VERIFY(!h.results.isEmpty());  // the demo workload started
        QCOMPARE(h.results[0].command, QStringLiteral("workload"));
        h.results.clear();
        h.call([c](Source* s) { s->reconfigure(c); });
        QTRY_COMPARE_WITH_TIMEOUT(h.results.size(), 1, 3000);
        QVERIFY2(h.results[0].ok, qPrintable(h.results[0].message));
        QTRY_VERIFY(!h.snapshots.empty() && h.snapshots.back().config.maxOpen == 3);
        QCOMPARE(h.snapshots.back().pool, std::string("sim"));  // the name is kept

        c.minIdle = 5;  // above max_idle: a lint error
        h.call([c](Source* s) { s->reconfigure(c); });
        QTRY_COMPARE(h.results.size(), 2);
        QVERIFY(!h.results[1].ok);
        QVERIFY2(h.results[1].message.contains("min_idle"), qPrintable(h.results[1].message));
    }

    void workloadStartsStopsAndReportsWithoutBlockingPolling() {
        EmbeddedSpec spec = simSpec();
        spec.runWorkload = false;
        Harness h(spec);
        QTRY_VERIFY_WITH_TIMEOUT(!h.started.isEmpty(), 5000);
        QTest::qWait(300);
        QCOMPARE(h.snapshots.back().totals.acquired, uint64_t(0));
        WorkloadConfig w;
        w.workers = 2;
        h.call([w](Source* s) { s->setWorkload(w, true); });
        QTRY_VERIFY_WITH_TIMEOUT(h.workload.running && h.workload.ok > 0, 3000);
        QCOMPARE(h.workload.config.workers, int64_t(2));

        // Workers stuck in acquire on a suspended pool: stopping them must not
        // stall the snapshots.
        h.call([](Source* s) { s->lifecycleAction("suspend"); });
        QTRY_VERIFY(!h.snapshots.empty() && h.snapshots.back().lifecycle == Lifecycle::Suspended);
        h.call([w](Source* s) { s->setWorkload(w, false); });
        QTRY_VERIFY(!h.workload.running);
        const size_t before = h.snapshots.size();
        QTest::qWait(500);
        QVERIFY(h.snapshots.size() >= before + 3);
        h.call([](Source* s) { s->lifecycleAction("resume"); });
        QTRY_VERIFY(h.snapshots.back().lifecycle == Lifecycle::Started);

        WorkloadConfig bad;
        bad.workers = 0;
        h.call([bad](Source* s) { s->setWorkload(bad, true); });
        QTRY_VERIFY(!h.results.isEmpty() && h.results.back().command == "workload" && !h.results.back().ok);
        QVERIFY(h.results.back().message.contains("workers"));
    }

    void simulatedRestartBreaksConnections() {
        EmbeddedSpec spec = simSpec();
        spec.pool.validation = ValidationPolicy{};
        Harness h(spec);
        QTRY_VERIFY_WITH_TIMEOUT(!h.started.isEmpty(), 5000);
        QTest::qWait(300);
        h.call([](Source* s) { s->restartServer(); });
        QTRY_VERIFY_WITH_TIMEOUT(h.workload.serverRestarts == 1, 3000);
        // Dead connections are found and closed as broken (fake alive).
        QTRY_VERIFY_WITH_TIMEOUT(h.snapshots.back().totals.closedBroken > 0, 5000);
    }

    void unreachableDatabaseFailsWithTheDriversWords() {
        const QString file = QDir(QDir::tempPath()).filePath("poolscope-not-a-db.db");
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(200, 'x'));
        f.close();
        Harness h(simSpec(QStringLiteral("sqlite://") + file));
        QTRY_VERIFY_WITH_TIMEOUT(!h.failure.isEmpty(), 5000);
        QVERIFY2(h.failure.startsWith("cannot reach the database at sqlite://"), qPrintable(h.failure));
        QVERIFY(h.started.isEmpty());
        QVERIFY(h.snapshots.empty());
        h.call([](Source* s) { s->lifecycleAction("suspend"); });
        QTRY_VERIFY(!h.results.isEmpty() && !h.results.back().ok);

        Harness bad(simSpec(QStringLiteral("sim://?query_ms=abc")));
        QTRY_VERIFY_WITH_TIMEOUT(bad.failure.contains("query_ms"), 5000);
    }

    void passwordNeverInTheDescription() {
        EmbeddedSpec spec = simSpec(QStringLiteral("postgresql://app:s3cret@127.0.0.1:1/db?connect_timeout=1"));
        spec.probeTimeoutMs = 500;
        Harness h(spec);
        QVERIFY(!h.source->description().contains("s3cret"));
        QTRY_VERIFY_WITH_TIMEOUT(!h.failure.isEmpty(), 10000);
        QVERIFY2(!h.failure.contains("s3cret"), qPrintable(h.failure));
    }
};

}  // namespace poolscope

QTEST_GUILESS_MAIN(poolscope::EmbeddedSourceTest)
#include "EmbeddedSourceTest.moc"
