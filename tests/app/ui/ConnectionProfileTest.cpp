// Profiles become URLs the driver factory accepts, passwords encoded, and
// back; nothing stored ever holds a password.

#include <QtTest>

#include "app/ui/ConnectionProfile.h"
#include "core/drivers/Url.h"

namespace poolscope {

using Kind = ConnectionProfile::Kind;

class ConnectionProfileTest : public QObject {
    Q_OBJECT
private slots:
    void buildsUrls() {
        QFETCH(int, kind);
        QFETCH(QString, password);
        QFETCH(QString, url);
        ConnectionProfile p;
        p.name = "orders";
        p.kind = static_cast<Kind>(kind);
        p.host = "db.example";
        p.port = 6543;
        p.database = "orders";
        p.user = "app";
        p.options = "sslmode=require";
        p.file = "/tmp/my db.sqlite";
        p.simOptions = "query_ms=2";
        QCOMPARE(p.url(password), url);
        QVERIFY(Url::parse(p.url(password).toStdString()));
        QVERIFY(!p.displayUrl(password).contains("p@ss") || password.isEmpty());
    }
    void buildsUrls_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("url");
        QTest::newRow("pg") << int(Kind::PostgreSQL) << "p@ss/w:rd"
                            << "postgresql://app:p%40ss%2Fw%3Ard@db.example:6543/orders?sslmode=require";
        QTest::newRow("pg no password") << int(Kind::PostgreSQL) << ""
                                        << "postgresql://app@db.example:6543/orders?sslmode=require";
        QTest::newRow("mysql") << int(Kind::MySQL) << "x" << "mysql://app:x@db.example:6543/orders?sslmode=require";
        QTest::newRow("sqlite") << int(Kind::SQLite) << "ignored" << "sqlite:///tmp/my%20db.sqlite?sslmode=require";
        QTest::newRow("sim") << int(Kind::Simulated) << "ignored" << "sim://?query_ms=2";
    }

    void passwordsSurviveTheRoundTrip() {
        ConnectionProfile p;
        p.name = "x";
        p.user = "app user";
        p.host = "::1";
        p.database = "db";
        const QString password = "p@ss:w/rd?#%";
        QString back;
        const auto q = ConnectionProfile::fromUrl(p.url(password), "x", &back);
        QVERIFY(q);
        QCOMPARE(back, password);
        QCOMPARE(q->user, p.user);
        QCOMPARE(q->host, p.host);
        QCOMPARE(q->database, p.database);
        QVERIFY(p.displayUrl(password).contains("***"));
        QVERIFY(!p.displayUrl(password).contains("w/rd"));
    }

    void readsUrlsOfEveryKind() {
        QString pw, err;
        QCOMPARE(ConnectionProfile::fromUrl("sim://?query_ms=2&restart_every_s=5", "s", &pw)->simOptions,
                 QStringLiteral("query_ms=2&restart_every_s=5"));
        QCOMPARE(ConnectionProfile::fromUrl("sqlite:///tmp/a.db", "s", &pw)->file, QStringLiteral("/tmp/a.db"));
        QVERIFY(ConnectionProfile::fromUrl("mariadb://u@h/d", "s", &pw)->kind == Kind::MySQL);
        QVERIFY(!ConnectionProfile::fromUrl("ftp://x", "s", &pw, &err));
        QVERIFY(err.contains("ftp"));
        QVERIFY(!ConnectionProfile::fromUrl("not a url", "s", &pw, &err));
        QVERIFY(!err.isEmpty());
    }

    void mapsHoldNoPassword() {
        ConnectionProfile p;
        p.name = "n";
        p.kind = Kind::MySQL;
        p.user = "u";
        const QVariantMap m = p.toMap();
        QVERIFY(!m.contains("password"));
        QVERIFY(ConnectionProfile::fromMap(m) == p);
        QCOMPARE(p.keychainKey(), QStringLiteral("profile:n"));
    }
};

}  // namespace poolscope

QTEST_GUILESS_MAIN(poolscope::ConnectionProfileTest)
#include "ConnectionProfileTest.moc"
