// The incident presets produce settings the pool accepts, whatever it had.

#include <QtTest>

#include "app/ui/GuiOptions.h"
#include "app/ui/WorkloadPresets.h"

namespace poolscope {

class WorkloadPresetsTest : public QObject {
    Q_OBJECT
private slots:
    void everyPresetIsValidFromAnyStart() {
        const QList<WorkloadPreset> presets = WorkloadPresets::all();
        QCOMPARE(presets.size(), 4);
        QStringList ids;
        PoolConfig unbounded = GuiOptions::defaultPool();
        unbounded.maxOpen = 0;
        unbounded.maxIdle = 50;
        unbounded.minIdle = 20;
        PoolConfig small = GuiOptions::defaultPool();
        small.maxOpen = 2;
        small.maxIdle = 2;
        small.minIdle = 2;
        for (const WorkloadPreset& p : presets) {
            ids << p.id;
            QVERIFY(!p.title.isEmpty());
            QVERIFY(!p.description.isEmpty());
            QVERIFY(validateWorkloadConfig(p.workload));
            for (const PoolConfig& start : {PoolConfig{}, GuiOptions::defaultPool(), unbounded, small})
                QVERIFY2(!hasErrors(lintConfig(p.poolFor(start))), qPrintable(p.id));
        }
        QCOMPARE(ids, QStringList({"unbounded", "leak", "restart", "wait_storm"}));
    }

    void presetsReproduceTheirIncident() {
        const PoolConfig base = GuiOptions::defaultPool();
        QCOMPARE(WorkloadPresets::byId("unbounded").poolFor(base).maxOpen, int64_t(0));
        QVERIFY(WorkloadPresets::byId("unbounded").workload.workers > 32);
        QCOMPARE(WorkloadPresets::byId("leak").poolFor(base).leakThresholdMs, int64_t(1000));
        QVERIFY(WorkloadPresets::byId("leak").workload.leakPct > 0);
        const WorkloadPreset restart = WorkloadPresets::byId("restart");
        QVERIFY(restart.needsRestarts);
        QVERIFY(restart.poolFor(base).validation.mode == ValidationPolicy::Mode::Never);
        QVERIFY(restart.simUrl.startsWith("sim://"));
        const WorkloadPreset storm = WorkloadPresets::byId("wait_storm");
        QVERIFY(storm.workload.workers > 2 * storm.poolFor(base).maxOpen);
        QVERIFY(WorkloadPresets::byId("nope").id.isEmpty());
    }
};

}  // namespace poolscope

QTEST_GUILESS_MAIN(poolscope::WorkloadPresetsTest)
#include "WorkloadPresetsTest.moc"
