// HealthMonitor: grades every pool from the snapshots the SourceManager
// receives, in the data's own time, and announces alert changes once.

#include <QSignalSpy>
#include <QtTest>

#include "app/sources/HealthMonitor.h"
#include "app/sources/SourceManager.h"
#include "app/ui/GuiOptions.h"

namespace poolscope {

/// A source whose snapshots the test writes: push() emits one as if polled.
class ScriptedSource final : public Source {
    Q_OBJECT
public:
    explicit ScriptedSource(QString pool) : pool_(std::move(pool)) {}
    QString description() const override { return QStringLiteral("scripted"); }
    void start() override { emit started(pool_); }
    void stop() override { emit stopped(); }
    void push(const PoolSnapshot& s) { emit snapshotReady(s); }
    void tellLimits(const QString& server, const ServerLimits& limits) { emit serverLimitsKnown(pool_, server, limits); }

private:
    QString pool_;
};

class HealthMonitorTest : public QObject {
    Q_OBJECT

    static constexpr int64_t kT0 = 1'700'000'000'000;

    /// A pool of 10 at time t: `waiting` callers queued while all are busy, or healthy.
    static PoolSnapshot snapshot(const QString& pool, int64_t t, int64_t waiting) {
        PoolSnapshot s;
        s.pool = pool.toStdString();
        s.tMs = t;
        s.lifecycle = Lifecycle::Started;
        s.config = GuiOptions::defaultPool();
        s.counts.open = 10;
        s.counts.inUse = waiting > 0 ? 10 : 2;
        s.counts.idle = 10 - s.counts.inUse;
        s.counts.waiting = waiting;
        return s;
    }

    /// Pushes snapshots every 100 ms of data time from t to t + ms.
    static int64_t run(SourceManager& m, ScriptedSource* src, const QString& pool, int64_t t, int64_t ms,
                       int64_t waiting) {
        for (int64_t end = t + ms; t < end; t += 100) {
            src->push(snapshot(pool, t, waiting));
            QCoreApplication::processEvents();
        }
        Q_UNUSED(m);
        return t;
    }

    /// Signals of `spy` about `rule` (utilisation fires at danger alongside exhausted).
    static int count(const QSignalSpy& spy, const std::string& rule = "exhausted") {
        int n = 0;
        for (const auto& args : spy) n += args[0].value<Alert>().rule == rule;
        return n;
    }

    struct Fixture;
    static QString gradeOf(const Fixture& f);

    struct Fixture {
        SourceManager manager;
        HealthMonitor monitor{manager, Thresholds::defaults()};
        ScriptedSource* source = nullptr;
        QString pool;
        Fixture() {
            auto s = std::make_unique<ScriptedSource>(QStringLiteral("p"));
            source = s.get();
            pool = manager.addSource(std::move(s), QStringLiteral("p"));
        }
    };

private slots:
    void exhaustedFiresAfterItsHoldTimeInDataTime() {
        Fixture f;
        QSignalSpy changed(&f.monitor, &HealthMonitor::alertChanged);
        QSignalSpy danger(&f.monitor, &HealthMonitor::dangerRaised);
        QSignalSpy evaluated(&f.monitor, &HealthMonitor::evaluated);
        // Pushed in a few milliseconds of real time: hold times follow the data's clock.
        int64_t t = run(f.manager, f.source, f.pool, kT0, 1000, 0);
        QCOMPARE(gradeOf(f), QStringLiteral("normal"));
        t = run(f.manager, f.source, f.pool, t, 1500, 5);
        QCOMPARE(gradeOf(f), QStringLiteral("normal"));  // pending: 2 s hold not over
        QVERIFY(!f.monitor.active().empty());
        QVERIFY(f.monitor.active().front().state == AlertState::Pending);
        QCOMPARE(count(danger), 0);
        t = run(f.manager, f.source, f.pool, t, 1000, 5);
        QCOMPARE(gradeOf(f), QStringLiteral("danger"));
        QCOMPARE(count(danger), 1);
        QCOMPARE(count(danger, "utilisation"), 1);  // 10 of 10 in use
        Alert fired;
        for (const auto& args : danger)
            if (args[0].value<Alert>().rule == "exhausted") fired = args[0].value<Alert>();
        QCOMPARE(fired.rule, std::string("exhausted"));
        QVERIFY2(fired.message.rfind("pool exhausted — 5 requests waiting", 0) == 0, fired.message.c_str());
        QVERIFY(evaluated.count() >= 35);
        // Changes only: pending, then firing (plus other rules, e.g. utilisation).
        QCOMPARE(count(changed), 2);

        // Healthy again: resolves after clear_for_ms (5 s), reported once, kept in history.
        t = run(f.manager, f.source, f.pool, t, 6000, 0);
        QCOMPARE(gradeOf(f), QStringLiteral("normal"));
        bool resolved = false;
        for (const Alert& a : f.monitor.history()) resolved |= a.rule == "exhausted";
        QVERIFY(resolved);
        QCOMPARE(count(danger), 1);
    }

