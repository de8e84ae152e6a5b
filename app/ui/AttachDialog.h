#pragma once
// File > Attach…: the URL of a PoolScope endpoint in another process, its
// bearer token (kept in the system keychain, never in the settings file) and
// the CA that signed its certificate.

#include <QDialog>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QLabel;
class QLineEdit;
class QSettings;
QT_END_NAMESPACE

namespace poolscope {

class PasswordVault;
struct AttachSpec;

class AttachDialog : public QDialog {
    Q_OBJECT
public:
    /// The last URL and CA file are read from and saved to `settings`; the
    /// token to and from `vault` (keyed by the URL), when the user asks.
    AttachDialog(QSettings& settings, PasswordVault& vault, QWidget* parent = nullptr);

    /// What the user entered; valid after accepted().
    AttachSpec spec() const;

protected:
    void done(int result) override;

private:
    void lookUpToken();

    QSettings& settings_;
    PasswordVault& vault_;
    QLineEdit* url_ = nullptr;
    QLineEdit* token_ = nullptr;
    QCheckBox* remember_ = nullptr;
    QLineEdit* ca_ = nullptr;
    QLabel* message_ = nullptr;
};

}  // namespace poolscope
