#include "core/exporter/BoundedTaskQueue.h"

#include <algorithm>

namespace poolscope {
namespace {
thread_local bool tlRefusing = false;
}

BoundedTaskQueue::BoundedTaskQueue(size_t threads, size_t maxClients)
    : maxClients_(std::max<size_t>(1, maxClients)) {
    threads = std::max<size_t>(1, threads);
    for (size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { work(false); });
    // Refused connections are still read (httplib answers only after the
    // request); two threads so one slow refused client cannot hold them all.
    for (int i = 0; i < kRefusers; ++i) threads_.emplace_back([this] { work(true); });
}

BoundedTaskQueue::~BoundedTaskQueue() { shutdown(); }

bool BoundedTaskQueue::refusing() { return tlRefusing; }

void BoundedTaskQueue::enqueue(std::function<void()> fn) {
    {
        std::lock_guard lk(mu_);
        if (admitted_ >= maxClients_) {
            refused_.push_back(std::move(fn));
            refuseCv_.notify_one();
            return;
        }
        ++admitted_;
        jobs_.push_back(std::move(fn));
    }
    cv_.notify_one();
}

void BoundedTaskQueue::work(bool refuser) {
    tlRefusing = refuser;
    auto& queue = refuser ? refused_ : jobs_;
    auto& cv = refuser ? refuseCv_ : cv_;
    for (;;) {
        std::function<void()> fn;
        {
            std::unique_lock lk(mu_);
            cv.wait(lk, [&] { return shutdown_ || !queue.empty(); });
            if (queue.empty()) return;  // shut down and drained
            fn = std::move(queue.front());
            queue.pop_front();
        }
        fn();  // serves the connection and closes its socket
        if (!refuser) {
            std::lock_guard lk(mu_);
            --admitted_;
        }
    }
}

void BoundedTaskQueue::shutdown() {
    {
        std::lock_guard lk(mu_);
        if (shutdown_ && threads_.empty()) return;
        shutdown_ = true;
    }
    cv_.notify_all();
    refuseCv_.notify_all();
    for (auto& t : threads_)
        if (t.joinable()) t.join();
    threads_.clear();
}

}  // namespace poolscope
