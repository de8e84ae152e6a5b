#pragma once
// From successive scrapes of one format to PoolSnapshots: applies a
// MetricMapping to each parsed scrape, one snapshot per pool found, with
// counter resets absorbed and the wait window derived over a sliding window.
// Pure: no I/O and no clock of its own (the caller passes the scrape time).
// Not thread-safe: one tracker per scraping session.

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/remote/MetricFamily.h"
#include "core/remote/MetricMapping.h"
#include "core/telemetry/Snapshot.h"

namespace poolscope {

struct ForeignTrackerOptions {
    /// Wait quantiles cover at least this span: the deltas are taken from the
    /// newest earlier scrape at least this old (else the oldest kept).
    int64_t windowMs = 10'000;
    /// A pool absent from the scrapes this long is forgotten (its totals
    /// then start again from the source's values if it comes back).
    int64_t forgetAfterMs = 300'000;
};

/// What one scrape gave.
struct ForeignScrapeResult {
    /// One per pool in the scrape, sorted by pool name. source = "remote",
    /// driver = the mapping's name, `reported` = exactly the figures the
    /// scrape had (derived ones included); lifecycle, transitions,
    /// connections, leak reports and other config are never reported.
    std::vector<PoolSnapshot> snapshots;
    /// Pools whose counters went backwards in this scrape (the service
    /// restarted): their totals kept counting from where they were, like
    /// Prometheus' increase(); show a marker.
    std::vector<std::string> resets;
};

/// The pool a series belongs to: its name and the labels that named it.
struct ForeignPoolKey {
    std::string name;          ///< as the snapshots carry it ("main@api/10.0.0.5:8080")
    std::vector<Label> pool;   ///< the pool labels that named it; empty for the default pool
    std::vector<Label> where;  ///< the instance labels it carried (job, instance)
};

class ForeignPoolTracker {
public:
    explicit ForeignPoolTracker(MetricMapping mapping, ForeignTrackerOptions options = {});

    /// Applies the mapping to `scrape`, taken at `tMs` (wall ms since the
    /// epoch; a scrape not later than the previous one is still read, but
    /// contributes no wait window delta). Pools are named by their pool
    /// label values (joined by '/'), with "@job/instance" appended when the
    /// series carry the mapping's instance labels.
    ForeignScrapeResult update(const Exposition& scrape, int64_t tMs);
    /// The same for samples that come without families (a Prometheus
    /// server's query answer): names as the exposition would carry them
    /// ("x_bucket" with `le`, "x_total"), labels as scraped.
    ForeignScrapeResult update(std::span<const Sample> samples, int64_t tMs);

    /// The pool `sample` is counted in, by the naming update() uses.
    ForeignPoolKey poolKey(const Sample& sample) const;

    /// Counter resets seen so far for `pool` (0 when unknown).
    uint64_t resetCount(std::string_view pool) const;
    const MetricMapping& mapping() const { return mapping_; }

private:
    /// Where a sample name feeds a rule.
    struct Use {
        size_t rule;
        enum class Role : uint8_t { Value, Bucket, Quantile } role;
    };
    /// What one rule collected for one pool in one scrape.
    struct RuleData {
        bool seen = false;
        double value = 0;
        std::map<double, double> points;  ///< le -> count, or quantile -> value
    };
    /// A counter presented without going backwards.
    struct Monotonic {
        double lastRaw = 0;
        double offset = 0;
        bool seen = false;
        /// raw + offset; on a decrease the offset grows by the last raw value.
        double present(double raw, bool& reset);
    };
    struct WindowPoint {
        int64_t tMs = 0;
        bool hasHistogram = false, hasMean = false;
        std::map<double, double> buckets;  ///< le (ms) -> reset-adjusted cumulative count
        double waitMs = 0, meanCount = 0;
    };
    struct PoolState {
        int64_t lastSeenMs = 0;
        uint64_t resets = 0;
        std::map<int, Monotonic> counters;        ///< by MappedField
        std::map<double, Monotonic> buckets;      ///< by le (ms)
        std::vector<WindowPoint> window;          ///< oldest first
    };
    using Scratch = std::map<std::string, std::vector<RuleData>>;

    void collect(const Sample& sample, Scratch& scratch) const;
    ForeignScrapeResult finish(const Scratch& scratch, int64_t tMs);
    PoolSnapshot build(const std::string& pool, const std::vector<RuleData>& data, int64_t tMs,
                       bool& reset);
    void deriveWait(PoolState& state, PoolSnapshot& s, const RuleData* histogram,
                    const RuleData* summary, bool& reset) const;

    MetricMapping mapping_;
    ForeignTrackerOptions options_;
    std::map<std::string, std::vector<Use>, std::less<>> uses_;  ///< sample name -> rules
    std::map<std::string, PoolState, std::less<>> pools_;
};

}  // namespace poolscope
