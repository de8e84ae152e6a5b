// The pool list model, checked by QAbstractItemModelTester through inserts,
// updates and removals.

#include <QAbstractItemModelTester>
#include <QtTest>

#include "app/ui/PoolListModel.h"

namespace poolscope {

class PoolListModelTest : public QObject {
    Q_OBJECT
    static PoolInfo info(const QString& pool, PoolInfo::Status status = PoolInfo::Status::Running) {
        PoolInfo i;
        i.pool = pool;
        i.status = status;
        i.driver = "sim";
        i.description = "embedded sim://";
        i.lifecycle = Lifecycle::Started;
        i.counts.inUse = 3;
        i.counts.waiting = 2;
        i.maxOpen = 10;
        return i;
    }

private slots:
    void insertsUpdatesRemoves() {
        PoolListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.upsert(info("a", PoolInfo::Status::Connecting));
        model.upsert(info("b"));
        QCOMPARE(model.rowCount(), 2);
        QVERIFY(model.index(0).data().toString().contains("connecting"));
        QVERIFY(model.index(1).data().toString().contains("3/10 in use"));
        QVERIFY(model.index(1).data().toString().contains("2 waiting"));
        PoolInfo calm = info("b");
        calm.counts.waiting = 0;
        model.upsert(calm);
        QVERIFY(!model.index(1).data().toString().contains("waiting"));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.upsert(info("a"));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.rowOf("a"), 0);

        PoolInfo failed = info("c", PoolInfo::Status::Failed);
        failed.error = "connect to 127.0.0.1:1 failed";
        model.upsert(failed);
        QVERIFY(model.index(2).data(Qt::ToolTipRole).toString().contains("127.0.0.1:1"));
        QVERIFY(model.index(2).data(Qt::ForegroundRole).isValid());
        QCOMPARE(model.index(2).data(PoolListModel::PoolNameRole).toString(), QStringLiteral("c"));

        PoolInfo unlimited = info("b");
        unlimited.maxOpen = 0;
        model.upsert(unlimited);
        QVERIFY(model.index(1).data().toString().contains("3/∞"));

        model.remove("a");
        model.remove("nosuch");
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.poolAt(0), QStringLiteral("b"));
        QCOMPARE(model.poolAt(7), QString());
        QCOMPARE(model.rowOf("a"), -1);
    }

    void unreportedCountsShowAsQuestionMarks() {
        PoolListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        PoolInfo hikari = info("hikari");
        hikari.counts = {};
        hikari.maxOpen = 0;
        hikari.reported.set(Figure::InUse, false).set(Figure::MaxOpen, false).set(Figure::Waiting, false);
        model.upsert(hikari);
        const QString text = model.index(0).data().toString();
        QVERIFY2(text.contains("?/? in use"), qPrintable(text));  // never "0/∞"
        QVERIFY(!text.contains("waiting"));
        const QString tip = model.index(0).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains("Not reported by this source: in_use, waiting, max_open"), qPrintable(tip));
    }
};

}  // namespace poolscope

QTEST_GUILESS_MAIN(poolscope::PoolListModelTest)
#include "PoolListModelTest.moc"
