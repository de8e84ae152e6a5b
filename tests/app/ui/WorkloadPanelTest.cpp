// The workload panel round-trips its settings and reflects the source.

#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

#include "app/ui/WorkloadPanel.h"

namespace poolscope {

class WorkloadPanelTest : public QObject {
    Q_OBJECT
    static QPushButton* button(WorkloadPanel& p, const QString& text) {
        for (QPushButton* b : p.findChildren<QPushButton*>())
            if (b->text() == text) return b;
        return nullptr;
    }

private slots:
    void roundTripsAndRequests() {
        WorkloadPanel p;
        WorkloadConfig c;
        c.workers = 12;
        c.query = "SELECT a, b FROM t";
        c.holdMs = 33;
        c.thinkMs = 44;
        c.leakPct = 2.5;
        c.tx = true;
        c.poolPerRequest = true;
        p.setConfig(c);
        QVERIFY(p.config() == c);

        QList<WorkloadConfig> started;
        connect(&p, &WorkloadPanel::startRequested, [&](const WorkloadConfig& w) { started << w; });
        QSignalSpy stop(&p, &WorkloadPanel::stopRequested);
        QSignalSpy preset(&p, &WorkloadPanel::presetRequested);
        p.setControls(Source::CanRunWorkload);
        QVERIFY(button(p, "Start"));
        button(p, "Start")->click();
        QCOMPARE(started.size(), 1);
        QCOMPARE(started[0].workers, int64_t(12));

        WorkloadSummary s;
        s.running = true;
        s.ok = 100;
        s.errors = 3;
        s.topError = "pool \"default\": connection not available";
        p.setSummary(s);
        QVERIFY(button(p, "Restart"));
        QVERIFY(button(p, "Stop")->isEnabled());
        button(p, "Stop")->click();
        QCOMPARE(stop.count(), 1);
        button(p, "Run preset")->click();
        QCOMPARE(preset.count(), 1);
        QCOMPARE(preset[0][0].toString(), QStringLiteral("unbounded"));
    }

    void reportsReplaceFieldsOnlyWhenTheyChange() {
        WorkloadPanel p;
        WorkloadConfig running;
        running.workers = 9;
        p.syncConfig(running);
        QCOMPARE(p.config().workers, int64_t(9));
        p.setConfig(WorkloadConfig{});  // the user edits
        p.syncConfig(running);          // same report again: edits stay
        QCOMPARE(p.config().workers, WorkloadConfig{}.workers);
        running.workers = 32;           // a preset started elsewhere
        p.syncConfig(running);
        QCOMPARE(p.config().workers, int64_t(32));
    }

    void controlsFollowTheSource() {
        WorkloadPanel p;
        p.setControls(Source::NoControl);
        QVERIFY(!button(p, "Start")->isEnabled());
        QVERIFY(button(p, "Restart database")->isHidden());
        p.setControls(Source::CanRunWorkload | Source::CanRestartServer);
        QVERIFY(button(p, "Start")->isEnabled());
        QVERIFY(!button(p, "Restart database")->isHidden());
        p.setMessage("workers: must be at least 1", true);
        QVERIFY(p.message().contains("workers"));
    }
};

}  // namespace poolscope

QTEST_MAIN(poolscope::WorkloadPanelTest)
#include "WorkloadPanelTest.moc"
