#include "core/recording/RecordingReader.h"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>

#include "core/recording/RecordingSchema.h"
#include "core/recording/SqliteDb.h"

namespace poolscope {

namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxWarnings = 100;
/// More pools than this in one recording is damage, not a session.
constexpr size_t kMaxPools = 10'000;
constexpr std::string_view kSqliteMagic{"SQLite format 3\0", 16};

uint32_t bigEndian(const unsigned char* p, int n) {
    uint32_t v = 0;
    for (int i = 0; i < n; ++i) v = v << 8 | p[i];
    return v;
}

std::optional<int64_t> parseInt(std::string_view s) {
    int64_t v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size() || s.empty()) return std::nullopt;
    return v;
}

/// A warning when the header says the file is longer than it is (a copy cut
/// short, a full disk). Only meaningful for a file not in WAL mode.
std::optional<std::string> truncation(const unsigned char* h, uint64_t size) {
    uint64_t pageSize = bigEndian(h + 16, 2);
    if (pageSize == 1) pageSize = 65536;
    const uint64_t pages = bigEndian(h + 28, 4);
    const bool countValid = bigEndian(h + 24, 4) == bigEndian(h + 92, 4);
    if (h[18] != 1 || !countValid || pages == 0 || pageSize < 512) return std::nullopt;
    if (pages * pageSize <= size) return std::nullopt;
    return "the file is truncated: " + std::to_string(size) + " of its " +
           std::to_string(pages * pageSize) + " bytes are present";
}

}  // namespace

RecordingReader::RecordingReader(std::string name, std::unique_ptr<SqliteDb> db)
    : name_(std::move(name)), db_(std::move(db)) {
    // Bounds any one step (a damaged b-tree can loop); generous for real files.
    db_->setStepBudget(200'000);
}

RecordingReader::~RecordingReader() = default;

std::string RecordingReader::formatTime(int64_t ms) {
    // Years 1 to 9999; anything else (a damaged time) as a plain number.
    if (ms < -62'135'596'800'000 || ms > 253'402'300'799'999) return std::to_string(ms) + " ms";
    const int64_t secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
    const auto t = static_cast<std::time_t>(secs);
    std::tm tm{};
    if (!gmtime_r(&t, &tm)) return std::to_string(ms) + " ms";
    char buf[64];
    const size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    char frac[8];
    std::snprintf(frac, sizeof frac, ".%03d", static_cast<int>(ms - secs * 1000));
    return std::string(buf, n) + frac + " UTC";
}

void RecordingReader::warn(std::string message) {
    if (warnings_.size() >= kMaxWarnings) return;
    if (std::find(warnings_.begin(), warnings_.end(), message) != warnings_.end()) return;
    warnings_.push_back(std::move(message));
}

std::string RecordingReader::damaged(const std::string& what, const std::string& why) const {
    return "'" + name_ + "' is damaged: " + what + " failed (" + why + ")";
}

Result<std::unique_ptr<RecordingReader>> RecordingReader::open(const std::string& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) return Error{"cannot open '" + path + "': no such file"};
    if (fs::is_directory(path, ec)) return Error{"'" + path + "' is a folder, not a recording"};
    const uint64_t size = fs::file_size(path, ec);
    const bool hasWal = fs::exists(path + "-wal", ec) && fs::file_size(path + "-wal", ec) > 0;
    unsigned char header[100] = {};
    {
        std::ifstream in(path, std::ios::binary);
        if (!in) return Error{"cannot open '" + path + "': permission denied or unreadable"};
        in.read(reinterpret_cast<char*>(header), sizeof header);
    }
    const std::string notOurs = "'" + path + "' is not a PoolScope recording";
    if (size == 0 && !hasWal) return Error{notOurs + ": the file is empty"};
    if (size > 0 && (size < 16 || std::string_view(reinterpret_cast<char*>(header), 16) != kSqliteMagic))
        return Error{notOurs + " (.psrec files are SQLite databases; this file does not start like one)"};
    std::optional<std::string> cut;
    if (size >= 100 && !hasWal) cut = truncation(header, size);

    // Read-write first so a crashed recording's -wal is recovered; then
    // read-only; then immutable (read-only media), which ignores the -wal.
    std::string lastError;
    for (auto mode : {SqliteDb::Mode::ReadWrite, SqliteDb::Mode::ReadOnly, SqliteDb::Mode::Immutable}) {
        auto db = SqliteDb::open(path, mode);
        if (!db) {
            lastError = db.message();
            continue;
        }
        (*db)->tolerateTruncation();
        // Loading the schema makes SQLite read the header and recover a WAL.
        auto probe = (*db)->queryInt("SELECT count(*) FROM sqlite_schema");
        if (!probe) {
            lastError = probe.message();
            const std::string m = probe.message();
            if (m.find("not a database") != std::string::npos)
                return Error{notOurs + " (SQLite says: " + m + ")"};
            if (m.find("malformed") != std::string::npos || m.find("corrupt") != std::string::npos)
                return Error{"'" + path + "' is damaged beyond reading: " + m};
            continue;
        }
        std::unique_ptr<RecordingReader> r(new RecordingReader(path, std::move(*db)));
        if (cut) r->warn(*cut);
        if (mode == SqliteDb::Mode::Immutable && hasWal)
            r->warn("opened read-only: the newest data in '" + path +
                    "-wal' (left by a crash) was not read; open it where the folder is writable");
        return finishOpen(std::move(r));
    }
    return Error{"cannot open '" + path + "': " + lastError};
}

