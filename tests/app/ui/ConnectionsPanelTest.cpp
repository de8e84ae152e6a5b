// The connection table as the app uses it: state filter, leaked-only, and the
// stack of a leaked connection. Both models pass QAbstractItemModelTester.

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QTableView>
#include <QtTest>

#include "app/ui/ConnectionsPanel.h"
#include "widgets/ConnectionFilterProxy.h"
#include "widgets/ConnectionTableModel.h"

namespace poolscope {

class ConnectionsPanelTest : public QObject {
    Q_OBJECT
    static PoolSnapshot snapshot(int n, bool leak) {
        PoolSnapshot s;
        s.pool = "p";
        s.tMs = 1'000'000;
        for (int i = 1; i <= n; ++i) {
            ConnectionInfo c;
            c.id = i;
            c.state = i % 2 ? ConnState::InUse : ConnState::Idle;
            c.createdMs = s.tMs - 5000;
            c.sinceMs = s.tMs - 1000;
            c.holder = c.state == ConnState::InUse ? "worker-" + std::to_string(i) : "";
            c.leaked = leak && i == 1;
            s.connections.push_back(c);
        }
        if (leak) s.leakReports.push_back({1, "worker-1", 1500, s.tMs, {"handler()", "main"}});
        return s;
    }

private slots:
    void filtersAndShowsStacks() {
        ConnectionsPanel panel;
        QAbstractItemModelTester t1(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(panel.proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<std::optional<ConnState>> filter;
        connect(&panel, &ConnectionsPanel::stateFilterChanged, [&](auto s) { filter << s; });
        panel.setSnapshot(snapshot(6, false));
        QCOMPARE(panel.proxy()->rowCount(), 6);
        panel.setStateFilter(ConnState::InUse);
        QCOMPARE(panel.proxy()->rowCount(), 3);
        QCOMPARE(filter.count(), 0);  // set from outside: no echo
        panel.findChild<QComboBox*>()->setCurrentIndex(0);
        QCOMPARE(filter.count(), 1);
        QCOMPARE(panel.proxy()->rowCount(), 6);

        panel.setSnapshot(snapshot(4, true));
        QCOMPARE(panel.proxy()->rowCount(), 4);
        QVERIFY(!panel.showStackOfSelection());  // nothing selected
        const int row = panel.proxy()->mapFromSource(panel.model()->index(panel.model()->rowOf(1), 0)).row();
        const QString text = panel.stackText(row);
        QVERIFY2(text.contains("worker-1"), qPrintable(text));
        QVERIFY(text.contains("handler()"));
        panel.view()->selectRow(row);
        QVERIFY(panel.showStackOfSelection());
        panel.clear();
        QCOMPARE(panel.proxy()->rowCount(), 0);
    }

    void unreportedListShowsAPlaceholderNotAnEmptyTable() {
        ConnectionsPanel panel;
        panel.resize(600, 300);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setSnapshot(snapshot(3, false));
        QVERIFY(!panel.placeholderShown());
        QVERIFY(panel.view()->isVisible());
        // A HikariCP or go_sql pool: counts, but no per-connection list.
        PoolSnapshot foreign = snapshot(0, false);
        foreign.counts.open = 4;
        foreign.reported.set(Figure::Connections, false);
        foreign.reported.set(Figure::LeakReports, false);
        panel.setSnapshot(foreign);
        QVERIFY(panel.placeholderShown());
        QVERIFY(panel.placeholder()->isVisible());
        QVERIFY(!panel.view()->isVisible());
        QVERIFY(panel.placeholder()->text().contains("This source does not report individual connections"));
        QCOMPARE(panel.model()->rowCount(), 0);
        // Back to a source with the list: the table returns.
        panel.setSnapshot(snapshot(2, false));
        QVERIFY(!panel.placeholderShown());
        QCOMPARE(panel.proxy()->rowCount(), 2);
    }
};

}  // namespace poolscope

QTEST_MAIN(poolscope::ConnectionsPanelTest)
#include "ConnectionsPanelTest.moc"
