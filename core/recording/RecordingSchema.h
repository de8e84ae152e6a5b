#pragma once
// The .psrec format: an SQLite database with a documented, versioned schema
// (README, "Recordings"). This header is its single definition in code.
//
// Version rule: kSchemaVersion changes only when an older reader would
// misread the file. Adding a table, a column with a default, or a meta key
// keeps the version; readers ignore what they do not know.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/pool/PoolConfig.h"

namespace poolscope {

struct RecordingSchema {
    /// The schema this build writes and the newest it reads.
    static constexpr int kSchemaVersion = 1;
    /// PRAGMA application_id of every recording: "PSRC" in ASCII.
    static constexpr int32_t kApplicationId = 0x50535243;
    /// meta.format of every recording.
    static constexpr std::string_view kFormat = "poolscope-recording";

    /// The CREATE statements of schema kSchemaVersion, in order.
    static std::string_view createSql();

    // meta keys
    static constexpr std::string_view kMetaFormat = "format";
    static constexpr std::string_view kMetaSchemaVersion = "schema_version";
    static constexpr std::string_view kMetaAppVersion = "app_version";
    static constexpr std::string_view kMetaSource = "source";
    static constexpr std::string_view kMetaHost = "host";
    static constexpr std::string_view kMetaStartMs = "start_ms";
    static constexpr std::string_view kMetaThresholds = "thresholds";
    static constexpr std::string_view kMetaEndMs = "end_ms";  ///< written by a clean close only
    static constexpr std::string_view kMetaSummaryLine = "summary_line";
    static constexpr std::string_view kMetaDroppedEvents = "recorder_events_dropped";
    static constexpr std::string_view kMetaDroppedSnapshots = "recorder_snapshots_dropped";

    /// Columns added to `snapshots` after the first release, NULL (or
    /// absent) in older files: closed_broken (PoolTotals::closedBroken, so a
    /// replayed error rate counts broken connections as the live one does)
    /// and figures_crc (SnapshotSample::crc() of the figure columns: a row
    /// whose line is damaged is replayed from its figures only when they
    /// match it).
    static constexpr std::string_view kColumnClosedBroken = "closed_broken";
    static constexpr std::string_view kColumnFiguresCrc = "figures_crc";

    /// Snapshot lines: every kKeyframeInterval-th line of a pool is
    /// compressed alone; the others use it as their DEFLATE dictionary.
    static constexpr int kKeyframeInterval = 64;
    /// Event batches hold at most this many events ...
    static constexpr int kMaxEventsPerBatch = 4096;
    /// ... and span at most this many ms (t_last - t_first), so a reader
    /// finds every batch touching (from, to] among t_first > from - span.
    static constexpr int64_t kMaxBatchSpanMs = 1000;
    /// A stored line or event blob never inflates beyond this.
    static constexpr size_t kMaxBlobBytes = 16u << 20;

    /// Codecs of events.codec. events.data is: varint size of the
    /// EventBlockCodec bytes, their CRC-32 (4 bytes, little-endian), then
    /// the bytes as they are (codec 0) or raw DEFLATE of them (codec 1).
    static constexpr int kEventCodecVarint = 0;
    static constexpr int kEventCodecDeflate = 1;

    /// A pool config as a JSON object, the same keys as the snapshot line's
    /// "config" plus "name".
    static std::string configToJson(const PoolConfig& config);
};

}  // namespace poolscope
