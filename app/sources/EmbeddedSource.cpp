#include "app/sources/EmbeddedSource.h"

#include "core/drivers/Url.h"
#include "core/session/EmbeddedSession.h"

namespace poolscope {

namespace {

std::unique_ptr<SnapshotSource> sessionFor(const EmbeddedSpec& spec) {
    EmbeddedSessionSpec s;
    s.url = spec.url.toStdString();
    s.pool = spec.pool;
    s.workload = spec.workload;
    s.runWorkload = spec.runWorkload;
    s.probeTimeoutMs = spec.probeTimeoutMs;
    return std::make_unique<EmbeddedSession>(std::move(s));
}

}  // namespace

EmbeddedSource::EmbeddedSource(const EmbeddedSpec& spec, QObject* parent)
    : SessionSource(sessionFor(spec), spec.intervalMs,
                    tr("embedded %1").arg(QString::fromStdString(maskPassword(spec.url.toStdString()))),
                    /*namesItsPools=*/false, parent) {}

}  // namespace poolscope
