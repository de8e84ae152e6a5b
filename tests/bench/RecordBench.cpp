// `poolscope-bench record --events N [--source random|pool]`: how fast the
// recorder stores transition events, and how many bytes each costs on disk.
// Events (generated first, not timed) are either `random` (the default, the
// worst case for packing: 64 connections, any legal edge, any reason,
// exponential gaps of ~5 us with ns jitter) or `pool` (a real pool: 4 threads
// acquiring and releasing on the simulated driver, drained as
// Pool::drainEvents hands them over; far more regular, so far smaller). The
// timed part is what a live session pays: Recorder::start, appending the
// events in drains of 1024 (waiting when a million are pending, so the rate
// is what the disk sustains, not what memory absorbs), and close(), after
// which everything is on disk in one file.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <thread>

#include "core/recording/Recorder.h"
#include "core/recording/RecordingReader.h"
#include "core/drivers/SimDriver.h"
#include "core/pool/Pool.h"
#include "tests/bench/BenchCommand.h"

namespace poolscope::bench {
namespace {

/// `n` events from a real pool under load.
std::vector<TransitionEvent> poolEvents(size_t n) {
    PoolConfig config;
    config.name = "bench";
    config.maxOpen = 8;
    config.maxIdle = 8;
    config.minIdle = 8;
    config.housekeepingMs = 0;
    Pool pool(config, std::make_shared<SimDriver>(SimServer::Options{}, "sim://"));
    std::vector<TransitionEvent> events;
    events.reserve(n + 65536);
    if (!pool.start()) return events;
    std::atomic<bool> stop{false};
    std::vector<std::thread> workers;
    for (int t = 0; t < 4; ++t) {
        workers.emplace_back([&] {
            while (!stop.load(std::memory_order_relaxed))
                if (auto lease = pool.acquire("bench")) (void)lease->release();
        });
    }
    while (events.size() < n) {
        if (pool.drainEvents(events) == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    stop = true;
    for (auto& w : workers) w.join();
    events.resize(n);
    return events;
}

/// `n` events as irregular as a busy pool's can be: the worst case for packing.
std::vector<TransitionEvent> randomEvents(size_t n) {
    std::mt19937_64 rng(1);
    std::exponential_distribution<double> gapNs(1.0 / 5000.0);
    std::vector<TransitionEvent> events(n);
    int64_t mono = 1'000'000'000;
    const int64_t wall0 = 1'714'557'600'000;
    for (size_t i = 0; i < n; ++i) {
        TransitionEvent& e = events[i];
        mono += static_cast<int64_t>(gapNs(rng)) + 1;
        e.seq = i + 1;
        e.monoNs = mono;
        e.tMs = wall0 + mono / 1'000'000;
        e.conn = 1 + rng() % 64;
        const ConnEdge edge = kConnEdges[rng() % kConnEdges.size()];
        e.from = edge.from;
        e.to = edge.to;
        e.reason = static_cast<Reason>(rng() % (static_cast<unsigned>(Reason::IllegalAttempt) + 1));
        e.illegal = rng() % 1000 == 0;
    }
    return events;
}

}  // namespace

int runRecordBench(const BenchArgs& args) {
    const double wanted = args.number("events", 1'000'000);
    if (wanted < 1 || wanted > 1e9) {
        std::fprintf(stderr, "poolscope-bench record: --events must be 1 to 1e9\n");
        return 2;
    }
    const auto n = static_cast<size_t>(wanted);
    namespace fs = std::filesystem;
    const auto it = args.values.find("file");
    const std::string path = it != args.values.end()
                                 ? it->second
                                 : (fs::temp_directory_path() /
                                    ("poolscope-bench-record-" + std::to_string(getpid()) + ".psrec"))
                                       .string();
    const bool keep = args.number("keep", 0) != 0;

    const auto source = args.values.count("source") ? args.values.at("source") : std::string("random");
    if (source != "random" && source != "pool") {
        std::fprintf(stderr, "poolscope-bench record: --source must be random or pool\n");
        return 2;
    }
    const std::vector<TransitionEvent> events = source == "pool" ? poolEvents(n) : randomEvents(n);
    if (events.size() != n) {
        std::fprintf(stderr, "poolscope-bench record: the pool would not start\n");
        return 1;
    }
    RecordingMeta meta;
    meta.appVersion = "bench";
    meta.source = "sim://";
    using Clk = std::chrono::steady_clock;
    const auto t0 = Clk::now();
    auto recorder = Recorder::start(path, meta);
    if (!recorder) {
        std::fprintf(stderr, "poolscope-bench record: %s\n", recorder.message().c_str());
        return 1;
    }
    constexpr size_t kDrain = 1024;
    for (size_t i = 0; i < n; i += kDrain) {
        while ((*recorder)->pendingEvents() > 1'000'000) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        const size_t end = std::min(n, i + kDrain);
        (*recorder)->appendEvents("bench", std::vector<TransitionEvent>(events.begin() + static_cast<ptrdiff_t>(i),
                                                                        events.begin() + static_cast<ptrdiff_t>(end)));
    }
    if (Status s = (*recorder)->close(); !s) {
        std::fprintf(stderr, "poolscope-bench record: %s\n", s.message().c_str());
        return 1;
    }
    const double seconds = std::chrono::duration<double>(Clk::now() - t0).count();
    const auto stats = (*recorder)->stats();
    std::error_code ec;
    const auto bytes = fs::file_size(path, ec);

    // Not timed: everything reads back.
    auto reader = RecordingReader::open(path);
    size_t readBack = 0;
    if (reader) {
        if (auto all = (*reader)->events(std::numeric_limits<int64_t>::min() + 2000,
                                         std::numeric_limits<int64_t>::max()))
            readBack = all->size();
    }
    std::fprintf(stderr, "poolscope-bench record: %s: %llu bytes, %llu commits, %.3f s, %zu events read back, dropped %llu\n",
                 path.c_str(), static_cast<unsigned long long>(bytes),
                 static_cast<unsigned long long>(stats.commits), seconds, readBack,
                 static_cast<unsigned long long>(stats.eventsDropped));
    std::printf("record events=%zu events_per_sec=%.0f bytes_per_event=%.2f\n", n,
                static_cast<double>(n) / seconds, static_cast<double>(bytes) / static_cast<double>(n));
    if (!keep) fs::remove(path, ec);
    if (readBack != n || stats.eventsDropped != 0) {
        std::fprintf(stderr, "poolscope-bench record: BUG: %zu of %zu events read back\n", readBack, n);
        return 1;
    }
    return 0;
}

}  // namespace poolscope::bench
