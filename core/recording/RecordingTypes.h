#pragma once
// The values a recording (.psrec) holds and hands back: what the writer takes,
// what the reader returns. Plain structs; no SQLite, no Qt. The schema that
// stores them is in RecordingSchema.h and the README ("Recordings").

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/pool/ConnState.h"
#include "core/pool/PoolConfig.h"
#include "core/telemetry/Snapshot.h"
#include "core/telemetry/TransitionEvent.h"
#include "core/util/Result.h"

namespace poolscope {

/// What a recording says about itself (the `meta` table).
struct RecordingMeta {
    std::string appVersion;  ///< PoolScope version that wrote it, e.g. "0.1.0"
    /// Where the data came from: a URL or a label. The writer scrubs it again
    /// (password masked, token-like parameters dropped) before storing it.
    std::string source;
    std::string host;         ///< machine that recorded it
    int64_t startMs = 0;      ///< wall-clock ms since the Unix epoch
    std::string thresholds;   ///< health thresholds in force (as given), empty when none
    /// Other keys, stored and read back as they are (never secrets).
    std::map<std::string, std::string> extra;
};

/// One alert change as recorded, stored generically so the recording does not
/// depend on the health engine's classes. Strings are the health engine's own
/// names ("exhausted", "warning", "firing").
struct RecordedAlert {
    int64_t tMs = 0;  ///< wall-clock ms of the change
    std::string pool;
    std::string rule;
    std::string subject;  ///< what inside the rule (e.g. a lint code); empty for most rules
    std::string grade;  ///< "info", "warning", "danger", ...
    std::string state;  ///< "pending", "firing", "resolved", "dropped"
    std::string message;
    double value = 0;
    double threshold = 0;
    bool operator==(const RecordedAlert&) const = default;
};

/// The figures of one snapshot that charts plot, stored as columns so a GUI
/// can draw a whole day without decoding lines.
struct SnapshotSample {
    int64_t tMs = 0;
    Lifecycle lifecycle = Lifecycle::Initial;
    PoolCounts counts;
    int64_t maxOpen = 0;
    WaitWindow wait;
    uint64_t acquired = 0;
    uint64_t timeouts = 0;
    uint64_t created = 0;
    uint64_t destroyed = 0;
    uint64_t connectErrors = 0;
    uint64_t validationFailures = 0;
    /// Connections closed broken; nullopt in recordings written before the
    /// column existed (their replayed error rate cannot count them).
    std::optional<uint64_t> closedBroken;
    bool operator==(const SnapshotSample&) const = default;

    static SnapshotSample of(const PoolSnapshot& snapshot);
    /// A snapshot holding exactly these figures, for a Timeline or the health
    /// engine: every Timeline metric comes out as it did for the live
    /// snapshot. `reported` names only the figures a sample holds; the rest
    /// (connections, transitions, other totals and config) are unknown.
    PoolSnapshot toSnapshot(const std::string& pool, const std::string& driver) const;
    /// CRC-32 of the figures (RecordingSchema: snapshots.figures_crc), so
    /// damaged figures are never replayed as data.
    uint32_t crc() const;
};

/// One snapshot as handed to the writer: the exact line that was printed and
/// the figures stored beside it. `line` is the truth; replay prints it as is.
struct RecordedSnapshot {
    std::string pool;
    std::string driver;
    PoolConfig config;  ///< stored once per pool, at its first snapshot
    SnapshotSample sample;
    std::string line;   ///< the JSON line without its newline

    /// From a live snapshot and the line printed for it.
    static RecordedSnapshot of(const PoolSnapshot& snapshot, std::string line);
};

/// Transition events of one pool, in delivery order (as Pool::drainEvents
/// returns them).
struct RecordedEvents {
    std::string pool;
    std::vector<TransitionEvent> events;
};

/// What the writer commits in one transaction.
struct RecordingBatch {
    std::vector<RecordedSnapshot> snapshots;
    std::vector<RecordedEvents> events;
    std::vector<RecordedAlert> alerts;
    bool empty() const { return snapshots.empty() && events.empty() && alerts.empty(); }
};

/// A pool of a recording (the `pools` table).
struct RecordedPool {
    int64_t id = 0;            ///< pools.id; ReplayEvent::pool and frames refer to it
    std::string name;
    std::string driver;
    std::string configJson;    ///< its config at its first snapshot, as JSON
    int64_t firstMs = 0;
};

/// One recorded snapshot read back.
struct ReplayFrame {
    int64_t id = 0;      ///< row id: recording order, increasing
    int64_t poolId = 0;  ///< RecordedPool::id
    std::string pool;
    int64_t tMs = 0;
    /// Byte for byte the line printed when it was recorded; for a degraded
    /// frame, a line written from `degraded` (unknown figures null,
    /// "degraded":true).
    std::string line;
    /// Set when the recorded line could not be read back but the figures
    /// stored beside it could (checked by their CRC): a snapshot with
    /// `degraded` set and only those figures reported.
    std::optional<PoolSnapshot> degraded;
    /// For a degraded frame: what was lost, in words (for warnings).
    std::string damage;

    /// The snapshot of this frame: `degraded`, or the line parsed.
    Result<PoolSnapshot> snapshot() const;
};

/// One transition event read back.
struct ReplayEvent {
    int64_t poolId = 0;  ///< RecordedPool::id
    TransitionEvent event;
};

/// [firstMs, lastMs] of a recording's snapshots.
struct TimeSpan {
    int64_t firstMs = 0;
    int64_t lastMs = 0;
};

/// What a full scan of a recording found (RecordingReader::scanFrames and
/// verify). Empty `problems` means every row read back.
struct ScanReport {
    uint64_t framesRead = 0;
    uint64_t framesUnreadable = 0;   ///< rows skipped (damaged page, or line and figures)
    /// Rows whose line was damaged but whose figures were replayed (counted
    /// in framesRead too; see ReplayFrame::degraded).
    uint64_t framesDegraded = 0;
    uint64_t eventsRead = 0;
    uint64_t eventBatchesUnreadable = 0;
    std::optional<TimeSpan> readable;  ///< span of the frames read
    std::vector<std::string> problems;  ///< one message per damaged stretch, capped
};

}  // namespace poolscope
