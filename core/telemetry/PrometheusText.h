#pragma once
// Snapshots (and optionally health) as Prometheus text exposition format
// 0.0.4, the body of the exporter's GET /metrics. Metric names are a public
// contract (README, "Exporter"): names may be added, none renamed.

#include <string>
#include <string_view>
#include <vector>

#include "core/health/Alert.h"
#include "core/telemetry/Snapshot.h"

namespace poolscope {

/// The Content-Type of prometheusText()'s output.
inline constexpr std::string_view kPrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

/// One pool to encode. `snapshot` must not be null; `health` may be (then no
/// health metrics are written for the pool).
struct PrometheusPool {
    const PoolSnapshot* snapshot = nullptr;
    const PoolHealth* health = nullptr;
};

/// Every metric family of the given pools: each family once, with its # HELP
/// and # TYPE lines followed by the samples of every pool (label `pool`, in
/// input order), families in a fixed order. Figures a snapshot does not
/// report (PoolSnapshot::reported, an absent waitBuckets) are left out, never
/// written as 0; a family no pool reports is left out entirely. Units are
/// seconds; counters end in `_total`. Label values are escaped (\\, \", \n),
/// so any pool name is safe. Pools should have distinct names.
std::string prometheusText(const std::vector<PrometheusPool>& pools);

/// `value` escaped for a label value in the text format (without quotes).
std::string escapePrometheusLabel(std::string_view value);

}  // namespace poolscope
