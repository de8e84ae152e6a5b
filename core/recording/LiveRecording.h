#pragma once
// Records one live session (the headless mode's, or the GUI's) to a .psrec:
// a Recorder started with the session's meta, fed through a LiveFeed (the
// snapshot lines as printed, transition events, alert changes), and at the
// end the summary line. A thin layer over Recorder.

#include <memory>
#include <string>

#include "core/recording/Recorder.h"
#include "core/recording/RecordingTypes.h"
#include "core/util/Result.h"

namespace poolscope {

/// Used from the one thread that sees the session.
class LiveRecording {
public:
    /// Meta for a recording that starts now on this host; `source` is
    /// scrubbed of secrets by the writer.
    static RecordingMeta metaFor(std::string source, std::string appVersion, std::string thresholds);
    /// Creates the file and starts recording (see Recorder::start).
    static Result<std::unique_ptr<LiveRecording>> start(const std::string& path, const RecordingMeta& meta);

    /// Stores the summary line (none when empty), commits everything and
    /// closes the file. The error names the file and what failed. Idempotent.
    Status finish(const std::string& summaryLine);
    /// The sink to feed (LiveFeed::addSink), its stats and status.
    Recorder& recorder() { return *recorder_; }
    const Recorder& recorder() const { return *recorder_; }

private:
    explicit LiveRecording(std::unique_ptr<Recorder> recorder) : recorder_(std::move(recorder)) {}

    std::unique_ptr<Recorder> recorder_;
};

}  // namespace poolscope
