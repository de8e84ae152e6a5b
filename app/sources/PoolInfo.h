#pragma once
// What the application knows about one pool besides its time series.

#include <QString>

#include "app/sources/Source.h"
#include "core/telemetry/Snapshot.h"

namespace poolscope {

/// One pool of the session, as the pool list and the status bar show it.
struct PoolInfo {
    enum class Status { Connecting, Running, Failed, Stopped };
    QString pool;         ///< unique name in this session (Timeline key)
    QString description;  ///< the source's description (no password)
    QString driver;       ///< "sqlite", "sim", ... from the latest snapshot
    Status status = Status::Connecting;
    QString error;        ///< why it failed, when status == Failed
    Source::Controls controls;
    Lifecycle lifecycle = Lifecycle::Initial;
    PoolCounts counts;
    int64_t maxOpen = 0;
    uint64_t eventsDropped = 0;
    WorkloadSummary workload;
};

}  // namespace poolscope
