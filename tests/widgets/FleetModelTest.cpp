// The fleet model and its filter: rows appear at flush, worst first through
// the proxy, unknown figures are "?" (never 0), timeouts count over the
// window only, groups sum their pools and flag a summed max_open over the
// server's max_connections, the filter keeps a group while one of its pools
// matches; every change checked by QAbstractItemModelTester.

#include <QAbstractItemModelTester>
#include <QTreeView>
#include <QtTest>

#include <cmath>

#include "widgets/FleetFilterProxy.h"
#include "widgets/FleetModel.h"

namespace poolscope {

class FleetModelTest : public QObject {
    Q_OBJECT

    static PoolSnapshot snap(int64_t tMs, int64_t inUse, int64_t maxOpen, uint64_t timeouts = 0) {
        PoolSnapshot s;
        s.tMs = tMs;
        s.counts.inUse = inUse;
        s.counts.open = inUse;
        s.config.maxOpen = maxOpen;
        s.totals.timeouts = timeouts;
        s.wait.p99 = 12.5;
        return s;
    }
    static QString text(const FleetModel& m, const QModelIndex& i, int column) {
        return m.data(i.siblingAtColumn(column)).toString();
    }

private slots:
    void rowsAppearAtFlushWithTheirFigures() {
        FleetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPlace("a", {"api", "10.0.0.1:8080", "main", "hikaricp", "db:5432"});
        model.update("a", snap(1000, 5, 10), Grade::Normal);
        QCOMPARE(model.rowCount(), 0);  // not before flush()
        model.flush();
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex a = model.index(0, 0);
        QCOMPARE(text(model, a, FleetModel::NameColumn), QString("main"));
        QCOMPARE(text(model, a, FleetModel::ServiceColumn), QString("api"));
        QVERIFY(text(model, a, FleetModel::UtilisationColumn).startsWith("50 %"));
        QCOMPARE(model.data(a.siblingAtColumn(FleetModel::UtilisationColumn), FleetModel::SortRole).toDouble(), 0.5);
        QCOMPARE(model.keyOf(a), QString("a"));
        QCOMPARE(model.indexOf("a").row(), 0);
    }

    void unreportedFiguresAreUnknownNotZero() {
        FleetModel model;
        PoolSnapshot s = snap(1000, 3, 10);
        s.reported = FigureSet::all()
                         .set(Figure::Waiting, false)
                         .set(Figure::WaitPercentiles, false)
                         .set(Figure::Timeouts, false)
                         .set(Figure::MaxOpen, false);
        model.update("x", s, Grade::Normal);
        model.flush();
        const QModelIndex x = model.index(0, 0);
        for (int c : {FleetModel::WaitingColumn, FleetModel::WaitColumn, FleetModel::TimeoutsColumn,
                      FleetModel::UtilisationColumn, FleetModel::MaxOpenColumn}) {
            QCOMPARE(text(model, x, c), QString("?"));
            QVERIFY(model.data(x.siblingAtColumn(c), FleetModel::SortRole).toDouble() < 0);  // below any figure
        }
        // The trend falls back to connections in use when utilisation is unknown.
        const auto trend = model.data(x.siblingAtColumn(FleetModel::TrendColumn), FleetModel::TrendRole)
                               .value<QList<double>>();
        QCOMPARE(trend, QList<double>{3.0});
    }

    void meanWaitIsSaidToBeAMean() {
        FleetModel model;
        PoolSnapshot s = snap(1000, 1, 10);
        s.wait.derivation = WaitDerivation::Mean;
        model.update("m", s, Grade::Normal);
        model.flush();
        QVERIFY(text(model, model.index(0, 0), FleetModel::WaitColumn).contains("mean"));
    }

    void timeoutsCountOverTheWindowOnly() {
        FleetModel model;
        const int64_t w = FleetModel::kWindowMs;
        model.update("p", snap(0, 1, 10, 100), Grade::Normal);
        model.update("p", snap(w / 2, 1, 10, 130), Grade::Normal);
        model.flush();
        QCOMPARE(text(model, model.index(0, 0), FleetModel::TimeoutsColumn), QString("30"));
        // The first sample leaves the window: only what happened since counts.
        model.update("p", snap(w + w / 2 + 1, 1, 10, 131), Grade::Normal);
        model.flush();
        QCOMPARE(text(model, model.index(0, 0), FleetModel::TimeoutsColumn), QString("1"));
    }

