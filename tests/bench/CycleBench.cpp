// Connection-cycle throughput, measured the way ../shared/bench/peers measures
// HikariCP, Go database/sql and a naive mutex pool: T threads loop
// acquire+release; a warm-up is not counted; each thread counts locally and
// publishes once; ops/s = cycles in the window / window time.
#include <atomic>
#include <chrono>
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

struct alignas(128) Count {
    unsigned long long ops = 0;
    unsigned long long errors = 0;
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
            while ((p = phase.load(std::memory_order_relaxed)) != 2) {
                auto lease = pool.acquire();
                if (!lease) {
                    if (p == 1) ++local.errors;
                    continue;
                }
                lease->release().isOk();
                if (p == 1) ++local.ops;
            }
            counts[static_cast<size_t>(t)] = local;
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
    const bool consistent = s.counts.idle == poolSize && s.counts.inUse == 0 && errors == 0 &&
                            s.totals.acquired == s.totals.released;
    if (!consistent) std::fprintf(stderr, "poolscope-bench cycle: BUG: the pool is not back to all idle\n");
    return consistent ? 0 : 1;
}

}  // namespace poolscope::bench
