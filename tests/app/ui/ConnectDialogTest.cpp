// The connect dialog: URLs for every kind, profiles without passwords in the
// settings file, the keychain's state in words, the driver's own test error.

#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include "app/ui/ConnectDialog.h"
#include "app/ui/PasswordVault.h"

namespace poolscope {

class ConnectDialogTest : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

private slots:
    void buildsTheUrlAndTestsIt() {
        QSettings settings(dir_.filePath("a.ini"), QSettings::IniFormat);
        PasswordVault vault;
        ConnectDialog d(settings, vault);
        ConnectionProfile p;
        p.name = "lite";
        p.kind = ConnectionProfile::Kind::SQLite;
        p.file = "/nonexistent-dir/x.db";
        d.setProfile(p);
        QCOMPARE(d.url(), QStringLiteral("sqlite:///nonexistent-dir/x.db"));
        QCOMPARE(d.poolName(), QStringLiteral("lite"));
        d.testConnection();
        QTRY_VERIFY_WITH_TIMEOUT(d.testResultText().startsWith("Failed:"), 5000);
        QVERIFY2(d.testResultText().contains("/nonexistent-dir"), qPrintable(d.testResultText()));

        p.kind = ConnectionProfile::Kind::Simulated;
        p.simOptions = "query_ms=1";
        d.setProfile(p);
        QCOMPARE(d.url(), QStringLiteral("sim://?query_ms=1"));
        d.testConnection();
        QTRY_VERIFY_WITH_TIMEOUT(d.testResultText().startsWith("Connected to sim://"), 5000);
    }

    void savedProfilesHoldNoPassword() {
        const QString file = dir_.filePath("b.ini");
        QSettings settings(file, QSettings::IniFormat);
        PasswordVault vault;
        ConnectDialog d(settings, vault);
        ConnectionProfile p;
        p.name = "pg";
        p.kind = ConnectionProfile::Kind::PostgreSQL;
        p.user = "app";
        p.host = "127.0.0.1";
        d.setProfile(p);
        d.setPassword("hunter2-secret");
        QVERIFY(d.url().contains("hunter2-secret"));
        QVERIFY(!d.displayUrl().contains("hunter2-secret"));
        d.saveProfile();
        settings.sync();
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(text.contains("127.0.0.1"));
        QVERIFY(!text.contains("hunter2"));
        // Either the keychain took it, or the dialog says why it did not.
        QTRY_VERIFY_WITH_TIMEOUT(!d.keychainText().startsWith("Looking"), 30000);
        if (!vault.available()) QVERIFY2(d.keychainText().contains("not available"), qPrintable(d.keychainText()));
        else vault.remove(p.keychainKey());
    }

    void asksOnceForAMissingPassword() {
        QSettings settings(dir_.filePath("c.ini"), QSettings::IniFormat);
        PasswordVault vault;
        ConnectDialog d(settings, vault);
        ConnectionProfile p;
        p.kind = ConnectionProfile::Kind::PostgreSQL;
        p.user = "app";
        d.setProfile(p);
        d.accept();
        QCOMPARE(d.result(), int(QDialog::Rejected));  // not yet: it asked
        QVERIFY(d.keychainText().contains("Enter the password of app"));
        d.accept();
        QCOMPARE(d.result(), int(QDialog::Accepted));
    }
};

}  // namespace poolscope

QTEST_MAIN(poolscope::ConnectDialogTest)
#include "ConnectDialogTest.moc"