Result<std::unique_ptr<RecordingReader>> RecordingReader::openBytes(std::string_view bytes,
                                                                    std::string name) {
    const std::string notOurs = "'" + name + "' is not a PoolScope recording";
    if (bytes.empty()) return Error{notOurs + ": it is empty"};
    if (bytes.size() < 16 || bytes.substr(0, 16) != kSqliteMagic)
        return Error{notOurs + " (.psrec files are SQLite databases; these bytes do not start like one)"};
    auto db = SqliteDb::openBytes(bytes);
    if (!db) return Error{"'" + name + "' cannot be read: " + db.message()};
    (*db)->tolerateTruncation();
    auto probe = (*db)->queryInt("SELECT count(*) FROM sqlite_schema");
    if (!probe) {
        if (probe.message().find("not a database") != std::string::npos)
            return Error{notOurs + " (SQLite says: " + probe.message() + ")"};
        return Error{"'" + name + "' is damaged beyond reading: " + probe.message()};
    }
    std::unique_ptr<RecordingReader> r(new RecordingReader(std::move(name), std::move(*db)));
    if (bytes.size() >= 100 && static_cast<unsigned char>(bytes[18]) == 1) {
        if (auto cut = truncation(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()))
            r->warn(*cut);
    }
    return finishOpen(std::move(r));
}

Result<std::unique_ptr<RecordingReader>> RecordingReader::finishOpen(std::unique_ptr<RecordingReader> r) {
    if (auto s = r->readHeader(); !s) return s.error();
    if (auto s = r->readMeta(); !s) return s.error();
    r->readPools();
    r->readColumns();
    r->readExtent();
    return r;
}

Status RecordingReader::readHeader() {
    auto appId = db_->queryInt("PRAGMA application_id");
    auto userVersion = db_->queryInt("PRAGMA user_version");
    const bool ours = appId && *appId == RecordingSchema::kApplicationId;
    std::set<std::string> tables;
    auto st = db_->prepare("SELECT name FROM sqlite_schema WHERE type = 'table'");
    if (!st) return Status::fail("'" + name_ + "' is damaged beyond reading: " + st.message());
    for (;;) {
        auto row = st->step();
        if (!row) return Status::fail("'" + name_ + "' is damaged beyond reading: " + row.message());
        if (!*row) break;
        if (tables.size() < 1000) tables.emplace(st->text(0));
    }
    if (!tables.count("meta")) {
        if (ours) return Status::fail("'" + name_ + "' is damaged beyond reading: its metadata table is missing");
        return Status::fail("'" + name_ + "' is an SQLite database but not a PoolScope recording "
                            "(it has no PoolScope metadata)");
    }
    if (ours && userVersion && *userVersion > RecordingSchema::kSchemaVersion) {
        schemaVersion_ = static_cast<int>(std::min<int64_t>(*userVersion, 1'000'000));
        return Status::fail("'" + name_ + "' was written with recording schema " +
                            std::to_string(*userVersion) + "; this PoolScope reads schema " +
                            std::to_string(RecordingSchema::kSchemaVersion) +
                            " at most: open it with a newer PoolScope");
    }
    for (const char* t : {"pools", "snapshots", "events", "alerts"})
        if (!tables.count(t)) warn("'" + name_ + "' has no " + t + " table: it is damaged");
    return Status::ok();
}

