#include "core/pool/PoolStats.h"

#include <algorithm>

namespace poolscope {

// One event in a ring slot, written and read without locks. `seq` is a
// sequence lock: 2*index+1 while the writer fills the slot, 2*index+2 when it
// is complete. All fields are atomic, so a reader racing a writer sees a torn
// slot (and discards it), never undefined behaviour.
struct Slot {
    std::atomic<uint64_t> seq{0};
    std::atomic<uint64_t> conn{0};
    std::atomic<int64_t> monoNs{0};
    std::atomic<uint32_t> packed{0};  // from | to<<8 | reason<<16 | illegal<<24
};

struct alignas(64) PoolStats::Block {
    explicit Block(bool sharedBlock) : shared(sharedBlock) {}
    const bool shared;              // several writers: atomic read-modify-writes
    std::atomic<bool> owned{false};  // claimed by a live thread (exclusive blocks)
    std::array<std::atomic<uint64_t>, kConnEdgeCount> edges{};
    std::atomic<uint64_t> illegal{0};
    std::atomic<uint64_t> acquired{0};
    std::atomic<uint64_t> released{0};
    alignas(64) std::atomic<uint64_t> head{0};
    std::atomic<uint64_t> cursor{0};  // next index to drain; written by the drainer only
    std::array<Slot, kRingCapacity> slots;

