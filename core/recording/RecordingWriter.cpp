#include "core/recording/RecordingWriter.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <zlib.h>

#include "core/recording/EventBlockCodec.h"
#include "core/recording/RecordingSchema.h"
#include "core/recording/SecretScrubber.h"
#include "core/recording/SqliteDb.h"

namespace poolscope {

namespace fs = std::filesystem;

struct RecordingWriter::Statements {
    SqliteStatement begin, commit, rollback, meta, insertPool, updatePool, snapshot, events, alert;
};

namespace {

/// Whether `path` may be replaced: missing, empty, or a recording.
Status checkReplaceable(const std::string& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) return Status::ok();
    if (fs::is_directory(path, ec)) return Status::fail("'" + path + "' is a directory");
    if (fs::file_size(path, ec) == 0 && !ec) return Status::ok();
    const auto notOurs = Status::fail("'" + path +
                                      "' exists and is not a PoolScope recording; refusing to "
                                      "overwrite it (choose another file name)");
    char header[16] = {};
    std::ifstream in(path, std::ios::binary);
    if (!in.read(header, sizeof header) || std::string_view(header, 16) != std::string_view("SQLite format 3\0", 16))
        return notOurs;
    auto db = SqliteDb::open(path, SqliteDb::Mode::ReadOnly);
    if (!db) return notOurs;
    auto id = (*db)->queryInt("PRAGMA application_id");
    if (!id || *id != RecordingSchema::kApplicationId) return notOurs;
    return Status::ok();
}

int64_t crcOf(std::string_view bytes) {
    return static_cast<int64_t>(crc32_z(0, reinterpret_cast<const Bytef*>(bytes.data()), bytes.size()));
}

void removeRecordingFiles(const std::string& path) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ec);
}

}  // namespace

RecordingWriter::RecordingWriter(std::string path, std::unique_ptr<SqliteDb> db)
    : path_(std::move(path)), db_(std::move(db)), st_(std::make_unique<Statements>()) {}

RecordingWriter::~RecordingWriter() = default;

Result<std::unique_ptr<RecordingWriter>> RecordingWriter::create(const std::string& path,
                                                                 const RecordingMeta& meta) {
    const auto fail = [&](const std::string& why) {
        return Error{"cannot record to '" + path + "': " + why};
    };
    if (path.empty()) return Error{"the recording file name is empty"};
    if (auto s = checkReplaceable(path); !s) return Error{s.message()};
    removeRecordingFiles(path);
    auto db = SqliteDb::open(path, SqliteDb::Mode::Create);
    if (!db) return fail(db.message());
    std::unique_ptr<RecordingWriter> w(new RecordingWriter(path, std::move(*db)));
    if (auto s = w->initialize(meta); !s) {
        w.reset();
        removeRecordingFiles(path);
        return fail(s.message());
    }
    return w;
}

Status RecordingWriter::initialize(const RecordingMeta& meta) {
    const std::string pragmas =
        "PRAGMA application_id=" + std::to_string(RecordingSchema::kApplicationId) +
        "; PRAGMA user_version=" + std::to_string(RecordingSchema::kSchemaVersion) +
        "; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
    if (auto s = db_->exec(pragmas); !s) return s;
    if (auto s = db_->exec("BEGIN"); !s) return s;
    if (auto s = db_->exec(RecordingSchema::createSql()); !s) return s;
    struct {
        const char* sql;
        SqliteStatement* out;
    } const prepared[] = {
        {"BEGIN", &st_->begin},
        {"COMMIT", &st_->commit},
        {"ROLLBACK", &st_->rollback},
        {"INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)", &st_->meta},
        {"INSERT INTO pools(name, driver, config, first_t_ms) VALUES(?, ?, ?, ?)", &st_->insertPool},
        {"UPDATE pools SET driver = ?, config = ? WHERE id = ?", &st_->updatePool},
        {"INSERT INTO snapshots VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
         &st_->snapshot},
        {"INSERT INTO events(pool_id, t_first, t_last, seq_first, seq_last, count, codec, data) "
         "VALUES(?,?,?,?,?,?,?,?)",
         &st_->events},
        {"INSERT INTO alerts(t_ms, pool, rule, subject, grade, state, message, value, threshold) "
         "VALUES(?,?,?,?,?,?,?,?,?)",
         &st_->alert},
    };
    for (const auto& p : prepared) {
        auto stmt = db_->prepare(p.sql);
        if (!stmt) return stmt.error();
        *p.out = std::move(*stmt);
    }
    std::map<std::string, std::string> values = meta.extra;
    values[std::string(RecordingSchema::kMetaFormat)] = RecordingSchema::kFormat;
    values[std::string(RecordingSchema::kMetaSchemaVersion)] =
        std::to_string(RecordingSchema::kSchemaVersion);
    values[std::string(RecordingSchema::kMetaAppVersion)] = meta.appVersion;
    values[std::string(RecordingSchema::kMetaSource)] = SecretScrubber::scrubSource(meta.source);
    values[std::string(RecordingSchema::kMetaHost)] = meta.host;
    values[std::string(RecordingSchema::kMetaStartMs)] = std::to_string(meta.startMs);
    values[std::string(RecordingSchema::kMetaThresholds)] = meta.thresholds;
    values.erase(std::string(RecordingSchema::kMetaEndMs));
    for (const auto& [k, v] : values) {
        st_->meta.bindText(1, k).bindText(2, v);
        if (auto s = st_->meta.run(); !s) return s;
    }
    return db_->exec("COMMIT");
}

