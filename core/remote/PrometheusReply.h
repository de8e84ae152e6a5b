#pragma once
// The answers of a Prometheus server's HTTP API (/api/v1/query and
// /api/v1/query_range) read into plain values: an instant vector as Samples
// the ForeignPoolTracker reads like a scrape's, a range matrix as series of
// points, the `warnings` of a successful answer, and the server's own words
// of an error answer ({"status":"error","errorType":...,"error":...}).
// Pure: no I/O; the session that asks the server is core/session's
// PrometheusSession.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/remote/MetricFamily.h"
#include "core/util/Result.h"

namespace poolscope {

/// One series of a range answer.
struct PrometheusSeries {
    std::string name;           ///< the __name__ label; empty when the series has none
    std::vector<Label> labels;  ///< every other label, in the answer's order
    /// (ms since the epoch, value), oldest first; NaN and +-Inf kept.
    std::vector<std::pair<int64_t, double>> points;
};

class PrometheusReply {
public:
    /// An instant vector (resultType "vector").
    struct Vector {
        std::vector<Sample> samples;        ///< name = __name__, labels without it
        std::vector<std::string> warnings;  ///< the server's, as sent
    };
    /// A range matrix (resultType "matrix").
    struct Matrix {
        std::vector<PrometheusSeries> series;
        std::vector<std::string> warnings;
    };

    /// Reads a 200 answer of /api/v1/query. Refused, saying why: not JSON
    /// (line, column, problem), status "error" (the server's errorType and
    /// message), another resultType, a member of the wrong type.
    static Result<Vector> parseVector(std::string_view body);
    /// The same for /api/v1/query_range.
    static Result<Matrix> parseMatrix(std::string_view body);
    /// The server's message of an error answer, "bad_data: 1:14: parse
    /// error: unexpected ..." (errorType: error); nullopt when `body` is not
    /// Prometheus' error object (a proxy's HTML page, say).
    static std::optional<std::string> errorOf(std::string_view body);
};

}  // namespace poolscope