Status RecordingReader::readMeta() {
    std::map<std::string, std::string> values;
    auto st = db_->prepare("SELECT key, value FROM meta");
    std::string failure = st ? "" : st.message();
    while (failure.empty()) {
        auto row = st->step();
        if (!row) failure = row.message();
        else if (!*row) break;
        else if (values.size() < 10'000) values.emplace(st->text(0), st->text(1));
    }
    if (!failure.empty()) {
        // A damaged page hides the rows after it: fetch each known key alone.
        auto one = db_->prepare("SELECT value FROM meta WHERE key = ?");
        for (auto key : {RecordingSchema::kMetaFormat, RecordingSchema::kMetaSchemaVersion,
                         RecordingSchema::kMetaAppVersion, RecordingSchema::kMetaSource,
                         RecordingSchema::kMetaHost, RecordingSchema::kMetaStartMs,
                         RecordingSchema::kMetaThresholds, RecordingSchema::kMetaEndMs,
                         RecordingSchema::kMetaSummaryLine}) {
            if (!one || values.count(std::string(key))) continue;
            one->reset();
            one->bindText(1, key);
            if (auto row = one->step(); row && *row) values.emplace(key, one->text(0));
        }
    }
    const auto format = values.find(std::string(RecordingSchema::kMetaFormat));
    if (format == values.end() || format->second != RecordingSchema::kFormat) {
        if (!failure.empty()) return Status::fail("'" + name_ + "' is damaged beyond reading: its metadata cannot be read (" + failure + ")");
        return Status::fail("'" + name_ + "' is an SQLite database but not a PoolScope recording "
                            "(its metadata does not say format=poolscope-recording)");
    }
    if (!failure.empty()) warn(damaged("reading the metadata", failure));
    const auto take = [&](std::string_view key) {
        auto it = values.find(std::string(key));
        if (it == values.end()) return std::string();
        std::string v = std::move(it->second);
        values.erase(it);
        return v;
    };
    const std::string version = take(RecordingSchema::kMetaSchemaVersion);
    const auto parsed = parseInt(version);
    if (parsed && *parsed > RecordingSchema::kSchemaVersion) {
        schemaVersion_ = static_cast<int>(std::min<int64_t>(*parsed, 1'000'000));
        const std::string app = take(RecordingSchema::kMetaAppVersion);
        return Status::fail("'" + name_ + "' was written with recording schema " + version +
                            (app.empty() ? "" : " (PoolScope " + app + ")") +
                            "; this PoolScope reads schema " +
                            std::to_string(RecordingSchema::kSchemaVersion) +
                            " at most: open it with a newer PoolScope");
    }
    schemaVersion_ = RecordingSchema::kSchemaVersion;
    if (!parsed || *parsed < 1) warn("'" + name_ + "' has a damaged schema version ('" + version + "'); reading it as schema 1");
    meta_.appVersion = take(RecordingSchema::kMetaAppVersion);
    meta_.source = take(RecordingSchema::kMetaSource);
    meta_.host = take(RecordingSchema::kMetaHost);
    meta_.startMs = parseInt(take(RecordingSchema::kMetaStartMs)).value_or(0);
    meta_.thresholds = take(RecordingSchema::kMetaThresholds);
    take(RecordingSchema::kMetaFormat);
    if (auto end = values.find(std::string(RecordingSchema::kMetaEndMs)); end != values.end())
        endMs_ = parseInt(end->second);
    meta_.extra = std::move(values);
    if (!endMs_)
        warn("'" + name_ + "' was not closed cleanly (the recording process crashed or was "
             "killed): everything committed until then is readable");
    return Status::ok();
}

std::optional<std::string> RecordingReader::summaryLine() const {
    auto it = meta_.extra.find(std::string(RecordingSchema::kMetaSummaryLine));
    if (it == meta_.extra.end()) return std::nullopt;
    return it->second;
}

void RecordingReader::readPools() {
    auto st = db_->prepare("SELECT id, name, driver, config, first_t_ms FROM pools ORDER BY id");
    if (!st) return warn(damaged("reading the pools", st.message()));
    for (;;) {
        auto row = st->step();
        if (!row) return warn(damaged("reading the pools", row.message()));
        if (!*row) break;
        if (pools_.size() >= kMaxPools) return warn("'" + name_ + "' lists too many pools: it is damaged");
        RecordedPool p;
        p.id = st->int64(0);
        p.name = std::string(st->text(1));
        p.driver = std::string(st->text(2));
        p.configJson = std::string(st->text(3));
        p.firstMs = st->int64(4);
        pools_.push_back(std::move(p));
    }
}

const RecordedPool* RecordingReader::pool(int64_t id) const {
    for (const auto& p : pools_)
        if (p.id == id) return &p;
    return nullptr;
}

void RecordingReader::readColumns() {
    auto st = db_->prepare("SELECT name FROM pragma_table_info('snapshots')");
    if (!st) return warn(damaged("reading the snapshot columns", st.message()));
    for (;;) {
        auto row = st->step();
        if (!row) return warn(damaged("reading the snapshot columns", row.message()));
        if (!*row) break;
        const std::string_view column = st->text(0);
        if (column == RecordingSchema::kColumnClosedBroken) hasClosedBroken_ = true;
        if (column == RecordingSchema::kColumnFiguresCrc) hasFiguresCrc_ = true;
    }
}

void RecordingReader::readExtent() {
    if (auto maxId = db_->queryInt("SELECT ifnull(max(id), 0) FROM snapshots")) {
        maxSnapshotId_ = *maxId;
        snapshotCount_ = static_cast<uint64_t>(std::max<int64_t>(*maxId, 0));
    } else {
        warn(damaged("reading the end of the snapshots", maxId.message()));
    }
    auto first = db_->prepare("SELECT min(t_ms) FROM snapshots WHERE pool_id = ?");
    auto last = db_->prepare("SELECT max(t_ms) FROM snapshots WHERE pool_id = ?");
    if (!first || !last) return warn(damaged("reading the snapshots", first ? last.message() : first.message()));
    for (const auto& p : pools_) {
        for (auto* st : {&*first, &*last}) {
            st->reset();
            st->bind(1, p.id);
            auto row = st->step();
            if (!row) {
                warn(damaged("reading the time span of pool '" + p.name + "'", row.message()));
                continue;
            }
            if (!*row || st->isNull(0)) continue;
            const int64_t t = st->int64(0);
            if (!span_) span_ = TimeSpan{t, t};
            span_->firstMs = std::min(span_->firstMs, t);
            span_->lastMs = std::max(span_->lastMs, t);
        }
    }
}

std::string RecordingReader::describe() const {
    std::string s = "'" + name_ + "': a PoolScope recording (schema " + std::to_string(schemaVersion_);
    if (!meta_.appVersion.empty()) s += ", PoolScope " + meta_.appVersion;
    s += ")";
    if (!meta_.source.empty()) s += " of " + meta_.source;
    if (!meta_.host.empty()) s += " on " + meta_.host;
    s += ": " + std::to_string(snapshotCount_) + " snapshots of " + std::to_string(pools_.size()) +
         (pools_.size() == 1 ? " pool" : " pools");
    if (span_) s += " from " + formatTime(span_->firstMs) + " to " + formatTime(span_->lastMs);
    s += endMs_ ? ", closed cleanly." : ", not closed cleanly.";
    for (const auto& w : warnings_) s += "\n  " + w;
    return s;
}

}  // namespace poolscope
