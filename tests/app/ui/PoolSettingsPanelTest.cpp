// Settings are applied live after an edit; lint findings show beside fields;
// a config with errors is never sent.

#include <QComboBox>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>

#include "app/ui/GuiOptions.h"
#include "app/ui/PoolSettingsPanel.h"

namespace poolscope {

class PoolSettingsPanelTest : public QObject {
    Q_OBJECT
    static QSpinBox* spin(PoolSettingsPanel& p, int index) {
        return p.findChildren<QSpinBox*>().value(index);
    }
    static void setField(PoolSettingsPanel& p, const QString& key, int value) {
        for (QSpinBox* s : p.findChildren<QSpinBox*>())
            if (s->toolTip().endsWith("(" + key + ")")) {
                s->setValue(value);
                return;
            }
        QFAIL(qPrintable("no field " + key));
    }

private slots:
    void showsAndReadsEveryField() {
        PoolSettingsPanel p;
        PoolConfig c = GuiOptions::defaultPool();
        c.name = "orders";
        c.maxOpen = 20;
        c.maxIdle = 7;
        c.minIdle = 3;
        c.maxLifetimeMs = 123456;
        c.maxIdleTimeMs = 65432;
        c.acquireTimeoutMs = 2500;
        c.validation = {ValidationPolicy::Mode::IdleFor, 4000};
        c.validationTimeoutMs = 900;
        c.keepaliveMs = 30000;
        c.leakThresholdMs = 1500;
        c.housekeepingMs = 250;
        p.setConfig(c);
        QVERIFY(p.config() == c);
        c.validation = {ValidationPolicy::Mode::Borrow, 0};
        p.setConfig(c);
        QVERIFY(p.config() == c);
    }

    void appliesLiveOnlyWithoutErrors() {
        PoolSettingsPanel p;
        p.setConfig(GuiOptions::defaultPool());
        QSignalSpy apply(&p, &PoolSettingsPanel::applyRequested);
        QList<PoolConfig> sent;
        connect(&p, &PoolSettingsPanel::applyRequested, [&](const PoolConfig& c) { sent << c; });
        setField(p, "max_open", 0);
        QVERIFY(p.findingText("max_open").contains("max_open=0"));
        QVERIFY(apply.wait(PoolSettingsPanel::kApplyDelayMs * 3));
        QCOMPARE(apply.count(), 1);
        QCOMPARE(sent[0].maxOpen, int64_t(0));
        p.setApplyResult(true, {});

        setField(p, "min_idle", 50);  // above max_idle: refused by the lint
        QVERIFY(!p.findingText("min_idle").isEmpty());
        QVERIFY(!apply.wait(PoolSettingsPanel::kApplyDelayMs * 2));
        QCOMPARE(apply.count(), 1);
        p.applyNow();
        QCOMPARE(apply.count(), 1);
    }

    void snapshotsDoNotOverwriteEdits() {
        PoolSettingsPanel p;
        PoolConfig c = GuiOptions::defaultPool();
        p.setConfig(c);
        PoolConfig other = c;
        other.maxOpen = 42;
        other.maxIdle = 10;
        p.syncFromSnapshot(other);  // changed elsewhere (a preset): shown
        QCOMPARE(p.config().maxOpen, int64_t(42));
        setField(p, "max_open", 17);  // the user is editing
        p.syncFromSnapshot(other);
        QCOMPARE(p.config().maxOpen, int64_t(17));
        p.setApplyResult(false, "refused");  // the pool kept 42: shown again
        QCOMPARE(p.config().maxOpen, int64_t(42));
        other.maxOpen = 43;
        p.syncFromSnapshot(other);
        QCOMPARE(p.config().maxOpen, int64_t(43));
    }

    void readOnlySourcesCannotBeEdited() {
        PoolSettingsPanel p;
        p.setConfig(GuiOptions::defaultPool());
        p.setEditable(false);
        for (QSpinBox* s : p.findChildren<QSpinBox*>()) QVERIFY(s->isReadOnly());
        QVERIFY(spin(p, 0) != nullptr);
    }

    void unreportedSettingsSayNotReported() {
        // A go_sql pool: max_open (0 = unlimited) only.
        PoolSettingsPanel p;
        p.setEditable(false);
        PoolConfig c;
        c.name = "orders";
        c.maxOpen = 0;
        c.maxIdle = 0;
        c.maxLifetimeMs = 0;
        c.keepaliveMs = 0;
        FigureSet reported = FigureSet::none();
        reported.set(Figure::MaxOpen);
        p.syncFromSnapshot(c, reported);
        auto field = [&](const QString& key) -> QSpinBox* {
            for (QSpinBox* s : p.findChildren<QSpinBox*>())
                if (s->toolTip().endsWith("(" + key + ")")) return s;
            return nullptr;
        };
        QCOMPARE(field("max_open")->text(), QStringLiteral("unlimited"));  // reported: 0 is unlimited
        QVERIFY(!p.fieldNotReported("max_open"));
        for (const QString key : {"max_idle", "max_lifetime_ms", "keepalive_ms", "leak_threshold_ms"}) {
            QVERIFY2(p.fieldNotReported(key), qPrintable(key));
            QCOMPARE(field(key)->text(), QStringLiteral("not reported"));  // never "forever" or "off"
            QVERIFY(!field(key)->isEnabled());
            QVERIFY2(p.findingText(key).isEmpty(), qPrintable(p.findingText(key)));
        }
        QVERIFY(p.fieldNotReported("validate"));
        QCOMPARE(p.findChild<QComboBox*>()->currentText(), QString());  // its placeholder shows
        // The same pool seen with every figure again: the real values return.
        c.maxLifetimeMs = 60000;
        p.syncFromSnapshot(c);
        QVERIFY(!p.fieldNotReported("max_lifetime_ms"));
        QCOMPARE(field("max_lifetime_ms")->value(), 60000);
        QCOMPARE(field("keepalive_ms")->text(), QStringLiteral("off"));
    }
};

}  // namespace poolscope

QTEST_MAIN(poolscope::PoolSettingsPanelTest)
#include "PoolSettingsPanelTest.moc"
