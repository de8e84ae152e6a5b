#include "core/health/RuleId.h"

#include <initializer_list>

namespace poolscope {

namespace {

constexpr FigureSet needs(std::initializer_list<Figure> figures) {
    FigureSet set = FigureSet::none();
    for (Figure f : figures) set.set(f);
    return set;
}

using F = Figure;

// Inputs: what the value is computed from. Words of the message that a
// source may lack (acquire_timeout_ms, in_use in the wait message) are left
// out of the message when unreported instead of turning the rule off.
constexpr std::array<RuleInfo, kRuleCount> kRules = {{
    {RuleId::WaitP99, "wait_p99", false, false, "ms", needs({F::WaitPercentiles})},
    {RuleId::Utilisation, "utilisation", false, false, "%", needs({F::InUse, F::MaxOpen})},
    {RuleId::Exhausted, "exhausted", false, false, "requests waiting",
     needs({F::Open, F::Idle, F::Waiting, F::MaxOpen})},
    {RuleId::Timeouts, "timeouts", true, true, "timeouts in window", needs({F::Timeouts})},
    {RuleId::IdleBelowMin, "idle_below_min", false, false, "connections missing",
     needs({F::Open, F::Idle, F::MinIdle, F::MaxOpen})},
    {RuleId::Leak, "leak", true, true, "leaked connections", needs({F::Leaks, F::Connections})},
    {RuleId::StaleConnections, "stale_connections", true, true, "closes in window",
     needs({F::ValidationFailures, F::ClosedBroken})},
    {RuleId::ConnectErrors, "connect_errors", true, true, "errors in window", needs({F::ConnectErrors})},
    {RuleId::IllegalTransitions, "illegal_transitions", true, true, "transitions in window",
     needs({F::IllegalTransitions})},
    {RuleId::EventsDropped, "events_dropped", true, true, "events in window", needs({F::EventsDropped})},
    {RuleId::Unbounded, "unbounded", false, true, "peak open connections", needs({F::Open, F::MaxOpen})},
    // The pool's own findings need nothing; the server lint needs max_open
    // and is skipped without it (HealthEngine).
    {RuleId::ConfigLint, "config_lint", false, false, "finding", needs({})},
    // Read from the server view's "server" pool and the other pools the engine
    // knows on that server (HealthEngine), never from one pool alone.
    {RuleId::ServerVsPool, "server_vs_pool", false, false, "% of the pools' max_open", needs({F::Open, F::MaxOpen})},
}};

constexpr bool tableInOrder() {
    for (size_t i = 0; i < kRules.size(); ++i)
        if (static_cast<size_t>(kRules[i].id) != i) return false;
    return true;
}
static_assert(tableInOrder(), "kRules must list the rules in RuleId order");

}  // namespace

const std::array<RuleInfo, kRuleCount>& ruleTable() { return kRules; }

const RuleInfo& ruleInfo(RuleId id) { return kRules[static_cast<size_t>(id)]; }

std::vector<Figure> missingInputs(RuleId id, FigureSet reported) {
    std::vector<Figure> missing;
    const FigureSet inputs = ruleInfo(id).inputs;
    for (int i = 0; i < kFigureCount; ++i) {
        const auto f = static_cast<Figure>(i);
        if (inputs.has(f) && !reported.has(f)) missing.push_back(f);
    }
    return missing;
}

std::string_view toString(RuleId id) { return ruleInfo(id).name; }

std::optional<RuleId> parseRuleId(std::string_view name) {
    for (const auto& r : kRules)
        if (r.name == name) return r.id;
    return std::nullopt;
}

}  // namespace poolscope
