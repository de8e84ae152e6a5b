#pragma once
// The flight recorder: the last N minutes (default 15) of a session, always
// kept in memory, so that after something happened the user can save them
// to a .psrec ("save the last 15 minutes").

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "core/recording/RecordingSink.h"
#include "core/recording/RecordingTypes.h"
#include "core/util/Result.h"

namespace poolscope {

/// Thread-safe: sources append from their threads, the GUI saves from its own.
/// Time is the data's: the window ends at the newest time appended, so a
/// replay into a flight recorder behaves the same as a live session.
class FlightRecorder final : public RecordingSink {
public:
    static constexpr int64_t kDefaultWindowMs = 15 * 60 * 1000;
    static constexpr size_t kDefaultMaxBytes = size_t{256} << 20;

    struct Stats {
        uint64_t snapshots = 0;  ///< kept now
        uint64_t events = 0;     ///< kept now
        uint64_t alerts = 0;     ///< kept now
        size_t bytes = 0;        ///< memory held by what is kept (approximate)
        int64_t firstMs = 0;     ///< oldest kept time (0 when empty)
        int64_t lastMs = 0;      ///< newest time appended
    };

    /// Keeps what happened within `windowMs` of the newest time appended, and
    /// at most `maxBytes` (oldest dropped first). Events are held packed
    /// (EventBlockCodec, about 7 bytes each).
    explicit FlightRecorder(int64_t windowMs = kDefaultWindowMs, size_t maxBytes = kDefaultMaxBytes);

    void append(RecordedSnapshot snapshot) override;
    void appendEvents(const std::string& pool, std::vector<TransitionEvent> events) override;
    void appendAlert(RecordedAlert alert) override;

    /// Writes what is kept now to a new recording at `path` (see
    /// RecordingWriter::create for replacing files). meta.startMs, when 0,
    /// becomes the oldest kept time. Runs on the calling thread; appends
    /// continue meanwhile and are not part of the file.
    Status saveTo(const std::string& path, RecordingMeta meta) const;
    /// Like saveTo(path, meta), keeping only what happened at or after
    /// `sinceMs` (data time, ms since the Unix epoch): snapshots and alerts by
    /// their time, events one by one (a block straddling `sinceMs` is cut).
    /// meta.startMs, when 0, becomes the oldest time written (or `sinceMs`
    /// when nothing older than the end is kept). To save the last N minutes:
    /// saveTo(path, meta, stats().lastMs - N * 60'000).
    Status saveTo(const std::string& path, RecordingMeta meta, int64_t sinceMs) const;
    Stats stats() const;
    void clear();
    int64_t windowMs() const { return windowMs_; }

private:
    struct EventBlock {
        std::string pool;
        int64_t tFirst = 0;
        int64_t tLast = 0;
        uint32_t count = 0;
        std::string bytes;  ///< EventBlockCodec encoding
    };
    void trimLocked();
    static size_t sizeOf(const RecordedSnapshot& s);

    const int64_t windowMs_;
    const size_t maxBytes_;
    mutable std::mutex mu_;
    std::deque<RecordedSnapshot> snapshots_;
    std::deque<EventBlock> events_;
    std::deque<RecordedAlert> alerts_;
    size_t bytes_ = 0;
    uint64_t eventCount_ = 0;
    int64_t newestMs_ = 0;
};

}  // namespace poolscope
