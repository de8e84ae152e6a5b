// "Test connection" answers asynchronously with the driver's own words.

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

#include "app/sources/ConnectionTester.h"

namespace poolscope {

class ConnectionTesterTest : public QObject {
    Q_OBJECT
private slots:
    void reportsSuccessAndFailureWithoutBlocking() {
        QFETCH(QString, url);
        QFETCH(bool, ok);
        QFETCH(QString, text);
        ConnectionTester tester;
        QSignalSpy finished(&tester, &ConnectionTester::finished);
        QElapsedTimer t;
        t.start();
        tester.test(url, 2000);
        QVERIFY(t.elapsed() < 100);
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished[0][0].toBool(), ok);
        const QString message = finished[0][1].toString();
        QVERIFY2(message.contains(text), qPrintable(message));
        QVERIFY(!message.contains("s3cret"));
    }
    void reportsSuccessAndFailureWithoutBlocking_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("text");
        QTest::newRow("sim") << "sim://?connect_ms=200" << true << "Connected to sim://";
        QTest::newRow("bad scheme") << "nosuchdb://x" << false << "nosuchdb";
        QTest::newRow("missing folder") << "sqlite:///nonexistent-dir/x.db" << false << "/nonexistent-dir";
        QTest::newRow("refused") << "postgresql://app:s3cret@127.0.0.1:1/db" << false << "127.0.0.1";
        QTest::newRow("sim full") << "sim://?max_server_conns=0&connect_ms=1" << true << "Connected";
    }

    void aNewTestReplacesTheOldOne() {
        ConnectionTester tester;
        QSignalSpy finished(&tester, &ConnectionTester::finished);
        tester.test("sim://?connect_ms=800", 2000);
        QVERIFY(tester.busy());
        tester.test("sim://", 2000);
        QVERIFY(finished.wait(3000));
        QTest::qWait(1000);
        QCOMPARE(finished.count(), 1);  // the first result was dropped
    }
};

}  // namespace poolscope

QTEST_GUILESS_MAIN(poolscope::ConnectionTesterTest)
#include "ConnectionTesterTest.moc"
