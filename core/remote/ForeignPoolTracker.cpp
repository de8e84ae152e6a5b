#include "core/remote/ForeignPoolTracker.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "core/remote/HistogramQuantile.h"

namespace poolscope {

namespace {

/// The Figure each mapped count, config or total field reports.
Figure figureOf(MappedField f) {
    switch (f) {
        case MappedField::Open: return Figure::Open;
        case MappedField::Idle: return Figure::Idle;
        case MappedField::InUse: return Figure::InUse;
        case MappedField::Allocating: return Figure::Allocating;
        case MappedField::Waiting: return Figure::Waiting;
        case MappedField::MaxOpen: return Figure::MaxOpen;
        case MappedField::MinIdle: return Figure::MinIdle;
        case MappedField::MaxIdle: return Figure::MaxIdle;
        case MappedField::Acquired: return Figure::Acquired;
        case MappedField::WaitCount: return Figure::WaitCount;
        case MappedField::WaitMs: return Figure::WaitMs;
        case MappedField::Timeouts: return Figure::Timeouts;
        case MappedField::Created: return Figure::Created;
        case MappedField::Destroyed: return Figure::Destroyed;
        case MappedField::ClosedMaxIdle: return Figure::ClosedMaxIdle;
        case MappedField::ClosedMaxIdleTime: return Figure::ClosedMaxIdleTime;
        case MappedField::ClosedMaxLifetime: return Figure::ClosedMaxLifetime;
        case MappedField::ConnectErrors: return Figure::ConnectErrors;
        case MappedField::WaitMax: return Figure::WaitMax;
        default: return Figure::WaitPercentiles;
    }
}

int64_t* countSlot(PoolSnapshot& s, MappedField f) {
    switch (f) {
        case MappedField::Open: return &s.counts.open;
        case MappedField::Idle: return &s.counts.idle;
        case MappedField::InUse: return &s.counts.inUse;
        case MappedField::Allocating: return &s.counts.allocating;
        case MappedField::Waiting: return &s.counts.waiting;
        case MappedField::MaxOpen: return &s.config.maxOpen;
        case MappedField::MinIdle: return &s.config.minIdle;
        case MappedField::MaxIdle: return &s.config.maxIdle;
        default: return nullptr;
    }
}

uint64_t* totalSlot(PoolSnapshot& s, MappedField f) {
    switch (f) {
        case MappedField::Acquired: return &s.totals.acquired;
        case MappedField::WaitCount: return &s.totals.waitCount;
        case MappedField::Timeouts: return &s.totals.timeouts;
        case MappedField::Created: return &s.totals.created;
        case MappedField::Destroyed: return &s.totals.destroyed;
        case MappedField::ClosedMaxIdle: return &s.totals.closedMaxIdle;
        case MappedField::ClosedMaxIdleTime: return &s.totals.closedMaxIdleTime;
        case MappedField::ClosedMaxLifetime: return &s.totals.closedMaxLifetime;
        case MappedField::ConnectErrors: return &s.totals.connectErrors;
        default: return nullptr;
    }
}

int64_t toCount(double v) {
    if (!(v > 0)) return 0;  // NaN and negatives: nothing sensible to show
    return v >= 9e18 ? std::numeric_limits<int64_t>::max() : std::llround(v);
}

uint64_t toTotal(double v) { return static_cast<uint64_t>(toCount(v)); }

/// The value of the quantile nearest `q` among `quantiles` (q -> value).
double nearestQuantile(const std::map<double, double>& quantiles, double q) {
    double best = 0, distance = std::numeric_limits<double>::infinity();
    for (const auto& [at, value] : quantiles)
        if (std::fabs(at - q) < distance) {
            distance = std::fabs(at - q);
            best = value;
        }
    return std::isnan(best) ? 0 : best;  // NaN: no observations in the source's window
}

}  // namespace

double ForeignPoolTracker::Monotonic::present(double raw, bool& reset) {
    if (seen && raw < lastRaw) {
        offset += lastRaw;
        reset = true;
    }
    seen = true;
    lastRaw = raw;
    return raw + offset;
}

ForeignPoolTracker::ForeignPoolTracker(MetricMapping mapping, ForeignTrackerOptions options)
    : mapping_(std::move(mapping)), options_(options) {
    for (size_t r = 0; r < mapping_.rules.size(); ++r) {
        const MappingRule& rule = mapping_.rules[r];
        for (const std::string& metric : rule.metrics) {
            if (rule.kind == RuleKind::Histogram) uses_[metric + "_bucket"].push_back({r, Use::Role::Bucket});
            else if (rule.kind == RuleKind::Summary) uses_[metric].push_back({r, Use::Role::Quantile});
            else uses_[metric].push_back({r, Use::Role::Value});
        }
    }
}

ForeignPoolKey ForeignPoolTracker::poolKey(const Sample& sample) const {
    ForeignPoolKey key;
    for (const auto& alternative : mapping_.poolLabels) {
        std::vector<Label> labels;
        for (const auto& label : alternative) {
            auto v = sample.label(label);
            if (!v) break;
            labels.push_back({label, std::string(*v)});
        }
        if (labels.size() == alternative.size() && !labels.empty()) {
            for (const Label& l : labels) key.name += (key.name.empty() ? "" : "/") + l.value;
            key.pool = std::move(labels);
            break;
        }
    }
    if (key.name.empty()) key.name = mapping_.defaultPool;
    std::string instance;
    for (const auto& label : mapping_.instanceLabels)
        if (auto v = sample.label(label); v && !v->empty()) {
            instance += (instance.empty() ? "" : "/") + std::string(*v);
            key.where.push_back({label, std::string(*v)});
        }
    if (!instance.empty()) key.name += "@" + instance;
    return key;
}

void ForeignPoolTracker::collect(const Sample& sample, Scratch& scratch) const {
    auto it = uses_.find(sample.name);
    if (it == uses_.end()) return;
    std::vector<RuleData>* pool = nullptr;
    for (const Use& use : it->second) {
        const MappingRule& rule = mapping_.rules[use.rule];
        bool match = true;
        for (const LabelMatcher& m : rule.labels) match = match && sample.label(m.name) == m.value;
        const auto point = sample.label(use.role == Use::Role::Bucket ? "le" : "quantile");
        if (!match || (use.role != Use::Role::Value) != point.has_value()) continue;
        if (!pool) {
            pool = &scratch[poolKey(sample).name];
            pool->resize(mapping_.rules.size());
        }
        RuleData& d = (*pool)[use.rule];
        if (use.role == Use::Role::Value) {
            if (std::isnan(sample.value)) continue;
            const double v = sample.value * rule.scale;
            d.value = !d.seen ? v : rule.kind == RuleKind::Max ? std::max(d.value, v) : d.value + v;
        } else {
            char* end = nullptr;
            const std::string text(*point);
            double at = std::strtod(text.c_str(), &end);
            if (end == text.c_str() || *end != '\0' || std::isnan(at)) continue;
            // `le` is a time bound (scaled); a quantile's value is the time.
            if (use.role == Use::Role::Bucket) d.points[at * rule.scale] += sample.value;
            else d.points[at] = sample.value * rule.scale;
        }
        d.seen = true;
    }
}

ForeignScrapeResult ForeignPoolTracker::update(const Exposition& scrape, int64_t tMs) {
    Scratch scratch;
    for (const MetricFamily& family : scrape.families)
        for (const Sample& sample : family.samples) collect(sample, scratch);
    return finish(scratch, tMs);
}

ForeignScrapeResult ForeignPoolTracker::update(std::span<const Sample> samples, int64_t tMs) {
    Scratch scratch;
    for (const Sample& sample : samples) collect(sample, scratch);
    return finish(scratch, tMs);
}

ForeignScrapeResult ForeignPoolTracker::finish(const Scratch& scratch, int64_t tMs) {
    ForeignScrapeResult out;
    for (const auto& [pool, data] : scratch) {
        bool reset = false;
        out.snapshots.push_back(build(pool, data, tMs, reset));
        if (reset) out.resets.push_back(pool);
    }
    for (auto it = pools_.begin(); it != pools_.end();)
        it = tMs - it->second.lastSeenMs > options_.forgetAfterMs ? pools_.erase(it) : std::next(it);
    return out;
}

PoolSnapshot ForeignPoolTracker::build(const std::string& pool, const std::vector<RuleData>& data,
                                       int64_t tMs, bool& reset) {
    PoolState& state = pools_[pool];
    state.lastSeenMs = tMs;
    PoolSnapshot s;
    s.tMs = tMs;
    s.source = "remote";
    s.pool = pool;
    s.driver = mapping_.name;
    s.config = PoolConfig{};
    s.config.name = pool;
    s.config.maxOpen = s.config.maxIdle = s.config.minIdle = 0;
    s.reported = FigureSet::none();
    // For each field, the first rule (file order) with data for this pool.
    std::vector<const RuleData*> field(kMappedFieldCount, nullptr);
    for (size_t r = 0; r < data.size(); ++r) {
        const auto f = static_cast<size_t>(mapping_.rules[r].field);
        if (data[r].seen && !field[f]) field[f] = &data[r];
    }
    double values[kMappedFieldCount] = {};
    for (int i = 0; i < kMappedFieldCount; ++i) {
        const auto f = static_cast<MappedField>(i);
        const RuleData* d = field[static_cast<size_t>(i)];
        if (!d || f == MappedField::WaitHistogram || f == MappedField::WaitSummary) continue;
        values[i] = totalSlot(s, f) || f == MappedField::WaitMs
                        ? state.counters[i].present(d->value, reset)
                        : d->value;
        s.reported.set(figureOf(f));
    }
    for (const DeriveRule& d : mapping_.derive) {
        if (s.reported.has(figureOf(d.field))) continue;
        double sum = 0;
        bool all = true;
        for (MappedField in : d.inputs) {
            all = all && s.reported.has(figureOf(in));
            sum += values[static_cast<size_t>(in)];
        }
        if (!all) continue;
        values[static_cast<size_t>(d.field)] = sum;
        s.reported.set(figureOf(d.field));
    }
    for (int i = 0; i < kMappedFieldCount; ++i) {
        const auto f = static_cast<MappedField>(i);
        if (!s.reported.has(figureOf(f)) || f == MappedField::WaitHistogram || f == MappedField::WaitSummary)
            continue;
        if (int64_t* c = countSlot(s, f)) *c = toCount(values[i]);
        else if (uint64_t* t = totalSlot(s, f)) *t = toTotal(values[i]);
        else if (f == MappedField::WaitMs) s.totals.waitMs = std::max(0.0, values[i]);
        else if (f == MappedField::WaitMax) s.wait.max = std::max(0.0, values[i]);
    }
    deriveWait(state, s, field[static_cast<size_t>(MappedField::WaitHistogram)],
               field[static_cast<size_t>(MappedField::WaitSummary)], reset);
    if (reset) ++state.resets;
    return s;
}

void ForeignPoolTracker::deriveWait(PoolState& state, PoolSnapshot& s, const RuleData* histogram,
                                    const RuleData* summary, bool& reset) const {
    WindowPoint now;
    now.tMs = s.tMs;
    if (histogram) {
        // A histogram resets as a whole: any bucket going backwards counts.
        bool backwards = false;
        for (const auto& [le, count] : histogram->points) {
            auto it = state.buckets.find(le);
            backwards = backwards || (it != state.buckets.end() && count < it->second.lastRaw);
        }
        if (backwards)
            for (auto& [le, m] : state.buckets) m.offset += m.lastRaw, m.lastRaw = 0;
        reset = reset || backwards;
        bool ignored = false;
        for (const auto& [le, count] : histogram->points)
            now.buckets[le] = state.buckets[le].present(count, ignored);
        now.hasHistogram = true;
    }
    const Figure countFigure = mapping_.meanCount == MappedField::Acquired ? Figure::Acquired : Figure::WaitCount;
    if (s.reported.has(Figure::WaitMs) && s.reported.has(countFigure)) {
        now.hasMean = true;
        now.waitMs = s.totals.waitMs;
        now.meanCount = static_cast<double>(countFigure == Figure::Acquired ? s.totals.acquired : s.totals.waitCount);
    }
    // Keep the newest point at least a window old (the baseline) and later ones.
    auto& w = state.window;
    if (!w.empty() && w.back().tMs >= now.tMs) w.clear();  // clock went back: start again
    w.push_back(std::move(now));
    while (w.size() > 2 && w[1].tMs <= s.tMs - options_.windowMs) w.erase(w.begin());
    const WindowPoint* base = w.size() > 1 ? &w.front() : nullptr;
    const WindowPoint& cur = w.back();

    if (base && cur.hasHistogram && base->hasHistogram) {
        std::vector<CumulativeBucket> delta;
        for (const auto& [le, count] : cur.buckets)
            if (auto it = base->buckets.find(le); it != base->buckets.end())
                delta.push_back({le, std::max(0.0, count - it->second)});
        const auto p50 = histogramQuantile(0.5, delta);
        if (p50) {
            s.wait.p50 = *p50;
            s.wait.p95 = histogramQuantile(0.95, delta).value_or(0);
            s.wait.p99 = histogramQuantile(0.99, delta).value_or(0);
            s.wait.derivation = WaitDerivation::Histogram;
            s.reported.set(Figure::WaitPercentiles);
            return;
        }
    }
    if (summary && !summary->points.empty()) {
        s.wait.p50 = std::max(0.0, nearestQuantile(summary->points, 0.5));
        s.wait.p95 = std::max(0.0, nearestQuantile(summary->points, 0.95));
        s.wait.p99 = std::max(0.0, nearestQuantile(summary->points, 0.99));
        s.wait.derivation = WaitDerivation::Summary;
        s.reported.set(Figure::WaitPercentiles);
        return;
    }
    if (base && cur.hasMean && base->hasMean) {
        setMeanWait(s, std::max(0.0, cur.waitMs - base->waitMs), std::max(0.0, cur.meanCount - base->meanCount));
    }
}

uint64_t ForeignPoolTracker::resetCount(std::string_view pool) const {
    auto it = pools_.find(pool);
    return it == pools_.end() ? 0 : it->second.resets;
}

}  // namespace poolscope
