#pragma once
// The value model of a parsed Prometheus / OpenMetrics text exposition
// (PromTextParser): families of samples, each sample a name, labels and a
// value. Plain values, no Qt, owning their strings.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace poolscope {

/// The declared type of a family (`# TYPE`). Untyped: no TYPE line, or
/// "untyped" (0.0.4). Unknown, StateSet, Info, GaugeHistogram: OpenMetrics.
enum class MetricType : uint8_t {
    Untyped, Counter, Gauge, Histogram, Summary, Unknown, StateSet, Info, GaugeHistogram
};
/// "untyped", "counter", ..., "gaugehistogram" (as the TYPE line spells it).
std::string_view toString(MetricType type);

struct Label {
    std::string name;
    std::string value;  ///< unescaped
    bool operator==(const Label&) const = default;
};

/// One sample line: a series (name + labels) and its value.
struct Sample {
    /// The full sample name as written, suffix included ("x_bucket", "x_total").
    std::string name;
    /// Labels in text order, `le` and `quantile` included.
    std::vector<Label> labels;
    double value = 0;  ///< NaN and +-Inf are kept
    /// The sample's own timestamp in ms since the Unix epoch, when it had one
    /// (OpenMetrics seconds are converted).
    std::optional<int64_t> timestampMs;

    /// The value of label `name`; nullopt when the sample has no such label.
    std::optional<std::string_view> label(std::string_view name) const {
        for (const auto& l : labels)
            if (l.name == name) return std::string_view(l.value);
        return std::nullopt;
    }
};

/// The samples of one metric family in text order. A histogram family `x`
/// holds x_bucket, x_sum, x_count (and x_created); a summary holds x (with
/// `quantile`), x_sum, x_count; an OpenMetrics counter `x` holds x_total and
/// x_created. Samples whose family was not declared form an Untyped family
/// named after the sample.
struct MetricFamily {
    std::string name;
    MetricType type = MetricType::Untyped;
    std::string help;  ///< unescaped; empty when no HELP line
    std::string unit;  ///< OpenMetrics `# UNIT`; empty otherwise
    std::vector<Sample> samples;
};

/// A whole parsed scrape.
struct Exposition {
    bool openMetrics = false;  ///< parsed as OpenMetrics (ended with `# EOF`)
    std::vector<MetricFamily> families;  ///< in order of first appearance
    size_t sampleCount = 0;

    /// The family named `name`; nullptr when absent.
    const MetricFamily* family(std::string_view name) const {
        auto it = index_.find(name);
        return it == index_.end() ? nullptr : &families[it->second];
    }

private:
    friend class PromTextReader;
    struct NameHash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    /// family name -> position
    std::unordered_map<std::string, size_t, NameHash, std::equal_to<>> index_;
};

}  // namespace poolscope
