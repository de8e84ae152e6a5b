#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include "widgets/ConnectionFilterProxy.h"
#include "widgets/ConnectionTableModel.h"

using namespace poolscope;

namespace {

constexpr int64_t kNow = 1'700'000'000'000;

ConnectionInfo conn(uint64_t id, ConnState state, uint64_t uses = 1, bool leaked = false) {
    return {id, state, kNow - 60'000, kNow - 2'000, uses, leaked ? "worker-7" : "", 4200 + int64_t(id), leaked};
}

PoolSnapshot snapshot(std::vector<ConnectionInfo> conns, int64_t t = kNow) {
    PoolSnapshot s;
    s.tMs = t;
    s.connections = std::move(conns);
    return s;
}

}  // namespace

class ConnectionTableModelTest : public QObject {
    Q_OBJECT
private slots:
    void insertUpdateRemoveWithoutReset();
    void leakedRowsHighlightedWithStack();
    void filterProxyByStateAndLeaked();
    void anotherPoolResets();
    void formatDuration_data();
    void formatDuration();
};

void ConnectionTableModelTest::insertUpdateRemoveWithoutReset() {
    ConnectionTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    model.setSnapshot(snapshot({conn(1, ConnState::Idle), conn(2, ConnState::InUse), conn(3, ConnState::Idle)}));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.columnCount(), int(ConnectionTableModel::ColumnCount));
    QCOMPARE(model.index(1, ConnectionTableModel::State).data().toString(), QString("IN_USE"));
    QCOMPARE(model.index(1, ConnectionTableModel::ServerId).data().toString(), QString("4202"));
    QCOMPARE(model.index(0, ConnectionTableModel::Age).data().toString(), QString("1 min 00 s"));
    QCOMPARE(model.index(0, ConnectionTableModel::TimeInState).data().toString(), QString("2.0 s"));

    // Same clock, conn 2 changed state, conn 1 gone, conn 4 new.
    auto c2 = conn(2, ConnState::Returning, 2);
    model.setSnapshot(snapshot({c2, conn(3, ConnState::Idle), conn(4, ConnState::Allocating)}));
    QCOMPARE(resets.count(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.last().at(1).toInt(), 0);  // row of conn 1
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.rowOf(2), 0);
    QCOMPARE(model.rowOf(4), 2);
    QCOMPARE(model.rowOf(1), -1);
    QCOMPARE(model.index(0, ConnectionTableModel::State).data().toString(), QString("RETURNING"));
    QCOMPARE(model.index(0, ConnectionTableModel::Uses).data().toString(), QString("2"));
    QVERIFY(changed.count() >= 1);
    // Only the changed row was announced (the clock did not move).
    const QModelIndex tl = changed.last().at(0).toModelIndex(), br = changed.last().at(1).toModelIndex();
    QCOMPARE(tl.row(), 0);
    QCOMPARE(br.row(), 0);

    // The clock moves: every row's age changes, still no reset.
    changed.clear();
    model.setSnapshot(snapshot({c2, conn(3, ConnState::Idle), conn(4, ConnState::Allocating)}, kNow + 1000));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.last().at(1).toModelIndex().row(), 2);
    QCOMPARE(model.index(1, ConnectionTableModel::TimeInState).data().toString(), QString("3.0 s"));

    // Everything gone; then an identical snapshot twice emits nothing.
    model.setSnapshot(snapshot({}, kNow + 2000));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(resets.count(), 0);
    model.setSnapshot(snapshot({conn(9, ConnState::Idle)}, kNow + 3000));
    changed.clear();
    inserted.clear();
    model.setSnapshot(snapshot({conn(9, ConnState::Idle)}, kNow + 3000));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(inserted.count(), 0);
}

