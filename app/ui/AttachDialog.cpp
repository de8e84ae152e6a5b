#include "app/ui/AttachDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QUrl>

#include "app/sources/RemoteSource.h"
#include "app/ui/PasswordVault.h"

namespace poolscope {

namespace {

QString vaultKey(const QString& url) { return QStringLiteral("attach:") + url.trimmed(); }

}  // namespace

AttachDialog::AttachDialog(QSettings& settings, PasswordVault& vault, QWidget* parent)
    : QDialog(parent), settings_(settings), vault_(vault) {
    setWindowTitle(tr("Attach to a pool in another process"));
    setAccessibleName(windowTitle());
    url_ = new QLineEdit(settings_.value("attach/url", QStringLiteral("http://127.0.0.1:9187")).toString());
    url_->setAccessibleName(tr("Endpoint URL"));
    url_->setToolTip(tr("The PoolScope endpoint of a service (poolscope --serve, or a program linking "
                        "poolscope_exporter): http(s)://host:port[/prefix][?pool=NAME]"));
    token_ = new QLineEdit;
    token_->setEchoMode(QLineEdit::Password);
    token_->setAccessibleName(tr("Bearer token"));
    token_->setPlaceholderText(tr("none: read-only (no actions, events or recordings if the endpoint has a token)"));
    remember_ = new QCheckBox(tr("Keep the token in the system keychain"));
    remember_->setAccessibleName(remember_->text());
    remember_->setEnabled(vault_.available());
    if (!vault_.available()) remember_->setToolTip(vault_.unavailableReason());
    ca_ = new QLineEdit(settings_.value("attach/ca").toString());
    ca_->setAccessibleName(tr("CA certificate file"));
    ca_->setPlaceholderText(tr("for https with a private CA (PEM); empty: the system's"));
    auto* browse = new QPushButton(tr("Browse…"));
    browse->setAccessibleName(tr("Choose the CA certificate file"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("CA certificate"), ca_->text(),
                                                       tr("PEM files (*.pem *.crt);;All files (*)"));
        if (!f.isEmpty()) ca_->setText(f);
    });
    auto* caRow = new QHBoxLayout;
    caRow->addWidget(ca_, 1);
    caRow->addWidget(browse);
    message_ = new QLabel;
    message_->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("&URL:"), url_);
    form->addRow(tr("&Token:"), token_);
    form->addRow(QString(), remember_);
    form->addRow(tr("&CA file:"), caRow);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Attach"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(message_);
    layout->addWidget(buttons);
    resize(560, sizeHint().height());

    connect(&vault_, &PasswordVault::passwordRead, this,
            [this](const QString& key, bool found, const QString& password, const QString&) {
                if (key == vaultKey(url_->text()) && found && token_->text().isEmpty()) {
                    token_->setText(password);
                    remember_->setChecked(true);
                }
            });
    connect(url_, &QLineEdit::editingFinished, this, &AttachDialog::lookUpToken);
    lookUpToken();
}

void AttachDialog::lookUpToken() {
    if (vault_.available() && !url_->text().trimmed().isEmpty()) vault_.read(vaultKey(url_->text()));
}

AttachSpec AttachDialog::spec() const {
    AttachSpec s;
    s.url = url_->text().trimmed();
    s.token = token_->text().trimmed();
    s.caFile = ca_->text().trimmed();
    return s;
}

void AttachDialog::done(int result) {
    if (result == QDialog::Accepted) {
        const QUrl u(url_->text().trimmed());
        if (!u.isValid() || (u.scheme() != QLatin1String("http") && u.scheme() != QLatin1String("https")) ||
            u.host().isEmpty()) {
            message_->setText(tr("Enter an http:// or https:// URL with a host, e.g. http://127.0.0.1:9187"));
            return;
        }
        settings_.setValue("attach/url", url_->text().trimmed());
        settings_.setValue("attach/ca", ca_->text().trimmed());
        if (vault_.available()) {
            if (remember_->isChecked() && !token_->text().isEmpty())
                vault_.write(vaultKey(url_->text()), token_->text().trimmed());
            else if (!remember_->isChecked())
                vault_.remove(vaultKey(url_->text()));
        }
    }
    QDialog::done(result);
}

}  // namespace poolscope
