#include "core/recording/LiveRecording.h"

#include <unistd.h>

#include <chrono>

#include "core/recording/RecordingSchema.h"

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

Status LiveRecording::finish(const std::string& summaryLine) {
    if (!summaryLine.empty())
        recorder_->setMeta(std::string(RecordingSchema::kMetaSummaryLine), summaryLine);
    return recorder_->close();
}

}  // namespace poolscope
