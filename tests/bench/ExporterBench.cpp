// Exporter benchmarks: /metrics scrape latency for many pools, events per
// second end to end over the SSE stream, and the load an exporter adds to a
// busy pool (cycle --exporter 1).
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

#include "core/exporter/Exporter.h"
#include "core/exporter/PoolPublisher.h"
#include "core/pool/Pool.h"
#include "core/telemetry/EventJson.h"
#include "tests/bench/BenchCommand.h"

namespace poolscope::bench {
namespace {

using Clk = std::chrono::steady_clock;

std::unique_ptr<Exporter> startExporter(ExporterOptions o = {}) {
    o.port = 0;
    auto e = Exporter::start(o);
    if (!e) {
        std::fprintf(stderr, "poolscope-bench: %s\n", e.message().c_str());
        std::exit(1);
    }
    return std::move(*e);
}

PoolSnapshot syntheticSnapshot(int i) {
    PoolSnapshot s;
    s.pool = "pool-" + std::to_string(i);
    s.driver = "postgresql";
    s.lifecycle = Lifecycle::Started;
    s.counts = {10, 4, 6, 0, 0, 2};
    s.totals.acquired = 1'000'000u + static_cast<uint64_t>(i);
    WaitBuckets b;
    for (int k = 0; k < WaitBuckets::kBounds; ++k) b.cumulative[static_cast<size_t>(k)] = 900'000u + static_cast<uint64_t>(k);
    b.count = 1'000'000u;
    s.waitBuckets = b;
    return s;
}

}  // namespace

int runMetricsBench(const BenchArgs& args) {
    const int pools = static_cast<int>(args.number("pools", 100));
    const int scrapes = static_cast<int>(args.number("scrapes", 200));
    auto exporter = startExporter();
    PoolHealth h;
    for (int i = 0; i < pools; ++i) exporter->publish(syntheticSnapshot(i), {}, h);
    httplib::Client cli("127.0.0.1", exporter->port());
    cli.set_keep_alive(true);
    std::vector<double> ms;
    size_t bytes = 0;
    for (int i = 0; i < scrapes; ++i) {
        const auto t0 = Clk::now();
        auto r = cli.Get("/metrics");
        const auto t1 = Clk::now();
        if (!r || r->status != 200) {
            std::fprintf(stderr, "poolscope-bench metrics: scrape %d failed\n", i);
            return 1;
        }
        bytes = r->body.size();
        ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("metrics pools=%d scrapes=%d median_ms=%.3f p99_ms=%.3f bytes=%zu\n", pools, scrapes,
                ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)], bytes);
    return 0;
}

int runEventsBench(const BenchArgs& args) {
    const double seconds = args.number("seconds", 3);
    const double rate = args.number("rate", 250'000);
    ExporterOptions o;
    o.eventBacklog = static_cast<size_t>(std::max(65536.0, rate * 2));
    o.flightRecorderMinutes = 1;
    auto exporter = startExporter(o);
    PoolSnapshot snap = syntheticSnapshot(0);
    snap.pool = "bench";
    PoolHealth h;
    exporter->publish(snap, {}, h);

    std::atomic<uint64_t> received{0}, lastSeq{0}, outOfOrder{0}, gaps{0};
    std::atomic<bool> connected{false}, done{false};
    std::mutex mu;
    std::thread reader([&] {
        httplib::Client cli("127.0.0.1", exporter->port());
        cli.set_read_timeout(30, 0);
        std::string buf;
        size_t scanned = 0;  // bytes of buf already searched for "\n\n": no rescans of a long message
        cli.Get("/api/v1/pools/bench/events?from=0", [&](const char* data, size_t n) {
            buf.append(data, n);
            connected = true;
            size_t end, begin = 0;
            while ((end = buf.find("\n\n", std::max(begin, scanned))) != std::string::npos) {
                const std::string_view msg = std::string_view(buf).substr(begin, end - begin);
                begin = end + 2;
                scanned = begin;
                if (msg.find("event: gap") != std::string::npos) ++gaps;
                const size_t d = msg.find("event: events\ndata: ");
                if (d == std::string::npos) continue;
                auto batch = eventsFromJsonLine(msg.substr(d + 20));
                if (!batch) {
                    std::fprintf(stderr, "poolscope-bench events: %s\n", batch.message().c_str());
                    return false;
                }
                for (const auto& e : batch->events) {
                    if (e.seq != lastSeq + 1) ++outOfOrder;
                    lastSeq = e.seq;
                }
                received += batch->events.size();
            }
            buf.erase(0, begin);
            scanned = buf.size() > 0 ? buf.size() - 1 : 0;
            return !done.load();
        });
    });
    while (!connected) std::this_thread::yield();

    const auto t0 = Clk::now();
    uint64_t seq = 0;
    std::vector<TransitionEvent> batch;
    const uint64_t total = static_cast<uint64_t>(rate * seconds);
    while (seq < total) {
        const double elapsed = std::chrono::duration<double>(Clk::now() - t0).count();
        const uint64_t due = std::min(total, static_cast<uint64_t>(elapsed * rate));
        if (due <= seq) {
            std::this_thread::sleep_for(std::chrono::microseconds(500));
            continue;
        }
        batch.clear();
        for (; seq < due; ++seq) {
            TransitionEvent e;
            e.seq = seq + 1;
            e.tMs = 1'700'000'000'000 + static_cast<int64_t>(seq / 1000);
            e.monoNs = static_cast<int64_t>(seq) * 1000;
            e.conn = seq % 64;
            e.from = ConnState::Idle;
            e.to = ConnState::Allocating;
            batch.push_back(e);
        }
        exporter->publish(snap, batch, h);
    }
    const auto deadline = Clk::now() + std::chrono::seconds(30);
    while (lastSeq.load() < total && Clk::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const double elapsed = std::chrono::duration<double>(Clk::now() - t0).count();
    done = true;
    exporter->stop();
    reader.join();
    const uint64_t got = received.load();
    std::printf("events rate=%.0f seconds=%.1f delivered_per_sec=%.0f delivered=%llu lost=%llu gaps=%llu\n", rate,
                seconds, static_cast<double>(got) / elapsed, static_cast<unsigned long long>(got),
                static_cast<unsigned long long>(total - std::min(total, got)),
                static_cast<unsigned long long>(gaps.load() + outOfOrder.load()));
    return got == total ? 0 : 1;
}

std::shared_ptr<void> serveForCycleBench(Pool& pool) {
    struct Load {
        std::unique_ptr<Exporter> exporter;
        std::unique_ptr<PoolPublisher> publisher;
        std::atomic<bool> stop{false};
        std::atomic<uint64_t> scrapes{0};
        std::thread scraper;
        ~Load() {
            stop = true;
            scraper.join();
            publisher->stop();
            exporter->stop();
            std::fprintf(stderr, "exporter: %llu scrapes of /metrics\n", static_cast<unsigned long long>(scrapes.load()));
        }
    };
    auto load = std::make_shared<Load>();
    load->exporter = startExporter();
    load->publisher = std::make_unique<PoolPublisher>(*load->exporter, pool, 100);
    load->scraper = std::thread([l = load.get()] {
        httplib::Client cli("127.0.0.1", l->exporter->port());
        cli.set_keep_alive(true);
        auto next = Clk::now();
        while (!l->stop) {
            if (auto r = cli.Get("/metrics"); r && r->status == 200) ++l->scrapes;
            next += std::chrono::milliseconds(100);
            std::this_thread::sleep_until(next);
        }
    });
    return load;
}

}  // namespace poolscope::bench
