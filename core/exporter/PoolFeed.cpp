#include "core/exporter/PoolFeed.h"

#include "core/pool/Pool.h"
#include "core/telemetry/SnapshotJson.h"

namespace poolscope {

PoolFeed::PoolFeed(std::string name, Pool* controls, size_t eventBacklog, int flightRecorderMinutes)
    : name_(std::move(name)),
      backlog_(eventBacklog),
      recorder_(int64_t{std::max(1, flightRecorderMinutes)} * 60'000),
      controls_(controls) {}

void PoolFeed::publish(const PoolSnapshot& snapshot, const std::vector<TransitionEvent>& events,
                       const PoolHealth& health) {
    auto snap = std::make_shared<const PoolSnapshot>(snapshot);
    auto h = std::make_shared<const PoolHealth>(health);
    auto line = std::make_shared<const std::string>(snapshotToJsonLine(snapshot, health));
    {
        std::lock_guard lk(mu_);
        latest_ = Latest{snap, h, line};
        refused_ += backlog_.append(events);
    }
    cv_.notify_all();

    recorder_.append(RecordedSnapshot::of(snapshot, *line));
    if (!events.empty()) recorder_.appendEvents(name_, events);
    std::vector<RecordedAlert> current;
    current.reserve(health.alerts.size());
    for (const Alert& a : health.alerts) {
        current.push_back(RecordedAlert{snapshot.tMs, name_, a.rule, a.subject, std::string(toString(a.grade)),
                                        std::string(toString(a.state)), a.message, a.value, a.threshold});
    }
    std::vector<RecordedAlert> changes;
    {
        std::lock_guard lk(alertMu_);
        changes = alertLog_.update(name_, snapshot.tMs, current);
    }
    for (auto& c : changes) recorder_.appendAlert(std::move(c));
}

PoolFeed::Latest PoolFeed::latest() const {
    std::lock_guard lk(mu_);
    return latest_;
}

EventBacklog::Read PoolFeed::waitEvents(uint64_t after, size_t max, std::chrono::milliseconds timeout,
                                        const std::atomic<bool>& stop) {
    std::unique_lock lk(mu_);
    cv_.wait_for(lk, timeout, [&] { return backlog_.lastSeq() > after || detached_ || stop.load(); });
    return backlog_.readAfter(after, max);
}

uint64_t PoolFeed::lastSeq() const {
    std::lock_guard lk(mu_);
    return backlog_.lastSeq();
}

uint64_t PoolFeed::refusedEvents() const {
    std::lock_guard lk(mu_);
    return refused_;
}

Status PoolFeed::withControls(const std::function<Status(Pool&)>& action) {
    std::lock_guard lk(controlsMu_);
    if (controls_ == nullptr)
        return Status::fail("pool \"" + name_ + "\" has no controls here: the service registered it read-only");
    return action(*controls_);
}

bool PoolFeed::hasControls() const {
    std::lock_guard lk(controlsMu_);
    return controls_ != nullptr;
}

void PoolFeed::setControls(Pool* controls) {
    std::lock_guard lk(controlsMu_);
    controls_ = controls;
}

void PoolFeed::detach() {
    {
        std::lock_guard lk(controlsMu_);
        controls_ = nullptr;
    }
    {
        std::lock_guard lk(mu_);
        detached_ = true;
    }
    cv_.notify_all();
}

bool PoolFeed::detached() const {
    std::lock_guard lk(mu_);
    return detached_;
}

void PoolFeed::wake() {
    // Taking the lock orders this after a waiter's predicate check, so a
    // `stop` set before wake() is never missed.
    { std::lock_guard lk(mu_); }
    cv_.notify_all();
}

Status PoolFeed::saveRecording(const std::string& path, int64_t lastMs) const {
    RecordingMeta meta;
    meta.source = "exporter pool " + name_;
    if (lastMs <= 0) return recorder_.saveTo(path, meta);
    return recorder_.saveTo(path, meta, recorder_.stats().lastMs - lastMs);
}

}  // namespace poolscope