void ConnectionTableModelTest::leakedRowsHighlightedWithStack() {
    ConnectionTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    PoolSnapshot s = snapshot({conn(1, ConnState::Idle), conn(4, ConnState::InUse, 1, true)});
    s.leakReports.push_back({4, "worker-7", 900, kNow - 500, {"old()"}});
    s.leakReports.push_back({4, "worker-7", 1250, kNow, {"handler()", "main"}});
    s.leakReports.push_back({99, "gone", 1250, kNow, {"x()"}});
    model.setSnapshot(s);
    const QModelIndex leaked = model.index(model.rowOf(4), ConnectionTableModel::Holder);
    const QModelIndex fine = model.index(model.rowOf(1), ConnectionTableModel::Holder);
    QVERIFY(leaked.data(ConnectionTableModel::LeakedRole).toBool());
    QVERIFY(!fine.data(ConnectionTableModel::LeakedRole).toBool());
    QVERIFY(leaked.data(Qt::BackgroundRole).value<QColor>().isValid());
    QVERIFY(!fine.data(Qt::BackgroundRole).isValid());
    // The newest report of that connection gives the stack.
    QCOMPARE(leaked.data(ConnectionTableModel::StackRole).toStringList(),
             QStringList({"handler()", "main"}));
    QVERIFY(fine.data(ConnectionTableModel::StackRole).toStringList().isEmpty());
    QVERIFY(leaked.data(Qt::ToolTipRole).toString().contains("worker-7"));
    QCOMPARE(leaked.data().toString(), QString("worker-7"));
}

void ConnectionTableModelTest::filterProxyByStateAndLeaked() {
    ConnectionTableModel model;
    ConnectionFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(snapshot({conn(1, ConnState::Idle), conn(2, ConnState::InUse),
                                conn(3, ConnState::InUse, 1, true), conn(4, ConnState::Idle)}));
    QCOMPARE(proxy.rowCount(), 4);
    proxy.setStateFilter(ConnState::InUse);
    QCOMPARE(proxy.rowCount(), 2);
    for (int r = 0; r < proxy.rowCount(); ++r)
        QCOMPARE(proxy.index(r, 0).data(ConnectionTableModel::StateRole).toInt(), int(ConnState::InUse));
    proxy.setLeakedOnly(true);
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, 0).data(ConnectionTableModel::ConnIdRole).toULongLong(), 3ull);
    proxy.setLeakedOnly(false);
    // Live updates flow through the filter: conn 1 starts being used.
    model.setSnapshot(snapshot({conn(1, ConnState::InUse), conn(2, ConnState::InUse),
                                conn(3, ConnState::InUse, 1, true), conn(4, ConnState::Idle)}));
    QCOMPARE(proxy.rowCount(), 3);
    proxy.setStateFilter(std::nullopt);
    QCOMPARE(proxy.rowCount(), 4);
    // Sorting is numeric on SortRole: uses 10 after 9.
    model.setSnapshot(snapshot({conn(1, ConnState::Idle, 10), conn(2, ConnState::Idle, 9)}));
    proxy.sort(ConnectionTableModel::Uses, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, ConnectionTableModel::Uses).data().toString(), QString("9"));
    QCOMPARE(proxy.index(1, ConnectionTableModel::Uses).data().toString(), QString("10"));
}

void ConnectionTableModelTest::anotherPoolResets() {
    ConnectionTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setSnapshot(snapshot({conn(1, ConnState::Idle)}));
    PoolSnapshot other = snapshot({conn(1, ConnState::InUse)});
    other.pool = "orders";
    model.setSnapshot(other);
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, ConnectionTableModel::State).data().toString(), QString("IN_USE"));
}

void ConnectionTableModelTest::formatDuration_data() {
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    QTest::newRow("ms") << qint64(850) << "850 ms";
    QTest::newRow("seconds") << qint64(12'345) << "12.3 s";
    QTest::newRow("minutes") << qint64(245'000) << "4 min 05 s";
    QTest::newRow("hours") << qint64(7'800'000) << "2 h 10 min";
    QTest::newRow("negative clamps") << qint64(-5) << "0 ms";
}

void ConnectionTableModelTest::formatDuration() {
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(ConnectionTableModel::formatDuration(ms), text);
}

QTEST_MAIN(ConnectionTableModelTest)
#include "ConnectionTableModelTest.moc"
