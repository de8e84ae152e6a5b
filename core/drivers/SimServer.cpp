#include "core/drivers/SimServer.h"

#include <algorithm>
#include <random>

namespace poolscope {
namespace {

constexpr uint64_t kCountMask = 0xFFFF'FFFFull;

int64_t msToNs(double ms) { return static_cast<int64_t>(ms * 1e6); }

/// A per-thread generator: no lock, distinct seeds even where random_device
/// is deterministic.
std::mt19937_64& rng() {
    static std::atomic<uint64_t> counter{0};
    thread_local std::mt19937_64 engine = [] {
        std::random_device rd;
        std::seed_seq seq{rd(), rd(), static_cast<unsigned>(counter.fetch_add(1))};
        return std::mt19937_64(seq);
    }();
    return engine;
}

/// How far generation `g` is ahead of the one stored in `state` (mod 2^32).
int32_t distance(uint64_t g, uint64_t state) {
    return static_cast<int32_t>(static_cast<uint32_t>(g) - static_cast<uint32_t>(state >> 32));
}

}  // namespace

SimServer::SimServer(Options options)
    : options_(options),
      connectNs_(msToNs(options.connectMs)),
      queryNs_(msToNs(options.queryMs)),
      jitterNs_(msToNs(options.jitterMs)),
      restartEveryNs_(options.restartEveryS > 0
                          ? std::max<int64_t>(1, static_cast<int64_t>(options.restartEveryS * 1e9))
                          : 0),
      start_(std::chrono::steady_clock::now()) {}

uint64_t SimServer::restarts() const {
    uint64_t gen = manualRestarts_.load(std::memory_order_acquire);
    if (restartEveryNs_ > 0) {
        const auto elapsed = std::chrono::steady_clock::now() - start_;
        gen += static_cast<uint64_t>(
            std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count() /
            restartEveryNs_);
    }
    return gen;
}

std::optional<SimServer::Session> SimServer::open() {
    uint64_t gen = restarts();
    uint64_t s = state_.load(std::memory_order_acquire);
    for (;;) {
        const int32_t ahead = distance(gen, s);
        if (ahead < 0) {  // a newer generation was stored after we read ours
            gen = restarts();
            s = state_.load(std::memory_order_acquire);
            continue;
        }
        const uint64_t count = ahead > 0 ? 0 : (s & kCountMask);
        if (options_.maxServerConns > 0 && count >= static_cast<uint64_t>(options_.maxServerConns))
            return std::nullopt;
        const uint64_t next =
            (static_cast<uint64_t>(static_cast<uint32_t>(gen)) << 32) | (count + 1);
        if (state_.compare_exchange_weak(s, next, std::memory_order_acq_rel)) break;
    }
    return Session{gen, nextSessionId_.fetch_add(1, std::memory_order_relaxed)};
}

void SimServer::close(uint64_t generation) {
    uint64_t s = state_.load(std::memory_order_acquire);
    for (;;) {
        if (distance(generation, s) != 0 || (s & kCountMask) == 0) return;
        if (state_.compare_exchange_weak(s, s - 1, std::memory_order_acq_rel)) return;
    }
}

int64_t SimServer::openSessions() const {
    const uint64_t gen = restarts();
    const uint64_t s = state_.load(std::memory_order_acquire);
    return distance(gen, s) > 0 ? 0 : static_cast<int64_t>(s & kCountMask);
}

bool SimServer::rollFailure() const {
    if (options_.failPct <= 0) return false;
    if (options_.failPct >= 100) return true;
    return std::uniform_real_distribution<double>(0.0, 100.0)(rng()) < options_.failPct;
}

std::chrono::nanoseconds SimServer::sample(int64_t baseNs) const {
    if (jitterNs_ == 0) return std::chrono::nanoseconds(baseNs);
    const int64_t offset = std::uniform_int_distribution<int64_t>(-jitterNs_, jitterNs_)(rng());
    return std::chrono::nanoseconds(std::max<int64_t>(0, baseNs + offset));
}

}  // namespace poolscope
