#include "core/recording/ReplayCursor.h"

#include <algorithm>
#include <limits>

#include "core/recording/TimeMath.h"

namespace poolscope {

ReplayCursor::ReplayCursor(RecordingReader& reader) : reader_(reader) {
    position_ = reader_.span() ? subSaturating(reader_.span()->firstMs, 1) : 0;
}

bool ReplayCursor::atEnd() const {
    return !reader_.span() || position_ >= reader_.span()->lastMs;
}

Result<ReplayCursor::Step> ReplayCursor::seek(int64_t tMs) {
    if (const auto span = reader_.span()) tMs = std::clamp(tMs, subSaturating(span->firstMs, 1), std::max(span->lastMs, subSaturating(span->firstMs, 1)));
    auto frames = reader_.framesAt(tMs);
    if (!frames) return frames.error();
    position_ = tMs;
    Step step;
    step.frames = std::move(*frames);
    step.seeked = true;
    return step;
}

Result<ReplayCursor::Step> ReplayCursor::advanceTo(int64_t tMs, size_t maxFrames) {
    if (tMs < position_) return seek(tMs);
    Step step;
    if (tMs == position_) return step;
    // One more than allowed tells whether frames were skipped.
    maxFrames = std::min(maxFrames, std::numeric_limits<size_t>::max() - 1);
    auto frames = reader_.framesBetween(position_, tMs, maxFrames + 1);
    if (!frames) return frames.error();
    if (frames->size() > maxFrames) {
        // Too many to show: hand over the state at tMs, as a seek does.
        auto latest = reader_.framesAt(tMs);
        if (!latest) return latest.error();
        step.frames = std::move(*latest);
        step.seeked = true;
        position_ = tMs;
        return step;
    }
    auto events = reader_.events(position_, tMs);
    if (!events) return events.error();
    auto alerts = reader_.alerts(position_, tMs);
    if (!alerts) return alerts.error();
    step.frames = std::move(*frames);
    step.events = std::move(*events);
    step.alerts = std::move(*alerts);
    position_ = tMs;
    return step;
}

Result<std::optional<int64_t>> ReplayCursor::nextAlertTime() {
    const int64_t end = reader_.span() ? reader_.span()->lastMs : position_;
    auto alerts = reader_.alerts(position_, addSaturating(std::max(end, position_), 1));
    if (!alerts) return alerts.error();
    if (alerts->empty()) return std::optional<int64_t>();
    return std::optional<int64_t>(alerts->front().tMs);
}

}  // namespace poolscope
