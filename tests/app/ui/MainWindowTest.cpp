// The main window wired to a real embedded pool on the simulated server:
// data flows into every panel, redraws are coalesced, the state machine
// filters the table, presets and lifecycle actions reach the pool.

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QDateTime>
#include <QElapsedTimer>
#include <QLabel>
#include <QSettings>
#include <QTemporaryDir>
#include <QToolBar>
#include <QtTest>

#include "core/recording/RecordingWriter.h"
#include "app/sources/Source.h"
#include "app/sources/SourceManager.h"
#include "app/ui/ChartsPanel.h"
#include "app/ui/ConnectionsPanel.h"
#include "app/ui/GuiOptions.h"
#include "app/ui/MainMenus.h"
#include "app/ui/AlertPanel.h"
#include "app/sources/HealthMonitor.h"
#include "app/ui/MainWindow.h"
#include "app/ui/PoolListModel.h"
#include "app/ui/PoolSettingsPanel.h"
#include "app/ui/StatusBar.h"
#include "app/ui/Theme.h"
#include "widgets/ConnectionFilterProxy.h"
#include "widgets/ConnectionTableModel.h"
#include "widgets/ReplayBar.h"
#include "widgets/ReplayScrubber.h"
#include "widgets/StateMachineView.h"
#include "widgets/TimeSeriesChart.h"
#include "core/telemetry/SnapshotJson.h"

namespace poolscope {

/// A foreign pool's source whose snapshots the test writes (as if scraped).
class ScriptedSource final : public Source {
    Q_OBJECT
public:
    explicit ScriptedSource(QString pool) : pool_(std::move(pool)) {}
    QString description() const override { return QStringLiteral("go_sql http://scripted/metrics"); }
    void start() override { emit started(pool_); }
    void stop() override { emit stopped(); }
    void push(const PoolSnapshot& s) { emit snapshotReady(s); }

private:
    QString pool_;
};

/// What a Go database/sql pool's DBStats collector reports (the go-sql
/// mapping): open, idle, in use, max_open, wait count/duration and the
/// closed-by-limit totals; the wait window is the mean. Nothing else.
PoolSnapshot goSqlSnapshot(const QString& pool, int64_t tMs, uint64_t waits) {
    PoolSnapshot s;
    s.source = "remote";
    s.pool = pool.toStdString();
    s.driver = "go_sql";
    s.tMs = tMs;
    s.lifecycle = Lifecycle::Started;
    s.config.maxOpen = 10;
    s.counts.open = 6;
    s.counts.idle = 2;
    s.counts.inUse = 4;
    s.totals.waitCount = waits;
    s.totals.waitMs = double(waits) * 12;
    s.wait.p50 = s.wait.p95 = s.wait.p99 = 12;
    s.wait.derivation = WaitDerivation::Mean;
    s.reported = FigureSet::none();
    for (Figure f : {Figure::Open, Figure::Idle, Figure::InUse, Figure::MaxOpen, Figure::WaitCount,
                     Figure::WaitMs, Figure::ClosedMaxIdle, Figure::ClosedMaxIdleTime,
                     Figure::ClosedMaxLifetime, Figure::WaitPercentiles})
        s.reported.set(f);
    return s;
}

class MainWindowTest : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

