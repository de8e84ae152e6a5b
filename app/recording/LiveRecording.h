#pragma once
// Records one live pool session (the headless mode's, or a GUI source's):
// the snapshot lines as printed, the pool's transition events, alert changes,
// and at the end the summary line. A thin layer over Recorder.

#include <memory>
#include <string>
#include <vector>

#include "app/recording/AlertChangeLog.h"
#include "app/recording/Recorder.h"
#include "app/recording/RecordingTypes.h"
#include "core/util/Result.h"

namespace poolscope {

class Pool;

/// Used from the one thread that polls the pool.
class LiveRecording {
public:
    /// Meta for a recording that starts now on this host; `source` is
    /// scrubbed of secrets by the writer.
    static RecordingMeta metaFor(std::string source, std::string appVersion, std::string thresholds);
    /// Creates the file and starts recording (see Recorder::start).
    static Result<std::unique_ptr<LiveRecording>> start(const std::string& path, const RecordingMeta& meta);

    /// Moves the pool's pending transition events into the recording. Call
    /// it often (every 20 ms): the pool's event ring is bounded.
    void drainEvents(Pool& pool);
    /// Records one snapshot with the exact `line` printed for it (events
    /// drained first, so they precede it), and the alerts active at it
    /// (AlertChangeLog keeps only the changes).
    void snapshot(Pool& pool, const PoolSnapshot& snapshot, std::string line,
                  const std::vector<RecordedAlert>& alerts);
    /// Stores the summary line, commits everything and closes the file.
    /// The error names the file and what failed. Idempotent.
    Status finish(const std::string& summaryLine);
    const Recorder& recorder() const { return *recorder_; }

private:
    explicit LiveRecording(std::unique_ptr<Recorder> recorder) : recorder_(std::move(recorder)) {}

    std::unique_ptr<Recorder> recorder_;
    AlertChangeLog alerts_;
    std::vector<TransitionEvent> buffer_;
};

}  // namespace poolscope