    void acknowledgedAndSilencedAlertsDoNotNotify() {
        Fixture f;
        QSignalSpy danger(&f.monitor, &HealthMonitor::dangerRaised);
        int64_t t = run(f.manager, f.source, f.pool, kT0, 3000, 5);
        QCOMPARE(count(danger), 1);
        Alert a;
        for (const auto& args : danger)
            if (args[0].value<Alert>().rule == "exhausted") a = args[0].value<Alert>();
        f.monitor.silence(a, 60'000);
        QVERIFY(f.monitor.silenced(a));
        QVERIFY(f.monitor.silencedKeys().contains(HealthMonitor::keyOf(a)));
        // Resolve, then fire again inside the silence: no notification.
        t = run(f.manager, f.source, f.pool, t, 6000, 0);
        t = run(f.manager, f.source, f.pool, t, 3000, 5);
        QCOMPARE(gradeOf(f), QStringLiteral("danger"));
        QCOMPARE(count(danger), 1);
        // The silence ends in data time: the next firing notifies again.
        t = run(f.manager, f.source, f.pool, t, 6000, 0);
        t += 60'000;
        t = run(f.manager, f.source, f.pool, t, 3000, 5);
        QVERIFY(!f.monitor.silenced(a));
        QCOMPARE(count(danger), 2);

        // Acknowledged: no more notifications while it stays active...
        f.monitor.acknowledge(a);
        QVERIFY(f.monitor.acknowledged(a));
        t = run(f.manager, f.source, f.pool, t, 1000, 5);
        QCOMPARE(count(danger), 2);
        // ...and news again once it resolved and fires anew.
        t = run(f.manager, f.source, f.pool, t, 6000, 0);
        QVERIFY(!f.monitor.acknowledged(a));
        run(f.manager, f.source, f.pool, t, 3000, 5);
        QCOMPARE(count(danger), 3);
    }

    void aReplaySeekingBackStartsThePoolsHealthAfresh() {
        Fixture f;
        run(f.manager, f.source, f.pool, kT0 + 60'000, 3000, 5);
        QCOMPARE(gradeOf(f), QStringLiteral("danger"));
        // Back to the start of the recording, healthy there: no stale danger.
        run(f.manager, f.source, f.pool, kT0, 300, 0);
        QCOMPARE(gradeOf(f), QStringLiteral("normal"));
        QVERIFY(f.monitor.active().empty());
    }

    void thresholdsApplyFromTheNextSnapshot() {
        Fixture f;
        Thresholds t = Thresholds::defaults();
        t.rule(RuleId::Exhausted).enabled = false;
        t.rule(RuleId::Utilisation).enabled = false;
        f.monitor.setThresholds(t);
        QCOMPARE(f.monitor.thresholds(), t);
        QSignalSpy danger(&f.monitor, &HealthMonitor::dangerRaised);
        run(f.manager, f.source, f.pool, kT0, 4000, 5);
        QCOMPARE(danger.count(), 0);
        QCOMPARE(gradeOf(f), QStringLiteral("normal"));
    }

    void poolsOnOneServerAreLintedAgainstItsLimits() {
        SourceManager manager;
        HealthMonitor monitor(manager, Thresholds::defaults());
        ServerLimits limits;
        limits.product = "PostgreSQL";
        limits.maxConnections = 20;
        std::vector<ScriptedSource*> sources;
        for (const QString& name : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}) {
            auto s = std::make_unique<ScriptedSource>(name);
            sources.push_back(s.get());
            manager.addSource(std::move(s), name);
        }
        // a and b share server X (15 + 15 > 20); c is alone on server Y.
        sources[0]->tellLimits("postgresql://x:5432", limits);
        sources[1]->tellLimits("postgresql://x:5432", limits);
        sources[2]->tellLimits("postgresql://y:5432", limits);
        for (int64_t t = kT0; t < kT0 + 500; t += 100)
            for (int i = 0; i < 3; ++i) {
                PoolSnapshot s = snapshot(QString(QChar('a' + i)), t, 0);
                s.config.maxOpen = 15;
                s.config.maxIdle = 15;
                sources[i]->push(s);
                QCoreApplication::processEvents();
            }
        const auto overServer = [&](const QString& pool) {
            for (const Alert& a : monitor.health(pool).alerts)
                if (a.rule == "config_lint" && a.subject == "max_open_over_server") return true;
            return false;
        };
        QVERIFY(overServer("a"));
        QVERIFY(overServer("b"));
        QVERIFY(!overServer("c"));
    }

    void aRemovedPoolIsForgotten() {
        Fixture f;
        run(f.manager, f.source, f.pool, kT0, 3000, 5);
        QVERIFY(!f.monitor.active().empty());
        f.manager.removePool(f.pool);
        QVERIFY(f.monitor.active().empty());
        QCOMPARE(gradeOf(f), QStringLiteral("normal"));
    }
};

QString HealthMonitorTest::gradeOf(const Fixture& f) {
    return QString::fromLatin1(toString(f.monitor.health(f.pool).grade));
}

}  // namespace poolscope

QTEST_MAIN(poolscope::HealthMonitorTest)
#include "HealthMonitorTest.moc"
