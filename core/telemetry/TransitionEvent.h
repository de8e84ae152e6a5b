#pragma once

#include <cstdint>

#include "core/pool/ConnState.h"

namespace poolscope {

/// One connection moving from one state to another. Events are a view: they go
/// through a bounded ring and may be dropped; the counters in a PoolSnapshot
/// never are.
struct TransitionEvent {
    uint64_t seq = 0;     ///< per pool, increasing in delivery order, no gaps except drops
    int64_t tMs = 0;      ///< wall-clock time, ms since the Unix epoch
    int64_t monoNs = 0;   ///< monotonic time of the change (orders events)
    uint64_t conn = 0;    ///< connection id
    ConnState from = ConnState::Idle;
    ConnState to = ConnState::Idle;
    Reason reason = Reason::Acquire;
    bool illegal = false;  ///< refused: the edge is not in the table, nothing changed

    bool operator==(const TransitionEvent&) const = default;
};

}  // namespace poolscope
