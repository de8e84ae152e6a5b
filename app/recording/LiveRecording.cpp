#include "app/recording/LiveRecording.h"

#include <unistd.h>

#include <chrono>

#include "app/recording/RecordingSchema.h"
#include "core/pool/Pool.h"

namespace poolscope {

RecordingMeta LiveRecording::metaFor(std::string source, std::string appVersion, std::string thresholds) {
    RecordingMeta meta;
    meta.source = std::move(source);
    meta.appVersion = std::move(appVersion);
    meta.thresholds = std::move(thresholds);
    meta.startMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) == 0) meta.host = host;
    return meta;
}

Result<std::unique_ptr<LiveRecording>> LiveRecording::start(const std::string& path,
                                                            const RecordingMeta& meta) {
    auto recorder = Recorder::start(path, meta);
    if (!recorder) return recorder.error();
    return std::unique_ptr<LiveRecording>(new LiveRecording(std::move(*recorder)));
}

void LiveRecording::drainEvents(Pool& pool) {
    if (pool.drainEvents(buffer_) == 0) return;
    recorder_->appendEvents(pool.name(), std::move(buffer_));
    buffer_ = {};
}

void LiveRecording::snapshot(Pool& pool, const PoolSnapshot& snapshot, std::string line,
                             const std::vector<RecordedAlert>& alerts) {
    drainEvents(pool);
    recorder_->appendSnapshot(snapshot, std::move(line));
    for (auto& change : alerts_.update(snapshot.pool, snapshot.tMs, alerts))
        recorder_->appendAlert(std::move(change));
}

Status LiveRecording::finish(const std::string& summaryLine) {
    if (!summaryLine.empty())
        recorder_->setMeta(std::string(RecordingSchema::kMetaSummaryLine), summaryLine);
    return recorder_->close();
}

}  // namespace poolscope
