#include "app/ui/PasswordVault.h"

#include <QTimer>

#ifdef POOLSCOPE_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace poolscope {

namespace {
#ifdef POOLSCOPE_HAVE_KEYCHAIN
const QString kService = QStringLiteral("PoolScope");

/// Errors that mean "there is no keychain to use here", not "this entry".
bool isServiceError(QKeychain::Error e) {
    return e == QKeychain::NoBackendAvailable || e == QKeychain::NotImplemented ||
           e == QKeychain::OtherError || e == QKeychain::AccessDeniedByUser ||
           e == QKeychain::AccessDenied;
}
#endif
}  // namespace

PasswordVault::PasswordVault(QObject* parent) : QObject(parent) {
    if (!compiledIn()) {
        available_ = false;
        reason_ = tr("PoolScope was built without QtKeychain");
    }
}

bool PasswordVault::compiledIn() {
#ifdef POOLSCOPE_HAVE_KEYCHAIN
    return true;
#else
    return false;
#endif
}

void PasswordVault::markUnavailable(const QString& reason) {
    const bool changed = available_;
    available_ = false;
    reason_ = reason.isEmpty() || reason == QLatin1String("Unknown error")
                  ? tr("no keychain service (Secret Service, KWallet) answered")
                  : tr("no keychain service answered: %1").arg(reason);
    if (changed) emit unavailable(reason_);
}

void PasswordVault::read(const QString& key) {
#ifdef POOLSCOPE_HAVE_KEYCHAIN
    if (available_) {
        auto* job = new QKeychain::ReadPasswordJob(kService, this);
        job->setAutoDelete(true);
        job->setInsecureFallback(false);  // never a plain-text copy in a settings file
        job->setKey(key);
        connect(job, &QKeychain::Job::finished, this, [this, job, key] {
            if (job->error() == QKeychain::NoError) {
                emit passwordRead(key, true, job->textData(), {});
            } else if (job->error() == QKeychain::EntryNotFound) {
                emit passwordRead(key, false, {}, {});
            } else {
                emit passwordRead(key, false, {}, failure(isServiceError(job->error()), job->errorString()));
            }
        });
        job->start();
        return;
    }
#endif
    QTimer::singleShot(0, this, [this, key] { emit passwordRead(key, false, {}, reason_); });
}

void PasswordVault::write(const QString& key, const QString& password) {
#ifdef POOLSCOPE_HAVE_KEYCHAIN
    if (available_) {
        auto* job = new QKeychain::WritePasswordJob(kService, this);
        job->setTextData(password);
        startWrite(job, key, false);
        return;
    }
#endif
    Q_UNUSED(password);
    QTimer::singleShot(0, this, [this, key] { emit passwordWritten(key, false, reason_); });
}

void PasswordVault::remove(const QString& key) {
#ifdef POOLSCOPE_HAVE_KEYCHAIN
    if (available_) {
        startWrite(new QKeychain::DeletePasswordJob(kService, this), key, true);
        return;
    }
#endif
    QTimer::singleShot(0, this, [this, key] { emit passwordWritten(key, false, reason_); });
}

QString PasswordVault::failure(bool serviceError, const QString& message) {
    if (!serviceError) return message;
    markUnavailable(message);
    return reason_;
}

void PasswordVault::startWrite([[maybe_unused]] QKeychain::Job* job, [[maybe_unused]] const QString& key,
                               [[maybe_unused]] bool missingIsOk) {
#ifdef POOLSCOPE_HAVE_KEYCHAIN
    job->setAutoDelete(true);
    job->setInsecureFallback(false);  // never a plain-text copy in a settings file
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [this, job, key, missingIsOk] {
        const bool ok = job->error() == QKeychain::NoError || (missingIsOk && job->error() == QKeychain::EntryNotFound);
        emit passwordWritten(key, ok, ok ? QString() : failure(isServiceError(job->error()), job->errorString()));
    });
    job->start();
#endif
}

}  // namespace poolscope