    void proxySortsWorstFirstAndFiltersByTextAndGrade() {
        FleetModel model;
        FleetFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(FleetModel::GradeColumn, Qt::DescendingOrder);
        model.setPlace("ok", {"billing", "i1", "ok", "go-sql", "db-a"});
        model.setPlace("warm", {"api", "i2", "warm", "hikaricp", "db-a"});
        model.setPlace("bad", {"api", "i3", "bad", "hikaricp", "db-b"});
        model.update("ok", snap(1000, 9, 10), Grade::Normal);
        model.update("warm", snap(1000, 5, 10), Grade::Warning);
        model.update("bad", snap(1000, 1, 10), Grade::Danger);
        model.flush();
        QCOMPARE(proxy.rowCount(), 3);
        QCOMPARE(model.keyOf(proxy.mapToSource(proxy.index(0, 0))), QString("bad"));
        QCOMPARE(model.keyOf(proxy.mapToSource(proxy.index(2, 0))), QString("ok"));
        // Grades change: the order follows at the next flush.
        model.update("ok", snap(2000, 10, 10), Grade::Danger);
        model.update("bad", snap(2000, 1, 10), Grade::Normal);
        model.flush();
        QCOMPARE(model.keyOf(proxy.mapToSource(proxy.index(0, 0))), QString("ok"));
        QCOMPARE(model.keyOf(proxy.mapToSource(proxy.index(2, 0))), QString("bad"));

        proxy.setText("API");  // case-insensitive, any part of the place
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setText("db-b");
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setText({});
        proxy.setLowestGrade(Grade::Warning);
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setLowestGrade(Grade::Danger);
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(model.keyOf(proxy.mapToSource(proxy.index(0, 0))), QString("ok"));
    }

    void groupsSumTheirPoolsAgainstTheServer() {
        FleetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // Three instances of one service on one database: 3 x 40 > 100.
        for (int i = 0; i < 3; ++i) {
            const QString key = QString("api-%1").arg(i);
            model.setPlace(key, {"api", QString("i%1").arg(i), "main", "hikaricp", "db:5432"});
            model.update(key, snap(1000, 10 + i, 40), i == 2 ? Grade::Warning : Grade::Normal);
        }
        model.setPlace("batch", {"batch", "j1", "main", "go-sql", "db:5432"});
        PoolSnapshot unbounded = snap(1000, 7, 0);
        model.update("batch", unbounded, Grade::Normal);
        model.setServerLimit("db:5432", 100);
        model.flush();
        model.setGrouping(FleetModel::Grouping::Service);
        QCOMPARE(model.rowCount(), 2);
        QModelIndex api;
        for (int r = 0; r < model.rowCount(); ++r)
            if (text(model, model.index(r, 0), FleetModel::NameColumn).startsWith("api")) api = model.index(r, 0);
        QVERIFY(api.isValid());
        QVERIFY(model.data(api, FleetModel::IsGroupRole).toBool());
        QCOMPARE(model.rowCount(api), 3);
        QCOMPARE(model.data(api, FleetModel::GradeRole).toInt(), static_cast<int>(Grade::Warning));  // the worst
        QVERIFY(text(model, api, FleetModel::UtilisationColumn).contains("(33/120)"));
        QVERIFY(text(model, api, FleetModel::MaxOpenColumn).contains("120"));
        QVERIFY(text(model, api, FleetModel::MaxOpenColumn).contains("100"));
        QVERIFY(model.data(api.siblingAtColumn(FleetModel::MaxOpenColumn), FleetModel::OverCommittedRole).toBool());
        QCOMPARE(model.keyOf(model.index(1, 0, api)), QString("api-1"));
        QCOMPARE(model.indexOf("api-2").parent(), api);

        // By server: all four on db:5432, one unbounded: over-committed too.
        model.setGrouping(FleetModel::Grouping::Server);
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex db = model.index(0, 0);
        QCOMPARE(model.rowCount(db), 4);
        QVERIFY(text(model, db, FleetModel::MaxOpenColumn).contains("unbounded"));
        QVERIFY(model.data(db.siblingAtColumn(FleetModel::MaxOpenColumn), FleetModel::OverCommittedRole).toBool());

        // A new pool on another server makes a new group at the next flush.
        model.setPlace("new", {"api", "i9", "main", "hikaricp", "db2:5432"});
        model.update("new", snap(2000, 1, 10), Grade::Normal);
        model.flush();
        QCOMPARE(model.rowCount(), 2);

        // Filtering keeps a group for its matching pools only.
        FleetFilterProxy proxy;
        proxy.setSourceModel(&model);
        proxy.setText("i9");
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.rowCount(proxy.index(0, 0)), 1);

