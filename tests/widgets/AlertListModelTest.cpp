// The alert list model: active alerts first (firing before pending), then
// history newest first; checked by QAbstractItemModelTester.

#include <QAbstractItemModelTester>
#include <QtTest>

#include "widgets/AlertListModel.h"

namespace poolscope {

class AlertListModelTest : public QObject {
    Q_OBJECT
    static Alert alert(const std::string& rule, Grade grade, AlertState state, int64_t t = 1000) {
        Alert a;
        a.pool = "p";
        a.rule = rule;
        a.grade = grade;
        a.state = state;
        a.message = rule + " message";
        a.value = 7;
        a.threshold = 5;
        a.firstSeenMs = t;
        a.lastSeenMs = t;
        if (state != AlertState::Pending) a.firedMs = t, a.peakGrade = grade;
        if (state == AlertState::Resolved) a.resolvedMs = t + 5000;
        return a;
    }

private slots:
    void activeFirstThenHistoryNewestFirst() {
        AlertListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const std::vector<Alert> active = {alert("wait_p99", Grade::Danger, AlertState::Pending),
                                           alert("exhausted", Grade::Danger, AlertState::Firing),
                                           alert("utilisation", Grade::Warning, AlertState::Firing)};
        const std::vector<Alert> history = {alert("leak", Grade::Danger, AlertState::Resolved, 100),
                                            alert("timeouts", Grade::Danger, AlertState::Resolved, 200)};
        const QSet<QString> acked = {AlertListModel::keyOf(active[2])};
        model.setAlerts(active, history, acked, {});
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.activeCount(), 3);
        const auto rule = [&](int row) { return model.index(row, AlertListModel::RuleColumn).data().toString(); };
        QCOMPARE(rule(0), QStringLiteral("exhausted"));  // firing before pending
        QCOMPARE(rule(1), QStringLiteral("utilisation"));
        QCOMPARE(rule(2), QStringLiteral("wait_p99"));
        QCOMPARE(rule(3), QStringLiteral("timeouts"));  // newest resolved first
        QCOMPARE(rule(4), QStringLiteral("leak"));
        QVERIFY(model.index(1, AlertListModel::StateColumn).data().toString().contains("acknowledged"));
        QVERIFY(model.index(1, 0).data(AlertListModel::AcknowledgedRole).toBool());
        QVERIFY(model.index(0, 0).data(AlertListModel::ActiveRole).toBool());
        QVERIFY(!model.index(3, 0).data(AlertListModel::ActiveRole).toBool());
        QCOMPARE(model.index(0, AlertListModel::GradeColumn).data(Qt::DecorationRole).value<QColor>(),
                 AlertListModel::gradeColor(Grade::Danger));
        QVERIFY(model.index(0, AlertListModel::ValueColumn).data().toString().contains("threshold 5"));
        QCOMPARE(model.alertAt(4)->rule, std::string("leak"));
        QCOMPARE(model.alertAt(5), nullptr);

        model.setShowHistory(false);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.alertAt(3), nullptr);
        model.setShowHistory(true);
        QCOMPARE(model.rowCount(), 5);
        model.setAlerts({}, {}, {}, {});
        QCOMPARE(model.rowCount(), 0);
    }

    void keysSeparateSubjects() {
        Alert a = alert("config_lint", Grade::Warning, AlertState::Firing);
        Alert b = a;
        b.subject = "no_max_lifetime";
        QVERIFY(AlertListModel::keyOf(a) != AlertListModel::keyOf(b));
        AlertListModel model;
        model.setAlerts({b}, {}, {}, {AlertListModel::keyOf(b)});
        QCOMPARE(model.index(0, AlertListModel::RuleColumn).data().toString(),
                 QStringLiteral("config_lint (no_max_lifetime)"));
        QVERIFY(model.index(0, 0).data(AlertListModel::SilencedRole).toBool());
    }
};

}  // namespace poolscope

QTEST_MAIN(poolscope::AlertListModelTest)
#include "AlertListModelTest.moc"
