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
    /// Where it lives, when its source says (SnapshotSource::placeOf): the
    /// service (Prometheus job), instance, format read and database server.
    QString service, instance, format, server;
    QString driver;       ///< "sqlite", "sim", ... from the latest snapshot
    Status status = Status::Connecting;
    QString error;        ///< why it failed (Failed), or why it is stale
    bool stale = false;   ///< the source lost its data; the last good data stays shown
    qint64 staleSinceMs = 0;  ///< wall ms of the newest data, when stale
    Source::Controls controls;
    QString controlsNote;  ///< why controls are missing (Source::controlsNote)
    Lifecycle lifecycle = Lifecycle::Initial;
    PoolCounts counts;
    int64_t maxOpen = 0;
    uint64_t eventsDropped = 0;
    FigureSet reported;  ///< which of the figures above the latest snapshot reported
    WorkloadSummary workload;
};

}  // namespace poolscope
