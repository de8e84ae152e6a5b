#pragma once
// Where a pool's connections live, and how a borrower finds an idle one fast:
// first among the connections this thread returned most recently, then the
// most recently returned idle connection of the whole pool. Modelled on
// HikariCP's ConcurrentBag.

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>

#include "core/pool/PoolEntry.h"

namespace poolscope {

class ConnectionBag {
public:
    /// Up to kMaxSlots connections (kMaxChunks chunks of kChunkSize slots).
    static constexpr int kChunkSize = 256;
    static constexpr int kMaxChunks = 256;
    static constexpr int kMaxSlots = kChunkSize * kMaxChunks;

    ConnectionBag();
    ~ConnectionBag();
    ConnectionBag(const ConnectionBag&) = delete;
    ConnectionBag& operator=(const ConnectionBag&) = delete;

    /// Finds a free slot (growing if needed) and marks it in use. Call with the
    /// pool mutex held. Returns nullptr when kMaxSlots are in use.
    PoolEntry* reserveSlot();
    /// Marks a slot free again. Call with the pool mutex held.
    void freeSlot(PoolEntry* entry) { entry->slotInUse = false; }

    /// Idle candidates, best first: this thread's recently returned entries
    /// (newest first), then by the pool-wide most recently used. `tryTake` is
    /// called on each candidate and returns true when it took it; the scan then
    /// stops. Returns the entry taken or nullptr.
    PoolEntry* takeIdle(const std::function<bool(PoolEntry*)>& tryTake);
    /// Fast path only: this thread's recent entries. `tryTake` as above.
    template <class F>
    PoolEntry* takeThreadLocal(F&& tryTake);
    /// Remembers that this thread returned `entry` (thread-local affinity).
    void noteReturned(PoolEntry* entry);

    /// Number of slots ever used (an upper bound for iteration).
    int slotCount() const { return slotCount_.load(std::memory_order_acquire); }
    PoolEntry& at(int i) const {
        return chunks_[i / kChunkSize].load(std::memory_order_acquire)[i % kChunkSize];
    }
    /// Calls f(entry) for every slot that has ever held a connection.
    template <class F>
    void forEach(F&& f) const {
        const int n = slotCount();
        for (int i = 0; i < n; ++i) f(at(i));
    }

private:
    struct ThreadCache;
    ThreadCache& threadCache();

    const uint64_t uid_;  // distinguishes this bag in thread-local caches
    std::array<std::atomic<PoolEntry*>, kMaxChunks> chunks_{};
    std::atomic<int> slotCount_{0};
};

/// Per-thread memory of recently returned entries, for one bag at a time per
/// cache line. Entries are never dereferenced unless the uid matches a live bag.
struct ConnectionBag::ThreadCache {
    static constexpr int kEntries = 4;
    uint64_t uid = 0;
    PoolEntry* recent[kEntries] = {};  // newest last
    int count = 0;
};

template <class F>
PoolEntry* ConnectionBag::takeThreadLocal(F&& tryTake) {
    ThreadCache& tc = threadCache();
    if (tc.uid != uid_) return nullptr;
    for (int i = tc.count - 1; i >= 0; --i) {
        PoolEntry* e = tc.recent[i];
        if (e->state.load(std::memory_order_relaxed) == ConnState::Idle && tryTake(e)) return e;
    }
    return nullptr;
}

}  // namespace poolscope
