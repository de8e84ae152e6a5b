#pragma once
// A time cursor over a recording: where playback is, and what happened
// between two positions. The GUI's playback clock moves it (seek on a
// scrubber drag, advanceTo on each tick); it reads only what it needs, so a
// 24-hour recording plays without being loaded.

#include <cstdint>
#include <optional>
#include <vector>

#include "core/recording/RecordingReader.h"
#include "core/recording/RecordingTypes.h"
#include "core/util/Result.h"

namespace poolscope {

/// Not thread-safe (like its reader). The reader must outlive the cursor.
class ReplayCursor {
public:
    /// What a move produced, for the views to apply in order.
    struct Step {
        /// After a seek: the newest frame of each pool at the position (the
        /// whole state to show). After an advance: the frames in
        /// (previous, position], in time order.
        std::vector<ReplayFrame> frames;
        std::vector<ReplayEvent> events;   ///< advance only: transitions to animate
        std::vector<RecordedAlert> alerts; ///< advance only: alert changes
        bool seeked = false;               ///< true: views reset to `frames`
    };

    /// Starts before the first frame (position = span start - 1).
    explicit ReplayCursor(RecordingReader& reader);

    int64_t position() const { return position_; }
    /// Jumps to `tMs` (clamped to the recording's span).
    Result<Step> seek(int64_t tMs);
    /// Moves forward to `tMs` and returns what happened in between; at most
    /// `maxFrames` frames (the newest kept per pool when more were recorded:
    /// a slow GUI skips frames, never state). A `tMs` before the position is
    /// a seek.
    Result<Step> advanceTo(int64_t tMs, size_t maxFrames = 10'000);
    /// The time of the next frame, or nullopt at the end (for "play").
    Result<std::optional<int64_t>> nextFrameTime() { return reader_.nextFrameTime(position_); }
    /// The time of the first alert after the position ("jump to next alert").
    Result<std::optional<int64_t>> nextAlertTime();
    bool atEnd() const;

private:
    RecordingReader& reader_;
    int64_t position_ = 0;
};

}  // namespace poolscope
