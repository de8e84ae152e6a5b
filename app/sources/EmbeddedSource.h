#pragma once
// A Pool and a Workload in this process (core/session/EmbeddedSession), run by
// the Qt adapter and polled 10 times a second.

#include <QString>

#include "app/sources/SessionSource.h"
#include "core/pool/PoolConfig.h"
#include "core/workload/WorkloadConfig.h"

namespace poolscope {

/// What an embedded source runs.
struct EmbeddedSpec {
    QString url;                 ///< database URL (may hold a password; never shown)
    PoolConfig pool;             ///< pool settings; pool.name names the pool
    WorkloadConfig workload;     ///< the load generator's settings
    bool runWorkload = true;     ///< start the workload with the pool
    int intervalMs = 100;        ///< time between two snapshots
    qint64 probeTimeoutMs = 10'000;  ///< the first connection's deadline, at most
};

/// Embedded source: an EmbeddedSession on a worker thread (see Source).
class EmbeddedSource final : public SessionSource {
    Q_OBJECT
public:
    explicit EmbeddedSource(const EmbeddedSpec& spec, QObject* parent = nullptr);
};

}  // namespace poolscope
