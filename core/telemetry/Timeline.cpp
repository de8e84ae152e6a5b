#include "core/telemetry/Timeline.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace poolscope {

namespace {

// Min/max pyramid: level 1 summarises blocks of 32 samples, level 2 blocks of
// 1024. A range query reads raw samples only at its ragged ends, so a bucket
// of n samples costs O(n / 1024 + 2 * 31 * 2) reads instead of O(n).
constexpr uint64_t kL1 = 32;
constexpr uint64_t kL2 = 1024;

constexpr float kUnreported = std::numeric_limits<float>::quiet_NaN();

/// The figure each metric is read from (rates: from the totals; ErrorRate
/// sums the error totals its source reports).
constexpr std::array<Figure, kMetricCount> kMetricFigure{
    Figure::Open,          Figure::Idle,      Figure::InUse,           Figure::Waiting,
    Figure::Allocating,    Figure::Returning, Figure::MaxOpen,         Figure::WaitPercentiles,
    Figure::WaitPercentiles, Figure::WaitPercentiles, Figure::WaitMax, Figure::Acquired,
    Figure::Timeouts,      Figure::Created,   Figure::Destroyed,       Figure::ConnectErrors,
};

std::array<float, kMetricCount> extract(const PoolSnapshot& s, const PoolSnapshot* prev,
                                        const float* prevValues) {
    std::array<float, kMetricCount> v{};
    auto set = [&v, &s](Metric m, double x) {
        const auto i = static_cast<size_t>(m);
        v[i] = s.reported.has(kMetricFigure[i]) ? static_cast<float>(x) : kUnreported;
    };
    set(Metric::Open, s.counts.open);
    set(Metric::Idle, s.counts.idle);
    set(Metric::InUse, s.counts.inUse);
    set(Metric::Waiting, s.counts.waiting);
    set(Metric::Allocating, s.counts.allocating);
    set(Metric::Returning, s.counts.returning);
    set(Metric::MaxOpen, s.config.maxOpen);
    set(Metric::WaitP50, s.wait.p50);
    set(Metric::WaitP95, s.wait.p95);
    set(Metric::WaitP99, s.wait.p99);
    set(Metric::WaitMax, s.wait.max);
    // A rate needs its total in both samples; ErrorRate sums the error totals
    // reported in both, and is unknown when none is.
    static constexpr std::array<Figure, 4> kErrors{Figure::ConnectErrors, Figure::Timeouts,
                                                   Figure::ValidationFailures, Figure::ClosedBroken};
    auto both = [&](Figure f) { return s.reported.has(f) && (!prev || prev->reported.has(f)); };
    auto errors = [&](const PoolTotals& t) {
        const uint64_t x[] = {t.connectErrors, t.timeouts, t.validationFailures, t.closedBroken};
        uint64_t n = 0;
        for (size_t i = 0; i < kErrors.size(); ++i) n += both(kErrors[i]) ? x[i] : 0;
        return n;
    };
    const bool anyError = std::any_of(kErrors.begin(), kErrors.end(), both);
    const std::array<bool, 5> known{both(Figure::Acquired), both(Figure::Timeouts),
                                    both(Figure::Created), both(Figure::Destroyed), anyError};
    const auto first = static_cast<size_t>(Metric::AcquireRate);
    for (size_t i = 0; i < known.size(); ++i) v[first + i] = known[i] ? 0.0f : kUnreported;
    if (!prev) return v;  // rates stay 0 on a pool's first sample
    const double dtS = static_cast<double>(s.tMs - prev->tMs) / 1000.0;
    const std::array<std::pair<uint64_t, uint64_t>, 5> totals{{
        {s.totals.acquired, prev->totals.acquired},
        {s.totals.timeouts, prev->totals.timeouts},
        {s.totals.created, prev->totals.created},
        {s.totals.destroyed, prev->totals.destroyed},
        {errors(s.totals), errors(prev->totals)},
    }};
    for (size_t i = 0; i < totals.size(); ++i) {
        if (!known[i]) continue;
        if (dtS <= 0) {
            v[first + i] = prevValues[first + i];  // same instant: keep the last rate
        } else if (totals[i].first >= totals[i].second) {
            v[first + i] = static_cast<float>((totals[i].first - totals[i].second) / dtS);
        }  // else a counter reset (new process): 0
    }
    return v;
}

/// Min and max that skip unreported (NaN) samples: NaN only when both are.
inline float minKnown(float a, float b) { return std::fmin(a, b); }
inline float maxKnown(float a, float b) { return std::fmax(a, b); }

/// Grows `vec` to hold index `i` (appending in order), or overwrites in place.
template <typename T>
void put(std::vector<T>& vec, size_t i, T x, size_t limit) {
    if (i < vec.size()) {
        vec[i] = x;
        return;
    }
    // Grow by doubling, never past the ring size. Small at first: a fleet's
    // thousands of pools each start a Timeline (16 columns, 2 pyramid levels);
    // 1,024 slots each made that 330 KB per pool before its second sample.
    if (vec.size() == vec.capacity()) vec.reserve(std::min(limit, std::max<size_t>(64, vec.size() * 2)));
    vec.push_back(x);
}

}  // namespace