    void add(std::atomic<uint64_t>& counter) {
        if (shared) counter.fetch_add(1, std::memory_order_relaxed);
        else counter.store(counter.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    }
    void push(uint64_t conn, ConnState from, ConnState to, Reason reason, bool illegalEvent, int64_t monoNs) {
        uint64_t idx;
        if (shared) {
            idx = head.fetch_add(1, std::memory_order_relaxed);
        } else {
            idx = head.load(std::memory_order_relaxed);
            head.store(idx + 1, std::memory_order_relaxed);
        }
        Slot& slot = slots[idx % kRingCapacity];
        // A shared-block writer preempted between claiming idx and writing may
        // find a newer event (a lap later) in its slot: its own event is then
        // already counted as dropped, and overwriting would stall the reader.
        if (shared && slot.seq.load(std::memory_order_relaxed) > 2 * idx + 2) return;
        slot.seq.store(2 * idx + 1, std::memory_order_relaxed);
        std::atomic_thread_fence(std::memory_order_release);
        slot.conn.store(conn, std::memory_order_relaxed);
        slot.monoNs.store(monoNs, std::memory_order_relaxed);
        slot.packed.store(static_cast<uint32_t>(from) | static_cast<uint32_t>(to) << 8 |
                              static_cast<uint32_t>(reason) << 16 | static_cast<uint32_t>(illegalEvent) << 24,
                          std::memory_order_relaxed);
        slot.seq.store(2 * idx + 2, std::memory_order_release);
    }
};

/// All blocks of one PoolStats. Shared with the threads' caches (weakly), so a
/// thread that exits after the pool is gone does not touch freed memory.
struct PoolStats::Registry {
    std::mutex mu;
    std::array<std::atomic<Block*>, kMaxBlocks> blocks{};
    std::atomic<int> count{0};
    Block overflow{true};
    const uint64_t uid;
    explicit Registry(uint64_t id) : uid(id) {}
    ~Registry() {
        for (auto& b : blocks) delete b.load();
    }
    Block& claim() {
        std::lock_guard lock(mu);
        const int n = count.load(std::memory_order_relaxed);
        for (int i = 0; i < n; ++i) {
            Block* b = blocks[i].load(std::memory_order_relaxed);
            bool expected = false;
            if (b->owned.compare_exchange_strong(expected, true, std::memory_order_acquire)) return *b;
        }
        if (n == kMaxBlocks) return overflow;
        auto* b = new Block(false);
        b->owned.store(true, std::memory_order_relaxed);
        blocks[n].store(b, std::memory_order_release);
        count.store(n + 1, std::memory_order_release);
        return *b;
    }
};

namespace {

std::atomic<uint64_t> nextStatsUid{1};

/// The block this thread used last, checked before threadBlocks: a plain
/// (trivially destructible) thread_local needs no guard on access, and a
/// thread nearly always records into the same pool as last time. Uids are
/// never reused, so an entry left over from a destroyed pool never matches.
struct LastBlock {
    uint64_t uid = 0;
    PoolStats::Block* block = nullptr;
};
thread_local LastBlock lastBlock;

/// This thread's blocks, for a few pools at a time. Blocks are given back when
/// the thread exits or uses more pools than the cache holds.
class ThreadBlocks {
public:
    static constexpr int kPools = 4;
    struct Item {
        uint64_t uid = 0;
        PoolStats::Block* block = nullptr;
        std::weak_ptr<PoolStats::Registry> registry;
    };
    ~ThreadBlocks() {
        for (auto& item : items_) giveBack(item);
    }
    PoolStats::Block* find(uint64_t uid) {
        for (auto& item : items_)
            if (item.uid == uid) return item.block;
        return nullptr;
    }
    PoolStats::Block* insert(const std::shared_ptr<PoolStats::Registry>& registry) {
        Item& item = items_[next_];
        next_ = (next_ + 1) % kPools;
        giveBack(item);
        item.uid = registry->uid;
        item.block = &registry->claim();
        item.registry = registry;
        return item.block;
    }

private:
    static void giveBack(Item& item) {
        if (lastBlock.uid == item.uid) lastBlock = {};
        // Touch the block only while its registry (and so the block) is alive.
        if (auto reg = item.registry.lock()) {
            if (!item.block->shared) item.block->owned.store(false, std::memory_order_release);
        }
        item = Item{};
    }
    std::array<Item, kPools> items_;
    int next_ = 0;
};

thread_local ThreadBlocks threadBlocks;


}  // namespace

PoolStats::PoolStats()
    : registry_(std::make_shared<Registry>(nextStatsUid.fetch_add(1, std::memory_order_relaxed))),
      uid_(registry_->uid) {}

PoolStats::~PoolStats() = default;

PoolStats::Block& PoolStats::block() {
    const uint64_t uid = uid_;
    if (lastBlock.uid == uid) return *lastBlock.block;
    Block* b = threadBlocks.find(uid);
    if (b == nullptr) b = threadBlocks.insert(registry_);
    lastBlock = {uid, b};
    return *b;
}

template <class F>
void PoolStats::forEachBlock(F&& f) const {
    const int n = registry_->count.load(std::memory_order_acquire);
    for (int i = 0; i < n; ++i) f(*registry_->blocks[i].load(std::memory_order_acquire));
    f(registry_->overflow);
}

void PoolStats::recordTransition(int edgeIndex, uint64_t conn, ConnState from, ConnState to,
                                 Reason reason, int64_t monoNs) {
    Block& b = block();
    b.add(b.edges[edgeIndex]);
    // Housekeeper borrows (keepalive, refill) are not caller acquires.
    if (reason == Reason::Granted) b.add(b.acquired);
    else if (from == ConnState::InUse && (reason == Reason::Release || reason == Reason::Broken))
        b.add(b.released);
    b.push(conn, from, to, reason, false, monoNs);
}

[[gnu::noinline]] void PoolStats::recordIllegal(uint64_t conn, ConnState from, ConnState to, int64_t monoNs) {
    Block& b = block();
    b.add(b.illegal);
    b.push(conn, from, to, Reason::IllegalAttempt, true, monoNs);
}

std::array<uint64_t, kConnEdgeCount> PoolStats::edgeTotals() const {
    std::array<uint64_t, kConnEdgeCount> out{};
    forEachBlock([&](const Block& b) {
        for (int i = 0; i < kConnEdgeCount; ++i) out[i] += b.edges[i].load(std::memory_order_relaxed);
    });
    return out;
}

uint64_t PoolStats::acquiredTotal() const {
    uint64_t n = 0;
    forEachBlock([&](const Block& b) { n += b.acquired.load(std::memory_order_relaxed); });
    return n;
}

uint64_t PoolStats::releasedTotal() const {
    uint64_t n = 0;
    forEachBlock([&](const Block& b) { n += b.released.load(std::memory_order_relaxed); });
    return n;
}

uint64_t PoolStats::illegalTotal() const {
    uint64_t n = 0;
    forEachBlock([&](const Block& b) { n += b.illegal.load(std::memory_order_relaxed); });
    return n;
}

uint64_t PoolStats::droppedTotal() const {
    if (!consumed_.load(std::memory_order_acquire)) return 0;
    uint64_t n = dropped_.load(std::memory_order_relaxed);
    // Events overwritten since the last drain are lost already, before the
    // consumer gets to them.
    forEachBlock([&](const Block& b) {
        const uint64_t head = b.head.load(std::memory_order_relaxed);
        const uint64_t cursor = b.cursor.load(std::memory_order_relaxed);
        if (head > cursor + kRingCapacity) n += head - cursor - kRingCapacity;
    });
    return n;
}

size_t PoolStats::drain(std::vector<TransitionEvent>& out, const Clock& clock) {
    std::lock_guard lock(drainMu_);
    const bool firstDrain = !consumed_.load(std::memory_order_relaxed);
    const size_t first = out.size();
    forEachBlock([&](const Block& cb) {
        Block& b = const_cast<Block&>(cb);
        uint64_t cursor = b.cursor.load(std::memory_order_relaxed);
        const uint64_t head = b.head.load(std::memory_order_acquire);
        uint64_t dropped = 0;
        if (head > cursor + kRingCapacity) {
            if (!firstDrain) dropped += head - cursor - kRingCapacity;  // else: backlog nobody asked for
            cursor = head - kRingCapacity;
        }
        for (; cursor < head; ++cursor) {
            Slot& slot = b.slots[cursor % kRingCapacity];
            const uint64_t s1 = slot.seq.load(std::memory_order_acquire);
            if (s1 < 2 * cursor + 2) break;  // writer still filling it: read it next time
            TransitionEvent ev;
            ev.conn = slot.conn.load(std::memory_order_relaxed);
            ev.monoNs = slot.monoNs.load(std::memory_order_relaxed);
            const uint32_t packed = slot.packed.load(std::memory_order_relaxed);
            std::atomic_thread_fence(std::memory_order_acquire);
            const uint64_t s2 = slot.seq.load(std::memory_order_relaxed);
            if (s1 != 2 * cursor + 2 || s2 != s1) {  // overwritten by a newer event
                ++dropped;
                continue;
            }
            ev.from = static_cast<ConnState>(packed & 0xff);
            ev.to = static_cast<ConnState>((packed >> 8) & 0xff);
            ev.reason = static_cast<Reason>((packed >> 16) & 0xff);
            ev.illegal = (packed >> 24) & 1;
            out.push_back(ev);
        }
        b.cursor.store(cursor, std::memory_order_relaxed);
        dropped_.fetch_add(dropped, std::memory_order_relaxed);
    });
    if (firstDrain) consumed_.store(true, std::memory_order_release);
    std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                     [](const TransitionEvent& a, const TransitionEvent& b) { return a.monoNs < b.monoNs; });
    for (size_t i = first; i < out.size(); ++i) {
        out[i].seq = nextSeq_++;
        out[i].tMs = clock.toWallMs(out[i].monoNs);
    }
    return out.size() - first;
}

}  // namespace poolscope
