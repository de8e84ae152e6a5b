#include "core/recording/Recorder.h"

#include <chrono>

#include "core/recording/RecordingSchema.h"
#include "core/recording/RecordingWriter.h"

namespace poolscope {

namespace {

int64_t wallMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

Recorder::Recorder(std::string path, std::unique_ptr<RecordingWriter> writer, Options options)
    : path_(std::move(path)), options_(options), writer_(std::move(writer)) {}

Result<std::unique_ptr<Recorder>> Recorder::start(const std::string& path, const RecordingMeta& meta,
                                                  Options options) {
    if (options.flushIntervalMs < 1 || options.flushIntervalMs > 1000)
        return Error{"the flush interval must be 1-1000 ms (a crash loses at most one interval)"};
    auto writer = RecordingWriter::create(path, meta);
    if (!writer) return writer.error();
    std::unique_ptr<Recorder> r(new Recorder(path, std::move(*writer), options));
    r->stats_.bytes = r->writer_->fileBytes();
    r->thread_ = std::thread([raw = r.get()] { raw->run(); });
    return r;
}

Recorder::~Recorder() { (void)close(); }

void Recorder::append(RecordedSnapshot snapshot) {
    std::lock_guard lk(mu_);
    if (stopping_ || failed_ || pending_.snapshots.size() >= options_.maxPendingSnapshots) {
        ++stats_.snapshotsDropped;
        return;
    }
    pending_.snapshots.push_back(std::move(snapshot));
}

void Recorder::appendEvents(const std::string& pool, std::vector<TransitionEvent> events) {
    if (events.empty()) return;
    bool wake = false;
    {
        std::lock_guard lk(mu_);
        if (stopping_ || failed_ || pendingEvents_ + events.size() > options_.maxPendingEvents) {
            stats_.eventsDropped += events.size();
            return;
        }
        const size_t before = pendingEvents_;
        pendingEvents_ += events.size();
        auto& list = pending_.events;
        if (!list.empty() && list.back().pool == pool) {
            auto& v = list.back().events;
            v.insert(v.end(), events.begin(), events.end());
        } else {
            list.push_back(RecordedEvents{pool, std::move(events)});
        }
        wake = before < options_.eagerFlushEvents && pendingEvents_ >= options_.eagerFlushEvents;
    }
    if (wake) cv_.notify_one();
}

void Recorder::appendAlert(RecordedAlert alert) {
    std::lock_guard lk(mu_);
    if (stopping_ || failed_) return;
    pending_.alerts.push_back(std::move(alert));
}

void Recorder::setMeta(std::string key, std::string value) {
    std::lock_guard lk(mu_);
    pendingMeta_.emplace_back(std::move(key), std::move(value));
}

void Recorder::run() {
    using Clock = std::chrono::steady_clock;
    const auto interval = std::chrono::milliseconds(options_.flushIntervalMs);
    auto nextFlush = Clock::now() + interval;
    for (;;) {
        RecordingBatch batch;
        std::vector<std::pair<std::string, std::string>> meta;
        bool stop = false;
        {
            std::unique_lock lk(mu_);
            cv_.wait_until(lk, nextFlush, [&] {
                return stopping_ || pendingEvents_ >= options_.eagerFlushEvents;
            });
            batch = std::move(pending_);
            pending_ = RecordingBatch{};
            meta.swap(pendingMeta_);
            pendingEvents_ = 0;
            stop = stopping_;
        }
        nextFlush = Clock::now() + interval;
        Status s = writer_->write(batch);
        for (const auto& [k, v] : meta)
            if (s) s = writer_->setMeta(k, v);
        std::lock_guard lk(mu_);
        if (!s && !failed_) {
            failed_ = true;
            error_ = s;
        }
        if (s && !batch.empty()) {
            stats_.snapshots += batch.snapshots.size();
            for (const auto& e : batch.events) stats_.events += e.events.size();
            stats_.alerts += batch.alerts.size();
            ++stats_.commits;
            stats_.bytes = writer_->fileBytes();
        }
        if (stop || failed_) return;
    }
}

Status Recorder::close() {
    {
        std::lock_guard lk(mu_);
        if (closed_) return closeResult_;
        closed_ = true;
        stopping_ = true;
    }
    cv_.notify_one();
    if (thread_.joinable()) thread_.join();
    std::lock_guard lk(mu_);
    // The thread has stopped: the writer is this thread's now.
    Status s = error_;
    if (s && (stats_.eventsDropped || stats_.snapshotsDropped)) {
        s = writer_->setMeta(RecordingSchema::kMetaDroppedEvents, std::to_string(stats_.eventsDropped));
        if (s)
            s = writer_->setMeta(RecordingSchema::kMetaDroppedSnapshots,
                                 std::to_string(stats_.snapshotsDropped));
    }
    // Even after a failed commit, close() keeps what was committed readable.
    const Status closed = writer_->close(wallMs());
    if (s && !closed) s = closed;
    stats_.bytes = writer_->fileBytes();
    closeResult_ = s;
    return closeResult_;
}

Status Recorder::status() const {
    std::lock_guard lk(mu_);
    return error_;
}

Recorder::Stats Recorder::stats() const {
    std::lock_guard lk(mu_);
    return stats_;
}

size_t Recorder::pendingEvents() const {
    std::lock_guard lk(mu_);
    return pendingEvents_;
}

}  // namespace poolscope
