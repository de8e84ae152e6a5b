// `poolscope-bench replay --snapshots N`: how fast a recording of N snapshots
// (10 Hz: 864000 = 24 h) opens and seeks. The file is generated first (not
// timed): one pool of 10 connections whose counts, totals, holders and wait
// times change every snapshot, each line as the headless mode prints it.
//   open_ms: RecordingReader::open and the first frame parsed into a
//            PoolSnapshot (what a GUI shows first).
//   seek_ms: the worst of --seeks random seeks (default 20), each the state
//            at t (frames parsed) plus the chart figures of the minute before.
// The file is in the page cache (just written): a cold disk adds its latency.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>

#include "core/recording/RecordingReader.h"
#include "core/recording/RecordingWriter.h"
#include "core/telemetry/SnapshotLineParser.h"
#include "core/telemetry/SnapshotJson.h"
#include "tests/bench/BenchCommand.h"

namespace poolscope::bench {
namespace {

using Clk = std::chrono::steady_clock;
constexpr int64_t kT0 = 1'714'557'600'000;

double msSince(Clk::time_point t) { return std::chrono::duration<double, std::milli>(Clk::now() - t).count(); }

/// The pool's state evolving one snapshot (100 ms) at a time.
class SnapshotSource {
public:
    SnapshotSource() {
        s_.pool = "default";
        s_.driver = "postgresql";
        s_.lifecycle = Lifecycle::Started;
        s_.config.maxOpen = 10;
        s_.config.leakThresholdMs = 5000;
        s_.lint.push_back({LintFinding::Level::Info, "no_validation",
                           "validate=never: a connection broken by a server restart is found by its user"});
        for (uint64_t c = 1; c <= 10; ++c)
            s_.connections.push_back({c, ConnState::Idle, kT0, kT0, 0, "", static_cast<int64_t>(4000 + c), false});
    }
    const PoolSnapshot& next(int64_t i) {
        s_.tMs = kT0 + i * 100;
        const int64_t inUse = static_cast<int64_t>(rng_() % 11);
        s_.counts = {10, 10 - inUse, inUse, 0, 0, inUse == 10 ? static_cast<int64_t>(rng_() % 20) : 0};
        const uint64_t acquires = 50 + rng_() % 100;
        s_.totals.acquired += acquires;
        s_.totals.released += acquires;
        s_.totals.waitCount += s_.counts.waiting;
        s_.totals.waitMs += static_cast<double>(s_.counts.waiting) * 1.5;
        s_.wait = {0.0, 0.25 * static_cast<double>(rng_() % 8), 0.125 * static_cast<double>(rng_() % 64),
                   static_cast<double>(rng_() % 200) / 8.0};
        for (size_t e = 0; e < s_.transitions.size(); ++e) s_.transitions[e] += acquires;
        for (int64_t c = 0; c < 10; ++c) {
            auto& ci = s_.connections[static_cast<size_t>(c)];
            const bool busy = c < inUse;
            if (busy != (ci.state == ConnState::InUse)) ci.sinceMs = s_.tMs;
            ci.state = busy ? ConnState::InUse : ConnState::Idle;
            ci.uses += acquires / 10;
            ci.holder = busy ? "OrderService.handle#" + std::to_string(rng_() % 500) : "";
        }
        return s_;
    }

private:
    PoolSnapshot s_;
    std::mt19937_64 rng_{42};
};

}  // namespace

int runReplayBench(const BenchArgs& args) {
    const double wanted = args.number("snapshots", 864'000);
    const int seeks = static_cast<int>(args.number("seeks", 20));
    if (wanted < 1 || wanted > 1e8 || seeks < 1) {
        std::fprintf(stderr, "poolscope-bench replay: --snapshots must be 1 to 1e8, --seeks >= 1\n");
        return 2;
    }
    const auto n = static_cast<int64_t>(wanted);
    namespace fs = std::filesystem;
    const auto it = args.values.find("file");
    const std::string path = it != args.values.end()
                                 ? it->second
                                 : (fs::temp_directory_path() /
                                    ("poolscope-bench-replay-" + std::to_string(getpid()) + ".psrec"))
                                       .string();
    const bool keep = args.number("keep", 0) != 0;

    // Generate (not timed).
    const auto g0 = Clk::now();
    {
        RecordingMeta meta;
        meta.appVersion = "bench";
        meta.source = "postgresql://app:***@db:5432/orders";
        meta.startMs = kT0;
        auto writer = RecordingWriter::create(path, meta);
        if (!writer) {
            std::fprintf(stderr, "poolscope-bench replay: %s\n", writer.message().c_str());
            return 1;
        }
        SnapshotSource source;
        RecordingBatch batch;
        for (int64_t i = 0; i < n; ++i) {
            const PoolSnapshot& s = source.next(i);
            batch.snapshots.push_back(RecordedSnapshot::of(s, snapshotToJsonLine(s)));
            if (batch.snapshots.size() == 10'000 || i + 1 == n) {
                if (Status st = (*writer)->write(batch); !st) {
                    std::fprintf(stderr, "poolscope-bench replay: %s\n", st.message().c_str());
                    return 1;
                }
                batch.snapshots.clear();
            }
        }
        if (Status st = (*writer)->close(kT0 + n * 100); !st) {
            std::fprintf(stderr, "poolscope-bench replay: %s\n", st.message().c_str());
            return 1;
        }
    }
    std::error_code ec;
    const auto bytes = fs::file_size(path, ec);
    std::fprintf(stderr, "poolscope-bench replay: generated %s in %.1f s: %llu bytes, %.1f bytes per snapshot\n",
                 path.c_str(), msSince(g0) / 1000, static_cast<unsigned long long>(bytes),
                 static_cast<double>(bytes) / static_cast<double>(n));

    // Open and the first frame.
    const auto o0 = Clk::now();
    auto reader = RecordingReader::open(path);
    if (!reader || !(*reader)->span()) {
        std::fprintf(stderr, "poolscope-bench replay: %s\n", reader ? "no snapshots" : reader.message().c_str());
        return 1;
    }
    auto first = (*reader)->framesAt((*reader)->span()->firstMs);
    if (!first || first->empty() || !SnapshotLineParser::parse(first->front().line)) {
        std::fprintf(stderr, "poolscope-bench replay: BUG: no first frame\n");
        return 1;
    }
    const double openMs = msSince(o0);

    // Seeks.
    std::mt19937_64 rng(7);
    double worst = 0, total = 0;
    const TimeSpan span = *(*reader)->span();
    const int64_t poolId = (*reader)->pools().front().id;
    for (int k = 0; k < seeks; ++k) {
        const int64_t t = span.firstMs + static_cast<int64_t>(rng() % static_cast<uint64_t>(span.lastMs - span.firstMs + 1));
        const auto s0 = Clk::now();
        auto frames = (*reader)->framesAt(t);
        auto chart = (*reader)->samples(poolId, t - 60'000, t);
        const bool ok = frames && !frames->empty() && SnapshotLineParser::parse(frames->front().line) && chart;
        const double ms = msSince(s0);
        if (!ok) {
            std::fprintf(stderr, "poolscope-bench replay: BUG: seek to %lld failed\n", static_cast<long long>(t));
            return 1;
        }
        worst = std::max(worst, ms);
        total += ms;
    }
    std::fprintf(stderr, "poolscope-bench replay: %d seeks, mean %.2f ms, worst %.2f ms\n", seeks, total / seeks, worst);
    std::printf("replay snapshots=%lld open_ms=%.1f seek_ms=%.1f\n", static_cast<long long>(n), openMs, worst);
    reader->reset();
    if (!keep) fs::remove(path, ec);
    return 0;
}

}  // namespace poolscope::bench
