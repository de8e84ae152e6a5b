#include "core/pool/ConnectionBag.h"

namespace poolscope {

namespace {
std::atomic<uint64_t> nextBagUid{1};
// A few bags per thread: a thread that alternates between pools keeps its
// affinity to each of them.
constexpr int kCachesPerThread = 4;
}  // namespace

ConnectionBag::ConnectionBag() : uid_(nextBagUid.fetch_add(1, std::memory_order_relaxed)) {}

ConnectionBag::~ConnectionBag() {
    for (auto& c : chunks_) delete[] c.load(std::memory_order_acquire);
}

ConnectionBag::ThreadCache& ConnectionBag::threadCache() {
    thread_local std::array<ThreadCache, kCachesPerThread> caches;
    thread_local int nextVictim = 0;
    for (auto& c : caches)
        if (c.uid == uid_) return c;
    ThreadCache& c = caches[nextVictim];
    nextVictim = (nextVictim + 1) % kCachesPerThread;
    c = ThreadCache{};
    c.uid = uid_;
    return c;
}

PoolEntry* ConnectionBag::reserveSlot() {
    const int n = slotCount();
    for (int i = 0; i < n; ++i) {
        PoolEntry& e = at(i);
        if (!e.slotInUse) {
            e.slotInUse = true;
            return &e;
        }
    }
    if (n >= kMaxSlots) return nullptr;
    const int chunk = n / kChunkSize;
    if (chunks_[chunk].load(std::memory_order_relaxed) == nullptr)
        chunks_[chunk].store(new PoolEntry[kChunkSize], std::memory_order_release);
    PoolEntry& e = at(n);
    e.slotInUse = true;
    slotCount_.store(n + 1, std::memory_order_release);
    return &e;
}

PoolEntry* ConnectionBag::takeIdle(const std::function<bool(PoolEntry*)>& tryTake) {
    if (PoolEntry* e = takeThreadLocal(tryTake)) return e;
    // Pool-wide LIFO: the idle entry used most recently. Retry a few times when
    // another thread wins the race for the best candidate.
    for (int attempt = 0; attempt < 8; ++attempt) {
        PoolEntry* best = nullptr;
        int64_t bestUsed = INT64_MIN;
        forEach([&](PoolEntry& e) {
            if (e.state.load(std::memory_order_relaxed) != ConnState::Idle) return;
            const int64_t used = e.lastUsedNs.load(std::memory_order_relaxed);
            if (used > bestUsed) {
                bestUsed = used;
                best = &e;
            }
        });
        if (best == nullptr) return nullptr;
        if (tryTake(best)) return best;
    }
    return nullptr;
}

void ConnectionBag::noteReturned(PoolEntry* entry) {
    ThreadCache& tc = threadCache();
    for (int i = 0; i < tc.count; ++i) {
        if (tc.recent[i] == entry) {
            for (int j = i; j + 1 < tc.count; ++j) tc.recent[j] = tc.recent[j + 1];
            tc.recent[tc.count - 1] = entry;
            return;
        }
    }
    if (tc.count == ThreadCache::kEntries) {
        for (int j = 0; j + 1 < tc.count; ++j) tc.recent[j] = tc.recent[j + 1];
        --tc.count;
    }
    tc.recent[tc.count++] = entry;
}

}  // namespace poolscope