Status RecordingWriter::setMeta(std::string_view key, std::string_view value) {
    if (closed_) return Status::fail("the recording '" + path_ + "' is closed");
    st_->meta.bindText(1, key).bindText(2, value);
    return st_->meta.run();
}

Result<RecordingWriter::PoolState*> RecordingWriter::pool(const std::string& name,
                                                          const RecordedSnapshot* first, int64_t tMs) {
    auto it = pools_.find(name);
    if (it == pools_.end()) {
        st_->insertPool.bindText(1, name)
            .bindText(2, first ? first->driver : "")
            .bindText(3, first ? RecordingSchema::configToJson(first->config) : "{}")
            .bind(4, tMs);
        if (auto s = st_->insertPool.run(); !s) return s.error();
        PoolState state;
        state.id = db_->lastInsertId();
        state.hasConfig = first != nullptr;
        it = pools_.emplace(name, std::move(state)).first;
    } else if (first && !it->second.hasConfig) {
        st_->updatePool.bindText(1, first->driver)
            .bindText(2, RecordingSchema::configToJson(first->config))
            .bind(3, it->second.id);
        if (auto s = st_->updatePool.run(); !s) return s.error();
        it->second.hasConfig = true;
    }
    return &it->second;
}

Status RecordingWriter::writeSnapshot(const RecordedSnapshot& s) {
    auto p = pool(s.pool, &s, s.sample.tMs);
    if (!p) return p.error();
    PoolState& ps = **p;
    const int64_t id = nextSnapshotId_;
    const bool key = ps.keyId == 0 || ps.sinceKey >= RecordingSchema::kKeyframeInterval - 1;
    deflater_.compress(s.line, key ? std::string_view() : std::string_view(ps.keyLine), blob_);
    const SnapshotSample& m = s.sample;
    auto& st = st_->snapshot;
    st.bind(1, id).bind(2, ps.id).bind(3, m.tMs).bind(4, key ? id : ps.keyId)
        .bind(5, static_cast<int64_t>(s.line.size())).bind(6, crcOf(s.line)).bindBlob(7, blob_)
        .bind(8, static_cast<int64_t>(m.lifecycle)).bind(9, m.counts.open).bind(10, m.counts.idle)
        .bind(11, m.counts.inUse).bind(12, m.counts.allocating).bind(13, m.counts.returning)
        .bind(14, m.counts.waiting).bind(15, m.maxOpen).bind(16, m.wait.p50).bind(17, m.wait.p95)
        .bind(18, m.wait.p99).bind(19, m.wait.max).bind(20, static_cast<int64_t>(m.acquired))
        .bind(21, static_cast<int64_t>(m.timeouts)).bind(22, static_cast<int64_t>(m.created))
        .bind(23, static_cast<int64_t>(m.destroyed)).bind(24, static_cast<int64_t>(m.connectErrors))
        .bind(25, static_cast<int64_t>(m.validationFailures));
    if (m.closedBroken) st.bind(26, static_cast<int64_t>(*m.closedBroken));
    else st.bindNull(26);
    st.bind(27, static_cast<int64_t>(m.crc()));
    if (auto r = st.run(); !r) return r;
    ++nextSnapshotId_;
    if (key) {
        ps.keyId = id;
        ps.keyLine = s.line;
        ps.sinceKey = 0;
    } else {
        ++ps.sinceKey;
    }
    return Status::ok();
}

