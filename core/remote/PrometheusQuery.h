#pragma once
// The PromQL and the query strings PoolScope sends a Prometheus server: one
// selector per format that names every series the format's mapping reads
// (so discovery costs one query per format, whatever the number of pools),
// narrowed by the user's `?match=` matchers or to one pool's labels for a
// back-fill. Pure.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/remote/MetricFamily.h"
#include "core/remote/MetricMapping.h"

namespace poolscope {

class PrometheusQuery {
public:
    /// `{__name__=~"a|b|...",<matchers>,l1="v1",...}`: every sample name
    /// `mapping` reads (MetricMapping::sampleNames) and its detect names
    /// (bare or with MetricMapping::kDetectSuffixes); `matchers` is label
    /// matchers as the user wrote them (see matchersOf), `equal` exact
    /// label values. The server checks the matchers: a bad one comes back
    /// as its own parse error.
    static std::string selector(const MetricMapping& mapping, std::string_view matchers = {},
                                const std::vector<Label>& equal = {});
    /// The label matchers of a `?match=` value, with surrounding braces and
    /// blanks taken off: `{job="api"}` and `job="api"` both give `job="api"`.
    static std::string matchersOf(std::string_view match);
    /// `value` as a PromQL double-quoted string (\\, \" and \n escaped).
    static std::string quote(std::string_view value);
    /// `text` percent-encoded for a URL query (everything but A-Z a-z 0-9 - . _ ~).
    static std::string urlEncode(std::string_view text);
    /// Seconds since the epoch as the API takes them ("1700000000.123").
    static std::string seconds(int64_t ms);
    /// The query string of /api/v1/query: "query=...&time=...&timeout=...".
    static std::string instant(std::string_view promql, int64_t timeMs, int64_t timeoutMs);
    /// The query string of /api/v1/query_range.
    static std::string range(std::string_view promql, int64_t fromMs, int64_t toMs, int64_t stepMs,
                             int64_t timeoutMs);
};

}  // namespace poolscope
