// RecordingReader: random access by time (the GUI's time cursor).
#include <zlib.h>

#include <algorithm>
#include <limits>

#include "core/recording/DegradedSnapshotLine.h"
#include "core/recording/EventBlockCodec.h"
#include "core/recording/RecordingReader.h"
#include "core/recording/RecordingSchema.h"
#include "core/recording/SqliteDb.h"
#include "core/recording/TimeMath.h"

namespace poolscope {

namespace {

constexpr size_t kKeyCacheSize = 16;
/// events() stops beyond this many (a day of a busy pool is far less per
/// GUI step; a damaged or hostile file can claim far more).
constexpr size_t kMaxEventsPerQuery = 5'000'000;
/// Where the figures start in a row of frameColumns().
constexpr int kFrameSampleColumn = 7;

uint32_t crcOf(std::string_view bytes) {
    return static_cast<uint32_t>(crc32_z(0, reinterpret_cast<const Bytef*>(bytes.data()), bytes.size()));
}

}  // namespace

Status RecordingReader::loadLine(int64_t id, int64_t keyId, int64_t size, int64_t crc,
                                 std::string_view blob, std::string& out) {
    if (auto s = inflateLine(id, keyId, size, blob, out); !s) return s;
    if (crcOf(out) != static_cast<uint32_t>(crc))
        return Status::fail("its line does not match its checksum");
    return Status::ok();
}

Status RecordingReader::inflateLine(int64_t id, int64_t keyId, int64_t size, std::string_view blob,
                                    std::string& out) {
    if (size < 0 || static_cast<uint64_t>(size) > RecordingSchema::kMaxBlobBytes)
        return Status::fail("snapshot " + std::to_string(id) + " has an impossible size");
    if (keyId == id) return inflater_.inflate(blob, {}, static_cast<size_t>(size), out);
    if (keyId <= 0 || keyId > id)
        return Status::fail("snapshot " + std::to_string(id) + " refers to an impossible keyframe");
    auto cached = keyCache_.find(keyId);
    if (cached == keyCache_.end()) {
        if (!keyRow_.isPrepared()) {
            auto st = db_->prepare("SELECT key_id, line_size, line_crc, line FROM snapshots WHERE id = ?");
            if (!st) return st.status();
            keyRow_ = std::move(*st);
        }
        keyRow_.reset();
        keyRow_.bind(1, keyId);
        auto row = keyRow_.step();
        if (!row) return Status::fail("its keyframe " + std::to_string(keyId) + " is unreadable: " + row.message());
        if (!*row || keyRow_.int64(0) != keyId)
            return Status::fail("its keyframe " + std::to_string(keyId) + " is missing");
        const int64_t keySize = keyRow_.int64(1);
        if (keySize < 0 || static_cast<uint64_t>(keySize) > RecordingSchema::kMaxBlobBytes)
            return Status::fail("its keyframe has an impossible size");
        std::string keyLine;
        if (auto s = inflater_.inflate(keyRow_.blob(3), {}, static_cast<size_t>(keySize), keyLine); !s)
            return Status::fail("its keyframe " + std::to_string(keyId) + ": " + s.message());
        if (crcOf(keyLine) != static_cast<uint32_t>(keyRow_.int64(2)))
            return Status::fail("its keyframe " + std::to_string(keyId) + " does not match its checksum");
        keyRow_.reset();
        if (keyCache_.size() >= kKeyCacheSize) keyCache_.clear();
        cached = keyCache_.emplace(keyId, std::move(keyLine)).first;
    }
    return inflater_.inflate(blob, cached->second, static_cast<size_t>(size), out);
}

std::string RecordingReader::sampleColumns() const {
    return std::string(
               "t_ms, lifecycle, open, idle, in_use, allocating, \"returning\", waiting, max_open, "
               "wait_p50, wait_p95, wait_p99, wait_max, acquired, timeouts, created, destroyed, "
               "connect_errors, validation_failures, ") +
           (hasClosedBroken_ ? "closed_broken" : "NULL") + ", " + (hasFiguresCrc_ ? "figures_crc" : "NULL");
}

std::string RecordingReader::frameColumns() const {
    return "id, pool_id, t_ms, key_id, line_size, line_crc, line, " + sampleColumns();
}

Result<SnapshotSample> RecordingReader::sampleFromRow(SqliteStatement& st, int c) const {
    SnapshotSample m;
    m.tMs = st.int64(c);
    const int64_t lc = st.int64(c + 1);
    m.lifecycle = lc >= 0 && lc < kLifecycleCount ? static_cast<Lifecycle>(lc) : Lifecycle::Initial;
    m.counts = {st.int64(c + 2), st.int64(c + 3), st.int64(c + 4),
                st.int64(c + 5), st.int64(c + 6), st.int64(c + 7)};
    m.maxOpen = st.int64(c + 8);
    m.wait = {st.real(c + 9), st.real(c + 10), st.real(c + 11), st.real(c + 12)};
    m.acquired = static_cast<uint64_t>(st.int64(c + 13));
    m.timeouts = static_cast<uint64_t>(st.int64(c + 14));
    m.created = static_cast<uint64_t>(st.int64(c + 15));
    m.destroyed = static_cast<uint64_t>(st.int64(c + 16));
    m.connectErrors = static_cast<uint64_t>(st.int64(c + 17));
    m.validationFailures = static_cast<uint64_t>(st.int64(c + 18));
    if (!st.isNull(c + 19)) m.closedBroken = static_cast<uint64_t>(st.int64(c + 19));
    if (!st.isNull(c + 20) && static_cast<uint32_t>(st.int64(c + 20)) != m.crc())
        return Error{"its figures do not match their checksum"};
    return m;
}

Result<ReplayFrame> RecordingReader::frameFromRow(SqliteStatement& row) {
    ReplayFrame f;
    f.id = row.int64(0);
    f.poolId = row.int64(1);
    f.tMs = row.int64(2);
    const RecordedPool* p = pool(f.poolId);
    if (p) f.pool = p->name;
    const auto s = loadLine(f.id, row.int64(3), row.int64(4), row.int64(5), row.blob(6), f.line);
    if (s) return f;
    const std::string what = "snapshot " + std::to_string(f.id) + " at " + formatTime(f.tMs) + ": " + s.message();
    // The line is lost; its figures stand in when a checksum vouches for them
    // (files written before figures_crc: never, damage is not replayed as data).
    if (row.isNull(kFrameSampleColumn + 20))
        return Error{what + " (this recording predates the checksum of its figures, so none are replayed)"};
    auto sample = sampleFromRow(row, kFrameSampleColumn);
    if (!sample) return Error{what + ", and " + sample.message()};
    if (!p || sample->tMs != f.tMs) return Error{what + ", and its row is inconsistent"};
    PoolSnapshot degraded = sample->toSnapshot(p->name, p->driver);
    degraded.degraded = true;
    f.line = DegradedSnapshotLine::write(degraded);
    f.degraded = std::move(degraded);
    f.damage = what + "; replayed degraded (counts, wait, max_open and totals only)";
    return f;
}

Result<std::vector<ReplayFrame>> RecordingReader::framesAt(int64_t tMs) {
    auto st = db_->prepare("SELECT " + frameColumns() +
                           " FROM snapshots WHERE pool_id = ?1 AND t_ms <= ?2 "
                           "ORDER BY t_ms DESC, id DESC LIMIT 1");
    if (!st) return Error{damaged("reading snapshots", st.message())};
    std::vector<ReplayFrame> out;
    for (const auto& p : pools_) {
        st->reset();
        st->bind(1, p.id).bind(2, tMs);
        auto row = st->step();
        if (!row) {
            warn(damaged("reading pool '" + p.name + "' at " + formatTime(tMs), row.message()));
            continue;
        }
        if (!*row) continue;
        auto frame = frameFromRow(*st);
        if (!frame) {
            warn("'" + name_ + "' is damaged: " + frame.message());
            continue;
        }
        if (frame->degraded) warn("'" + name_ + "' is damaged: " + frame->damage);
        out.push_back(std::move(*frame));
    }
    return out;
}

Result<std::vector<ReplayFrame>> RecordingReader::framesBetween(int64_t afterMs, int64_t toMs,
                                                                size_t limit) {
    auto st = db_->prepare("SELECT " + frameColumns() +
                           " FROM snapshots WHERE pool_id = ?1 AND t_ms > ?2 AND t_ms <= ?3 "
                           "ORDER BY t_ms, id LIMIT ?4");
    if (!st) return Error{damaged("reading snapshots", st.message())};
    std::vector<ReplayFrame> out;
    const auto cap = static_cast<int64_t>(std::min<size_t>(limit, std::numeric_limits<int64_t>::max()));
    for (const auto& p : pools_) {
        st->reset();
        st->bind(1, p.id).bind(2, afterMs).bind(3, toMs).bind(4, cap);
        for (;;) {
            auto row = st->step();
            if (!row) {
                warn(damaged("reading pool '" + p.name + "' after " + formatTime(afterMs), row.message()));
                break;
            }
            if (!*row) break;
            auto frame = frameFromRow(*st);
            if (!frame) {
                warn("'" + name_ + "' is damaged: " + frame.message());
                continue;
            }
            if (frame->degraded) warn("'" + name_ + "' is damaged: " + frame->damage);
            out.push_back(std::move(*frame));
        }
    }
    std::sort(out.begin(), out.end(), [](const ReplayFrame& a, const ReplayFrame& b) {
        return a.tMs != b.tMs ? a.tMs < b.tMs : a.id < b.id;
    });
    if (out.size() > limit) out.resize(limit);
    return out;
}

Result<std::optional<int64_t>> RecordingReader::nextFrameTime(int64_t afterMs) {
    auto st = db_->prepare("SELECT min(t_ms) FROM snapshots WHERE pool_id = ?1 AND t_ms > ?2");
    if (!st) return Error{damaged("reading snapshots", st.message())};
    std::optional<int64_t> next;
    for (const auto& p : pools_) {
        st->reset();
        st->bind(1, p.id).bind(2, afterMs);
        auto row = st->step();
        if (!row) {
            warn(damaged("reading pool '" + p.name + "' after " + formatTime(afterMs), row.message()));
            continue;
        }
        if (*row && !st->isNull(0)) next = next ? std::min(*next, st->int64(0)) : st->int64(0);
    }
    return next;
}

Status RecordingReader::decodeEventBlock(int64_t count, int64_t codec, std::string_view data,
                                         std::vector<TransitionEvent>& out) {
    const size_t before = out.size();
    if (codec != RecordingSchema::kEventCodecVarint && codec != RecordingSchema::kEventCodecDeflate)
        return Status::fail("an event block uses codec " + std::to_string(codec) +
                            ", unknown to this PoolScope");
    size_t pos = 0;
    uint64_t rawSize = 0;
    if (!EventBlockCodec::getVarint(data, pos, rawSize) || rawSize > RecordingSchema::kMaxBlobBytes ||
        pos + 4 > data.size())
        return Status::fail("an event block has a damaged header");
    uint32_t crc = 0;
    for (int i = 0; i < 4; ++i) crc |= static_cast<uint32_t>(static_cast<uint8_t>(data[pos + i])) << (8 * i);
    const std::string_view payload = data.substr(pos + 4);
    std::string_view raw = payload;
    if (codec == RecordingSchema::kEventCodecDeflate) {
        if (auto z = inflater_.inflate(payload, {}, rawSize, scratch_); !z) return z;
        raw = scratch_;
    } else if (payload.size() != rawSize) {
        return Status::fail("an event block is cut short");
    }
    if (crcOf(raw) != crc) return Status::fail("an event block does not match its checksum");
    if (auto s = EventBlockCodec::decode(raw, out); !s) return s;
    if (static_cast<int64_t>(out.size() - before) != count) {
        out.resize(before);
        return Status::fail("an event block holds another number of events than it says");
    }
    return Status::ok();
}

Result<std::vector<ReplayEvent>> RecordingReader::events(int64_t afterMs, int64_t toMs) {
    auto st = db_->prepare(
        "SELECT pool_id, t_last, count, codec, data FROM events "
        "WHERE t_first > ?1 AND t_first <= ?2 ORDER BY id");
    if (!st) return Error{damaged("reading events", st.message())};
    st->bind(1, subSaturating(afterMs, RecordingSchema::kMaxBatchSpanMs)).bind(2, toMs);
    std::vector<ReplayEvent> out;
    std::vector<TransitionEvent> block;
    for (;;) {
        auto row = st->step();
        if (!row) {
            warn(damaged("reading events after " + formatTime(afterMs), row.message()));
            break;
        }
        if (!*row) break;
        if (st->int64(1) <= afterMs) continue;
        if (out.size() > kMaxEventsPerQuery) {
            warn("more than " + std::to_string(kMaxEventsPerQuery) + " events after " + formatTime(afterMs) +
                 " in one read; the rest of that range was not read (ask for a shorter range)");
            break;
        }
        block.clear();
        if (auto s = decodeEventBlock(st->int64(2), st->int64(3), st->blob(4), block); !s) {
            warn("'" + name_ + "' is damaged: events near " + formatTime(st->int64(1)) + ": " + s.message());
            continue;
        }
        const int64_t poolId = st->int64(0);
        for (const auto& e : block)
            if (e.tMs > afterMs && e.tMs <= toMs) out.push_back(ReplayEvent{poolId, e});
    }
    return out;
}

Result<std::vector<RecordedAlert>> RecordingReader::alerts(int64_t afterMs, int64_t toMs) {
    auto st = db_->prepare(
        "SELECT t_ms, pool, rule, subject, grade, state, message, value, threshold FROM alerts "
        "WHERE t_ms > ?1 AND t_ms <= ?2 ORDER BY t_ms, id");
    if (!st) return Error{damaged("reading alerts", st.message())};
    st->bind(1, afterMs).bind(2, toMs);
    std::vector<RecordedAlert> out;
    for (;;) {
        auto row = st->step();
        if (!row) {
            warn(damaged("reading alerts after " + formatTime(afterMs), row.message()));
            break;
        }
        if (!*row) break;
        RecordedAlert a;
        a.tMs = st->int64(0);
        a.pool = std::string(st->text(1));
        a.rule = std::string(st->text(2));
        a.subject = std::string(st->text(3));
        a.grade = std::string(st->text(4));
        a.state = std::string(st->text(5));
        a.message = std::string(st->text(6));
        a.value = st->real(7);
        a.threshold = st->real(8);
        out.push_back(std::move(a));
    }
    return out;
}

Result<std::vector<SnapshotSample>> RecordingReader::samples(int64_t poolId, int64_t afterMs,
                                                             int64_t toMs) {
    auto st = db_->prepare("SELECT " + sampleColumns() +
                           " FROM snapshots WHERE pool_id = ?1 AND t_ms > ?2 AND t_ms <= ?3 ORDER BY t_ms, id");
    if (!st) return Error{damaged("reading snapshots", st.message())};
    st->bind(1, poolId).bind(2, afterMs).bind(3, toMs);
    std::vector<SnapshotSample> out;
    for (;;) {
        auto row = st->step();
        if (!row) {
            warn(damaged("reading chart figures after " + formatTime(afterMs), row.message()));
            break;
        }
        if (!*row) break;
        auto m = sampleFromRow(*st, 0);
        if (!m) {
            warn("'" + name_ + "' is damaged: the chart figures at " + formatTime(st->int64(0)) + ": " +
                 m.message() + "; skipped");
            continue;
        }
        out.push_back(*m);
    }
    return out;
}

}  // namespace poolscope