Status RecordingWriter::writeEventBlock(int64_t poolId, const TransitionEvent* first, size_t count) {
    scratch_.clear();
    EventBlockCodec::encode(std::span<const TransitionEvent>(first, count), scratch_);
    int64_t codec = RecordingSchema::kEventCodecVarint;
    std::string deflated;
    deflater_.compress(scratch_, {}, deflated);
    blob_.clear();
    EventBlockCodec::putVarint(blob_, scratch_.size());
    const auto crc = static_cast<uint32_t>(crcOf(scratch_));
    for (int i = 0; i < 4; ++i) blob_.push_back(static_cast<char>(crc >> (8 * i)));
    if (deflated.size() < scratch_.size()) {
        blob_ += deflated;
        codec = RecordingSchema::kEventCodecDeflate;
    } else {
        blob_ += scratch_;
    }
    int64_t tFirst = first->tMs, tLast = first->tMs;
    for (size_t i = 1; i < count; ++i) {
        tFirst = std::min(tFirst, first[i].tMs);
        tLast = std::max(tLast, first[i].tMs);
    }
    st_->events.bind(1, poolId).bind(2, tFirst).bind(3, tLast)
        .bind(4, static_cast<int64_t>(first->seq)).bind(5, static_cast<int64_t>(first[count - 1].seq))
        .bind(6, static_cast<int64_t>(count)).bind(7, codec).bindBlob(8, blob_);
    if (auto s = st_->events.run(); !s) return s;
    events_ += count;
    return Status::ok();
}

Status RecordingWriter::writeEvents(const RecordedEvents& e) {
    if (e.events.empty()) return Status::ok();
    auto p = pool(e.pool, nullptr, e.events.front().tMs);
    if (!p) return p.error();
    const auto& ev = e.events;
    size_t start = 0;
    int64_t lo = ev[0].tMs, hi = ev[0].tMs;
    for (size_t i = 1; i <= ev.size(); ++i) {
        bool cut = i == ev.size() || i - start >= static_cast<size_t>(RecordingSchema::kMaxEventsPerBatch);
        if (!cut) {
            const int64_t nlo = std::min(lo, ev[i].tMs), nhi = std::max(hi, ev[i].tMs);
            cut = nhi - nlo > RecordingSchema::kMaxBatchSpanMs;
            if (!cut) lo = nlo, hi = nhi;
        }
        if (!cut) continue;
        if (auto s = writeEventBlock((*p)->id, &ev[start], i - start); !s) return s;
        start = i;
        if (i < ev.size()) lo = hi = ev[i].tMs;
    }
    return Status::ok();
}

Status RecordingWriter::writeAlert(const RecordedAlert& a) {
    st_->alert.bind(1, a.tMs).bindText(2, a.pool).bindText(3, a.rule).bindText(4, a.subject)
        .bindText(5, a.grade).bindText(6, a.state).bindText(7, a.message).bind(8, a.value)
        .bind(9, a.threshold);
    return st_->alert.run();
}

Status RecordingWriter::write(const RecordingBatch& batch) {
    if (closed_) return Status::fail("the recording '" + path_ + "' is closed");
    if (batch.empty()) return Status::ok();
    if (auto s = st_->begin.run(); !s) return s;
    // Pool rows and keyframes written in a failed transaction vanish with it.
    const auto savedPools = pools_;
    const int64_t savedId = nextSnapshotId_;
    const uint64_t savedSnapshots = snapshots_, savedEvents = events_;
    Status s;
    for (const auto& snap : batch.snapshots) {
        if (!(s = writeSnapshot(snap))) break;
        ++snapshots_;
    }
    if (s) {
        for (const auto& e : batch.events)
            if (!(s = writeEvents(e))) break;
    }
    if (s) {
        for (const auto& a : batch.alerts)
            if (!(s = writeAlert(a))) break;
    }
    if (s) s = st_->commit.run();
    if (!s) {
        (void)st_->rollback.run();  // the error to report is the first one
        pools_ = savedPools;
        nextSnapshotId_ = savedId;
        snapshots_ = savedSnapshots;
        events_ = savedEvents;
        return Status::fail("writing to '" + path_ + "' failed: " + s.message());
    }
    return Status::ok();
}

Status RecordingWriter::close(int64_t endMs) {
    if (closed_) return Status::ok();
    Status s = setMeta(RecordingSchema::kMetaEndMs, std::to_string(endMs));
    closed_ = true;
    if (s) s = db_->exec("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;");
    st_.reset();
    db_.reset();
    if (!s) return Status::fail("closing '" + path_ + "' failed: " + s.message());
    return Status::ok();
}

uint64_t RecordingWriter::fileBytes() const {
    std::error_code ec;
    uint64_t total = 0;
    for (const char* suffix : {"", "-wal"}) {
        const auto n = fs::file_size(path_ + suffix, ec);
        if (!ec) total += n;
    }
    return total;
}

}  // namespace poolscope
