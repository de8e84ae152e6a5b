#pragma once
// Passwords of saved profiles, in the system keychain (QtKeychain: Secret
// Service, KWallet, macOS Keychain, Windows Credential Store) and nowhere
// else. Where no keychain service runs, every call reports that and nothing
// is stored; the app then asks for the password when it needs it.

#include <QObject>
#include <QString>

namespace QKeychain {
class Job;  // only used when built with QtKeychain
}

namespace poolscope {

/// GUI thread only. Every operation is asynchronous and answers with a signal.
class PasswordVault : public QObject {
    Q_OBJECT
public:
    explicit PasswordVault(QObject* parent = nullptr);

    /// False when PoolScope was built without QtKeychain.
    static bool compiledIn();
    /// False once an operation found no usable keychain service.
    bool available() const { return available_; }
    /// Why the keychain is not used (empty while available).
    QString unavailableReason() const { return reason_; }

    /// Answers with passwordRead().
    void read(const QString& key);
    /// Answers with passwordWritten().
    void write(const QString& key, const QString& password);
    /// Answers with passwordWritten() (ok = removed or not there).
    void remove(const QString& key);

signals:
    /// `found` false with an empty `error`: no password saved for `key`.
    void passwordRead(const QString& key, bool found, const QString& password, const QString& error);
    void passwordWritten(const QString& key, bool ok, const QString& error);
    /// The keychain turned out to be unusable; `reason` says why.
    void unavailable(const QString& reason);

private:
    void markUnavailable(const QString& reason);
    /// The message for a failed keychain call; a failure of the service
    /// itself marks the vault unavailable and returns why.
    QString failure(bool serviceError, const QString& message);
    /// Sets up and starts a write or delete `job` for `key`, reported by
    /// passwordWritten; `missingIsOk`: an absent entry counts as success.
    void startWrite(QKeychain::Job* job, const QString& key, bool missingIsOk);
    bool available_ = true;
    QString reason_;
};

}  // namespace poolscope
