#include "core/pool/WaitHistogram.h"

#include <algorithm>
#include <bit>

namespace poolscope {

namespace {

/// WaitBuckets::kUpperBounds in nanoseconds, so record() compares integers.
constexpr std::array<int64_t, WaitBuckets::kBounds> kBoundNs = [] {
    std::array<int64_t, WaitBuckets::kBounds> ns{};
    for (int i = 0; i < WaitBuckets::kBounds; ++i)
        ns[static_cast<size_t>(i)] = static_cast<int64_t>(WaitBuckets::kUpperBounds[static_cast<size_t>(i)] * 1e9 + 0.5);
    return ns;
}();

size_t totalBucketOf(int64_t waitNs) {
    const auto it = std::lower_bound(kBoundNs.begin(), kBoundNs.end(), waitNs);  // first bound >= wait
    return static_cast<size_t>(it - kBoundNs.begin());
}

}  // namespace

WaitHistogram::WaitHistogram(int64_t sliceMs) : sliceNs_(std::max<int64_t>(1, sliceMs) * 1'000'000) {}

int WaitHistogram::bucketOf(uint64_t us) {
    if (us < 16) return static_cast<int>(us);
    const int e = 63 - std::countl_zero(us);  // e >= 4
    const int sub = static_cast<int>((us >> (e - 4)) & 15);
    return std::min(kBuckets - 1, 16 + (e - 4) * 16 + sub);
}

double WaitHistogram::bucketValueUs(int bucket) {
    if (bucket < 16) return bucket;
    const int e = (bucket - 16) / 16 + 4;
    const int sub = (bucket - 16) % 16;
    const double low = static_cast<double>((16ULL + sub) << (e - 4));
    const double width = static_cast<double>(1ULL << (e - 4));
    return low + width / 2;
}

WaitHistogram::Slice& WaitHistogram::sliceFor(int64_t nowNs, uint64_t acquiredTotal) {
    const int64_t index = nowNs / sliceNs_;
    Slice& s = slices_[static_cast<size_t>(index % kSubWindows)];
    if (s.index != index) {
        s = Slice{};
        s.index = index;
        s.acquiredAtStart = acquiredTotal;
    }
    return s;
}

void WaitHistogram::record(int64_t waitNs, bool succeeded, int64_t nowNs, uint64_t acquiredTotal) {
    std::lock_guard lock(mu_);
    Slice& s = sliceFor(nowNs, acquiredTotal);
    const uint64_t us = static_cast<uint64_t>(std::max<int64_t>(0, waitNs) / 1000);
    ++s.counts[static_cast<size_t>(bucketOf(us))];
    ++s.recorded;
    if (succeeded) ++s.recordedOk;
    s.maxUs = std::max(s.maxUs, static_cast<double>(std::max<int64_t>(0, waitNs)) / 1000.0);
    const int64_t clamped = std::max<int64_t>(0, waitNs);
    ++totalBuckets_[totalBucketOf(clamped)];
    ++totalRecorded_;
    if (succeeded) ++totalRecordedOk_;
    totalWaitNs_ += static_cast<uint64_t>(clamped);
}

WaitBuckets WaitHistogram::cumulative(uint64_t acquiredTotal) {
    std::lock_guard lock(mu_);
    const uint64_t zeros = acquiredTotal > totalRecordedOk_ ? acquiredTotal - totalRecordedOk_ : 0;
    zerosReported_ = std::max(zerosReported_, zeros);
    WaitBuckets out;
    uint64_t running = zerosReported_;
    for (int i = 0; i < WaitBuckets::kBounds; ++i) {
        running += totalBuckets_[static_cast<size_t>(i)];
        out.cumulative[static_cast<size_t>(i)] = running;
    }
    out.count = running + totalBuckets_[WaitBuckets::kBounds];
    out.sumSeconds = static_cast<double>(totalWaitNs_) / 1e9;
    return out;
}

WaitWindow WaitHistogram::window(int64_t nowNs, uint64_t acquiredTotal) {
    std::lock_guard lock(mu_);
    sliceFor(nowNs, acquiredTotal);  // rotates the current slice in
    const int64_t current = nowNs / sliceNs_;
    std::array<uint64_t, kBuckets> merged{};
    uint64_t recorded = 0, recordedOk = 0;
    uint64_t oldestAcquired = acquiredTotal;
    double maxUs = 0;
    for (const Slice& s : slices_) {
        if (s.index < 0 || s.index <= current - kSubWindows || s.index > current) continue;
        for (int b = 0; b < kBuckets; ++b) merged[b] += s.counts[b];
        recorded += s.recorded;
        recordedOk += s.recordedOk;
        oldestAcquired = std::min(oldestAcquired, s.acquiredAtStart);
        maxUs = std::max(maxUs, s.maxUs);
    }
    // Fast-path acquires in the window, each a zero wait.
    const uint64_t acquiredInWindow = acquiredTotal - oldestAcquired;
    const uint64_t zeros = acquiredInWindow > recordedOk ? acquiredInWindow - recordedOk : 0;
    merged[0] += zeros;
    const uint64_t total = recorded + zeros;
    WaitWindow w;
    if (total == 0) return w;
    auto percentile = [&](double q) {
        const uint64_t rank = std::max<uint64_t>(1, static_cast<uint64_t>(q * static_cast<double>(total) + 0.999999));
        uint64_t seen = 0;
        for (int b = 0; b < kBuckets; ++b) {
            seen += merged[b];
            if (seen >= rank) return std::min(bucketValueUs(b), maxUs) / 1000.0;
        }
        return maxUs / 1000.0;
    };
    w.p50 = percentile(0.50);
    w.p95 = percentile(0.95);
    w.p99 = percentile(0.99);
    w.max = maxUs / 1000.0;
    return w;
}

}  // namespace poolscope
