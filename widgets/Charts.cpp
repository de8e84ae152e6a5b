#include "widgets/Charts.h"

namespace poolscope {

QList<SeriesSpec> connectionsSeries() {
    return {
        {Metric::Open, TimeSeriesChart::tr("open"), QColor(0x4c, 0x78, 0xa8)},
        {Metric::Idle, TimeSeriesChart::tr("idle"), QColor(0x54, 0xa2, 0x4b)},
        {Metric::InUse, TimeSeriesChart::tr("in use"), QColor(0xe4, 0x57, 0x56)},
        {Metric::Waiting, TimeSeriesChart::tr("waiting"), QColor(0xf5, 0x85, 0x18)},
        {Metric::MaxOpen, TimeSeriesChart::tr("max_open"), QColor(0x88, 0x88, 0x88), true},
    };
}

QList<SeriesSpec> latencySeries(WaitDerivation derivation) {
    if (derivation == WaitDerivation::Mean)
        return {{Metric::WaitP50, TimeSeriesChart::tr("mean wait"), QColor(0x4c, 0x78, 0xa8)}};
    return {
        {Metric::WaitP50, TimeSeriesChart::tr("P50"), QColor(0x4c, 0x78, 0xa8)},
        {Metric::WaitP95, TimeSeriesChart::tr("P95"), QColor(0xf5, 0x85, 0x18)},
        {Metric::WaitP99, TimeSeriesChart::tr("P99"), QColor(0xe4, 0x57, 0x56)},
    };
}

QList<SeriesSpec> ratesSeries() {
    return {
        {Metric::AcquireRate, TimeSeriesChart::tr("acquires"), QColor(0x4c, 0x78, 0xa8)},
        {Metric::CreatedRate, TimeSeriesChart::tr("created"), QColor(0x54, 0xa2, 0x4b)},
        {Metric::DestroyedRate, TimeSeriesChart::tr("destroyed"), QColor(0xb2, 0x79, 0xa2)},
        {Metric::TimeoutRate, TimeSeriesChart::tr("timeouts"), QColor(0xf5, 0x85, 0x18)},
        {Metric::ErrorRate, TimeSeriesChart::tr("errors"), QColor(0xd6, 0x27, 0x28)},
    };
}

TimeSeriesChart* makeConnectionsChart(QWidget* parent) {
    auto* chart = new TimeSeriesChart(parent);
    chart->setTitle(TimeSeriesChart::tr("Connections"));
    chart->setUnit(TimeSeriesChart::tr("connections"));
    chart->setSeries(connectionsSeries());
    return chart;
}

QString latencyTitle(WaitDerivation derivation) {
    switch (derivation) {
        case WaitDerivation::Exact: break;
        case WaitDerivation::Histogram:
            return TimeSeriesChart::tr("Acquire wait (quantiles from histogram buckets)");
        case WaitDerivation::Summary:
            return TimeSeriesChart::tr("Acquire wait (the source's summary quantiles)");
        case WaitDerivation::Mean:
            return TimeSeriesChart::tr("Acquire wait (mean per interval: the source has no quantiles)");
    }
    return TimeSeriesChart::tr("Acquire wait");
}

TimeSeriesChart* makeLatencyChart(QWidget* parent) {
    auto* chart = new TimeSeriesChart(parent);
    chart->setTitle(latencyTitle(WaitDerivation::Exact));
    chart->setUnit(TimeSeriesChart::tr("ms"));
    chart->setSeries(latencySeries());
    return chart;
}

TimeSeriesChart* makeRatesChart(QWidget* parent) {
    auto* chart = new TimeSeriesChart(parent);
    chart->setTitle(TimeSeriesChart::tr("Rates"));
    chart->setUnit(TimeSeriesChart::tr("per second"));
    chart->setSeries(ratesSeries());
    return chart;
}

}  // namespace poolscope
