#pragma once
// Saturating arithmetic on ms timestamps: times read from a damaged or
// hostile recording can be anything, and must never overflow.

#include <cstdint>
#include <limits>

namespace poolscope {

/// a + b, clamped to the int64 range.
constexpr int64_t addSaturating(int64_t a, int64_t b) {
    if (b > 0 && a > std::numeric_limits<int64_t>::max() - b) return std::numeric_limits<int64_t>::max();
    if (b < 0 && a < std::numeric_limits<int64_t>::min() - b) return std::numeric_limits<int64_t>::min();
    return a + b;
}

/// a - b, clamped to the int64 range.
constexpr int64_t subSaturating(int64_t a, int64_t b) {
    if (b < 0 && a > std::numeric_limits<int64_t>::max() + b) return std::numeric_limits<int64_t>::max();
    if (b > 0 && a < std::numeric_limits<int64_t>::min() + b) return std::numeric_limits<int64_t>::min();
    return a - b;
}

}  // namespace poolscope
