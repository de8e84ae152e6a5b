#include "core/recording/PlaybackClock.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>

namespace poolscope {

Result<double> PlaybackClock::parseSpeed(std::string_view text) {
    if (text == "max") return 0.0;
    std::string_view number = text;
    if (number.ends_with('x') || number.ends_with('X')) number.remove_suffix(1);
    double v = 0;
    const char* end = number.data() + number.size();
    auto [ptr, ec] = std::from_chars(number.data(), end, v);
    const std::string range = "a speed from 0.25 to 100 (times real time), or 'max'";
    if (number.empty() || ec != std::errc() || ptr != end || !std::isfinite(v))
        return Error{"'" + std::string(text) + "' is not a speed; expected " + range};
    if (v < kMinSpeed || v > kMaxSpeed)
        return Error{"speed '" + std::string(text) + "' is out of range; expected " + range};
    return v;
}

int64_t PlaybackClock::now(Steady::time_point now) const {
    if (!playing_ || speed_ == 0) return anchorMs_;
    const double elapsedMs = std::chrono::duration<double, std::milli>(now - anchorSteady_).count();
    // In double, then clamped: recording times can be anything.
    const double t = static_cast<double>(anchorMs_) + std::floor(elapsedMs * speed_);
    if (t >= 9.2e18) return std::numeric_limits<int64_t>::max();
    if (t <= -9.2e18) return std::numeric_limits<int64_t>::min();
    return static_cast<int64_t>(t);
}

PlaybackClock::Steady::time_point PlaybackClock::dueAt(int64_t tMs, Steady::time_point now) const {
    if (!playing_ || speed_ == 0) return now;
    // At most a year ahead: a damaged time must not overflow the clock.
    const double waitMs = std::clamp((static_cast<double>(tMs) - static_cast<double>(anchorMs_)) / speed_,
                                     -3.2e10, 3.2e10);
    const auto due = anchorSteady_ + std::chrono::duration_cast<Steady::duration>(
                                         std::chrono::duration<double, std::milli>(waitMs));
    return std::max(due, now);
}

void PlaybackClock::setSpeed(double speed, Steady::time_point now) {
    const int64_t t = this->now(now);
    speed_ = speed <= 0 ? 0 : std::clamp(speed, kMinSpeed, kMaxSpeed);
    seek(t, now);
}

void PlaybackClock::play(Steady::time_point now) {
    if (playing_) return;
    anchorSteady_ = now;
    playing_ = true;
}

void PlaybackClock::pause(Steady::time_point now) {
    if (!playing_) return;
    anchorMs_ = this->now(now);
    playing_ = false;
}

void PlaybackClock::seek(int64_t tMs, Steady::time_point now) {
    anchorMs_ = tMs;
    anchorSteady_ = now;
}

}  // namespace poolscope
