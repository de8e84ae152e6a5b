#pragma once
// Writes a .psrec file: creates the schema, stores the metadata, commits
// batches of snapshots, events and alerts, one transaction per batch.
// Synchronous: Recorder calls it from its background thread, FlightRecorder
// when saving.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/recording/Deflater.h"
#include "core/recording/RecordingTypes.h"
#include "core/util/Result.h"

namespace poolscope {

class SqliteDb;
class SqliteStatement;

/// One recording being written. Not thread-safe: one thread at a time.
/// Crash safety: the file is in WAL mode with synchronous=NORMAL, so every
/// committed batch survives a crash or kill -9 of the process (the -wal file
/// beside the recording holds the newest batches until they are
/// checkpointed; the reader recovers them). close() folds everything into
/// the one .psrec file.
class RecordingWriter {
public:
    /// Creates a recording at `path` with `meta` (meta.source is scrubbed of
    /// secrets). An existing recording or empty file at `path` is replaced;
    /// any other existing file is refused ("... is not a PoolScope recording;
    /// refusing to overwrite it"). The error names the file and the reason.
    static Result<std::unique_ptr<RecordingWriter>> create(const std::string& path,
                                                           const RecordingMeta& meta);
    ~RecordingWriter();
    RecordingWriter(const RecordingWriter&) = delete;
    RecordingWriter& operator=(const RecordingWriter&) = delete;

    /// Commits `batch` in one transaction: snapshots in order (each line
    /// stored byte for byte), events packed into blocks (EventBlockCodec, at
    /// most RecordingSchema::kMaxEventsPerBatch events and kMaxBatchSpanMs
    /// per block), alerts. On error nothing of the batch is kept.
    Status write(const RecordingBatch& batch);
    /// Sets one meta key (replacing it) in its own transaction.
    Status setMeta(std::string_view key, std::string_view value);
    /// Writes end_ms (the mark of a clean close), checkpoints the WAL and
    /// switches the file back to a single self-contained database. The
    /// writer is unusable afterwards. Idempotent.
    Status close(int64_t endMs);

    const std::string& path() const { return path_; }
    /// Bytes on disk now: the file plus its -wal.
    uint64_t fileBytes() const;
    uint64_t snapshotsWritten() const { return snapshots_; }
    uint64_t eventsWritten() const { return events_; }

private:
    struct PoolState {
        int64_t id = 0;
        bool hasConfig = false;
        int64_t keyId = 0;        ///< row whose line is the dictionary
        std::string keyLine;
        int sinceKey = 0;         ///< lines written since the keyframe
    };
    struct Statements;

    RecordingWriter(std::string path, std::unique_ptr<SqliteDb> db);
    Status initialize(const RecordingMeta& meta);
    Result<PoolState*> pool(const std::string& name, const RecordedSnapshot* first, int64_t tMs);
    Status writeSnapshot(const RecordedSnapshot& s);
    Status writeEvents(const RecordedEvents& e);
    Status writeEventBlock(int64_t poolId, const TransitionEvent* first, size_t count);
    Status writeAlert(const RecordedAlert& a);

    std::string path_;
    std::unique_ptr<SqliteDb> db_;
    std::unique_ptr<Statements> st_;
    std::map<std::string, PoolState> pools_;
    int64_t nextSnapshotId_ = 1;
    Deflater deflater_;
    std::string scratch_;
    std::string blob_;
    uint64_t snapshots_ = 0;
    uint64_t events_ = 0;
    bool closed_ = false;
};

}  // namespace poolscope