std::string_view toString(Metric metric) {
    static constexpr std::array<std::string_view, kMetricCount> names{
        "open",     "idle",     "in_use",   "waiting",      "allocating",   "returning",
        "max_open", "wait_p50", "wait_p95", "wait_p99",     "wait_max",     "acquire_rate",
        "timeout_rate", "created_rate", "destroyed_rate", "error_rate",
    };
    return names[static_cast<size_t>(metric)];
}

/// One pool's samples: a ring of `phys` slots per column (phys = capacity
/// rounded up to a multiple of kL2 so pyramid blocks never straddle the wrap).
/// Sample number s (0 = first ever appended) lives in slot s % phys, and its
/// level-l block summary in slot (s % phys) / blockSize(l).
struct Timeline::Series {
    struct Level {
        std::vector<float> mn, mx;
    };
    size_t cap = 0;
    size_t phys = 0;
    uint64_t total = 0;  // samples ever appended
    uint64_t lap = 0;    // largest multiple of phys <= total: slot() without a division
    std::vector<int64_t> t;
    std::array<std::vector<float>, kMetricCount> v;
    std::array<std::array<Level, 2>, kMetricCount> pyramid;
    PoolSnapshot latest;
    std::array<float, kMetricCount> lastValues{};

    explicit Series(size_t capacity)
        : cap(capacity), phys((capacity + kL2 - 1) / kL2 * kL2) {}

    uint64_t count() const { return std::min<uint64_t>(total, cap); }
    uint64_t firstSeq() const { return total - count(); }
    /// seq % phys for a stored sample or the next one (total - phys <= seq <= total).
    size_t slot(uint64_t seq) const {
        return static_cast<size_t>(seq >= lap ? seq - lap : seq + phys - lap);
    }
    int64_t timeOf(uint64_t seq) const { return t[slot(seq)]; }
    float valueOf(size_t m, uint64_t seq) const { return v[m][slot(seq)]; }

    void push(int64_t tMs, const std::array<float, kMetricCount>& values) {
        const uint64_t s = total;
        const size_t i = slot(s);
        put(t, i, tMs, phys);
        for (size_t m = 0; m < kMetricCount; ++m) {
            const float x = values[m];
            put(v[m], i, x, phys);
            const uint64_t sizes[2] = {kL1, kL2};
            for (size_t l = 0; l < 2; ++l) {
                Level& lv = pyramid[m][l];
                const size_t slots = phys / sizes[l];
                const size_t b = i / sizes[l];
                if (i % sizes[l] == 0) {
                    put(lv.mn, b, x, slots);
                    put(lv.mx, b, x, slots);
                } else {
                    lv.mn[b] = minKnown(lv.mn[b], x);
                    lv.mx[b] = maxKnown(lv.mx[b], x);
                }
            }
        }
        lastValues = values;
        if (++total - lap == phys) lap += phys;
    }

