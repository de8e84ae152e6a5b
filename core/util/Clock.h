#pragma once
// One injectable source of time for the whole core. Production code uses
// SteadyClock; tests drive a ManualClock and call Housekeeper::runOnce().

#include <time.h>

#include <atomic>
#include <chrono>
#include <cstdint>

namespace poolscope {

/// CLOCK_MONOTONIC_COARSE in nanoseconds: SteadyClock's coarse clock.
inline int64_t monotonicCoarseNs() {
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

/// Time source. Both functions are thread-safe.
class Clock {
public:
    Clock() = default;
    virtual ~Clock() = default;
    /// Monotonic time in nanoseconds (arbitrary epoch). Used for every age,
    /// duration and deadline inside the pool.
    virtual int64_t nowNs() const = 0;
    /// Wall-clock time in milliseconds since the Unix epoch, for display only.
    virtual int64_t wallMs() const = 0;
    /// nowNs() at a resolution of a few milliseconds, and far cheaper: for the
    /// timestamps the pool takes on every acquire and release (state since,
    /// last use, lifetime). Same epoch as nowNs(); never ahead of it.
    virtual int64_t coarseNowNs() const { return nowNs(); }
    /// coarseNowNs(), without the virtual call when this is the real clock:
    /// the pool reads it twice per acquire and release.
    int64_t coarseNowNsFast() const { return realCoarse_ ? monotonicCoarseNs() : coarseNowNs(); }
    /// Converts a monotonic instant from nowNs() to wall-clock milliseconds.
    int64_t toWallMs(int64_t monoNs) const { return wallMs() - (nowNs() - monoNs) / 1'000'000; }

protected:
    /// For SteadyClock: its coarseNowNs() is monotonicCoarseNs().
    explicit Clock(bool realCoarse) : realCoarse_(realCoarse) {}

private:
    const bool realCoarse_ = false;
};

/// The real clock: std::chrono::steady_clock and system_clock.
class SteadyClock final : public Clock {
public:
    SteadyClock() : Clock(true) {}
    int64_t nowNs() const override {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
    }
    int64_t wallMs() const override {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    }
    int64_t coarseNowNs() const override { return monotonicCoarseNs(); }
};

/// A clock that moves only when told to. Thread-safe.
class ManualClock final : public Clock {
public:
    explicit ManualClock(int64_t startWallMs = 1'700'000'000'000) : wallBaseMs_(startWallMs) {}
    int64_t nowNs() const override { return ns_.load(std::memory_order_acquire); }
    int64_t wallMs() const override { return wallBaseMs_ + nowNs() / 1'000'000; }
    void advanceMs(int64_t ms) { ns_.fetch_add(ms * 1'000'000, std::memory_order_acq_rel); }
    void advanceNs(int64_t ns) { ns_.fetch_add(ns, std::memory_order_acq_rel); }

private:
    std::atomic<int64_t> ns_{1'000'000'000};
    int64_t wallBaseMs_;
};

}  // namespace poolscope
