#pragma once
// Test-only: realistic snapshots and events for recording tests, and
// temporary folders.

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/recording/RecordingTypes.h"
#include "core/recording/RecordingWriter.h"
#include "core/telemetry/Snapshot.h"
#include "core/telemetry/SnapshotJson.h"
#include "core/telemetry/TransitionEvent.h"

namespace poolscope::testdata {

namespace fs = std::filesystem;

/// A fresh folder under the test temp dir, removed at the end.
class TempDir {
public:
    TempDir() {
        static std::atomic<int> counter{0};
        path_ = fs::path(testing::TempDir()) /
                ("poolscope-rec-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string file(const std::string& name) const { return (path_ / name).string(); }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

inline std::string readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

inline void writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

constexpr int64_t kT0 = 1'714'557'600'000;  // 2024-05-01 10:00:00 UTC

/// Snapshot number `i` of `pool` at kT0 + i * stepMs: counts, totals and
/// connections vary; holders with quotes and non-ASCII, leaks and lint.
inline PoolSnapshot makeSnapshot(int i, const std::string& pool = "default", int64_t stepMs = 100) {
    PoolSnapshot s;
    s.tMs = kT0 + i * stepMs;
    s.pool = pool;
    s.driver = "sim";
    s.lifecycle = Lifecycle::Started;
    s.config.name = pool;
    s.config.maxOpen = 8;
    s.config.maxIdle = 8;
    s.config.leakThresholdMs = 1000;
    const int64_t inUse = i % 9 > 8 ? 8 : i % 9;
    s.counts = {8, 8 - std::min<int64_t>(inUse, 8), std::min<int64_t>(inUse, 8), 0, 0, i % 5};
    s.totals.acquired = static_cast<uint64_t>(i) * 37;
    s.totals.released = static_cast<uint64_t>(i) * 37 - static_cast<uint64_t>(s.counts.inUse);
    s.totals.created = 8 + static_cast<uint64_t>(i) / 50;
    s.totals.destroyed = static_cast<uint64_t>(i) / 50;
    s.totals.waitCount = static_cast<uint64_t>(i) * 3;
    s.totals.waitMs = i * 1.25;
    s.totals.timeouts = static_cast<uint64_t>(i) / 100;
    s.wait = {0.0, 0.5 * (i % 7), 1.0 / 3.0 + i % 11, 12.5 + i % 13};
    for (size_t e = 0; e < s.transitions.size(); ++e)
        s.transitions[e] = static_cast<uint64_t>(i) * (e + 1);
    for (int c = 0; c < 8; ++c) {
        ConnectionInfo ci;
        ci.id = static_cast<uint64_t>(c + 1);
        ci.state = c < s.counts.inUse ? ConnState::InUse : ConnState::Idle;
        ci.createdMs = kT0 - 1000 + c;
        ci.sinceMs = s.tMs - (c * 7 + i % 3);
        ci.uses = static_cast<uint64_t>(i * 4 + c);
        ci.holder = ci.state == ConnState::InUse ? "OrderService.create \"q\" é-" + std::to_string(c) : "";
        ci.serverId = 4000 + c;
        s.connections.push_back(ci);
    }
    if (i % 10 == 3)
        s.leakReports.push_back({3, "worker-7", 1250, s.tMs - 5, {"handle(Request&)", "main", "0x7f +0x12"}});
    s.lint.push_back({LintFinding::Level::Info, "no_validation", "validate=never: a broken connection is found by its user"});
    if (i % 10 == 7) {
        s.lastConnectError = "connect to sim server timed out after 5 ms";
        s.lastConnectErrorMs = s.tMs - 40;
    }
    return s;
}

inline RecordedSnapshot makeRecorded(int i, const std::string& pool = "default", int64_t stepMs = 100) {
    const PoolSnapshot s = makeSnapshot(i, pool, stepMs);
    return RecordedSnapshot::of(s, snapshotToJsonLine(s));
}

/// `n` events cycling connections through IDLE>ALLOCATING>IN_USE>RETURNING>IDLE,
/// seq from seq0, spread evenly over [t0Ms, t0Ms + spanMs), with ns jitter.
inline std::vector<TransitionEvent> makeEvents(size_t n, uint64_t seq0 = 1, int64_t t0Ms = kT0,
                                               int64_t spanMs = 1000, uint32_t seed = 7) {
    std::mt19937 rng(seed);
    std::vector<TransitionEvent> out;
    out.reserve(n);
    static constexpr ConnState kCycle[] = {ConnState::Idle, ConnState::Allocating, ConnState::InUse,
                                           ConnState::Returning, ConnState::Idle};
    static constexpr Reason kReasons[] = {Reason::Acquire, Reason::Granted, Reason::Release, Reason::Recycle};
    const int64_t stepNs = n ? spanMs * 1'000'000 / static_cast<int64_t>(n) : 0;
    int64_t mono = 5'000'000'000;
    for (size_t i = 0; i < n; ++i) {
        TransitionEvent e;
        e.seq = seq0 + i;
        mono += stepNs / 2 + static_cast<int64_t>(rng() % static_cast<uint32_t>(stepNs + 1));
        e.monoNs = mono;
        e.tMs = t0Ms + static_cast<int64_t>(static_cast<double>(i) * static_cast<double>(spanMs) / static_cast<double>(n));
        e.conn = 1 + rng() % 16;
        const size_t step = i % 4;
        e.from = kCycle[step];
        e.to = kCycle[step + 1];
        e.reason = kReasons[step];
        e.illegal = i % 997 == 5;
        if (e.illegal) e.reason = Reason::IllegalAttempt;
        out.push_back(e);
    }
    return out;
}

/// What writeSample() wrote, to compare with what is read back.
struct Written {
    std::vector<RecordedSnapshot> snapshots;  ///< in recording order
    std::map<std::string, std::vector<TransitionEvent>> events;  ///< per pool, in order
    std::vector<RecordedAlert> alerts;
    RecordingMeta meta;
};

inline RecordingMeta sampleMeta() {
    RecordingMeta meta;
    meta.appVersion = "0.1.0-test";
    meta.source = "sim://app:hunter2@db1/orders?query_ms=2";
    meta.host = "test-host";
    meta.startMs = kT0;
    meta.thresholds = R"({"schema":1})";
    meta.extra["note"] = "kept as is";
    return meta;
}

/// Writes `perPool` snapshots of pools "default" and "orders" (interleaved,
/// 100 ms apart), `eventsPerPool` events each over the same time, and an
/// alert every 50 snapshots, in batches of `batch` snapshots; closes cleanly.
inline Written writeSample(const std::string& path, int perPool = 300, size_t eventsPerPool = 6000,
                           int batch = 40) {
    Written w;
    w.meta = sampleMeta();
    auto writer = RecordingWriter::create(path, w.meta);
    EXPECT_TRUE(writer.isOk()) << writer.message();
    if (!writer) return w;
    w.events["default"] = makeEvents(eventsPerPool, 1, kT0, perPool * 100, 1);
    w.events["orders"] = makeEvents(eventsPerPool, 1, kT0, perPool * 100, 2);
    size_t eventPos = 0;
    const size_t eventStep = eventsPerPool / static_cast<size_t>((perPool + batch - 1) / batch) + 1;
    for (int i = 0; i < perPool; i += batch) {
        RecordingBatch b;
        for (int j = i; j < std::min(perPool, i + batch); ++j) {
            b.snapshots.push_back(makeRecorded(j, "default"));
            b.snapshots.push_back(makeRecorded(j, "orders"));
            if (j % 50 == 10) {
                RecordedAlert a{kT0 + j * 100, "orders", "exhausted", "", "danger", j % 100 == 10 ? "firing" : "resolved",
                                "pool exhausted — 4 waiting", 4.0 + j, 1.0};
                b.alerts.push_back(a);
            }
        }
        for (const char* pool : {"default", "orders"}) {
            const auto& all = w.events[pool];
            const size_t end = std::min(all.size(), eventPos + eventStep);
            if (eventPos < end)
                b.events.push_back({pool, std::vector<TransitionEvent>(all.begin() + static_cast<ptrdiff_t>(eventPos),
                                                                        all.begin() + static_cast<ptrdiff_t>(end))});
        }
        eventPos += eventStep;
        w.snapshots.insert(w.snapshots.end(), b.snapshots.begin(), b.snapshots.end());
        w.alerts.insert(w.alerts.end(), b.alerts.begin(), b.alerts.end());
        const Status s = (*writer)->write(b);
        EXPECT_TRUE(s.isOk()) << s.message();
    }
    const Status s = (*writer)->close(kT0 + perPool * 100);
    EXPECT_TRUE(s.isOk()) << s.message();
    return w;
}

}  // namespace poolscope::testdata
