#pragma once
// Presets that reproduce the classic pool incidents (README): the settings of
// the pool and of the workload each one needs.

#include <QCoreApplication>
#include <QList>
#include <QString>

#include "core/pool/PoolConfig.h"
#include "core/workload/WorkloadConfig.h"

namespace poolscope {

/// One incident preset.
struct WorkloadPreset {
    QString id;           ///< stable: "unbounded", "leak", "restart", "wait_storm"
    QString title;        ///< menu text (translated)
    QString description;  ///< what the user will see happen (translated)
    WorkloadConfig workload;
    /// Changes the preset makes to a pool's settings (the rest is kept).
    PoolConfig (*adjustPool)(PoolConfig config) = nullptr;
    /// Needs database restarts: on a simulated source the server is restarted
    /// now; elsewhere a new simulated pool at simUrl is opened.
    bool needsRestarts = false;
    QString simUrl;  ///< the database a new pool uses when the current one cannot show this

    /// The pool settings the preset wants, starting from `current`.
    PoolConfig poolFor(const PoolConfig& current) const {
        return adjustPool ? adjustPool(current) : current;
    }
};

/// The four presets, in menu order.
class WorkloadPresets {
    Q_DECLARE_TR_FUNCTIONS(poolscope::WorkloadPresets)
public:
    static QList<WorkloadPreset> all();
    /// The preset with `id`; nullptr-like empty id when unknown.
    static WorkloadPreset byId(const QString& id);
};

}  // namespace poolscope
