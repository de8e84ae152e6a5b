#include "core/recording/RecordingTypes.h"

#include <zlib.h>

#include <bit>
#include <cstring>

#include "core/telemetry/SnapshotLineParser.h"

namespace poolscope {

SnapshotSample SnapshotSample::of(const PoolSnapshot& s) {
    SnapshotSample m;
    m.tMs = s.tMs;
    m.lifecycle = s.lifecycle;
    m.counts = s.counts;
    m.maxOpen = s.config.maxOpen;
    m.wait = s.wait;
    m.acquired = s.totals.acquired;
    m.timeouts = s.totals.timeouts;
    m.created = s.totals.created;
    m.destroyed = s.totals.destroyed;
    m.connectErrors = s.totals.connectErrors;
    m.validationFailures = s.totals.validationFailures;
    m.closedBroken = s.totals.closedBroken;
    return m;
}

PoolSnapshot SnapshotSample::toSnapshot(const std::string& pool, const std::string& driver) const {
    PoolSnapshot s;
    s.tMs = tMs;
    s.source = "replay";
    s.pool = pool;
    s.driver = driver;
    s.lifecycle = lifecycle;
    s.config.name = pool;
    s.config.maxOpen = maxOpen;
    s.counts = counts;
    s.wait = wait;
    s.totals.acquired = acquired;
    s.totals.timeouts = timeouts;
    s.totals.created = created;
    s.totals.destroyed = destroyed;
    s.totals.connectErrors = connectErrors;
    s.totals.validationFailures = validationFailures;
    s.totals.closedBroken = closedBroken.value_or(0);
    FigureSet held = FigureSet::none();
    for (Figure f : {Figure::Open, Figure::Idle, Figure::InUse, Figure::Allocating, Figure::Returning,
                     Figure::Waiting, Figure::Acquired, Figure::Created, Figure::Destroyed,
                     Figure::Timeouts, Figure::ConnectErrors, Figure::ValidationFailures,
                     Figure::WaitPercentiles, Figure::WaitMax, Figure::MaxOpen, Figure::Lifecycle})
        held.set(f);
    held.set(Figure::ClosedBroken, closedBroken.has_value());
    s.reported = held;
    return s;
}

uint32_t SnapshotSample::crc() const {
    // Fixed-width little-endian fields in declaration order; doubles by bits.
    std::string bytes;
    const auto put = [&bytes](uint64_t v) {
        for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<char>(v >> (8 * i)));
    };
    put(static_cast<uint64_t>(tMs));
    put(static_cast<uint64_t>(lifecycle));
    for (int64_t v : {counts.open, counts.idle, counts.inUse, counts.allocating, counts.returning,
                      counts.waiting, maxOpen})
        put(static_cast<uint64_t>(v));
    for (double v : {wait.p50, wait.p95, wait.p99, wait.max}) put(std::bit_cast<uint64_t>(v));
    for (uint64_t v : {acquired, timeouts, created, destroyed, connectErrors, validationFailures})
        put(v);
    put(closedBroken.has_value());
    put(closedBroken.value_or(0));
    return static_cast<uint32_t>(crc32_z(0, reinterpret_cast<const Bytef*>(bytes.data()), bytes.size()));
}

RecordedSnapshot RecordedSnapshot::of(const PoolSnapshot& s, std::string line) {
    RecordedSnapshot r;
    r.pool = s.pool;
    r.driver = s.driver;
    r.config = s.config;
    r.sample = SnapshotSample::of(s);
    r.line = std::move(line);
    return r;
}

Result<PoolSnapshot> ReplayFrame::snapshot() const {
    if (degraded) return *degraded;
    return SnapshotLineParser::parse(line);
}

}  // namespace poolscope
