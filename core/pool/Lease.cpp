#include "core/pool/Pool.h"
#include "core/pool/PoolEntry.h"

namespace poolscope {

Lease::Lease(Lease&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)),
      entry_(std::exchange(other.entry_, nullptr)),
      generation_(other.generation_),
      released_(other.released_),
      broken_(other.broken_) {}

Lease& Lease::operator=(Lease&& other) noexcept {
    if (this != &other) {
        if (valid()) (void)release();
        pool_ = std::exchange(other.pool_, nullptr);
        entry_ = std::exchange(other.entry_, nullptr);
        generation_ = other.generation_;
        released_ = other.released_;
        broken_ = other.broken_;
    }
    return *this;
}

Lease::~Lease() {
    if (valid()) (void)release();
}

uint64_t Lease::connectionId() const {
    return entry_ ? entry_->id.load(std::memory_order_relaxed) : 0;
}

Connection& Lease::connection() { return *entry_->connection; }

Result<QueryResult> Lease::execute(std::string_view sql, int64_t timeoutMs) {
    if (!valid()) return Error{"this lease holds no connection"};
    const Deadline deadline = timeoutMs > 0
                                  ? std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs)
                                  : Deadline::max();
    auto r = entry_->connection->execute(sql, deadline);
    if (!r && r.error().fatal) broken_ = true;
    return r;
}

Status Lease::release() {
    if (entry_ == nullptr) return Status::fail("this lease holds no connection");
    // A second release still goes to the pool, which refuses it by the table
    // and counts the attempt: the pool, not the lease, is the judge.
    released_ = true;
    return pool_->releaseEntry(entry_, generation_, broken_);
}

}  // namespace poolscope
