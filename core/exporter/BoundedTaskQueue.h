#pragma once
// httplib's task queue for the exporter: a fixed pool of worker threads and a
// cap on the connections admitted (queued or being served). A connection over
// the cap is served by one of two extra threads in "refusing" mode, where the
// exporter answers 503 and closes, so an overloaded exporter says so instead
// of queueing without bound.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include <httplib.h>

namespace poolscope {

class BoundedTaskQueue final : public httplib::TaskQueue {
public:
    /// `threads` workers (at least 1) serve at most `maxClients` connections
    /// (at least 1) at a time, queued ones included.
    BoundedTaskQueue(size_t threads, size_t maxClients);
    ~BoundedTaskQueue() override;

    /// Called by httplib's accept thread, one job per accepted connection.
    void enqueue(std::function<void()> fn) override;
    /// Serves what was queued, then joins every thread. Idempotent.
    void shutdown() override;

    /// True on the thread serving a connection admitted over the cap: the
    /// request must be answered 503 and the connection closed.
    static bool refusing();

private:
    static constexpr int kRefusers = 2;
    void work(bool refuser);

    const size_t maxClients_;
    std::mutex mu_;
    std::condition_variable cv_;
    std::condition_variable refuseCv_;
    std::deque<std::function<void()>> jobs_;
    std::deque<std::function<void()>> refused_;
    size_t admitted_ = 0;  // queued + running in jobs_
    bool shutdown_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace poolscope
