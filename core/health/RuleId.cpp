#include "core/health/RuleId.h"

namespace poolscope {

namespace {

constexpr std::array<RuleInfo, kRuleCount> kRules = {{
    {RuleId::WaitP99, "wait_p99", false, false, "ms"},
    {RuleId::Utilisation, "utilisation", false, false, "%"},
    {RuleId::Exhausted, "exhausted", false, false, "requests waiting"},
    {RuleId::Timeouts, "timeouts", true, true, "timeouts in window"},
    {RuleId::IdleBelowMin, "idle_below_min", false, false, "connections missing"},
    {RuleId::Leak, "leak", true, true, "leaked connections"},
    {RuleId::StaleConnections, "stale_connections", true, true, "closes in window"},
    {RuleId::ConnectErrors, "connect_errors", true, true, "errors in window"},
    {RuleId::IllegalTransitions, "illegal_transitions", true, true, "transitions in window"},
    {RuleId::EventsDropped, "events_dropped", true, true, "events in window"},
    {RuleId::Unbounded, "unbounded", false, true, "peak open connections"},
    {RuleId::ConfigLint, "config_lint", false, false, "finding"},
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

std::string_view toString(RuleId id) { return ruleInfo(id).name; }

std::optional<RuleId> parseRuleId(std::string_view name) {
    for (const auto& r : kRules)
        if (r.name == name) return r.id;
    return std::nullopt;
}

}  // namespace poolscope
