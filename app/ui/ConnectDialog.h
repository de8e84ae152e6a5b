#pragma once
// Opens a pool on PostgreSQL, MySQL/MariaDB, SQLite or the simulated server;
// saved profiles (QSettings) with passwords in the system keychain only.

#include <QDialog>

#include "app/ui/ConnectionProfile.h"

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSettings;
class QSpinBox;
class QStackedWidget;
QT_END_NAMESPACE

namespace poolscope {

class ConnectionTester;
class PasswordVault;
class ProfileStore;

/// GUI thread only. Never blocks: the keychain and the connection test answer
/// asynchronously.
class ConnectDialog : public QDialog {
    Q_OBJECT
public:
    /// `settings` holds the profiles; `vault` the passwords. Neither is owned.
    ConnectDialog(QSettings& settings, PasswordVault& vault, QWidget* parent = nullptr);
    ~ConnectDialog() override;

    /// The profile the fields describe (no password).
    ConnectionProfile profile() const;
    /// Fills the fields from `profile` (and asks the keychain for its password).
    void setProfile(const ConnectionProfile& profile);
    /// The URL to open, password included. Never display it: use displayUrl().
    QString url() const;
    QString displayUrl() const;
    /// The pool name to use (the profile name, or the database kind).
    QString poolName() const;
    QString password() const;
    void setPassword(const QString& password);
    /// The keychain line's text (tests).
    QString keychainText() const;
    /// The test line's text (tests).
    QString testResultText() const;

public slots:
    /// Connect: asks once for a missing password before accepting.
    void accept() override;
    void testConnection();
    void saveProfile();
    void deleteProfile();

private:
    void buildUi();
    void loadProfile(int index);
    void kindChanged();
    void updateUrl();
    void showKeychainState();
    void showTestResult(bool ok, const QString& message);

    ProfileStore* store_;
    PasswordVault& vault_;
    ConnectionTester* tester_;
    QString pendingKey_;  // keychain read in flight for this profile key
    QString writeKey_;    // keychain write in flight
    bool askedForPassword_ = false;

    QComboBox* profiles_ = nullptr;
    QPushButton* save_ = nullptr;
    QPushButton* delete_ = nullptr;
    QLineEdit* name_ = nullptr;
    QComboBox* kind_ = nullptr;
    QStackedWidget* pages_ = nullptr;
    QLineEdit* host_ = nullptr;
    QSpinBox* port_ = nullptr;
    QLineEdit* database_ = nullptr;
    QLineEdit* user_ = nullptr;
    QLineEdit* password_ = nullptr;
    QCheckBox* remember_ = nullptr;
    QLineEdit* options_ = nullptr;
    QLineEdit* file_ = nullptr;
    QLineEdit* sqliteOptions_ = nullptr;
    QLineEdit* simOptions_ = nullptr;
    QLabel* urlLabel_ = nullptr;
    QLabel* keychain_ = nullptr;
    QPushButton* test_ = nullptr;
    QLabel* testResult_ = nullptr;
    QPushButton* connect_ = nullptr;
};

}  // namespace poolscope
