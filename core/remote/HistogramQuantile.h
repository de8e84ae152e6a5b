#pragma once
// Quantiles of a cumulative `le` histogram, as Prometheus' histogram_quantile()
// computes them: linear interpolation within the bucket that holds the rank.

#include <optional>
#include <utility>
#include <vector>

namespace poolscope {

/// One cumulative bucket: observations <= upperBound.
struct CumulativeBucket {
    double upperBound = 0;  ///< +Inf for the last bucket
    double count = 0;
};

/// The q-quantile (0 <= q <= 1) of `buckets` (sorted by upperBound, ending
/// with +Inf). The lower edge of the first bucket is 0 (or its bound when
/// that is <= 0); a rank in the +Inf bucket returns the highest finite bound.
/// Counts that decrease with the bound are raised to keep them monotonic.
/// 0 when the histogram holds no observations; nullopt when it cannot give a
/// quantile (fewer than two buckets, no +Inf bucket, q outside [0, 1]).
std::optional<double> histogramQuantile(double q, std::vector<CumulativeBucket> buckets);

}  // namespace poolscope
