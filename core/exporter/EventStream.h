#pragma once
// One client's Server-Sent Events stream of a pool's transition events:
//
//   : connected                       (comment: the stream is open)
//
//   event: gap                        (only when the backlog dropped events the
//   data: {"kind":"gap","pool":"p","from_seq":5,"to_seq":9,"missed":5}
//                                      client asked for; never silently skipped)
//
//   id: 42                            (the last seq of the batch: resume point)
//   event: events
//   data: <eventsToJsonLine(...)>
//
//   : keep-alive                      (when nothing happened for a while)

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace poolscope {

class PoolFeed;

/// Not thread-safe: one per client, driven by the HTTP thread serving it.
class EventStream {
public:
    /// Writes bytes to the client; false when the client is gone.
    using Write = std::function<bool(std::string_view)>;
    static constexpr size_t kMaxBatch = 8192;  ///< events per `events` message

    /// `resumeAfter`: the client's Last-Event-ID (or ?from=): events with a
    /// higher seq follow, preceded by a gap message when some are no longer
    /// kept. Without it the stream starts with the next new event.
    EventStream(std::shared_ptr<PoolFeed> feed, std::optional<uint64_t> resumeAfter,
                std::chrono::milliseconds keepAlive, const std::atomic<bool>& stop);

    enum class Step { Continue, Done, ClientGone };
    /// Waits up to the keep-alive interval for events and writes what there
    /// is (events, a gap, or a keep-alive comment). Done when the exporter
    /// stops or the pool is removed.
    Step step(const Write& write);

private:
    std::shared_ptr<PoolFeed> feed_;
    uint64_t after_ = 0;
    bool started_ = false;
    const std::chrono::milliseconds keepAlive_;
    const std::atomic<bool>& stop_;
    std::string buf_;
};

}  // namespace poolscope
