#pragma once
// Reads the Prometheus text exposition format 0.0.4 and its OpenMetrics 1.0
// variant into an Exposition (MetricFamily.h). Pure; bounded in memory;
// strict: what it cannot read is an error naming the line and the problem.

#include <cstddef>
#include <string_view>

#include "core/remote/MetricFamily.h"
#include "core/util/Result.h"

namespace poolscope {

/// Bounds on one parse (untrusted input from a scrape). Exceeding one is an
/// error naming the limit ("... above maxSeries (1000000)").
struct PromTextLimits {
    size_t maxBytes = 64u << 20;      ///< whole input
    size_t maxLineLength = 64u << 10; ///< one line, without its newline
    size_t maxLabels = 64;            ///< labels on one sample
    size_t maxSeries = 1'000'000;     ///< sample lines in the whole input
};

class PromTextParser {
public:
    enum class Format : uint8_t {
        Auto,         ///< OpenMetrics when the last line is `# EOF`, else 0.0.4
        Prometheus,   ///< text format 0.0.4
        OpenMetrics,  ///< OpenMetrics 1.0 text: `# EOF` required, exemplars, UNIT, more types
    };

    /// The format a scrape's Content-Type names: OpenMetrics for
    /// "application/openmetrics-text...", Prometheus for "text/plain...",
    /// Auto for anything else (empty included).
    static Format formatFromContentType(std::string_view contentType);

    /// Parses one exposition. Accepts `# HELP`, `# TYPE` (counter, gauge,
    /// histogram, summary, untyped; with OpenMetrics also unknown, stateset,
    /// info, gaugehistogram), `# UNIT` and `# EOF` (OpenMetrics), other
    /// comments, label escapes \\ \" \n, NaN/+Inf/-Inf, optional timestamps
    /// (0.0.4: integer ms; OpenMetrics: seconds), and exemplars after an
    /// OpenMetrics sample (checked, then dropped). Samples are grouped into
    /// families by their TYPE (x_bucket/x_sum/x_count into histogram x, ...).
    /// Errors read "line 12: expected '=' after label name 'pool'" (lines
    /// from 1), or name the exceeded limit.
    static Result<Exposition> parse(std::string_view text, Format format = Format::Auto,
                                    const PromTextLimits& limits = {});
};

}  // namespace poolscope
