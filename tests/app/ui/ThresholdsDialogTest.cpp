// The threshold editor: shows a set, refuses what the thresholds file would
// refuse (naming rule and field), applies and saves a valid set.

#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "app/ui/ThresholdsDialog.h"
#include "core/health/RuleId.h"
#include "core/health/ThresholdsFile.h"

namespace poolscope {

class ThresholdsDialogTest : public QObject {
    Q_OBJECT
    static void set(ThresholdsDialog& d, RuleId rule, int column, const QString& text) {
        d.table()->item(static_cast<int>(rule), column)->setText(text);
    }

private slots:
    void showsAndReturnsTheSameSet() {
        Thresholds t = Thresholds::defaults();
        t.rule(RuleId::WaitP99).warning = 7;
        t.rule(RuleId::Leak).enabled = false;
        t.leakGuard.action = LeakGuardSettings::Action::Suspend;
        ThresholdsDialog d(t, {});
        QCOMPARE(d.table()->item(static_cast<int>(RuleId::WaitP99), ThresholdsDialog::WarningColumn)->text(),
                 QStringLiteral("7"));
        QCOMPARE(d.table()->verticalHeaderItem(static_cast<int>(RuleId::WaitP99))->text(), QStringLiteral("wait_p99"));
        auto back = d.thresholds();
        QVERIFY2(back.isOk(), back.isOk() ? "" : back.message().c_str());
        QCOMPARE(*back, t);  // the guard (no cells) survives too
    }

    void refusesBadCellsNamingRuleAndField() {
        ThresholdsDialog d(Thresholds::defaults(), {});
        set(d, RuleId::WaitP99, ThresholdsDialog::WarningColumn, QStringLiteral("fast"));
        auto r = d.thresholds();
        QVERIFY(!r.isOk());
        QVERIFY2(r.message().find("wait_p99") != std::string::npos && r.message().find("'fast'") != std::string::npos,
                 r.message().c_str());
        // Out of order (warning above danger): the file format's own check.
        set(d, RuleId::WaitP99, ThresholdsDialog::WarningColumn, QStringLiteral("500"));
        r = d.thresholds();
        QVERIFY(!r.isOk());
        QVERIFY2(r.message().find("wait_p99") != std::string::npos, r.message().c_str());
        QSignalSpy applied(&d, &ThresholdsDialog::applied);
        QVERIFY(!d.saveTo(QDir::tempPath() + "/never-written.json").isEmpty());
        QCOMPARE(applied.count(), 0);
    }

    void savesAFileThatLoadsBack() {
        QTemporaryDir dir;
        ThresholdsDialog d(Thresholds::defaults(), {});
        set(d, RuleId::Utilisation, ThresholdsDialog::WarningColumn, QStringLiteral("70"));
        set(d, RuleId::Timeouts, ThresholdsDialog::WindowColumn, QStringLiteral("30000"));
        QSignalSpy saved(&d, &ThresholdsDialog::saved);
        const QString path = dir.filePath("t.json");
        QCOMPARE(d.saveTo(path), QString());
        QCOMPARE(saved.count(), 1);
        QCOMPARE(d.file(), path);
        auto loaded = ThresholdsFile::load(path.toStdString());
        QVERIFY(loaded.isOk());
        QCOMPARE(loaded->rule(RuleId::Utilisation).warning, std::optional<double>(70));
        QCOMPARE(loaded->rule(RuleId::Timeouts).windowMs, int64_t{30000});
        QVERIFY(!d.saveTo(dir.filePath("no/such/dir/t.json")).isEmpty());
    }
};

}  // namespace poolscope

QTEST_MAIN(poolscope::ThresholdsDialogTest)
#include "ThresholdsDialogTest.moc"
