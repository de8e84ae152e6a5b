// Saved profiles live in QSettings without any password.

#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include "app/ui/ProfileStore.h"

namespace poolscope {

class ProfileStoreTest : public QObject {
    Q_OBJECT
private slots:
    void savesLoadsRemoves() {
        QTemporaryDir dir;
        const QString file = dir.filePath("settings.ini");
        {
            QSettings settings(file, QSettings::IniFormat);
            ProfileStore store(settings);
            QVERIFY(store.names().isEmpty());
            ConnectionProfile a;
            a.name = "b-orders";
            a.user = "app";
            ConnectionProfile b;
            b.name = "A-sim";
            b.kind = ConnectionProfile::Kind::Simulated;
            store.save(a);
            store.save(b);
            a.port = 6000;
            store.save(a);  // replaces
            QCOMPARE(store.names(), QStringList({"A-sim", "b-orders"}));
            QCOMPARE(store.load("b-orders")->port, 6000);
            QVERIFY(!store.load("nope"));
        }
        {
            QSettings settings(file, QSettings::IniFormat);
            ProfileStore store(settings);
            QCOMPARE(store.names().size(), 2);
            store.remove("A-sim");
            QCOMPARE(store.names(), QStringList({"b-orders"}));
        }
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(text.contains("b-orders"));  // readable, so the next check means something
        QVERIFY(text.contains("rememberPassword="));
        QVERIFY(!text.contains("\\password="));  // no key named password
    }
};

}  // namespace poolscope

QTEST_GUILESS_MAIN(poolscope::ProfileStoreTest)
#include "ProfileStoreTest.moc"
