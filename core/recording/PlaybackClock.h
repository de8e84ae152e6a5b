#pragma once
// The clock of a replay: maps the machine's steady time to recording time,
// with a speed (0.25x to 100x, or as fast as possible), play and pause.
// Pure: every call takes "now", so tests and the GUI drive it without sleeps.

#include <chrono>
#include <cstdint>
#include <string_view>

#include "core/util/Result.h"

namespace poolscope {

/// Not thread-safe; owned by whoever drives playback.
class PlaybackClock {
public:
    using Steady = std::chrono::steady_clock;
    static constexpr double kMinSpeed = 0.25;
    static constexpr double kMaxSpeed = 100.0;

    /// Paused at recording time `startMs`, speed 1.
    explicit PlaybackClock(int64_t startMs = 0) : anchorMs_(startMs) {}

    /// Parses "max" (as fast as possible) or a number within
    /// [kMinSpeed, kMaxSpeed] ("2", "0.5", "10x"). The error names the text
    /// and the range. Returns 0 for "max".
    static Result<double> parseSpeed(std::string_view text);

    /// A speed within [kMinSpeed, kMaxSpeed], or 0 for as fast as possible.
    /// Out-of-range values are clamped. Keeps the current recording time.
    void setSpeed(double speed, Steady::time_point now);
    double speed() const { return speed_; }
    bool asFastAsPossible() const { return speed_ == 0; }

    void play(Steady::time_point now);
    void pause(Steady::time_point now);
    bool playing() const { return playing_; }
    /// Moves to recording time `tMs`, playing or not.
    void seek(int64_t tMs, Steady::time_point now);

    /// Recording time at `now` (ms). As fast as possible: the anchor; the
    /// player advances with seek() frame by frame.
    int64_t now(Steady::time_point now) const;
    /// The steady time at which recording time `tMs` is due (for sleeping
    /// until the next frame). Paused or as fast as possible: `now`.
    Steady::time_point dueAt(int64_t tMs, Steady::time_point now) const;

private:
    int64_t anchorMs_ = 0;            ///< recording time at anchorSteady_
    Steady::time_point anchorSteady_{};
    double speed_ = 1.0;
    bool playing_ = false;
};

}  // namespace poolscope
