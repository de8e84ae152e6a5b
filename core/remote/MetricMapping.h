#pragma once
// A format of other pools' metrics as data: which metric names identify it,
// which labels name a pool, and rules "metric + label matchers -> PoolScope
// figure" with a kind and a unit. The built-in formats (resources/mappings,
// BuiltinMappings) and a user's mapping file are read by the same parse().
// The file format is described in resources/mappings/README.md.

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/remote/MetricFamily.h"
#include "core/util/Result.h"

namespace poolscope {

/// The PoolScope figures a mapping rule can fill.
enum class MappedField : uint8_t {
    // counts (gauges)
    Open, Idle, InUse, Allocating, Waiting,
    // config (gauges)
    MaxOpen, MinIdle, MaxIdle,
    // totals (counters)
    Acquired, WaitCount, WaitMs, Timeouts, Created, Destroyed, ClosedMaxIdle, ClosedMaxIdleTime,
    ClosedMaxLifetime, ConnectErrors,
    // wait distribution
    WaitMax,        ///< kind max: the source's own maximum wait (ms)
    WaitHistogram,  ///< kind histogram: cumulative `le` buckets of acquire waits
    WaitSummary,    ///< kind summary: the source's wait quantiles
    Count_
};
inline constexpr int kMappedFieldCount = static_cast<int>(MappedField::Count_);
/// The file's name of a field: "open", "in_use", "wait_ms", "wait_histogram", ...
std::string_view toString(MappedField field);
/// The field a file names; "pending" reads as waiting. nullopt when unknown.
std::optional<MappedField> parseMappedField(std::string_view name);

/// How a rule reads its metric. Gauge: the value as it is. Counter: a
/// cumulative total (resets detected by the tracker). Histogram: samples
/// `<metric>_bucket{le=...}`. Summary: samples `<metric>{quantile=...}`. Max:
/// a gauge holding a maximum.
enum class RuleKind : uint8_t { Gauge, Counter, Histogram, Summary, Max };
std::string_view toString(RuleKind kind);

struct LabelMatcher {
    std::string name;   ///< sanitised (dots -> underscores)
    std::string value;  ///< exact match
    bool operator==(const LabelMatcher&) const = default;
};

struct MappingRule {
    MappedField field = MappedField::Open;
    RuleKind kind = RuleKind::Gauge;
    /// Sample names (histogram and summary: the family's base name). When
    /// several are listed, the values of those present for a pool are added.
    std::vector<std::string> metrics;
    std::vector<LabelMatcher> labels;  ///< all must match
    /// Multiplies values (histogram: `le` bounds; summary: quantile values)
    /// into PoolScope's unit: 1e-6 for ns, 1e-3 for us, 1 for ms, 1000 for s;
    /// 1 for non-time fields.
    double scale = 1;
    bool operator==(const MappingRule&) const = default;
};

/// `field` = sum of `inputs`, applied only when `field` is not reported and
/// every input is (e.g. open = idle + in_use).
struct DeriveRule {
    MappedField field = MappedField::Open;
    std::vector<MappedField> inputs;
    bool operator==(const DeriveRule&) const = default;
};

struct MetricMapping {
    static constexpr int kSchema = 1;
    std::string name;  ///< e.g. "go-sql"; also the snapshots' `driver`
    std::string description;
    std::vector<std::string> detectAll;  ///< every one of these metrics must be present
    std::vector<std::string> detectAny;  ///< and at least one of these, when not empty
    /// Label sets naming a pool, tried in order; the first set whose labels a
    /// series all has names its pool (values joined with '/'). A series with
    /// none of them belongs to `defaultPool`.
    std::vector<std::vector<std::string>> poolLabels;
    /// Appended as "@v1/v2" to the pool name when a series has them
    /// (federated or relabelled scrapes of several instances).
    std::vector<std::string> instanceLabels{"job", "instance"};
    std::string defaultPool = "default";
    /// In file order; for one field the first rule that matches a pool wins.
    std::vector<MappingRule> rules;
    std::vector<DeriveRule> derive;
    /// The mean wait per interval is delta(wait_ms) / delta(this field):
    /// wait_count when the sum covers only acquires that waited, acquired
    /// when it covers every acquire (HikariCP, pgxpool).
    MappedField meanCount = MappedField::WaitCount;

    /// Reads a mapping document. Refused, naming the key path and the
    /// problem ("rules[3].unit: 'min' is not one of ns, us, ms, s"): bad JSON
    /// (line, column, byte), unknown keys, wrong types, unknown fields or
    /// kinds, a kind that does not fit the field, a time field without a unit,
    /// no rules, no detect names. Pure.
    static Result<MetricMapping> parse(std::string_view json);
    /// Reads the file at `path`; errors start with "mapping file '<path>': ".
    static Result<MetricMapping> load(const std::string& path);

    /// True when `scrape` has the metrics of `detectAll` and one of
    /// `detectAny`. A name matches a sample name or a family name.
    bool detect(const Exposition& scrape) const;
    /// The same test on the sample names of a query's answer (a Prometheus
    /// server's series have no families): a name matches a sample of that
    /// name or with one of kDetectSuffixes appended (a family's base name).
    bool detect(const std::set<std::string, std::less<>>& sampleNames) const;
    /// Suffixes under which a detect name may appear as a sample name.
    static constexpr std::string_view kDetectSuffixes[] = {"_total", "_count", "_info"};
    /// Every sample name the rules read, in rule order without repeats:
    /// `<metric>_bucket` for histograms, the metric itself otherwise.
    std::vector<std::string> sampleNames() const;

    bool operator==(const MetricMapping&) const = default;
};

/// `name` with every character outside [a-zA-Z0-9_:] replaced by '_' (':'
/// too when `label`), the way Prometheus exporters translate OpenTelemetry
/// names ("db.client.connection.pool.name" -> "db_client_connection_pool_name").
std::string sanitizeMetricName(std::string_view name, bool label = false);

}  // namespace poolscope