    /// First stored sample with time >= tMs (absolute seq; total when none).
    uint64_t lowerBound(int64_t tMs) const { return lowerBound(tMs, firstSeq(), total); }
    /// Same within [lo, hi) (samples before lo are < tMs).
    uint64_t lowerBound(int64_t tMs, uint64_t lo, uint64_t hi) const {
        while (lo < hi) {
            const uint64_t mid = lo + (hi - lo) / 2;
            if (timeOf(mid) < tMs) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// First sample in [from, end) with time >= tMs, searching forward from
    /// `from` in doubling steps: O(log distance), cheap for a nearby answer.
    uint64_t gallop(int64_t tMs, uint64_t from, uint64_t end) const {
        uint64_t lo = from, step = 1;
        while (lo + step < end && timeOf(lo + step) < tMs) {
            lo += step;
            step *= 2;
        }
        return lowerBound(tMs, lo, std::min(end, lo + step + 1));
    }

    /// Min and max of metric m over samples [a, b), a < b, all stored;
    /// unreported samples are skipped, and both are NaN when every one is.
    void rangeMinMax(size_t m, uint64_t a, uint64_t b, float& mn, float& mx) const {
        mn = std::numeric_limits<float>::infinity();
        mx = -mn;
        const float* col = v[m].data();
        auto raw = [&](uint64_t s) {
            const float x = col[slot(s)];
            mn = minKnown(mn, x);
            mx = maxKnown(mx, x);
        };
        auto block = [&](int l, uint64_t s) {
            const size_t b = slot(s) / (l == 0 ? kL1 : kL2);
            mn = minKnown(mn, pyramid[m][size_t(l)].mn[b]);
            mx = maxKnown(mx, pyramid[m][size_t(l)].mx[b]);
        };
        while (a < b && a % kL1 != 0) raw(a++);
        while (a + kL1 <= b && a % kL2 != 0) { block(0, a); a += kL1; }
        while (a + kL2 <= b) { block(1, a); a += kL2; }
        while (a + kL1 <= b) { block(0, a); a += kL1; }
        while (a < b) raw(a++);
        if (mn > mx) mn = mx = kUnreported;  // nothing reported in the range
    }

    size_t bytes() const {
        size_t n = t.capacity() * sizeof(int64_t);
        for (size_t m = 0; m < kMetricCount; ++m) {
            n += v[m].capacity() * sizeof(float);
            for (const Level& l : pyramid[m]) n += (l.mn.capacity() + l.mx.capacity()) * sizeof(float);
        }
        return n;
    }
};

Timeline::Timeline(size_t capacity) : capacity_(std::max<size_t>(capacity, 1)) {}

Timeline::~Timeline() = default;

const Timeline::Series* Timeline::find(const std::string& pool) const {
    auto it = series_.find(pool);
    return it == series_.end() ? nullptr : it->second.get();
}

void Timeline::append(const PoolSnapshot& snapshot) {
    std::lock_guard lock(mu_);
    auto& slot = series_[snapshot.pool];
    if (!slot) {
        slot = std::make_unique<Series>(capacity_);
        order_.push_back(snapshot.pool);
    }
    Series& s = *slot;
    const bool hasPrev = s.total > 0;
    if (hasPrev && snapshot.tMs < s.latest.tMs) return;  // out of order: refused
    s.push(snapshot.tMs,
           extract(snapshot, hasPrev ? &s.latest : nullptr, s.lastValues.data()));
    s.latest = snapshot;
}

std::vector<std::string> Timeline::pools() const {
    std::lock_guard lock(mu_);
    return order_;
}

std::optional<PoolSnapshot> Timeline::latest(const std::string& pool) const {
    std::lock_guard lock(mu_);
    const Series* s = find(pool);
    if (!s || s->total == 0) return std::nullopt;
    return s->latest;
}

std::optional<std::pair<int64_t, int64_t>> Timeline::span(const std::string& pool) const {
    std::lock_guard lock(mu_);
    const Series* s = find(pool);
    if (!s || s->count() == 0) return std::nullopt;
    return std::make_pair(s->timeOf(s->firstSeq()), s->timeOf(s->total - 1));
}

std::vector<MinMaxBucket> Timeline::decimate(const std::string& pool, Metric metric,
                                             int64_t fromMs, int64_t toMs, int columns) const {
    std::vector<MinMaxBucket> out;
    if (columns <= 0 || toMs <= fromMs) return out;
    std::lock_guard lock(mu_);
    const Series* s = find(pool);
    if (!s || s->count() == 0) return out;
    const auto m = static_cast<size_t>(metric);
    const uint64_t end = s->lowerBound(toMs);
    uint64_t a = s->lowerBound(fromMs);
    if (a >= end) return out;
    out.reserve(static_cast<size_t>(std::min<uint64_t>(columns, end - a)));
    // Column k is [edge(k), edge(k+1)) with edge(k) = from + ceil(span * k / columns),
    // so a sample at x belongs to column floor((x - from) * columns / span) exactly.
    const __int128 span = toMs - fromMs;
    auto edge = [&](int k) {
        return fromMs + static_cast<int64_t>((span * k + columns - 1) / columns);
    };
    // Jump straight to the column of the next sample: empty columns cost nothing.
    while (a < end) {
        const int col = static_cast<int>((s->timeOf(a) - fromMs) * __int128{columns} / span);
        const int64_t t0 = edge(col);
        const int64_t t1 = edge(col + 1);
        const uint64_t b = s->gallop(t1, a + 1, end);
        float mn, mx;
        s->rangeMinMax(m, a, b, mn, mx);
        out.push_back({t0, t1, mn, mx, s->valueOf(m, b - 1)});
        a = b;
    }
    return out;
}

size_t Timeline::size(const std::string& pool) const {
    std::lock_guard lock(mu_);
    const Series* s = find(pool);
    return s ? static_cast<size_t>(s->count()) : 0;
}

void Timeline::clear() {
    std::lock_guard lock(mu_);
    series_.clear();
    order_.clear();
    ++resets_;
}

void Timeline::removePool(const std::string& pool) {
    std::lock_guard lock(mu_);
    series_.erase(pool);
    order_.erase(std::remove(order_.begin(), order_.end(), pool), order_.end());
    ++resets_;
}

uint64_t Timeline::resets() const {
    std::lock_guard lock(mu_);
    return resets_;
}

std::optional<double> Timeline::valueAt(const std::string& pool, Metric metric,
                                        int64_t tMs) const {
    std::lock_guard lock(mu_);
    const Series* s = find(pool);
    if (!s || s->count() == 0 || tMs == std::numeric_limits<int64_t>::max()) return std::nullopt;
    const uint64_t after = s->lowerBound(tMs + 1);
    if (after == s->firstSeq()) return std::nullopt;
    return s->valueOf(static_cast<size_t>(metric), after - 1);
}

void Timeline::forEachSample(const std::string& pool, int64_t fromMs, int64_t toMs,
                             const std::function<void(int64_t, const double*)>& visit) const {
    std::lock_guard lock(mu_);
    const Series* s = find(pool);
    if (!s || toMs <= fromMs) return;
    std::array<double, kMetricCount> values{};
    for (uint64_t i = s->lowerBound(fromMs), end = s->lowerBound(toMs); i < end; ++i) {
        for (size_t m = 0; m < kMetricCount; ++m) values[m] = s->valueOf(m, i);
        visit(s->timeOf(i), values.data());
    }
}

double Timeline::bytesPerSample() {
    const double perMetric = sizeof(float) + 2.0 * sizeof(float) / kL1 + 2.0 * sizeof(float) / kL2;
    return sizeof(int64_t) + kMetricCount * perMetric;
}

size_t Timeline::memoryBytes() const {
    std::lock_guard lock(mu_);
    size_t n = 0;
    for (const auto& [name, s] : series_) n += s->bytes();
    return n;
}

}  // namespace poolscope
