// Health in the dashboard, end to end on a real embedded pool: a wait storm
// on the simulated server turns the pool's badge, the status bar and the
// alert panel to danger, notifies once, and can be acknowledged and silenced.

#include <QDockWidget>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include "app/sources/HealthMonitor.h"
#include "app/sources/SourceManager.h"
#include "app/ui/AlertNotifier.h"
#include "app/ui/AlertPanel.h"
#include "app/ui/ChartsPanel.h"
#include "app/ui/GuiOptions.h"
#include "app/ui/MainWindow.h"
#include "app/ui/PoolListModel.h"
#include "app/ui/StatusBar.h"
#include "app/ui/Theme.h"
#include "widgets/AlertListModel.h"
#include "widgets/TimeSeriesChart.h"

namespace poolscope {

class AlertPanelTest : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

    /// 16 workers holding connections 20 ms on a pool of 4: requests queue
    /// while every connection is busy (the "wait storm" incident).
    static EmbeddedSpec waitStorm() {
        EmbeddedSpec s;
        s.url = "sim://?query_ms=2";
        s.pool = GuiOptions::defaultPool();
        s.pool.name = "storm";
        s.pool.maxOpen = 4;
        s.pool.maxIdle = 4;
        s.pool.minIdle = 0;
        s.workload = GuiOptions::defaultWorkload();
        s.workload.workers = 16;
        s.workload.holdMs = 20;
        s.workload.thinkMs = 0;
        return s;
    }

    static int rowOf(const AlertListModel* m, const std::string& rule) {
        for (int r = 0; r < m->rowCount(); ++r)
            if (const Alert* a = m->alertAt(r); a && a->rule == rule && a->state != AlertState::Resolved) return r;
        return -1;
    }

private slots:
    void aWaitStormTurnsTheDashboardToDanger() {
        QSettings settings(dir_.filePath("w.ini"), QSettings::IniFormat);
        SourceManager sources;
        Theme theme;
        MainWindow w(sources, theme, settings, false);
        w.resize(1280, 800);
        w.show();
        const QString pool = sources.addEmbedded(waitStorm());
        QTRY_VERIFY_WITH_TIMEOUT(w.healthMonitor()->health(pool).grade == Grade::Danger, 15000);

        QTRY_COMPARE(w.statusBarWidget()->healthText(), QStringLiteral("Health: danger"));
        const int row = w.poolModel()->rowOf(pool);
        QCOMPARE(w.poolModel()->index(row).data(PoolListModel::HealthRole).toInt(), static_cast<int>(Grade::Danger));
        QVERIFY(w.poolModel()->index(row).data(Qt::ToolTipRole).toString().contains("exhausted"));

        AlertPanel* panel = w.alertPanel();
        QTRY_VERIFY(rowOf(panel->model(), "exhausted") >= 0);
        const int r = rowOf(panel->model(), "exhausted");
        QVERIFY(panel->model()->index(r, AlertListModel::MessageColumn).data().toString().startsWith("pool exhausted"));
        auto* dock = w.findChild<QDockWidget*>(QStringLiteral("alertsDock"));
        QVERIFY(dock->windowTitle().startsWith("Alerts ("));

        // One notification (tray or window attention), not one per snapshot.
        QCOMPARE(w.notifier()->shown(), 1);
        QVERIFY(w.notifier()->lastTitle().contains(pool));
        QVERIFY(w.charts()->markerCount(pool) > 0);

        // Acknowledge the selected alert.
        panel->view()->selectRow(r);
        panel->acknowledgeSelected();
        const Alert* a = panel->model()->alertAt(rowOf(panel->model(), "exhausted"));
        QVERIFY(w.healthMonitor()->acknowledged(*a));
        QVERIFY(panel->model()
                    ->index(rowOf(panel->model(), "exhausted"), 0)
                    .data(AlertListModel::AcknowledgedRole)
                    .toBool());
        // Silence it for 15 minutes.
        panel->view()->selectRow(rowOf(panel->model(), "exhausted"));
        panel->silenceSelected(15);
        QVERIFY(w.healthMonitor()->silenced(*panel->model()->alertAt(rowOf(panel->model(), "exhausted"))));
        QCOMPARE(w.notifier()->shown(), 1);
        sources.removePool(pool);
    }

    void thresholdsShadeTheWaitChart() {
        QSettings settings(dir_.filePath("t.ini"), QSettings::IniFormat);
        SourceManager sources;
        Theme theme;
        MainWindow w(sources, theme, settings, false);
        Thresholds t = Thresholds::defaults();
        t.rule(RuleId::WaitP99).warning = 12;
        t.rule(RuleId::WaitP99).danger = 80;
        w.setThresholds(t, QStringLiteral("x.json"));
        QCOMPARE(w.healthMonitor()->thresholds(), t);
        const QList<Band> bands = w.charts()->chart(1)->bands();
        QCOMPARE(bands.size(), 2);
        QCOMPARE(bands[0].from, 12.0);
        QCOMPARE(bands[0].to, 80.0);
        QCOMPARE(bands[1].from, 80.0);
        t.rule(RuleId::WaitP99).enabled = false;
        w.setThresholds(t);
        QVERIFY(w.charts()->chart(1)->bands().isEmpty());
    }
};

}  // namespace poolscope

QTEST_MAIN(poolscope::AlertPanelTest)
#include "AlertPanelTest.moc"
