// The keychain either works (round trip) or says why it cannot; it never
// blocks and never falls back to a plain-text copy.

#include <QSettings>
#include <QSignalSpy>
#include <QtTest>

#include "app/ui/PasswordVault.h"

namespace poolscope {

class PasswordVaultTest : public QObject {
    Q_OBJECT
private slots:
    void roundTripOrAClearReason() {
        QCoreApplication::setOrganizationName("PoolScopeTest");
        QCoreApplication::setApplicationName("PasswordVaultTest");
        PasswordVault vault;
        QSignalSpy written(&vault, &PasswordVault::passwordWritten);
        QSignalSpy read(&vault, &PasswordVault::passwordRead);
        QElapsedTimer t;
        t.start();
        vault.write("profile:test", "s3cret-value");
        QVERIFY(t.elapsed() < 200);  // asynchronous
        QVERIFY(written.wait(30000));
        if (written[0][1].toBool()) {
            vault.read("profile:test");
            QVERIFY(read.wait(30000));
            QCOMPARE(read[0][2].toString(), QStringLiteral("s3cret-value"));
            vault.remove("profile:test");
            QVERIFY(written.wait(30000));
        } else {
            // No keychain here (CI, bare X session): a reason, and later calls
            // answer at once with it.
            QVERIFY(!vault.available());
            QVERIFY(!vault.unavailableReason().isEmpty());
            QCOMPARE(written[0][2].toString(), vault.unavailableReason());
            vault.read("profile:test");
            QVERIFY(read.wait(1000));
            QCOMPARE(read[0][1].toBool(), false);
            QCOMPARE(read[0][3].toString(), vault.unavailableReason());
        }
        QSettings settings;
        for (const QString& key : settings.allKeys())
            QVERIFY(!settings.value(key).toString().contains("s3cret"));
    }
};

}  // namespace poolscope

QTEST_GUILESS_MAIN(poolscope::PasswordVaultTest)
#include "PasswordVaultTest.moc"
