#pragma once
// The two state machines of the pool, each written once as a table:
// a connection's state (IDLE, ALLOCATING, IN_USE, RETURNING, DESTROYED) and a
// pool's lifecycle (INITIAL, STARTED, SUSPENDED, TERMINATED). Views (the
// dashboard's state-machine viewer) draw these tables, never copies of them.

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace poolscope {

/// State of one pooled connection. Destroyed is also the state of a free slot:
/// a new connection is born by the edge Destroyed → Allocating (its connect
/// runs in Allocating), so creations show in the table's counters and events.
enum class ConnState : uint8_t { Idle, Allocating, InUse, Returning, Destroyed };
inline constexpr int kConnStateCount = 5;

/// One legal edge of the connection state machine.
struct ConnEdge {
    ConnState from;
    ConnState to;
};

/// The connection transition table: every legal edge, in a fixed order. The
/// index of an edge in this array is its id in per-edge counters; new edges
/// go at the end, so the ids of older ones (in recordings) stay.
inline constexpr std::array<ConnEdge, 10> kConnEdges{{
    {ConnState::Idle, ConnState::Allocating},       // taken from the idle set
    {ConnState::Idle, ConnState::Destroyed},        // closed while idle
    {ConnState::Allocating, ConnState::InUse},      // handed to the caller
    {ConnState::Allocating, ConnState::Destroyed},  // connect or validation failed
    {ConnState::InUse, ConnState::Returning},       // released by the caller
    {ConnState::InUse, ConnState::Destroyed},       // broken while in use
    {ConnState::Returning, ConnState::Idle},        // back to the idle set
    {ConnState::Returning, ConnState::Allocating},  // handed straight to a waiter
    {ConnState::Returning, ConnState::Destroyed},   // retired on release
    {ConnState::Destroyed, ConnState::Allocating},  // born: a new connection opens in a free slot
}};
inline constexpr int kConnEdgeCount = static_cast<int>(kConnEdges.size());

/// kConnEdges inverted: [from][to] → edge index, -1 for an illegal edge.
/// Derived from the table at compile time, so the table stays the one source;
/// it makes the per-transition lookup one load instead of a search.
inline constexpr auto kConnEdgeIndex = [] {
    std::array<std::array<int8_t, kConnStateCount>, kConnStateCount> index{};
    for (auto& row : index) row.fill(-1);
    for (int i = 0; i < kConnEdgeCount; ++i)
        index[static_cast<size_t>(kConnEdges[static_cast<size_t>(i)].from)]
             [static_cast<size_t>(kConnEdges[static_cast<size_t>(i)].to)] = static_cast<int8_t>(i);
    return index;
}();

/// Index of from→to in kConnEdges, or -1 when the edge is illegal.
constexpr int connEdgeIndex(ConnState from, ConnState to) {
    const auto f = static_cast<size_t>(from), t = static_cast<size_t>(to);
    if (f >= kConnStateCount || t >= kConnStateCount) return -1;
    return kConnEdgeIndex[f][t];
}
constexpr bool isLegal(ConnState from, ConnState to) { return connEdgeIndex(from, to) >= 0; }
/// True for the birth edge (out of Destroyed, the free slot): it starts a new
/// connection rather than moving one, so views draw it apart from the cycle.
constexpr bool isBirth(const ConnEdge& e) { return e.from == ConnState::Destroyed; }

/// "IDLE", "ALLOCATING", "IN_USE", "RETURNING", "DESTROYED".
std::string_view toString(ConnState s);
/// Inverse of toString(ConnState); nullopt for an unknown name.
std::optional<ConnState> connStateFromString(std::string_view s);

/// Lifecycle of a whole pool.
enum class Lifecycle : uint8_t { Initial, Started, Suspended, Terminated };
inline constexpr int kLifecycleCount = 4;

struct LifecycleEdge {
    Lifecycle from;
    Lifecycle to;
};

/// The pool lifecycle table.
inline constexpr std::array<LifecycleEdge, 5> kLifecycleEdges{{
    {Lifecycle::Initial, Lifecycle::Started},
    {Lifecycle::Started, Lifecycle::Suspended},
    {Lifecycle::Suspended, Lifecycle::Started},
    {Lifecycle::Started, Lifecycle::Terminated},
    {Lifecycle::Suspended, Lifecycle::Terminated},
}};

constexpr bool isLegal(Lifecycle from, Lifecycle to) {
    for (const auto& e : kLifecycleEdges)
        if (e.from == from && e.to == to) return true;
    return false;
}

/// "INITIAL", "STARTED", "SUSPENDED", "TERMINATED".
std::string_view toString(Lifecycle s);
std::optional<Lifecycle> lifecycleFromString(std::string_view s);

/// Why a connection changed state; carried by every TransitionEvent.
enum class Reason : uint8_t {
    Connect,           ///< born: a new physical connection is being opened
    Acquire,           ///< idle connection taken by a caller
    Handoff,           ///< returned connection given straight to the oldest waiter
    Granted,           ///< allocation finished, caller holds it
    Release,           ///< caller released it
    Recycle,           ///< released connection put back in the idle set
    ConnectFailed,     ///< the driver could not open it
    ValidationFailed,  ///< validation on borrow or keepalive failed
    Broken,            ///< the driver reported a fatal error during use
    MaxLifetime,       ///< older than max_lifetime
    MaxIdleTime,       ///< idle longer than max_idle_time
    MaxIdle,           ///< more idle connections than max_idle
    Keepalive,         ///< borrowed by the housekeeper to validate it
    Refill,            ///< opened by the housekeeper to keep min_idle
    Evicted,           ///< closed on request (evict idle)
    PoolClosed,        ///< the pool is terminated
    IllegalAttempt,    ///< a refused illegal transition (event only, not applied)
};
std::string_view toString(Reason r);

}  // namespace poolscope
