#pragma once
// The snapshot line replayed for a recorded snapshot whose own line was
// damaged: the same members as the snapshot line (core/telemetry/SnapshotJson.h)
// in the same order, with "degraded":true after "schema", and null for every
// figure the snapshot does not report (a degraded snapshot holds only the
// figures stored beside its line). Nothing unknown is ever written as 0.

#include <string>

#include "core/telemetry/Snapshot.h"

namespace poolscope {

class DegradedSnapshotLine {
public:
    /// One JSON line without its newline. Figures outside `s.reported` are
    /// null ("transitions" as a whole); "connections", "leak_reports", "lint"
    /// and "last_connect_error" are always null: a degraded snapshot never
    /// holds them, and their absence must not read as "none".
    static std::string write(const PoolSnapshot& s);
};

}  // namespace poolscope
