#pragma once
// Reads a snapshot line (core/telemetry/SnapshotJson.h) back into a
// PoolSnapshot: the inverse of snapshotToJsonLine, so a replayed recording
// feeds every view the same values the live session had.

#include <string_view>

#include "core/telemetry/Snapshot.h"
#include "core/util/Result.h"

namespace poolscope {

class SnapshotLineParser {
public:
    /// Parses one line. snapshotToJsonLine(parse(line)) == line for every line
    /// this build prints. Members it does not know ("health", "alerts", fields
    /// added later) are ignored; members it knows but that are missing keep
    /// their defaults. The error names the member and what was wrong
    /// ("totals.acquired: expected an unsigned integer, got a string").
    /// config.name is set to the pool name (the line's config has no name).
    /// A member that is null was not reported by the line's source: its figure
    /// leaves `reported` and the field keeps its default; "wait_derivation"
    /// sets wait.derivation (Exact when absent). So parse(snapshotToJsonLine(s))
    /// gives back s.reported and s.wait.derivation.
    static Result<PoolSnapshot> parse(std::string_view line);
};

}  // namespace poolscope