        model.remove("new");
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.poolCount(), 4);
    }

    void aGroupWhoseMembersReportPartlySaysItsSumsAreLowerBounds() {
        FleetModel model;
        // Two pools report everything; a go_sql-like one has no queue length
        // and a third has no max_open.
        model.setPlace("a", {"api", "i1", "main", "hikaricp", "db:5432"});
        model.setPlace("b", {"api", "i2", "main", "hikaricp", "db:5432"});
        model.setPlace("c", {"api", "i3", "main", "go-sql", "db:5432"});
        model.update("a", snap(1000, 4, 20), Grade::Normal);
        model.update("b", snap(1000, 6, 20), Grade::Normal);
        PoolSnapshot c = snap(1000, 3, 20);
        c.reported = FigureSet::all().set(Figure::Waiting, false).set(Figure::MaxOpen, false);
        model.update("c", c, Grade::Normal);
        model.setServerLimit("db:5432", 30);
        model.flush();
        model.setGrouping(FleetModel::Grouping::Service);
        const QModelIndex api = model.index(0, 0);
        QCOMPARE(model.rowCount(api), 3);
        // Every member reports in use: an exact sum; not every max_open: no
        // utilisation, and a max_open sum that is at least 40, over 30.
        QCOMPARE(text(model, api, FleetModel::UtilisationColumn), QString("13 in use"));
        QCOMPARE(text(model, api, FleetModel::WaitingColumn), QString("≥ 0"));
        QVERIFY(text(model, api, FleetModel::MaxOpenColumn).startsWith("Σ ≥ 40"));
        QVERIFY(model.data(api.siblingAtColumn(FleetModel::MaxOpenColumn), FleetModel::OverCommittedRole).toBool());
        QVERIFY(model.data(api.siblingAtColumn(FleetModel::WaitingColumn), Qt::ToolTipRole)
                    .toString()
                    .contains("2 of these 3"));
        QVERIFY(model.data(api.siblingAtColumn(FleetModel::MaxOpenColumn), Qt::ToolTipRole)
                    .toString()
                    .contains("at least 40"));
        // Once it reports them, the sums are exact again.
        model.update("c", snap(2000, 3, 20), Grade::Normal);
        model.flush();
        QCOMPARE(text(model, api, FleetModel::WaitingColumn), QString("0"));
        QVERIFY(text(model, api, FleetModel::MaxOpenColumn).startsWith("Σ 60"));
        QVERIFY(text(model, api, FleetModel::UtilisationColumn).contains("(13/60)"));
        QVERIFY(model.data(api.siblingAtColumn(FleetModel::WaitingColumn), Qt::ToolTipRole).isNull());
    }

    void aViewSortedWorstFirstKeepsRowsInsertedLaterInOrder() {
        FleetModel model;
        FleetFilterProxy proxy;
        proxy.setSourceModel(&model);
        QTreeView view;
        view.setModel(&proxy);
        view.setSortingEnabled(true);
        view.sortByColumn(FleetModel::GradeColumn, Qt::DescendingOrder);
        model.update("w", snap(1000, 1, 10), Grade::Warning);
        model.flush();
        model.update("d", snap(1000, 1, 10), Grade::Danger);
        model.update("n", snap(1000, 1, 10), Grade::Normal);
        model.flush();
        QCOMPARE(model.keyOf(proxy.mapToSource(proxy.index(0, 0))), QString("d"));
        QCOMPARE(model.keyOf(proxy.mapToSource(proxy.index(1, 0))), QString("w"));
        QCOMPARE(model.keyOf(proxy.mapToSource(proxy.index(2, 0))), QString("n"));
    }

    void manyRowsStaySortedAsTheirFiguresMove() {
        FleetModel model;
        FleetFilterProxy proxy;
        proxy.setSourceModel(&model);
        QTreeView view;
        view.setModel(&proxy);
        view.setSortingEnabled(true);
        view.sortByColumn(FleetModel::GradeColumn, Qt::DescendingOrder);
        for (int round = 0; round < 3; ++round) {
            for (int i = 0; i < 300; ++i)
                model.update(QString::number(i), snap(1000 * (round + 1), (i * 7 + round * 13) % 40, 40),
                             (i + round) % 5 == 0 ? Grade::Danger : Grade::Warning);
            model.flush();
            double previous = 1e18;
            for (int r = 0; r < proxy.rowCount(); ++r) {
                const double key = proxy.index(r, FleetModel::GradeColumn).data(FleetModel::SortRole).toDouble();
                QVERIFY2(key <= previous, qPrintable(QString("round %1 row %2: %3 after %4").arg(round).arg(r).arg(key).arg(previous)));
                previous = key;
            }
        }
    }

    void flushWithoutChangesSendsNothing() {
        FleetModel model;
        model.update("a", snap(1000, 1, 10), Grade::Normal);
        model.flush();
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.flush();
        QCOMPARE(changed.count(), 0);
        model.update("a", snap(2000, 2, 10), Grade::Normal);
        model.flush();
        QCOMPARE(changed.count(), 1);  // one for every row, not one per pool
    }
};

}  // namespace poolscope

QTEST_MAIN(poolscope::FleetModelTest)
#include "FleetModelTest.moc"
