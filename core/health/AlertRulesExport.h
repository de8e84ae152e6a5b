#pragma once
// PoolScope's health rules as Prometheus alerting rules (issue 11 §3): the
// same thresholds, for_ms and grades, written as a Prometheus rule file so a
// team's own Prometheus raises what PoolScope would. One group per format;
// each format is a table of which PromQL selector gives which input
// (AlertRulesExport.cpp), the metric names of resources/mappings/*.json.
//
//   auto formats = AlertRulesExport::parseFormats("all");
//   std::string yaml = AlertRulesExport::write(Thresholds::defaults(), *formats);

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/health/Thresholds.h"
#include "core/util/Result.h"

namespace poolscope {

/// The metric formats rules can be written for.
enum class AlertRuleFormat : uint8_t { PoolScope, HikariCP, GoSql, Pgxpool, Otel };

/// "poolscope", "hikaricp", "go_sql", "pgxpool", "otel" (the --format values).
std::string_view toString(AlertRuleFormat format);

/// What write() puts around the rules.
struct AlertRulesOptions {
    /// The shortest range a rate(), increase() or max_over_time() looks back
    /// over. A range must span at least two scrapes to see a change, so
    /// counting rules and `unbounded` use max(window_ms, this) and the wait
    /// rules rate over this. Default: one minute (four 15 s scrapes).
    int64_t minRangeMs = 60'000;
    /// Where the thresholds came from, for the header comment ("built-in
    /// defaults", "thresholds file 'x.json'"); empty = not said.
    std::string thresholdsSource;
};

class AlertRulesExport {
public:
    /// The rules exported, in RuleId order: all but config_lint, whose
    /// findings no metric carries.
    static const std::vector<RuleId>& exportedRules();

    /// A --format value: one format name, or "all" for every format in
    /// enum order. Error names the value and the known ones.
    static Result<std::vector<AlertRuleFormat>> parseFormats(std::string_view text);

    /// The Prometheus rule file (YAML) for `formats`, one group
    /// "poolscope_<format>" each, in the order given. Per exported rule and
    /// grade with a threshold: one alerting rule named PoolScope<Rule>
    /// (e.g. PoolScopeWaitP99) whose expr is the rule's value >= the
    /// threshold, `for` = for_ms (left out at 0), `keep_firing_for` =
    /// clear_for_ms, labels severity and grade (the grade), rule (the
    /// PoolScope rule name), format; annotations summary (which pool) and
    /// description (the health engine's message, as far as the series carry
    /// its figures). Alerts are grouped by job, instance and the format's
    /// pool labels. A rule the format cannot express, or disabled in
    /// `thresholds`, is a YAML comment saying why. Pure.
    static std::string write(const Thresholds& thresholds, const std::vector<AlertRuleFormat>& formats,
                             const AlertRulesOptions& options = {});
};

}  // namespace poolscope