    static EmbeddedSpec sim(const std::string& name) {
        EmbeddedSpec s;
        s.url = "sim://?query_ms=1";
        s.pool = GuiOptions::defaultPool();
        s.pool.name = name;
        s.workload = GuiOptions::defaultWorkload();
        return s;
    }

private slots:
    void aForeignPoolShowsWhatItsSourceDoesNotReport() {
        QSettings settings(dir_.filePath("w.ini"), QSettings::IniFormat);
        SourceManager sources;
        Theme theme;
        MainWindow w(sources, theme, settings, false);
        w.resize(1280, 800);
        w.show();
        auto src = std::make_unique<ScriptedSource>(QStringLiteral("orders"));
        ScriptedSource* raw = src.get();
        const QString pool = sources.addSource(std::move(src), QStringLiteral("orders"));
        QTRY_COMPARE(w.currentPool(), pool);
        const int64_t t0 = QDateTime::currentMSecsSinceEpoch() - 30'000;
        for (int i = 0; i < 30; ++i)
            QMetaObject::invokeMethod(raw, [raw, pool, t0, i] { raw->push(goSqlSnapshot(pool, t0 + i * 1000, uint64_t(i) * 3)); });
        QTRY_VERIFY_WITH_TIMEOUT(sources.timeline().size(pool.toStdString()) == 30, 5000);
        QTRY_COMPARE(w.stateView()->countText(ConnState::InUse), QStringLiteral("4"));

        // State machine: the counts it has, "?" for the rest, edges unknown.
        QCOMPARE(w.stateView()->countText(ConnState::Allocating), QStringLiteral("?"));
        QCOMPARE(w.stateView()->countText(ConnState::Destroyed), QStringLiteral("?"));
        QVERIFY(!w.stateView()->transitionsReported());
        // Connections: a placeholder, not an empty table.
        QVERIFY(w.connections()->placeholderShown());
        // Charts: waiting is not reported (no 0 line); the wait chart says mean.
        TimeSeriesChart* counts = w.charts()->chart(0);
        QTRY_VERIFY(counts->pointCount(2) > 0);  // in use
        QVERIFY(counts->notReported(3));         // waiting
        QCOMPARE(counts->pointCount(3), 0);
        QVERIFY(counts->noteText().contains("not reported by this source"));
        QCOMPARE(w.charts()->chart(1)->series().value(0).label, QStringLiteral("mean wait"));
        // Health: the rules without inputs are off, and listed as such.
        QTRY_VERIFY(!w.healthMonitor()->health(pool).rulesOff.empty());
        QTRY_VERIFY2(w.statusBarWidget()->healthText().contains("off"),
                     qPrintable(w.statusBarWidget()->healthText()));
        QVERIFY(w.alertPanel()->rulesOffLabel()->isVisible());
        const QString off = w.alertPanel()->rulesOffLabel()->text();
        QVERIFY2(off.contains(pool) && off.contains("timeouts"), qPrintable(off));
        QVERIFY(w.alertPanel()->rulesOffLabel()->toolTip().contains("timeouts: needs timeouts"));
        const int row = w.poolModel()->rowOf(pool);
        QVERIFY(w.poolModel()->index(row).data(Qt::ToolTipRole).toString().contains("Rules off"));
        QTRY_COMPARE(w.statusBarWidget()->eventsText(), QStringLiteral("Events dropped: not reported"));
        QVERIFY(w.settingsPanel()->fieldNotReported("max_lifetime_ms"));
        QVERIFY(!w.settingsPanel()->fieldNotReported("max_open"));
        // Screenshot for a person to look at (not part of the assertions).
        if (const QByteArray shot = qgetenv("POOLSCOPE_PARTIAL_SHOT"); !shot.isEmpty()) {
            w.charts()->refresh();
            w.grab().save(QString::fromLocal8Bit(shot));
            w.alertPanel()->grab().save(QString::fromLocal8Bit(shot) + QStringLiteral(".alerts.png"));
            w.settingsPanel()->resize(640, 520);  // a hidden tab: give it room to draw
            w.settingsPanel()->grab().save(QString::fromLocal8Bit(shot) + QStringLiteral(".settings.png"));
        }
    }

