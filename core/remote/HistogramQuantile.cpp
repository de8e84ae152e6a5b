#include "core/remote/HistogramQuantile.h"

#include <algorithm>
#include <cmath>

namespace poolscope {

std::optional<double> histogramQuantile(double q, std::vector<CumulativeBucket> buckets) {
    if (!(q >= 0 && q <= 1) || buckets.size() < 2 || !std::isinf(buckets.back().upperBound) ||
        buckets.back().upperBound < 0)
        return std::nullopt;
    for (size_t i = 1; i < buckets.size(); ++i)
        buckets[i].count = std::max(buckets[i].count, buckets[i - 1].count);
    const double observations = buckets.back().count;
    if (!(observations > 0)) return 0.0;
    double rank = q * observations;
    size_t b = 0;
    while (b + 1 < buckets.size() && buckets[b].count < rank) ++b;
    if (b == buckets.size() - 1) return buckets[b - 1].upperBound;
    if (b == 0 && buckets[0].upperBound <= 0) return buckets[0].upperBound;
    double start = 0;
    double count = buckets[b].count;
    if (b > 0) {
        start = buckets[b - 1].upperBound;
        count -= buckets[b - 1].count;
        rank -= buckets[b - 1].count;
    }
    if (!(count > 0)) return buckets[b].upperBound;
    return start + (buckets[b].upperBound - start) * (rank / count);
}

}  // namespace poolscope
