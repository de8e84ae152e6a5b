#include "app/sources/RemoteSource.h"

#include <QUrl>

#include "core/drivers/Url.h"
#include "core/session/AttachSession.h"

namespace poolscope {

namespace {

constexpr int kPollMs = 100;

std::unique_ptr<SnapshotSource> sessionFor(const AttachSpec& spec) {
    RemoteSpec s;
    s.http.url = spec.url.toStdString();
    s.http.token = spec.token.toStdString();
    s.http.caFile = spec.caFile.toStdString();
    s.intervalMs = spec.intervalMs;
    return openAttach(s);
}

}  // namespace

RemoteSource::RemoteSource(const AttachSpec& spec, QObject* parent)
    : SessionSource(sessionFor(spec), kPollMs,
                    tr("attached %1").arg(QString::fromStdString(maskPassword(spec.url.toStdString()))),
                    /*namesItsPools=*/true, parent) {}

QString RemoteSource::placeholderName(const QString& url) {
    const QUrl u(url);
    if (!u.isValid() || u.host().isEmpty()) return QStringLiteral("remote");
    return u.port() > 0 ? QStringLiteral("%1:%2").arg(u.host()).arg(u.port()) : u.host();
}

}  // namespace poolscope
