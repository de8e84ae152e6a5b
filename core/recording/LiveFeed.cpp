#include "core/recording/LiveFeed.h"

#include <algorithm>

#include "core/pool/Pool.h"

namespace poolscope {

void LiveFeed::addSink(RecordingSink& sink) {
    if (std::none_of(sinks_.begin(), sinks_.end(), [&](const Entry& e) { return e.sink == &sink; }))
        sinks_.push_back(Entry{&sink, {}});
}

void LiveFeed::removeSink(RecordingSink& sink) {
    std::erase_if(sinks_, [&](const Entry& e) { return e.sink == &sink; });
}

void LiveFeed::events(const std::string& pool, const std::vector<TransitionEvent>& events) {
    if (events.empty()) return;
    for (Entry& e : sinks_) e.sink->appendEvents(pool, events);
}

void LiveFeed::drainEvents(Pool& pool) {
    if (sinks_.empty() || pool.drainEvents(buffer_) == 0) return;
    events(pool.name(), buffer_);
    buffer_.clear();
}

void LiveFeed::snapshot(const PoolSnapshot& snapshot, const std::string& line,
                        const PoolHealth& health) {
    if (sinks_.empty()) return;
    const RecordedSnapshot recorded = RecordedSnapshot::of(snapshot, line);
    const std::vector<RecordedAlert> current = alertsOf(health, snapshot.tMs);
    for (Entry& e : sinks_) {
        e.sink->append(recorded);
        for (auto& change : e.alerts.update(snapshot.pool, snapshot.tMs, current))
            e.sink->appendAlert(std::move(change));
    }
}

std::vector<RecordedAlert> LiveFeed::alertsOf(const PoolHealth& health, int64_t tMs) {
    std::vector<RecordedAlert> out;
    out.reserve(health.alerts.size());
    for (const auto& a : health.alerts)
        out.push_back({tMs, a.pool, a.rule, a.subject, std::string(toString(a.grade)),
                       std::string(toString(a.state)), a.message, a.value, a.threshold});
    return out;
}

}  // namespace poolscope