    void liveDataReachesEveryPanel() {
        QSettings settings(dir_.filePath("w.ini"), QSettings::IniFormat);
        SourceManager sources;
        Theme theme;
        MainWindow w(sources, theme, settings, false);
        w.resize(1280, 800);
        w.show();
        const QString pool = sources.addEmbedded(sim("sim"));
        QCOMPARE(w.currentPool(), pool);
        QTRY_VERIFY_WITH_TIMEOUT(w.connections()->model()->rowCount() > 0, 5000);
        QTRY_VERIFY(w.charts()->chart(0)->pointCount(0) > 0);
        QVERIFY(w.statusBarWidget()->sourceText().contains("sim://"));
        QVERIFY(w.statusBarWidget()->healthText().startsWith("Health"));
        QVERIFY(w.statusBarWidget()->eventsText().contains("0"));
        QCOMPARE(w.poolModel()->rowCount(), 1);

        // 10 snapshots/s on a 40 ms timer: about one redraw per snapshot, never more.
        const int before = w.redraws();
        QElapsedTimer t;
        t.start();
        QTest::qWait(2000);
        const int redraws = w.redraws() - before;
        QVERIFY2(redraws >= 8 && redraws <= 2000 / MainWindow::kRedrawMs + 1, qPrintable(QString::number(redraws)));

        // Pause freezes the views.
        w.menus()->pause->trigger();
        const int paused = w.redraws();
        QTest::qWait(400);
        QCOMPARE(w.redraws(), paused);
        w.menus()->follow->trigger();
        QVERIFY(!w.menus()->pause->isChecked());
        QTRY_VERIFY(w.redraws() > paused);

        // Clicking a state filters the table.
        emit w.stateView()->stateClicked(ConnState::Idle);
        QVERIFY(w.connections()->proxy()->stateFilter() == std::optional(ConnState::Idle));
        QVERIFY(w.stateView()->selectedState() == std::optional(ConnState::Idle));
        emit w.stateView()->selectionCleared();
        QVERIFY(w.connections()->proxy()->stateFilter() == std::nullopt);

        // Time window from the tool bar.
        w.menus()->windowBox->setCurrentIndex(0);
        QCOMPARE(w.charts()->windowMs(), qint64(60'000));

        // POOLSCOPE_SHOT_DIR=dir saves the window with each panel raised, to look at.
        if (const QString dir = qEnvironmentVariable("POOLSCOPE_SHOT_DIR"); !dir.isEmpty())
            for (const char* dock : {"workloadDock", "settingsDock", "poolsDock", "connectionsDock"}) {
                w.findChild<QDockWidget*>(dock)->raise();
                QTest::qWait(300);
                QVERIFY(w.grab().save(dir + "/" + dock + ".png"));
            }

        // Lifecycle from the state-machine view.
        emit w.stateView()->lifecycleActionRequested("suspend");
        QTRY_VERIFY(sources.info(pool)->lifecycle == Lifecycle::Suspended);
        w.menus()->resume->trigger();
        QTRY_VERIFY(sources.info(pool)->lifecycle == Lifecycle::Started);
    }

    void presetsReachThePool() {
        QSettings settings(dir_.filePath("p.ini"), QSettings::IniFormat);
        SourceManager sources;
        Theme theme;
        MainWindow w(sources, theme, settings, false);
        w.show();
        const QString pool = sources.addEmbedded(sim("sim"));
        QTRY_VERIFY_WITH_TIMEOUT(sources.latest(pool), 5000);
        w.applyPreset("wait_storm");
        QTRY_VERIFY_WITH_TIMEOUT(sources.latest(pool)->config.maxOpen == 8, 3000);
        QTRY_VERIFY_WITH_TIMEOUT(sources.info(pool)->workload.config.workers == 32, 3000);
        QTRY_VERIFY_WITH_TIMEOUT(sources.latest(pool)->counts.waiting > 0, 5000);

        // On a simulated source the restart preset restarts it in place.
        w.applyPreset("restart");
        QTRY_VERIFY_WITH_TIMEOUT(sources.info(pool)->workload.serverRestarts >= 1, 3000);
        QCOMPARE(sources.pools().size(), 1);

        // A second pool; removing the selected one selects the other.
        const QString other = sources.addEmbedded(sim("sim"));
        w.selectPool(other);
        QCOMPARE(w.currentPool(), other);
        w.menus()->removePool->trigger();
        QCOMPARE(w.currentPool(), pool);
        QCOMPARE(w.poolModel()->rowCount(), 1);
    }

    void restartPresetOpensASimulatedPoolElsewhere() {
        QSettings settings(dir_.filePath("r.ini"), QSettings::IniFormat);
        SourceManager sources;
        Theme theme;
        MainWindow w(sources, theme, settings, false);
        EmbeddedSpec lite = sim("lite");
        lite.url = "sqlite://" + dir_.filePath("lite.db");
        const QString pool = sources.addEmbedded(lite);
        QTRY_VERIFY_WITH_TIMEOUT(sources.latest(pool), 5000);
        w.applyPreset("restart");
        QCOMPARE(sources.pools().size(), 2);
        QCOMPARE(w.currentPool(), QStringLiteral("restart-demo"));
    }

    /// 50 snapshots of pool "rec", 100 ms apart from t0, with connections.
    static void writeRecording(const QString& path, int64_t t0) {
        auto writer = RecordingWriter::create(path.toStdString(), RecordingMeta{});
        if (!writer.isOk()) QFAIL(writer.message().c_str());
        for (int i = 0; i < 50; ++i) {
            PoolSnapshot s;
            s.tMs = t0 + i * 100;
            s.pool = s.config.name = "rec";
            s.driver = "sim";
            s.lifecycle = Lifecycle::Started;
            s.config.maxOpen = 4;
            s.counts = {4, 4 - i % 4, i % 4, 0, 0, 0};
            for (uint64_t c = 1; c <= 4; ++c)
                s.connections.push_back({c, c <= uint64_t(i % 4) ? ConnState::InUse : ConnState::Idle, t0, s.tMs, c, "", 0, false});
            RecordingBatch batch;
            batch.snapshots.push_back(RecordedSnapshot::of(s, snapshotToJsonLine(s)));
            QVERIFY((*writer)->write(batch).isOk());
        }
        QVERIFY((*writer)->close(t0 + 4900).isOk());
    }

    void replayFromTheCommandLineDrivesThePanels() {
        const int64_t t0 = 1'714'557'600'000;
        const QString file = dir_.filePath("mw.psrec");
        writeRecording(file, t0);
        const GuiOptions options = GuiOptions::parse({"--replay", file});
        QVERIFY2(options.error.isEmpty(), qPrintable(options.error));
        QCOMPARE(options.replayFile, file);

        QSettings settings(dir_.filePath("replay.ini"), QSettings::IniFormat);
        SourceManager sources;
        Theme theme;
        MainWindow w(sources, theme, settings, false);
        w.resize(1280, 800);
        w.show();
        auto* tools = w.findChild<QToolBar*>(QStringLiteral("replayToolBar"));
        QVERIFY(tools && !tools->isVisible());
        QCOMPARE(w.menus()->openRecording->shortcut(), QKeySequence(QKeySequence::Open));
        w.openRecording(options.replayFile);
        QVERIFY(tools->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(w.currentPool(), QStringLiteral("rec"), 5000);
        QTRY_COMPARE(w.replayBar()->scrubber()->endMs(), t0 + 4900);
        QTRY_VERIFY(w.connections()->model()->rowCount() == 4);
        QTRY_VERIFY(w.charts()->chart(0)->pointCount(0) > 0);
        // A recording cannot run a workload or change the pool: those actions are off.
        QTRY_VERIFY(!w.menus()->startWorkload->isEnabled());
        QVERIFY(!w.menus()->suspend->isEnabled());

        // The bar's requests reach the source; the charts end at the replay's "now".
        emit w.replayBar()->pauseRequested();
        emit w.replayBar()->seekRequested(t0 + 1000);
        QTRY_COMPARE(sources.latest("rec")->tMs, t0 + 1000);
        QTRY_COMPARE(w.replayBar()->position(), t0 + 1000);
        QTRY_COMPARE(w.charts()->chart(0)->cursorMs(), t0 + 1000);
        QVERIFY(!w.charts()->chart(0)->follow());
        QCOMPARE(sources.timeline().size("rec"), size_t(50));

        // Another file replaces the replay; a bad one is a failed pool and hides the bar.
        w.openRecording(dir_.filePath("missing.psrec"));
        QVERIFY(!sources.pools().contains("rec"));
        QTRY_VERIFY_WITH_TIMEOUT(sources.info("missing.psrec")->status == PoolInfo::Status::Failed, 5000);
        QVERIFY(sources.info("missing.psrec")->error.contains("no such file"));
        QTRY_VERIFY(!tools->isVisible());
    }
};

}  // namespace poolscope

QTEST_MAIN(poolscope::MainWindowTest)
#include "MainWindowTest.moc"
