#include "core/recording/FlightRecorder.h"

#include <algorithm>
#include <limits>
#include <span>

#include "core/recording/EventBlockCodec.h"
#include "core/recording/RecordingWriter.h"

namespace poolscope {

namespace {

/// Snapshots per transaction when saving.
constexpr size_t kSaveBatch = 2000;
constexpr size_t kAlertOverhead = 128;

size_t alertSize(const RecordedAlert& a) {
    return kAlertOverhead + a.pool.size() + a.rule.size() + a.subject.size() + a.grade.size() + a.state.size() +
           a.message.size();
}

}  // namespace

FlightRecorder::FlightRecorder(int64_t windowMs, size_t maxBytes)
    : windowMs_(std::max<int64_t>(windowMs, 0)), maxBytes_(maxBytes) {}

size_t FlightRecorder::sizeOf(const RecordedSnapshot& s) {
    return sizeof(RecordedSnapshot) + s.line.capacity() + s.pool.size() + s.driver.size() +
           s.config.name.size();
}

void FlightRecorder::append(RecordedSnapshot snapshot) {
    std::lock_guard lk(mu_);
    newestMs_ = std::max(newestMs_, snapshot.sample.tMs);
    bytes_ += sizeOf(snapshot);
    snapshots_.push_back(std::move(snapshot));
    trimLocked();
}

void FlightRecorder::appendEvents(const std::string& pool, std::vector<TransitionEvent> events) {
    if (events.empty()) return;
    EventBlock block;
    block.pool = pool;
    block.count = static_cast<uint32_t>(events.size());
    block.tFirst = block.tLast = events.front().tMs;
    for (const auto& e : events) {
        block.tFirst = std::min(block.tFirst, e.tMs);
        block.tLast = std::max(block.tLast, e.tMs);
    }
    EventBlockCodec::encode(events, block.bytes);
    block.bytes.shrink_to_fit();
    std::lock_guard lk(mu_);
    newestMs_ = std::max(newestMs_, block.tLast);
    bytes_ += sizeof(EventBlock) + block.bytes.capacity() + pool.size();
    eventCount_ += block.count;
    events_.push_back(std::move(block));
    trimLocked();
}

void FlightRecorder::appendAlert(RecordedAlert alert) {
    std::lock_guard lk(mu_);
    newestMs_ = std::max(newestMs_, alert.tMs);
    bytes_ += alertSize(alert);
    alerts_.push_back(std::move(alert));
    trimLocked();
}

void FlightRecorder::trimLocked() {
    const int64_t cutoff = newestMs_ - windowMs_;
    const auto dropSnapshot = [&] {
        bytes_ -= sizeOf(snapshots_.front());
        snapshots_.pop_front();
    };
    const auto dropEvents = [&] {
        bytes_ -= sizeof(EventBlock) + events_.front().bytes.capacity() + events_.front().pool.size();
        eventCount_ -= events_.front().count;
        events_.pop_front();
    };
    while (!snapshots_.empty() && snapshots_.front().sample.tMs < cutoff) dropSnapshot();
    while (!events_.empty() && events_.front().tLast < cutoff) dropEvents();
    while (!alerts_.empty() && alerts_.front().tMs < cutoff) {
        bytes_ -= alertSize(alerts_.front());
        alerts_.pop_front();
    }
    // Over the memory cap: drop the oldest of snapshots and events.
    while (bytes_ > maxBytes_ && (!snapshots_.empty() || !events_.empty())) {
        const bool snapshotIsOlder =
            !snapshots_.empty() &&
            (events_.empty() || snapshots_.front().sample.tMs <= events_.front().tFirst);
        if (snapshotIsOlder) dropSnapshot();
        else dropEvents();
    }
}

FlightRecorder::Stats FlightRecorder::stats() const {
    std::lock_guard lk(mu_);
    Stats s;
    s.snapshots = snapshots_.size();
    s.events = eventCount_;
    s.alerts = alerts_.size();
    s.bytes = bytes_;
    s.lastMs = newestMs_;
    int64_t first = 0;
    const auto consider = [&](int64_t t) { first = first == 0 ? t : std::min(first, t); };
    if (!snapshots_.empty()) consider(snapshots_.front().sample.tMs);
    if (!events_.empty()) consider(events_.front().tFirst);
    if (!alerts_.empty()) consider(alerts_.front().tMs);
    s.firstMs = first;
    return s;
}

void FlightRecorder::clear() {
    std::lock_guard lk(mu_);
    snapshots_.clear();
    events_.clear();
    alerts_.clear();
    bytes_ = 0;
    eventCount_ = 0;
    newestMs_ = 0;
}

Status FlightRecorder::saveTo(const std::string& path, RecordingMeta meta) const {
    return saveTo(path, std::move(meta), std::numeric_limits<int64_t>::min());
}

Status FlightRecorder::saveTo(const std::string& path, RecordingMeta meta, int64_t sinceMs) const {
    std::vector<RecordedSnapshot> snapshots;
    std::vector<EventBlock> events;
    std::vector<RecordedAlert> alerts;
    int64_t endMs = 0;
    {
        std::lock_guard lk(mu_);
        for (const auto& s : snapshots_)
            if (s.sample.tMs >= sinceMs) snapshots.push_back(s);
        for (const auto& b : events_)
            if (b.tLast >= sinceMs) events.push_back(b);
        for (const auto& a : alerts_)
            if (a.tMs >= sinceMs) alerts.push_back(a);
        endMs = newestMs_;
    }
    if (meta.startMs == 0) {
        int64_t first = endMs;
        if (!snapshots.empty()) first = std::min(first, snapshots.front().sample.tMs);
        if (!events.empty()) first = std::min(first, std::max(sinceMs, events.front().tFirst));
        if (!alerts.empty()) first = std::min(first, alerts.front().tMs);
        meta.startMs = first;
    }
    auto writer = RecordingWriter::create(path, meta);
    if (!writer) return writer.error();
    RecordingBatch batch;
    for (size_t i = 0; i < snapshots.size(); i += kSaveBatch) {
        batch.snapshots.assign(std::make_move_iterator(snapshots.begin() + static_cast<ptrdiff_t>(i)),
                               std::make_move_iterator(snapshots.begin() +
                                   static_cast<ptrdiff_t>(std::min(snapshots.size(), i + kSaveBatch))));
        if (auto s = (*writer)->write(batch); !s) return s;
    }
    batch = RecordingBatch{};
    for (const auto& block : events) {
        RecordedEvents decoded{block.pool, {}};
        // The blocks were encoded here from valid events; decoding cannot fail
        // unless memory is damaged, and then the save must say so.
        if (auto s = EventBlockCodec::decode(block.bytes, decoded.events); !s)
            return Status::fail("flight recorder: " + s.message());
        if (block.tFirst < sinceMs)
            std::erase_if(decoded.events, [&](const TransitionEvent& e) { return e.tMs < sinceMs; });
        batch.events.push_back(std::move(decoded));
        if (batch.events.size() >= 256) {
            if (auto s = (*writer)->write(batch); !s) return s;
            batch.events.clear();
        }
    }
    batch.alerts = std::move(alerts);
    if (auto s = (*writer)->write(batch); !s) return s;
    return (*writer)->close(endMs);
}

}  // namespace poolscope
