#pragma once
// The health rules: one table naming each rule, what it measures, whether it
// counts increases of a cumulative total (a "rising" rule) and whether it
// looks back over window_ms.

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/telemetry/Snapshot.h"

namespace poolscope {

enum class RuleId : uint8_t {
    WaitP99,             ///< acquire wait P99 over the snapshot's window, ms
    Utilisation,         ///< in_use / max_open, percent (pools with max_open > 0)
    Exhausted,           ///< requests waiting while every connection is busy
    Timeouts,            ///< acquire timeouts, increase over window_ms
    IdleBelowMin,        ///< min_idle - idle while the pool has room to open more
    Leak,                ///< connections held past leak_threshold_ms, or leak reports over window_ms
    StaleConnections,    ///< validation failures + broken closes, increase over window_ms
    ConnectErrors,       ///< failed connects, increase over window_ms
    IllegalTransitions,  ///< refused state changes, increase over window_ms
    EventsDropped,       ///< transition events lost by the ring, increase over window_ms
    Unbounded,           ///< peak open connections over window_ms of a pool with max_open=0
    ConfigLint,          ///< config and server-limit lint findings of level warning or error
    /// A server's client sessions (server view) as a percentage of the
    /// max_open sum of the pools on that server: more sessions than the pools
    /// allow means pools per request, more processes than planned, or another client.
    ServerVsPool,
};

inline constexpr size_t kRuleCount = 13;

/// One rule's fixed facts.
struct RuleInfo {
    RuleId id;
    std::string_view name;  ///< stable name in alerts and the thresholds file
    bool counting;          ///< counts increases of a cumulative total (fires at once by default)
    bool windowed;          ///< its value looks back over window_ms
    std::string_view unit;  ///< unit of the value and thresholds, for docs and the GUI
    /// The figures the rule reads. A pool whose source does not report all of
    /// them has the rule off (HealthEngine lists it in PoolHealth::rulesOff);
    /// it is never evaluated on the zeros that stand in for unknown figures.
    FigureSet inputs = FigureSet::none();
};

/// Every rule, in RuleId order.
const std::array<RuleInfo, kRuleCount>& ruleTable();
/// The rule's facts. Precondition: a valid RuleId.
const RuleInfo& ruleInfo(RuleId id);
/// The inputs of `id` that `reported` lacks, in Figure order; empty when the
/// rule can be evaluated.
std::vector<Figure> missingInputs(RuleId id, FigureSet reported);
/// ruleInfo(id).name.
std::string_view toString(RuleId id);
/// The rule with this name; nullopt when none.
std::optional<RuleId> parseRuleId(std::string_view name);

}  // namespace poolscope
