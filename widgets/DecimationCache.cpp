#include "widgets/DecimationCache.h"

#include <algorithm>
#include <cmath>

namespace poolscope {

namespace {

int64_t floorTo(int64_t t, int64_t step) {
    const int64_t q = t / step;
    return (t % step != 0 && t < 0 ? q - 1 : q) * step;
}

int64_t ceilTo(int64_t t, int64_t step) {
    const int64_t f = floorTo(t, step);
    return f == t ? t : f + step;
}

}  // namespace

int64_t DecimationCache::bucketMs(int64_t spanMs, int columns) {
    const int64_t cols = std::max(2, columns);
    const int64_t raw = std::max<int64_t>(1, (std::max<int64_t>(spanMs, 1) + cols - 2) / (cols - 1));
    // Two significant digits: 73 187 ms -> 74 000 ms.
    int64_t unit = 1;
    while (raw / unit >= 100) unit *= 10;
    return ceilTo(raw, unit);
}

void DecimationCache::invalidate() {
    valid_ = false;
    buckets_.clear();
}

const std::vector<std::vector<MinMaxBucket>>& DecimationCache::update(
    const Timeline& timeline, const std::string& pool, const std::vector<Metric>& metrics,
    int64_t fromMs, int64_t toMs, int columns) {
    const int64_t step = bucketMs(toMs - fromMs, columns);
    const int64_t gridFrom = floorTo(fromMs, step), gridTo = ceilTo(toMs, step);
    const uint64_t resets = timeline.resets();
    const auto span = timeline.span(pool);
    if (!valid_ || &timeline != timeline_ || pool != pool_ || metrics != metrics_ ||
        resets != resets_ || step != step_) {
        invalidate();
        buckets_.assign(metrics.size(), {});
    }
    // Buckets of the last call that can no longer change: at or after the
    // oldest stored sample (older ones may have been dropped from the ring),
    // and before the bucket of the then-newest sample (appends only go there
    // or later).
    int64_t keepFrom = gridTo, keepTo = gridTo;
    if (valid_ && span) {
        keepFrom = std::clamp(std::max(gridFrom_, ceilTo(span->first, step)), gridFrom, gridTo);
        keepTo = std::clamp(std::min(gridTo_, floorTo(lastSampleMs_, step)), keepFrom, gridTo);
    }
    if (keepFrom >= keepTo) keepFrom = keepTo = gridTo;  // nothing reusable

    lastRecomputed_ = 0;
    for (size_t m = 0; m < metrics.size(); ++m) {
        std::vector<MinMaxBucket>& old = buckets_[m];
        std::vector<MinMaxBucket> out;
        auto fresh = [&](int64_t a, int64_t b) {
            if (b <= a) return;
            const auto part =
                timeline.decimate(pool, metrics[m], a, b, static_cast<int>((b - a) / step));
            lastRecomputed_ += part.size();
            out.insert(out.end(), part.begin(), part.end());
        };
        out.reserve(static_cast<size_t>((gridTo - gridFrom) / step) + 1);
        fresh(gridFrom, keepFrom);
        for (const MinMaxBucket& b : old)
            if (b.t0Ms >= keepFrom && b.t1Ms <= keepTo) out.push_back(b);
        fresh(keepTo, gridTo);
        old = std::move(out);
    }
    timeline_ = &timeline;
    pool_ = pool;
    metrics_ = metrics;
    resets_ = resets;
    step_ = step;
    gridFrom_ = gridFrom;
    gridTo_ = gridTo;
    lastSampleMs_ = span ? span->second : gridFrom;
    valid_ = true;
    return buckets_;
}

}  // namespace poolscope
