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
    static Result<PoolSnapshot> parse(std::string_view line);
};

}  // namespace poolscope
