#include "core/health/CounterWindow.h"

#include <algorithm>

namespace poolscope {

namespace {

bool wentDown(const PoolTotals& a, const PoolTotals& b) {
    return b.acquired < a.acquired || b.created < a.created || b.destroyed < a.destroyed ||
           b.timeouts < a.timeouts || b.connectErrors < a.connectErrors ||
           b.validationFailures < a.validationFailures || b.closedBroken < a.closedBroken ||
           b.leaks < a.leaks || b.illegalTransitions < a.illegalTransitions ||
           b.eventsDropped < a.eventsDropped;
}

PoolCounts maxOf(const PoolCounts& a, const PoolCounts& b) {
    return {std::max(a.open, b.open),           std::max(a.idle, b.idle),
            std::max(a.inUse, b.inUse),         std::max(a.allocating, b.allocating),
            std::max(a.returning, b.returning), std::max(a.waiting, b.waiting)};
}

}  // namespace

CounterWindow::CounterWindow(int64_t maxWindowNs) : maxWindowNs_(std::max<int64_t>(maxWindowNs, 1)) {}

void CounterWindow::setMaxWindowNs(int64_t maxWindowNs) { maxWindowNs_ = std::max<int64_t>(maxWindowNs, 1); }

void CounterWindow::add(int64_t nowNs, const PoolTotals& totals, const PoolCounts& counts) {
    if (!samples_.empty() && (wentDown(samples_.back().totals, totals) || nowNs < samples_.back().ns))
        samples_.clear();
    // Merge into the newest sample when the previous one is close enough, so
    // a fast evaluator over a long window keeps a bounded history.
    const int64_t granularity = maxWindowNs_ / static_cast<int64_t>(kMaxSamples);
    if (samples_.size() >= 2 && nowNs - samples_[samples_.size() - 2].ns < granularity)
        samples_.back() = {nowNs, totals, maxOf(samples_.back().peaks, counts)};
    else
        samples_.push_back({nowNs, totals, counts});
    // Drop what no window needs: keep one sample at or before now - maxWindow.
    while (samples_.size() >= 2 && samples_[1].ns <= nowNs - maxWindowNs_) samples_.pop_front();
}

uint64_t CounterWindow::increase(int64_t windowNs, uint64_t (*field)(const PoolTotals&)) const {
    if (samples_.size() < 2) return 0;
    const Sample& newest = samples_.back();
    const int64_t start = newest.ns - windowNs;
    const Sample* base = &samples_.front();
    for (const Sample& s : samples_) {
        if (s.ns > start) break;
        base = &s;
    }
    return field(newest.totals) - field(base->totals);
}

int64_t CounterWindow::peak(int64_t windowNs, int64_t (*gauge)(const PoolCounts&)) const {
    if (samples_.empty()) return 0;
    const int64_t start = samples_.back().ns - windowNs;
    int64_t best = gauge(samples_.back().peaks);
    for (const Sample& s : samples_)
        if (s.ns > start) best = std::max(best, gauge(s.peaks));
    return best;
}

}  // namespace poolscope
