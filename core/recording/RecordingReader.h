#pragma once
// Reads a .psrec file: its metadata, and its snapshots, events and alerts by
// time, so a GUI can seek and play (a time cursor over stored data, see
// ReplayCursor) and the headless mode can print it back.
//
// Damaged files: open() succeeds whenever the metadata can be read, and
// reports what it noticed in warnings(); every later read returns what is
// still readable, adds what it could not read to warnings(), and never
// crashes (fuzzed: tests/fuzz/RecordingReaderFuzz.cpp). open() refuses a
// file that is not a recording, and one of a newer schema, naming its version.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/recording/Inflater.h"
#include "core/recording/RecordingTypes.h"
#include "core/recording/SqliteStatement.h"
#include "core/util/Result.h"

namespace poolscope {

class SqliteDb;

/// One open recording. Not thread-safe: use it from one thread (a GUI runs
/// it on a worker thread and hands frames over). Not copyable.
class RecordingReader {
public:
    /// Opens `path`. Errors name the file: "no such file", "... is not a
    /// PoolScope recording (...)", "... was written with recording schema 7;
    /// this PoolScope reads schema 1 at most: open it with a newer
    /// PoolScope", "... is damaged beyond reading: ...". A crashed recording
    /// (its -wal file beside it) is recovered when the folder is writable.
    static Result<std::unique_ptr<RecordingReader>> open(const std::string& path);
    /// The same over a whole file's bytes in memory (tests, fuzzing);
    /// `name` stands for the file in messages.
    static Result<std::unique_ptr<RecordingReader>> openBytes(std::string_view bytes,
                                                              std::string name = "recording");
    ~RecordingReader();
    RecordingReader(const RecordingReader&) = delete;
    RecordingReader& operator=(const RecordingReader&) = delete;

    const std::string& name() const { return name_; }
    int schemaVersion() const { return schemaVersion_; }
    /// The meta table; keys this build does not know are in meta().extra.
    const RecordingMeta& meta() const { return meta_; }
    /// Set when the recording was closed cleanly (not after a crash or kill).
    std::optional<int64_t> endMs() const { return endMs_; }
    /// The summary line of a headless run, when it was recorded.
    std::optional<std::string> summaryLine() const;
    const std::vector<RecordedPool>& pools() const { return pools_; }
    /// The pool with `id`, or nullptr.
    const RecordedPool* pool(int64_t id) const;
    /// Time span of all snapshots; nullopt when there are none (or none readable).
    std::optional<TimeSpan> span() const { return span_; }
    /// Snapshots in the file (rows written; damaged ones included).
    uint64_t snapshotCount() const { return snapshotCount_; }
    /// What is wrong with the file, in words, oldest first: found by open()
    /// and by every read since. Empty for a healthy, cleanly closed file.
    const std::vector<std::string>& warnings() const { return warnings_; }
    /// One paragraph for a person: what the file holds and any damage.
    std::string describe() const;
    /// "2024-05-01 10:00:00.250 UTC" for wall-clock ms since the Unix epoch.
    static std::string formatTime(int64_t ms);

    // --- random access: a GUI's time cursor ---
    /// The newest frame of each pool at or before `tMs` (the state to show
    /// after a seek), in pool order; pools with nothing yet are absent.
    Result<std::vector<ReplayFrame>> framesAt(int64_t tMs);
    /// Frames with afterMs < t_ms <= toMs, ordered by (t_ms, id), at most `limit`.
    Result<std::vector<ReplayFrame>> framesBetween(int64_t afterMs, int64_t toMs, size_t limit);
    /// The time of the first frame after `afterMs`; nullopt at the end.
    Result<std::optional<int64_t>> nextFrameTime(int64_t afterMs);
    /// Transition events with afterMs < t_ms <= toMs: each pool's in
    /// delivery order (seq increasing), pools interleaved by block. At most
    /// about five million per call (a warning says when more were cut).
    Result<std::vector<ReplayEvent>> events(int64_t afterMs, int64_t toMs);
    /// Alerts with afterMs < t_ms <= toMs, in time order.
    Result<std::vector<RecordedAlert>> alerts(int64_t afterMs, int64_t toMs);
    /// The chart figures of one pool with afterMs < t_ms <= toMs, in time order.
    Result<std::vector<SnapshotSample>> samples(int64_t poolId, int64_t afterMs, int64_t toMs);

    // --- sequential, salvaging what is readable ---
    /// Calls `onFrame` for every readable frame in recording order (stop by
    /// returning false). Damaged stretches are skipped and reported.
    ScanReport scanFrames(const std::function<bool(const ReplayFrame&)>& onFrame);
    /// Reads everything (SQLite's quick check, every frame, every event
    /// block) and reports what is readable. Slow on big files.
    ScanReport verify();

private:
    RecordingReader(std::string name, std::unique_ptr<SqliteDb> db);
    static Result<std::unique_ptr<RecordingReader>> finishOpen(std::unique_ptr<RecordingReader> r);
    Status readHeader();
    Status readMeta();
    void readPools();
    void readExtent();
    /// The uncompressed line of a row (fetching its keyframe when needed),
    /// checked against its CRC-32.
    Status loadLine(int64_t id, int64_t keyId, int64_t size, int64_t crc, std::string_view blob,
                    std::string& out);
    Status inflateLine(int64_t id, int64_t keyId, int64_t size, std::string_view blob, std::string& out);
    /// A frame from a row of frameColumns(): its line, or when the line is
    /// damaged, a degraded snapshot from the row's figures (if their CRC
    /// holds). The error says what was lost.
    Result<ReplayFrame> frameFromRow(SqliteStatement& row);
    /// The columns frameFromRow reads: id, pool_id, t_ms, key_id, line_size,
    /// line_crc, line, then sampleColumns().
    std::string frameColumns() const;
    /// The figure columns as sampleFromRow reads them (NULL for the columns
    /// an older file lacks).
    std::string sampleColumns() const;
    /// The figures from column `first` on (as sampleColumns() lists them);
    /// an error when they do not match their stored CRC.
    Result<SnapshotSample> sampleFromRow(SqliteStatement& row, int first) const;
    void readColumns();
    Status decodeEventBlock(int64_t count, int64_t codec, std::string_view data,
                            std::vector<TransitionEvent>& out);
    void warn(std::string message);
    std::string damaged(const std::string& what, const std::string& why) const;

    std::string name_;
    std::unique_ptr<SqliteDb> db_;
    int schemaVersion_ = 0;
    RecordingMeta meta_;
    std::optional<int64_t> endMs_;
    std::vector<RecordedPool> pools_;
    std::optional<TimeSpan> span_;
    uint64_t snapshotCount_ = 0;
    int64_t maxSnapshotId_ = 0;
    bool hasClosedBroken_ = false;  ///< snapshots.closed_broken exists
    bool hasFiguresCrc_ = false;    ///< snapshots.figures_crc exists
    std::vector<std::string> warnings_;
    Inflater inflater_;
    std::map<int64_t, std::string> keyCache_;  ///< keyframe lines by row id
    SqliteStatement keyRow_;                   ///< prepared on first use
    std::string scratch_;
};

}  // namespace poolscope
