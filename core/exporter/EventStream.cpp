#include "core/exporter/EventStream.h"

#include "core/exporter/PoolFeed.h"
#include "core/telemetry/EventJson.h"
#include "core/telemetry/JsonWriter.h"

namespace poolscope {

EventStream::EventStream(std::shared_ptr<PoolFeed> feed, std::optional<uint64_t> resumeAfter,
                         std::chrono::milliseconds keepAlive, const std::atomic<bool>& stop)
    : feed_(std::move(feed)), keepAlive_(keepAlive), stop_(stop) {
    after_ = resumeAfter ? *resumeAfter : feed_->lastSeq();
}

EventStream::Step EventStream::step(const Write& write) {
    if (!started_) {
        started_ = true;
        // The client's EventSource retries after 1 s; the comment flushes the
        // headers so the client knows the stream is open.
        return write("retry: 1000\n: connected\n\n") ? Step::Continue : Step::ClientGone;
    }
    if (stop_.load() || feed_->detached()) return Step::Done;
    EventBacklog::Read r = feed_->waitEvents(after_, kMaxBatch, keepAlive_, stop_);
    if (stop_.load() || feed_->detached()) return Step::Done;
    buf_.clear();
    if (r.gap) {
        JsonWriter w;
        w.beginObject()
            .key("kind").value("gap")
            .key("pool").value(feed_->name())
            .key("from_seq").value(r.gap->fromSeq)
            .key("to_seq").value(r.gap->toSeq)
            .key("missed").value(r.gap->missed())
            .endObject();
        buf_ += "id: " + std::to_string(r.gap->toSeq) + "\nevent: gap\ndata: " + w.take() + "\n\n";
        after_ = r.gap->toSeq;
    }
    if (!r.events.empty()) {
        after_ = r.events.back().seq;
        buf_ += "id: " + std::to_string(after_) + "\nevent: events\ndata: ";
        appendEventsJsonLine(buf_, feed_->name(), r.events);
        buf_ += "\n\n";
    }
    if (buf_.empty()) buf_ = ": keep-alive\n\n";
    return write(buf_) ? Step::Continue : Step::ClientGone;
}

}  // namespace poolscope
