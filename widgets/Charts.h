#pragma once
// The dashboard's three standard charts, ready to bind to a Timeline.

#include "widgets/TimeSeriesChart.h"

namespace poolscope {

/// Connections: in use (busy), idle, open, waiting, and max_open as a dashed line.
TimeSeriesChart* makeConnectionsChart(QWidget* parent = nullptr);
/// Acquire wait latency P50 / P95 / P99 in ms (bands: setBands()).
TimeSeriesChart* makeLatencyChart(QWidget* parent = nullptr);
/// Per second: acquires, timeouts, created, destroyed, errors.
TimeSeriesChart* makeRatesChart(QWidget* parent = nullptr);

/// The specs the factories use (e.g. for a CSV header or a legend elsewhere).
QList<SeriesSpec> connectionsSeries();
/// P50 / P95 / P99, or for WaitDerivation::Mean (p50 = p95 = p99 = the mean
/// wait per interval) one series labelled "mean wait".
QList<SeriesSpec> latencySeries(WaitDerivation derivation = WaitDerivation::Exact);
/// The acquire-wait chart's title, saying how the figures were derived.
QString latencyTitle(WaitDerivation derivation);
QList<SeriesSpec> ratesSeries();

}  // namespace poolscope
