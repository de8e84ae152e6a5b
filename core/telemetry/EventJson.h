#pragma once
// A batch of TransitionEvents as one JSON line: what the exporter's event
// stream (GET /api/v1/pools/NAME/events) sends in each `data:` field, and what
// a remote client parses back. A public contract: members may be added, none
// renamed or reordered.
//
//   {"kind":"events","pool":"orders","columns":["seq","t_ms","mono_ns","conn",
//    "from","to","reason","illegal"],"events":[[41,1700000000123,998877,3,
//    "IDLE","ALLOCATING","acquire",false],...]}
//
// Each event is an array in `columns` order (compact: the stream carries
// hundreds of thousands of events per second). States are ConnState names
// ("IN_USE"), reasons toString(Reason) ("acquire", "connect failed").

#include <string>
#include <string_view>
#include <vector>

#include "core/telemetry/TransitionEvent.h"
#include "core/util/Result.h"

namespace poolscope {

/// A decoded batch.
struct EventBatch {
    std::string pool;
    std::vector<TransitionEvent> events;
    bool operator==(const EventBatch&) const = default;
};

/// The batch as one JSON line without a trailing newline (never contains a
/// raw newline). Events are written in the order given.
std::string eventsToJsonLine(std::string_view pool, const std::vector<TransitionEvent>& events);

/// eventsToJsonLine(pool, events) appended to `out` (no copy of the line).
void appendEventsJsonLine(std::string& out, std::string_view pool, const std::vector<TransitionEvent>& events);

/// Parses a line made by eventsToJsonLine. Strict: every member must be
/// present with its type, `columns` must be exactly the documented list, each
/// event exactly 8 values; unknown members are ignored (members may be added).
/// The error names the member or event, e.g. `events[3][4] ("from"): unknown
/// state "BUSY"` or `member "pool": expected a string, got a number`.
Result<EventBatch> eventsFromJsonLine(std::string_view line);

}  // namespace poolscope
