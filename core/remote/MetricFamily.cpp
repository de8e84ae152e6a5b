#include "core/remote/MetricFamily.h"

namespace poolscope {

std::string_view toString(MetricType type) {
    switch (type) {
        case MetricType::Untyped: return "untyped";
        case MetricType::Counter: return "counter";
        case MetricType::Gauge: return "gauge";
        case MetricType::Histogram: return "histogram";
        case MetricType::Summary: return "summary";
        case MetricType::Unknown: return "unknown";
        case MetricType::StateSet: return "stateset";
        case MetricType::Info: return "info";
        case MetricType::GaugeHistogram: return "gaugehistogram";
    }
    return "untyped";
}

}  // namespace poolscope
