// Connection-cycle throughput, measured the way ../shared/bench/peers measures
// HikariCP, Go database/sql and a naive mutex pool: T threads loop
// acquire+release; a warm-up is not counted; each thread counts locally and
// publishes once; ops/s = cycles in the window / window time.
//
// Fairness, on a second line: every thread times one acquire in kTimedEvery
// (two clock reads on every acquire would cost a third of a fast cycle) into
// a histogram of its own, giving acquire-wait percentiles and the longest
// timed wait; the pool's own slow-path maximum (every acquire that waited,
// over the pool's 10 s window, so the warm-up is included) and the spread of cycles per thread complete the picture: a
// starved thread shows as a low minimum.
#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <thread>
#include <vector>

#include "core/pool/Pool.h"
#include "tests/bench/BenchCommand.h"

namespace poolscope::bench {
namespace {

/// A driver whose connections do nothing: the benchmark measures the pool.
class NullDriver final : public Driver {
public:
    std::atomic<int> opens{0};
    std::string_view name() const override { return "null"; }
    std::string displayUrl() const override { return "null://"; }
    Result<std::unique_ptr<Connection>> connect(Deadline) override {
        ++opens;
        return std::unique_ptr<Connection>(std::make_unique<NullConnection>());
    }

private:
    struct NullConnection final : Connection {
        Status validate(Deadline) override { return Status::ok(); }
        Result<QueryResult> execute(std::string_view, Deadline) override { return QueryResult{}; }
    };
};

/// Log-linear latency histogram in nanoseconds: exact below 32 ns, then 16
/// sub-buckets per power of two (relative error under 1/16).
class LatencyHistogram {
public:
    static constexpr int kBuckets = 32 + 59 * 16;
    void record(uint64_t ns) {
        ++counts_[static_cast<size_t>(bucketOf(ns))];
        ++total_;
        max_ = std::max(max_, ns);
    }
    void merge(const LatencyHistogram& o) {
        for (size_t i = 0; i < counts_.size(); ++i) counts_[i] += o.counts_[i];
        total_ += o.total_;
        max_ = std::max(max_, o.max_);
    }
    uint64_t total() const { return total_; }
    uint64_t max() const { return max_; }
    /// Upper bound of the bucket holding the q-quantile (0 < q <= 1), ns.
    uint64_t quantile(double q) const {
        if (total_ == 0) return 0;
        const auto rank = static_cast<uint64_t>(q * static_cast<double>(total_) + 0.999999);
        uint64_t seen = 0;
        for (int i = 0; i < kBuckets; ++i) {
            seen += counts_[static_cast<size_t>(i)];
            if (seen >= rank) return std::min(upperOf(i), max_);
        }
        return max_;
    }

private:
    static int bucketOf(uint64_t ns) {
        if (ns < 32) return static_cast<int>(ns);
        const int e = 63 - std::countl_zero(ns);  // >= 5
        return 32 + (e - 5) * 16 + static_cast<int>((ns >> (e - 4)) & 15);
    }
    static uint64_t upperOf(int b) {
        if (b < 32) return static_cast<uint64_t>(b);
        const int e = (b - 32) / 16 + 5, sub = (b - 32) % 16;
        return ((uint64_t{16} + static_cast<uint64_t>(sub) + 1) << (e - 4)) - 1;
    }
    std::array<uint64_t, kBuckets> counts_{};
    uint64_t total_ = 0;
    uint64_t max_ = 0;
};

/// One acquire in this many is timed (per thread).
constexpr unsigned kTimedEvery = 16;

struct alignas(128) Count {
    unsigned long long ops = 0;
    unsigned long long errors = 0;
    LatencyHistogram waits;
};

}  // namespace

int runCycleBench(const BenchArgs& args) {
    const int threads = static_cast<int>(args.number("threads", 8));
    const int poolSize = static_cast<int>(args.number("pool", 10));
    const double seconds = args.number("seconds", 3);
    const double warmup = args.number("warmup", 2);
    if (threads < 1 || poolSize < 1 || seconds <= 0 || warmup < 0) {
        std::fprintf(stderr, "poolscope-bench cycle: --threads and --pool must be >= 1, --seconds > 0\n");
        return 2;
    }
    auto driver = std::make_shared<NullDriver>();
    PoolConfig config;
    config.name = "bench";
    config.maxOpen = poolSize;
    config.maxIdle = poolSize;
    config.minIdle = poolSize;  // like the peers: the pool is full before the loop
    config.acquireTimeoutMs = 30'000;
    Pool pool(config, driver);
    if (Status s = pool.start(); !s) {
        std::fprintf(stderr, "poolscope-bench cycle: %s\n", s.message().c_str());
        return 1;
    }
    // --exporter 1: the pool is served meanwhile (publisher + a /metrics scraper).
    std::shared_ptr<void> serving;
    if (args.number("exporter", 0) != 0) serving = serveForCycleBench(pool);

    std::atomic<int> phase{0};  // 0 warm-up, 1 measuring, 2 stop
    std::vector<Count> counts(static_cast<size_t>(threads));
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            Count local;
            int p;
            unsigned n = 0;
            while ((p = phase.load(std::memory_order_relaxed)) != 2) {
                const bool timed = p == 1 && ++n % kTimedEvery == 0;
                const auto t0 = timed ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{};
                auto lease = pool.acquire();
                if (timed)
                    local.waits.record(static_cast<uint64_t>(
                        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0)
                            .count()));
                if (!lease) {
                    if (p == 1) ++local.errors;
                    continue;
                }
                lease->release().isOk();
                if (p == 1) ++local.ops;
            }
            counts[static_cast<size_t>(t)] = std::move(local);
        });
    }
    using Clk = std::chrono::steady_clock;
    std::this_thread::sleep_for(std::chrono::duration<double>(warmup));
    const auto t0 = Clk::now();
    phase.store(1, std::memory_order_relaxed);
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    phase.store(2, std::memory_order_relaxed);
    const auto t1 = Clk::now();
    for (auto& w : workers) w.join();
    serving.reset();
    unsigned long long ops = 0, errors = 0;
    for (const auto& c : counts) {
        ops += c.ops;
        errors += c.errors;
    }
    const double elapsed = std::chrono::duration<double>(t1 - t0).count();
    const PoolSnapshot s = pool.snapshot();
    std::fprintf(stderr,
                 "poolscope: ops=%llu elapsed=%.3fs physical_opens=%d open=%lld idle=%lld in_use=%lld "
                 "errors=%llu acquired_total=%llu released_total=%llu wait_count=%llu events_dropped=%llu\n",
                 ops, elapsed, driver->opens.load(), static_cast<long long>(s.counts.open),
                 static_cast<long long>(s.counts.idle), static_cast<long long>(s.counts.inUse), errors,
                 static_cast<unsigned long long>(s.totals.acquired),
                 static_cast<unsigned long long>(s.totals.released),
                 static_cast<unsigned long long>(s.totals.waitCount),
                 static_cast<unsigned long long>(s.totals.eventsDropped));
    std::printf("poolscope threads=%d pool=%d ops_per_sec=%.0f\n", threads, poolSize,
                static_cast<double>(ops) / elapsed);
    LatencyHistogram waits;
    std::vector<unsigned long long> perThread;
    for (const auto& c : counts) {
        waits.merge(c.waits);
        perThread.push_back(c.ops);
    }
    std::sort(perThread.begin(), perThread.end());
    const auto us = [](uint64_t ns) { return static_cast<double>(ns) / 1000.0; };
    std::printf("poolscope-fairness threads=%d pool=%d timed_acquires=%llu (1 in %u) wait_p50_us=%.3f "
                "wait_p99_us=%.3f wait_p999_us=%.3f wait_max_us=%.1f pool_wait_max_ms=%.3f "
                "cycles_per_thread_min=%llu cycles_per_thread_median=%llu cycles_per_thread_max=%llu\n",
                threads, poolSize, static_cast<unsigned long long>(waits.total()), kTimedEvery,
                us(waits.quantile(0.5)), us(waits.quantile(0.99)), us(waits.quantile(0.999)), us(waits.max()),
                s.wait.max, perThread.front(), perThread[perThread.size() / 2], perThread.back());
    const bool consistent = s.counts.idle == poolSize && s.counts.inUse == 0 && errors == 0 &&
                            s.totals.acquired == s.totals.released;
    if (!consistent) std::fprintf(stderr, "poolscope-bench cycle: BUG: the pool is not back to all idle\n");
    return consistent ? 0 : 1;
}

}  // namespace poolscope::bench
