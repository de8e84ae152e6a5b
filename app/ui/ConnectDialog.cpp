#include "app/ui/ConnectDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "app/sources/ConnectionTester.h"
#include "app/ui/PasswordVault.h"
#include "app/ui/ProfileStore.h"

namespace poolscope {

namespace {

using Kind = ConnectionProfile::Kind;
constexpr Kind kKinds[] = {Kind::PostgreSQL, Kind::MySQL, Kind::SQLite, Kind::Simulated};

QLabel* note(const QString& text, QWidget* parent) {
    auto* l = new QLabel(text, parent);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

}  // namespace

ConnectDialog::ConnectDialog(QSettings& settings, PasswordVault& vault, QWidget* parent)
    : QDialog(parent),
      store_(new ProfileStore(settings)),
      vault_(vault),
      tester_(new ConnectionTester(this)) {
    setWindowTitle(tr("Connect to a database"));
    buildUi();
    connect(tester_, &ConnectionTester::finished, this, &ConnectDialog::showTestResult);
    connect(&vault_, &PasswordVault::passwordRead, this,
            [this](const QString& key, bool found, const QString& password, const QString& error) {
                if (key != pendingKey_) return;
                pendingKey_.clear();
                if (found && password_->text().isEmpty()) password_->setText(password);
                if (!found && error.isEmpty())
                    keychain_->setText(tr("No password saved for this profile: enter it."));
                else
                    showKeychainState();
            });
    connect(&vault_, &PasswordVault::passwordWritten, this,
            [this](const QString& key, bool ok, const QString& error) {
                if (key != writeKey_) return;
                writeKey_.clear();
                if (!ok && !vault_.available()) showKeychainState();
                else if (ok) keychain_->setText(tr("Profile saved; the password is in the system keychain."));
                else keychain_->setText(tr("Profile saved without its password: %1").arg(error));
            });
    connect(&vault_, &PasswordVault::unavailable, this, &ConnectDialog::showKeychainState);
    kindChanged();
    showKeychainState();
}

ConnectDialog::~ConnectDialog() { delete store_; }

void ConnectDialog::buildUi() {
    profiles_ = new QComboBox(this);
    profiles_->addItem(tr("New profile"));
    profiles_->addItems(store_->names());
    save_ = new QPushButton(tr("Save"), this);
    save_->setToolTip(
        tr("Save these settings as the profile named Name (the password goes to the system "
           "keychain)"));
    delete_ = new QPushButton(tr("Delete"), this);
    delete_->setToolTip(tr("Delete the chosen profile and its saved password"));
    auto* profileLabel = new QLabel(tr("Profile"), this);
    profileLabel->setBuddy(profiles_);
    auto* profileRow = new QHBoxLayout;
    profileRow->addWidget(profiles_, 1);
    profileRow->addWidget(save_);
    profileRow->addWidget(delete_);

    name_ = new QLineEdit(this);
    name_->setPlaceholderText(tr("e.g. orders-db (also the pool's name)"));
    kind_ = new QComboBox(this);
    for (Kind k : kKinds) kind_->addItem(ConnectionProfile::kindLabel(k), static_cast<int>(k));

    // Server page (PostgreSQL, MySQL).
    auto* server = new QWidget(this);
    auto* sf = new QFormLayout(server);
    sf->setContentsMargins(0, 0, 0, 0);
    host_ = new QLineEdit(QStringLiteral("localhost"), server);
    port_ = new QSpinBox(server);
    port_->setRange(0, 65535);
    port_->setSpecialValueText(tr("default"));
    database_ = new QLineEdit(server);
    user_ = new QLineEdit(server);
    password_ = new QLineEdit(server);
    password_->setEchoMode(QLineEdit::Password);
    remember_ = new QCheckBox(tr("Remember the password in the system keychain"), server);
    remember_->setChecked(true);
    options_ = new QLineEdit(server);
    options_->setPlaceholderText(QStringLiteral("sslmode=require&connect_timeout=5"));
    sf->addRow(tr("Host"), host_);
    sf->addRow(tr("Port"), port_);
    sf->addRow(tr("Database"), database_);
    sf->addRow(tr("User"), user_);
    sf->addRow(tr("Password"), password_);
    sf->addRow(QString(), remember_);
    sf->addRow(tr("Options"), options_);

    // SQLite page.
    auto* sqlite = new QWidget(this);
    auto* qf = new QFormLayout(sqlite);
    qf->setContentsMargins(0, 0, 0, 0);
    file_ = new QLineEdit(sqlite);
    auto* browse = new QPushButton(tr("Browse…"), sqlite);
    browse->setAccessibleName(tr("Choose the SQLite database file"));
    auto* fileLabel = new QLabel(tr("File"), sqlite);
    fileLabel->setBuddy(file_);
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(file_, 1);
    fileRow->addWidget(browse);
    sqliteOptions_ = new QLineEdit(sqlite);
    sqliteOptions_->setPlaceholderText(QStringLiteral("busy_timeout_ms=5000"));
    qf->addRow(fileLabel, fileRow);
    qf->addRow(tr("Options"), sqliteOptions_);

    // Simulated server page.
    auto* sim = new QWidget(this);
    auto* mf = new QFormLayout(sim);
    mf->setContentsMargins(0, 0, 0, 0);
    simOptions_ = new QLineEdit(sim);
    simOptions_->setPlaceholderText(QStringLiteral("query_ms=2&restart_every_s=10"));
    mf->addRow(tr("Options"), simOptions_);
    mf->addRow(QString(), note(tr("connect_ms, query_ms, jitter_ms, fail_pct, max_server_conns, "
                                  "restart_every_s (a restart silently breaks every open "
                                  "connection)."),
                               sim));

    pages_ = new QStackedWidget(this);
    pages_->addWidget(server);
    pages_->addWidget(sqlite);
    pages_->addWidget(sim);

    urlLabel_ = note({}, this);
    keychain_ = note({}, this);
    test_ = new QPushButton(tr("Test connection"), this);
    testResult_ = note({}, this);
    auto* testRow = new QHBoxLayout;
    testRow->addWidget(test_, 0, Qt::AlignTop);
    testRow->addWidget(testResult_, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    connect_ = buttons->addButton(tr("Connect"), QDialogButtonBox::AcceptRole);
    connect_->setDefault(true);

    auto* form = new QFormLayout;
    form->addRow(profileLabel, profileRow);
    form->addRow(tr("Name"), name_);
    form->addRow(tr("Database kind"), kind_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(pages_);
    layout->addWidget(urlLabel_);
    layout->addWidget(keychain_);
    layout->addLayout(testRow);
    layout->addStretch(1);
    layout->addWidget(buttons);
    resize(560, sizeHint().height());

    connect(profiles_, &QComboBox::currentIndexChanged, this, &ConnectDialog::loadProfile);
    connect(kind_, &QComboBox::currentIndexChanged, this, &ConnectDialog::kindChanged);
    connect(save_, &QPushButton::clicked, this, &ConnectDialog::saveProfile);
    connect(delete_, &QPushButton::clicked, this, &ConnectDialog::deleteProfile);
    connect(test_, &QPushButton::clicked, this, &ConnectDialog::testConnection);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(
            this, tr("SQLite database file"), file_->text(), tr("SQLite databases (*.db *.sqlite);;All files (*)"),
            nullptr, QFileDialog::DontConfirmOverwrite);
        if (!f.isEmpty()) file_->setText(f);
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit* e : {name_, host_, database_, user_, password_, options_, file_, sqliteOptions_, simOptions_})
        connect(e, &QLineEdit::textChanged, this, &ConnectDialog::updateUrl);
    connect(port_, &QSpinBox::valueChanged, this, &ConnectDialog::updateUrl);
}

ConnectionProfile ConnectDialog::profile() const {
    ConnectionProfile p;
    p.name = name_->text().trimmed();
    p.kind = static_cast<Kind>(kind_->currentData().toInt());
    p.host = host_->text().trimmed();
    p.port = port_->value();
    p.database = database_->text().trimmed();
    p.user = user_->text().trimmed();
    p.options = p.kind == Kind::SQLite ? sqliteOptions_->text().trimmed() : options_->text().trimmed();
    p.file = file_->text().trimmed();
    p.simOptions = simOptions_->text().trimmed();
    p.rememberPassword = remember_->isChecked();
    return p;
}

void ConnectDialog::setProfile(const ConnectionProfile& p) {
    name_->setText(p.name);
    kind_->setCurrentIndex(kind_->findData(static_cast<int>(p.kind)));
    host_->setText(p.host);
    port_->setValue(p.port);
    database_->setText(p.database);
    user_->setText(p.user);
    options_->setText(p.kind == Kind::SQLite ? QString() : p.options);
    sqliteOptions_->setText(p.kind == Kind::SQLite ? p.options : QString());
    file_->setText(p.file);
    simOptions_->setText(p.simOptions);
    remember_->setChecked(p.rememberPassword);
    password_->clear();
    if (p.usesPassword() && p.rememberPassword && !p.name.isEmpty()) {
        pendingKey_ = p.keychainKey();
        keychain_->setText(tr("Looking for the password in the system keychain…"));
        vault_.read(pendingKey_);
    } else {
        showKeychainState();
    }
    kindChanged();
}

void ConnectDialog::loadProfile(int index) {
    if (index <= 0) return;
    if (auto p = store_->load(profiles_->itemText(index))) setProfile(*p);
}

void ConnectDialog::kindChanged() {
    const auto k = static_cast<Kind>(kind_->currentData().toInt());
    pages_->setCurrentIndex(k == Kind::SQLite ? 1 : k == Kind::Simulated ? 2 : 0);
    port_->setSpecialValueText(tr("default (%1)").arg(ConnectionProfile::defaultPort(k)));
    updateUrl();
}

QString ConnectDialog::url() const { return profile().url(password_->text()); }
QString ConnectDialog::displayUrl() const { return profile().displayUrl(password_->text()); }
QString ConnectDialog::password() const { return password_->text(); }
void ConnectDialog::setPassword(const QString& password) { password_->setText(password); }
QString ConnectDialog::keychainText() const { return keychain_->text(); }
QString ConnectDialog::testResultText() const { return testResult_->text(); }

QString ConnectDialog::poolName() const {
    const QString n = name_->text().trimmed();
    return n.isEmpty() ? ConnectionProfile::scheme(profile().kind) : n;
}

void ConnectDialog::updateUrl() {
    urlLabel_->setText(tr("URL: %1").arg(displayUrl()));
    const bool hasTarget = profile().kind != Kind::SQLite || !file_->text().trimmed().isEmpty();
    connect_->setEnabled(hasTarget);
    test_->setEnabled(hasTarget && !tester_->busy());
    save_->setEnabled(!name_->text().trimmed().isEmpty());
}

void ConnectDialog::showKeychainState() {
    if (vault_.available()) {
        keychain_->setText(profile().usesPassword()
                               ? tr("Passwords are kept in the system keychain only, never in "
                                    "PoolScope's settings file.")
                               : QString());
        return;
    }
    remember_->setChecked(false);
    remember_->setEnabled(false);
    keychain_->setText(tr("The system keychain is not available (%1). Passwords are not stored: "
                          "PoolScope asks for them when it connects.")
                           .arg(vault_.unavailableReason()));
}

void ConnectDialog::testConnection() {
    test_->setEnabled(false);
    test_->setText(tr("Testing…"));
    testResult_->setText(tr("Connecting to %1…").arg(displayUrl()));
    tester_->test(url());
}

void ConnectDialog::showTestResult(bool ok, const QString& message) {
    test_->setText(tr("Test connection"));
    updateUrl();
    testResult_->setText(ok ? message : tr("Failed: %1").arg(message));
    QPalette p = testResult_->palette();
    p.setColor(QPalette::WindowText, ok ? QColor(0x2e, 0x8b, 0x3e) : QColor(0xd6, 0x27, 0x28));
    testResult_->setPalette(p);
}

void ConnectDialog::saveProfile() {
    const ConnectionProfile p = profile();
    if (p.name.isEmpty()) return;
    store_->save(p);
    if (profiles_->findText(p.name) < 0) {
        QSignalBlocker block(profiles_);
        profiles_->addItem(p.name);
        profiles_->setCurrentIndex(profiles_->count() - 1);
    }
    if (!p.usesPassword()) {
        keychain_->setText(tr("Profile saved."));
    } else if (!p.rememberPassword || password_->text().isEmpty()) {
        vault_.remove(p.keychainKey());
        keychain_->setText(tr("Profile saved without a password: PoolScope asks for it when it connects."));
    } else if (vault_.available()) {
        writeKey_ = p.keychainKey();
        vault_.write(writeKey_, password_->text());
    } else {
        showKeychainState();
    }
}

void ConnectDialog::accept() {
    const ConnectionProfile p = profile();
    if (p.usesPassword() && !p.user.isEmpty() && password_->text().isEmpty() && !askedForPassword_) {
        // Ask once; a second Connect goes ahead without one (trust or peer login).
        askedForPassword_ = true;
        keychain_->setText(
            vault_.available()
                ? tr("Enter the password of %1, or press Connect again to connect without one.").arg(p.user)
                : tr("Enter the password of %1 (it is not stored: the system keychain is not "
                     "available: %2), or press Connect again to connect without one.")
                      .arg(p.user, vault_.unavailableReason()));
        password_->setFocus();
        return;
    }
    QDialog::accept();
}

void ConnectDialog::deleteProfile() {
    const int index = profiles_->currentIndex();
    if (index <= 0) return;
    const QString name = profiles_->itemText(index);
    store_->remove(name);
    ConnectionProfile p;
    p.name = name;
    if (vault_.available()) vault_.remove(p.keychainKey());
    profiles_->removeItem(index);
    keychain_->setText(tr("Profile '%1' deleted.").arg(name));
}

}  // namespace poolscope
